//! newsboat's `urls` file: one feed per line, `URL tag "tag with spaces" "~Title"`. Lines
//! starting with `#` are comments; tags starting with `!` (newsboat's hidden marker) are
//! dropped; query, exec and filter feeds have no URL to fetch and are reported as skipped.

use super::{Collector, Import, clean_title, push_tag};

pub(super) fn parse(text: &str) -> Import {
    let mut collector = Collector::default();
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let mut words = split_words(trimmed).into_iter();
        let Some(url) = words.next() else { continue };
        if let Some(kind) = unsupported_kind(&url) {
            collector.skip(index + 1, &url, &format!("newsboat {kind} feeds are not supported"));
            continue;
        }
        let mut title = None;
        let mut tags = Vec::new();
        for word in words {
            if let Some(name) = word.strip_prefix('~') {
                title = title.or_else(|| clean_title(name));
            } else if !word.starts_with('!') {
                push_tag(&mut tags, &word);
            }
        }
        collector.add(index + 1, &url, title, tags);
    }
    collector.finish()
}

/// newsboat's feeds that are not a URL: `query:` (a saved search), `exec:` (a command's output)
/// and `filter:` (a URL piped through a command, which byline will not run).
fn unsupported_kind(url: &str) -> Option<&'static str> {
    ["query", "exec", "filter"].into_iter().find(|kind| {
        url.get(..=kind.len()).is_some_and(|prefix| prefix.eq_ignore_ascii_case(&format!("{kind}:")))
    })
}

/// Splits on whitespace; `"..."` keeps spaces, with `\"` and `\\` escapes inside. An
/// unterminated quote runs to the end of the line rather than losing the feed.
fn split_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut chars = line.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let Some(first) = chars.next() else { break };
        let mut word = String::new();
        if first == '"' {
            while let Some(c) = chars.next() {
                match c {
                    '"' => break,
                    '\\' => word.extend(chars.next()),
                    c => word.push(c),
                }
            }
        } else {
            word.push(first);
            while let Some(c) = chars.next_if(|c| !c.is_whitespace()) {
                word.push(c);
            }
        }
        words.push(word);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    const URLS: &str = include_str!("../../tests/fixtures/import/newsboat_urls");

    #[test]
    fn reads_a_urls_file() {
        let import = parse(URLS);
        let summary: Vec<(&str, Option<&str>, Vec<&str>)> = import
            .feeds
            .iter()
            .map(|f| (f.url.as_str(), f.title.as_deref(), f.tags.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(
            summary,
            vec![
                ("https://lwn.net/headlines/rss", None, vec!["linux", "tech news"]),
                ("https://blog.rust-lang.org/feed.xml", Some("The Rust Blog"), vec!["rust", "programming"]),
                ("http://example.com/feed#frag", None, vec![]),
                ("https://example.org/quoted", Some("Say \"hi\""), vec!["a\\b"]),
                ("https://unterminated.example/", None, vec!["open quote tag"]),
            ]
        );
        assert!(
            import
                .feeds
                .iter()
                .all(|f| !f.full_text && f.max_articles.is_none() && f.refresh_minutes.is_none())
        );
        let skipped: Vec<String> = import.skipped.iter().map(ToString::to_string).collect();
        assert_eq!(
            skipped,
            vec![
                "line 8: file:///home/me/local.xml: local files are not imported",
                "line 10: query:Unread Articles:unread = \"yes\": newsboat query feeds are not supported",
                "line 11: exec:~/bin/make-feed.sh: newsboat exec feeds are not supported",
                "line 12: filter:~/bin/clean.sh:https://f.example/rss: newsboat filter feeds are not supported",
                "line 13: gopher://old.example/feed: not an http or https URL",
                "line 15: https://lwn.net/headlines/rss: duplicate of line 4",
            ]
        );
    }

    #[test]
    fn first_title_wins_and_hidden_tags_are_dropped() {
        let import = parse("https://a.example/ ~First \"~Second\" ! \"!hidden\" Tag TAG\n");
        assert_eq!(import.feeds[0].title.as_deref(), Some("First"));
        assert_eq!(import.feeds[0].tags, vec!["Tag"]);
    }

    #[test]
    fn splits_words_with_quotes_and_escapes() {
        assert_eq!(split_words(r#"u  "a b"  c "" "x\"y""#), vec!["u", "a b", "c", "", "x\"y"]);
    }
}
