//! The article list: date, feed, title; unread bold, starred marked. Rows outside the loaded
//! window show as placeholders until their page arrives.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Styles, fit, focused, inner, pane_block, selected_style};
use crate::app::{Load, Pane, State};

pub fn draw(frame: &mut Frame, area: Rect, state: &State, styles: &Styles) {
    let is_focused = focused(state, Pane::Articles);
    let a = &state.articles;
    // "+" while the count is on its way.
    let more = if a.counting.is_some() { "+" } else { "" };
    let position = if a.total > 0 { format!("{}/{}{more}", a.cursor + 1, a.total) } else { "0".into() };
    let title = match &a.status {
        Load::Loading => format!(" Articles {position} … "),
        Load::Failed(_) => " Articles (failed) ".to_string(),
        _ => format!(" Articles {position} "),
    };
    frame.render_widget(pane_block(title, is_focused, styles), area);
    let body = inner(area);
    let width = usize::from(body.width);
    let (date_fmt, date_w) = if width >= 60 { ("%Y-%m-%d", 10) } else { ("%m-%d", 5) };
    let feed_w = (width / 5).clamp(4, 18);
    let mut lines: Vec<Line> = Vec::new();
    if a.total == 0 && matches!(a.status, Load::Loaded(())) {
        lines.push(Line::styled(fit("No articles match.", width), styles.dim));
    }
    for index in (a.scroll..a.total).take(usize::from(body.height)) {
        let Some(row) = a.row(index) else {
            lines.push(Line::styled("…", styles.dim));
            continue;
        };
        let base = if row.read { styles.text } else { styles.unread };
        let star = if row.starred { Span::styled("★", styles.starred) } else { Span::raw(" ") };
        let date = state.settings.zone.at(row.date).format(date_fmt).to_string();
        let feed = fit(&row.feed_title, feed_w);
        let feed = format!("{feed}{}", " ".repeat(feed_w.saturating_sub(super::width_of(&feed))));
        let title_w = width.saturating_sub(1 + date_w + 1 + feed_w + 1);
        let line = Line::from(vec![
            star,
            Span::styled(date, styles.dim),
            Span::raw(" "),
            Span::styled(feed, styles.dim),
            Span::raw(" "),
            Span::styled(fit(&row.title, title_w), base),
        ]);
        lines.push(line.style(selected_style(styles, base, index == a.cursor, is_focused)));
    }
    frame.render_widget(Paragraph::new(lines), body);
}
