//! Runs effects: store work on the database thread, refreshes, layout of article bodies and
//! feed changes on the async runtime, the browser and clipboard at once. Every result comes back
//! as an action on one channel.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use tokio::sync::mpsc::UnboundedSender;

use super::db::DbRequest;
use super::external;
use super::sync_jobs::SyncJobs;
use crate::app::{Action, Effect};
use crate::config::openers::{self, Opener};
use crate::fetch::Fetcher;
use crate::model::{ArticleId, FeedSpec};
use crate::schedule::{Ask, Hold, local_time};
use crate::store::Store;
use crate::subscriptions::{self, Subscriptions};
use crate::text::{ContentKey, RenderCache, Rendered};
use crate::zone::Zone;

/// Layouts kept for reopening and resizing back.
const CACHE_SIZE: usize = 16;

pub struct Runner {
    db: mpsc::Sender<DbRequest>,
    tx: UnboundedSender<Action>,
    db_path: PathBuf,
    fetcher: Fetcher,
    subscriptions: Arc<Mutex<Subscriptions>>,
    browser: Vec<String>,
    /// The global refresh interval in minutes (0: none), for feeds without their own.
    refresh_minutes: u32,
    cache: Arc<Mutex<RenderCache>>,
    /// The newest layout request, so older ones still queued are skipped.
    latest_render: Arc<AtomicU64>,
    /// Set when a sync server is the source: refreshes sync, marks are sent, feeds are added
    /// and removed there.
    sync: Option<SyncJobs>,
    /// `[[opener]]`s, tried in order before the browser.
    openers: Vec<Opener>,
    /// `[notify]`, and when the last refresh or sync started: what it saved is what is new.
    notify: crate::config::views::Notify,
    refresh_started: Arc<Mutex<chrono::DateTime<chrono::Utc>>>,
    /// Set when the reader draws pictures.
    pictures: Option<PictureJobs>,
}

/// Makes the reader's pictures: the engine fetches and decodes, the UI's graphics encode.
struct PictureJobs {
    loader: crate::images::Loader,
    graphics: crate::ui::Graphics,
    /// The article pictures are wanted for: one left behind is not decoded.
    article: Arc<std::sync::atomic::AtomicI64>,
    /// Asked for since the last frame: started once it is drawn, so the text they came with
    /// is on screen before any picture work competes with it for the processor.
    waiting: Mutex<Vec<(ArticleId, String, u16, u16)>>,
}

impl Runner {
    pub fn new(
        store: Store,
        db_path: PathBuf,
        fetcher: Fetcher,
        subscriptions: Subscriptions,
        browser: Vec<String>,
        refresh_minutes: u32,
        tx: UnboundedSender<Action>,
    ) -> std::io::Result<Runner> {
        let db = super::db::spawn(store, tx.clone())?;
        let subscriptions = Arc::new(Mutex::new(subscriptions));
        Ok(Runner {
            db,
            tx,
            db_path,
            fetcher,
            subscriptions,
            browser,
            refresh_minutes,
            cache: Arc::new(Mutex::new(RenderCache::new(CACHE_SIZE))),
            latest_render: Arc::new(AtomicU64::new(0)),
            sync: None,
            openers: Vec::new(),
            notify: Default::default(),
            refresh_started: Arc::new(Mutex::new(chrono::Utc::now())),
            pictures: None,
        })
    }

    pub fn with_pictures(mut self, loader: crate::images::Loader, graphics: crate::ui::Graphics) -> Runner {
        let article = Arc::new(std::sync::atomic::AtomicI64::new(0));
        self.pictures = Some(PictureJobs { loader, graphics, article, waiting: Mutex::new(Vec::new()) });
        self
    }

    pub fn with_sync(mut self, sync: Option<SyncJobs>) -> Runner {
        self.sync = sync;
        self
    }

    pub fn with_openers(mut self, openers: Vec<Opener>) -> Runner {
        self.openers = openers;
        self
    }

