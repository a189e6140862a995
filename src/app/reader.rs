//! The reader's document shape: a header, the body, then the numbered links. Shared by `update`
//! (scroll limits) and the UI (drawing).

use unicode_width::UnicodeWidthChar;

use super::state::{Reader, State};

/// Header lines after the title: feed/author, date, link, blank.
pub const HEADER_EXTRA: usize = 4;

/// Greedy word wrap at `width` display cells; words longer than a line are cut.
pub fn wrap_words(text: &str, width: u16) -> Vec<String> {
    let width = usize::from(width.max(1));
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_w = 0;
    for word in text.split_whitespace() {
        let word_w: usize = word.chars().map(|c| c.width().unwrap_or(0)).sum();
        if line_w > 0 && line_w + 1 + word_w > width {
            lines.push(std::mem::take(&mut line));
            line_w = 0;
        }
        if line_w > 0 {
            line.push(' ');
            line_w += 1;
        }
        for c in word.chars() {
            let w = c.width().unwrap_or(0);
            if line_w + w > width {
                lines.push(std::mem::take(&mut line));
                line_w = 0;
            }
            line.push(c);
            line_w += w;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

pub fn title_lines(reader: &Reader, width: u16) -> Vec<String> {
    reader.article().map(|a| wrap_words(&a.summary.title, width)).unwrap_or_default()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_on_words_and_cuts_long_ones() {
        assert_eq!(wrap_words("a bb ccc dddd", 6), vec!["a bb", "ccc", "dddd"]);
        assert_eq!(wrap_words("abcdefgh", 3), vec!["abc", "def", "gh"]);
        assert_eq!(wrap_words("", 3), vec![""]);
    }
}
