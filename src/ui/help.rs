//! The help overlay, generated from the key bindings and their descriptions.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{Styles, fit, inner, pane_block};
use crate::app::State;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, styles: &Styles, scroll: u16) {
    let rows = state.help_rows();
    let width = area.width.saturating_sub(4).min(76).max(area.width.min(20));
    let height = crate::app::help_height(area.height, rows.len() as u16);
    let popup =
        Rect::new(area.x + (area.width - width) / 2, area.y + (area.height - height) / 2, width, height);
    frame.render_widget(Clear, popup);
    frame.render_widget(pane_block(" Keys (any other key closes) ".into(), true, styles), popup);
    let body = inner(popup);
    let key_w =
        (rows.iter().map(|(k, _)| k.chars().count()).max().unwrap_or(0)).min(usize::from(body.width) / 3);
    let desc_w = usize::from(body.width).saturating_sub(key_w + 2);
    let lines: Vec<Line> = rows
        .iter()
        .skip(usize::from(scroll))
        .take(usize::from(body.height))
        .map(|(keys, desc)| {
            let keys = fit(keys, key_w);
            let pad = " ".repeat(key_w.saturating_sub(super::width_of(&keys)) + 2);
            Line::from(vec![
                Span::styled(keys, styles.title),
                Span::raw(pad),
                Span::styled(fit(desc, desc_w), styles.text),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), body);
}
