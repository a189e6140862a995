//! What sync must do, written once and run against each real server (tests/sync_*.rs).

use std::collections::BTreeSet;

/// The scenarios that need nothing of a server but itself, each as a test against a freshly
/// started `$server`, ignored for `$why` unless run with `--include-ignored`.
macro_rules! tests_against {
    ($server:ty, $why:literal: $($name:ident),* $(,)?) => {
        $(
            #[test]
            #[ignore = $why]
            fn $name() {
                scenarios::$name(&<$server>::start());
            }
        )*
    };
}

use crate::support::sync::{Home, Remote};

fn set(titles: &[&str]) -> BTreeSet<String> {
    titles.iter().map(|t| t.to_string()).collect()
}

/// Two feeds on the server (a.xml in folder Tech, b.xml in News), fetched by it, with A2 read
/// and B1 starred there; and a home that has synced once.
fn two_feeds(r: &dyn Remote) -> Home {
    r.write_feed("a.xml", "Feed A", &[("a3", "A3"), ("a2", "A2"), ("a1", "A1")]);
    r.write_feed("b.xml", "Feed B", &[("b2", "B2"), ("b1", "B1")]);
    r.subscribe_on_server(&r.feed_url("a.xml"), "Tech");
    r.subscribe_on_server(&r.feed_url("b.xml"), "News");
    r.fetch();
    r.set_on_server("A2", Some(true), None);
    r.set_on_server("B1", None, Some(true));
    let home = Home::new(r);
    let run = home.ok(&["sync"]);
    assert_eq!(run.stdout.trim(), format!("synced with {}: 5 new, 0 changes sent, 0 waiting", r.service()));
    home
}

pub fn first_sync_takes_feeds_folders_articles_and_states(r: &dyn Remote) {
    let home = two_feeds(r);
    let feeds = home.feeds();
    assert_eq!(
        feeds.keys().cloned().collect::<BTreeSet<_>>(),
        set(&[&r.feed_url("a.xml"), &r.feed_url("b.xml")])
    );
    if r.service() == "greader" {
        assert_eq!(feeds[&r.feed_url("a.xml")], ["Tech"], "the server's folder is the feed's tag");
    }
    let articles = home.articles();
    assert_eq!(articles.len(), 5, "{articles:?}");
    assert!(articles["A2"].1 && !articles["A1"].1, "read as on the server: {articles:?}");
    assert!(articles["B1"].2 && !articles["B2"].2, "starred as on the server: {articles:?}");
    // Nothing new: nothing fetched again.
    let again = home.ok(&["sync"]);
    assert!(
        again.stdout.starts_with(&format!("synced with {}: 0 new, 0 changes sent", r.service())),
        "{}",
        again.stdout
    );
    // The session is kept for the user alone; the password is nowhere byline wrote.
    let token = std::fs::read_dir(home.state_dir())
        .expect("state dir")
        .flatten()
        .find(|e| e.file_name().to_string_lossy().ends_with(".token"))
        .expect("a kept session");
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(token.metadata().expect("meta").permissions().mode() & 0o777, 0o600);
    let token_text = std::fs::read_to_string(token.path()).expect("token");
    for (path, bytes) in home.written_bytes() {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains(&r.password()), "the password in {}", path.display());
        if path != token.path() && path.extension().is_some_and(|e| e == "db" || e == "log") {
            assert!(!text.contains(token_text.trim()), "the session token in {}", path.display());
        }
    }
}

pub fn new_items_and_changes_on_the_server_show_after_a_sync(r: &dyn Remote) {
    let home = two_feeds(r);
    r.write_feed("a.xml", "Feed A", &[("a4", "A4"), ("a3", "A3"), ("a2", "A2"), ("a1", "A1")]);
    r.fetch();
    // Read on the phone, starred in the web UI: articles byline has already.
    r.set_on_server("A1", Some(true), None);
    r.set_on_server("A3", None, Some(true));
    r.set_on_server("B1", None, Some(false));
    let run = home.ok(&["sync"]);
    assert!(
        run.stdout.starts_with(&format!("synced with {}: 1 new, 0 changes sent", r.service())),
        "{}",
        run.stdout
    );
    let articles = home.articles();
    assert!(articles.contains_key("A4"), "{articles:?}");
    assert!(articles["A1"].1, "read on the server: {articles:?}");
    assert!(articles["A3"].2 && !articles["B1"].2, "stars as on the server: {articles:?}");
}

