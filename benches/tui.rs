//! The reader at scale: 1,000 feeds and 100,000 articles. Measures time to first frame, redraw
//! after moving the selection, applying a tag filter, and the reader's peak memory.
//! Targets: first frame < 100 ms, redraw after a key < 16 ms, < 100 MB.
//!
//!     cargo bench --bench tui
//!     BYLINE_BENCH_DIR=/tmp/byline-bench cargo bench --bench tui   # keep the database
//!     BYLINE_BENCH_FEEDS=5000 cargo bench --bench tui              # 500,000 articles
//!
//! The fill runs in this process; the measurements run in a child (this binary again, with
//! `--measure DB`), so VmHWM is the reader's own. With BYLINE_BENCH_DIR the database is built
//! once and reused by later runs.
//!
//! The reader's store work happens on its DB thread; the bench calls the same `tui::answer`
//! synchronously and in order (the thread's skipping of superseded loads never applies here:
//! one load at a time).

#[allow(dead_code)] // only `body` is used here
#[path = "support/feeds.rs"]
mod feeds;

use std::collections::VecDeque;
use std::path::Path;
use std::process::Command as Process;
use std::time::{Duration, Instant};

use byline::app::{self, Action, Edit, Effect, Pane, Settings, State, TagRow};
use byline::config::keys::{Command, Key, KeyBindings, KeyCode};
use byline::config::theme::Theme;
use byline::model::{FeedSpec, NewArticle};
use byline::store::{FeedUpdate, Store};
use byline::tui::{answer, follow_up};
use byline::ui::{self, Styles};
use chrono::{TimeZone, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Feeds in the database: 1,000 unless BYLINE_BENCH_FEEDS says otherwise.
fn feeds() -> usize {
    std::env::var("BYLINE_BENCH_FEEDS").ok().and_then(|n| n.parse().ok()).unwrap_or(1_000)
}
const PER_FEED: usize = 100;
/// Feeds saved per `save_feeds` call (one transaction), as a refresh batches results.
const BATCH: usize = 25;
const SIZE: (u16, u16) = (160, 48);
/// Written next to the database once the fill is complete: a cached database is reused.
fn marker() -> String {
    format!("filled-{}x{PER_FEED}-v3", feeds())
}

/// The pool of feed tags; articles' categories come from these plus a few more.
const TAGS: &str = "linux rust security hardware news science space climate politics economy music film \
    books games design web mobile ai databases networking cloud open-source programming history health \
    sports travel food photography local";
const MORE_CATEGORIES: &str = "release opinion interview review tutorial analysis podcast video howto event";

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--measure") {
        let db = args.get(i + 1).expect("--measure takes the database path");
        return measure(Path::new(db));
    }
    let _tmp; // keeps a temporary directory alive until the child is done
    let dir = match std::env::var_os("BYLINE_BENCH_DIR") {
        Some(d) => std::path::PathBuf::from(d),
        None => {
            _tmp = tempfile::tempdir().expect("tempdir");
            _tmp.path().to_path_buf()
        }
    };
    std::fs::create_dir_all(&dir).expect("create the bench directory");
    let db = dir.join("byline.db");
    println!("byline tui: {} feeds x {PER_FEED} articles, terminal {:?}, {}", feeds(), SIZE, db.display());
    if dir.join(marker()).exists() {
        println!("  fill: reusing the database in {}", dir.display());
    } else {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(dir.join(format!("byline.db{suffix}")));
        }
        let (took, bytes) = fill(&db);
        std::fs::write(dir.join(marker()), "").expect("write the marker");
        println!(
            "  fill: {:.1} s ({} articles, {:.0} MB of HTML, {:.0} MB on disk)",
            took.as_secs_f64(),
            feeds() * PER_FEED,
            bytes as f64 / 1e6,
            disk_bytes(&dir) as f64 / 1e6
        );
    }
    let exe = std::env::current_exe().expect("path of this bench");
    let status = Process::new(exe).arg("--measure").arg(&db).status().expect("run the measurement");
    assert!(status.success(), "the measurement failed: {status}");
}

/// A small deterministic generator (splitmix64): the same database on every machine.
fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// One to three distinct names from `pool`, chosen by `seed`.
fn pick(pool: &[&str], seed: u64) -> Vec<String> {
    let n = 1 + (mix(seed) % 3) as usize;
    let start = mix(seed ^ 0xabcd) as usize % pool.len();
    let step = 1 + mix(seed ^ 0x1234) as usize % (pool.len() / 3 - 1); // 2 * step < len: distinct
    (0..n).map(|k| pool[(start + k * step) % pool.len()].to_string()).collect()
}

