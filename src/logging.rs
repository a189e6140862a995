//! Logs go to a file, never to the terminal: the TUI owns the screen.

use std::path::Path;
use std::sync::Mutex;

/// Appends log lines to `dir/byline.log`; the level comes from $BYLINE_LOG (default `info`).
/// Logging is a convenience: when the file cannot be opened, byline runs without it.
pub fn init(dir: &Path) {
    let file = std::fs::create_dir_all(dir)
        .and_then(|_| std::fs::OpenOptions::new().create(true).append(true).open(dir.join("byline.log")));
    let Ok(file) = file else { return };
    let filter = tracing_subscriber::EnvFilter::try_from_env("BYLINE_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(Mutex::new(file))
        .try_init();
}
