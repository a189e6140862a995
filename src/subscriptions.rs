//! The subscription list (feeds.toml): the embedded defaults until the user has a file of their
//! own, which the first change writes.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::config::{ConfigError, error_at, located_error};
use crate::fetch::{Fetched, Fetcher};
use crate::model::FeedSpec;
use crate::parse::{ParseError, parse_feed};
use crate::store::{FeedUpdate, Validators};

/// The default subscriptions, compiled in.
pub const DEFAULT_FEEDS: &str = include_str!("../config/feeds.toml");

#[derive(Debug, thiserror::Error)]
pub enum SubscriptionError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("{file}: {message}")]
    Io { file: String, message: String },
    #[error("already subscribed to {0}")]
    Duplicate(String),
    #[error("not subscribed to {0}")]
    NotSubscribed(String),
    #[error("{url}: {reason}")]
    NoFeed { url: String, reason: String },
}

/// The subscription list and the text it was read from: changes edit that text, so the user's
/// comments and layout survive byline adding or removing a feed.
#[derive(Debug, Clone)]
pub struct Subscriptions {
    path: PathBuf,
    text: String,
    feeds: Vec<FeedSpec>,
}

/// One `[[feed]]` table as written.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    url: toml::Spanned<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    tags: Vec<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    full_text: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    max_articles: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    refresh_minutes: Option<u32>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FeedsFile {
    #[serde(default)]
    feed: Vec<Entry>,
}

impl Subscriptions {
    /// Reads the user's feeds.toml at `path`, or the embedded default list when it does not exist.
    pub fn load(path: &Path) -> Result<Subscriptions, SubscriptionError> {
        let (text, file) = match std::fs::read_to_string(path) {
            Ok(text) => (text, path.display().to_string()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                (DEFAULT_FEEDS.to_string(), "(built-in feeds.toml)".to_string())
            }
            Err(e) => return Err(io_error(path, e)),
        };
        let feeds = parse_feeds(&text, &file)?;
        Ok(Subscriptions { path: path.to_path_buf(), text, feeds })
    }

    /// No subscriptions, and feeds.toml left unread: a sync server owns them.
    pub fn unused(path: &Path) -> Subscriptions {
        Subscriptions { path: path.to_path_buf(), text: String::new(), feeds: Vec::new() }
    }

    pub fn feeds(&self) -> &[FeedSpec] {
        &self.feeds
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn find(&self, url: &str) -> Option<&FeedSpec> {
        self.feeds.iter().find(|f| same_url(&f.url, url))
    }

    /// Adds a feed and writes the user's file.
    pub fn add(&mut self, spec: FeedSpec) -> Result<(), SubscriptionError> {
        if self.find(&spec.url).is_some() {
            return Err(SubscriptionError::Duplicate(spec.url));
        }
        let mut text = self.text.clone();
        append_entry(&mut text, &spec);
        self.save(text)
    }

    /// Adds several feeds, skipping those already subscribed; returns how many were new.
    pub fn add_all(&mut self, specs: Vec<FeedSpec>) -> Result<usize, SubscriptionError> {
        let mut text = self.text.clone();
        let mut added: Vec<&str> = Vec::new();
        for spec in &specs {
            let known = self.find(&spec.url).is_some() || added.iter().any(|u| same_url(u, &spec.url));
            if !known {
                append_entry(&mut text, spec);
                added.push(&spec.url);
            }
        }
        let count = added.len();
        if count > 0 {
            self.save(text)?;
        }
        Ok(count)
    }

    /// Removes a feed by URL and writes the user's file.
    pub fn remove(&mut self, url: &str) -> Result<FeedSpec, SubscriptionError> {
        let removed =
            self.find(url).cloned().ok_or_else(|| SubscriptionError::NotSubscribed(url.to_string()))?;
        let table = feed_tables(&self.text)
            .into_iter()
            .find(|(u, _)| same_url(u, &removed.url))
            .map(|(_, range)| range)
            .ok_or_else(|| SubscriptionError::NotSubscribed(url.to_string()))?;
        let mut text = self.text.clone();
        text.replace_range(table, "");
        self.save(text)?;
        Ok(removed)
    }

    /// Checks the new text parses to a valid list, then writes it to the user's file atomically
    /// (a crash never leaves half a file) and takes it as the current list.
    fn save(&mut self, text: String) -> Result<(), SubscriptionError> {
        let feeds = parse_feeds(&text, &self.path.display().to_string())?;
        if let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| io_error(dir, e))?;
        }
        let tmp = self.path.with_extension("toml.tmp");
        std::fs::write(&tmp, &text).map_err(|e| io_error(&tmp, e))?;
        std::fs::rename(&tmp, &self.path).map_err(|e| io_error(&self.path, e))?;
        (self.text, self.feeds) = (text, feeds);
        Ok(())
    }
}

