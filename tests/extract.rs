//! Article extraction on whole pages (byline::extract): which text is kept, what a page with an
//! unusual container still gives, the metadata, and the plain text `read-page --json` prints.

use std::path::Path;

use byline::extract::extract;
use byline::text::{body_links, plain_text};

const PAGE_URL: &str = "https://example.org/2026/05/article";

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Expected paragraphs of a fixture's article (its .txt, blank-line separated, after the title
/// and byline).
fn paragraphs(name: &str) -> Vec<String> {
    fixture(&format!("{name}.txt"))
        .split("\n\n")
        .skip(1)
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

fn text_of(html: &str) -> String {
    let article = extract(html, Some(PAGE_URL)).expect("extracts");
    plain_text(&article.content_html).split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_french_wordpress_article_keeps_every_paragraph_and_none_of_its_chrome() {
    let text = text_of(&fixture("french.html"));
    for paragraph in paragraphs("french") {
        assert!(text.contains(&paragraph), "lost: {paragraph}\n---\n{text}");
    }
    for chrome in ["Accueil", "Partager", "droits réservés", "S’abonner"] {
        assert!(!text.contains(chrome), "{chrome:?} survived\n---\n{text}");
    }
}

#[test]
fn an_article_container_with_chrome_class_names_is_kept_whole() {
    // Class words that name chrome on most sites name the article's wrappers on some.
    let page = fixture("wordpress.html");
    for wrapper in ["widget-content", "promo-article", "modal-body", "post subscribe-wrapper", "has-sidebar"]
    {
        let wrapped = page
            .replacen(
                "<div class=\"entry-content\">",
                &format!("<div class=\"{wrapper}\"><div class=\"entry-content\">"),
                1,
            )
            .replacen("</article>", "</div></article>", 1);
        assert_ne!(wrapped, page, "the fixture has an entry-content div");
        let text = text_of(&wrapped);
        for paragraph in paragraphs("wordpress") {
            assert!(text.contains(&paragraph), "{wrapper}: lost {paragraph}\n---\n{text}");
        }
        assert!(!text.contains("Pinterest"), "{wrapper}: {text}");
    }
}

const PROSE: &str = "Flame graphs show where a program spends its time, one box per function, \
    wider boxes for more samples. Reading one starts at the widest tower, not the tallest.";

#[test]
fn an_article_both_extractors_skip_falls_back_to_the_largest_block() {
    // Readability skips role="dialog" outright; the article must not become the cookie notice.
    let body: String = (1..=8).map(|i| format!("<p>{i}. {PROSE}</p>")).collect();
    let page = format!(
        "<html><head><title>Flame graphs</title></head><body>\
         <nav><a href=/>Home</a> <a href=/about>About</a></nav>\
         <div class=\"modal show\" role=\"dialog\"><h1>Flame graphs</h1><div class=\"modal-body\">{body}</div></div>\
         <div class=\"modal\" id=\"cookies\"><p>We use cookies to measure traffic. Accept all?</p></div>\
         <footer>© 2026 Hot Path</footer></body></html>"
    );
    let text = text_of(&page);
    assert!(text.contains("1. Flame graphs show") && text.contains("8. Flame graphs show"), "{text}");
}

#[test]
fn a_short_article_beside_long_comments_stays_the_article() {
    let comments: String = (1..=6)
        .map(|i| {
            format!("<div class=\"comment\"><p>{}</p></div>", format!("Comment {i}: {PROSE} ").repeat(6))
        })
        .collect();
    let page = format!(
        "<html><body><article><h1>Open thread</h1><p>This is our open thread: ask us anything about \
         the project, its roadmap or its releases in the comments below, and we will answer.</p></article>\
         <section id=\"comments\">{comments}</section></body></html>"
    );
    let text = text_of(&page);
    assert!(text.contains("This is our open thread"), "{text}");
    assert!(!text.contains("Comment 3"), "{text}");
}

#[test]
fn metadata_comes_from_json_ld_and_open_graph() {
    let body: String = (1..=5).map(|i| format!("<p>{i}. {PROSE}</p>")).collect();
    let page = format!(
        "<html><head><title>Relicensing the toolkit | Example Weekly</title>\
         <meta property=\"og:site_name\" content=\"Example Weekly\">\
         <meta property=\"og:image\" content=\"/img/lead.jpg\">\
         <script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\"headline\":\"Relicensing the toolkit\",\
         \"author\":{{\"@type\":\"Person\",\"name\":\"Ines Laurent\"}},\"datePublished\":\"2026-03-04T10:15:00+01:00\"}}</script>\
         <script>var tracking = 1;</script><style>p {{ color: red }}</style></head>\
         <body><article><h1>Relicensing the toolkit</h1>{body}</article></body></html>"
    );
    let article = extract(&page, Some(PAGE_URL)).expect("extracts");
    assert_eq!(article.title, "Relicensing the toolkit");
    assert_eq!(article.author.as_deref(), Some("Ines Laurent"));
    assert_eq!(article.published.map(|d| d.to_rfc3339()).as_deref(), Some("2026-03-04T09:15:00+00:00"));
    assert_eq!(article.site.as_deref(), Some("Example Weekly"));
    assert_eq!(article.lead_image.as_deref(), Some("https://example.org/img/lead.jpg"));
    assert!(!article.content_html.contains("tracking"), "{}", article.content_html);
}

#[test]
fn plain_text_is_paragraphs_lines_and_verbatim_code() {
    let html = "<h2>Setup</h2><p>First   paragraph\nwith <a href=\"https://a.example/x\">a link</a>.</p>\
                <ul><li>one</li><li>two <b>bold</b></li></ul>\
                <pre><code>fn main() {\n    run();\n}</code></pre>\
                <figure><img src=\"https://a.example/i.png\" alt=\"chart\"><figcaption>The chart</figcaption></figure>\
                <table><tr><th>Board</th><th>Price</th></tr><tr><td>Kestrel</td><td>79</td></tr></table>\
                <p>Last<br>line</p><script>alert(1)</script>";
    assert_eq!(
        plain_text(html),
        "Setup\n\nFirst paragraph with a link.\n\none\ntwo bold\n\nfn main() {\n    run();\n}\n\n\
         Board | Price\nKestrel | 79\n\nLast\nline"
    );
    assert!(!plain_text("<p>bell\u{7} \u{1b}[31mred</p>").contains(['\u{7}', '\u{1b}']));
}

#[test]
fn body_links_are_absolute_http_links_in_order_each_once() {
    let html = "<p><a href=\"https://b.example/\">b</a> <a href=\"#top\">top</a> <a href=\"javascript:x()\">js</a>\
                <a href=\"/relative\">rel</a> <a href=\"https://a.example/p?q=1&amp;r=2\">a</a> <a href=\"https://b.example/\">b again</a></p>";
    assert_eq!(body_links(html), ["https://b.example/", "https://a.example/p?q=1&r=2"]);
}