pub fn marks_made_in_byline_reach_the_server(r: &dyn Remote) {
    let home = two_feeds(r);
    home.ok(&["mark-read", &home.id("A1")]);
    home.ok(&["star", &home.id("B2")]);
    home.ok(&["mark-unread", &home.id("A2")]);
    assert_eq!(home.status("changes waiting"), "3");
    let run = home.ok(&["sync"]);
    assert_eq!(run.stdout.trim(), format!("synced with {}: 0 new, 3 changes sent, 0 waiting", r.service()));
    assert_eq!(r.unread_titles(), set(&["A2", "A3", "B1", "B2"]));
    assert_eq!(r.starred_titles(), set(&["B1", "B2"]));
    // Mark-all-read, then undo's opposite: the last word reaches the server.
    home.ok(&["mark-read", "--all"]);
    home.ok(&["mark-unread", &home.id("B2")]);
    home.ok(&["sync"]);
    assert_eq!(r.unread_titles(), set(&["B2"]));
}

/// `down` makes the server unreachable, `up` brings it back.
pub fn marks_made_offline_wait_and_are_sent_in_order(
    r: &dyn Remote,
    down: &dyn Fn(&Home),
    up: &dyn Fn(&Home),
) {
    let home = two_feeds(r);
    let (a1, a2, a3, b1) = (home.id("A1"), home.id("A2"), home.id("A3"), home.id("B1"));
    down(&home);
    home.ok(&["star", &a1]);
    home.ok(&["unstar", &a1]);
    home.ok(&["star", &a2]);
    home.ok(&["mark-read", &b1]);
    home.ok(&["mark-read", &a3]);
    let failed = home.run(&["sync"]);
    assert!(!failed.ok, "a sync that cannot reach the server fails");
    assert_eq!(failed.stderr.lines().count(), 1, "one line: {}", failed.stderr);
    assert!(failed.stderr.starts_with("error: "), "{}", failed.stderr);
    assert_eq!(home.status("changes waiting"), "5");
    assert_ne!(home.status("last error"), "none");
    // The store is still there to read, with the marks made.
    let articles = home.articles();
    assert!(articles["A2"].2 && !articles["A1"].2 && articles["A3"].1);
    up(&home);
    let run = home.ok(&["sync"]);
    assert_eq!(run.stdout.trim(), format!("synced with {}: 0 new, 5 changes sent, 0 waiting", r.service()));
    assert_eq!(r.starred_titles(), set(&["A2", "B1"]), "star then unstar of A1 ends unstarred");
    assert_eq!(r.unread_titles(), set(&["A1", "B2"]));
    assert_eq!(home.status("last error"), "none");
    // The local marks won over what the server said before they were sent.
    let articles = home.articles();
    assert!(articles["A3"].1 && articles["B1"].1 && articles["A2"].2);
}

pub fn a_killed_sync_loses_no_waiting_change(r: &dyn Remote) {
    let items: Vec<(String, String)> = (0..300).map(|i| (format!("big{i}"), format!("Big {i}"))).collect();
    let refs: Vec<(&str, &str)> = items.iter().map(|(g, t)| (g.as_str(), t.as_str())).collect();
    r.write_feed("big.xml", "Big", &refs);
    r.subscribe_on_server(&r.feed_url("big.xml"), "Tech");
    r.fetch();
    let home = Home::new(r);
    home.ok(&["sync"]);
    home.ok(&["mark-read", "--all"]);
    assert_eq!(home.status("changes waiting"), "300");
    for delay_ms in [5, 40] {
        let mut child = home.command(&["sync"]).spawn().expect("spawn sync");
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
    }
    let waiting: u32 = home.status("changes waiting").parse().expect("a count");
    assert!(waiting <= 300);
    home.ok(&["sync"]);
    assert_eq!(home.status("changes waiting"), "0");
    assert!(r.unread_titles().is_empty(), "every mark reached the server: {:?}", r.unread_titles());
}

