//! The database thread: owns the UI's `Store`, answers requests in order, sends results back as
//! actions. Loads that a later request in the queue supersedes are skipped.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc;

use tokio::sync::mpsc::UnboundedSender;

use crate::app::{Action, ArticlePage, Effect, TagList};
use crate::model::{ArticleId, FeedSpec, Filter, FullText};
use crate::store::{FeedUpdate, Store};

pub enum DbRequest {
    Effect(Effect),
    /// Make the store's feeds match the subscriptions, then send `then`.
    Sync {
        specs: Vec<FeedSpec>,
        then: Action,
    },
    /// Sync the subscriptions, save the new feed's first fetch, then send `then`.
    Subscribe {
        specs: Vec<FeedSpec>,
        url: String,
        /// Boxed: the other requests are small.
        update: Box<FeedUpdate>,
        then: Action,
    },
    /// The body a hand-off gives its program, as HTML, sent on `reply` (an mpsc sender: its
    /// `send` takes `&self`, and the thread answers from a borrowed request).
    ArticleBody {
        id: ArticleId,
        reply: tokio::sync::mpsc::UnboundedSender<Result<String, String>>,
    },
    /// Save a fetched full text, then answer `Action::FullTextFetched` with it.
    SaveFullText {
        request: u64,
        id: ArticleId,
        page: FullText,
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
            let later = match (req, &action) {
                (DbRequest::Effect(effect), Some(answer)) => FollowUp::of(effect, answer),
                _ => None,
            };
            if let Some(action) = action
                && tx.send(action).is_err()
            {
                return; // the UI is gone
            }
            // The slow half of an answer, once the fast half is on screen; skipped when a later
            // load in the queue replaces it.
            if let Some(later) = later.filter(|_| !superseded(req, &batch[i + 1..])) {
                let action = catch_unwind(AssertUnwindSafe(|| later.run(&mut store)))
                    .unwrap_or_else(|_| Action::Failed("internal error in the database layer".into()));
                if tx.send(action).is_err() {
                    return;
                }
            }
        }
    }
}

/// What an answer leaves for later: the count of a page sent `counting`, the views' counts
/// after the tags.
enum FollowUp {
    Count { request: u64, filter: Filter },
    Views(Vec<crate::query::Query>),
}

impl FollowUp {
    fn of(effect: &Effect, answer: &Action) -> Option<FollowUp> {
        match (effect, answer) {
            (Effect::LoadArticles { filter, .. }, Action::ArticlesLoaded { request, result: Ok(page) })
                if page.counting =>
            {
                Some(FollowUp::Count { request: *request, filter: filter.clone() })
            }
            (Effect::LoadTags { views }, Action::TagsLoaded(Ok(_))) if !views.is_empty() => {
                Some(FollowUp::Views(views.clone()))
            }
            _ => None,
        }
    }

    fn run(&self, store: &mut Store) -> Action {
        let e = |e: crate::store::StoreError| e.to_string();
        match self {
            FollowUp::Count { request, filter } => {
                Action::ArticlesCounted { request: *request, result: store.count_articles(filter).map_err(e) }
            }
            FollowUp::Views(views) => Action::ViewsCounted(
                views
                    .iter()
                    .map(|q| {
                        let unread =
                            Filter { query: Some(q.clone()), unread_only: true, ..Filter::default() };
                        store.count_articles(&unread)
                    })
                    .collect::<Result<_, _>>()
                    .map_err(e),
            ),
        }
    }
}

/// The action that follows `answer(store, effect)` on the database thread, if any (public for
/// the benchmarks, which run the thread's work in order).
pub fn follow_up(store: &mut Store, effect: &Effect, answer: &Action) -> Option<Action> {
    FollowUp::of(effect, answer).map(|later| later.run(store))
}

/// A load whose answer a later load of the same kind will replace.
fn superseded(req: &DbRequest, later: &[DbRequest]) -> bool {
    let kind = |r: &DbRequest| match r {
        DbRequest::Effect(Effect::LoadFeeds) => Some(0),
        DbRequest::Effect(Effect::LoadTags { .. }) => Some(1),
        DbRequest::Effect(Effect::LoadArticles { .. }) => Some(2),
        DbRequest::Effect(Effect::LoadArticle { .. }) => Some(3),
        DbRequest::Effect(Effect::LocateArticle { .. }) => Some(4),
        _ => None,
    };
    kind(req).is_some_and(|k| later.iter().any(|r| kind(r) == Some(k)))
}

