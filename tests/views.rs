//! Queries, ignore rules and saved views through the real binary: headless `--query`, rules in
//! config.toml applied to what is stored, and the reader's views and `:` prompt in a
//! pseudo-terminal.

mod support;

use serde_json::Value;
use support::cli::Env;
use support::pty::Term;

const ENTER: &str = "\r";

fn env() -> Env {
    Env::two_feeds()
}

/// Adds `text` to the env's config.toml.
fn configure(env: &Env, text: &str) {
    let path = env.dir.path().join("config.toml");
    let mut config = std::fs::read_to_string(&path).expect("config");
    config.push_str(text);
    std::fs::write(path, config).expect("write config");
}

fn titles(env: &Env, args: &[&str]) -> Vec<String> {
    let mut all = vec!["articles", "--json"];
    all.extend_from_slice(args);
    let list: Value = env.json(&all);
    list.as_array().expect("array").iter().map(|a| a["title"].as_str().expect("title").to_string()).collect()
}

const RUST: &str = "Rust 1.95 stabilises async closures in traits";
const POSTGRES: &str = "Postgres 19 beta lands with built-in connection pooling";
const OUTAGE: &str = "Outage report: a DNS TTL of zero took down our status page";
const FRENCH: &str = "« Souveraineté numérique » : l’État mise sur le logiciel libre — enfin ?";

#[test]
fn headless_queries_list_and_mark_read_and_a_bad_one_says_where() {
    let env = env();
    env.ok(&["refresh"]);
    assert_eq!(titles(&env, &["--query", "tag:rust OR tag:dns"]), [RUST, OUTAGE]);
    assert_eq!(titles(&env, &["--query", "tag:tech -tag:databases -(tag:dns)"]), [RUST]);
    assert_eq!(titles(&env, &["--query", "feed:numérique OR pooling"]).len(), 2);
    assert_eq!(
        titles(&env, &["--query", "tag:tech", "--sort", "oldest"]).last().map(String::as_str),
        Some(RUST)
    );

    let run = env.run(&["articles", "--query", "tag:tech age:<7x"]);
    assert!(!run.ok);
    let line = run.stderr.trim();
    assert_eq!(line, "error: --query: age:<7x: unknown unit \"x\" at column 15");
    assert_eq!(line.lines().count(), 1, "{line}");
    assert!(!line.to_lowercase().contains("sql"), "{line}");

    let run = env.ok(&["mark-read", "--query", "tag:tech -tag:rust"]);
    assert!(run.stdout.contains("marked 2 articles read"), "{}", run.stdout);
    let mut unread = titles(&env, &["--query", "unread"]);
    unread.sort();
    let mut want = vec![RUST.to_string(), FRENCH.to_string()];
    want.sort();
    assert_eq!(unread, want);
    assert_eq!(titles(&env, &["--query", "read"]).len(), 2);
}

#[test]
fn hide_rules_apply_to_what_is_stored_and_come_off_again() {
    let env = env();
    env.ok(&["refresh"]);
    let unread_of_tech = |env: &Env| -> u64 {
        let feeds: Value = env.json(&["feeds", "--json"]);
        feeds
            .as_array()
            .expect("array")
            .iter()
            .filter(|f| f["url"] == env.url("/rss2.xml"))
            .map(|f| f["unread"].as_u64().expect("unread"))
            .sum()
    };
    assert_eq!(unread_of_tech(&env), 3);
    let config = std::fs::read_to_string(env.dir.path().join("config.toml")).expect("config");
    configure(&env, "\n[[ignore]]\nquery = \"title:outage OR tag:databases\"\nmode = \"hide\"\n");
    assert_eq!(titles(&env, &["--query", "tag:tech"]), [RUST]);
    assert_eq!(unread_of_tech(&env), 1, "hidden articles are not counted");
    std::fs::write(env.dir.path().join("config.toml"), config).expect("restore config");
    assert_eq!(titles(&env, &["--query", "tag:tech"]).len(), 3, "a rule taken off shows them again");
    assert_eq!(unread_of_tech(&env), 3);
}

#[test]
fn drop_rules_keep_articles_out_of_the_store() {
    let env = env();
    configure(&env, "\n[[ignore]]\nquery = \"feed:byte title:postgres\"\nmode = \"drop\"\n");
    let run = env.ok(&["refresh"]);
    assert!(!titles(&env, &[]).contains(&POSTGRES.to_string()));
    assert_eq!(titles(&env, &[]).len(), 3);
    assert!(!run.stdout.contains("4 new"), "{}", run.stdout);
    // Fetched again, it stays out; taking the rule off does not bring back what was never kept.
    env.ok(&["refresh"]);
    assert_eq!(titles(&env, &[]).len(), 3);
}