    pub fn with_notify(mut self, notify: crate::config::views::Notify) -> Runner {
        self.notify = notify;
        self
    }

    pub fn run(&self, effects: Vec<Effect>) {
        for effect in effects {
            self.run_one(effect);
        }
    }

    fn send(&self, action: Action) {
        let _ = self.tx.send(action);
    }

    fn to_db(&self, req: DbRequest) {
        if self.db.send(req).is_err() {
            self.send(Action::Failed("the database thread has stopped".into()));
        }
    }

    fn run_one(&self, effect: Effect) {
        if matches!(effect, Effect::Refresh { .. }) {
            // Saved from now on is new to this refresh: what its notification counts.
            *self.refresh_started.lock().unwrap_or_else(|p| p.into_inner()) = chrono::Utc::now();
        }
        if let Some(sync) = &self.sync {
            match effect {
                Effect::Refresh { due_only, .. } => return sync.sync(due_only),
                Effect::AddFeed { url, tags } => return sync.add(url, tags.into_iter().next()),
                Effect::RemoveFeed { url } => return sync.remove(url),
                Effect::SetRead { .. } | Effect::SetStarred { .. } | Effect::MarkFilterRead { .. } => {
                    // Saved (and queued for the server) by the database thread first.
                    self.to_db(DbRequest::Effect(effect));
                    return sync.push_soon();
                }
                _ => {}
            }
        }
        if let (Effect::LoadArticle { id, .. }, Some(jobs)) = (&effect, &self.pictures) {
            // The pictures of the article left behind are not fetched or decoded any more.
            jobs.article.store(id.0, Ordering::Relaxed);
        }
        match effect {
            Effect::LoadFeeds
            | Effect::LoadTags { .. }
            | Effect::LoadArticles { .. }
            | Effect::LoadArticle { .. }
            | Effect::FindNextUnread { .. }
            | Effect::LocateArticle { .. }
            | Effect::SetRead { .. }
            | Effect::MarkFilterRead { .. }
            | Effect::SetStarred { .. } => self.to_db(DbRequest::Effect(effect)),
            Effect::Render { request, id, html, width } => self.render(request, id, html, width),
            Effect::LoadPicture { article, url, width, max_rows } => {
                self.load_picture(article, url, width, max_rows)
            }
            Effect::Refresh { urls, due_only } => self.refresh(urls, due_only),
            Effect::FetchFullText { request, id, url } => self.full_text(request, id, url),
            Effect::OpenUrl { url, mime } => self.open(url, mime),
            Effect::CopyToClipboard(text) => match external::copy_osc52(&mut std::io::stdout(), &text) {
                Ok(()) => self.send(Action::Info("link copied".into())),
                Err(e) => self.send(Action::Failed(format!("cannot copy: {e}"))),
            },
            Effect::AddFeed { url, tags } => self.add_feed(url, tags),
            Effect::RemoveFeed { url } => self.remove_feed(url),
            Effect::HandOff { label, argv, stdin } => self.hand_off(label, argv, stdin),
            Effect::Announce => self.announce(),
            Effect::TerminalNotice(text) => {
                let mut out = std::io::stdout();
                let written =
                    std::io::Write::write_all(&mut out, crate::notify::terminal_sequence(&text).as_bytes())
                        .and_then(|()| std::io::Write::flush(&mut out));
                if let Err(e) = written {
                    tracing::warn!("cannot write the terminal's notification: {e}");
                }
            }
        }
    }

