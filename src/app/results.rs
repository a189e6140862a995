//! Results of effects coming back: loaded rows, written marks, refresh progress.

use crate::refresh::FeedOutcome;

use super::action::Action;
use super::effect::Effect;
use super::marks;
use super::nav::{self, height};
use super::state::{BodySource, Load, Pane, RefreshStatus, RenderedBody, State, WINDOW};
use super::update::{render_body, start_refresh};

pub(super) fn apply(state: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::FeedsLoaded(Ok(feeds)) => {
            let h = height(state, Pane::Feeds);
            let (cursor, len) = (state.feed_list.cursor, feeds.len());
            state.feeds = Load::Loaded(feeds);
            state.feed_list.set(cursor, len, h);
            Vec::new()
        }
        Action::TagsLoaded(Ok(list)) => {
            (state.tags, state.starred_count) = (Load::Loaded(list.tags), list.starred);
            let (h, len, cursor) = (height(state, Pane::Tags), state.tag_rows().len(), state.tag_list.cursor);
            state.tag_list.set(cursor, len, h);
            Vec::new()
        }
        Action::FeedsLoaded(Err(e)) => {
            if state.feeds.loaded().is_none() {
                state.feeds = Load::Failed(e.clone());
            }
            failed(state, e)
        }
        Action::TagsLoaded(Err(e)) => {
            if state.tags.loaded().is_none() {
                state.tags = Load::Failed(e.clone());
            }
            failed(state, e)
        }
        Action::ArticlesLoaded { request, result } => {
            if state.articles.pending != Some(request) {
                return Vec::new();
            }
            state.articles.pending = None;
            // Keep the article selected now: the user may have moved since the reload was asked.
            let keep =
                state.articles.keep.take().map(|asked| state.articles.selected().map_or(asked, |a| a.id));
            let keep = keep.filter(|_| state.articles.chosen);
            match result {
                Ok(page) => {
                    let a = &mut state.articles;
                    // While the count is on its way, a list that was longer (a reload, a scroll
                    // into the next window) keeps its length.
                    let mut total = if page.counting { page.total.max(a.total) } else { page.total };
                    a.counting = page.counting.then_some(request);
                    if (page.rows.len() as u32) < WINDOW {
                        // A short page is the end of the list, whatever the count said (a
                        // refresh may have written between the two queries).
                        total = total.min(page.offset + page.rows.len() as u32);
                    }
                    (a.offset, a.total, a.rows) = (page.offset, total, page.rows);
                    a.status = Load::Loaded(());
                    let kept = keep.and_then(|id| a.rows.iter().position(|r| r.id == id));
                    let cursor = kept.map(|i| a.offset + i as u32).unwrap_or(a.cursor);
                    let mut fx = nav::select_article(state, cursor);
                    // New articles pushed the kept one out of these rows: the store knows where.
                    if let (Some(id), None) = (keep, kept) {
                        fx.push(Effect::LocateArticle {
                            filter: state.filter(),
                            id,
                            cursor: state.articles.cursor,
                        });
                    }
                    fx
                }
                Err(e) => {
                    state.articles.status = Load::Failed(e.clone());
                    failed(state, e)
                }
            }
        }
        Action::ArticleLocated { filter, cursor, result } => {
            // Stale when the filter changed or the user moved since.
            if filter != state.filter() || cursor != state.articles.cursor {
                return Vec::new();
            }
            match result {
                Ok(Some(index)) => nav::select_article(state, index),
                Ok(None) => Vec::new(),
                Err(e) => failed(state, e),
            }
        }
        Action::NextUnreadFound { filter, after, result } => {
            super::marks::next_unread_found(state, filter, after, result)
        }
        Action::ArticleLoaded { request, result } => {
            if state.reader.pending != Some(request) {
                return Vec::new();
            }
            state.reader.pending = None;
            match result {
                Ok(Some(mut article)) => {
                    if let Some(row) = state.articles.rows.iter().find(|r| r.id == article.summary.id) {
                        // The list holds the newest marks (the open itself may have marked it read).
                        (article.summary.read, article.summary.starred) = (row.read, row.starred);
                    }
                    state.reader.source = BodySource::preferred(&article);
                    state.reader.article = Load::Loaded(article);
                    state.reader.scroll = 0;
                    render_body(state)
                }
                Ok(None) => {
                    state.reader.article = Load::Failed("the article is no longer in the store".into());
                    Vec::new()
                }
                Err(e) => {
                    state.reader.article = Load::Failed(e.clone());
                    failed(state, e)
                }
            }
        }
        Action::Rendered { request, id, width, rendered } => {
            if state.reader.render_pending == Some(request) {
                state.reader.render_pending = None;
                // The latest request is always for the current source (see `render_body`).
                let source = state.reader.source;
                state.reader.body = Load::Loaded(RenderedBody { id, width, source, rendered });
                state.reader.scroll = state.reader.scroll.min(nav::max_reader_scroll(state));
            }
            Vec::new()
        }
        Action::PictureLoaded { article, url, width, result } => {
            super::pictures::loaded(state, article, url, width, result);
            Vec::new()
        }
        Action::FullTextFetched { request, id, result } => {
            super::fulltext::fetched(state, request, id, result)
        }
        Action::Marked { changed, read, undoable } => {
            let many = changed.len() > 1;
            if undoable {
                marks::remember(state, changed, read);
            }
            let mut fx = vec![Effect::LoadFeeds, nav::load_tags(state)];
            if many {
                fx.push(nav::reload_keep(state));
            }
            fx
        }
        Action::Starred { .. } => Vec::new(),
        Action::RefreshStarted { total } => {
            state.refresh = RefreshStatus::Running { done: 0, total, failed: 0, new: 0 };
            Vec::new()
        }
        Action::FeedsRefreshed(reports) => {
            let mut fx = vec![Effect::LoadFeeds];
            let mut gained = false;
            for report in reports {
                if let RefreshStatus::Running { done, failed, new, .. } = &mut state.refresh {
                    *done += 1;
                    match &report.outcome {
                        FeedOutcome::Failed(_) => *failed += 1,
                        FeedOutcome::Updated(stats) => *new += stats.new,
                        FeedOutcome::Unchanged => {}
                    }
                }
                match report.outcome {
                    FeedOutcome::Failed(failure) => {
                        let remove = state.remove_key();
                        let text = failure.describe(report.at, state.settings.zone, &remove);
                        state.last_error = Some(format!("{}: {text}", report.url));
                    }
                    FeedOutcome::Updated(stats) if stats.new > 0 => gained = true,
                    _ => {}
                }
            }
            if gained {
                fx.push(nav::load_tags(state));
                fx.push(nav::reload_keep(state));
            }
            fx
        }
        Action::RefreshFinished(result) => {
            state.refresh = RefreshStatus::Idle;
            let new = result.as_ref().map_or(0, |s| s.new);
            match result {
                // A periodic refresh with no feed due says nothing.
                Ok(s) if s.feeds == 0 => {}
                Ok(s) => {
                    state.message =
                        Some(format!("refreshed {} feeds: {} new, {} failed", s.feeds, s.new, s.failed));
                }
                Err(e) => state.last_error = Some(e),
            }
            let queued = state.queued_refresh.take();
            refreshed(state, new, queued)
        }
        Action::SyncFinished(result) => {
            state.refresh = RefreshStatus::Idle;
            let new = result.as_ref().map_or(0, |r| r.new);
            match result {
                // The server answered: an older "offline" is over.
                Ok(report) => {
                    state.last_error = None;
                    state.message = Some(crate::sync::status_line(&report));
                }
                Err(failure) => {
                    failed(state, failure.line());
                }
            }
            // A sync is of everything, whatever was asked for meanwhile.
            let queued = state.queued_refresh.take().map(|_| Vec::new());
            refreshed(state, new, queued)
        }
        Action::SyncSkipped => {
            state.refresh = RefreshStatus::Idle;
            Vec::new()
        }
        // Sent marks change nothing on screen; marks that could not go say so.
        Action::ChangesSent(Ok(_)) => Vec::new(),
        Action::ChangesSent(Err(failure)) => failed(state, failure.line()),
        Action::FeedAdded(Ok(url)) => {
            state.message = Some(format!("added {url}"));
            // Its articles were saved with it: show them.
            vec![Effect::LoadFeeds, nav::load_tags(state), nav::reload_keep(state)]
        }
        Action::FeedRemoved(Ok(url)) => {
            state.message = Some(format!("removed {url}"));
            let filtered = state.feed_filter.and_then(|id| state.feed_list().iter().find(|f| f.id == id));
            if filtered.is_some_and(|f| f.url == url) {
                state.feed_filter = None;
            }
            let mut fx = vec![Effect::LoadFeeds, nav::load_tags(state)];
            fx.extend(nav::reset_articles(state));
            fx
        }
        Action::FeedAdded(Err(e)) | Action::FeedRemoved(Err(e)) | Action::Failed(e) => failed(state, e),
        Action::MarkFailed(e) => {
            let mut fx = failed(state, e);
            fx.extend([Effect::LoadFeeds, nav::load_tags(state), nav::reload_keep(state)]);
            fx
        }
        Action::ArticlesCounted { request, result } => {
            if state.articles.counting != Some(request) {
                return Vec::new();
            }
            state.articles.counting = None;
            match result {
                Ok(total) => {
                    let a = &mut state.articles;
                    a.total = total.max(a.offset + a.rows.len() as u32);
                    Vec::new()
                }
                Err(e) => failed(state, e),
            }
        }
        Action::ViewsCounted(Ok(counts)) => {
            state.view_unread = counts;
            Vec::new()
        }
        Action::ViewsCounted(Err(e)) => failed(state, e),
        Action::Info(m) => {
            state.message = Some(m);
            Vec::new()
        }
        Action::Notice(text) => vec![Effect::TerminalNotice(text)],
        Action::HandedOff { label, result: Ok(()) } => {
            state.message = Some(format!("{label}: done"));
            Vec::new()
        }
        Action::HandedOff { label, result: Err(e) } => failed(state, format!("{label}: {e}")),
        // User actions are handled by `update` itself.
        Action::Command(_)
        | Action::Digit(_)
        | Action::Edit(_)
        | Action::Confirm(_)
        | Action::CloseHelp
        | Action::Resize(..)
        | Action::Click { .. }
        | Action::Wheel { .. }
        | Action::RefreshTimer
        | Action::HandOff(_) => Vec::new(),
    }
}

/// The end of a refresh or a sync: reload what it may have changed, announce the articles it
/// brought when nobody asked for it, and start the one the user asked for meanwhile.
fn refreshed(state: &mut State, new: u32, queued: Option<Vec<String>>) -> Vec<Effect> {
    let mut fx = vec![Effect::LoadFeeds, nav::load_tags(state), nav::reload_keep(state)];
    if new > 0 && !state.refresh_asked {
        fx.push(Effect::Announce);
    }
    if let Some(urls) = queued {
        fx.extend(start_refresh(state, urls, false, false));
        // Only a request of the user's waits in the queue.
        state.refresh_asked = true;
    }
    fx
}

/// An error is news: it replaces whatever the status bar was saying ("adding…").
pub(super) fn failed(state: &mut State, e: String) -> Vec<Effect> {
    state.message = None;
    state.last_error = Some(e);
    Vec::new()
}
