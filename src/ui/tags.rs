//! The tags pane: All, Starred, the saved views, then every tag, each with its unread count.
//! Selected filters are marked.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Styles, focused, inner, pane_block, safe, selected_style, spread};
use crate::app::{Load, Pane, State, TagRow};

pub fn draw(frame: &mut Frame, area: Rect, state: &State, styles: &Styles) {
    let is_focused = focused(state, Pane::Tags);
    let title = match &state.tags {
        Load::Loading | Load::Idle => " Tags … ".to_string(),
        Load::Failed(_) => " Tags (failed) ".to_string(),
        Load::Loaded(t) => format!(" Tags ({}) ", t.len()),
    };
    frame.render_widget(pane_block(title, is_focused, styles), area);
    let body = inner(area);
    let width = usize::from(body.width);
    let all_unread: u32 = state.feed_list().iter().map(|f| f.unread).sum();
    let nothing_picked = state.selected_tags.is_empty()
        && !state.starred_only
        && state.feed_filter.is_none()
        && state.query.is_none();
    let rows = state.tag_rows();
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(state.tag_list.scroll)
        .take(usize::from(body.height))
        .map(|(i, row)| {
            let (name, count, picked) = match row {
                TagRow::All => ("All".to_string(), Some(all_unread), nothing_picked),
                TagRow::Starred => ("★ Starred".to_string(), Some(state.starred_count), state.starred_only),
                TagRow::View(at, view, unread) => {
                    let picked = state.query.as_ref().is_some_and(|q| q.view == Some(*at));
                    (format!("» {}", safe(&view.name)), *unread, picked)
                }
                TagRow::Tag(t) => {
                    let picked = state.selected_tags.iter().any(|s| s.eq_ignore_ascii_case(&t.tag));
                    (t.tag.clone(), Some(t.unread), picked)
                }
            };
            let unread = count.unwrap_or(0) > 0;
            let base = if unread { styles.unread } else { styles.text };
            let mark = if picked { "● " } else { "  " };
            let count = count.filter(|c| *c > 0).map(|c| c.to_string()).unwrap_or_default();
            let line = spread(
                vec![Span::styled(mark, styles.title), Span::styled(name, base)],
                Span::styled(count, styles.dim),
                width,
            );
            line.style(selected_style(styles, base, i == state.tag_list.cursor, is_focused))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), body);
}