/// The subscriptions, as feeds.toml would list them.
fn specs() -> Vec<FeedSpec> {
    (0..feeds())
        .map(|f| FeedSpec {
            url: format!("https://bench{f}.example/feed.xml"),
            tags: pick(&TAGS.split_whitespace().collect::<Vec<_>>(), f as u64),
            ..FeedSpec::default()
        })
        .collect()
}

fn articles(feed: usize) -> Vec<NewArticle> {
    let newest = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).single().expect("a valid date");
    let pool: Vec<&str> = TAGS.split_whitespace().chain(MORE_CATEGORIES.split_whitespace()).collect();
    (0..PER_FEED)
        .map(|item| {
            let seed = (feed * PER_FEED + item) as u64;
            let age = chrono::Duration::seconds((mix(seed) % (365 * 86_400)) as i64);
            NewArticle {
                key: format!("bench-{feed}-{item}"),
                title: format!("Feed {feed} story {item}: kernel, compilers & the state of the desktop"),
                link: Some(format!("https://bench{feed}.example/posts/{item}")),
                author: Some(format!("Author {}", seed % 97)),
                published: Some(newest - age),
                categories: pick(&pool, seed ^ 0x5555),
                content_html: feeds::body(feed, item),
                media: Default::default(),
            }
        })
        .collect()
}

/// Fills an empty database through the store API; returns the time and the HTML bytes saved.
fn fill(db: &Path) -> (Duration, usize) {
    let start = Instant::now();
    let mut store = Store::open(db).expect("open the store");
    store.sync_feeds(&specs()).expect("sync the feeds");
    let ids: Vec<_> = store.feeds().expect("feeds").iter().map(|f| f.id).collect();
    assert_eq!(ids.len(), feeds());
    let mut bytes = 0;
    for (b, chunk) in ids.chunks(BATCH).enumerate() {
        let updates: Vec<_> = (chunk.iter().enumerate())
            .map(|(k, id)| {
                let (feed, items) = (b * BATCH + k, articles(b * BATCH + k));
                bytes += items.iter().map(|a| a.content_html.len()).sum::<usize>();
                let site_title = Some(format!("Bench feed {feed}"));
                (*id, FeedUpdate { site_title, items, ..FeedUpdate::default() })
            })
            .collect();
        for result in store.save_feeds(&updates).expect("save a batch") {
            assert_eq!(result.expect("save a feed").new as usize, PER_FEED);
        }
    }
    // As a refresh ends after saving articles.
    store.refresh_statistics().expect("statistics");
    (start.elapsed(), bytes)
}

fn disk_bytes(dir: &Path) -> u64 {
    let files = std::fs::read_dir(dir).expect("list the bench directory");
    files.filter_map(|e| e.ok()?.metadata().ok()).map(|m| m.len()).sum()
}

/// Runs effects and feeds each answer back through `update` until none is left; returns how
/// many store requests that took.
fn settle(store: &mut Store, state: &mut State, effects: Vec<Effect>) -> usize {
    settle_timed(store, state, effects, &mut Vec::new())
}

/// [`settle`], noting how long each effect's store work took.
fn settle_timed(
    store: &mut Store,
    state: &mut State,
    effects: Vec<Effect>,
    took: &mut Vec<(String, Duration)>,
) -> usize {
    let mut queue = VecDeque::from(effects);
    let mut requests = 0;
    while let Some(effect) = queue.pop_front() {
        requests += 1;
        let start = Instant::now();
        let action = answer(store, &effect).expect("a store effect");
        let name = format!("{effect:?}");
        let name = name.split([' ', '{', '(']).next().unwrap_or_default().to_string();
        took.push((name.clone(), start.elapsed()));
        // What the database thread sends after the answer (a count, the views' counts).
        let start = Instant::now();
        if let Some(later) = follow_up(store, &effect, &action) {
            took.push((format!("{name} (follow-up)"), start.elapsed()));
            queue.extend(app::update(state, action));
            queue.extend(app::update(state, later));
        } else {
            queue.extend(app::update(state, action));
        }
    }
    requests
}

/// Runs `effects` as the reader does and draws: how long until the screen shows the answers
/// (the store's answers, `update`, the draw), and apart from that how long the follow-ups the
/// database thread computes after sending them took (counts the list does not wait for).
fn settle_drawn(
    store: &mut Store,
    state: &mut State,
    effects: Vec<Effect>,
    term: &mut Terminal<TestBackend>,
    draw: &dyn Fn(&mut Terminal<TestBackend>, &State),
) -> (Duration, Duration) {
    let mut took = Vec::new();
    let start = Instant::now();
    settle_timed(store, state, effects, &mut took);
    let all = start.elapsed();
    let start = Instant::now();
    draw(term, state);
    let later: Duration =
        took.iter().filter(|(name, _)| name.ends_with("(follow-up)")).map(|(_, d)| *d).sum();
    (all - later + start.elapsed(), later)
}

