//! The headless command line, end to end: the real binary, feeds from a loopback server, a real
//! SQLite file.

mod support;

use std::io::Write;
use std::time::Duration;

use byline::serve::Route;
use serde_json::Value;
use support::cli::{Env, Run, fixture};

fn feed(name: &str, kind: &str) -> Route {
    Route::ok(fixture(&format!("feeds/{name}"))).content_type(kind).etag(&format!("\"{name}\""))
}

/// Good feeds with tags, and one of every kind of broken feed.
fn mixed() -> Env {
    let mut bomb = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    bomb.write_all(&vec![b' '; 8 * 1024 * 1024]).expect("gzip");
    let bomb = bomb.finish().expect("gzip");
    Env::new(
        vec![
            ("/rss2.xml", feed("rss2.xml", "application/rss+xml")),
            ("/atom.xml", feed("atom.xml", "application/atom+xml")),
            ("/feed.json", feed("feed.json", "application/feed+json")),
            ("/french.xml", feed("french.xml", "application/rss+xml")),
            ("/latin1.xml", Route::ok(fixture("feeds/latin1.xml")).content_type("text/xml")),
            ("/escapes.xml", feed("escapes.xml", "application/rss+xml")),
            ("/gone.xml", Route::status(404)),
            ("/loop-a", Route::redirect(302, "/loop-b")),
            ("/loop-b", Route::redirect(302, "/loop-a")),
            ("/slow.xml", Route::ok(fixture("feeds/rss2.xml")).delay(Duration::from_secs(10))),
            ("/huge.xml", Route::ok(vec![b'x'; 2 * 1024 * 1024])),
            ("/bomb.xml", Route::ok(bomb).header("Content-Encoding", "gzip")),
            ("/broken.xml", Route::ok("<rss><channel><title>Half a feed")),
            ("/empty.xml", Route::ok("")),
            ("/page.html", Route::ok(fixture("feeds/page.html")).content_type("text/html")),
            ("/error.xml", Route::status(500)),
        ],
        &[
            ("/rss2.xml", &["tech", "News"]),
            ("/atom.xml", &["tech"]),
            ("/feed.json", &["terminals"]),
            ("/french.xml", &["french", "news"]),
            ("/latin1.xml", &[]),
            ("/escapes.xml", &[]),
            ("/gone.xml", &[]),
            ("/loop-a", &[]),
            ("/slow.xml", &[]),
            ("/huge.xml", &[]),
            ("/bomb.xml", &[]),
            ("/broken.xml", &[]),
            ("/empty.xml", &[]),
            ("/page.html", &[]),
            ("/error.xml", &[]),
        ],
    )
}

fn articles(env: &Env, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["articles", "--json"];
    all.extend_from_slice(args);
    env.json(&all).as_array().expect("array").clone()
}

fn titles(list: &[Value]) -> Vec<String> {
    list.iter().map(|a| a["title"].as_str().expect("title").to_string()).collect()
}

#[test]
fn refresh_reports_each_broken_feed_and_keeps_the_rest() {
    let env = mixed();
    let run = env.ok(&["refresh"]);
    let failed = [
        ("/gone.xml", "HTTP 404"),
        ("/loop-a", "redirects"),
        ("/slow.xml", "timed out"),
        ("/huge.xml", "larger than"),
        ("/bomb.xml", "larger than"),
        ("/broken.xml", "not a valid feed"),
        ("/empty.xml", "empty"),
        ("/page.html", "HTML page"),
        ("/error.xml", "HTTP 500"),
    ];
    for (path, reason) in failed {
        let line = run
            .stderr
            .lines()
            .find(|l| l.starts_with(&format!("error: {}: ", env.url(path))))
            .unwrap_or_else(|| panic!("no error line for {path}:\n{}", run.stderr));
        assert!(line.contains(reason), "{line:?} should say {reason:?}");
    }
    assert_eq!(
        run.stderr.lines().filter(|l| l.starts_with("error: ")).count(),
        failed.len(),
        "{}",
        run.stderr
    );
    let summary = run.stdout.trim();
    assert!(summary.starts_with("refreshed 15 feeds: "), "{summary}");
    assert!(summary.ends_with(", 0 unchanged, 9 failed"), "{summary}");

    let feeds = env.json(&["feeds", "--json"]);
    let feeds = feeds.as_array().expect("array");
    assert_eq!(feeds.len(), 15);
    for f in feeds {
        let keys: Vec<&str> = f.as_object().expect("object").keys().map(String::as_str).collect();
        assert_eq!(keys.len(), 6, "{keys:?}");
        let url = f["url"].as_str().expect("url");
        let broken = failed.iter().any(|(p, _)| env.url(p) == url);
        assert_eq!(f["last_error"].is_null(), !broken, "{f}");
        if !broken {
            assert!(f["total"].as_u64().expect("total") > 0, "{f}");
            assert_eq!(f["unread"], f["total"]);
        }
    }
    let rss2 = feeds.iter().find(|f| f["url"] == env.url("/rss2.xml")).expect("rss2 listed");
    assert_eq!(rss2["title"], "Byte Ledger");
    assert_eq!(rss2["tags"], serde_json::json!(["tech", "News"]));
}

