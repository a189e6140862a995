//! `byline sync` against the real FreshRSS of ../shared/servers (the Google Reader API): N items
//! in F feeds that FreshRSS has fetched, into an empty store; then a sync with nothing new; then
//! one that sends a mark for every article. Prints wall time, CPU time, peak memory and how many
//! API requests each made (counted in FreshRSS's own request log).
//!
//!     cargo bench --bench sync                 # 10,000 items in 20 feeds
//!     cargo bench --bench sync -- 20000 40     # items, feeds
//!
//! Needs what the sync tests need (PHP, root; see README). Stops the server at the end.

#[allow(dead_code)] // `run`: this bench wants the output too
#[path = "support/cost.rs"]
mod cost;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use cost::run_output;

fn main() {
    let numbers: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let (items, feeds) =
        (numbers.first().copied().unwrap_or(10_000), numbers.get(1).copied().unwrap_or(20).max(1));
    let servers = std::env::var_os("BYLINE_SERVERS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/servers"));
    let script = servers.join("freshrss/setup.sh");
    let setup = |verb: &str| Command::new("bash").arg(&script).arg(verb).output().expect("setup.sh");
    assert!(setup("start").status.success(), "FreshRSS did not start");
    let tmp = std::env::var_os("TMPDIR").map_or_else(|| PathBuf::from("/tmp"), PathBuf::from);
    let run_dir = tmp.join("byline-freshrss/run");
    let env = read_env(&run_dir.join("env"));
    let (api, user, password) =
        (&env["FRESHRSS_GREADER_URL"], &env["FRESHRSS_USER"], &env["FRESHRSS_API_PASSWORD"]);

    // The feeds, and FreshRSS subscribed to them and fetching them.
    let per_feed = items.div_ceil(feeds);
    let feeds_dir = PathBuf::from(&env["FRESHRSS_FEEDS_DIR"]);
    let auth =
        curl(&["-d", &format!("Email={user}&Passwd={password}"), &format!("{api}/accounts/ClientLogin")]);
    let auth = auth.lines().find_map(|l| l.strip_prefix("Auth=")).expect("Auth=").to_string();
    let header = format!("Authorization: GoogleLogin auth={auth}");
    for f in 0..feeds {
        let name = format!("bench{f}.xml");
        std::fs::write(feeds_dir.join(&name), feed(f, per_feed, &env["FRESHRSS_FEED_BASE"]))
            .expect("write feed");
        let url = format!("{}/{name}", env["FRESHRSS_FEED_BASE"]);
        let form = format!("ac=subscribe&T=x&s=feed/{url}&a=user/-/label/Bench{}", f % 4);
        let said = curl(&["-H", &header, "-d", &form, &format!("{api}/reader/api/0/subscription/edit")]);
        assert_eq!(said.trim(), "OK", "subscribe {url}");
    }
    let fetched = std::time::Instant::now();
    setup("actualize");
    let ids = curl(&[
        "-H",
        &header,
        &format!(
            "{api}/reader/api/0/stream/items/ids?s=user/-/state/com.google/reading-list&n=100000&output=json"
        ),
    ]);
    let on_server = ids.matches("\"id\"").count();
    println!(
        "byline sync with FreshRSS: {on_server} items in {feeds} feeds on the server (fetched by it in {:.1} s), {} cores",
        fetched.elapsed().as_secs_f64(),
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );

    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("config.toml"),
        format!("[sync]\nservice = \"greader\"\nurl = \"{api}\"\nuser = \"{user}\"\npassword_env = \"BYLINE_BENCH_PASSWORD\"\n"),
    )
    .expect("config");
    let byline = |args: &[&str]| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_byline"));
        cmd.arg("--config").arg(dir.path().join("config.toml")).arg("--db").arg(dir.path().join("byline.db"));
        cmd.args(args).env("XDG_STATE_HOME", dir.path()).env("BYLINE_BENCH_PASSWORD", password);
        cmd
    };
    let log = run_dir.join("php-server.log");
    let measured = |label: &str, args: &[&str]| {
        let before = requests(&log);
        let (cost, out) = run_output(byline(args));
        // The PHP server writes its log line as the answer goes: let the last one land.
        std::thread::sleep(std::time::Duration::from_millis(300));
        let made = requests(&log) - before;
        println!("  {label:<28} {cost} | {made:>3} requests | {}", out.lines().next().unwrap_or_default());
    };
    measured("first sync (empty store):", &["sync"]);
    measured("nothing new:", &["sync"]);
    measured("nothing new, again:", &["sync"]);
    let marked = Command::new(env!("CARGO_BIN_EXE_byline"))
        .arg("--config")
        .arg(dir.path().join("config.toml"))
        .arg("--db")
        .arg(dir.path().join("byline.db"))
        .args(["mark-read", "--all"])
        .env("XDG_STATE_HOME", dir.path())
        .output()
        .expect("mark-read");
    println!("  then `byline mark-read --all`: {}", String::from_utf8_lossy(&marked.stdout).trim());
    measured("sending every mark:", &["sync"]);
    let size = std::fs::read_dir(dir.path())
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("-sync-"))
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum::<u64>();
    println!("  synced store: {:.1} MB", size as f64 / 1e6);
    setup("stop");
}

/// API requests FreshRSS has answered so far (its built-in server logs one line each).
fn requests(log: &Path) -> usize {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    text.lines().filter(|l| l.contains("]: GET /api/") || l.contains("]: POST /api/")).count()
}

fn curl(args: &[&str]) -> String {
    let out = Command::new("curl").arg("-sS").args(args).output().expect("curl");
    assert!(out.status.success(), "curl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn read_env(path: &Path) -> HashMap<String, String> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter_map(|l| l.strip_prefix("export "))
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// A feed of `n` items of news-sized text (about 1.5 KB each).
fn feed(f: usize, n: usize, base: &str) -> String {
    let now = chrono::Utc::now();
    let body = "&lt;p&gt;Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor \
                incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam.&lt;/p&gt;"
        .repeat(8);
    let items: String = (0..n)
        .map(|i| {
            let date = (now - chrono::Duration::minutes((f * n + i) as i64)).to_rfc2822();
            format!(
                "<item><title>Feed {f} story {i}</title><link>{base}/{f}/{i}.html</link><guid isPermaLink=\"false\">b{f}-{i}</guid>\
                 <pubDate>{date}</pubDate><category>topic{}</category><description>{body}</description></item>\n",
                i % 7
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Bench {f}</title><link>{base}/</link>\n{items}</channel></rss>\n"
    )
}