pub fn feeds_are_added_and_removed_on_the_server(r: &dyn Remote) {
    let home = two_feeds(r);
    r.write_feed("c.xml", "Feed C", &[("c1", "C1")]);
    let url = r.feed_url("c.xml");
    let run = home.ok(&["add", &url, "--tag", "Tech"]);
    assert!(run.stdout.starts_with(&format!("subscribed to {url} on {}", r.service())), "{}", run.stdout);
    assert!(r.subscriptions().contains_key(&url), "{:?}", r.subscriptions());
    if r.service() == "greader" {
        assert_eq!(r.subscriptions()[&url], ["Tech"]);
    }
    r.fetch();
    home.ok(&["sync"]);
    assert!(home.feeds().contains_key(&url));
    assert!(home.articles().contains_key("C1"));
    let again = home.run(&["add", &url]);
    assert!(!again.ok && again.stderr.lines().count() == 1, "{}", again.stderr);

    home.ok(&["remove", &url]);
    assert!(!r.subscriptions().contains_key(&url), "{:?}", r.subscriptions());
    assert!(!home.feeds().contains_key(&url));
    assert!(!home.articles().contains_key("C1"), "its articles leave the lists with it");

    // An OPML file's feeds go to the server.
    r.write_feed("d.xml", "Feed D", &[("d1", "D1")]);
    let opml = home.dir.path().join("subs.opml");
    std::fs::write(
        &opml,
        format!(
            "<?xml version=\"1.0\"?><opml version=\"2.0\"><body><outline text=\"Reading\"><outline type=\"rss\" text=\"D\" xmlUrl=\"{}\"/></outline></body></opml>",
            r.feed_url("d.xml")
        ),
    )
    .expect("write opml");
    let run = home.ok(&["import", opml.to_str().expect("utf-8 path")]);
    assert!(run.stdout.starts_with("imported 1 feeds"), "{}", run.stdout);
    assert!(r.subscriptions().contains_key(&r.feed_url("d.xml")));
}

pub fn a_wrong_password_is_one_line_and_the_store_stays_readable(r: &dyn Remote) {
    let mut home = two_feeds(r);
    // A new login is needed: the kept session goes, and the password is wrong.
    for entry in std::fs::read_dir(home.state_dir()).expect("state").flatten() {
        if entry.file_name().to_string_lossy().ends_with(".token") {
            std::fs::remove_file(entry.path()).expect("remove token");
        }
    }
    home.set_password("not-the-password");
    let run = home.run(&["sync"]);
    assert!(!run.ok);
    let line = run.stderr.trim();
    assert_eq!(line.lines().count(), 1, "{line}");
    assert!(line.contains(&r.user()) && line.contains("wrong user name or password"), "{line}");
    assert!(line.contains("127.0.0.1"), "names the server: {line}");
    assert_eq!(home.articles().len(), 5, "what is stored is still there");
    assert!(home.status("last error").contains("wrong user name or password"));
}

/// The reader opens on the stored articles at once, syncs in the background, sends a mark
/// made with `m`, and says when the server is gone (its marks waiting).
pub fn the_reader_syncs_in_the_background(r: &dyn Remote, down: &dyn Fn(&Home), up: &dyn Fn(&Home)) {
    use crate::support::pty::Term;
    let home = two_feeds(r);
    // The reader syncs on start (refresh_on_start) like any refresh.
    let config = std::fs::read_to_string(home.config_file()).expect("config");
    std::fs::write(home.config_file(), config.replace("refresh_on_start = false", "refresh_on_start = true"))
        .expect("config");
    let dir = home.dir.path();
    let (config, db, feeds) = (home.config_file(), dir.join("byline.db"), dir.join("feeds.toml"));
    let args = [
        "--config",
        config.to_str().expect("path"),
        "--feeds",
        feeds.to_str().expect("path"),
        "--db",
        db.to_str().expect("path"),
    ];
    let password = r.password();
    let mut term = Term::spawn_with_env(&args, dir, 140, 30, &[("BYLINE_TEST_SYNC_PASSWORD", &password)]);
    term.wait_for("A3");
    term.wait_for(&format!("synced with {}: 0 new, 0 changes sent", r.service()));
    // The newest article is selected in the list: mark it read there.
    term.send("\t");
    term.send("m");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while r.unread_titles().len() == 4 && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    assert_eq!(r.unread_titles().len(), 3, "the mark reached the server: {:?}", r.unread_titles());

    down(&home);
    term.send("m");
    term.send("R");
    term.wait_for("offline: 1 changes waiting");
    up(&home);
    term.send("R");
    term.wait_for(&format!("synced with {}: 0 new, 1 changes sent", r.service()));
    term.send("\x03");
    assert!(term.wait_exit());
}