#[test]
fn a_bad_rule_or_view_names_the_file_line_and_key() {
    let env = env();
    configure(&env, "\n[[view]]\nname = \"broken\"\nquery = \"tag:rust (unread\"\n");
    let run = env.run(&["articles"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("config.toml:") && run.stderr.contains("view[1].query: unclosed ( at column 10"),
        "{}",
        run.stderr
    );
}

/// `byline` on this env's files, in a 140x30 terminal.
fn start(env: &Env) -> Term {
    let args = env.file_args();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    Term::spawn_with_env(&args, env.dir.path(), 140, 30, &[])
}

#[test]
fn the_reader_shows_views_with_counts_and_filters_by_them_and_by_a_typed_query() {
    let env = env();
    configure(
        &env,
        "\n[[view]]\nname = \"Rust or DNS\"\nquery = \"tag:rust OR tag:dns\"\nsort = \"oldest\"\n",
    );
    env.ok(&["refresh"]);
    let mut term = start(&env);
    term.wait_for("» Rust or DNS");
    term.wait_until("the view's unread count", |s| {
        s.lines().any(|l| {
            l.contains("» Rust or DNS") && l.split("» Rust or DNS").nth(1).is_some_and(|r| r.contains('2'))
        })
    });
    // Focus the tags pane, go to the view (All, Starred, then the view) and choose it.
    term.send_and_settle("\x1b[Z\x1b[Z");
    term.send_and_settle("jj");
    term.send_and_settle(ENTER);
    term.wait_for("view: Rust or DNS");
    term.wait_for("2 articles");
    let screen = term.screen();
    assert!(screen.contains("oldest first"), "the view's sort:\n{screen}");
    let (outage, rust) =
        (screen.find("Outage report").expect("outage"), screen.find("Rust 1.95").expect("rust"));
    assert!(outage < rust, "oldest first:\n{screen}");
    assert!(!screen.contains("Postgres 19"), "{screen}");

    // A typed query: a bad one stays in the prompt with its error; a good one filters.
    term.send_and_settle(":");
    term.wait_for("Query: tag:rust OR tag:dns");
    term.write_raw("\x15age:<7x");
    term.send_and_settle(ENTER);
    term.wait_for("unknown unit \"x\" at column 6");
    term.write_raw("\x15feed:numérique");
    term.send_and_settle(ENTER);
    term.wait_for(":feed:numérique");
    term.wait_for("1 articles");
    assert!(term.screen().contains("Souveraineté"), "{}", term.screen());
    // `S` cycles the order; an empty query clears.
    term.send_and_settle(":");
    term.write_raw("\x15");
    term.send_and_settle(ENTER);
    term.wait_for("4 articles");
    term.send_and_settle("S");
    term.wait_for("oldest first");
    term.send("q");
    assert!(term.wait_exit(), "quits");
}

#[test]
fn a_refresh_on_start_announces_its_new_matches_once_through_the_notify_command() {
    let env = env();
    let dir = env.dir.path();
    let (out, script) = (dir.join("notified"), dir.join("notify.sh"));
    std::fs::write(&script, "out=$1; shift; printf '%s\\n' \"$@\" >> \"$out\"; echo end >> \"$out\"\n")
        .expect("script");
    let config = std::fs::read_to_string(dir.join("config.toml")).expect("config");
    std::fs::write(
        dir.join("config.toml"),
        config.replace("refresh_on_start = false", "refresh_on_start = true"),
    )
    .expect("config");
    configure(
        &env,
        &format!(
            "\n[notify]\nquery = \"tag:rust OR tag:dns\"\ncommand = [\"sh\", {:?}, {:?}, \"{{count}}\", \"{{title}}\", \"{{query}}\"]\n",
            script.to_string_lossy(),
            out.to_string_lossy()
        ),
    );
    let mut term = start(&env);
    term.wait_for("refreshed 2 feeds");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !std::fs::read_to_string(&out).unwrap_or_default().contains("end") {
        assert!(std::time::Instant::now() < deadline, "no notification");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let recorded = std::fs::read_to_string(&out).expect("recorded");
    assert_eq!(recorded, format!("2\n{RUST}\ntag:rust OR tag:dns\nend\n"));
    // R: asked for, watched, and nothing new: no second notification.
    term.send_and_settle("R");
    term.wait_for("refreshed 2 feeds: 0 new");
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_eq!(std::fs::read_to_string(&out).expect("recorded"), recorded);
    term.send("q");
    assert!(term.wait_exit(), "quits");
}