#[test]
fn second_refresh_is_unchanged_and_keeps_state() {
    let env = Env::new(
        vec![
            ("/rss2.xml", feed("rss2.xml", "application/rss+xml")),
            ("/atom.xml", feed("atom.xml", "application/atom+xml")),
        ],
        &[("/rss2.xml", &["tech"]), ("/atom.xml", &[])],
    );
    let first = env.ok(&["refresh"]);
    let all = articles(&env, &[]);
    assert_eq!(first.stdout.trim(), format!("refreshed 2 feeds: {} new, 0 unchanged, 0 failed", all.len()));
    let id = all[0]["id"].as_i64().expect("id").to_string();
    env.ok(&["mark-read", &id]);
    env.ok(&["star", &id]);

    let second = env.ok(&["refresh"]);
    assert_eq!(second.stdout.trim(), "refreshed 2 feeds: 0 new, 2 unchanged, 0 failed");
    assert_eq!(env.server.request_header("/rss2.xml", "if-none-match").as_deref(), Some("\"rss2.xml\""));

    // The feed changes its etag (a full 200 again): nothing is duplicated, state is kept.
    env.server.set_route("/rss2.xml", Route::ok(fixture("feeds/rss2.xml")).etag("\"v2\""));
    let third = env.ok(&["refresh"]);
    assert_eq!(third.stdout.trim(), "refreshed 2 feeds: 0 new, 1 unchanged, 0 failed");
    let again = articles(&env, &[]);
    assert_eq!(again.len(), all.len());
    let same =
        again.iter().find(|a| a["id"].as_i64().map(|i| i.to_string()) == Some(id.clone())).expect("kept");
    assert_eq!(same["read"], true);
    assert_eq!(same["starred"], true);
}

#[test]
fn articles_filter_by_tag_feed_state_and_search() {
    let env = mixed();
    env.ok(&["refresh"]);
    let all = articles(&env, &[]);
    let first = &all[0];
    let keys: Vec<&str> = first.as_object().expect("object").keys().map(String::as_str).collect();
    let mut sorted = keys.clone();
    sorted.sort_unstable();
    assert_eq!(
        sorted,
        ["author", "feed_title", "feed_url", "id", "link", "published", "read", "starred", "tags", "title"]
    );
    // Newest first.
    let dates: Vec<&str> = all.iter().filter_map(|a| a["published"].as_str()).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");

    // Tags: a feed's own tags and the site's categories, case-insensitively; several mean all.
    let tech = articles(&env, &["--tag", "TECH"]);
    assert!(!tech.is_empty());
    assert!(
        tech.iter().all(|a| a["feed_url"] == env.url("/rss2.xml") || a["feed_url"] == env.url("/atom.xml"))
    );
    let rust = titles(&articles(&env, &["--tag", "rust"]));
    assert!(rust.contains(&"Rust 1.95 stabilises async closures in traits".to_string()), "{rust:?}");
    assert!(rust.contains(&"ratatui 0.30 makes widgets borrow less".to_string()), "{rust:?}");
    let both = titles(&articles(&env, &["--tag", "rust", "--tag", "news"]));
    assert_eq!(both, ["Rust 1.95 stabilises async closures in traits"]);

    let one_feed = articles(&env, &["--feed", &env.url("/french.xml")]);
    assert_eq!(one_feed.len(), 1);
    assert_eq!(
        one_feed[0]["title"],
        "« Souveraineté numérique » : l’État mise sur le logiciel libre — enfin ?"
    );

    let found = titles(&articles(&env, &["--search", "pooling"]));
    assert_eq!(found, ["Postgres 19 beta lands with built-in connection pooling"]);
    // Punctuation in a search is text, never a syntax error.
    env.ok(&["articles", "--search", "c++ \"quote -x OR"]);

    assert_eq!(articles(&env, &["--limit", "2"]).len(), 2);
    let id = first["id"].as_i64().expect("id").to_string();
    env.ok(&["mark-read", &id]);
    assert_eq!(articles(&env, &["--unread"]).len(), all.len() - 1);
    env.ok(&["mark-unread", &id]);
    assert_eq!(articles(&env, &["--unread"]).len(), all.len());
    env.ok(&["star", &id]);
    assert_eq!(articles(&env, &["--starred"])[0]["id"], first["id"]);
    env.ok(&["unstar", &id]);
    assert!(articles(&env, &["--starred"]).is_empty());

    env.ok(&["mark-read", "--tag", "french"]);
    assert!(articles(&env, &["--tag", "french", "--unread"]).is_empty());
    env.ok(&["mark-read", "--feed", &env.url("/rss2.xml")]);
    assert!(articles(&env, &["--feed", &env.url("/rss2.xml"), "--unread"]).is_empty());
    let run = env.ok(&["mark-read", "--all"]);
    assert!(run.stdout.starts_with("marked "), "{}", run.stdout);
    assert!(articles(&env, &["--unread"]).is_empty());

    let bad = env.run(&["mark-read", "999999"]);
    assert!(!bad.ok);
    assert_eq!(bad.stderr.trim(), "error: no article with id 999999");
}

