//! The bottom line: filter, counts, refresh progress and the last error or message; or the
//! prompt / confirmation when one is open.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Styles, fit, safe, spread, width_of};
use crate::app::{ActiveQuery, Confirm, Mode, Prompt, RefreshStatus, Source, State};
use crate::model::Sort;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, styles: &Styles) {
    let width = usize::from(area.width);
    let line = match &state.mode {
        Mode::Prompt(p) => return prompt(frame, area, p, styles),
        Mode::Confirm(Confirm::RemoveFeed { title, .. }) => Line::from(fit(
            &match state.settings.source {
                Source::Local => format!("Remove feed \u{201c}{title}\u{201d} and its articles? (y/n)"),
                Source::Server(name) => format!("Unsubscribe from \u{201c}{title}\u{201d} on {name}? (y/n)"),
            },
            width,
        )),
        _ => {
            let right = match (&state.message, &state.last_error) {
                (Some(m), _) => Span::raw(fit(m, width / 2)),
                (None, Some(e)) => Span::styled(fit(&format!("! {e}"), width / 2), styles.error),
                (None, None) => Span::raw(""),
            };
            spread(vec![Span::raw(summary(state))], right, width)
        }
    };
    frame.render_widget(Paragraph::new(line).style(styles.status), area);
}

/// "tags: rust + go · unread · /query · 42 articles · refreshing 3/10"
pub fn summary(state: &State) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !state.selected_tags.is_empty() {
        parts.push(format!("tags: {}", state.selected_tags.join(" + ")));
    }
    if let Some(id) = state.feed_filter {
        parts.push(format!("feed: {}", state.feed_title(id).unwrap_or("?")));
    }
    if state.starred_only {
        parts.push("starred".into());
    }
    if state.unread_only {
        parts.push("unread".into());
    }
    if let Some(q) = &state.search {
        parts.push(format!("/{q}"));
    }
    match &state.query {
        Some(ActiveQuery { view: Some(i), .. }) => {
            parts.push(format!("view: {}", state.views.get(*i).map_or("?", |v| v.name.as_str())))
        }
        Some(ActiveQuery { query, view: None, .. }) => parts.push(format!(":{query}")),
        None => {}
    }
    if state.sort() != Sort::default() {
        parts.push(state.sort().label().into());
    }
    if parts.is_empty() {
        parts.push("All".into());
    }
    let more = if state.articles.counting.is_some() { "+" } else { "" };
    parts.push(format!("{}{more} articles", state.articles.total));
    match state.refresh {
        RefreshStatus::Idle => {}
        RefreshStatus::Starting if matches!(state.settings.source, Source::Server(_)) => {
            parts.push("syncing…".into())
        }
        RefreshStatus::Starting => parts.push("refreshing…".into()),
        RefreshStatus::Running { done, total, .. } => parts.push(format!("refreshing {done}/{total}")),
    }
    safe(&format!(" {}", parts.join(" · ")))
}

/// The line editor: label, text scrolled so the cursor stays visible, and the terminal cursor.
fn prompt(frame: &mut Frame, area: Rect, p: &Prompt, styles: &Styles) {
    let label = p.kind.label();
    let error = p.error.as_deref().map(|e| fit(&format!("  ! {e}"), usize::from(area.width) / 2));
    let error_width = error.as_deref().map_or(0, width_of);
    let room = usize::from(area.width).saturating_sub(width_of(label) + 1 + error_width).max(1);
    let chars: Vec<char> = p.editor.text().chars().collect();
    let cursor = p.editor.cursor();
    // Drop characters from the left until the text before the cursor fits.
    let mut start = 0;
    while width_of(&chars[start..cursor].iter().collect::<String>()) >= room && start < cursor {
        start += 1;
    }
    let shown: String = chars[start..].iter().collect();
    let before = width_of(&chars[start..cursor].iter().collect::<String>());
    let mut spans = vec![Span::styled(label, styles.title), Span::raw(fit(&shown, room))];
    spans.extend(error.map(|e| Span::styled(e, styles.error)));
    let line = Line::from(spans);
    frame.render_widget(Paragraph::new(line).style(styles.status), area);
    let x = area.x + (width_of(label) + before).min(usize::from(area.width.saturating_sub(1))) as u16;
    frame.set_cursor_position(Position::new(x, area.y));
}