fn handle(store: &mut Store, req: &DbRequest) -> Option<Action> {
    Some(match req {
        DbRequest::Sync { specs, then } => match store.sync_feeds(specs) {
            Ok(()) => then.clone(),
            Err(err) => Action::Failed(format!("cannot update the feeds: {err}")),
        },
        DbRequest::Subscribe { specs, url, update, then } => {
            let saved = store.sync_feeds(specs).and_then(|()| match store.feed_by_url(url)? {
                Some(feed) => store.save_feed(feed.id, update).map(|_| ()),
                None => Err(crate::store::StoreError::NoSuchFeed(url.clone())),
            });
            match saved {
                Ok(()) => then.clone(),
                Err(err) => Action::Failed(format!("cannot save the new feed: {err}")),
            }
        }
        DbRequest::SaveFullText { request, id, page } => {
            let result = match store.set_full_text(*id, page) {
                Ok(()) => Ok(page.clone()),
                Err(err) => Err(format!("cannot save it: {err}")),
            };
            Action::FullTextFetched { request: *request, id: *id, result }
        }
        DbRequest::ArticleBody { id, reply } => {
            // The body the reader opens with: the full text when stored, else the feed's.
            let body = match store.article(*id) {
                Ok(Some(article)) => Ok(article.full_text_html.unwrap_or(article.content_html)),
                Ok(None) => Err("the article is no longer in the store".to_string()),
                Err(err) => Err(format!("cannot read the article: {err}")),
            };
            let _ = reply.send(body);
            return None;
        }
        DbRequest::Effect(effect) => return answer(store, effect),
    })
}

