//! Article text pipeline speed: laying out a long article (what the reader pane does on open or
//! resize) and extracting a large page (what full-text fetch does per article).

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages").join(name);
    std::fs::read_to_string(&path).expect("fixture pages are part of the repository")
}

/// The extracted bodies of every fixture page, repeated to about `size` bytes.
fn long_article(size: usize) -> String {
    let mut body = String::new();
    for name in ["wordpress", "news", "code-blog", "table-figures", "french"] {
        let html = fixture(&format!("{name}.html"));
        let page = byline::extract::extract(&html, None).expect("fixture pages extract");
        body.push_str(&page.content_html);
    }
    body.repeat(size / body.len() + 1)
}

/// The WordPress page with its post body repeated until the page is about `size` bytes: a long
/// article among the usual chrome.
fn large_page(size: usize) -> String {
    let html = fixture("wordpress.html");
    let start = html.find("<div class=\"entry-content\">").expect("entry content") + 27;
    let end = html.find("<div class=\"sharedaddy").expect("share block");
    let body = &html[start..end];
    let times = (size.saturating_sub(html.len())) / body.len() + 1;
    format!("{}{}{}", &html[..start], body.repeat(times), &html[start..])
}

fn bench(c: &mut Criterion) {
    let article = long_article(100_000);
    c.bench_function(&format!("render_html {} KB at width 80", article.len() / 1000), |b| {
        b.iter(|| byline::text::render_html(black_box(&article), 80))
    });
    let page = large_page(300_000);
    c.bench_function(&format!("extract {} KB page", page.len() / 1000), |b| {
        b.iter(|| byline::extract::extract(black_box(&page), Some("https://example.org/post")))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
