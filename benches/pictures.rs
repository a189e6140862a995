//! Pictures in the reader, through the real binary in a pseudo-terminal that answers as kitty
//! (cells of 10x20 pixels), against a server on 127.0.0.1:
//! - open to first text: Enter on an article until its first paragraph is on screen, for an
//!   article with 30 large pictures and for the same text without them (the text must not wait
//!   for the pictures);
//! - peak memory (VmHWM of the reader process) after scrolling through the 30 pictures, each a
//!   3000x2000 JPEG, all fetched, decoded and drawn; the target is under 150 MB.
//!
//!     cargo bench --bench pictures
//!
//! Each open starts a fresh reader with an empty picture cache, so every picture is fetched.

#[allow(dead_code)]
#[path = "../tests/support/pty.rs"]
mod pty;

use std::io::Cursor;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use byline::serve::{Route, Server};
use image::{DynamicImage, ImageFormat, RgbImage};
use pty::{Graphics, Term};

const PICTURES: usize = 30;
const RUNS: usize = 8;
const SIZE: (u16, u16) = (160, 48);

fn main() {
    let jpeg = Arc::new(photo(3000, 2000));
    println!(
        "pictures: {PICTURES} JPEGs of 3000x2000 ({:.1} MB each), {}x{} terminal",
        jpeg.len() as f64 / 1e6,
        SIZE.0,
        SIZE.1
    );
    let mut routes: Vec<(String, Route)> = (0..PICTURES)
        .map(|i| (format!("/p{i}.jpg"), Route::ok(jpeg.as_ref().clone()).content_type("image/jpeg")))
        .collect();
    routes.push(("/feed.xml".into(), Route::status(404)));
    let server = Server::start(routes).expect("server");
    server.set_route("/feed.xml", Route::ok(feed(&server).into_bytes()).content_type("application/rss+xml"));

    let home = tempfile::tempdir().expect("tempdir");
    let dir = home.path();
    std::fs::write(dir.join("feeds.toml"), format!("[[feed]]\nurl = \"{}\"\n", server.url("/feed.xml")))
        .expect("feeds");
    std::fs::write(dir.join("config.toml"), "[general]\nrefresh_on_start = false\n").expect("config");
    std::fs::write(
        dir.join("never.toml"),
        "[general]\nrefresh_on_start = false\n[images]\nmode = \"never\"\n",
    )
    .expect("config");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_byline"))
        .args(args(dir, "config.toml"))
        .arg("refresh")
        .env("XDG_STATE_HOME", dir.join("state"))
        .status()
        .expect("refresh");
    assert!(status.success());

    let kitty = Graphics { kitty: true, sixel: true, cell: Some((10, 20)) };
    let (mut with, mut off, mut plain) = (Vec::new(), Vec::new(), Vec::new());
    for run in 0..RUNS {
        // The article list is newest first: the pictures' article is second, the plain one first.
        with.push(open_to_text(dir, "config.toml", kitty, 1, &format!("cache-{run}")).0);
        off.push(open_to_text(dir, "never.toml", kitty, 1, &format!("cache-off-{run}")).0);
        plain.push(open_to_text(dir, "config.toml", kitty, 0, &format!("cache-plain-{run}")).0);
    }
    report("open to first text, 30 pictures drawn", &mut with);
    report("open to first text, the same article, images.mode = never", &mut off);
    report("open to first text, the same text without pictures", &mut plain);

    for config in ["config.toml", "never.toml"] {
        let hits_before: usize = (0..PICTURES).map(|i| server.hits(&format!("/p{i}.jpg"))).sum();
        let (_, mut term) = open_to_text(dir, config, kitty, 1, &format!("cache-scroll-{config}"));
        let started = Instant::now();
        let sent = |term: &Term| String::from_utf8_lossy(&term.raw()).matches("\x1b_Gq=2,i=").count();
        // A page at a time, each time waiting until the pictures it brought are drawn (or, without
        // pictures, until the page is on screen), to the end of the article.
        let (mut placed, mut screen) = (sent(&term), term.screen());
        for _ in 0..200 {
            let mut last_change = Instant::now();
            while last_change.elapsed() < Duration::from_millis(800) {
                std::thread::sleep(Duration::from_millis(50));
                let (now, shown) = (sent(&term), term.screen());
                if now != placed || shown != screen {
                    (placed, screen) = (now, shown);
                    last_change = Instant::now();
                }
            }
            if placed >= PICTURES || screen.contains("Links:") {
                break;
            }
            term.write_raw("\x1b[6~");
        }
        let hits: usize =
            (0..PICTURES).map(|i| server.hits(&format!("/p{i}.jpg"))).sum::<usize>() - hits_before;
        let peak = term.pid().and_then(vm_hwm).unwrap_or(0);
        println!(
            "{config}: scrolled through the article a page at a time in {:.1} s: {hits} fetched, {placed} of {PICTURES} drawn; peak memory (VmHWM) {:.1} MB",
            started.elapsed().as_secs_f64(),
            peak as f64 / 1024.0
        );
        term.write_raw("qq");
    }
}

