//! Feed parsing end to end: fixtures served on 127.0.0.1, fetched, parsed; every format, the
//! encodings real feeds use, hostile text, and the problems real feeds have (`legacy`: feeds
//! that are not quite XML, or not quite today's formats).

#[path = "parse/legacy.rs"]
mod legacy;

use byline::fetch::{Fetched, Fetcher, Limits};
use byline::model::ParsedFeed;
use byline::parse::{ParseError, discover_feeds, parse_feed};
use byline::serve::{Route, Server};
use byline::store::Validators;
use chrono::{DateTime, Utc};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/feeds");

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{FIXTURES}/{name}")).expect("fixture exists")
}

fn date(text: &str) -> Option<DateTime<Utc>> {
    Some(DateTime::parse_from_rfc3339(text).expect("valid test date").with_timezone(&Utc))
}

/// Serves fixture `name` (with a content type), fetches and parses it. Returns the server too, for
/// URLs relative to it.
async fn fetch_and_parse(name: &str, content_type: &str) -> (Server, Result<ParsedFeed, ParseError>) {
    let server = Server::start([(format!("/{name}"), Route::ok(fixture(name)).content_type(content_type))])
        .expect("server starts");
    let fetcher = Fetcher::new(Limits::default()).expect("client builds");
    let Ok(Fetched::Page(page)) = fetcher.get(&server.url(&format!("/{name}")), &Validators::default()).await
    else {
        panic!("fixture {name} not served");
    };
    let parsed = parse_feed(&page.body, page.content_type.as_deref(), &page.final_url);
    (server, parsed)
}

async fn feed(name: &str) -> (Server, ParsedFeed) {
    let (server, parsed) = fetch_and_parse(name, "application/xml").await;
    let feed = parsed.unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_sane(&feed);
    (server, feed)
}

/// No control character (bar newline and tab in content) survives anywhere.
fn assert_sane(feed: &ParsedFeed) {
    let one_line = |text: &str| {
        assert!(!text.chars().any(char::is_control), "control character in {text:?}");
        assert_eq!(text, text.trim(), "untrimmed {text:?}");
    };
    feed.title.as_deref().map(one_line);
    feed.link.as_deref().map(one_line);
    for item in &feed.items {
        one_line(&item.title);
        one_line(&item.key);
        item.author.as_deref().map(one_line);
        item.link.as_deref().map(one_line);
        item.categories.iter().for_each(|c| one_line(c));
        let bad = item.content_html.chars().find(|&c| c.is_control() && c != '\n' && c != '\t');
        assert_eq!(bad, None, "control character in content of {:?}", item.title);
    }
}

fn titles(feed: &ParsedFeed) -> Vec<&str> {
    feed.items.iter().map(|item| item.title.as_str()).collect()
}

#[tokio::test]
async fn rss2() {
    let (server, feed) = feed("rss2.xml").await;
    assert_eq!(feed.title.as_deref(), Some("Byte Ledger"));
    assert_eq!(feed.link.as_deref(), Some("https://byteledger.example/"));
    assert_eq!(
        titles(&feed),
        [
            "Rust 1.95 stabilises async closures in traits",
            "Postgres 19 beta lands with built-in connection pooling",
            "Outage report: a DNS TTL of zero took down our status page",
        ]
    );
    let [rust, postgres, outage] = &feed.items[..] else { panic!("three items") };
    assert_eq!(rust.key, "byteledger-2026-0412");
    assert_eq!(rust.link.as_deref(), Some("https://byteledger.example/2026/11/rust-1-95"));
    assert_eq!(rust.author.as_deref(), Some("Maya Okafor"));
    assert_eq!(rust.published, date("2026-11-24T08:15:00Z"));
    assert_eq!(rust.categories, ["Rust", "Compilers"]);
    // content:encoded wins over the description.
    assert!(
        rust.content_html.starts_with("<p>The Rust team shipped <strong>1.95</strong>"),
        "{}",
        rust.content_html
    );

    // A relative link is resolved against where the feed was fetched from.
    assert_eq!(postgres.link, Some(server.url("/2026/11/postgres-19-beta")));
    assert_eq!(postgres.key, "https://byteledger.example/2026/11/postgres-19-beta");
    assert_eq!(postgres.author.as_deref(), Some("Luis Ferreira"));
    assert_eq!(postgres.published, date("2026-11-23T17:02:00Z"));
    // Without content:encoded the (escaped HTML) description is the content.
    assert_eq!(
        postgres.content_html,
        "<p>The first beta of PostgreSQL 19 ships a <em>native</em> pooler, so small deployments can drop PgBouncer.</p>"
    );

    assert_eq!(outage.published, date("2026-11-20T10:45:00Z"), "+0100 converted to UTC");
    assert_eq!(outage.categories, ["Operations", "dns"], "categories de-duplicated ignoring case");
    assert!(outage.content_html.contains("SERVFAIL") && !outage.content_html.contains("Short summary"));
}

