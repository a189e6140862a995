//! The reader's document shape: a header, the body, then the numbered links. Shared by `update`
//! (scroll limits) and the UI (drawing).

use super::state::{Reader, State};
use crate::text::wrap_plain;

/// Header lines after the title: feed/author, date, link, blank.
pub const HEADER_EXTRA: usize = 4;

/// The title wrapped at `width` display cells (at least one line, so the header keeps its shape).
pub fn title_lines(reader: &Reader, width: u16) -> Vec<String> {
    let Some(article) = reader.article() else { return Vec::new() };
    let mut lines = wrap_plain(&article.summary.title, usize::from(width));
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// Lines in the reader's document at `width` (for scroll limits).
pub fn doc_len(state: &State, width: u16) -> usize {
    let reader = &state.reader;
    if reader.article().is_none() {
        return 0;
    }
    let body = reader.body.loaded().map(|b| (b.rendered.lines.len(), b.rendered.links.len()));
    let (lines, links) = body.unwrap_or((1, 0));
    let links = if links > 0 { links + 2 } else { 0 };
    title_lines(reader, width).len() + HEADER_EXTRA + lines + links
}
