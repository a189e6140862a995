//! Draws the state. Rendering only borrows [`State`]; one file per pane.

mod articles;
mod feeds;
mod help;
pub mod picture;
mod reader;
mod status;
mod styles;
mod tags;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;
use unicode_width::UnicodeWidthChar;

use crate::app::{Mode, Pane, State, layout};

pub use picture::{Graphics, Picture, Protocol};
pub use status::summary as status_summary;
pub use styles::Styles;

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, state: &State, styles: &Styles) {
    let area = frame.area();
    let l = layout(area.width, area.height, state.focus);
    if let Some(r) = l.tags {
        tags::draw(frame, r, state, styles);
    }
    if let Some(r) = l.feeds {
        feeds::draw(frame, r, state, styles);
    }
    if let Some(r) = l.articles {
        articles::draw(frame, r, state, styles);
    }
    if let Some(r) = l.reader {
        reader::draw(frame, r, state, styles);
    }
    status::draw(frame, l.status, state, styles);
    if let Mode::Help { scroll } = state.mode {
        help::draw(frame, area, state, styles, scroll);
    }
}

/// Text for a terminal cell: no escape sequence, control character or bidirectional override
/// reaches the screen, whatever the source (the store's text is clean already: this is the
/// last line of defence).
pub fn safe(text: &str) -> String {
    let text = crate::sanitize::clean_cow(text);
    text.chars().map(|c| if c == '\t' { ' ' } else { c }).filter(|c| !c.is_control()).collect()
}

fn width_of(text: &str) -> usize {
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// Safe text cut to `width` display cells, with an ellipsis when cut.
pub fn fit(text: &str, width: usize) -> String {
    let text = safe(text);
    if width_of(&text) <= width {
        return text;
    }
    let mut out = String::new();
    let mut w = 0;
    for c in text.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// Left text and right text on one line of `width`, the left cut to make room.
fn spread<'a>(left: Vec<Span<'a>>, right: Span<'a>, width: usize) -> Line<'a> {
    let right_w = width_of(&right.content);
    let room = width.saturating_sub(right_w + 1);
    let mut used = 0;
    let mut spans = Vec::new();
    for s in left {
        let cut = fit(&s.content, room - used);
        used += width_of(&cut);
        spans.push(Span::styled(cut, s.style));
    }
    let pad = width.saturating_sub(used + right_w);
    spans.push(Span::raw(" ".repeat(pad)));
    spans.push(right);
    Line::from(spans)
}

/// A pane's frame: brighter border and bold title when focused.
fn pane_block<'a>(title: String, focused: bool, styles: &Styles) -> Block<'a> {
    let border = if focused { styles.border_focused } else { styles.border };
    let title_style = if focused { styles.title.add_modifier(Modifier::BOLD) } else { styles.dim };
    Block::bordered().border_style(border).title(Span::styled(safe(&title), title_style))
}

fn focused(state: &State, pane: Pane) -> bool {
    state.focus == pane
}

/// Rect inside a border.
fn inner(r: Rect) -> Rect {
    Rect::new(r.x + 1, r.y + 1, r.width.saturating_sub(2), r.height.saturating_sub(2))
}

fn selected_style(styles: &Styles, base: Style, selected: bool, focused: bool) -> Style {
    match (selected, focused) {
        (true, true) => base.patch(styles.selected),
        (true, false) => base.add_modifier(Modifier::UNDERLINED),
        _ => base,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn safe_drops_sequences_controls_and_bidi_overrides() {
        assert_eq!(super::safe("a\u{202e}b\u{1b}[31mc\u{1b}]0;t\u{7}d\ne\tf"), "abcde f");
    }

    use super::*;

    #[test]
    fn fit_cuts_by_display_width_and_strips_controls() {
        assert_eq!(fit("hello world", 6), "hello…");
        assert_eq!(fit("日本語テキスト", 5), "日本…");
        assert_eq!(fit("a\u{1b}[31mb", 10), "ab", "the whole sequence goes, not only ESC");
        assert_eq!(fit("short", 10), "short");
    }
}
