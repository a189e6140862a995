//! OPML 1.0/2.0: every `<outline>` with an `xmlUrl` is a feed; outlines without one are folders
//! whose names become tags of the feeds inside them.

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use super::{Collector, Import, ImportError, clean_title, push_tag};
use crate::sanitize::clean_line;

/// An element that is open while reading.
struct Open {
    name: String,
    line: usize,
    /// The folder name when this is an outline without `xmlUrl`.
    folder: Option<String>,
}

/// The attributes of an `<outline>` that matter here.
#[derive(Default)]
struct Outline {
    xml_url: Option<String>,
    title: Option<String>,
    text: Option<String>,
    category: Option<String>,
}

pub(super) fn parse(text: &str) -> Result<Import, ImportError> {
    let mut reader = Reader::from_str(text);
    let mut collector = Collector::default();
    let mut open: Vec<Open> = Vec::new();
    let mut root_seen = false;
    loop {
        let start = reader.buffer_position();
        let event = reader.read_event().map_err(|e| xml_error(text, reader.error_position(), &e))?;
        let (element, is_empty) = match &event {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(_) => {
                open.pop();
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let line = line_at(text, start);
        let name = element.local_name().as_ref().to_string();
        if !root_seen {
            if !name.eq_ignore_ascii_case("opml") {
                return Err(ImportError::NotOpml(format!("the root element is <{}>", clean_line(&name))));
            }
            root_seen = true;
        }
        let mut folder = None;
        if name.eq_ignore_ascii_case("outline") {
            let outline = read_outline(element).map_err(|message| ImportError::Xml { line, message })?;
            match outline.xml_url {
                Some(url) => {
                    let title = outline.title.or(outline.text).as_deref().and_then(clean_title);
                    let tags = feed_tags(&open, outline.category.as_deref());
                    collector.add(line, &url, title, tags);
                }
                None => folder = outline.title.or(outline.text).as_deref().and_then(clean_title),
            }
        }
        if !is_empty {
            open.push(Open { name, line, folder });
        }
    }
    if let Some(unclosed) = open.last() {
        return Err(ImportError::Xml {
            line: unclosed.line,
            message: format!("<{}> is never closed", clean_line(&unclosed.name)),
        });
    }
    if !root_seen {
        return Err(ImportError::NotOpml("no root element".to_string()));
    }
    Ok(collector.finish())
}

/// Reads an outline's attributes, names matched case-insensitively (exporters disagree on
/// `xmlUrl` vs `xmlurl`). An error is a one-line message.
fn read_outline(element: &BytesStart) -> Result<Outline, String> {
    let mut outline = Outline::default();
    for attr in element.attributes() {
        let attr = attr.map_err(|e| one_line(&format!("bad attribute in <outline>: {e}")))?;
        let key = attr.key.local_name();
        let key = key.as_ref();
        // An unknown entity (`&nbsp;` from a sloppy exporter) should not sink the whole import:
        // fall back to the raw text.
        let value = attr
            .normalized_value(XmlVersion::Implicit1_0)
            .map(|v| v.into_owned())
            .unwrap_or_else(|_| attr.value.to_string());
        let slot = if key.eq_ignore_ascii_case("xmlUrl") {
            &mut outline.xml_url
        } else if key.eq_ignore_ascii_case("title") {
            &mut outline.title
        } else if key.eq_ignore_ascii_case("text") {
            &mut outline.text
        } else if key.eq_ignore_ascii_case("category") {
            &mut outline.category
        } else {
            continue;
        };
        *slot = Some(value);
    }
    // An empty title falls back to the text; an empty xmlUrl makes a folder, not a feed.
    outline.title = outline.title.filter(|t| !t.trim().is_empty());
    outline.xml_url = outline.xml_url.filter(|u| !u.trim().is_empty());
    Ok(outline)
}

/// Tags of a feed: the enclosing folders outermost first, then its categories, where
/// `"/tech/linux, news"` gives `tech`, `linux`, `news`.
fn feed_tags(open: &[Open], category: Option<&str>) -> Vec<String> {
    let mut tags = Vec::new();
    for folder in open.iter().filter_map(|o| o.folder.as_deref()) {
        push_tag(&mut tags, folder);
    }
    for part in category.unwrap_or_default().split(',').flat_map(|c| c.split('/')) {
        push_tag(&mut tags, part);
    }
    tags
}

fn xml_error(text: &str, position: u64, error: &quick_xml::Error) -> ImportError {
    ImportError::Xml { line: line_at(text, position), message: one_line(&error.to_string()) }
}

/// Messages may quote the hostile input (tag names): keep them to one clean line.
fn one_line(message: &str) -> String {
    clean_line(message)
}

/// 1-based line of a byte offset.
fn line_at(text: &str, position: u64) -> usize {
    let end = usize::try_from(position).unwrap_or(usize::MAX).min(text.len());
    text.as_bytes()[..end].iter().filter(|&&b| b == b'\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::test_spec as spec;

    const READER_EXPORT: &str = include_str!("../../tests/fixtures/import/feed_reader.opml");

    #[test]
    fn reads_a_feed_reader_export_with_folders_and_categories() {
        let import = parse(READER_EXPORT).expect("fixture is valid OPML");
        assert_eq!(
            import.feeds,
            vec![
                spec("https://lwn.net/headlines/rss", Some("LWN.net"), &["Tech", "Linux", "kernel"]),
                spec(
                    "https://blog.rust-lang.org/feed.xml",
                    Some("Rust Blog"),
                    &["Tech", "rust", "programming"]
                ),
                spec("https://example.org/a&b/feed?x=1&y=2", Some("Ampersands & <Angles>"), &["Tech"]),
                spec("https://news.example.com/rss", Some("Daily News"), &["News", "world", "politics"]),
                spec("https://nested.example/feed", None, &["News", "Local", "city"]),
                spec("https://toplevel.example/atom", Some("Top level"), &[]),
            ]
        );
        let reasons: Vec<String> = import.skipped.iter().map(ToString::to_string).collect();
        assert_eq!(
            reasons,
            vec![
                "line 20: https://blog.rust-lang.org/feed.xml: duplicate of line 11".to_string(),
                "line 21: ftp://files.example/feed: not an http or https URL".to_string(),
            ]
        );
    }

    #[test]
    fn title_falls_back_to_text_and_url_like_titles_are_dropped() {
        let text = r#"<opml version="1.0"><body>
            <outline text="From text" xmlUrl="https://a.example/"/>
            <outline text="https://b.example/" xmlUrl="https://b.example/"/>
            <outline title="" text="Text wins over empty title" xmlUrl="https://c.example/"/>
            <outline xmlUrl="https://d.example/"/>
        </body></opml>"#;
        let titles: Vec<Option<String>> =
            parse(text).expect("valid").feeds.into_iter().map(|f| f.title).collect();
        assert_eq!(
            titles,
            vec![Some("From text".to_string()), None, Some("Text wins over empty title".to_string()), None]
        );
    }

    #[test]
    fn odd_attribute_case_doctype_and_feeds_with_children() {
        let text = r#"<!DOCTYPE opml>
<opml version="1.0"><head><title>A &amp; B</title></head><body>
  <outline TEXT="Folder">
    <outline text="Parent feed" xmlurl="https://p.example/" Category="x">
      <outline text="Child feed" xmlURL="https://c.example/"/>
    </outline>
  </outline>
</body></opml>"#;
        let import = parse(text).expect("valid");
        assert_eq!(
            import.feeds,
            vec![
                spec("https://p.example/", Some("Parent feed"), &["Folder", "x"]),
                spec("https://c.example/", Some("Child feed"), &["Folder"]),
            ]
        );
    }

    #[test]
    fn hostile_titles_and_tags_are_sanitised() {
        let text = "<opml><body><outline text=\"Evil&#x1b;]0;owned&#7;\u{202e}Title\" \
                    category=\"a&#x9b;31m,b\" xmlUrl=\"https://e.example/\"/></body></opml>";
        let feed = &parse(text).expect("valid").feeds[0];
        assert_eq!(feed.title.as_deref(), Some("EvilTitle"));
        assert_eq!(feed.tags, vec!["a", "b"]);
    }

    #[test]
    fn malformed_xml_names_the_line() {
        let text = "<?xml version=\"1.0\"?>\n<opml version=\"2.0\">\n<body>\n\
                    <outline text=\"a\" xmlUrl=\"https://a.example/\">\n</body>\n</opml>\n";
        let err = parse(text).expect_err("mismatched end tag");
        let message = err.to_string();
        assert_eq!(
            message,
            "OPML line 5: ill-formed document: expected `</outline>`, but `</body>` was found"
        );
        assert!(!message.contains('\n'), "{message}");
    }

    #[test]
    fn unclosed_element_names_its_line() {
        let text = "<opml>\n<body>\n<outline text=\"folder\">\n<outline xmlUrl=\"https://a.example/\"/>\n";
        let err = parse(text).expect_err("truncated document");
        assert_eq!(err.to_string(), "OPML line 3: <outline> is never closed");
    }

    #[test]
    fn broken_attribute_names_the_line() {
        let text = "<opml>\n<body>\n\n<outline text=\"a\" text=\"b\" xmlUrl=\"https://a.example/\"/>\n</body></opml>";
        let err = parse(text).expect_err("duplicate attribute");
        assert_eq!(
            err.to_string(),
            "OPML line 4: bad attribute in <outline>: position 17: duplicated attribute, previous declaration at position 8"
        );
    }

    #[test]
    fn rejects_a_feed_given_instead_of_opml() {
        let err =
            parse("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel/></rss>").expect_err("not OPML");
        assert_eq!(err, ImportError::NotOpml("the root element is <rss>".to_string()));
    }

    #[test]
    fn unknown_entity_keeps_the_raw_text() {
        let text =
            r#"<opml><body><outline text="A&nbsp;B" xmlUrl="https://a.example/?a=1&amp;b=2"/></body></opml>"#;
        let feed = &parse(text).expect("lenient on entities").feeds[0];
        assert_eq!(feed.title.as_deref(), Some("A&nbsp;B"));
        assert_eq!(feed.url, "https://a.example/?a=1&b=2");
    }

    #[test]
    fn line_at_counts_newlines_before_the_offset() {
        assert_eq!(line_at("a\nb\nc", 0), 1);
        assert_eq!(line_at("a\nb\nc", 2), 2);
        assert_eq!(line_at("a\nb\nc", 99), 3);
    }
}