fn args(dir: &Path, config: &str) -> Vec<String> {
    let path = |name: &str| dir.join(name).display().to_string();
    vec![
        "--config".into(),
        path(config),
        "--feeds".into(),
        path("feeds.toml"),
        "--db".into(),
        path("byline.db"),
    ]
}

/// Starts the reader, selects article `index` and times Enter until its first paragraph shows.
fn open_to_text(dir: &Path, config: &str, graphics: Graphics, index: usize, cache: &str) -> (Duration, Term) {
    let args = args(dir, config);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let cache = dir.join(cache).display().to_string();
    let mut term =
        Term::spawn_with_graphics(&args, dir, SIZE.0, SIZE.1, &[("XDG_CACHE_HOME", &cache)], graphics);
    term.wait_for("Plain words");
    // Settled: the first frame's loads and the graphics query are done.
    std::thread::sleep(Duration::from_millis(300));
    for _ in 0..index {
        term.send("j");
    }
    let first = if index == 0 { "Plain words first paragraph" } else { "Picture words first paragraph" };
    let started = Instant::now();
    term.write_raw("\r");
    while !term.screen().contains(first) {
        assert!(started.elapsed() < Duration::from_secs(20), "never opened:\n{}", term.screen());
        std::thread::sleep(Duration::from_micros(200));
    }
    (started.elapsed(), term)
}

fn feed(server: &Server) -> String {
    let body = |title: &str, pictures: bool| {
        let mut html = format!("<p>{title} words first paragraph of the article.</p>");
        for i in 0..PICTURES {
            html.push_str("<p>A paragraph of text between two figures, long enough to wrap in the pane once or twice.</p>");
            if pictures {
                html.push_str(&format!(
                    "<figure><img src=\"{}\" alt=\"figure {i}\"></figure>",
                    server.url(&format!("/p{i}.jpg"))
                ));
            }
        }
        html
    };
    let item = |title: &str, guid: &str, date: &str, pictures: bool| {
        format!(
            "<item><title>{title} words</title><link>{}</link><guid>{guid}</guid><pubDate>{date}</pubDate><description><![CDATA[{}]]></description></item>",
            server.url(&format!("/{guid}")),
            body(title, pictures)
        )
    };
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Bench</title><link>{}</link>{}{}</channel></rss>",
        server.url("/"),
        item("Plain", "plain", "Tue, 01 Dec 2026 12:00:00 GMT", false),
        item("Picture", "pictures", "Tue, 01 Dec 2026 11:00:00 GMT", true),
    )
}

/// A photograph-like JPEG: smooth colour with noise, so it weighs what a real one does.
fn photo(w: u32, h: u32) -> Vec<u8> {
    let mut seed = 0x2545_f491_u32;
    let image = RgbImage::from_fn(w, h, |x, y| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        let n = (seed % 48) as u8;
        image::Rgb([
            ((x * 255 / w) as u8).saturating_add(n),
            ((y * 255 / h) as u8).saturating_add(n),
            128 + n,
        ])
    });
    let mut out = Cursor::new(Vec::new());
    DynamicImage::ImageRgb8(image).write_to(&mut out, ImageFormat::Jpeg).expect("encode");
    out.into_inner()
}

fn report(what: &str, times: &mut [Duration]) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{what}: median {:.1} ms, min {:.1}, max {:.1} ({} runs)",
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1]),
        times.len()
    );
}

fn vm_hwm(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
