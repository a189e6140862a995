//! Article text pipeline: layout (render_html), the layout cache, article extraction
//! (byline::extract), and read_page, checked against the hand-written pages in
//! tests/fixtures/pages (each with the article's expected text beside it).

use std::collections::HashMap;
use std::path::Path;

use byline::extract::{ExtractError, extract};
use byline::text::{LinkKind, RenderCache, Rendered, Style, read_page, render_html};
use unicode_width::UnicodeWidthStr;

const PAGES: &[&str] = &["wordpress", "news", "code-blog", "table-figures", "french"];
const PAGE_URL: &str = "https://example.org/2026/05/article";

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Lower-cased words, without the link numbers and image labels the layout adds.
fn words(text: &str) -> Vec<String> {
    let text = text.replace("[image: ", " ").replace("[image]", " ");
    let mut out = Vec::new();
    for raw in text.split(|c: char| !c.is_alphanumeric()) {
        if raw.is_empty() {
            continue;
        }
        out.push(raw.to_lowercase());
    }
    // Link numbers: "[3]" leaves a bare number glued to nothing; drop numbers that only come
    // from markers by removing them from the text before splitting.
    out
}

fn strip_link_markers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && after[digits..].starts_with(']') {
            rest = &after[digits + 1..];
        } else {
            out.push('[');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

fn counts(words: &[String]) -> HashMap<&str, usize> {
    let mut map = HashMap::new();
    for w in words {
        *map.entry(w.as_str()).or_default() += 1;
    }
    map
}

/// (recall, precision) of the shown words against the expected words, counting repeats.
fn quality(expected: &str, shown: &str) -> (f64, f64) {
    let expected = words(expected);
    let shown = words(&strip_link_markers(shown));
    let (e, s) = (counts(&expected), counts(&shown));
    let common: usize = e.iter().map(|(w, n)| (*n).min(*s.get(w).unwrap_or(&0))).sum();
    (common as f64 / expected.len() as f64, common as f64 / shown.len().max(1) as f64)
}

/// The body of `read_page` output, without the link list.
fn read_page_body(name: &str, width: u16) -> String {
    let html = fixture(&format!("{name}.html"));
    let text = read_page(&html, Some(PAGE_URL), width).expect(name);
    match text.split_once("\nLinks:\n") {
        Some((body, _)) => body.to_string(),
        None => text,
    }
}

/// A compact, reviewable form of a layout: styled runs as `{text|flags}`, links listed after.
fn marked(r: &Rendered) -> String {
    let mut out = String::new();
    for line in &r.lines {
        for span in &line.spans {
            if span.style == Style::default() {
                out.push_str(&span.text);
            } else {
                out.push_str(&format!("{{{}|{}}}", span.text, flags(span.style)));
            }
        }
        out.push('\n');
    }
    for item in r.link_list() {
        out.push_str(&item);
        out.push('\n');
    }
    out
}

fn flags(s: Style) -> String {
    let mut f = Vec::new();
    for (on, name) in [
        (s.bold, "b"),
        (s.italic, "i"),
        (s.underline, "u"),
        (s.strike, "s"),
        (s.code, "code"),
        (s.quote, "q"),
        (s.decoration, "deco"),
    ] {
        if on {
            f.push(name.to_string());
        }
    }
    if s.heading > 0 {
        f.push(format!("h{}", s.heading));
    }
    if let Some(n) = s.link {
        f.push(format!("L{n}"));
    }
    f.join(",")
}

fn assert_fits(r: &Rendered, width: u16, what: &str) {
    for line in &r.lines {
        let text = line.text();
        assert!(
            text.width() <= usize::from(width.max(1)),
            "{what} at width {width}: {text:?} is {} cells",
            text.width()
        );
    }
}

fn assert_clean(text: &str, what: &str) {
    for c in text.chars() {
        assert!(!c.is_control() || c == '\n', "{what}: control character {c:?} in output");
        assert!(
            !matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'),
            "{what}: bidi control {c:?} in output"
        );
    }
    for leak in ["<p", "</", "<div", "<a ", "<img", "&amp;", "&lt;", "&gt;", "&nbsp;", "&#"] {
        assert!(!text.contains(leak), "{what}: {leak:?} leaked into {text}");
    }
}

#[test]
fn fixture_pages_keep_the_article_words() {
    for name in PAGES {
        let expected = fixture(&format!("{name}.txt"));
        let shown = read_page_body(name, 80);
        let (recall, precision) = quality(&expected, &shown);
        eprintln!("{name}: recall {recall:.3}, precision {precision:.3}");
        assert!(recall >= 0.95, "{name}: recall {recall:.3} < 0.95\n---\n{shown}");
        assert!(precision >= 0.9, "{name}: precision {precision:.3} < 0.9\n---\n{shown}");
    }
}

#[test]
fn fixture_pages_drop_site_chrome() {
    let chrome: &[(&str, &[&str])] = &[
        (
            "wordpress",
            &[
                "Leave a Comment",
                "Akismet",
                "Facebook",
                "Pinterest",
                "LinkedIn",
                "Share this",
                "#compost",
                "About Marta",
                "fifteen years",
                "Recent Posts",
                "Skip to content",
                "powered by WordPress",
                "Post Comment",
                "Previous:",
            ],
        ),
        (
            "news",
            &[
                "Related",
                "Ferry timetable",
                "Most read",
                "newsletter",
                "cookies",
                "All rights reserved",
                "Privacy policy",
                "Business",
            ],
        ),
        ("code-blog", &["Archive", "Share on", "Hacker News", "Colophon", "performance"]),
        ("table-figures", &["Deals", "More stories", "headphones", "commission"]),
        ("french", &["Accueil", "Partager", "droits réservés", "S’abonner"]),
    ];
    for (name, strings) in chrome {
        let shown = read_page_body(name, 80);
        for s in *strings {
            assert!(!shown.contains(s), "{name}: {s:?} survived\n---\n{shown}");
        }
    }
}

#[test]
fn fixture_pages_keep_title_and_byline() {
    let cases = [
        ("wordpress", "Building a Compost Heap That Actually Works", "Marta Quintero"),
        ("news", "Harbour city trials night buses powered by batteries", "Daniel Okafor"),
        ("code-blog", "Parsing log lines without regular expressions", "Priya Raman"),
        ("table-figures", "How four budget e-readers handle a week of commuting", "Lena Fischer"),
        ("french", "À Lyon, les traboules rouvrent leurs portes aux promeneurs", "Élodie Marchand"),
    ];
    for (name, title, author) in cases {
        let page = extract(&fixture(&format!("{name}.html")), Some(PAGE_URL)).expect(name);
        assert_eq!(page.title, title, "{name}");
        let byline = page.author.unwrap_or_default();
        assert!(byline.contains(author), "{name}: byline {byline:?}");
    }
}

#[test]
fn fixture_pages_snapshot_at_width_80() {
    for name in PAGES {
        let page = extract(&fixture(&format!("{name}.html")), Some(PAGE_URL)).expect(name);
        let rendered = render_html(&page.content_html, 80);
        let text = format!(
            "title: {}\nbyline: {}\n\n{}",
            page.title,
            page.author.as_deref().unwrap_or("-"),
            marked(&rendered)
        );
        insta::assert_snapshot!(format!("page_{name}"), text);
    }
}

#[test]
fn no_line_is_wider_than_the_width() {
    let mut docs: Vec<(String, String)> = Vec::new();
    for name in PAGES {
        let html = fixture(&format!("{name}.html"));
        let page = extract(&html, Some(PAGE_URL)).expect(name);
        docs.push((format!("{name} (whole page)"), html));
        docs.push((format!("{name} (extracted)"), page.content_html));
    }
    docs.push(("samples".into(), SAMPLES.into()));
    for (what, html) in &docs {
        for width in 20..=120 {
            let r = render_html(html, width);
            assert_fits(&r, width, what);
            assert_clean(&r.to_plain_text(), what);
        }
    }
}

#[test]
fn tiny_widths_do_not_panic_and_still_fit() {
    for width in 0..=12 {
        for html in [SAMPLES, &fixture("table-figures.html")] {
            let r = render_html(html, width);
            assert_fits(&r, width, "tiny");
            assert!(!r.lines.is_empty());
        }
    }
}

const SAMPLES: &str = r#"<h1>Samples &amp; “quotes” — dashes</h1>
<p>Café, naïve, Ærøskøbing, 日本語のテキストと絵文字 😀🎉, and&nbsp;non&nbsp;breaking&nbsp;spaces. A verylongwordwithoutanyspacesthatcannotbewrappedanywhereatallbyanyone and <a href="https://example.org/a/very/long/path/that/goes/on/and/on">a link</a>.</p>
<pre><code>let x = "a code line that is much wider than any narrow terminal would ever be, on purpose";</code></pre>
<table><tr><th>Column one</th><th>Column two</th><th>Column three</th></tr>
<tr><td>日本語</td><td>😀 emoji</td><td>a much longer cell with several words in it</td></tr></table>
<blockquote><ul><li>quoted list<ol><li>deep item</li></ol></li></ul><hr></blockquote><hr>"#;

#[test]
fn links_are_numbered_in_the_text_and_listed() {
    let html = r##"<p>Read <a href="https://a.example/one">the first</a>, then
        <a href="https://b.example/two">the <b>second</b></a>, and
        <a href="https://a.example/one">the first again</a>.
        <a href="#top">Back to top</a> is not a destination.
        <img src="https://img.example/cat.jpg" alt="A cat asleep"></p>"##;
    let r = render_html(html, 80);
    let text = r.to_plain_text();
    assert!(text.contains("the first[1]"), "{text}");
    assert!(text.contains("the second[2]"), "{text}");
    assert!(text.contains("the first again[1]"), "{text}");
    assert!(text.contains("Back to top is"), "{text}");
    assert!(text.contains("[image: A cat asleep][3]"), "{text}");
    assert_eq!(r.links.len(), 3);
    assert_eq!(r.links[0].url, "https://a.example/one");
    assert_eq!(r.links[1].kind, LinkKind::Link);
    assert_eq!(r.links[2].kind, LinkKind::Image);
    assert_eq!(r.links[2].url, "https://img.example/cat.jpg");
    let second = r.lines[0].spans.iter().find(|s| s.text == "second").expect("a span for the bold link text");
    assert!(second.style.bold);
    assert_eq!(second.style.link, Some(2));
    assert_eq!(
        r.link_list(),
        ["[1] https://a.example/one", "[2] https://b.example/two", "[3] image: https://img.example/cat.jpg"]
    );
}

#[test]
fn article_with_links_and_code_block() {
    let html = r#"<h2>Setup</h2>
<p>Install <a href="https://rustup.rs">rustup</a>, then run <code>cargo new demo</code>:</p>
<pre><code>fn main() {
	let greeting = "hello";
    println!("{greeting}, world and a tail that makes this line longer than forty cells");
}</code></pre>
<p>That is <em>all</em> it takes.</p>"#;
    let r = render_html(html, 40);
    assert_fits(&r, 40, "code");
    insta::assert_snapshot!("links_and_code_at_40", marked(&r));
    // Indentation survives (the tab expands to four spaces) and long lines are hard-split.
    let text = r.to_plain_text();
    assert!(text.contains("\n    let greeting = \"hello\";\n"), "{text}");
    assert!(text.contains("\n    println!(\"{greeting}, world and a ta\nil that"), "{text}");
}

#[test]
fn nested_lists() {
    let html = "<ul><li>Fruit<ul><li>Apples<ol><li>Cox</li><li>Bramley</li></ol></li><li>Pears</li></ul></li><li>Vegetables</li></ul>";
    let r = render_html(html, 40);
    insta::assert_snapshot!("nested_lists", marked(&r));
    let text = r.to_plain_text();
    assert!(
        text.contains("• Fruit\n  • Apples\n    1. Cox\n    2. Bramley\n  • Pears\n• Vegetables"),
        "{text}"
    );
}

#[test]
fn table_is_readable_at_the_width() {
    let html = "<table><tr><th>Model</th><th>Price</th></tr><tr><td>Lumo Mini</td><td>79 €</td></tr><tr><td>Inkwell Go</td><td>95 €</td></tr></table>";
    let r = render_html(html, 40);
    insta::assert_snapshot!("table_at_40", marked(&r));
    let text = r.to_plain_text();
    assert!(text.contains("Lumo Mini"), "{text}");
    assert!(text.contains("79 €"), "{text}");
    // Narrower than the table: cells wrap inside their columns, never past the width.
    for width in [8, 12, 16] {
        let narrow = render_html(html, width);
        assert_fits(&narrow, width, "narrow table");
        let letters: String = narrow.to_plain_text().chars().filter(|c| c.is_alphanumeric()).collect();
        for cell in ["Model", "Lumo", "Inkwell", "95"] {
            assert!(
                letters.contains(cell) || letters.contains(&cell[..3]),
                "{cell} missing at {width}:\n{}",
                narrow.to_plain_text()
            );
        }
    }
}

#[test]
fn headings_quotes_rules_and_emphasis_are_styled() {
    let html = "<h3>Small heading</h3><blockquote><p>Wise <strong>words</strong></p></blockquote><hr><p><del>old</del> <i>new</i></p>";
    let r = render_html(html, 30);
    insta::assert_snapshot!("styles", marked(&r));
    let spans: Vec<_> = r.lines.iter().flat_map(|l| l.spans.iter()).collect();
    let find = |t: &str| spans.iter().find(|s| s.text.contains(t)).expect(t).style;
    assert_eq!(find("Small heading").heading, 3);
    assert!(find("Wise").quote);
    assert!(find("words").bold && find("words").quote);
    assert!(find("old").strike);
    assert!(find("new").italic);
    assert!(spans.iter().any(|s| s.style.decoration && s.text.starts_with('─')));
}

#[test]
fn cjk_and_emoji_are_measured_by_display_width() {
    let html = "<p>日本語の文章はスペースなしで続きますが、端末の幅を超えてはいけません。😀😀😀😀😀😀😀😀😀😀😀😀</p>\
        <p>❤️❤️❤️❤️❤️❤️❤️❤️👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧 ok</p>";
    for width in [7, 10, 15, 21] {
        let r = render_html(html, width);
        assert_fits(&r, width, "cjk");
        let joined: String = r.lines.iter().map(|l| l.text()).collect();
        assert!(joined.contains("日本語"), "{joined}");
        assert_eq!(joined.matches('😀').count(), 12);
    }
    let r = render_html(html, 10);
    insta::assert_snapshot!("cjk_at_10", r.to_plain_text());
}

#[test]
fn hostile_text_cannot_reach_the_terminal() {
    let html = "<h1>Ti\u{1b}[2Jtle\u{1b}]0;pwned\u{7}</h1>\
        <p>a&#27;[31mred&#x1b;[0m \u{9b}31mb\u{202e}evil\u{202c} c&#1;&#2;&#3;d</p>\
        <p><a href=\"https://x.example/\u{1b}[5m\">li\u{7}nk</a>\
        <img src=\"/i.png\" alt=\"al\u{1b}[1mt\"></p>\
        <pre>co\u{1b}[1mde\u{8}</pre>";
    let r = render_html(html, 60);
    let text = r.to_plain_text();
    assert_clean(&text, "hostile");
    for link in &r.links {
        assert_clean(&link.url, "hostile url");
    }
    // The markers the layout uses for headings and quotes cannot be forged either.
    assert!(!text.contains('>') && !text.contains('•'), "{text}");
    assert!(text.starts_with("# Title\n"), "{text}");
    assert!(text.contains("a[31mred[0m"), "{text}");
    assert!(text.contains("cd"), "{text}");
}

#[test]
fn cache_lays_out_once_per_content_and_width() {
    let html = fixture("code-blog.html");
    let other = fixture("french.html");
    let mut cache = RenderCache::new(3);
    let a = cache.get(&html, 80);
    for _ in 0..10 {
        assert_eq!(*cache.get(&html, 80), *a);
    }
    assert_eq!(cache.renders(), 1);
    cache.get(&html, 60);
    cache.get(&html, 80);
    assert_eq!(cache.renders(), 2, "going back to a recent width is a hit");
    cache.get(&other, 80);
    assert_eq!(cache.renders(), 3, "other content is laid out");
    cache.get(&html, 100);
    cache.get(&html, 60);
    assert_eq!(cache.renders(), 5, "the oldest entry was evicted");
    assert_eq!(*cache.get(&html, 80), render_html(&html, 80));
}

#[test]
fn extraction_errors_are_one_line_reasons() {
    assert_eq!(extract("  \n", None), Err(ExtractError::Empty));
    let chrome_only = "<html><head><title>Home</title></head><body><nav><a href=/>Home</a> <a href=/about>About</a></nav><footer>© 2026</footer></body></html>";
    assert_eq!(extract(chrome_only, Some(PAGE_URL)), Err(ExtractError::NoContent));
    assert_eq!(ExtractError::NoContent.to_string(), "no article content found");
    assert!(read_page(chrome_only, None, 80).is_err());
}

#[test]
fn a_page_wrapped_in_a_form_or_chrome_class_still_extracts() {
    let wordpress = fixture("wordpress.html");
    for (open, close) in [
        ("<form id=\"aspnetForm\" action=\"/post\">", "</form>"),
        ("<div class=\"layout has-sidebar\">", "</div>"),
    ] {
        let wrapped = wordpress
            .replacen(
                "<div id=\"page\" class=\"site\">",
                &format!("{open}<div id=\"page\" class=\"site\">"),
                1,
            )
            .replacen("</body>", &format!("{close}</body>"), 1);
        let page = extract(&wrapped, Some(PAGE_URL)).expect(open);
        let text = render_html(&page.content_html, 80).to_plain_text();
        assert!(text.contains("Greens are fresh and wet"), "{open}: {text}");
        assert!(!text.contains("Pinterest"), "{open}: {text}");
    }
}

#[test]
fn relative_links_resolve_against_the_page_url() {
    let page = extract(&fixture("table-figures.html"), Some(PAGE_URL)).expect("extracts");
    let r = render_html(&page.content_html, 80);
    assert!(
        r.links
            .iter()
            .any(|l| l.kind == LinkKind::Image && l.url == "https://example.org/img/ereaders-lineup.jpg"),
        "{:?}",
        r.links
    );
    // A malformed page URL costs link resolution, not the article.
    assert!(extract(&fixture("table-figures.html"), Some("not a url")).is_ok());
}

#[test]
fn read_page_has_title_byline_body_and_links() {
    let text = read_page(&fixture("news.html"), Some(PAGE_URL), 60).expect("news extracts");
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("Harbour city trials night buses powered by batteries"));
    assert!(lines.next().is_some_and(|l| l.contains("Daniel Okafor")));
    assert_eq!(lines.next(), Some(""));
    assert!(text.contains("Six electric buses"));
    for line in text.lines().filter(|l| !l.starts_with('[')) {
        assert!(line.width() <= 60, "{line:?}");
    }
}

