//! Feeds the web still serves that are not quite XML, or not quite the current formats: each
//! fixture asserts what a person reading the document would read.

use byline::model::{Enclosure, ParsedFeed};
use byline::parse::{ParseError, parse_feed};

use super::{assert_sane, date, fixture, titles};

fn legacy(name: &str) -> ParsedFeed {
    let feed = parse_feed(&fixture(&format!("legacy/{name}")), None, "https://fixture.example/feed")
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_sane(&feed);
    feed
}

fn links(feed: &ParsedFeed) -> Vec<&str> {
    feed.items.iter().map(|item| item.link.as_deref().unwrap_or("")).collect()
}

#[test]
fn bare_ampersands_keep_titles_and_queries() {
    let feed = legacy("ampersands.xml");
    assert_eq!(feed.title.as_deref(), Some("Telecom & Cable Weekly"));
    assert_eq!(feed.link.as_deref(), Some("https://telecom.example/?utm_source=rss&utm_medium=feed"));
    assert_eq!(titles(&feed), ["AT&T buys a fibre network", "Ben & Jerry's & the 5G rollout"]);
    assert_eq!(links(&feed), ["https://telecom.example/story?a=1&b=2", "https://telecom.example/ice?x=&y=1"]);
    assert_eq!(feed.items[0].key, "https://telecom.example/story?a=1&b=2");
    assert_eq!(feed.items[0].content_html, "Q&A with the CEO: prices up 5% & more — read on.");
}

#[test]
fn a_cut_document_keeps_its_complete_items_and_the_titled_cut_one() {
    let feed = legacy("truncated.xml");
    assert_eq!(feed.title.as_deref(), Some("Cut Short"));
    assert_eq!(
        titles(&feed),
        ["First complete story", "Second complete story", "Third story, cut in its text"]
    );
    assert_eq!(links(&feed), ["https://cut.example/1", "https://cut.example/2", "https://cut.example/3"]);
    assert_eq!(feed.items[1].content_html, "<p>The second story is <b>complete</b> too.</p>");
    assert!(!feed.items[2].content_html.contains("sen"), "the cut sentence is not kept half");

    // Cut inside the third title: that item has no title, so it goes.
    let text = String::from_utf8(fixture("legacy/truncated.xml")).expect("utf-8");
    let cut = &text[..text.find("Third story").expect("third") + 5];
    let feed = parse_feed(cut.as_bytes(), None, "https://cut.example/").expect("parsed");
    assert_eq!(titles(&feed), ["First complete story", "Second complete story"]);

    // Cut before any item ends: nothing to show is an error, not an empty success.
    let early = &text[..text.find("First complete").expect("first")];
    let err = parse_feed(early.as_bytes(), None, "https://cut.example/").expect_err("no item");
    assert_eq!(err, ParseError::Invalid("the document ends before its first complete item".into()));
}

#[test]
fn rss_without_a_version() {
    let feed = legacy("no-version.xml");
    assert_eq!(feed.title.as_deref(), Some("Versionless"));
    assert_eq!(titles(&feed), ["An RSS feed that never said which RSS"]);
    assert_eq!(links(&feed), ["https://versionless.example/posts/1"]);
    assert_eq!(feed.items[0].content_html, "Still readable.");
}

#[test]
fn junk_before_the_declaration_is_skipped() {
    let feed = legacy("php-warnings.xml");
    assert_eq!(feed.title.as_deref(), Some("A WordPress Blog"));
    assert_eq!(titles(&feed), ["Hello world!"]);
    let item = &feed.items[0];
    assert_eq!(item.author.as_deref(), Some("admin"));
    assert_eq!(item.published, date("2026-03-02T10:00:00Z"));
    assert_eq!(item.content_html, "<p>Welcome to WordPress.</p>");

    let feed = legacy("bom-whitespace.xml");
    assert_eq!(feed.title.as_deref(), Some("Byte Order"));
    assert_eq!(titles(&feed), ["A BOM, blank lines, then the declaration"]);
}

#[test]
fn raw_markup_in_a_title_keeps_every_item() {
    let feed = legacy("raw-markup.xml");
    assert_eq!(titles(&feed), ["Before the broken one", "Raw bold", "After the broken one"]);
    assert_eq!(
        links(&feed),
        ["https://markup.example/1", "https://markup.example/2", "https://markup.example/3"]
    );
    let html = &feed.items[1].content_html;
    assert!(html.starts_with("A <p>paragraph with a <br> break and an <i>unclosed italic"), "{html}");
}

