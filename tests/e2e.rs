//! The real binary in a pseudo-terminal against a loopback feed server: start, refresh, filter by
//! a tag, open an article (which marks it read), quit, start again and find the state kept, and
//! the terminal restored every time.

mod support;

use std::path::Path;

use support::cli::Env;
use support::pty::Term;

const DOWN: &str = "\x1b[B";
const BACKTAB: &str = "\x1b[Z";
const ENTER: &str = "\r";

fn env() -> Env {
    Env::two_feeds()
}

/// `byline` on this env's files, in a 140x30 terminal, with `vars` in its environment.
fn start_with(env: &Env, vars: &[(&str, &str)]) -> Term {
    let args = env.file_args();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    Term::spawn_with_env(&args, env.dir.path(), 140, 30, vars)
}

fn start(env: &Env) -> Term {
    start_with(env, &[])
}

/// The text of the screen row that shows `text`.
fn row_with(term: &Term, text: &str) -> String {
    term.screen().lines().find(|l| l.contains(text)).unwrap_or_default().to_string()
}

/// Whether the first cell of `text` on screen is drawn selected (NO_COLOR keeps reverse video).
fn is_selected(term: &Term, text: &str) -> bool {
    term.with_screen(|screen| {
        let (rows, cols) = screen.size();
        (0..rows).any(|r| {
            let line: String = (0..cols).filter_map(|c| screen.cell(r, c)).map(|c| c.contents()).collect();
            line.find(text).is_some_and(|byte| {
                let col = line[..byte].chars().count() as u16;
                screen.cell(r, col).is_some_and(|c| c.inverse())
            })
        })
    })
}

fn assert_restored(term: &Term) {
    term.with_screen(|s| {
        assert!(!s.alternate_screen(), "still on the alternate screen");
        assert!(!s.hide_cursor(), "cursor still hidden");
        assert_eq!(s.mouse_protocol_mode(), vt100::MouseProtocolMode::None, "mouse capture left on");
        assert!(!s.bracketed_paste(), "bracketed paste left on");
    });
}

fn unread_of(dir: &Path, title: &str) -> bool {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_byline"))
        .arg("--config")
        .arg(dir.join("config.toml"))
        .arg("--feeds")
        .arg(dir.join("feeds.toml"))
        .arg("--db")
        .arg(dir.join("byline.db"))
        .args(["articles", "--json"])
        .output()
        .expect("run byline articles");
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let article = list.as_array().expect("array").iter().find(|a| a["title"] == title).expect(title).clone();
    !article["read"].as_bool().expect("articles --json has a boolean read field")
}

#[test]
fn read_an_article_quit_and_find_it_read_again() {
    let env = env();
    let french_title = "« Souveraineté";
    let mut term = start(&env);
    // The first frame comes from the store: the feeds are listed before any network work.
    term.wait_for("Feeds (2)");
    term.send("R");
    term.wait_for("refreshed 2 feeds");
    term.wait_for(french_title);

    // To the tags pane (focus starts on the articles), down to "french", apply it.
    term.send_and_settle(BACKTAB);
    term.send_and_settle(BACKTAB);
    for _ in 0..12 {
        if is_selected(&term, "french") {
            break;
        }
        term.send_and_settle(DOWN);
    }
    assert!(is_selected(&term, "french"), "never reached the french tag:\n{}", term.screen());
    term.send(ENTER);
    term.wait_for("tags: french");
    term.wait_until("only the French article listed", |s| !s.contains("Postgres 19"));

    // Applying a tag moves to the article list; open the article: the reader shows it (its
    // feed and author under the title) and it is marked read.
    term.send(ENTER);
    term.wait_for("L’Actu Numérique · ");
    // The mark is written by the database thread, which may finish just after the frame.
    let title = "« Souveraineté numérique » : l’État mise sur le logiciel libre — enfin ?";
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while unread_of(env.dir.path(), title) {
        assert!(std::time::Instant::now() < deadline, "opening the article did not mark it read");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }

    term.send("q");
    term.send("q");
    assert!(term.wait_exit(), "byline exited with an error:\n{}", term.screen());
    assert_restored(&term);

    // Start again: no refresh needed, the articles and their read state are in the store.
    let mut again = start(&env);
    again.wait_for(french_title);
    again.wait_for("Postgres 19");
    let french_feed = row_with(&again, "L’Actu Numérique ");
    assert!(
        french_feed.contains("│  L’Actu Numérique"),
        "the feeds pane lists the French feed: {french_feed:?}"
    );
    assert!(!french_feed.contains(" 1│"), "the French feed still counts one unread: {french_feed:?}");
    again.send("\x03");
    assert!(again.wait_exit(), "Ctrl-C should quit cleanly");
    assert_restored(&again);
}

#[test]
fn a_panic_restores_the_terminal_then_prints_its_message() {
    let env = env();
    // Debug builds panic on `!` when asked to (see tui::panic_on_request).
    let mut term = start_with(&env, &[("BYLINE_TEST_PANIC", "1")]);
    term.wait_for("Feeds (2)");
    term.send("!");
    assert!(!term.wait_exit(), "a panic exits with an error");
    assert_restored(&term);
    term.wait_for("test panic requested");
}

#[test]
fn sigterm_restores_the_terminal() {
    let env = env();
    let mut term = start(&env);
    term.wait_for("Feeds (2)");
    let pid = term.pid().expect("pid");
    // SAFETY: a plain kill(2) of our own child.
    unsafe { libc::kill(pid as libc::pid_t, libc::SIGTERM) };
    term.wait_exit();
    assert_restored(&term);
}