    /// Tells of the last refresh's new articles matching `notify.query`, if any: through
    /// `notify.command` on a thread of its own (a notifier that hangs holds nothing up), else
    /// back through the state machine to the terminal.
    fn announce(&self) {
        let Some(query) = self.notify.query.clone() else { return };
        let (tx, path, notify) = (self.tx.clone(), self.db_path.clone(), self.notify.clone());
        let since = *self.refresh_started.lock().unwrap_or_else(|p| p.into_inner());
        let started = on_own_thread(move || {
            let notice =
                match Store::open(&path).and_then(|store| crate::notify::notice(&store, &query, since)) {
                    Ok(Some(notice)) => notice,
                    Ok(None) => return,
                    Err(e) => return tracing::warn!("cannot look for new articles to notify: {e}"),
                };
            match crate::notify::command_argv(&notify, &notice) {
                Some(argv) => {
                    if let Err(e) = crate::handoff::run("notification", &argv, None) {
                        let _ = tx.send(Action::Failed(format!("notification: {e}")));
                    }
                }
                None => {
                    let _ = tx.send(Action::Notice(notice.text()));
                }
            }
        });
        if let Err(e) = started {
            tracing::warn!("notification: {e}");
        }
    }

    /// The first opener that matches the link, else the browser.
    fn open(&self, url: String, mime: Option<String>) {
        let tx = self.tx.clone();
        let opener = crate::sanitize::web_link(&url).ok().and_then(|url| {
            let opener = openers::pick(&self.openers, &url, mime.as_deref())?;
            Some((opener.program().to_string(), opener.argv(&url)))
        });
        if let Some((program, argv)) = opener {
            // Waited for, to log what it says and tell when it fails.
            let job_tx = tx.clone();
            let started = on_own_thread(move || {
                if let Err(e) = crate::handoff::run(&program, &argv, None) {
                    let _ = job_tx.send(Action::Failed(format!("{program}: {e}")));
                }
            });
            if let Err(e) = started {
                let _ = tx.send(Action::Failed(e));
            }
            return;
        }
        // Starting a program forks: off the event loop.
        let command = external::browser_command(&self.browser);
        tokio::task::spawn_blocking(move || {
            if let Err(e) = external::open_in_browser(&command, &url) {
                let _ = tx.send(Action::Failed(e));
            }
        });
    }

    /// Runs a `[[command]]`, first asking the database thread for the article's body when the
    /// program wants its text.
    fn hand_off(&self, label: String, argv: Vec<String>, stdin: Option<ArticleId>) {
        let (tx, db, name) = (self.tx.clone(), self.db.clone(), label.clone());
        let started = on_own_thread(move || {
            let text = stdin.map(|id| article_text(&db, id)).transpose();
            let result = text.and_then(|text| crate::handoff::run(&label, &argv, text.as_deref()));
            let _ = tx.send(Action::HandedOff { label, result });
        });
        if let Err(e) = started {
            self.send(Action::HandedOff { label: name, result: Err(e) });
        }
    }

    /// Lays the body out on a blocking thread through text's cache of recent (content, width)
    /// layouts, so reopening an article or resizing back is instant.
    /// Lays out off the event loop. The cache's lock is held only to look up and to insert, and
    /// a layout that a newer request (a resize, another article) replaced is never made.
    fn render(&self, request: u64, id: ArticleId, html: String, width: u16) {
        let (tx, cache, latest) = (self.tx.clone(), self.cache.clone(), self.latest_render.clone());
        latest.fetch_max(request, Ordering::Relaxed);
        let job = tokio::task::spawn_blocking(move || {
            let key = ContentKey::of(&html);
            let lock = || cache.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            if let Some(rendered) = lock().lookup(key, width) {
                return Some(rendered);
            }
            if latest.load(Ordering::Relaxed) > request {
                return None;
            }
            let rendered = Arc::new(crate::text::render_html(&html, width));
            lock().insert(key, width, rendered.clone());
            Some(rendered)
        });
        tokio::spawn(async move {
            let action = match job.await {
                Ok(Some(rendered)) => {
                    Action::Rendered { request, id, width, rendered: Rendered::clone(&rendered) }
                }
                Ok(None) => return, // superseded
                Err(_) => Action::Failed("could not lay out this article".into()),
            };
            let _ = tx.send(action);
        });
    }

