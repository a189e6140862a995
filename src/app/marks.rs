//! Read and starred marks: shown at once in the state, written by an effect, undoable.

use super::effect::Effect;
use super::nav;
use super::state::{Mark, Pane, State};
use crate::model::{ArticleId, ArticleSummary, Filter};

/// Undo entries kept.
const UNDO_DEPTH: usize = 50;

/// Shows `read` on the listed articles wherever they are on screen.
pub(super) fn set_read_local(state: &mut State, ids: &[ArticleId], read: bool) {
    change_local(state, ids, |a| a.read = read);
}

fn set_starred_local(state: &mut State, id: ArticleId, starred: bool) {
    change_local(state, &[id], |a| a.starred = starred);
}

/// Applies `change` to the listed articles in the list rows and in the reader.
fn change_local(state: &mut State, ids: &[ArticleId], change: impl Fn(&mut ArticleSummary)) {
    state.articles.rows.iter_mut().filter(|r| ids.contains(&r.id)).for_each(&change);
    if let super::state::Load::Loaded(a) = &mut state.reader.article
        && ids.contains(&a.summary.id)
    {
        change(&mut a.summary);
    }
}

pub(super) fn toggle_read(state: &mut State) -> Vec<Effect> {
    let Some((id, read)) = state.current_article().map(|a| (a.id, !a.read)) else {
        return Vec::new();
    };
    set_read_local(state, &[id], read);
    vec![Effect::SetRead { ids: vec![id], read, undoable: true }]
}

pub(super) fn toggle_star(state: &mut State) -> Vec<Effect> {
    let Some((id, starred)) = state.current_article().map(|a| (a.id, !a.starred)) else {
        return Vec::new();
    };
    set_starred_local(state, id, starred);
    vec![Effect::SetStarred { ids: vec![id], starred }]
}

pub(super) fn mark_all_read(state: &mut State) -> Vec<Effect> {
    for row in &mut state.articles.rows {
        row.read = true;
    }
    vec![Effect::MarkFilterRead { filter: state.filter() }]
}

/// Remembers a mark the store confirmed, for `undo`.
pub(super) fn remember(state: &mut State, ids: Vec<ArticleId>, read: bool) {
    if ids.is_empty() {
        return;
    }
    state.undo.push(Mark { ids, read });
    if state.undo.len() > UNDO_DEPTH {
        state.undo.remove(0);
    }
}

pub(super) fn undo(state: &mut State) -> Vec<Effect> {
    let Some(mark) = state.undo.pop() else {
        state.message = Some("nothing to undo".into());
        return Vec::new();
    };
    let read = !mark.read;
    set_read_local(state, &mark.ids, read);
    let n = mark.ids.len();
    state.message =
        Some(format!("undone: {n} article{} marked {}", plural(n), if read { "read" } else { "unread" }));
    vec![Effect::SetRead { ids: mark.ids, read, undoable: false }]
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Selects the next unread article in the window below the selection; in the reader, opens it.
pub(super) fn next_unread(state: &mut State) -> Vec<Effect> {
    let a = &state.articles;
    let start = (a.cursor + 1).saturating_sub(a.offset) as usize;
    let found = a.rows.iter().skip(start).position(|r| !r.read).map(|i| a.offset + (start + i) as u32);
    let Some(index) = found else {
        // Past the loaded rows, the store knows.
        if a.offset + (a.rows.len() as u32) < a.total {
            return vec![Effect::FindNextUnread { filter: state.filter(), after: a.cursor }];
        }
        state.message = Some("no unread article below".into());
        return Vec::new();
    };
    let mut fx = nav::choose_article(state, index);
    if state.focus == Pane::Reader {
        fx.extend(super::update::open_article(state));
    }
    fx
}

/// The store's answer to a "next unread" past the loaded rows: select it (its rows load) and,
/// from the reader, open it. An answer for another filter, or after the user moved, is stale.
pub(super) fn next_unread_found(
    state: &mut State,
    filter: Filter,
    after: u32,
    result: Result<Option<(u32, ArticleId)>, String>,
) -> Vec<Effect> {
    if filter != state.filter() || after != state.articles.cursor {
        return Vec::new();
    }
    match result {
        Ok(Some((index, id))) => {
            let mut fx = nav::choose_article(state, index);
            if state.focus == Pane::Reader {
                fx.extend(super::update::open_by_id(state, id, false));
            }
            fx
        }
        Ok(None) => {
            state.message = Some("no unread article below".into());
            Vec::new()
        }
        Err(e) => {
            state.last_error = Some(e);
            Vec::new()
        }
    }
}
