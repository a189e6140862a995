//! One sync, whatever the protocol: log in (a kept session first), send the outbox in order,
//! take the server's subscription list, its new articles (saved page by page by a writer of
//! their own, as a refresh saves feeds), then its unread and starred ids; record how it went.
//! Subscribing, unsubscribing and importing are a server call followed by a sync.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::greader::Greader;
use super::http::Api;
use super::secret::{Credentials, account};
use super::ttrss::Ttrss;
use super::{Result, Service, SyncError};
use crate::config::sync::{ServiceKind, SyncSettings};
use crate::fetch::Limits;
use crate::model::Change;
use crate::store::{Saved, Store, StoreError};

/// A server that lists only the feeds whose counters changed still lists every feed this often:
/// two changes that leave a feed's counts as they were are seen within the hour.
const FULL_LISTING_HOURS: i64 = 1;

/// What a sync did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Report {
    pub service: &'static str,
    /// Articles new to the store.
    pub new: u32,
    /// Local marks the server now has.
    pub sent: u32,
    /// Marks still waiting (made while the sync ran).
    pub waiting: u32,
    /// Stored articles whose read or starred state the server changed.
    pub changed: u32,
    /// Feeds subscribed by an import.
    pub subscribed: u32,
    /// Why the server refused an import's other feeds, one line each.
    pub refused: Vec<String>,
}

/// The line the reader's status bar and `byline sync` print for a sync that ran.
pub fn status_line(report: &Report) -> String {
    let mut line =
        format!("synced with {}: {} new, {} changes sent", report.service, report.new, report.sent);
    if report.waiting > 0 {
        line.push_str(&format!(", {} waiting", report.waiting));
    }
    line
}

/// What to do on the server.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Job {
    Sync,
    /// The outbox only: marks made in the reader, sent soon after.
    Push,
    Subscribe {
        url: String,
        category: Option<String>,
    },
    Unsubscribe {
        url: String,
    },
    Import(Vec<(String, Option<String>)>),
}

/// Everything a sync needs: the account, the bounds, the synced store's file.
#[derive(Clone)]
pub struct Syncer {
    kind: ServiceKind,
    url: url::Url,
    user: String,
    credentials: Credentials,
    limits: Limits,
    user_agent: String,
    db_path: PathBuf,
}

impl Syncer {
    /// None when the settings turn sync off. `db_file` is the local store's file: the synced
    /// store lives beside it in a file of its own, so local feeds and their articles are never
    /// mixed with the server's, and come back when sync is turned off.
    pub fn new(
        settings: &SyncSettings,
        db_file: &Path,
        state_dir: &Path,
        limits: Limits,
        user_agent: &str,
    ) -> Option<Syncer> {
        let kind = settings.service()?;
        let url = url::Url::parse(settings.url.trim()).ok()?;
        Some(Syncer {
            kind,
            url,
            user: settings.user.trim().to_string(),
            credentials: Credentials::new(settings, state_dir),
            limits,
            user_agent: user_agent.to_string(),
            db_path: store_path(db_file, settings),
        })
    }