/// Parses feeds.toml text; every error names `file`, the line and the key.
pub fn parse_feeds(text: &str, file: &str) -> Result<Vec<FeedSpec>, ConfigError> {
    let parsed: FeedsFile = toml::from_str(text).map_err(|e| located_error(text, file, &e))?;
    let mut feeds: Vec<FeedSpec> = Vec::with_capacity(parsed.feed.len());
    for entry in parsed.feed {
        let span = entry.url.span();
        let url = entry.url.into_inner();
        check_url(&url).map_err(|m| error_at(text, file, span.start, m))?;
        if feeds.iter().any(|f| same_url(&f.url, &url)) {
            return Err(error_at(text, file, span.start, format!("duplicate feed {url}")));
        }
        feeds.push(FeedSpec {
            url,
            title: entry.title.filter(|t| !t.trim().is_empty()),
            tags: entry.tags,
            full_text: entry.full_text,
            max_articles: entry.max_articles,
            refresh_minutes: entry.refresh_minutes,
        });
    }
    Ok(feeds)
}

/// A feed URL must be absolute http(s), or a local file (handy for testing and for peeking).
pub fn check_url(url: &str) -> Result<(), String> {
    if url.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(format!(
            "malformed URL {:?}: spaces or control characters",
            crate::sanitize::clean_line(url)
        ));
    }
    match url::Url::parse(url) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => Ok(()),
        Ok(u) if u.scheme() == "file" => Ok(()),
        Ok(u) => Err(format!("unsupported URL scheme {:?} in {url}", u.scheme())),
        Err(e) => Err(format!("malformed URL {url:?}: {e}")),
    }
}

fn same_url(a: &str, b: &str) -> bool {
    a.trim_end_matches('/') == b.trim_end_matches('/')
}

/// Appends a `[[feed]]` table for `spec` at the end of the file's text.
fn append_entry(text: &mut String, spec: &FeedSpec) {
    let entry = Entry {
        url: toml::Spanned::new(0..0, spec.url.clone()),
        title: spec.title.clone(),
        tags: spec.tags.clone(),
        full_text: spec.full_text,
        max_articles: spec.max_articles,
        refresh_minutes: spec.refresh_minutes,
    };
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str("\n[[feed]]\n");
    text.push_str(&toml::to_string(&entry).unwrap_or_default());
}

/// Each `[[feed]]` table's URL and the byte range of its lines: from its header to the next
/// table's header, less the comments and blank lines that lead into that next table.
fn feed_tables(text: &str) -> Vec<(String, std::ops::Range<usize>)> {
    let Ok(parsed) = toml::from_str::<FeedsFile>(text) else { return Vec::new() };
    // Byte offsets of every line start, and of the table headers among them.
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .filter(|&i| i <= text.len())
        .collect();
    let line_at = |i: usize| &text[i..text[i..].find('\n').map_or(text.len(), |n| i + n)];
    let headers: Vec<usize> =
        starts.iter().copied().filter(|&i| line_at(i).trim_start().starts_with('[')).collect();
    parsed
        .feed
        .into_iter()
        .filter_map(|entry| {
            let at = entry.url.span().start;
            let start = headers.iter().copied().rev().find(|&h| h <= at)?;
            let next = headers.iter().copied().find(|&h| h > at).unwrap_or(text.len());
            // Comments and blank lines right above the next header belong to it.
            let mut end = next;
            while let Some(&line) = starts.iter().rev().find(|&&l| l < end && l > start) {
                let content = line_at(line).trim();
                if content.is_empty() || content.starts_with('#') {
                    end = line;
                } else {
                    break;
                }
            }
            Some((entry.url.into_inner(), start..end))
        })
        .collect()
}

fn io_error(path: &Path, e: std::io::Error) -> SubscriptionError {
    SubscriptionError::Io { file: path.display().to_string(), message: e.to_string() }
}

/// A feed found for what the user typed, fetched and parsed already: saving `update` stores its
/// articles without fetching it a second time.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// The feed's URL: what the user typed, the feed a page linked to, or where it moved.
    pub url: String,
    pub title: Option<String>,
    pub update: FeedUpdate,
}