#[test]
fn hostile_and_foreign_text_is_clean() {
    let env = mixed();
    env.ok(&["refresh"]);
    // Env::run already fails on any control character in the output.
    let listed = env.ok(&["articles"]).stdout;
    assert!(listed.contains("Souveraineté numérique"), "{listed}");
    let latin1 = articles(&env, &["--feed", &env.url("/latin1.xml")]);
    assert_eq!(latin1.len(), 1);
    let text = latin1[0]["title"].as_str().expect("title");
    assert!(text.chars().any(|c| "éèàçêô".contains(c)), "decoded as windows-1252: {text}");
    let escapes = articles(&env, &["--feed", &env.url("/escapes.xml")]);
    assert!(!escapes.is_empty());
    // JSON escapes control characters, so check the decoded strings too.
    let strings = |v: &Value| -> Vec<String> {
        let mut out = Vec::new();
        let mut stack = vec![v.clone()];
        while let Some(v) = stack.pop() {
            match v {
                Value::String(s) => out.push(s),
                Value::Array(a) => stack.extend(a),
                Value::Object(o) => stack.extend(o.into_iter().map(|(_, v)| v)),
                _ => {}
            }
        }
        out
    };
    for text in
        strings(&Value::Array(escapes.clone())).iter().chain(&strings(&env.json(&["feeds", "--json"])))
    {
        assert!(!text.chars().any(char::is_control), "control character in {text:?}");
    }
    // The plain listings and every article's page (Env::run checks them byte by byte).
    env.ok(&["feeds"]);
    for a in &escapes {
        env.ok(&["show", &a["id"].to_string()]);
    }
    let peeked = env.json(&["peek", &env.url("/escapes.xml"), "--json"]);
    for text in strings(&peeked) {
        assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "control character in {text:?}");
    }
}

#[test]
fn show_prints_a_readable_article() {
    let env = mixed();
    env.ok(&["refresh"]);
    let french = articles(&env, &["--feed", &env.url("/french.xml")]);
    let id = french[0]["id"].as_i64().expect("id").to_string();
    let out = env.ok(&["show", &id, "--width", "60"]).stdout;
    assert!(
        out.starts_with("« Souveraineté numérique » : l’État mise sur le logiciel\nlibre — enfin ?\n"),
        "{out}"
    );
    assert!(out.contains("\nFeed: L’Actu Numérique\n"), "{out}");
    assert!(out.contains("\nLink: "), "{out}");
    assert!(!out.contains('<') && !out.contains("&nbsp;"), "raw HTML leaked: {out}");
    assert!(out.lines().filter(|l| !l.starts_with("Link: ")).all(|l| unicode_width(l) <= 60), "{out}");
    assert!(!env.run(&["show", "424242"]).ok);
}