#[tokio::test]
async fn rss1_rdf() {
    let (_server, feed) = feed("rss1.rdf").await;
    assert_eq!(feed.title.as_deref(), Some("Kernel Notes"));
    let [sched, folio] = &feed.items[..] else { panic!("two items") };
    // RSS 1.0 items have no guid: the link is the key.
    assert_eq!(sched.key, "https://kernelnotes.example/2026/47/sched-ext");
    assert_eq!(sched.title, "sched_ext schedulers get a stable ABI");
    assert_eq!(sched.author.as_deref(), Some("Jonas Lindqvist"));
    assert_eq!(sched.published, date("2026-11-19T07:00:00Z"));
    assert_eq!(folio.key, "https://kernelnotes.example/2026/47/bcachefs");
    assert_eq!(folio.published, date("2026-11-18T14:30:00Z"));
    assert!(folio.content_html.contains("folio") || folio.content_html.contains("page-based"));
}

#[tokio::test]
async fn atom() {
    let (server, feed) = feed("atom.xml").await;
    assert_eq!(feed.title.as_deref(), Some("The Packet Post"), "HTML title turned into text");
    assert_eq!(feed.link.as_deref(), Some("https://packetpost.example/"), "alternate link, not self");
    let [quic, bgp, ipv6] = &feed.items[..] else { panic!("three items") };

    assert_eq!(quic.title, "QUIC & HTTP/3 now carry 40% of our traffic");
    assert_eq!(quic.key, "tag:packetpost.example,2026:quic-share");
    assert_eq!(quic.link, Some(server.url("/2026/11/quic-share")), "alternate link, not replies");
    assert_eq!(quic.published, date("2026-11-25T10:00:00Z"), "published over updated");
    assert_eq!(quic.author.as_deref(), Some("Hana Sato, Ravi Menon"));
    assert_eq!(quic.categories, ["QUIC", "http3"], "label over term");
    assert!(quic.content_html.starts_with("<p>Twelve months") && quic.content_html.contains("<b>40%</b>"));

    assert_eq!(bgp.published, date("2026-11-22T08:45:00Z"), "updated when not published");
    assert_eq!(bgp.categories, ["Routing security"]);
    // A plain-text summary is escaped into HTML.
    assert_eq!(
        bgp.content_html,
        "<p>A transit provider leaked 3,000 prefixes for 14 minutes. RPKI filtering stopped most of it.</p>"
    );

    assert_eq!(ipv6.title, "IPv6 passes 50% in Google's statistics");
    assert!(ipv6.content_html.contains("more than half of the users"));
}