fn key(state: &mut State, store: &mut Store, code: KeyCode) -> usize {
    let action = app::action_for(state, Key::plain(code)).expect("the default keys bind it");
    let effects = app::update(state, action);
    settle(store, state, effects)
}

/// Phases 2-5, in a process of their own.
fn measure(db: &Path) {
    let styles = Styles::new(&Theme::default(), true);
    let specs = specs();
    let draw = |term: &mut Terminal<TestBackend>, state: &State| {
        term.draw(|f| ui::draw(f, state, &styles)).expect("draw");
    };

    // First frame, as `tui::run_async` + `event_loop`: open, sync subscriptions, init's loads, draw.
    let (mut firsts, mut parts) = (Vec::new(), [Vec::new(), Vec::new(), Vec::new()]);
    let mut loaded = None;
    let mut loads_took = Vec::new();
    for _ in 0..10 {
        drop(loaded.take()); // a fresh store each time
        let start = Instant::now();
        let mut store = Store::open(db).expect("open the store");
        store.sync_feeds(&specs).expect("sync the feeds");
        let opened = start.elapsed();
        let mut state = State::new(KeyBindings::default(), Settings::default(), SIZE);
        let effects = app::init(&mut state);
        settle_timed(&mut store, &mut state, effects, &mut loads_took);
        let settled = start.elapsed();
        let mut term = Terminal::new(TestBackend::new(SIZE.0, SIZE.1)).expect("test backend");
        draw(&mut term, &state);
        let total = start.elapsed();
        firsts.push(total);
        for (v, d) in parts.iter_mut().zip([opened, settled - opened, total - settled]) {
            v.push(d);
        }
        loaded = Some((store, state, term));
    }
    let peak_first = vm_hwm();
    let (mut store, mut state, mut term) = loaded.expect("ten runs");
    assert_eq!((state.feed_list().len(), state.articles.total as usize), (feeds(), feeds() * PER_FEED));
    println!("  first frame (10 runs): {}", stats(firsts, &[("min", 0.0), ("median", 0.5), ("max", 1.0)]));
    let [open, loads, paint] = parts.map(|v| stats(v, &[("", 0.5)]));
    println!("    medians: open + sync{open} | feeds, tags, articles loads{loads} | draw{paint}");
    let mut kinds: Vec<String> = loads_took.iter().map(|(k, _)| k.clone()).collect();
    kinds.dedup();
    kinds.sort();
    kinds.dedup();
    let each: Vec<String> = kinds
        .iter()
        .map(|k| {
            let v = loads_took.iter().filter(|(n, _)| n == k).map(|(_, d)| *d).collect();
            format!("{k}{}", stats(v, &[("", 0.5)]))
        })
        .collect();
    println!("    each load, median: {}", each.join(" | "));
    println!("  peak memory after the first frames (VmHWM): {:.1} MB", peak_first as f64 / 1024.0);

    // Down in the article list, redrawing the same terminal (it diffs, as the real one does).
    let (mut moves, mut loads) = (Vec::new(), 0);
    for _ in 0..200 {
        let start = Instant::now();
        loads += usize::from(key(&mut state, &mut store, KeyCode::Down) > 0);
        draw(&mut term, &state);
        moves.push(start.elapsed());
    }
    assert_eq!(state.articles.cursor, 200);
    let moves = stats(moves, &[("median", 0.5), ("p99", 0.99), ("max", 1.0)]);
    println!("  redraw after Down (200 moves, {loads} needed a store load): {moves}");

    // Enter on a tag row: filter by it, load the new list, draw. 20 tags across the pane.
    let rows = state.tag_rows().len();
    let (mut filters, mut counts, mut tag_counts) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..20 {
        state.focus = Pane::Tags;
        let row = 2 + i * (rows - 2) / 20;
        while state.tag_list.cursor != row {
            let code = if state.tag_list.cursor < row { KeyCode::Down } else { KeyCode::Up };
            key(&mut state, &mut store, code);
        }
        let TagRow::Tag(tag) = state.tag_rows()[row] else { panic!("row {row} is a tag") };
        let tag = tag.tag.clone();
        let action = app::action_for(&state, Key::plain(KeyCode::Enter)).expect("bound");
        let effects = app::update(&mut state, action);
        let (page, count) = settle_drawn(&mut store, &mut state, effects, &mut term, &draw);
        filters.push(page);
        tag_counts.push(count);
        assert_eq!(state.selected_tags, [tag]);
        counts.push(state.articles.total);
    }
    let (least, most) = (counts.iter().min().unwrap_or(&0), counts.iter().max().unwrap_or(&0));
    let filters = stats(filters, &[("median", 0.5), ("max", 1.0)]);
    println!("  tag filter (20 of {} tags, {least}..{most} articles each), drawn: {filters}", rows - 2);
    println!("    then its count: {}", stats(tag_counts, &[("median", 0.5), ("max", 1.0)]));
    queries(&mut store, &mut state, &mut term, &draw);
    println!("  peak memory at the end (VmHWM): {:.1} MB", vm_hwm() as f64 / 1024.0);
}

