//! The database thread: owns the UI's `Store`, answers requests in order, sends results back as
//! actions. Loads that a later request in the queue supersedes are skipped.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc;

use tokio::sync::mpsc::UnboundedSender;

use crate::app::{Action, ArticlePage, Effect};
use crate::model::FeedSpec;
use crate::store::Store;

pub enum DbRequest {
    Effect(Effect),
    /// Make the store's feeds match the subscriptions, then send `then`.
    Sync {
        specs: Vec<FeedSpec>,
        then: Action,
    },
}

/// Starts the thread; it ends when every sender is dropped.
pub fn spawn(store: Store, tx: UnboundedSender<Action>) -> std::io::Result<mpsc::Sender<DbRequest>> {
    let (req_tx, req_rx) = mpsc::channel::<DbRequest>();
    std::thread::Builder::new().name("byline-db".into()).spawn(move || serve(store, req_rx, tx))?;
    Ok(req_tx)
}

fn serve(mut store: Store, rx: mpsc::Receiver<DbRequest>, tx: UnboundedSender<Action>) {
    while let Ok(first) = rx.recv() {
        let mut batch = vec![first];
        batch.extend(rx.try_iter());
        for (i, req) in batch.iter().enumerate() {
            if superseded(req, &batch[i + 1..]) {
                continue;
            }
            let action = catch_unwind(AssertUnwindSafe(|| handle(&mut store, req)))
                .unwrap_or_else(|_| Some(Action::Failed("internal error in the database layer".into())));
            if let Some(action) = action
                && tx.send(action).is_err()
            {
                return; // the UI is gone
            }
        }
    }
}

/// A load whose answer a later load of the same kind will replace.
fn superseded(req: &DbRequest, later: &[DbRequest]) -> bool {
    let kind = |r: &DbRequest| match r {
        DbRequest::Effect(Effect::LoadFeeds) => Some(0),
        DbRequest::Effect(Effect::LoadTags) => Some(1),
        DbRequest::Effect(Effect::LoadArticles { .. }) => Some(2),
        DbRequest::Effect(Effect::LoadArticle { .. }) => Some(3),
        _ => None,
    };
    kind(req).is_some_and(|k| later.iter().any(|r| kind(r) == Some(k)))
}

fn handle(store: &mut Store, req: &DbRequest) -> Option<Action> {
    let e = |e: crate::store::StoreError| e.to_string();
    Some(match req {
        DbRequest::Sync { specs, then } => match store.sync_feeds(specs) {
            Ok(()) => then.clone(),
            Err(err) => Action::Failed(format!("cannot update the feeds: {err}")),
        },
        DbRequest::Effect(effect) => match effect {
            Effect::LoadFeeds => Action::FeedsLoaded(store.feeds().map_err(e)),
            Effect::LoadTags => Action::TagsLoaded(store.tags().map_err(e)),
            Effect::LoadArticles { request, filter, offset, limit } => {
                let page = store.articles(filter, *offset, *limit).and_then(|rows| {
                    let total = store.count_articles(filter)?;
                    Ok(ArticlePage { offset: *offset, total, rows })
                });
                Action::ArticlesLoaded { request: *request, result: page.map_err(e) }
            }
            Effect::LoadArticle { request, id } => {
                Action::ArticleLoaded { request: *request, result: store.article(*id).map_err(e) }
            }
            Effect::SetRead { ids, read, undoable } => match store.set_read(ids, *read) {
                Ok(changed) => Action::Marked { changed, read: *read, undoable: *undoable },
                Err(err) => Action::Failed(format!("cannot save the read mark: {err}")),
            },
            Effect::MarkFilterRead { filter } => match store.mark_filter_read(filter) {
                Ok(changed) => Action::Marked { changed, read: true, undoable: true },
                Err(err) => Action::Failed(format!("cannot mark the view read: {err}")),
            },
            Effect::SetStarred { ids, starred } => match store.set_starred(ids, *starred) {
                Ok(changed) => Action::Starred { changed, starred: *starred },
                Err(err) => Action::Failed(format!("cannot save the star: {err}")),
            },
            // Not store work; the runner never sends these here.
            _ => return None,
        },
    })
}