/// Turns what the user typed into a feed: a feed as is, or the feed a site's page links to
/// (autodiscovery).
pub async fn resolve(fetcher: &Fetcher, url: &str) -> Result<Resolved, SubscriptionError> {
    let no_feed = |url: &str, reason: String| SubscriptionError::NoFeed { url: url.to_string(), reason };
    check_url(url).map_err(|m| no_feed(url, m))?;
    let mut candidate = url.to_string();
    // At most one hop of discovery: a page that links to a page that links to... is not a feed.
    for hop in 0..2 {
        // What the user typed may be a local file; what a page links to is only ever fetched remotely.
        let got = if hop == 0 {
            fetcher.get(&candidate, &Validators::default()).await
        } else {
            fetcher.get_remote(&candidate).await
        };
        let page = match got {
            Ok(Fetched::Page(page)) => page,
            Ok(Fetched::NotModified) => return Err(no_feed(&candidate, "unexpected 304".into())),
            Err(e) => return Err(no_feed(&candidate, e.to_string())),
        };
        match parse_feed(&page.body, page.content_type.as_deref(), &page.final_url) {
            Ok(feed) => {
                let update = FeedUpdate {
                    site_title: feed.title.clone(),
                    site_link: feed.link,
                    validators: page.validators,
                    moved_to: None,
                    items: feed.items,
                    fresh_until: crate::schedule::fresh_until(chrono::Utc::now(), None, feed.fresh_for),
                    feed_hint: feed.fresh_for,
                };
                let url = page.moved_permanently.unwrap_or(candidate);
                return Ok(Resolved { url, title: feed.title, update });
            }
            Err(ParseError::HtmlPage { feeds }) if !feeds.is_empty() => candidate = feeds[0].clone(),
            Err(ParseError::HtmlPage { .. }) => {
                return Err(no_feed(&candidate, "the page links to no feed".into()));
            }
            Err(e) => return Err(no_feed(&candidate, e.to_string())),
        }
    }
    Err(no_feed(url, "the page links to no feed".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_list_parses() {
        let feeds = parse_feeds(DEFAULT_FEEDS, "feeds.toml").expect("built-in list is valid");
        assert!(feeds.len() >= 10);
        assert!(feeds.iter().all(|f| !f.tags.is_empty()));
    }

    #[test]
    fn errors_name_file_line_and_key() {
        let cases = [
            ("[[feed]]\nurl = \"https://a.org/f\"\ncolour = 3\n", "f.toml:3: feed[1].colour: unknown field"),
            ("[[feed]]\ntitle = \"x\"\n", "f.toml:1: feed[1]: missing field `url`"),
            (
                "[[feed]]\nurl = \"https://a.org/f\"\n[[feed]]\nurl = \"not a url\"\n",
                "f.toml:4: feed[2].url: malformed",
            ),
            (
                "[[feed]]\nurl = \"https://a.org/f\"\n[[feed]]\nurl = \"https://a.org/f\"\n",
                "f.toml:4: feed[2].url: duplicate",
            ),
            ("[[feed]]\nurl = \"https://a.org/f\"\ntags = \"x\"\n", "f.toml:3: feed[1].tags: invalid type"),
        ];
        for (text, want) in cases {
            let msg = parse_feeds(text, "f.toml").expect_err(text).to_string();
            assert!(msg.starts_with(want), "{msg:?} should start with {want:?}");
        }
    }

    #[test]
    fn changes_keep_the_users_comments_and_layout() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("feeds.toml");
        let text = "# my feeds\n\n# the kernel\n[[feed]]\nurl = \"https://a.example/feed\"  # daily\ntags = [\"linux\"]\n\n\
                    # removed soon\n[[feed]]\nurl = \"https://b.example/feed\"\n\n# the end\n";
        std::fs::write(&path, text).expect("write");
        let mut subs = Subscriptions::load(&path).expect("load");
        subs.add(FeedSpec {
            url: "https://c.example/feed".into(),
            tags: vec!["x".into()],
            ..Default::default()
        })
        .expect("add");
        subs.remove("https://b.example/feed").expect("remove");
        let written = std::fs::read_to_string(&path).expect("read");
        for kept in ["# my feeds", "# the kernel", "# daily", "# removed soon", "# the end"] {
            assert!(written.contains(kept), "{kept:?} lost:\n{written}");
        }
        assert!(!written.contains("b.example"), "{written}");
        let urls: Vec<String> =
            Subscriptions::load(&path).expect("reload").feeds().iter().map(|f| f.url.clone()).collect();
        assert_eq!(urls, ["https://a.example/feed", "https://c.example/feed"]);
    }

    #[test]
    fn the_first_change_writes_the_documented_default_list_plus_the_change() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("feeds.toml");
        let mut subs = Subscriptions::load(&path).expect("defaults");
        subs.remove("https://lwn.net/headlines/rss").expect("remove");
        let written = std::fs::read_to_string(&path).expect("read");
        assert!(written.starts_with("# byline's default subscriptions"), "{written}");
        assert!(!written.contains("lwn.net"));
        assert_eq!(subs.feeds().len(), parse_feeds(DEFAULT_FEEDS, "d").expect("defaults").len() - 1);
    }

    #[test]
    fn save_then_load_round_trips() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("sub/feeds.toml");
        let mut subs = Subscriptions::load(&path).expect("defaults");
        let n = subs.feeds().len();
        subs.add(FeedSpec {
            url: "https://example.org/feed".into(),
            title: Some("Ex \"quoted\"".into()),
            tags: vec!["a b".into()],
            full_text: true,
            max_articles: Some(5),
            refresh_minutes: None,
        })
        .expect("add");
        assert!(matches!(
            subs.add(FeedSpec { url: "https://example.org/feed/".into(), ..Default::default() }),
            Err(SubscriptionError::Duplicate(_))
        ));
        let again = Subscriptions::load(&path).expect("reload");
        assert_eq!(again.feeds(), subs.feeds());
        assert_eq!(again.feeds().len(), n + 1);
        let mut again = again;
        again.remove("https://example.org/feed").expect("remove");
        assert_eq!(Subscriptions::load(&path).expect("reload").feeds().len(), n);
    }
}
