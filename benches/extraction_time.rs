//! Time to extract an article, in process: `byline::extract::extract` and the plain text
//! `read-page --json` prints, per page of a corpus laid out as the article-extraction-benchmark
//! (`html/*.html.gz`). benches/extraction.py runs it beside its quality figures.
//!
//!     cargo bench --bench extraction_time -- DIR...

use std::io::Read;
use std::time::Instant;

fn main() {
    let dirs: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    if dirs.is_empty() {
        eprintln!("usage: cargo bench --bench extraction_time -- DIR...  (a folder with html/*.html.gz)");
        std::process::exit(2);
    }
    for dir in dirs {
        let mut pages: Vec<_> = std::fs::read_dir(std::path::Path::new(&dir).join("html"))
            .unwrap_or_else(|e| panic!("{dir}/html: {e}"))
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|path| path.to_string_lossy().ends_with(".html.gz"))
            .collect();
        pages.sort();
        let mut times = Vec::with_capacity(pages.len());
        for path in &pages {
            let mut bytes = Vec::new();
            flate2::read::GzDecoder::new(std::fs::File::open(path).expect("page"))
                .read_to_end(&mut bytes)
                .expect("gzip");
            let page = byline::fetch::Page {
                final_url: "https://example.org/article".into(),
                moved_permanently: None,
                content_type: None,
                validators: Default::default(),
                body: bytes,
            };
            let start = Instant::now();
            let html = byline::fulltext::decode_html(&page);
            let text = byline::extract::extract(&html, Some(&page.final_url))
                .map(|article| byline::text::plain_text(&article.content_html))
                .unwrap_or_default();
            times.push(start.elapsed().as_secs_f64() * 1000.0);
            std::hint::black_box(text);
        }
        times.sort_by(f64::total_cmp);
        let at = |p: usize| times[(p * (times.len() - 1)).div_ceil(100)];
        println!(
            "{dir}: {} pages, extraction in process: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
            times.len(),
            at(50),
            at(99),
            times[times.len() - 1]
        );
    }
}