fn unicode_width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

#[test]
fn peek_prints_a_feed_without_subscribing() {
    let env = mixed();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/feeds/feed.json");
    let local = env.json(&["peek", path, "--json"]);
    assert_eq!(local["title"], "Tiny Terminal");
    let item = &local["items"][0];
    let mut keys: Vec<&str> = item.as_object().expect("object").keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["author", "enclosures", "id", "image", "link", "published", "tags", "text", "title"]);
    assert_eq!(item["enclosures"], serde_json::json!([]));
    assert!(item["image"].is_null());
    assert!(!item["text"].as_str().expect("text").contains('<'));

    let remote = env.ok(&["peek", &env.url("/rss2.xml")]).stdout;
    assert!(remote.starts_with("Byte Ledger\n"), "{remote}");
    assert!(remote.contains("Postgres 19 beta lands"), "{remote}");
    assert_eq!(env.ok(&["articles"]).stdout, "", "peek stores nothing");
    let missing = env.run(&["peek", &env.url("/gone.xml")]);
    assert!(!missing.ok);
    assert_eq!(missing.stderr.lines().count(), 1, "{}", missing.stderr);
}

#[test]
fn add_discovers_feeds_and_remove_unsubscribes() {
    let env = Env::new(
        vec![
            ("/site/", Route::ok(fixture("feeds/page.html")).content_type("text/html")),
            ("/feed.xml", feed("rss2.xml", "application/rss+xml")),
            ("/plain", Route::ok("<html><body>no feeds here</body></html>").content_type("text/html")),
        ],
        &[],
    );
    let run = env.ok(&["add", &env.url("/site/"), "--tag", "dev"]);
    assert!(run.stdout.contains(&env.url("/feed.xml")), "{}", run.stdout);
    let written = std::fs::read_to_string(env.feeds_file()).expect("feeds.toml");
    assert!(written.contains(&env.url("/feed.xml")) && written.contains("\"dev\""), "{written}");
    assert_eq!(articles(&env, &["--tag", "dev"]).len(), 3, "added feeds are fetched at once");
    assert_eq!(env.server.hits("/feed.xml"), 1, "the fetch that found the feed is the one saved");

    let dup = env.run(&["add", &env.url("/feed.xml")]);
    assert!(!dup.ok && dup.stderr.contains("already subscribed"), "{}", dup.stderr);
    let none = env.run(&["add", &env.url("/plain")]);
    assert!(!none.ok && none.stderr.contains("links to no feed"), "{}", none.stderr);

    env.ok(&["remove", &env.url("/feed.xml")]);
    assert!(env.json(&["feeds", "--json"]).as_array().expect("array").is_empty());
    assert!(articles(&env, &[]).is_empty());
    // Subscribing again restores the articles, with their state.
    env.ok(&["add", &env.url("/feed.xml")]);
    assert_eq!(articles(&env, &[]).len(), 3);
}

#[test]
fn import_and_export_opml() {
    let env = Env::new(vec![], &[]);
    let opml = env.dir.path().join("subs.opml");
    std::fs::write(&opml, fixture("import/feed_reader.opml")).expect("write opml");
    let run = env.ok(&["import", opml.to_str().expect("path")]);
    assert!(run.stdout.starts_with("imported "), "{}", run.stdout);
    let exported = env.ok(&["export"]).stdout;
    assert!(exported.starts_with("<?xml"), "{exported}");
    let feeds = env.json(&["feeds", "--json"]);
    let feeds = feeds.as_array().expect("array");
    assert!(!feeds.is_empty());
    for f in feeds {
        let url = f["url"].as_str().expect("url").replace('&', "&amp;");
        assert!(exported.contains(&format!("xmlUrl=\"{url}\"")), "{f}");
    }
    // Exported OPML imports back into an empty list with the same feeds.
    let other = Env::new(vec![], &[]);
    let back = other.dir.path().join("back.opml");
    std::fs::write(&back, &exported).expect("write");
    other.ok(&["import", back.to_str().expect("path")]);
    assert_eq!(other.json(&["feeds", "--json"]).as_array().expect("array").len(), feeds.len());
}

