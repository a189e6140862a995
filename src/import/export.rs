//! Writing the subscription list as OPML 2.0, which every feed reader can import.

use chrono::{DateTime, Utc};
use quick_xml::escape::escape;

use crate::model::FeedSpec;
use crate::sanitize::clean_line;

/// The subscriptions as an OPML 2.0 document: one `<outline type="rss">` per feed, tags in
/// `category` separated by commas. A feed without a title gets its URL as `text` (OPML requires
/// one), which [`super::parse_subscriptions`] reads back as no title. Only URL, title and tags
/// are written; a tag containing `,` or `/` comes back split.
pub fn export_opml(feeds: &[FeedSpec]) -> String {
    render(feeds, Utc::now())
}

fn render(feeds: &[FeedSpec], created: DateTime<Utc>) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n");
    out.push_str("  <head>\n    <title>byline subscriptions</title>\n");
    out.push_str(&format!("    <dateCreated>{}</dateCreated>\n", created.to_rfc2822()));
    out.push_str("  </head>\n  <body>\n");
    for feed in feeds {
        // Control characters are not even legal in XML 1.0, whatever the escaping.
        let url = clean_line(&feed.url);
        let title = feed.title.as_deref().map(clean_line).filter(|t| !t.is_empty());
        let text = title.as_deref().unwrap_or(&url);
        out.push_str(&format!("    <outline type=\"rss\" text=\"{}\"", escape(text)));
        if let Some(title) = &title {
            out.push_str(&format!(" title=\"{}\"", escape(title.as_str())));
        }
        out.push_str(&format!(" xmlUrl=\"{}\"", escape(url.as_str())));
        let tags: Vec<String> = feed.tags.iter().map(|t| clean_line(t)).filter(|t| !t.is_empty()).collect();
        if !tags.is_empty() {
            out.push_str(&format!(" category=\"{}\"", escape(tags.join(","))));
        }
        out.push_str("/>\n");
    }
    out.push_str("  </body>\n</opml>\n");
    out
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::import::{parse_subscriptions, test_spec as spec};

    #[test]
    fn writes_head_and_escaped_outlines() {
        let created = Utc.with_ymd_and_hms(2026, 11, 27, 1, 2, 3).single().expect("valid date");
        let feeds = [
            spec(
                "https://a.example/feed?x=1&y=2",
                Some(r#"Tom & "Jerry" <3 'em"#),
                &["cartoons", "fun & games"],
            ),
            spec("https://b.example/atom", None, &[]),
        ];
        let expected = r#"<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head>
    <title>byline subscriptions</title>
    <dateCreated>Fri, 27 Nov 2026 01:02:03 +0000</dateCreated>
  </head>
  <body>
    <outline type="rss" text="Tom &amp; &quot;Jerry&quot; &lt;3 &apos;em" title="Tom &amp; &quot;Jerry&quot; &lt;3 &apos;em" xmlUrl="https://a.example/feed?x=1&amp;y=2" category="cartoons,fun &amp; games"/>
    <outline type="rss" text="https://b.example/atom" xmlUrl="https://b.example/atom"/>
  </body>
</opml>
"#;
        assert_eq!(render(&feeds, created), expected);
    }

    #[test]
    fn round_trips_url_title_and_tags() {
        let feeds = vec![
            spec(
                "https://a.example/feed?x=1&y=2",
                Some(r#"Tom & "Jerry" <3 'em > all"#),
                &["Tech", "linux news"],
            ),
            spec("https://b.example/atom", None, &[]),
            spec("https://c.example/ünï", Some("Ünïcödé ✓"), &["local"]),
        ];
        let import = parse_subscriptions(&export_opml(&feeds)).expect("our own output parses");
        assert_eq!(import.feeds, feeds);
        assert!(import.skipped.is_empty());
    }

    #[test]
    fn control_characters_never_reach_the_document() {
        let feeds = [spec("https://a.example/", Some("bad\u{1b}[2Jtitle\u{7}"), &["t\u{0}ag"])];
        let xml = export_opml(&feeds);
        assert!(!xml.chars().any(|c| c.is_control() && c != '\n'), "{xml:?}");
        assert!(xml.contains(r#"title="badtitle""#));
    }
}