#[tokio::test]
async fn json_feed() {
    let (server, parsed) = fetch_and_parse("feed.json", "application/feed+json").await;
    let feed = parsed.unwrap();
    assert_sane(&feed);
    assert_eq!(feed.title.as_deref(), Some("Tiny Terminal"));
    assert_eq!(feed.link.as_deref(), Some("https://tinyterminal.example/"));
    let [ratatui, note, sixel] = &feed.items[..] else { panic!("three items") };

    assert_eq!(ratatui.key, "https://tinyterminal.example/posts/ratatui-030");
    assert_eq!(ratatui.categories, ["Rust", "TUI"]);
    assert_eq!(ratatui.published, date("2026-11-21T14:00:00Z"));
    assert!(ratatui.content_html.starts_with("<p>The new release"), "content_html over summary");

    assert_eq!(note.key, "tt-note-88");
    assert_eq!(note.link, Some(server.url("/notes/88")));
    assert_eq!(
        note.title,
        "Reminder: terminals interpret escape sequences. Sanitise <everything> you print…"
    );
    assert_eq!(
        note.content_html,
        "<p>Reminder: terminals interpret escape sequences.</p><p>Sanitise &lt;everything&gt; you print &amp; store.</p>"
    );

    assert_eq!(sixel.published, date("2026-11-23T18:00:00Z"), "date_modified when not published");
    assert_eq!(
        sixel.content_html, "<p>Which terminals draw images, as of November 2026.</p>",
        "plain summary"
    );
}

#[tokio::test]
async fn latin1_without_declaration() {
    let bytes = fixture("latin1.xml");
    assert!(std::str::from_utf8(&bytes).is_err(), "the fixture really is not UTF-8");
    let (_server, feed) = feed("latin1.xml").await;
    assert_eq!(feed.title.as_deref(), Some("Le Café du Code"));
    let item = &feed.items[0];
    assert_eq!(item.title, "Déménager une base de données sans arrêt de service");
    assert_eq!(item.categories, ["Bases de données"]);
    assert_eq!(item.published, date("2026-11-18T18:00:00Z"));
    assert!(
        item.content_html.contains("café très serré") && item.content_html.contains("120 €"),
        "{}",
        item.content_html
    );
}