#[test]
fn bad_config_is_one_line_naming_file_line_and_key() {
    let env = Env::new(vec![], &[("/a.xml", &[])]);
    let feeds = env.feeds_file();
    std::fs::write(&feeds, "[[feed]]\nurl = \"https://a.example/feed\"\n\n[[feed]]\nurl = \"nope\"\n")
        .expect("write");
    let run = env.run(&["feeds"]);
    assert!(!run.ok);
    let expected = format!("error: {}:5: feed[2].url: malformed URL", feeds.display());
    assert!(run.stderr.starts_with(&expected), "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
}

#[test]
fn unusable_database_fails_clearly() {
    let env = Env::new(vec![], &[]);
    let db = env.dir.path().join("byline.db");
    std::fs::write(&db, b"this is not a database, just text that is long enough to look like one")
        .expect("write");
    let run = env.run(&["refresh"]);
    assert!(!run.ok);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.starts_with("error: cannot open the database"), "{}", run.stderr);
}

#[test]
fn read_page_prints_the_article_without_chrome() {
    let env = Env::new(
        vec![("/post", Route::ok(fixture("pages/wordpress.html")).content_type("text/html; charset=utf-8"))],
        &[],
    );
    let out = env.ok(&["read-page", &env.url("/post"), "--width", "72"]).stdout;
    assert!(out.starts_with("Building a Compost Heap That Actually Works\n"), "{out}");
    for chrome in ["Leave a Comment", "Akismet", "Pinterest"] {
        assert!(!out.contains(chrome), "{chrome:?} in {out}");
    }
    let local =
        env.ok(&["read-page", concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/pages/french.html")]);
    assert!(local.stdout.contains('é'), "{}", local.stdout);
    let missing = env.run(&["read-page", &env.url("/nothing")]);
    assert!(!missing.ok && missing.stderr.trim().ends_with("HTTP 404"), "{}", missing.stderr);
}

#[test]
fn read_page_json_is_the_article_and_its_metadata() {
    let env = Env::new(
        vec![("/post", Route::ok(fixture("pages/news.html")).content_type("text/html; charset=utf-8"))],
        &[],
    );
    let out = env.ok(&["read-page", &env.url("/post"), "--json"]).stdout;
    let page: serde_json::Value = serde_json::from_str(&out).expect("json");
    let keys: Vec<&str> = page.as_object().expect("object").keys().map(String::as_str).collect();
    // The interface's eight keys, sorted as serde_json's map sorts them (the output keeps the
    // interface's order: url, title, author, published, site, lead_image, text, links).
    assert_eq!(keys, ["author", "lead_image", "links", "published", "site", "text", "title", "url"]);
    assert_eq!(page["url"], env.url("/post"));
    assert_eq!(page["title"], "Harbour city trials night buses powered by batteries");
    assert!(page["author"].as_str().is_some_and(|a| a.contains("Daniel Okafor")), "{page}");
    let text = page["text"].as_str().expect("text");
    assert!(text.contains("Six electric buses"), "{text}");
    assert!(text.contains("\n\n"), "paragraphs are separated by a blank line: {text}");
    assert!(!text.contains("[1]") && !text.contains("Links:"), "no link markers or list: {text}");
    for chrome in ["Most read", "newsletter", "All rights reserved"] {
        assert!(!text.contains(chrome), "{chrome:?} in {text}");
    }
    assert!(
        page["links"]
            .as_array()
            .expect("links")
            .iter()
            .all(|l| l.as_str().is_some_and(|l| l.starts_with("http")))
    );
    // An unreadable page is one line on stderr, as without --json.
    let blank = env.dir.path().join("blank.html");
    std::fs::write(&blank, "<html><body>\n</body></html>").expect("write");
    let empty = env.run(&["read-page", blank.to_str().expect("path"), "--json"]);
    assert!(!empty.ok && empty.stderr.trim().lines().count() == 1, "{}", empty.stderr);
}

#[test]
fn full_text_feeds_fetch_article_pages_during_refresh() {
    let env =
        Env::new(vec![("/post", Route::ok(fixture("pages/wordpress.html")).content_type("text/html"))], &[]);
    let rss = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Summaries</title>\
         <item><title>Compost</title><link>{}</link><guid>c1</guid><description>Just a teaser.</description></item>\
         <item><title>Gone</title><link>{}</link><guid>c2</guid><description>Page is missing.</description></item>\
         </channel></rss>",
        env.url("/post"),
        env.url("/missing")
    );
    env.server.set_route("/summaries.xml", Route::ok(rss).content_type("application/rss+xml"));
    std::fs::write(
        env.feeds_file(),
        format!("[[feed]]\nurl = \"{}\"\nfull_text = true\n", env.url("/summaries.xml")),
    )
    .expect("write feeds.toml");
    let run = env.ok(&["refresh"]);
    assert!(run.stdout.contains("refreshed 1 feeds: 2 new, 0 unchanged, 0 failed"), "{}", run.stdout);
    assert!(run.stdout.contains("fetched the full text of 1 articles"), "{}", run.stdout);
    let list = articles(&env, &[]);
    let id = |title: &str| list.iter().find(|a| a["title"] == title).expect(title)["id"].to_string();
    let full = env.ok(&["show", &id("Compost")]).stdout;
    assert!(full.contains("Building a Compost Heap") || full.contains("compost"), "{full}");
    assert!(!full.contains("Just a teaser."), "full text replaces the teaser: {full}");
    assert!(!full.contains("Leave a Comment"), "{full}");
    let fallback = env.ok(&["show", &id("Gone")]).stdout;
    assert!(fallback.contains("Page is missing."), "falls back to the feed's text: {fallback}");
    // Full text is searchable.
    assert!(!articles(&env, &["--search", "compost"]).is_empty());
    // A second refresh fetches no page again.
    let hits = env.server.hits("/post");
    env.ok(&["refresh"]);
    assert_eq!(env.server.hits("/post"), hits);
}

#[test]
fn permanent_redirect_is_reported_and_remembered() {
    let env = Env::new(
        vec![
            ("/old.xml", Route::redirect(301, "/new.xml")),
            ("/new.xml", feed("rss2.xml", "application/rss+xml")),
        ],
        &[("/old.xml", &["tech"])],
    );
    let run = env.ok(&["refresh"]);
    assert!(run.stdout.contains("3 new, 0 unchanged, 0 failed"), "{}", run.stdout);
    let note = format!("note: {} moved permanently to {}", env.url("/old.xml"), env.url("/new.xml"));
    assert!(run.stderr.contains(&note), "{}", run.stderr);
    env.ok(&["refresh"]);
    assert_eq!(env.server.hits("/old.xml"), 1, "the second refresh goes straight to the new address");
    assert_eq!(env.server.hits("/new.xml"), 2);
}

#[test]
fn legacy_and_broken_feeds_refresh_and_peek() {
    let legacy = |name: &str| Route::ok(fixture(&format!("feeds/legacy/{name}"))).content_type("text/xml");
    let env = Env::new(
        vec![
            ("/podcast.xml", legacy("podcast.xml")),
            ("/ampersands.xml", legacy("ampersands.xml")),
            ("/atom03.xml", legacy("atom03.xml")),
            ("/truncated.xml", legacy("truncated.xml")),
            // Served as HTML by a misconfigured server: still read as the feed it is.
            ("/php.xml", legacy("php-warnings.xml").content_type("text/html; charset=UTF-8")),
        ],
        &[
            ("/podcast.xml", &[]),
            ("/ampersands.xml", &[]),
            ("/atom03.xml", &[]),
            ("/truncated.xml", &[]),
            ("/php.xml", &[]),
        ],
    );
    let run = env.ok(&["refresh"]);
    assert_eq!(run.stdout.trim(), "refreshed 5 feeds: 11 new, 0 unchanged, 0 failed", "{}", run.stderr);
    let all = titles(&articles(&env, &[]));
    for title in
        ["AT&T buys a fibre network", "Escaped HTML content", "Third story, cut in its text", "Hello world!"]
    {
        assert!(all.contains(&title.to_string()), "{title:?} in {all:?}");
    }
    let first = &articles(&env, &[])[0];
    let mut keys: Vec<&str> = first.as_object().expect("object").keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        ["author", "feed_title", "feed_url", "id", "link", "published", "read", "starred", "tags", "title"],
        "articles --json keeps its keys"
    );

    let peeked = env.json(&["peek", &env.url("/podcast.xml"), "--json"]);
    assert_eq!(
        peeked["items"][0]["enclosures"],
        serde_json::json!([{"url": "https://cdn.podcast.example/ep42.mp3", "type": "audio/mpeg", "length": 12345678}])
    );
    assert_eq!(peeked["items"][0]["image"], "https://cdn.podcast.example/ep42.jpg");
    assert_eq!(peeked["items"][2]["enclosures"][0]["url"], env.url("/ep40.mp3"));
    assert!(peeked["items"][2]["enclosures"][0]["length"].is_null());
    assert!(peeked["items"][1]["image"].is_null());
}