/// Queries typed at the `:` prompt, each to its first page drawn (the count follows), the
/// views' unread counts after the tags, and the sort orders over every article.
fn queries(
    store: &mut Store,
    state: &mut State,
    term: &mut Terminal<TestBackend>,
    draw: &dyn Fn(&mut Terminal<TestBackend>, &State),
) {
    const QUERIES: [&str; 12] = [
        "tag:rust unread",
        "tag:linux OR tag:security",
        "tag:rust (tag:release OR tag:podcast) -read",
        "feed:bench42.example",
        "kernel",
        "title:compilers tag:ai",
        "since:2026-10-01",
        "age:>300d",
        "author:\"Author 7\"",
        "-tag:rust -tag:linux unread",
        "has:enclosure OR has:fulltext",
        "NOT (tag:news OR tag:web) since:2026-06-01",
    ];
    state.mode = byline::app::Mode::Normal;
    state.selected_tags.clear();
    let mut worst = (Duration::ZERO, "");
    for text in QUERIES {
        app::update(state, Action::Command(Command::Query));
        app::update(state, Action::Edit(Edit::KillToStart));
        for c in text.chars() {
            app::update(state, Action::Edit(Edit::Insert(c)));
        }
        let start = Instant::now();
        let effects = app::update(state, Action::Edit(Edit::Submit));
        let submitted = start.elapsed();
        let (page, count) = settle_drawn(store, state, effects, term, draw);
        let took = submitted + page;
        assert!(state.query.is_some(), "{text} parses");
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        let total = state.articles.total;
        println!(
            "    {text:<45} {total:>6} articles: drawn {:>6.2} ms, then its count {:>6.2} ms",
            ms(took),
            ms(count)
        );
        worst = worst.max((took, text));
    }
    println!("  queries: the slowest first page drawn {:.2} ms ({})", worst.0.as_secs_f64() * 1e3, worst.1);

    state.views = QUERIES[..6]
        .iter()
        .map(|q| byline::config::views::View {
            name: q.to_string(),
            query: byline::query::Query::parse(q).expect("parses"),
            sort: None,
        })
        .collect();
    let (mut tags, mut views) = (Vec::new(), Vec::new());
    for _ in 0..5 {
        let load = vec![Effect::LoadTags { views: state.view_queries() }];
        let (shown, counted) = settle_drawn(store, state, load, term, draw);
        tags.push(shown);
        views.push(counted);
    }
    let (tags, views) = (stats(tags, &[("", 0.5)]), stats(views, &[("median", 0.5), ("max", 1.0)]));
    println!("  tags pane with 6 views: drawn, median{tags}; then the views' unread counts: {views}");

    app::update(state, Action::Command(Command::Query));
    app::update(state, Action::Edit(Edit::KillToStart));
    let effects = app::update(state, Action::Edit(Edit::Submit));
    settle(store, state, effects);
    for _ in 0..3 {
        let effects = app::update(state, Action::Command(Command::CycleSort));
        let (page, _) = settle_drawn(store, state, effects, term, draw);
        let (sort, total) = (state.sort().label(), state.articles.total);
        println!("  sort {sort:<13} over {total} articles: drawn {:.2} ms", page.as_secs_f64() * 1e3);
    }
}

/// The durations at these quantiles, as "name 1.23 ms | ...".
fn stats(mut v: Vec<Duration>, at: &[(&str, f64)]) -> String {
    v.sort();
    let q = |q: f64| v[((v.len() - 1) as f64 * q).round() as usize].as_secs_f64() * 1e3;
    at.iter().map(|(name, at)| format!("{name} {:.2} ms", q(*at))).collect::<Vec<_>>().join(" | ")
}

/// Peak resident memory of this process so far, in KiB.
fn vm_hwm() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("read /proc/self/status");
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).expect("VmHWM in /proc/self/status");
    line.split_whitespace().nth(1).and_then(|n| n.parse().ok()).expect("VmHWM in kB")
}
