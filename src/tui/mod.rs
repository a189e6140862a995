//! The terminal reader: sets the terminal up, runs the event loop (input, effect results,
//! redraws at most every ~16 ms, periodic refresh, signals) and restores the terminal on exit.

mod db;
mod events;
mod external;
mod graphics;
mod runner;
mod sync_jobs;
mod terminal;

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context as _;
use futures_util::StreamExt;
use tokio::sync::mpsc;
use tokio::time::{Instant, sleep_until};

use crate::app::{self, Action, Settings, State};
use crate::config::Config;
use crate::fetch::Fetcher;
use crate::store::Store;
use crate::subscriptions::Subscriptions;
use crate::ui::{self, Styles};

pub use db::{answer, follow_up};
pub use external::{browser_args, browser_command};

/// What the reader needs from the binary.
pub struct Context {
    pub config: Config,
    /// The database file; the UI and each refresh open their own connection on it.
    pub db_path: PathBuf,
    /// The subscription list; `a`/`d` change it (and write the user's feeds.toml).
    pub subscriptions: Subscriptions,
    pub fetcher: Fetcher,
    /// Set when a sync server owns the subscriptions; `db_path` is then the synced store.
    pub syncer: Option<crate::sync::Syncer>,
    /// Lines for the status bar at start (unsafe sync settings).
    pub warnings: Vec<String>,
    /// Where fetched pictures are kept ($XDG_CACHE_HOME/byline).
    pub cache_dir: PathBuf,
}

/// How often the periodic refresh looks for feeds that are due.
const TICK: Duration = Duration::from_secs(60);
/// Shortest time between two frames.
const FRAME: Duration = Duration::from_millis(16);
/// How long the first frame waits for the store's first answers, so it is not a blank screen.
const FIRST_FRAME_WAIT: Duration = Duration::from_millis(100);

/// Runs the reader until the user quits. Builds its own tokio runtime: call it from a plain
/// (non-async) `main`. From inside a runtime, use [`run_async`].
pub fn run(ctx: Context) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(run_async(ctx))
}

pub async fn run_async(ctx: Context) -> anyhow::Result<()> {
    // Open the store before touching the terminal, so its error prints plainly.
    let mut store = Store::open(&ctx.db_path)
        .with_context(|| format!("cannot open the database {}", ctx.db_path.display()))?;
    // The server's list is applied by the first sync; feeds.toml is for local feeds.
    if ctx.syncer.is_none() {
        store
            .sync_feeds(ctx.subscriptions.feeds())
            .context("cannot bring the database in line with feeds.toml")?;
    }
    store.set_ignore_rules(&ctx.config.ignore_rules()).context("cannot apply the ignore rules")?;
    let (mut term, guard) = terminal::enter().context("cannot set up the terminal")?;
    let result = event_loop(&mut term, ctx, store).await;
    drop(term);
    drop(guard);
    result
}