/// `byline ARGS` with a broken config.toml, no feeds.toml and no database: for the commands that
/// must need none of them. Its temporary folder stays empty of anything else.
fn without_files(args: &[&str]) -> (Run, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[general\nnot toml").expect("write config");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_byline"))
        .arg("--config")
        .arg(&config)
        .arg("--feeds")
        .arg(dir.path().join("feeds.toml"))
        .arg("--db")
        .arg(dir.path().join("byline.db"))
        .args(args)
        .env("XDG_STATE_HOME", dir.path().join("state"))
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .output()
        .expect("run byline");
    (Run::checked(out, args), dir)
}

#[test]
fn completions_and_the_man_page_need_no_files() {
    let (bash, dir) = without_files(&["completions", "bash"]);
    assert!(bash.ok, "{}", bash.stderr);
    assert!(bash.stdout.contains("complete -F") && bash.stdout.contains("mark-read"), "{}", bash.stdout);
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let run = without_files(&["completions", shell]).0;
        assert!(run.ok && run.stdout.contains("mark-read"), "{shell}: {}{}", run.stdout, run.stderr);
    }
    let (man, _) = without_files(&["man"]);
    assert!(man.ok, "{}", man.stderr);
    assert!(man.stdout.lines().any(|l| l.starts_with(".TH byline 1")), "no roff title:\n{}", man.stdout);
    assert!(man.stdout.contains("mark\\-read"), "the page lists the commands:\n{}", man.stdout);
    let mut left: Vec<_> =
        std::fs::read_dir(dir.path()).expect("read dir").map(|e| e.expect("entry").file_name()).collect();
    left.sort();
    assert_eq!(left, ["config.toml"], "no log, database or folder was made");
    // The same broken config stops a command that reads it.
    assert!(!without_files(&["feeds"]).0.ok);
}