    fn load_picture(&self, article: ArticleId, url: String, width: u16, max_rows: u16) {
        let Some(jobs) = &self.pictures else { return };
        jobs.article.store(article.0, Ordering::Relaxed);
        jobs.waiting.lock().unwrap_or_else(|p| p.into_inner()).push((article, url, width, max_rows));
    }

    /// A frame is on screen: the pictures asked for meanwhile start.
    pub fn frame_drawn(&self) {
        let Some(jobs) = &self.pictures else { return };
        let waiting = std::mem::take(&mut *jobs.waiting.lock().unwrap_or_else(|p| p.into_inner()));
        for (article, url, width, max_rows) in waiting {
            self.start_picture(jobs, article, url, width, max_rows);
        }
    }

    /// Fetches (or reads from the disk cache), decodes and encodes one picture in the
    /// background; pictures of an article the reader has left are not decoded.
    fn start_picture(&self, jobs: &PictureJobs, article: ArticleId, url: String, width: u16, max_rows: u16) {
        let (tx, loader, graphics, current) =
            (self.tx.clone(), jobs.loader.clone(), jobs.graphics.clone(), jobs.article.clone());
        tokio::spawn(async move {
            let wanted = || current.load(Ordering::Relaxed) == article.0;
            let fit = graphics.fit(width, max_rows);
            let result = match loader.load(&url, fit, &wanted).await {
                Ok(Some(picture)) => {
                    tokio::task::spawn_blocking(move || graphics.encode(picture, width, max_rows))
                        .await
                        .unwrap_or_else(|_| Err("internal error while encoding".into()))
                }
                Ok(None) => return,
                Err(e) => Err(e),
            };
            let _ = tx.send(Action::PictureLoaded { article, url, width, result });
        });
    }

    /// Fetches the page with the shared limits and extracts it; the database thread saves the
    /// text and answers, so the reader shows only what the store holds.
    fn full_text(&self, request: u64, id: ArticleId, url: String) {
        let (tx, db, fetcher) = (self.tx.clone(), self.db.clone(), self.fetcher.clone());
        let job = tokio::spawn(async move { crate::fulltext::fetch_full_text(&fetcher, &url).await });
        tokio::spawn(async move {
            let reason = match job.await {
                Ok(Ok(mut page)) => {
                    page.html = crate::sanitize::clean(&page.html);
                    if db.send(DbRequest::SaveFullText { request, id, page }).is_ok() {
                        return;
                    }
                    "the database thread has stopped".to_string()
                }
                Ok(Err(reason)) => crate::sanitize::clean_line(&reason),
                Err(_) => "internal error while fetching".to_string(),
            };
            let _ = tx.send(Action::FullTextFetched { request, id, result: Err(reason) });
        });
    }

    /// A refresh writes through its own `Store` on the same file, so the UI's reads never wait.
    fn refresh(&self, urls: Vec<String>, due_only: bool) {
        let (tx, path, fetcher) = (self.tx.clone(), self.db_path.clone(), self.fetcher.clone());
        let default_minutes = self.refresh_minutes;
        let job_tx = tx.clone();
        let job = tokio::spawn(async move {
            let ask = match (due_only, urls.is_empty()) {
                (true, _) => Ask::Periodic { default_minutes },
                (false, true) => Ask::All,
                (false, false) => Ask::Named,
            };
            let opened = tokio::task::spawn_blocking(move || {
                let store = Store::open(&path)?;
                let mut targets = store.fetch_targets(&urls)?;
                let held = crate::store::hold_back(&mut targets, chrono::Utc::now(), ask);
                Ok::<_, crate::store::StoreError>((store, targets, held))
            })
            .await;
            let (store, targets, held) = match opened {
                Ok(Ok(v)) => v,
                Ok(Err(e)) => return Err(e.to_string()),
                Err(_) => return Err("internal error opening the store".to_string()),
            };
            // What the user asked for and did not get is said; the timer's skips are routine.
            if !due_only && let Some(note) = held_note(&held) {
                let _ = job_tx.send(Action::Info(note));
            }
            if targets.is_empty() {
                return Ok(crate::refresh::Summary::default());
            }
            let _ = job_tx.send(Action::RefreshStarted { total: targets.len() as u32 });
            let (report_tx, report_rx) = tokio::sync::mpsc::unbounded_channel();
            let reports = tokio::spawn(bundle_reports(report_rx, job_tx.clone()));
            let summary = crate::refresh::refresh(store, fetcher, targets, move |report| {
                let _ = report_tx.send(report.clone());
            })
            .await
            .map_err(|e| e.to_string());
            // Every report reaches the UI before the refresh's end does.
            let _ = reports.await;
            summary
        });
        tokio::spawn(async move {
            let result = match job.await {
                Ok(r) => r,
                Err(_) => Err("the refresh stopped on an internal error".to_string()),
            };
            let _ = tx.send(Action::RefreshFinished(result));
        });
    }

