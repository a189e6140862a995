//! The reader: title, feed, author, date, link, then the body laid out by `text::render_html`
//! (mapped to terminal styles), then the numbered links and enclosures.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Styles, fit, focused, inner, pane_block, safe};
use crate::app::{FullTextFetch, Load, Mode, Pane, Reader, State, attachments, placed_pictures, title_lines};
use crate::text;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, styles: &Styles) {
    let is_focused = focused(state, Pane::Reader);
    let reader = &state.reader;
    frame.render_widget(pane_block(title(reader), is_focused, styles), area);
    let body = inner(area);
    let width = usize::from(body.width);
    let lines: Vec<Line> = match &reader.article {
        Load::Idle => vec![Line::styled(fit("Select an article and press Enter.", width), styles.dim)],
        Load::Loading => vec![Line::styled("loading…", styles.dim)],
        Load::Failed(e) => vec![Line::styled(fit(e, width), styles.error)],
        Load::Loaded(_) => document(state, styles, body.width),
    };
    let visible: Vec<Line> =
        lines.into_iter().skip(usize::from(reader.scroll)).take(usize::from(body.height)).collect();
    frame.render_widget(Paragraph::new(visible), body);
    // The help overlay covers the pane: a picture drawn under it would show through it with
    // the protocols that draw beside the text (sixel, iTerm2).
    if !matches!(state.mode, Mode::Help { .. }) {
        draw_pictures(frame, body, state);
    }
}

/// The pictures made so far, each over the blank rows kept for it, cut to the pane.
fn draw_pictures(frame: &mut Frame, body: Rect, state: &State) {
    let scroll = i32::from(state.reader.scroll);
    for placed in placed_pictures(state, body.width) {
        if let Some(picture) = state.reader.pictures.picture(&placed.url) {
            let top = i32::try_from(placed.top).unwrap_or(i32::MAX) - scroll;
            picture.draw(body, top, frame.buffer_mut());
        }
    }
}

/// " Reader: link 12 · full text · fetching full text… ": which body is on screen stays in
/// view however far the text is scrolled.
fn title(reader: &Reader) -> String {
    let mut parts = vec![if reader.digits.is_empty() {
        "Reader".to_string()
    } else {
        format!("Reader: link {}", reader.digits)
    }];
    if reader.article().is_some() {
        // What is laid out on screen; before the first layout, what is coming.
        let shown = reader.body.loaded().map_or(reader.source, |b| b.source);
        parts.push(shown.label().to_string());
    }
    if matches!(reader.full_text, FullTextFetch::Fetching { .. }) {
        parts.push("fetching full text…".to_string());
    }
    format!(" {} ", parts.join(" · "))
}

/// Every line of the open article, in the shape `app::doc_len` counts.
fn document<'a>(state: &'a State, styles: &Styles, width: u16) -> Vec<Line<'a>> {
    let reader = &state.reader;
    let Some(article) = reader.article() else {
        return Vec::new();
    };
    let s = &article.summary;
    let w = usize::from(width);
    let mut lines: Vec<Line> =
        title_lines(reader, width).into_iter().map(|t| Line::styled(safe(&t), styles.title)).collect();
    let mut by = s.feed_title.clone();
    if let Some(author) = &s.author {
        by.push_str(" · ");
        by.push_str(author);
    }
    lines.push(Line::styled(fit(&by, w), styles.dim));
    let mut date = state.settings.zone.at(s.date).format("%Y-%m-%d %H:%M").to_string();
    if s.starred {
        date.push_str("  ★ starred");
    }
    lines.push(Line::styled(fit(&date, w), styles.dim));
    lines.push(Line::styled(fit(s.link.as_deref().unwrap_or(""), w), styles.link));
    lines.push(Line::raw(""));
    match &reader.body {
        Load::Loaded(b) => {
            // Room for the pictures above the lines they belong to (see `draw_pictures`).
            let placed = placed_pictures(state, width);
            let mut placed = placed.iter().peekable();
            for (i, line) in b.rendered.lines.iter().enumerate() {
                while let Some(p) = placed.next_if(|p| p.line <= i) {
                    lines.extend((0..p.room()).map(|_| Line::raw("")));
                }
                lines.push(body_line(line, styles));
            }
            for p in placed {
                lines.extend((0..p.room()).map(|_| Line::raw("")));
            }
            if !b.rendered.links.is_empty() {
                lines.push(Line::raw(""));
                lines.push(Line::styled("Links:", styles.heading));
                for (i, link) in b.rendered.links.iter().enumerate() {
                    let kind = if link.kind == text::LinkKind::Image { " (image)" } else { "" };
                    let text = format!("[{}] {}{kind}", i + 1, link.url);
                    lines.push(Line::styled(fit(&text, w), styles.link));
                }
            }
            let attachments = attachments(reader);
            if !attachments.is_empty() {
                lines.push(Line::raw(""));
                lines.push(Line::styled("Enclosures:", styles.heading));
                let first = b.rendered.links.len() + 1;
                for (i, (url, label)) in attachments.iter().enumerate() {
                    let label = if label.is_empty() { String::new() } else { format!(" ({label})") };
                    let text = format!("[{}] {url}{label}", first + i);
                    lines.push(Line::styled(fit(&text, w), styles.link));
                }
            }
        }
        Load::Failed(e) => lines.push(Line::styled(fit(e, w), styles.error)),
        Load::Idle | Load::Loading => lines.push(Line::styled("…", styles.dim)),
    }
    lines
}

fn body_line<'a>(line: &text::Line, styles: &Styles) -> Line<'a> {
    Line::from(
        line.spans
            .iter()
            .map(|s| Span::styled(safe(&s.text), span_style(&s.style, styles)))
            .collect::<Vec<_>>(),
    )
}

/// A body span's look in terminal terms.
pub fn span_style(s: &text::Style, styles: &Styles) -> Style {
    let mut style = styles.text;
    if s.code {
        style = style.patch(styles.code);
    }
    if s.quote {
        style = style.patch(styles.quote);
    }
    if s.heading > 0 {
        style = style.patch(styles.heading);
    }
    if s.link.is_some() {
        style = style.patch(styles.link);
    }
    if s.decoration {
        style = style.patch(styles.dim);
    }
    let mods = [
        (s.bold, Modifier::BOLD),
        (s.italic, Modifier::ITALIC),
        (s.underline, Modifier::UNDERLINED),
        (s.strike, Modifier::CROSSED_OUT),
    ];
    for (on, m) in mods {
        if on {
            style = style.add_modifier(m);
        }
    }
    style
}
