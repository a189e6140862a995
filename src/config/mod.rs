//! Settings: the embedded defaults (config/config.toml) with the user's file layered over them,
//! the subscription list (feeds.toml) and the XDG paths.

pub mod handoff;
pub mod images;
pub mod keys;
mod load;
pub mod openers;
mod paths;
pub mod sync;
pub mod theme;
pub mod views;

pub use load::{ConfigError, error_at, located_error};
pub use paths::Paths;

use serde::Deserialize;

/// Everything in config.toml. Every field has a default from the embedded config/config.toml.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub general: General,
    pub fetch: FetchSettings,
    pub keys: keys::KeyBindings,
    pub theme: theme::Theme,
    pub sync: sync::SyncSettings,
    pub images: images::ImageSettings,
    /// Saved views, in the order shown.
    #[serde(rename = "view")]
    pub views: Vec<views::View>,
    #[serde(rename = "ignore")]
    pub ignore: Vec<views::Ignore>,
    pub notify: views::Notify,
    /// `[[command]]`: keys that hand the current article to a program.
    #[serde(rename = "command")]
    pub commands: Vec<handoff::HandOff>,
    /// `[[opener]]`: programs for links and enclosures by type or address, before the browser.
    #[serde(rename = "opener")]
    pub openers: Vec<openers::Opener>,
}