    fn add_feed(&self, url: String, tags: Vec<String>) {
        let (tx, db, fetcher, subs) =
            (self.tx.clone(), self.db.clone(), self.fetcher.clone(), self.subscriptions.clone());
        let job = tokio::spawn(async move {
            let resolved = subscriptions::resolve(&fetcher, &url).await.map_err(|e| e.to_string())?;
            let spec = FeedSpec { url: resolved.url.clone(), tags, ..FeedSpec::default() };
            let subscribe = move || {
                let mut subs = subs.lock().map_err(|_| "subscriptions unavailable".to_string())?;
                subs.add(spec).map_err(|e| e.to_string())?;
                let specs = subs.feeds().to_vec();
                // The fetch that found the feed is saved: no second fetch of it.
                let then = Action::FeedAdded(Ok(resolved.url.clone()));
                db.send(DbRequest::Subscribe {
                    specs,
                    url: resolved.url,
                    update: Box::new(resolved.update),
                    then,
                })
                .map_err(|_| "the database thread has stopped".to_string())
            };
            tokio::task::spawn_blocking(subscribe)
                .await
                .map_err(|_| "internal error saving feeds.toml".to_string())?
        });
        tokio::spawn(async move {
            let failure = match job.await {
                Ok(Ok(())) => return,
                Ok(Err(e)) => e,
                Err(_) => "adding the feed stopped on an internal error".to_string(),
            };
            let _ = tx.send(Action::FeedAdded(Err(failure)));
        });
    }

    /// Subscriptions write a file: off the event loop, then the store follows on its thread.
    fn remove_feed(&self, url: String) {
        let (tx, db, subs) = (self.tx.clone(), self.db.clone(), self.subscriptions.clone());
        let job = tokio::task::spawn_blocking(move || {
            let mut subs = subs.lock().map_err(|_| "subscriptions unavailable".to_string())?;
            subs.remove(&url).map_err(|e| e.to_string())?;
            let specs = subs.feeds().to_vec();
            db.send(DbRequest::Sync { specs, then: Action::FeedRemoved(Ok(url)) })
                .map_err(|_| "the database thread has stopped".to_string())
        });
        tokio::spawn(async move {
            let failure = match job.await {
                Ok(Ok(())) => return,
                Ok(Err(e)) => e,
                Err(_) => "removing the feed stopped on an internal error".to_string(),
            };
            let _ = tx.send(Action::FeedRemoved(Err(failure)));
        });
    }
}

/// Runs `job` on a thread of its own, not the runtime's: a program may run for minutes, and the
/// runtime waits for its blocking tasks when the reader quits.
fn on_own_thread(job: impl FnOnce() + Send + 'static) -> Result<(), String> {
    std::thread::Builder::new()
        .name("byline-program".into())
        .spawn(job)
        .map(drop)
        .map_err(|e| format!("cannot start a thread for the program: {e}"))
}

