//! The picture engine against a real HTTP server on 127.0.0.1: every hostile picture gives a
//! one-line reason (the reader keeps its placeholder and logs it), never a crash, a stall or a
//! memory spike; a good one is shrunk to the box it is drawn in and kept on disk for offline.

use std::io::Cursor;
use std::time::{Duration, Instant};

use byline::fetch::{Fetcher, Limits};
use byline::images::{DiskCache, Fit, Loader};
use byline::serve::{Route, Server};
use image::{DynamicImage, ImageFormat, RgbImage};

const BOX: Fit = Fit { width: 800, height: 400 };

fn png(w: u32, h: u32) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    DynamicImage::ImageRgb8(RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 9])
    }))
    .write_to(&mut out, ImageFormat::Png)
    .expect("encode");
    out.into_inner()
}

fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    DynamicImage::ImageRgb8(RgbImage::from_fn(w, h, |x, _| image::Rgb([(x % 256) as u8, 40, 90])))
        .write_to(&mut out, ImageFormat::Jpeg)
        .expect("encode");
    out.into_inner()
}

/// A real 1x1 PNG whose header claims `w` x `h` (its checksum mended: only the size lies).
fn png_claiming(w: u32, h: u32) -> Vec<u8> {
    let mut bytes = png(1, 1);
    bytes[16..20].copy_from_slice(&w.to_be_bytes());
    bytes[20..24].copy_from_slice(&h.to_be_bytes());
    let mut crc = 0xffff_ffffu32;
    for &b in &bytes[12..29] {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 };
        }
    }
    bytes[29..33].copy_from_slice(&(!crc).to_be_bytes());
    bytes
}

fn loader(cache: &std::path::Path, limits: Limits) -> Loader {
    Loader::new(Fetcher::new(limits).expect("client"), DiskCache::new(cache, 10_000_000))
}

fn limits() -> Limits {
    Limits { timeout: Duration::from_secs(2), ..Limits::default() }
}

async fn load(loader: &Loader, url: &str) -> Result<DynamicImage, String> {
    loader.load(url, BOX, &|| true).await.map(|p| p.expect("wanted"))
}

#[tokio::test]
async fn each_hostile_picture_gives_its_reason_in_one_line() {
    let whole = png(600, 600);
    let mut huge = jpeg(8, 8);
    huge.resize(100 * 1024 * 1024, 0);
    let server = Server::start([
        ("/bomb.png", Route::ok(png_claiming(60_000, 60_000)).content_type("image/png")),
        ("/huge.jpg", Route::ok(huge).content_type("image/jpeg")),
        ("/cut.png", Route::ok(whole[..whole.len() / 3].to_vec()).content_type("image/png")),
        (
            "/logo.svg",
            Route::ok(&b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>"[..]).content_type("image/svg+xml"),
        ),
        ("/page.png", Route::ok(&b"<html><body>login</body></html>"[..]).content_type("text/html")),
        ("/noise.webp", Route::ok(vec![0x5a; 4096]).content_type("image/webp")),
        ("/slow.png", Route::ok(png(10, 10)).content_type("image/png").delay(Duration::from_secs(10))),
        ("/loop.png", Route::redirect(302, "/loop.png")),
        ("/gone.png", Route::status(404)),
    ])
    .expect("server");
    let dir = tempfile::tempdir().expect("tempdir");
    let loader = loader(dir.path(), limits());
    let cases = [
        ("/bomb.png", "claims 60000x60000 pixels"),
        ("/huge.jpg", "response larger than"),
        ("/cut.png", "cannot decode"),
        ("/logo.svg", "SVG pictures are not drawn"),
        ("/page.png", "served as text/html, not a picture"),
        ("/noise.webp", "not a PNG, JPEG, GIF or WebP picture"),
        ("/slow.png", "timed out"),
        ("/loop.png", "redirects"),
        ("/gone.png", "HTTP 404"),
    ];
    for (path, reason) in cases {
        let started = Instant::now();
        let err = load(&loader, &server.url(path)).await.expect_err(path);
        assert!(err.contains(reason), "{path}: {err:?}");
        assert!(!err.contains('\n') && !err.chars().any(char::is_control), "{path}: one clean line: {err:?}");
        assert!(started.elapsed() < Duration::from_secs(5), "{path} stalled: {:?}", started.elapsed());
    }
    let file = load(&loader, "file:///etc/hostname").await.expect_err("a local file");
    assert!(file.contains("only http(s)"), "{file}");
}

#[tokio::test]
async fn a_picture_is_shrunk_to_its_box_and_then_drawn_offline_from_the_disk_cache() {
    let server = Server::start([
        ("/chart.png", Route::ok(png(1600, 400)).content_type("image/png")),
        ("/photo.jpg", Route::ok(jpeg(640, 480)).content_type("image/jpeg")),
        ("/mislabelled", Route::ok(png(100, 50)).content_type("application/octet-stream")),
    ])
    .expect("server");
    let (chart, photo, odd) =
        (server.url("/chart.png"), server.url("/photo.jpg"), server.url("/mislabelled"));
    let dir = tempfile::tempdir().expect("tempdir");
    let loader = loader(dir.path(), limits());
    let p = load(&loader, &chart).await.expect("chart");
    assert_eq!((p.width(), p.height()), (800, 200));
    let p = load(&loader, &photo).await.expect("photo");
    assert_eq!((p.width(), p.height()), (533, 400));
    let p = load(&loader, &odd).await.expect("typed by its bytes");
    assert_eq!((p.width(), p.height()), (100, 50));
    assert_eq!(server.hits("/chart.png"), 1);
    // The cache is written beside the load: give it a moment.
    let deadline = Instant::now() + Duration::from_secs(5);
    while std::fs::read_dir(dir.path()).map_or(0, |d| d.count()) < 3 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    drop(server);
    let p = load(&loader, &chart).await.expect("from the disk cache, offline");
    assert_eq!((p.width(), p.height()), (800, 200));
    assert!(load(&loader, &photo).await.is_ok());
}

#[tokio::test]
async fn a_picture_nobody_waits_for_is_not_decoded() {
    let server =
        Server::start([("/a.png", Route::ok(png(50, 50)).content_type("image/png"))]).expect("server");
    let dir = tempfile::tempdir().expect("tempdir");
    let loader = loader(dir.path(), limits());
    assert_eq!(loader.load(&server.url("/a.png"), BOX, &|| false).await, Ok(None));
    assert_eq!(server.hits("/a.png"), 0, "not even fetched");
}