async fn event_loop(term: &mut terminal::Term, ctx: Context, store: Store) -> anyhow::Result<()> {
    let Context { config, db_path, subscriptions, fetcher, syncer, warnings, cache_dir } = ctx;
    let refresh_minutes = config.general.refresh_minutes;
    let own_intervals = subscriptions.feeds().iter().any(|f| f.refresh_minutes.is_some_and(|m| m > 0));
    let (tx, mut rx) = mpsc::unbounded_channel::<Action>();
    let size = term.size()?;
    let source = match &syncer {
        Some(s) => app::Source::Server(s.service_name()),
        None => app::Source::Local,
    };
    let settings = Settings {
        mark_read_on_open: config.general.mark_read_on_open,
        source,
        zone: crate::zone::Zone::Local,
        refresh_minutes,
        pictures: None,
    };
    let mut state = State::new(config.keys.clone(), settings, (size.width, size.height));
    state.views = config.views.clone();
    state.last_error = (!warnings.is_empty()).then(|| warnings.join(" · "));
    state.handoffs = config.commands.clone();
    let styles = Styles::new(&config.theme, Styles::colour_from_env());
    let runner = runner::Runner::new(
        store,
        db_path,
        fetcher.clone(),
        subscriptions,
        config.general.browser.clone(),
        refresh_minutes,
        tx.clone(),
    )?
    .with_sync(syncer.map(|s| sync_jobs::SyncJobs::new(s, refresh_minutes, tx)))
    .with_openers(config.openers.clone())
    .with_notify(config.notify.clone());

    runner.run(app::init(&mut state));
    // The first frame shows the store's rows, not "loading": wait briefly for them.
    let deadline = Instant::now() + FIRST_FRAME_WAIT;
    while state.articles.pending.is_some() || state.feeds.loaded().is_none() {
        match tokio::time::timeout_at(deadline, rx.recv()).await {
            Ok(Some(action)) => apply(&mut state, &runner, action),
            _ => break,
        }
    }
    if config.general.refresh_on_start {
        runner.run(app::update(&mut state, Action::RefreshTimer));
    }
    term.draw(|f| ui::draw(f, &state, &styles))?;
    // Asked after the first frame and before input is read: the answers come on the input.
    let runner = match graphics::detect(&config.images) {
        Some(graphics) => {
            state.settings.pictures = Some(app::PictureSettings { max_rows: config.images.max_rows });
            let cache = crate::images::DiskCache::new(
                cache_dir.join("images"),
                config.images.cache_mb.saturating_mul(1_000_000),
            );
            runner.with_pictures(crate::images::Loader::new(fetcher, cache), graphics)
        }
        None => runner,
    };

    let mut events = crossterm::event::EventStream::new();
    let mut signals = Signals::new()?;
    // Each tick refreshes the feeds that are due (their own interval, else the global one), so
    // checking every minute serves every interval without fetching anything early.
    let refresh_timer_on = refresh_minutes > 0 || own_intervals;
    let mut refresh_timer = refresh_timer_on.then(|| tokio::time::interval_at(Instant::now() + TICK, TICK));
    let mut dirty = false;
    let mut next_frame = Instant::now() + FRAME;
    loop {
        if dirty && Instant::now() >= next_frame {
            term.draw(|f| ui::draw(f, &state, &styles))?;
            runner.frame_drawn();
            dirty = false;
            next_frame = Instant::now() + FRAME;
        }
        if state.quit {
            return Ok(());
        }
        let action = tokio::select! {
            event = events.next() => match event {
                Some(Ok(event)) => {
                    panic_on_request(&event);
                    events::action(&state, event)
                }
                Some(Err(e)) => return Err(e).context("cannot read the terminal"),
                None => return Ok(()),
            },
            Some(action) = rx.recv() => Some(action),
            _ = sleep_until(next_frame), if dirty => None,
            _ = tick(&mut refresh_timer) => Some(Action::RefreshTimer),
            _ = signals.recv() => return Ok(()),
        };
        if let Some(action) = action {
            apply(&mut state, &runner, action);
            // Take whatever else arrived, so a burst becomes one frame.
            while let Ok(more) = rx.try_recv() {
                apply(&mut state, &runner, more);
            }
            dirty = true;
        }
    }
}

/// Debug builds only: with BYLINE_TEST_PANIC set, the key `!` panics on the drawing thread, so
/// the end-to-end test can check that a panic restores the terminal before its message prints.
fn panic_on_request(event: &crossterm::event::Event) {
    #[cfg(debug_assertions)]
    if let crossterm::event::Event::Key(key) = event
        && key.code == crossterm::event::KeyCode::Char('!')
        && std::env::var_os("BYLINE_TEST_PANIC").is_some()
    {
        panic!("test panic requested with BYLINE_TEST_PANIC");
    }
    #[cfg(not(debug_assertions))]
    let _ = event;
}

/// One action through `update`, its effects to the runner; failures also go to the log file.
fn apply(state: &mut State, runner: &runner::Runner, action: Action) {
    match &action {
        Action::Failed(e) | Action::FeedAdded(Err(e)) | Action::FeedRemoved(Err(e)) => tracing::warn!("{e}"),
        Action::RefreshFinished(Err(e)) => tracing::warn!("refresh: {e}"),
        // The placeholder stays; why is told here.
        Action::PictureLoaded { url, result: Err(e), .. } => {
            tracing::info!("picture {}: {e}", crate::sanitize::clean_line(url))
        }
        Action::FullTextFetched { id, result: Err(e), .. } => {
            tracing::info!("full text of article {}: {e}", id.0)
        }
        Action::FeedsRefreshed(reports) => {
            for report in reports {
                tracing::debug!("refreshed {}: {:?}", report.url, report.outcome);
            }
        }
        _ => {}
    }
    runner.run(app::update(state, action));
}

async fn tick(timer: &mut Option<tokio::time::Interval>) {
    match timer {
        Some(t) => {
            t.tick().await;
        }
        None => std::future::pending().await,
    }
}

/// SIGTERM, SIGHUP and SIGINT end the reader cleanly (Ctrl-C in raw mode arrives as a key).
struct Signals {
    term: tokio::signal::unix::Signal,
    hup: tokio::signal::unix::Signal,
    int: tokio::signal::unix::Signal,
}

impl Signals {
    fn new() -> std::io::Result<Signals> {
        use tokio::signal::unix::{SignalKind, signal};
        Ok(Signals {
            term: signal(SignalKind::terminate())?,
            hup: signal(SignalKind::hangup())?,
            int: signal(SignalKind::interrupt())?,
        })
    }

    async fn recv(&mut self) {
        tokio::select! {
            _ = self.term.recv() => {}
            _ = self.hup.recv() => {}
            _ = self.int.recv() => {}
        }
    }
}
