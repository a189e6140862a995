//! Pictures through the real binary in a pseudo-terminal that answers the graphics query as
//! kitty or as a sixel terminal: the escape sequences written land inside the reader pane's
//! cells, a terminal that speaks no graphics keeps the placeholders, and half blocks draw
//! anywhere.

mod support;

use std::io::Cursor;

use byline::app::{Pane, layout};
use byline::serve::Route;
use image::{DynamicImage, ImageFormat, RgbImage};
use ratatui::layout::Rect;
use support::cli::Env;
use support::pty::{Graphics, Term};

const ENTER: &str = "\r";
const COLS: u16 = 140;
const ROWS: u16 = 30;
/// kitty's placeholder character: a cell showing part of a picture.
const PLACEHOLDER: char = '\u{10EEEE}';

fn png(w: u32, h: u32) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    DynamicImage::ImageRgb8(RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 120])
    }))
    .write_to(&mut out, ImageFormat::Png)
    .expect("encode");
    out.into_inner()
}

const FEED: &str = r#"<?xml version="1.0"?>
<rss version="2.0"><channel><title>Charts</title><link>http://charts.example/</link>
<item><title>Benchmarks in pictures</title><link>LINK</link><guid>c1</guid>
<description><![CDATA[<p>Before the chart.</p><figure><img src="/chart.png" alt="Throughput chart"></figure><p>After the chart.</p>
<p>One</p><p>Two</p><p>Three</p><p>Four</p><p>Five</p><p>Six</p><p>Seven</p><p>Eight</p><p>Nine</p><p>Ten</p>]]></description>
</item></channel></rss>"#;

/// A feed with one article and its chart; the article is fetched before the reader starts.
fn env(images: &str) -> Env {
    let env = Env::new(vec![("/chart.png", Route::ok(png(640, 200)).content_type("image/png"))], &[]);
    let feed = FEED.replace("LINK", &env.server.url("/post"));
    env.server.set_route("/feed.xml", Route::ok(feed.into_bytes()).content_type("application/rss+xml"));
    std::fs::write(
        env.dir.path().join("feeds.toml"),
        format!("[[feed]]\nurl = \"{}\"\n", env.server.url("/feed.xml")),
    )
    .expect("feeds");
    let path = env.dir.path().join("config.toml");
    let config = std::fs::read_to_string(&path).expect("config");
    std::fs::write(&path, format!("{config}\n[images]\n{images}\n")).expect("config");
    env.ok(&["refresh"]);
    env
}

fn start(env: &Env, graphics: Graphics, vars: &[(&str, &str)]) -> Term {
    let args = env.file_args();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let mut term = Term::spawn_with_graphics(&args, env.dir.path(), COLS, ROWS, vars, graphics);
    term.wait_for("Benchmarks in pictures");
    term.send(ENTER);
    term.wait_for("After the chart.");
    term
}

/// The reader pane's cells inside its border, as 0-based (column, row).
fn reader() -> Rect {
    let r = layout(COLS, ROWS, Pane::Reader).reader.expect("reader pane");
    Rect::new(r.x + 1, r.y + 1, r.width - 2, r.height - 2)
}

/// Where the cursor was last moved (CUP, 1-based) before each occurrence of `start`.
fn positions_before(raw: &[u8], start: &[u8]) -> Vec<(u16, u16)> {
    let text = String::from_utf8_lossy(raw);
    let start = String::from_utf8_lossy(start);
    let mut out = Vec::new();
    for (at, _) in text.match_indices(start.as_ref()) {
        let before = &text[..at];
        let cup = before.rfind("\x1b[").and_then(|mut i| {
            loop {
                let tail = &before[i + 2..];
                let end = tail.find(|c: char| !(c.is_ascii_digit() || c == ';')).unwrap_or(tail.len());
                if tail[end..].starts_with('H') {
                    let mut parts = tail[..end].split(';').map(|n| n.parse::<u16>().unwrap_or(1));
                    return Some((parts.next().unwrap_or(1), parts.next().unwrap_or(1)));
                }
                i = before[..i].rfind("\x1b[")?;
            }
        });
        out.push(cup.expect("a cursor position before the sequence"));
    }
    out
}

fn wait_for_bytes(term: &Term, what: &[u8]) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !term.raw().windows(what.len()).any(|w| w == what) {
        assert!(std::time::Instant::now() < deadline, "never wrote {:?}; screen:\n{}", what, term.screen());
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
}