impl Config {
    /// The ignore rules, for the store.
    pub fn ignore_rules(&self) -> Vec<crate::model::IgnoreRule> {
        self.ignore.iter().map(views::Ignore::rule).collect()
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct General {
    /// Refresh every feed when the reader starts.
    pub refresh_on_start: bool,
    /// Refresh every N minutes while the reader runs; 0 turns it off.
    pub refresh_minutes: u32,
    /// Opening an article marks it read.
    pub mark_read_on_open: bool,
    /// Program that opens links; empty means $BROWSER, then xdg-open.
    pub browser: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FetchSettings {
    pub timeout_seconds: u64,
    pub max_body_kib: u64,
    pub max_redirects: usize,
    pub concurrency: usize,
    pub per_host: usize,
    /// Least milliseconds between the starts of two requests to one host; 0 turns it off.
    pub host_spacing_ms: u64,
    pub user_agent: Option<String>,
}

impl Default for General {
    fn default() -> Self {
        General { refresh_on_start: true, refresh_minutes: 0, mark_read_on_open: true, browser: Vec::new() }
    }
}

impl Default for FetchSettings {
    fn default() -> Self {
        FetchSettings {
            timeout_seconds: 20,
            max_body_kib: 10 * 1024,
            max_redirects: 5,
            concurrency: 16,
            per_host: 2,
            host_spacing_ms: 0,
            user_agent: None,
        }
    }
}

/// The documented default config.toml, compiled in.
pub const DEFAULT_CONFIG: &str = include_str!("../../config/config.toml");

impl Config {
    /// Reads the user's config.toml, layered over the defaults; a missing file means defaults.
    pub fn load(path: &std::path::Path) -> Result<Config, ConfigError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Config::parse(&text, &path.display().to_string()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(ConfigError::Io { file: path.display().to_string(), message: e.to_string() }),
        }
    }

    /// Parses config text; `file` names it in errors. Keys the text leaves out keep their defaults.
    pub fn parse(text: &str, file: &str) -> Result<Config, ConfigError> {
        let config: Config = toml::from_str(text).map_err(|e| located_error(text, file, &e))?;
        if let Some((key, message)) = sync::problem(&config.sync) {
            return Err(error_at(text, file, key_offset(text, "sync", key), message));
        }
        if let Some((key, message)) = images::problem(&config.images) {
            return Err(error_at(text, file, key_offset(text, "images", key), message));
        }
        if let Some((offset, message)) = handoff::problem(&config.commands, &config.keys) {
            return Err(error_at(text, file, offset, message));
        }
        Ok(config)
    }
}

/// Where `table.key` is written in `text` (else the table's header, else the start): for errors
/// found after parsing.
fn key_offset(text: &str, table: &str, key: &str) -> usize {
    let Some(start) = text.find(&format!("[{table}]")) else { return 0 };
    let mut at = start;
    for (i, line) in text[start..].split_inclusive('\n').enumerate() {
        let trimmed = line.trim_start();
        if i > 0 && trimmed.starts_with('[') {
            break;
        }
        if i > 0 && trimmed.split('=').next().is_some_and(|k| k.trim() == key) {
            return at;
        }
        at += line.len();
    }
    start
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_file_documents_exactly_the_defaults() {
        let parsed = Config::parse(DEFAULT_CONFIG, "config.toml").expect("embedded config parses");
        assert_eq!(parsed, Config::default());
    }

    #[test]
    fn the_commented_examples_parse() {
        // Each example block: from a commented `[[table]]` header to the next blank line.
        let mut examples = String::new();
        let mut inside = false;
        for line in DEFAULT_CONFIG.lines() {
            inside =
                (inside || line.starts_with("# [[") || line.starts_with("# [notify]")) && !line.is_empty();
            if inside {
                let line = line.strip_prefix('#').unwrap_or(line);
                examples.push_str(line.strip_prefix(' ').unwrap_or(line));
                examples.push('\n');
            }
        }
        let parsed = Config::parse(&examples, "examples").expect("the examples are valid");
        assert_eq!((parsed.commands.len(), parsed.openers.len()), (2, 3), "{examples}");
        assert_eq!((parsed.views.len(), parsed.ignore.len()), (2, 2), "{examples}");
        assert!(parsed.notify.query.is_some() && parsed.notify.command.is_some(), "{examples}");
    }

    #[test]
    fn images_settings_and_their_mistakes_name_the_line() {
        let c = Config::parse("[images]\nmode = \"halfblocks\"\nmax_rows = 8\n", "c.toml").expect("parses");
        assert_eq!(
            (c.images.mode, c.images.max_rows, c.images.cache_mb),
            (images::ImageMode::Halfblocks, 8, 200)
        );
        let zero =
            Config::parse("[general]\n\n[images]\ncache_mb = 5\nmax_rows = 0\n", "c.toml").unwrap_err();
        assert_eq!(zero.to_string(), "c.toml:5: images.max_rows: must be at least 1");
        let mode = Config::parse("[images]\nmode = \"sixels\"\n", "c.toml").unwrap_err().to_string();
        assert!(mode.starts_with("c.toml:2:") && mode.contains("sixels"), "{mode}");
    }

    #[test]
    fn user_file_overrides_only_what_it_names() {
        let c = Config::parse("[general]\nrefresh_minutes = 15\n", "c.toml").expect("parses");
        assert_eq!(c.general.refresh_minutes, 15);
        assert_eq!(c.fetch, FetchSettings::default());
    }

    #[test]
    fn bad_line_names_file_line_and_key() {
        let text = "[general]\nrefresh_on_start = true\nrefresh_minutes = \"soon\"\n";
        let err = Config::parse(text, "/home/u/.config/byline/config.toml").expect_err("bad type");
        let msg = err.to_string();
        assert!(msg.starts_with("/home/u/.config/byline/config.toml:3: general.refresh_minutes: "), "{msg}");
        assert!(!msg.contains('\n'), "{msg}");
    }

    #[test]
    fn an_incomplete_sync_table_names_its_key() {
        let text =
            "[sync]\nservice = \"greader\"\nurl = \"https://r.example/api/greader.php\"\nuser = \"\"\n";
        let msg = Config::parse(text, "c.toml").expect_err("no user").to_string();
        assert_eq!(msg, "c.toml:4: sync.user: the user name is missing");
        let text = "[sync]\nservice = \"ttrss\"\nurl = \"https://r.example/\"\nuser = \"a\"\n";
        let msg = Config::parse(text, "c.toml").expect_err("no password").to_string();
        assert!(msg.starts_with("c.toml:1: sync: no password"), "{msg}");
        let text = "[sync]\nservice = \"none\"\n";
        assert_eq!(Config::parse(text, "c.toml").expect("off").sync.service(), None);
    }

    #[test]
    fn views_rules_and_notify_parse_and_a_bad_query_names_its_line() {
        let text = "[[view]]\nname = \"Rust, unread\"\nquery = \"tag:rust unread\"\nsort = \"oldest\"\n\
                    [[ignore]]\nquery = \"feed:phoronix title:sponsored\"\nmode = \"drop\"\n\
                    [[ignore]]\nquery = \"tag:sports\"\n\
                    [notify]\nquery = \"tag:security\"\ncommand = [\"notify-send\", \"{count}\"]\n";
        let c = Config::parse(text, "c.toml").expect("parses");
        assert_eq!(c.views[0].name, "Rust, unread");
        assert_eq!(c.views[0].query.to_string(), "tag:rust unread");
        assert_eq!(c.views[0].sort, Some(crate::model::Sort::Oldest));
        let rules = c.ignore_rules();
        assert!(rules[0].drop && !rules[1].drop, "{rules:?}");
        assert_eq!(c.notify.query.as_ref().map(ToString::to_string).as_deref(), Some("tag:security"));
        let text = "[[view]]\nname = \"x\"\nquery = \"age:<7x\"\n";
        let msg = Config::parse(text, "c.toml").expect_err("bad query").to_string();
        assert_eq!(msg, "c.toml:3: view[1].query: age:<7x: unknown unit \"x\" at column 6");
        let text = "[[ignore]]\nquery = \"tag:x\"\nmode = \"delete\"\n";
        let msg = Config::parse(text, "c.toml").expect_err("bad mode").to_string();
        assert!(msg.starts_with("c.toml:3: ignore[1].mode: "), "{msg}");
    }

    #[test]
    fn unknown_key_is_named() {
        let err = Config::parse("[fetch]\ntimeout = 3\n", "c.toml").expect_err("unknown key");
        let msg = err.to_string();
        assert!(msg.starts_with("c.toml:2: fetch.timeout: unknown field"), "{msg}");
    }
}
