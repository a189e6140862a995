//! The reader's key latency while it refreshes. N feeds x M items from H loopback hosts are
//! stored by a first `byline refresh`; then every feed gains NEW items, the reader starts in a
//! pseudo-terminal (160x48), `R` refreshes everything, and j/k are pressed in turn until the
//! refresh ends. A key's latency is the time from writing it to the screen showing the article
//! list's highlight on its new row. The same keys on the idle reader come first, for comparison.
//!
//!     cargo bench --bench keys                    # 1000 feeds x 100 items, 50 hosts, 10 new
//!     cargo bench --bench keys -- 200 50 10 5     # feeds, items, hosts, new items a feed
//!
//! The new items are dated before every stored one, so the top of the list stays where it is.

#[allow(dead_code)]
#[path = "support/feeds.rs"]
mod feeds;
#[allow(dead_code)] // the size of the feeds is for the refresh bench
#[path = "support/hosts.rs"]
mod hosts;
#[allow(dead_code)]
#[path = "../tests/support/pty.rs"]
mod pty;

use std::process::Command;
use std::time::{Duration, Instant};

use byline::app::{Pane, layout};

const SIZE: (u16, u16) = (160, 48);
/// Between keys: a fast typist, and room for a slow redraw to show in the figures.
const PACE: Duration = Duration::from_millis(40);
/// A key whose redraw takes longer than this counts as lost (and stops the bench).
const GIVE_UP: Duration = Duration::from_secs(10);

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let numbers: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let arg = |i: usize, default: usize| numbers.get(i).copied().unwrap_or(default).max(1);
    let (n, m, hosts, new) = (arg(0, 1000), arg(1, 100), arg(2, 50), arg(3, 10));
    if args.iter().any(|a| a == "--serve") {
        return hosts::serve(n, m, hosts);
    }
    let mut server = hosts::Feeds::start(n, m, hosts);
    let dir = tempfile::tempdir().expect("tempdir");
    let home = dir.path();
    let list: String =
        server.urls.iter().map(|u| format!("[[feed]]\nurl = \"{u}\"\ntags = [\"bench\"]\n\n")).collect();
    std::fs::write(home.join("feeds.toml"), list).expect("write feeds.toml");
    std::fs::write(home.join("config.toml"), "[general]\nrefresh_on_start = false\n").expect("write config");
    let db = home.join("byline.db");
    let paths = |cmd: &mut Vec<String>| {
        for (flag, file) in [("--config", "config.toml"), ("--feeds", "feeds.toml")] {
            cmd.extend([flag.to_string(), home.join(file).display().to_string()]);
        }
        cmd.extend(["--db".to_string(), db.display().to_string()]);
    };

    let mut fill = Vec::new();
    paths(&mut fill);
    let start = Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_byline"))
        .args(&fill)
        .arg("refresh")
        .env("XDG_STATE_HOME", home)
        .output()
        .expect("run byline refresh");
    assert!(status.status.success(), "the first refresh failed: {status:?}");
    println!("byline keys: {n} feeds x {m} items on {hosts} hosts, then {new} new a feed; terminal {SIZE:?}");
    println!("  first refresh (byline refresh): {:.1} s", start.elapsed().as_secs_f64());
    server.grow(new);

    let mut args = Vec::new();
    paths(&mut args);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let mut term = pty::Term::spawn_with_env(&args, home, SIZE.0, SIZE.1, &[]);
    let list = layout(SIZE.0, SIZE.1, Pane::Articles).articles.expect("a wide layout has an article list");
    let first_row = list.y + 1;
    term.wait_until("the article list", |_| selected_row(&term, list) == Some(first_row));

    let idle = press(&mut term, list, 100, |_| true);
    println!("  idle reader, 100 keys: {}", stats(idle));

    term.write_raw("R");
    let started = Instant::now();
    let during = press(&mut term, list, usize::MAX, |screen| !screen.contains("refreshed "));
    let took = started.elapsed();
    let keys = during.len();
    println!("  during the refresh ({:.1} s, {keys} keys): {}", took.as_secs_f64(), stats(during));
    let screen = term.screen();
    let status = screen.lines().last().unwrap_or_default().trim();
    println!("  status line after it: {status}");
    term.write_raw("q");
    term.wait_exit();
    server.stop();
}

/// Presses j and k in turn, `count` times or while `go_on(screen)` holds; returns each latency.
fn press(
    term: &mut pty::Term,
    list: ratatui::layout::Rect,
    count: usize,
    go_on: impl Fn(&str) -> bool,
) -> Vec<Duration> {
    let top = list.y + 1;
    let mut latencies = Vec::new();
    while latencies.len() < count && go_on(&term.screen()) {
        let (key, row) = if latencies.len() % 2 == 0 { ("j", top + 1) } else { ("k", top) };
        let sent = Instant::now();
        term.write_raw(key);
        while selected_row(term, list) != Some(row) {
            assert!(sent.elapsed() < GIVE_UP, "key {key} was not redrawn in {GIVE_UP:?}:\n{}", term.screen());
            std::thread::sleep(Duration::from_micros(200));
        }
        latencies.push(sent.elapsed());
        std::thread::sleep(PACE.saturating_sub(sent.elapsed()));
    }
    latencies
}

/// The screen row of the article list's highlight (NO_COLOR: reversed).
fn selected_row(term: &pty::Term, list: ratatui::layout::Rect) -> Option<u16> {
    let column = list.x + 2;
    term.with_screen(|s| {
        (list.y + 1..list.y + list.height - 1).find(|&row| s.cell(row, column).is_some_and(|c| c.inverse()))
    })
}

fn stats(mut v: Vec<Duration>) -> String {
    if v.is_empty() {
        return "no keys".into();
    }
    v.sort();
    let q = |q: f64| v[((v.len() - 1) as f64 * q).round() as usize].as_secs_f64() * 1e3;
    format!("median {:.1} ms | p99 {:.1} ms | max {:.1} ms", q(0.5), q(0.99), q(1.0))
}