/// An article's body as plain text, the way the reader's text reads (blocks as paragraphs).
fn article_text(db: &mpsc::Sender<DbRequest>, id: ArticleId) -> Result<String, String> {
    let stopped = || "the database thread has stopped".to_string();
    let (reply, mut answer) = tokio::sync::mpsc::unbounded_channel();
    db.send(DbRequest::ArticleBody { id, reply }).map_err(|_| stopped())?;
    let html = answer.blocking_recv().ok_or_else(stopped)??;
    Ok(crate::text::plain_text(&html))
}

/// One line about the feeds a refresh by hand left alone: the one's reason, or how many.
fn held_note(held: &[(String, Hold)]) -> Option<String> {
    let now = chrono::Utc::now();
    match held {
        [] => None,
        [(url, Hold::RateLimited { until })] => {
            Some(format!("{url}: rate limited until {}", local_time(*until, now, Zone::Local)))
        }
        [(url, Hold::Gone)] => Some(format!("{url}: gone (HTTP 410), not refreshed; r on it tries anyway")),
        [(url, Hold::NotDue)] => Some(format!("{url}: not due")),
        many => {
            Some(format!("{} feeds not refreshed: rate limited or gone (see the feeds pane)", many.len()))
        }
    }
}

/// How often a running refresh tells the UI which feeds it saved: each report reloads the lists,
/// and a thousand reloads would queue the user's own loads behind them.
const REPORT_EVERY: Duration = Duration::from_millis(250);

