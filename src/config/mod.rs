//! Settings: the embedded defaults (config/config.toml) with the user's file layered over them,
//! the subscription list (feeds.toml) and the XDG paths.

pub mod keys;
pub mod theme;

use serde::Deserialize;

/// Everything in config.toml. Every field has a default from the embedded config/config.toml.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub general: General,
    pub fetch: FetchSettings,
    pub keys: keys::KeyBindings,
    pub theme: theme::Theme,
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
    pub user_agent: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            general: General::default(),
            fetch: FetchSettings::default(),
            keys: keys::KeyBindings::default(),
            theme: theme::Theme::default(),
        }
    }
}

impl Default for General {
    fn default() -> Self {
        General { refresh_on_start: false, refresh_minutes: 0, mark_read_on_open: true, browser: Vec::new() }
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
            user_agent: None,
        }
    }
}

/// Where byline keeps its files: XDG on Linux, each overridable from the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    pub config_file: std::path::PathBuf,
    pub feeds_file: std::path::PathBuf,
    pub db_file: std::path::PathBuf,
    pub log_dir: std::path::PathBuf,
}
