//! XDG locations of byline's files, each overridable from the command line.

use std::path::{Path, PathBuf};

/// Where byline keeps its files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    pub config_file: PathBuf,
    pub feeds_file: PathBuf,
    pub db_file: PathBuf,
    pub log_dir: PathBuf,
    /// $XDG_CACHE_HOME/byline: what can be fetched again (pictures).
    pub cache_dir: PathBuf,
}

impl Paths {
    /// $XDG_CONFIG_HOME/byline/{config,feeds}.toml, $XDG_DATA_HOME/byline/byline.db and
    /// $XDG_STATE_HOME/byline/ for the log; the overrides win where given.
    pub fn resolve(config: Option<&Path>, feeds: Option<&Path>, db: Option<&Path>) -> Paths {
        let dirs = directories::ProjectDirs::from("", "", "byline");
        let (config_dir, data_dir, state_dir, cache_dir) = match &dirs {
            Some(d) => (
                d.config_dir().to_path_buf(),
                d.data_dir().to_path_buf(),
                d.state_dir().unwrap_or(d.data_dir()).to_path_buf(),
                d.cache_dir().to_path_buf(),
            ),
            // No home directory at all: keep everything beside the working directory.
            None => (PathBuf::from("."), PathBuf::from("."), PathBuf::from("."), PathBuf::from(".")),
        };
        Paths {
            config_file: config.map_or_else(|| config_dir.join("config.toml"), Path::to_path_buf),
            feeds_file: feeds.map_or_else(|| config_dir.join("feeds.toml"), Path::to_path_buf),
            db_file: db.map_or_else(|| data_dir.join("byline.db"), Path::to_path_buf),
            log_dir: state_dir,
            cache_dir,
        }
    }
}
