//! Moving selections and scroll positions, keeping the article window loaded around them, and
//! mouse hits.

use super::effect::Effect;
use super::layout::layout;
use super::reader::doc_len;
use super::state::{Pane, State, WINDOW};

/// Rows a pane shows (inside its border) at the current size.
pub(super) fn height(state: &State, pane: Pane) -> usize {
    usize::from(layout(state.size.0, state.size.1, pane).inner_height(pane))
}

fn reader_text_width(state: &State) -> u16 {
    super::layout::reader_width(state.size.0, state.size.1)
}

pub(super) fn max_reader_scroll(state: &State) -> u16 {
    let len = doc_len(state, reader_text_width(state));
    u16::try_from(len.saturating_sub(height(state, Pane::Reader))).unwrap_or(u16::MAX)
}

/// Moves the selection (or the reader's scroll) of `pane` by `delta` rows.
pub(super) fn move_by(state: &mut State, pane: Pane, delta: i64) -> Vec<Effect> {
    let target = |cur: usize| (cur as i64 + delta).max(0) as usize;
    match pane {
        Pane::Tags => {
            let (len, h) = (state.tag_rows().len(), height(state, pane));
            let to = target(state.tag_list.cursor);
            state.tag_list.set(to, len, h);
        }
        Pane::Feeds => {
            let (len, h) = (state.feed_list().len(), height(state, pane));
            let to = target(state.feed_list.cursor);
            state.feed_list.set(to, len, h);
        }
        Pane::Articles => {
            let to = target(state.articles.cursor as usize).min(u32::MAX as usize) as u32;
            return choose_article(state, to);
        }
        Pane::Reader => {
            let to = target(usize::from(state.reader.scroll));
            state.reader.scroll = u16::try_from(to).unwrap_or(u16::MAX).min(max_reader_scroll(state));
        }
    }
    Vec::new()
}

/// Moves to the first (`end == false`) or last row.
pub(super) fn move_to_end(state: &mut State, pane: Pane, end: bool) -> Vec<Effect> {
    let delta = if end { i64::from(u32::MAX) } else { -i64::from(u32::MAX) };
    move_by(state, pane, delta)
}

/// Selects article `index` (clamped), scrolls to it and loads the window around it if needed.
pub(super) fn select_article(state: &mut State, index: u32) -> Vec<Effect> {
    let h = height(state, Pane::Articles) as u32;
    let a = &mut state.articles;
    a.cursor = index.min(a.total.saturating_sub(1));
    if a.cursor < a.scroll {
        a.scroll = a.cursor;
    } else if a.cursor >= a.scroll + h {
        a.scroll = a.cursor + 1 - h;
    }
    a.scroll = a.scroll.min(a.total.saturating_sub(h));
    ensure_window(state).into_iter().collect()
}

/// Selects article `index` at the user's request: from now on reloads keep it selected.
pub(super) fn choose_article(state: &mut State, index: u32) -> Vec<Effect> {
    state.articles.chosen = true;
    select_article(state, index)
}

/// Asks for the window around the visible rows when they are not all loaded or on their way.
pub(super) fn ensure_window(state: &mut State) -> Option<Effect> {
    let h = height(state, Pane::Articles) as u32;
    let a = &state.articles;
    if a.total == 0 {
        return None;
    }
    let (need_start, need_end) = (a.scroll, (a.scroll + h).min(a.total));
    let have_end = a.offset + a.rows.len() as u32;
    if need_start >= a.offset && need_end <= have_end {
        return None;
    }
    if a.pending.is_some() && need_start >= a.pending_offset && need_end <= a.pending_offset + WINDOW {
        return None;
    }
    let offset = a.scroll.saturating_sub(WINDOW.saturating_sub(h) / 2).min(a.total.saturating_sub(WINDOW));
    Some(request_articles(state, offset))
}

pub(super) fn request_articles(state: &mut State, offset: u32) -> Effect {
    let request = state.request_id();
    let a = &mut state.articles;
    a.pending = Some(request);
    a.pending_offset = offset;
    a.status = super::state::Load::Loading;
    Effect::LoadArticles { request, filter: state.filter(), offset, limit: WINDOW }
}

/// Loads the tags pane: tags, and the views' unread counts.
pub(super) fn load_tags(state: &State) -> Effect {
    Effect::LoadTags { views: state.view_queries() }
}

/// The filter changed: start the list over from the top.
pub(super) fn reset_articles(state: &mut State) -> Vec<Effect> {
    let a = &mut state.articles;
    a.rows.clear();
    (a.offset, a.total, a.cursor, a.scroll, a.keep, a.chosen, a.counting) = (0, 0, 0, 0, None, false, None);
    vec![request_articles(state, 0)]
}

/// Reloads the current window (new articles arrived), keeping the selected article.
pub(super) fn reload_keep(state: &mut State) -> Effect {
    state.articles.keep = state.articles.selected().map(|a| a.id);
    let offset = state.articles.offset;
    request_articles(state, offset)
}

/// Keeps every list's selection visible after a resize or focus change.
pub(super) fn fix_scrolls(state: &mut State) -> Vec<Effect> {
    let (th, fh) = (height(state, Pane::Tags), height(state, Pane::Feeds));
    state.tag_list.follow(th);
    state.feed_list.follow(fh);
    state.reader.scroll = state.reader.scroll.min(max_reader_scroll(state));
    let cursor = state.articles.cursor;
    select_article(state, cursor)
}

pub(super) fn click(state: &mut State, x: u16, y: u16) -> Vec<Effect> {
    let Some((pane, rect)) = layout(state.size.0, state.size.1, state.focus).hit(x, y) else {
        return Vec::new();
    };
    state.focus = pane;
    // A link number typed before the click is abandoned.
    state.reader.digits.clear();
    if y == rect.y || y + 1 >= rect.y + rect.height {
        return Vec::new();
    }
    let row = usize::from(y - rect.y - 1);
    match pane {
        Pane::Tags => {
            let len = state.tag_rows().len();
            let to = state.tag_list.scroll + row;
            if to < len {
                state.tag_list.cursor = to;
            }
        }
        Pane::Feeds => {
            let to = state.feed_list.scroll + row;
            if to < state.feed_list().len() {
                state.feed_list.cursor = to;
            }
        }
        Pane::Articles => {
            let to = state.articles.scroll + row as u32;
            if to < state.articles.total {
                return choose_article(state, to);
            }
        }
        Pane::Reader => {}
    }
    Vec::new()
}

pub(super) fn wheel(state: &mut State, x: u16, y: u16, down: bool) -> Vec<Effect> {
    let Some((pane, _)) = layout(state.size.0, state.size.1, state.focus).hit(x, y) else {
        return Vec::new();
    };
    move_by(state, pane, if down { 3 } else { -3 })
}