#[test]
fn dates_show_the_offset_in_force_on_their_day() {
    let feed = "<rss version=\"2.0\"><channel><title>Zones</title><link>https://zones.example/</link>\
        <item><title>Winter</title><guid>winter</guid><pubDate>Thu, 15 Jan 2026 23:30:00 GMT</pubDate></item>\
        <item><title>Summer</title><guid>summer</guid><pubDate>Wed, 15 Jul 2026 12:00:00 GMT</pubDate></item>\
        </channel></rss>";
    let env = Env::new(
        vec![("/zones.xml", Route::ok(feed).content_type("application/rss+xml"))],
        &[("/zones.xml", &[])],
    );
    env.ok(&["refresh"]);
    let id = |title: &str| {
        let list = articles(&env, &[]);
        let found =
            list.iter().find(|a| a["title"] == title).unwrap_or_else(|| panic!("{title} in {list:?}"));
        found["id"].as_i64().expect("id").to_string()
    };
    // Berlin's rule written out (POSIX TZ), so no tz database is needed: CET, +01:00, and CEST,
    // +02:00, from the last Sunday of March to the last Sunday of October.
    let berlin = [("TZ", "CET-1CEST,M3.5.0,M10.5.0/3")];
    let date = |title: &str| {
        let run = env.run_with(&["show", &id(title)], &berlin);
        assert!(run.ok, "{}", run.stderr);
        run.stdout.lines().find(|l| l.starts_with("Date: ")).expect("a Date line").to_string()
    };
    // Berlin is on CET (+01:00) in January and on CEST (+02:00) in July.
    assert_eq!(date("Winter"), "Date: 2026-01-16 00:30 +01:00");
    assert_eq!(date("Summer"), "Date: 2026-07-15 14:00 +02:00");
    // The list's date is the local day: the winter article is from the 16th in Berlin.
    let list = env.run_with(&["articles"], &berlin).stdout;
    assert!(list.lines().any(|l| l.contains("2026-01-16") && l.ends_with("Winter")), "{list}");
    let utc = env.run_with(&["articles"], &[("TZ", "UTC")]).stdout;
    assert!(utc.lines().any(|l| l.contains("2026-01-15") && l.ends_with("Winter")), "{utc}");
}
