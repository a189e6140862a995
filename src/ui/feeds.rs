//! The feeds pane: title, unread count, a marker on feeds whose last refresh failed (another on
//! gone ones), and the selected feed's failure reason along the bottom border, with when it is
//! tried again.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Styles, fit, focused, inner, pane_block, selected_style, spread, width_of};
use crate::app::{Load, Pane, State};

pub fn draw(frame: &mut Frame, area: Rect, state: &State, styles: &Styles) {
    let is_focused = focused(state, Pane::Feeds);
    let title = match &state.feeds {
        Load::Loading | Load::Idle => " Feeds … ".to_string(),
        Load::Failed(_) => " Feeds (failed) ".to_string(),
        Load::Loaded(f) => format!(" Feeds ({}) ", f.len()),
    };
    let mut block = pane_block(title, is_focused, styles);
    if let Some(reason) = state.selected_feed().and_then(|f| state.feed_note(f)) {
        let room = usize::from(area.width.saturating_sub(2));
        // Without the padding when that lets "rate limited until 10:30" fit the wide layout.
        let padded = format!(" ! {reason} ");
        let text = if width_of(&padded) <= room { padded } else { format!("! {reason}") };
        let reason = fit(&text, room);
        block = block.title_bottom(Span::styled(reason, styles.error));
    }
    frame.render_widget(block, area);
    let body = inner(area);
    let width = usize::from(body.width);
    let lines: Vec<Line> = state
        .feed_list()
        .iter()
        .enumerate()
        .skip(state.feed_list.scroll)
        .take(usize::from(body.height))
        .map(|(i, feed)| {
            let base = if feed.unread > 0 { styles.unread } else { styles.text };
            let mark = if feed.schedule.gone {
                Span::styled("✗ ", styles.error)
            } else if feed.last_error.is_some() {
                Span::styled("! ", styles.error)
            } else if state.feed_filter == Some(feed.id) {
                Span::styled("● ", styles.title)
            } else {
                Span::raw("  ")
            };
            let count = if feed.unread > 0 { feed.unread.to_string() } else { String::new() };
            let line = spread(
                vec![mark, Span::styled(feed.title.clone(), base)],
                Span::styled(count, styles.dim),
                width,
            );
            line.style(selected_style(styles, base, i == state.feed_list.cursor, is_focused))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), body);
}