    pub fn service_name(&self) -> &'static str {
        self.kind.name()
    }

    pub fn user(&self) -> &str {
        &self.user
    }

    /// The synced store's file.
    pub fn db_path(&self) -> &Path {
        &self.db_path
    }

    pub async fn sync(&self) -> Result<Report> {
        self.run(Job::Sync).await
    }

    /// Sends the waiting marks and nothing else.
    pub async fn push(&self) -> Result<Report> {
        self.run(Job::Push).await
    }

    pub async fn subscribe(&self, url: &str, category: Option<&str>) -> Result<Report> {
        self.run(Job::Subscribe { url: url.trim().to_string(), category: category.map(str::to_owned) }).await
    }

    pub async fn unsubscribe(&self, url: &str) -> Result<Report> {
        self.run(Job::Unsubscribe { url: url.trim().to_string() }).await
    }

    /// Subscribes on the server to each (URL, folder), then syncs.
    pub async fn import(&self, feeds: Vec<(String, Option<String>)>) -> Result<Report> {
        self.run(Job::Import(feeds)).await
    }

    async fn run(&self, job: Job) -> Result<Report> {
        let api = Api::new(&self.url, &self.limits, &self.user_agent)?;
        let result = match self.kind {
            ServiceKind::Greader => self.with_session(Greader::new(api, &self.url, &self.user), &job).await,
            ServiceKind::Ttrss => self.with_session(Ttrss::new(api, &self.url, &self.user), &job).await,
            ServiceKind::None => return Err(SyncError::Server("sync is off".into())),
        };
        if let Err(e) = &result {
            let (path, line) = (self.db_path.clone(), e.to_string());
            let _ = tokio::task::spawn_blocking(move || Store::open(&path)?.record_sync_error(&line)).await;
        }
        result
    }

    /// Runs the job on a kept session, logging in when there is none or the server ended it.
    async fn with_session<S: Service>(&self, mut service: S, job: &Job) -> Result<Report> {
        if let Some(token) = self.credentials.token() {
            service.resume(token);
            match self.attempt(&mut service, job).await {
                Err(SyncError::Expired) => self.credentials.forget_token(),
                done => return done,
            }
        }
        let credentials = self.credentials.clone();
        let password = tokio::task::spawn_blocking(move || credentials.password())
            .await
            .map_err(|_| SyncError::Password("internal error reading the password".into()))??;
        // An answer that says "not logged in" to the login itself: not the API's usual self.
        let token = service.login(&password).await.map_err(|e| match e {
            SyncError::Expired => SyncError::Server(format!(
                "{}: the login of {} was not taken (is the url the API's?)",
                self.url.origin().ascii_serialization(),
                self.user
            )),
            other => other,
        })?;
        drop(password);
        self.credentials.keep_token(&token);
        match self.attempt(&mut service, job).await {
            Err(SyncError::Expired) => Err(SyncError::Server(format!(
                "{}: the server ended the session just after the login of {}",
                self.url.origin().ascii_serialization(),
                self.user
            ))),
            done => done,
        }
    }

    async fn attempt<S: Service>(&self, service: &mut S, job: &Job) -> Result<Report> {
        let mut db = Db::open(&self.db_path).await?;
        let mut report = Report { service: service.name(), ..Report::default() };
        match job {
            Job::Sync => {}
            Job::Push => {
                report.sent = push(service, &mut db).await?;
                report.waiting = db.with(|s| s.outbox_len()).await?;
                return Ok(report);
            }
            Job::Subscribe { url, category } => service.subscribe(url, category.as_deref()).await?,
            Job::Unsubscribe { url } => {
                let key = url.clone();
                let Some(id) = db.with(move |s| s.remote_feed_id(&key)).await? else {
                    return Err(SyncError::Refused(format!("not subscribed to {url}")));
                };
                service.unsubscribe(&id).await?;
            }
            Job::Import(feeds) => {
                for (url, category) in feeds {
                    match service.subscribe(url, category.as_deref()).await {
                        Ok(()) => report.subscribed += 1,
                        Err(SyncError::Refused(reason)) => report.refused.push(reason),
                        Err(other) => return Err(other),
                    }
                }
            }
        }
        report.sent = push(service, &mut db).await?;
        let feeds = service.subscriptions().await?;
        db.with(move |s| s.apply_remote_feeds(&feeds)).await?;

        let (known, cursor) = db.with(|s| Ok((s.remote_item_ids()?, s.sync_state()?.cursor))).await?;
        let first = cursor.is_none() && known.is_empty();
        let (next, new) = pull_new(service, &self.db_path, cursor, &known).await?;
        drop(known);
        report.new = new;
        if first {
            // Every article just came with its state: listing the states again would say the
            // same (on TT-RSS, a page per 200 unread articles).
            db.with(|s| s.record_full_listing()).await?;
        } else {
            let local = db.with(|s| s.local_counts(chrono::Duration::hours(FULL_LISTING_HOURS))).await?;
            let (unread, starred) = service.states(&local).await?;
            let whole = unread.feeds.is_none() && unread.complete && starred.complete;
            report.changed = db
                .with(move |s| {
                    let changed = s.reconcile(&unread, &starred)?;
                    if whole {
                        s.record_full_listing()?;
                    }
                    Ok(changed)
                })
                .await?;
        }
        let saved = report.new > 0;
        report.waiting = db
            .with(move |s| {
                s.record_sync(next.as_deref())?;
                if saved {
                    s.refresh_statistics()?;
                }
                s.outbox_len()
            })
            .await?;
        Ok(report)
    }
}

