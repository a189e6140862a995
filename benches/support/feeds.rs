//! Synthetic feeds for benchmarks: realistic sizes, HTML bodies, categories.

/// An RSS 2.0 document for feed `feed` with `items` items of about 2 KB of HTML each.
pub fn rss(feed: usize, items: usize) -> String {
    let mut out = String::with_capacity(items * 2300 + 512);
    out.push_str(&format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" \
         xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel>\
         <title>Bench feed {feed}</title><link>https://bench{feed}.example/</link>\
         <description>Synthetic feed</description>\n"
    ));
    for item in 0..items {
        out.push_str(&item_xml(feed, item, "Nov"));
    }
    out.push_str("</channel></rss>\n");
    out
}

/// `rss(feed, items)` with `more` items after them, dated a month earlier: a refresh that adds
/// them leaves the top of a newest-first list where it was.
#[allow(dead_code)] // not every bench grows its feeds
pub fn rss_grown(feed: usize, items: usize, more: usize) -> String {
    let mut out = rss(feed, items);
    out.truncate(out.len() - "</channel></rss>\n".len());
    for item in items..items + more {
        out.push_str(&item_xml(feed, item, "Oct"));
    }
    out.push_str("</channel></rss>\n");
    out
}

fn item_xml(feed: usize, item: usize, month: &str) -> String {
    let day = 1 + (item % 28);
    let hour = item % 24;
    format!(
        "<item><title>Feed {feed} story {item}: kernel, compilers &amp; the state of the desktop</title>\
             <link>https://bench{feed}.example/posts/{item}</link>\
             <guid isPermaLink=\"false\">bench-{feed}-{item}</guid>\
             <pubDate>{:02} {month} 2026 {hour:02}:00:00 +0000</pubDate>\
             <category>{}</category><category>{}</category>\
             <content:encoded><![CDATA[{}]]></content:encoded></item>\n",
        day,
        ["linux", "rust", "security", "hardware"][item % 4],
        ["release", "opinion", "news"][feed % 3],
        body(feed, item),
    )
}

/// About 2 KB of article HTML.
pub fn body(feed: usize, item: usize) -> String {
    let para = "The maintainers merged the series after a long review: it removes a lock from the \
                hot path, adds tests, and documents the new behaviour for distributions that ship \
                the old default. Benchmarks on a two-core laptop show a small but steady gain.";
    format!(
        "<h2>Story {item} of feed {feed}</h2><p>{para}</p><p><strong>Why it matters:</strong> {para}</p>\
         <ul><li>first point with <a href=\"https://example.org/{feed}/{item}\">a link</a></li>\
         <li>second point with <code>inline_code()</code></li></ul>\
         <pre><code>fn main() {{\n    println!(\"{feed}-{item}\");\n}}\n</code></pre>\
         <blockquote><p>{para}</p></blockquote><p>{para}</p><p>{para}</p>"
    )
}
