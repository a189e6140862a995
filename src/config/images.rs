//! `[images]`: whether and how the reader draws an article's pictures.

use serde::Deserialize;

/// How pictures are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ImageMode {
    /// Where the terminal answers that it speaks kitty, sixel or iTerm2 graphics; never inside
    /// tmux or screen (they would need passthrough).
    #[default]
    Auto,
    /// With the terminal's protocol, through tmux's passthrough too; half blocks when the
    /// terminal names none.
    Always,
    /// Unicode half blocks in colour, for any colour terminal.
    Halfblocks,
    /// Placeholders only.
    Never,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ImageSettings {
    pub mode: ImageMode,
    /// Tallest a picture is drawn, in rows.
    pub max_rows: u16,
    /// Disk cache of fetched pictures, in MB; the oldest go first. 0: no cache.
    pub cache_mb: u64,
}

impl Default for ImageSettings {
    fn default() -> Self {
        ImageSettings { mode: ImageMode::Auto, max_rows: 20, cache_mb: 200 }
    }
}

/// A value that parses but cannot work, as (key, message).
pub fn problem(images: &ImageSettings) -> Option<(&'static str, String)> {
    (images.max_rows == 0).then(|| ("max_rows", "must be at least 1".to_string()))
}