#[test]
fn atom_03_reads_as_atom() {
    let feed = legacy("atom03.xml");
    assert_eq!(feed.title.as_deref(), Some("Old Atom Blog"));
    assert_eq!(feed.link.as_deref(), Some("https://atom03.example/"));
    assert_eq!(titles(&feed), ["Escaped HTML content", "Base64 content"]);
    assert_eq!(
        links(&feed),
        ["https://atom03.example/2005/06/escaped", "https://atom03.example/2005/05/base64"]
    );
    let [escaped, base64] = &feed.items[..] else { panic!("two entries") };
    assert_eq!(escaped.key, "tag:atom03.example,2005:1");
    assert_eq!(escaped.published, date("2005-06-01T14:30:00Z"), "issued is the published date");
    assert_eq!(escaped.author.as_deref(), Some("Ann Author"));
    assert_eq!(escaped.content_html, "<p>Hello from <strong>Atom 0.3</strong>.</p>");
    assert_eq!(base64.published, date("2005-05-20T10:00:00Z"), "modified when not issued");
    assert_eq!(base64.content_html, "<p>Decoded from <em>base64</em>.</p>");
}

#[test]
fn netscape_dtd_entities_are_decoded() {
    let feed = legacy("rss091.xml");
    assert_eq!(feed.title.as_deref(), Some("Le Journal Rétro"));
    assert_eq!(titles(&feed), ["À bientôt !"]);
    assert_eq!(links(&feed), ["https://retro.example/a-bientot"]);
    let text = byline::text::render_html(&feed.items[0].content_html, 80).to_plain_text();
    assert_eq!(text.trim(), "Café crème & croissant © 1999");
}

#[test]
fn content_in_unusual_places() {
    let feed = legacy("unusual-content.xml");
    assert_eq!(titles(&feed), ["Body in XHTML", "Undeclared prefixes", "Nested CDATA"]);
    let [body, prefixes, cdata] = &feed.items[..] else { panic!("three items") };
    assert_eq!(body.content_html, "<p>Content in an <em>xhtml</em> body.</p>");
    assert_eq!(prefixes.author.as_deref(), Some("Dee Creator"));
    assert_eq!(cdata.content_html, "outer inner tail");

    // A well-formed RSS 2.0 feed with an XHTML body: feed-rs reads it without the body, which
    // is suspicious enough for a second try.
    let xml = r#"<rss version="2.0"><channel><title>t</title><item><title>x</title>
        <body xmlns="http://www.w3.org/1999/xhtml"><p>Only here</p></body></item></channel></rss>"#;
    let feed = parse_feed(xml.as_bytes(), None, "https://x.example/").expect("parsed");
    assert_eq!(feed.items[0].content_html, "<p>Only here</p>");
}

#[test]
fn xml_base_and_mime_typed_atom_text() {
    let feed = legacy("xml-base.xml");
    assert_eq!(feed.title.as_deref(), Some("Based & Relative"));
    assert_eq!(titles(&feed), ["Relative links resolve against xml:base"]);
    assert_eq!(links(&feed), ["https://base.example/blog/2026/first-post"]);
    assert_eq!(feed.items[0].content_html, "<p>A plain summary.</p>");
}

#[test]
fn enclosures_and_thumbnails() {
    let feed = legacy("podcast.xml");
    let [ep42, ep41, ep40] = &feed.items[..] else { panic!("three items") };
    assert_eq!(
        ep42.media.enclosures,
        [Enclosure {
            url: "https://cdn.podcast.example/ep42.mp3".into(),
            mime: Some("audio/mpeg".into()),
            length: Some(12_345_678),
            duration: Some(42 * 60 + 17),
        }]
    );
    assert_eq!(ep42.media.image.as_deref(), Some("https://cdn.podcast.example/ep42.jpg"));
    let urls: Vec<&str> = ep41.media.enclosures.iter().map(|e| e.url.as_str()).collect();
    assert_eq!(urls, ["https://cdn.podcast.example/ep41.mp4"]);
    assert_eq!(ep41.media.enclosures[0].length, Some(98_765_432));
    assert_eq!(ep41.media.enclosures[0].duration, Some(3600));
    assert_eq!(ep40.media.enclosures[0].url, "https://fixture.example/ep40.mp3", "resolved");
    assert_eq!(ep40.media.enclosures[0].length, None, "a length of 0 is unknown");
    assert_eq!(ep41.media.image, None);
}