/// Forwards a refresh's reports in bundles, at most one every [`REPORT_EVERY`], until the
/// refresh drops its sender.
async fn bundle_reports(
    mut rx: tokio::sync::mpsc::UnboundedReceiver<crate::refresh::FeedReport>,
    tx: UnboundedSender<Action>,
) {
    while let Some(first) = rx.recv().await {
        tokio::time::sleep(REPORT_EVERY).await;
        let mut bundle = vec![first];
        while let Ok(report) = rx.try_recv() {
            bundle.push(report);
        }
        if tx.send(Action::FeedsRefreshed(bundle)).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Filter, NewArticle};
    use crate::serve::{Route, Server};
    use crate::store::FeedUpdate;

    /// A store with one article per link; returns the ids in link order.
    fn store_with_links(path: &std::path::Path, links: &[String]) -> (Store, Vec<ArticleId>) {
        let mut store = Store::open(path).expect("open store");
        store
            .sync_feeds(&[FeedSpec { url: "https://f.example/rss".into(), ..FeedSpec::default() }])
            .expect("sync");
        let feed = store.feeds().expect("feeds")[0].id;
        let items = links
            .iter()
            .enumerate()
            .map(|(i, link)| NewArticle {
                key: link.clone(),
                title: format!("Title {i}"),
                link: Some(link.clone()),
                content_html: "<p>summary only</p>".into(),
                ..NewArticle::default()
            })
            .collect();
        store.save_feed(feed, &FeedUpdate { items, ..FeedUpdate::default() }).expect("save");
        let mut rows = store.articles(&Filter::default(), 0, 10).expect("rows");
        rows.sort_by_key(|r| links.iter().position(|l| Some(l) == r.link.as_ref()));
        (store, rows.into_iter().map(|r| r.id).collect())
    }

    #[tokio::test]
    async fn fetches_saves_and_reports_the_full_text() {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let page = include_str!("../../tests/fixtures/pages/news.html");
        let server = Server::start([
            ("/post", Route::ok(page).content_type("text/html; charset=utf-8")),
            ("/gone", Route::status(404)),
        ])
        .expect("server");
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("byline.db");
        let (store, ids) = store_with_links(&path, &[server.url("/post"), server.url("/gone")]);
        let subs = Subscriptions::load(&dir.path().join("feeds.toml")).expect("subscriptions");
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let fetcher = Fetcher::new(crate::fetch::Limits::default()).expect("fetcher");
        let runner = Runner::new(store, path.clone(), fetcher, subs, Vec::new(), 0, tx).expect("runner");

        runner.run(vec![Effect::FetchFullText { request: 1, id: ids[0], url: server.url("/post") }]);
        let Some(Action::FullTextFetched { request: 1, id, result: Ok(page) }) = rx.recv().await else {
            panic!("no full text")
        };
        let html = page.html;
        assert_eq!(id, ids[0]);
        assert!(html.contains("night buses") || html.contains("electric buses"), "{html}");
        let saved = Store::open(&path).expect("reopen").article(ids[0]).expect("read");
        assert_eq!(saved.and_then(|a| a.full_text_html), Some(html), "saved before it is shown");

        runner.run(vec![Effect::FetchFullText { request: 2, id: ids[1], url: server.url("/gone") }]);
        let Some(Action::FullTextFetched { request: 2, result: Err(reason), .. }) = rx.recv().await else {
            panic!("no failure")
        };
        assert!(reason.starts_with("HTTP 404"), "{reason}");
    }

    /// Actions from the runner up to the end of a refresh.
    async fn until_finished(rx: &mut tokio::sync::mpsc::UnboundedReceiver<Action>) -> Vec<Action> {
        let mut actions = Vec::new();
        loop {
            let next = tokio::time::timeout(std::time::Duration::from_secs(20), rx.recv());
            let action = next.await.expect("the refresh ends").expect("the runner is alive");
            let done = matches!(action, Action::RefreshFinished(_));
            actions.push(action);
            if done {
                return actions;
            }
        }
    }

    #[tokio::test]
    async fn the_periodic_refresh_leaves_held_back_feeds_alone_and_a_named_one_says_why() {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let feed = "<rss version=\"2.0\"><channel><title>T</title><item><title>A</title><guid>a</guid></item></channel></rss>";
        let server = Server::start([
            ("/fresh", Route::ok(feed).header("Cache-Control", "max-age=3600")),
            ("/busy", Route::status(429).header("Retry-After", "600")),
        ])
        .expect("server");
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("byline.db");
        let mut store = Store::open(&path).expect("open store");
        let specs: Vec<FeedSpec> = ["/fresh", "/busy"]
            .iter()
            .map(|p| FeedSpec { url: server.url(p), ..FeedSpec::default() })
            .collect();
        store.sync_feeds(&specs).expect("sync");
        let subs = Subscriptions::load(&dir.path().join("feeds.toml")).expect("subscriptions");
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let fetcher = Fetcher::new(crate::fetch::Limits::default()).expect("fetcher");
        // No interval (0): without what the servers said, both feeds would be due at once.
        let runner = Runner::new(store, path, fetcher, subs, Vec::new(), 0, tx).expect("runner");

        runner.run(vec![Effect::Refresh { urls: Vec::new(), due_only: false }]);
        until_finished(&mut rx).await;
        assert_eq!((server.hits("/fresh"), server.hits("/busy")), (1, 1));

        // The timer's refresh: max-age holds one back, Retry-After the other; nothing is said.
        runner.run(vec![Effect::Refresh { urls: Vec::new(), due_only: true }]);
        let actions = until_finished(&mut rx).await;
        assert_eq!((server.hits("/fresh"), server.hits("/busy")), (1, 1));
        assert!(
            matches!(actions.as_slice(), [Action::RefreshFinished(Ok(s))] if s.feeds == 0),
            "{actions:?}"
        );

        // r on the rate-limited feed: not asked, and the status line says until when.
        runner.run(vec![Effect::Refresh { urls: vec![server.url("/busy")], due_only: false }]);
        let actions = until_finished(&mut rx).await;
        assert_eq!(server.hits("/busy"), 1);
        let said = actions.iter().find_map(|a| match a {
            Action::Info(text) => Some(text.clone()),
            _ => None,
        });
        let said = said.expect("a note");
        assert!(said.starts_with(&format!("{}: rate limited until ", server.url("/busy"))), "{said}");

        // R fetches the fresh feed regardless of its max-age.
        runner.run(vec![Effect::Refresh { urls: Vec::new(), due_only: false }]);
        until_finished(&mut rx).await;
        assert_eq!((server.hits("/fresh"), server.hits("/busy")), (2, 1));
    }
}