#[test]
fn odd_markup_never_panics_and_always_fits() {
    // Every pair of these, nested both ways, at narrow and normal widths.
    let parts = [
        ("<table><tr><td>", "</td><td>x</td></tr></table>"),
        ("<ul><li>", "</li></ul>"),
        ("<ol start=\"-3\"><li>", "</li><li>b</li></ol>"),
        ("<blockquote>", "</blockquote>"),
        ("<pre>", "</pre>"),
        ("<h2>", "</h2>"),
        ("<a href=\"https://l.example/\">", "</a>"),
        ("<dl><dt>term</dt><dd>", "</dd></dl>"),
        ("<p><code>", "</code></p>"),
        ("<div><hr>", "<hr></div>"),
    ];
    let body = "word 日本 😀 <img src=i.png alt=pic> <b>bold\ttab</b>";
    for (open_a, close_a) in parts {
        for (open_b, close_b) in parts {
            let html = format!("{open_a}{open_b}{body}{close_b}{close_a}<p>{open_b}tail");
            for width in [0, 1, 2, 3, 5, 9, 14, 33] {
                let r = render_html(&html, width);
                assert_fits(&r, width, &html);
                assert_clean(&r.to_plain_text(), &html);
            }
        }
    }
}

#[test]
fn each_picture_is_placed_above_the_first_line_its_placeholder_is_on() {
    let html = r#"<p>Intro text.</p>
        <figure><a href="https://x.example/full.png"><img src="https://x.example/chart.png" alt="A chart"></a>
        <figcaption>Figure 1</figcaption></figure>
        <p>Inline <img src="https://x.example/icon.png" alt="icon"> in a sentence.</p>
        <p>The chart again: <img src="https://x.example/chart.png" alt="A chart"></p>
        <p><img src="data:image/png;base64,AAAA" alt="inline data"></p>"#;
    let r = render_html(html, 60);
    let spots: Vec<(String, String)> = r
        .pictures
        .iter()
        .map(|s| (r.lines[s.line].text(), r.links[usize::from(s.link) - 1].url.clone()))
        .collect();
    assert_eq!(
        spots,
        [
            ("[image: A chart][2][1]".to_string(), "https://x.example/chart.png".to_string()),
            ("Inline [image: icon][3] in a sentence.".to_string(), "https://x.example/icon.png".to_string()),
        ],
        "inside a link the image's own number; once each; data: never"
    );
    assert!(r.pictures.iter().all(|s| r.links[usize::from(s.link) - 1].kind == LinkKind::Image));
}