#[test]
fn items_nobody_can_read_are_an_error() {
    let xml = r#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://x.example/not-rss">
        <item><title>x</title></item><item><title>y</title></item></rdf:RDF>"#;
    let err = parse_feed(xml.as_bytes(), None, "https://x.example/").expect_err("unreadable");
    assert_eq!(err, ParseError::Invalid("none of its 2 items could be read".into()));
}

#[test]
fn five_thousand_items_with_a_bare_ampersand() {
    let mut xml =
        String::from("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Big & busy</title>\n");
    for i in 0..5000 {
        xml.push_str(&format!(
            "<item><title>Story {i}</title><link>https://big.example/{i}?a=1&b=2</link>\
             <description>Text of story {i} &amp; more.</description></item>\n"
        ));
    }
    xml.push_str("</channel></rss>");
    let started = std::time::Instant::now();
    let feed = parse_feed(xml.as_bytes(), None, "https://big.example/").expect("parsed");
    assert_eq!(feed.title.as_deref(), Some("Big & busy"));
    assert_eq!(feed.items.len(), 5000);
    assert_eq!(feed.items[4999].link.as_deref(), Some("https://big.example/4999?a=1&b=2"));
    assert!(started.elapsed() < std::time::Duration::from_secs(20), "{:?}", started.elapsed());
}

/// Every fixture cut at every byte: no panic, no hang, and every item whose end tag came before
/// the cut is still there with its link (and title, when the cut is not inside a character).
#[test]
fn truncation_at_every_byte_keeps_complete_items() {
    let names = [
        "rss2.xml",
        "atom.xml",
        "rss1.rdf",
        "french.xml",
        "legacy/ampersands.xml",
        "legacy/truncated.xml",
        "legacy/no-version.xml",
        "legacy/php-warnings.xml",
        "legacy/raw-markup.xml",
        "legacy/atom03.xml",
        "legacy/rss091.xml",
        "legacy/unusual-content.xml",
        "legacy/xml-base.xml",
        "legacy/podcast.xml",
    ];
    let started = std::time::Instant::now();
    for name in names {
        let bytes = fixture(name);
        let url = "https://fixture.example/feed";
        let full = parse_feed(&bytes, None, url).unwrap_or_else(|e| panic!("{name}: {e}"));
        let ends = item_ends(&bytes);
        for cut in 0..bytes.len() {
            let part = &bytes[..cut];
            let parsed = parse_feed(part, None, url);
            let complete = ends.iter().filter(|&&end| end <= cut).count().min(full.items.len());
            if complete == 0 {
                continue;
            }
            let feed = parsed.unwrap_or_else(|e| panic!("{name} cut at {cut}: {e}"));
            assert_sane(&feed);
            let whole_chars = std::str::from_utf8(part).is_ok();
            for expected in &full.items[..complete] {
                let found = feed
                    .items
                    .iter()
                    .any(|item| item.link == expected.link && (!whole_chars || item.title == expected.title));
                assert!(found, "{name} cut at {cut}: lost {:?} (have {:?})", expected.title, titles(&feed));
            }
        }
    }
    assert!(started.elapsed() < std::time::Duration::from_secs(120), "{:?}", started.elapsed());
}

/// Byte offsets just past each `</item>` or `</entry>`.
fn item_ends(bytes: &[u8]) -> Vec<usize> {
    let mut ends = Vec::new();
    for tag in [&b"</item>"[..], b"</entry>"] {
        let mut at = 0;
        while let Some(i) = bytes[at..].windows(tag.len()).position(|w| w == tag) {
            ends.push(at + i + tag.len());
            at += i + tag.len();
        }
    }
    ends.sort_unstable();
    ends
}

#[test]
fn an_html_doctype_before_a_feed_and_base64_atom_text() {
    let xml = "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" \"x\">\n\
               <rss><channel><title>found</title><item><title>i</title></item></channel></rss>";
    let feed = parse_feed(xml.as_bytes(), None, "https://x.example/").expect("a feed, not a page");
    assert_eq!(feed.title.as_deref(), Some("found"));

    // Atom 1.0: a text construct with a MIME type that is not text is base64.
    let xml = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry>
        <title type="application/octet-stream">RXhhbXBsZSA8Yj5BdG9tPC9iPg==</title></entry></feed>"#;
    let feed = parse_feed(xml.as_bytes(), None, "https://x.example/").expect("parsed");
    assert_eq!(titles(&feed), ["Example Atom"]);
}
