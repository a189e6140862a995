//! A sync server that misbehaves (a login page, a 5xx, broken JSON, a time-out, a huge answer,
//! an endless continuation, a refused login, nobody listening): one clear line, a non-zero exit,
//! the store still readable and the waiting marks kept. A Google Reader API is imitated on
//! 127.0.0.1; the real servers are in tests/sync_*.rs.

mod support;

use byline::serve::{Route, Server};
use support::sync::Home;

const API: &str = "/api/greader.php";

fn path(p: &str) -> String {
    format!("{API}/{p}")
}

/// A small Google Reader API: one feed in folder Tech, two items (one with a title that tries
/// to reach the terminal), both unread and starred.
fn fake_server() -> Server {
    let items = r#"{"items":[
        {"id":"tag:google.com,2005:reader/item/0000000000000001","title":"One \u001b[31mred\u0007","published":1700000000,
         "canonical":[{"href":"http://f.example/1"}],"categories":["user/-/state/com.google/reading-list","rust"],
         "origin":{"streamId":"feed/1"},"summary":{"content":"<p>one</p><script>alert(1)</script>"}},
        {"id":"tag:google.com,2005:reader/item/0000000000000002","title":"Two","published":1700000100,
         "categories":["user/-/state/com.google/read"],"origin":{"streamId":"feed/1"},"summary":{"content":"two"}}]}"#;
    Server::start([
        (path("accounts/ClientLogin"), Route::ok("SID=s\nLSID=l\nAuth=fake-session-token\n")),
        (path("reader/api/0/token"), Route::ok("write-token")),
        (
            path("reader/api/0/subscription/list"),
            Route::ok(r#"{"subscriptions":[{"id":"feed/1","title":"Feed","url":"http://f.example/rss","categories":[{"id":"user/-/label/Tech","label":"Tech"}]}]}"#),
        ),
        (path("reader/api/0/stream/items/ids"), Route::ok(r#"{"itemRefs":[{"id":"1"},{"id":"2"}]}"#)),
        (path("reader/api/0/stream/items/contents"), Route::ok(items)),
        (path("reader/api/0/edit-tag"), Route::ok("OK")),
    ])
    .expect("server")
}

fn home(server: &Server) -> Home {
    Home::with("greader", &server.url(API), "alice", "alice-pw")
}

/// Fails with one line that contains `expected`; the marks wait and the store reads.
fn fails_with(home: &Home, expected: &str) {
    let run = home.run(&["sync"]);
    assert!(!run.ok, "the sync should fail: {}", run.stdout);
    let line = run.stderr.trim();
    assert_eq!(line.lines().count(), 1, "{line}");
    assert!(line.contains(expected), "{line:?} lacks {expected:?}");
    assert_eq!(home.status("changes waiting"), "1");
    assert!(home.status("last error").contains(expected));
    assert_eq!(home.articles().len(), 2, "the store is still readable");
}

#[test]
fn a_misbehaving_server_fails_the_sync_in_one_line_and_keeps_the_waiting_marks() {
    let server = fake_server();
    let home = home(&server);
    let run = home.ok(&["sync"]);
    assert!(
        run.stdout.starts_with("synced with greader: 2 new, 0 changes sent, 0 waiting"),
        "{}",
        run.stdout
    );
    let articles = home.articles();
    assert!(articles.contains_key("One red"), "escape sequences are gone from titles: {articles:?}");
    // A first sync takes the items' own states; later ones the id lists (here both ids are
    // listed unread and starred), for stored articles too.
    assert!(articles["Two"].1 && !articles["Two"].2 && !articles["One red"].1, "{articles:?}");
    let run = home.ok(&["sync"]);
    assert!(run.stdout.contains("2 stored articles changed state on the server"), "{}", run.stdout);
    let articles = home.articles();
    assert!(!articles["Two"].1 && articles["Two"].2 && articles["One red"].2, "{articles:?}");
    let feeds = home.feeds();
    assert_eq!(feeds["http://f.example/rss"], ["Tech"]);
    let show = home.ok(&["show", &articles["One red"].0.to_string()]);
    assert!(!show.stdout.contains("alert"), "the server's HTML is sanitised: {}", show.stdout);
    home.ok(&["mark-read", &articles["One red"].0.to_string()]);

    // A captive portal or a login page instead of the API.
    let portal = "<!DOCTYPE html><html><body><form>Log in to the Wi-Fi</form></body></html>";
    server.set_route(&path("reader/api/0/subscription/list"), Route::ok(portal).content_type("text/html"));
    // The marks go first: let them fail too, so that one stays waiting.
    server.set_route(&path("reader/api/0/edit-tag"), Route::status(503));
    fails_with(&home, "HTTP 503");
    server.set_route(&path("reader/api/0/edit-tag"), Route::ok("OK"));
    server.set_route(&path("reader/api/0/token"), Route::ok(portal).content_type("text/html"));
    fails_with(&home, "answered with a web page, not the API");
    server.set_route(&path("reader/api/0/token"), Route::ok("write-token"));

    // Now the marks go through; the rest of the sync meets broken answers.
    let run = home.run(&["sync"]);
    assert!(!run.ok && run.stderr.contains("answered with a web page"), "{}", run.stderr);
    assert_eq!(home.status("changes waiting"), "0", "sent before the listing failed");
    server.set_route(
        &path("reader/api/0/subscription/list"),
        Route::ok("{\"subscriptions\": [{").content_type("application/json"),
    );
    let run = home.run(&["sync"]);
    assert!(!run.ok && run.stderr.contains("malformed JSON"), "{}", run.stderr);
}

#[test]
fn a_redirect_to_another_server_is_not_followed_with_the_password() {
    let elsewhere = Server::start([("/login", Route::ok("Auth=stolen\n"))]).expect("server");
    let server = fake_server();
    server.set_route(&path("accounts/ClientLogin"), Route::redirect(307, &elsewhere.url("/login")));
    let run = home(&server).run(&["sync"]);
    assert!(!run.ok && run.stderr.contains("HTTP 307: a redirect to another server"), "{}", run.stderr);
    assert_eq!(elsewhere.hits("/login"), 0, "the login form went nowhere else");
}

#[test]
fn slow_huge_and_endless_answers_stop_at_the_bounds() {
    let server = fake_server();
    let home = home(&server);
    std::fs::write(
        home.config_file(),
        format!(
            "[general]\nrefresh_on_start = false\n[fetch]\ntimeout_seconds = 1\nmax_body_kib = 4\n[sync]\nservice = \"greader\"\nurl = \"{}\"\nuser = \"alice\"\npassword_env = \"BYLINE_TEST_SYNC_PASSWORD\"\n",
            server.url(API)
        ),
    )
    .expect("config");
    home.ok(&["sync"]);
    // An answer that never comes.
    server.set_route(
        &path("reader/api/0/subscription/list"),
        Route::ok("{}").delay(std::time::Duration::from_secs(3)),
    );
    let run = home.run(&["sync"]);
    assert!(!run.ok && run.stderr.contains("timed out after 1 s"), "{}", run.stderr);
    // An answer larger than the cap.
    server.set_route(
        &path("reader/api/0/subscription/list"),
        Route::ok(format!("{{\"subscriptions\":[],\"x\":\"{}\"}}", "a".repeat(8192))),
    );
    let run = home.run(&["sync"]);
    assert!(!run.ok && run.stderr.contains("larger than 4096 bytes"), "{}", run.stderr);
    // A continuation that never ends stops at once, and what it listed is not taken as whole.
    server.set_route(&path("reader/api/0/subscription/list"), Route::ok(r#"{"subscriptions":[]}"#));
    server.set_route(
        &path("reader/api/0/stream/items/ids"),
        Route::ok(r#"{"itemRefs":[{"id":"1"}],"continuation":"again"}"#),
    );
    home.ok(&["sync"]);
    assert!(
        server.hits(&path("reader/api/0/stream/items/ids")) < 20,
        "{}",
        server.hits(&path("reader/api/0/stream/items/ids"))
    );
}

#[test]
fn a_refused_login_names_the_server_and_the_user_and_nobody_listening_is_offline() {
    let server = fake_server();
    server.set_route(&path("accounts/ClientLogin"), Route::status(401).body("Unauthorized!"));
    let home = home(&server);
    let run = home.run(&["sync"]);
    assert!(!run.ok);
    assert_eq!(
        run.stderr.trim(),
        format!("error: {} refused the login of alice: wrong user name or password", server.base_url())
    );
    assert!(home.articles().is_empty());

    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}/api/greader.php", closed.local_addr().expect("addr"));
    drop(closed);
    let home = Home::with("greader", &url, "alice", "pw");
    let run = home.run(&["sync"]);
    assert!(!run.ok && run.stderr.contains("cannot reach the server"), "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1);
}