/// The store's answer to one effect, as the action the state machine expects; None for effects
/// that are not store work. Public so benchmarks measure exactly what the reader runs.
pub fn answer(store: &mut Store, effect: &Effect) -> Option<Action> {
    let e = |e: crate::store::StoreError| e.to_string();
    Some(match effect {
        Effect::LoadFeeds => Action::FeedsLoaded(store.feeds().map_err(e)),
        Effect::LoadTags { .. } => Action::TagsLoaded(
            store.tags().and_then(|tags| Ok(TagList { tags, starred: store.starred_count()? })).map_err(e),
        ),
        Effect::LoadArticles { request, filter, offset, limit } => {
            let page = store.articles(filter, *offset, *limit).and_then(|rows| {
                let shown = *offset + rows.len() as u32;
                // A short page is the end of the list; the counters answer at once; any other
                // count follows the page (see `FollowUp`).
                let (total, counting) = if (rows.len() as u32) < *limit {
                    (shown, false)
                } else if store.counts_from_counters(filter) {
                    (store.count_articles(filter)?, false)
                } else {
                    (shown, true)
                };
                Ok(ArticlePage { offset: *offset, total, rows, counting })
            });
            Action::ArticlesLoaded { request: *request, result: page.map_err(e) }
        }
        Effect::LoadArticle { request, id } => {
            Action::ArticleLoaded { request: *request, result: store.article(*id).map_err(e) }
        }
        Effect::LocateArticle { filter, id, cursor } => Action::ArticleLocated {
            filter: filter.clone(),
            cursor: *cursor,
            result: store.position_of(filter, *id).map_err(e),
        },
        Effect::FindNextUnread { filter, after } => Action::NextUnreadFound {
            filter: filter.clone(),
            after: *after,
            result: store.next_unread_after(filter, *after).map_err(e),
        },
        Effect::SetRead { ids, read, undoable } => match store.set_read(ids, *read) {
            Ok(changed) => Action::Marked { changed, read: *read, undoable: *undoable },
            Err(err) => Action::MarkFailed(format!("cannot save the read mark: {err}")),
        },
        Effect::MarkFilterRead { filter } => match store.mark_filter_read(filter) {
            Ok(changed) => Action::Marked { changed, read: true, undoable: true },
            Err(err) => Action::MarkFailed(format!("cannot mark the view read: {err}")),
        },
        Effect::SetStarred { ids, starred } => match store.set_starred(ids, *starred) {
            Ok(changed) => Action::Starred { changed, starred: *starred },
            Err(err) => Action::MarkFailed(format!("cannot save the star: {err}")),
        },
        // Not store work; the runner never sends these here.
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Filter, NewArticle};
    use crate::store::FeedUpdate;

    fn store_with_articles(dir: &std::path::Path) -> Store {
        let mut store = Store::open(&dir.join("byline.db")).expect("open store");
        let spec = FeedSpec {
            url: "https://f.example/rss".into(),
            tags: vec!["tech".into()],
            ..FeedSpec::default()
        };
        store.sync_feeds(&[spec]).expect("sync");
        let feed = store.feeds().expect("feeds")[0].id;
        let items = (1..=3)
            .map(|i| NewArticle {
                key: format!("k{i}"),
                title: format!("Title {i}"),
                content_html: format!("<p>body {i}</p>"),
                ..NewArticle::default()
            })
            .collect();
        store.save_feed(feed, &FeedUpdate { items, ..FeedUpdate::default() }).expect("save");
        store
    }

    #[test]
    fn answers_loads_and_marks_from_a_real_store() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let db = spawn(store_with_articles(dir.path()), tx).expect("thread");
        db.send(DbRequest::Effect(Effect::LoadFeeds)).expect("send");
        let Some(Action::FeedsLoaded(Ok(feeds))) = rx.blocking_recv() else { panic!("feeds") };
        assert_eq!((feeds.len(), feeds[0].unread), (1, 3));
        let filter = Filter::default();
        let load = Effect::LoadArticles { request: 7, filter: filter.clone(), offset: 1, limit: 10 };
        db.send(DbRequest::Effect(load)).expect("send");
        let Some(Action::ArticlesLoaded { request: 7, result: Ok(page) }) = rx.blocking_recv() else {
            panic!("articles")
        };
        assert_eq!((page.offset, page.total, page.rows.len()), (1, 3, 2));
        let id = page.rows[0].id;
        db.send(DbRequest::Effect(Effect::SetRead { ids: vec![id], read: true, undoable: true }))
            .expect("send");
        assert_eq!(
            rx.blocking_recv(),
            Some(Action::Marked { changed: vec![id], read: true, undoable: true })
        );
        db.send(DbRequest::Effect(Effect::MarkFilterRead { filter })).expect("send");
        let Some(Action::Marked { changed, .. }) = rx.blocking_recv() else { panic!("marked") };
        assert_eq!(changed.len(), 2, "only the two still unread changed");
        db.send(DbRequest::Effect(Effect::LoadArticle { request: 9, id: ArticleId(-1) })).expect("send");
        assert_eq!(rx.blocking_recv(), Some(Action::ArticleLoaded { request: 9, result: Ok(None) }));
        db.send(DbRequest::Sync { specs: Vec::new(), then: Action::Info("synced".into()) }).expect("send");
        assert_eq!(rx.blocking_recv(), Some(Action::Info("synced".into())));
        db.send(DbRequest::Effect(Effect::LoadFeeds)).expect("send");
        let Some(Action::FeedsLoaded(Ok(feeds))) = rx.blocking_recv() else { panic!("feeds") };
        assert!(feeds.is_empty(), "sync removed the unlisted feed");
    }

    #[test]
    fn a_full_page_of_a_query_goes_first_and_its_count_follows_as_do_the_views_counts() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let db = spawn(store_with_articles(dir.path()), tx).expect("thread");
        let query = crate::query::Query::parse("tag:tech -title:nothing").expect("query");
        let filter = Filter { query: Some(query.clone()), ..Filter::default() };
        let load = |limit| Effect::LoadArticles { request: 3, filter: filter.clone(), offset: 0, limit };
        db.send(DbRequest::Effect(load(2))).expect("send");
        let Some(Action::ArticlesLoaded { request: 3, result: Ok(page) }) = rx.blocking_recv() else {
            panic!("the page")
        };
        assert_eq!((page.total, page.rows.len(), page.counting), (2, 2, true));
        assert_eq!(rx.blocking_recv(), Some(Action::ArticlesCounted { request: 3, result: Ok(3) }));
        // A short page is the whole list: no count to wait for.
        db.send(DbRequest::Effect(load(10))).expect("send");
        let Some(Action::ArticlesLoaded { result: Ok(page), .. }) = rx.blocking_recv() else {
            panic!("page")
        };
        assert_eq!((page.total, page.counting), (3, false));
        db.send(DbRequest::Effect(Effect::LoadTags { views: vec![query] })).expect("send");
        let Some(Action::TagsLoaded(Ok(_))) = rx.blocking_recv() else { panic!("tags") };
        assert_eq!(rx.blocking_recv(), Some(Action::ViewsCounted(Ok(vec![3]))));
    }

    #[test]
    fn saves_a_full_text_and_answers_with_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = store_with_articles(dir.path());
        let id = store.articles(&Filter::default(), 0, 1).expect("rows")[0].id;
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let db = spawn(store, tx).expect("thread");
        let html = "<p>the whole story</p>".to_string();
        let published = chrono::DateTime::from_timestamp(1_700_000_000, 0);
        let page = FullText { html: html.clone(), author: Some("Ada Page".into()), published, image: None };
        db.send(DbRequest::SaveFullText { request: 4, id, page: page.clone() }).expect("send");
        let answer = rx.blocking_recv();
        assert_eq!(answer, Some(Action::FullTextFetched { request: 4, id, result: Ok(page) }));
        db.send(DbRequest::Effect(Effect::LoadArticle { request: 5, id })).expect("send");
        let Some(Action::ArticleLoaded { result: Ok(Some(article)), .. }) = rx.blocking_recv() else {
            panic!("article")
        };
        assert_eq!(article.full_text_html, Some(html), "kept in the store");
        // The fixture's items have neither author nor date: the page's are shown.
        assert_eq!(article.summary.author.as_deref(), Some("Ada Page"));
        assert_eq!((article.summary.date, article.summary.has_published), (published.expect("date"), true));
    }

    #[test]
    fn a_later_load_of_the_same_kind_supersedes() {
        let load = |request| {
            DbRequest::Effect(Effect::LoadArticles {
                request,
                filter: Filter::default(),
                offset: 0,
                limit: 1,
            })
        };
        let write = DbRequest::Effect(Effect::SetRead { ids: vec![], read: true, undoable: false });
        assert!(superseded(&load(1), &[write, load(2)]));
        assert!(!superseded(&load(1), &[DbRequest::Effect(Effect::LoadFeeds)]));
        let write = DbRequest::Effect(Effect::SetRead { ids: vec![], read: true, undoable: false });
        assert!(!superseded(
            &write,
            &[DbRequest::Effect(Effect::SetRead { ids: vec![], read: true, undoable: false })]
        ));
    }
}