#[test]
fn latin1_with_declaration() {
    let bytes = fixture("latin1.xml");
    let declared = [&b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"[..], &bytes[21..]].concat();
    let feed = parse_feed(&declared, None, "https://cafeducode.example/rss").unwrap();
    assert_eq!(feed.items[0].title, "Déménager une base de données sans arrêt de service");
}

#[tokio::test]
async fn french_typography_is_kept() {
    let (_server, feed) = feed("french.xml").await;
    assert_eq!(feed.title.as_deref(), Some("L’Actu Numérique"));
    let item = &feed.items[0];
    assert_eq!(item.title, "« Souveraineté numérique » : l’État mise sur le logiciel libre — enfin ?");
    assert_eq!(item.author.as_deref(), Some("Élodie Brûlé"));
    assert_eq!(item.categories, ["Politique numérique", "Logiciel libre"]);
    assert_eq!(item.published, date("2026-11-26T06:45:00Z"));
    assert!(item.content_html.contains("« C’est un pas important — mais il faudra des moyens »"));
}

#[tokio::test]
async fn escape_sequences_are_removed() {
    let raw = fixture("escapes.xml");
    assert!(raw.contains(&0x1b) && raw.contains(&0x07), "the fixture really carries ESC and BEL");
    let (_server, feed) = feed("escapes.xml").await;
    assert_eq!(feed.title.as_deref(), Some("Totally Normal News"));
    assert_eq!(
        titles(&feed),
        ["Red alert: kernel CVE patched", "Click here for free RAM", "Escaped green and bell and C1"]
    );
    let [cve, ram, _] = &feed.items[..] else { panic!("three items") };
    assert_eq!(cve.author.as_deref(), Some("Mallory"), "OSC 0 with BEL removed");
    assert_eq!(cve.categories, ["Security"]);
    assert_eq!(cve.content_html, "<p>Patch now.click</p>", "CSI and OSC 8 with ST removed");
    assert_eq!(ram.content_html, "Download more RAM today.", "C1 OSC removed");
}

#[tokio::test]
async fn missing_and_duplicate_guids_and_invalid_dates() {
    let (server, feed) = feed("messy.xml").await;
    let keys: Vec<&str> = feed.items.iter().map(|item| item.key.as_str()).collect();
    assert_eq!(keys.len(), 5, "the duplicate is merged: {keys:?}");
    assert_eq!(keys[0], "https://patchdigest.example/2026/11/no-guid", "no guid: the link");
    assert!(keys[1].starts_with("sha256:") && keys[1].len() == 39, "no guid, no link: a hash: {}", keys[1]);
    assert_eq!(&keys[2..], ["dup-1", "untitled-7", "bad-link"]);

    let [linked, hashed, dup, untitled, bad_link] = &feed.items[..] else { unreachable!() };
    assert_eq!(linked.published, date("2026-11-10T18:00:00Z"));
    assert_eq!(hashed.link, None);
    assert_eq!(hashed.published, None, "an invalid date is no date");
    assert_eq!(dup.title, "Duplicate guid, first copy", "the first of duplicates is kept");
    assert_eq!(dup.published, None, "an impossible date is no date");
    assert_eq!(untitled.title, "An item without a title gets the start of its text as one.");
    assert_eq!(bad_link.link, None, "javascript: links are dropped");

    // The hash key is stable: parsing again gives the same keys.
    let again = parse_feed(&fixture("messy.xml"), None, &server.url("/messy.xml")).unwrap();
    assert_eq!(again.items[1].key, hashed.key);
}

#[tokio::test]
async fn an_html_page_lists_its_feeds() {
    let (server, parsed) = fetch_and_parse("page.html", "text/html; charset=utf-8").await;
    let feeds = vec![server.url("/feed.xml"), "https://byteledger.example/atom.xml".to_string()];
    assert_eq!(parsed, Err(ParseError::HtmlPage { feeds: feeds.clone() }));
    assert_eq!(discover_feeds(&fixture("page.html"), &server.url("/page.html")), feeds);
    let message = ParseError::HtmlPage { feeds }.to_string();
    assert!(message.starts_with("not a feed but an HTML page (it links to http://127.0.0.1:"), "{message}");
}

#[test]
fn a_local_file_resolves_links_against_its_site() {
    let feed = parse_feed(&fixture("rss2.xml"), None, "/home/me/feeds/rss2.xml").unwrap();
    assert_eq!(feed.items[1].link.as_deref(), Some("https://byteledger.example/2026/11/postgres-19-beta"));
}

#[test]
fn categories_merge_ignoring_case_beyond_ascii() {
    let xml = "<rss version=\"2.0\"><channel><item><guid>1</guid><category>Économie</category>\
               <category>ÉCONOMIE</category></item></channel></rss>";
    let feed = parse_feed(xml.as_bytes(), None, "https://x.example/").unwrap();
    assert_eq!(feed.items[0].categories, ["Économie"]);
}

#[test]
fn empty_and_broken_documents() {
    assert_eq!(parse_feed(b"", None, "https://x.example/"), Err(ParseError::Empty));
    assert_eq!(parse_feed(b" \n\t", None, "https://x.example/"), Err(ParseError::Empty));

    let broken = parse_feed(
        b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>x</chan",
        None,
        "https://x.example/",
    );
    let Err(ParseError::Invalid(reason)) = broken else { panic!("expected Invalid, got {broken:?}") };
    assert!(!reason.is_empty() && !reason.contains('\n'), "{reason}");

    let unknown =
        parse_feed(b"<?xml version=\"1.0\"?><catalog><book/></catalog>", None, "https://x.example/");
    assert_eq!(unknown, Err(ParseError::Invalid("no RSS, Atom or JSON Feed root element".into())));

    let json = parse_feed(b"{\"not\": \"a feed\"", None, "https://x.example/");
    assert!(matches!(json, Err(ParseError::Invalid(_))), "{json:?}");

    // A broken page served as HTML is still recognised as a page.
    let page = parse_feed(
        b"<div><link rel=alternate type=application/rss+xml href=/rss></div>",
        Some("text/html"),
        "https://x.example/a/",
    );
    assert_eq!(page, Err(ParseError::HtmlPage { feeds: vec!["https://x.example/rss".into()] }));
}