/// The synced store of an account: beside `db_file`, named by the account's digest.
fn store_path(db_file: &Path, settings: &SyncSettings) -> PathBuf {
    let stem = db_file.file_stem().map_or("byline".into(), |s| s.to_string_lossy().into_owned());
    db_file.with_file_name(format!("{stem}-sync-{}.db", account(settings)))
}

/// Sends the outbox in the order the marks were made, one request per run of the same change;
/// each run leaves the outbox once the server has it. Returns how many marks were sent.
async fn push<S: Service>(service: &mut S, db: &mut Db) -> Result<u32> {
    let mut sent = 0;
    loop {
        let batch = db.with(|s| s.outbox(1000)).await?;
        if batch.is_empty() {
            return Ok(sent);
        }
        // Changes this build cannot send (a newer byline's) leave without being sent.
        let unknown: Vec<i64> = batch.iter().filter(|o| o.change.is_none()).map(|o| o.seq).collect();
        if !unknown.is_empty() {
            db.with(move |s| s.outbox_sent(&unknown)).await?;
        }
        let known: Vec<(i64, String, Change)> =
            batch.into_iter().filter_map(|o| Some((o.seq, o.remote_id, o.change?))).collect();
        for run in known.chunk_by(|a, b| a.2 == b.2) {
            let ids: Vec<String> = run.iter().map(|(_, id, _)| id.clone()).collect();
            service.send(run[0].2, &ids).await?;
            let seqs: Vec<i64> = run.iter().map(|(seq, _, _)| *seq).collect();
            sent += seqs.len() as u32;
            db.with(move |s| s.outbox_sent(&seqs)).await?;
        }
    }
}

/// New articles, saved as their pages arrive by a writer on its own connection. Returns the
/// next cursor and how many articles were new; while items were left out (their feed arrived
/// on the server during the sync), the cursor stays where it was, so the next sync takes them.
async fn pull_new<S: Service>(
    service: &mut S,
    path: &Path,
    cursor: Option<String>,
    known: &HashSet<String>,
) -> Result<(Option<String>, u32)> {
    // Two pages in flight at most: the rest wait on the server, not in memory.
    let (tx, mut rx) = tokio::sync::mpsc::channel(2);
    let path = path.to_path_buf();
    let writer = tokio::task::spawn_blocking(move || {
        let mut store = Store::open(&path)?;
        let mut total = Saved::default();
        while let Some(page) = rx.blocking_recv() {
            let saved = store.save_remote_items(page)?;
            (total.new, total.unknown_feed) =
                (total.new + saved.new, total.unknown_feed + saved.unknown_feed);
            crate::memory::release_freed();
        }
        Ok::<_, StoreError>(total)
    });
    let pulled = service.new_items(cursor.clone(), known, &tx).await;
    drop(tx);
    // The store's own error first: "the writer stopped" on the pulling side only follows it.
    let saved = writer.await.map_err(|_| SyncError::Store("the database writer stopped".into()))??;
    let next = pulled?;
    if saved.unknown_feed > 0 {
        tracing::info!("sync: {} articles of feeds not yet listed; taken next time", saved.unknown_feed);
        return Ok((cursor, saved.new));
    }
    Ok((next, saved.new))
}

/// The store on a blocking thread, one call at a time.
struct Db(Option<Store>);

impl Db {
    async fn open(path: &Path) -> Result<Db> {
        let path = path.to_path_buf();
        let store = tokio::task::spawn_blocking(move || Store::open(&path))
            .await
            .map_err(|_| SyncError::Store("internal error opening the store".into()))??;
        Ok(Db(Some(store)))
    }

    async fn with<T: Send + 'static>(
        &mut self,
        f: impl FnOnce(&mut Store) -> crate::store::Result<T> + Send + 'static,
    ) -> Result<T> {
        let mut store = self.0.take().ok_or_else(|| SyncError::Store("the store was lost".into()))?;
        let (store, result) = tokio::task::spawn_blocking(move || {
            let result = f(&mut store);
            (store, result)
        })
        .await
        .map_err(|_| SyncError::Store("internal error in the store".into()))?;
        self.0 = Some(store);
        Ok(result?)
    }
}
