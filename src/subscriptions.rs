//! The subscription list (feeds.toml): the embedded defaults until the user has a file of their
//! own, which the first change writes.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::config::{ConfigError, error_at, located_error};
use crate::fetch::{Fetched, Fetcher};
use crate::model::FeedSpec;
use crate::parse::{ParseError, parse_feed};
use crate::store::Validators;

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

#[derive(Debug, Clone)]
pub struct Subscriptions {
    path: PathBuf,
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
        let feeds = match std::fs::read_to_string(path) {
            Ok(text) => parse_feeds(&text, &path.display().to_string())?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                parse_feeds(DEFAULT_FEEDS, "(built-in feeds.toml)")?
            }
            Err(e) => return Err(io_error(path, e)),
        };
        Ok(Subscriptions { path: path.to_path_buf(), feeds })
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
        self.feeds.push(spec);
        self.save()
    }

    /// Adds several feeds, skipping those already subscribed; returns how many were new.
    pub fn add_all(&mut self, specs: Vec<FeedSpec>) -> Result<usize, SubscriptionError> {
        let before = self.feeds.len();
        for spec in specs {
            if self.find(&spec.url).is_none() {
                self.feeds.push(spec);
            }
        }
        let added = self.feeds.len() - before;
        if added > 0 {
            self.save()?;
        }
        Ok(added)
    }

    /// Removes a feed by URL and writes the user's file.
    pub fn remove(&mut self, url: &str) -> Result<FeedSpec, SubscriptionError> {
        let index = self
            .feeds
            .iter()
            .position(|f| same_url(&f.url, url))
            .ok_or_else(|| SubscriptionError::NotSubscribed(url.to_string()))?;
        let removed = self.feeds.remove(index);
        self.save()?;
        Ok(removed)
    }

    /// Writes the list to the user's file, atomically (a crash never leaves half a file).
    fn save(&self) -> Result<(), SubscriptionError> {
        if let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| io_error(dir, e))?;
        }
        let tmp = self.path.with_extension("toml.tmp");
        std::fs::write(&tmp, render_feeds(&self.feeds)).map_err(|e| io_error(&tmp, e))?;
        std::fs::rename(&tmp, &self.path).map_err(|e| io_error(&self.path, e))
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

fn render_feeds(feeds: &[FeedSpec]) -> String {
    let mut out = String::from("# byline subscriptions: see `byline --help` and the README for the keys.\n");
    for f in feeds {
        let entry = Entry {
            url: toml::Spanned::new(0..0, f.url.clone()),
            title: f.title.clone(),
            tags: f.tags.clone(),
            full_text: f.full_text,
            max_articles: f.max_articles,
            refresh_minutes: f.refresh_minutes,
        };
        out.push_str("\n[[feed]]\n");
        out.push_str(&toml::to_string(&entry).unwrap_or_default());
    }
    out
}

fn io_error(path: &Path, e: std::io::Error) -> SubscriptionError {
    SubscriptionError::Io { file: path.display().to_string(), message: e.to_string() }
}

/// Turns what the user typed into a feed URL: a feed as is, or the feed a site's page links to
/// (autodiscovery). Returns the feed URL and its title.
pub async fn resolve(fetcher: &Fetcher, url: &str) -> Result<(String, Option<String>), SubscriptionError> {
    let no_feed = |url: &str, reason: String| SubscriptionError::NoFeed { url: url.to_string(), reason };
    check_url(url).map_err(|m| no_feed(url, m))?;
    let mut candidate = url.to_string();
    // At most one hop of discovery: a page that links to a page that links to... is not a feed.
    for _ in 0..2 {
        let page = match fetcher.get(&candidate, &Validators::default()).await {
            Ok(Fetched::Page(page)) => page,
            Ok(Fetched::NotModified) => return Err(no_feed(&candidate, "unexpected 304".into())),
            Err(e) => return Err(no_feed(&candidate, e.to_string())),
        };
        match parse_feed(&page.body, page.content_type.as_deref(), &page.final_url) {
            Ok(feed) => return Ok((page.moved_permanently.unwrap_or(candidate), feed.title)),
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
