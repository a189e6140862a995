//! `byline --demo`: bundled sample feeds served from 127.0.0.1 into a temporary database, so a new
//! user sees the reader working without a network and without touching their own files.

use std::io;

use crate::config::Paths;
use crate::serve::{Route, Server};

/// (path on the server, content type, document, tags the demo subscription gives it)
const SAMPLES: [(&str, &str, &str, &[&str]); 4] = [
    (
        "/kernel-notes.atom",
        "application/atom+xml",
        include_str!("samples/kernel-notes.atom"),
        &["linux", "german"],
    ),
    (
        "/open-source-weekly.rss",
        "application/rss+xml",
        include_str!("samples/open-source-weekly.rss"),
        &["news", "open source"],
    ),
    (
        "/journal-du-terminal.rss",
        "application/rss+xml",
        include_str!("samples/journal-du-terminal.rss"),
        &["news", "french"],
    ),
    ("/rust-digest.json", "application/feed+json", include_str!("samples/rust-digest.json"), &["rust"]),
];

/// A running demo: the server and the temporary files live as long as this value.
pub struct Demo {
    pub paths: Paths,
    _server: Server,
    _dir: tempfile::TempDir,
}

impl Demo {
    /// Starts the sample server and writes a config that refreshes on start.
    pub fn start() -> io::Result<Demo> {
        let server = Server::start(SAMPLES.iter().map(|(path, kind, body, _)| {
            (
                path.to_string(),
                Route::ok(body.as_bytes()).content_type(kind).etag(&format!("\"{}\"", body.len())),
            )
        }))?;
        let dir = tempfile::Builder::new().prefix("byline-demo-").tempdir()?;
        let paths = Paths {
            config_file: dir.path().join("config.toml"),
            feeds_file: dir.path().join("feeds.toml"),
            db_file: dir.path().join("byline.db"),
            log_dir: dir.path().to_path_buf(),
            cache_dir: dir.path().join("cache"),
        };
        let feeds: String = SAMPLES
            .iter()
            .map(|(path, _, _, tags)| {
                let tags: Vec<String> = tags.iter().map(|t| format!("{t:?}")).collect();
                format!("[[feed]]\nurl = \"{}\"\ntags = [{}]\n\n", server.url(path), tags.join(", "))
            })
            .collect();
        std::fs::write(&paths.feeds_file, feeds)?;
        std::fs::write(&paths.config_file, "[general]\nrefresh_on_start = true\n")?;
        Ok(Demo { paths, _server: server, _dir: dir })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_feed;

    #[test]
    fn every_sample_parses_with_items() {
        for (path, kind, body, _) in SAMPLES {
            let feed = parse_feed(body.as_bytes(), Some(kind), "http://127.0.0.1/").expect(path);
            assert!(feed.items.len() >= 5, "{path}");
            assert!(feed.items.iter().all(|i| !i.content_html.is_empty() && i.published.is_some()), "{path}");
        }
    }

    #[test]
    fn demo_files_are_valid() {
        let demo = Demo::start().expect("demo starts");
        let subs = crate::subscriptions::Subscriptions::load(&demo.paths.feeds_file).expect("feeds.toml");
        assert_eq!(subs.feeds().len(), SAMPLES.len());
        let config = crate::config::Config::load(&demo.paths.config_file).expect("config.toml");
        assert!(config.general.refresh_on_start);
    }
}