#[test]
fn kitty_pictures_are_sent_once_and_placed_only_in_the_reader_pane() {
    let env = env("");
    let kitty = Graphics { kitty: true, sixel: true, cell: Some((10, 20)) };
    let mut term = start(&env, kitty, &[]);
    term.wait_until("the chart's placeholders", |s| s.contains(PLACEHOLDER));
    let raw = term.raw();
    let sends = String::from_utf8_lossy(&raw).matches("\x1b_Gq=2,i=").count();
    assert_eq!(sends, 1, "one picture, sent once");
    let pane = reader();
    let cells = term.with_screen(|s| {
        let mut cells = Vec::new();
        for row in 0..ROWS {
            for col in 0..COLS {
                if s.cell(row, col).is_some_and(|c| c.contents().contains(PLACEHOLDER)) {
                    cells.push((col, row));
                }
            }
        }
        cells
    });
    // 640x200 pixels in 10x20 cells, shrunk to the pane's width.
    let cols = usize::from(pane.width.min(64));
    assert_eq!(cells.len(), cols * (200 * cols).div_ceil(64 * 20), "{cells:?}");
    assert!(cells.iter().all(|&(x, y)| pane.contains((x, y).into())), "outside {pane:?}: {cells:?}");
    // Scrolling moves the placements, never out of the pane, and sends nothing again.
    for _ in 0..6 {
        term.send("j");
    }
    term.wait_until("scrolled", |s| !s.contains("Before the chart."));
    let cells = term.with_screen(|s| {
        (0..ROWS)
            .flat_map(|row| (0..COLS).map(move |col| (col, row)))
            .filter(|&(col, row)| s.cell(row, col).is_some_and(|c| c.contents().contains(PLACEHOLDER)))
            .collect::<Vec<_>>()
    });
    assert!(!cells.is_empty() && cells.len() < 640, "cut at the top: {}", cells.len());
    assert!(cells.iter().all(|&(x, y)| pane.contains((x, y).into())));
    assert_eq!(String::from_utf8_lossy(&term.raw()).matches("\x1b_Gq=2,i=").count(), 1);
    quit(&mut term);
}

#[test]
fn sixel_pictures_start_inside_the_reader_pane() {
    let env = env("");
    let sixel = Graphics { kitty: false, sixel: true, cell: Some((10, 20)) };
    let mut term = start(&env, sixel, &[]);
    wait_for_bytes(&term, b"\x1bP");
    let pane = reader();
    for (row, col) in positions_before(&term.raw(), b"\x1bP") {
        let (x, y) = (col - 1, row - 1);
        assert!(pane.contains((x, y).into()), "a sixel at ({x}, {y}) outside {pane:?}");
    }
    assert!(term.screen().contains("[image: Throughput chart][1]"), "the caption under it");
    quit(&mut term);
}

#[test]
fn a_terminal_without_graphics_keeps_the_placeholder_and_fetches_nothing() {
    let env = env("");
    let mut term = start(&env, Graphics::default(), &[]);
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert_eq!(env.server.hits("/chart.png"), 0);
    assert!(!term.screen().contains(PLACEHOLDER));
    let raw = String::from_utf8_lossy(&term.raw()).into_owned();
    assert!(!raw.contains("\x1b_Gq=2") && !raw.contains("\x1bP"), "no picture sent");
    quit(&mut term);
}

#[test]
fn inside_tmux_auto_draws_nothing_and_halfblocks_draw_anywhere() {
    let env = env("");
    let kitty = Graphics { kitty: true, sixel: true, cell: Some((10, 20)) };
    let mut term = start(&env, kitty, &[("TMUX", "/tmp/tmux-0/default,1,0"), ("TERM", "tmux-256color")]);
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert_eq!(env.server.hits("/chart.png"), 0);
    assert!(!String::from_utf8_lossy(&term.raw()).contains("\x1b[5n"), "not even asked");
    quit(&mut term);

    let env = self::env("mode = \"halfblocks\"");
    let mut term = start(&env, Graphics::default(), &[("TMUX", "/tmp/tmux-0/default,1,0")]);
    term.wait_until("half blocks", |s| s.contains('▀') || s.contains('▄'));
    quit(&mut term);
}

/// Back out of the reader and quit; the process must end cleanly.
fn quit(term: &mut Term) {
    term.send("q");
    term.send("q");
    assert!(term.wait_exit());
}
