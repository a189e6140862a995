//! Trafilatura (rs-trafilatura): the page's text blocks that score as prose, as text and HTML,
//! and its own reading of the metadata.

use std::panic::{AssertUnwindSafe, catch_unwind};

use rs_trafilatura::{ExtractResult, Options};

/// Trafilatura's article, or None when it found none. It is a large library reading hostile
/// pages: a panic in it costs this extractor, not the page (the reader's panic hook only logs
/// panics off the drawing thread).
pub(super) fn score(html: &str) -> Option<ExtractResult> {
    // No URL: it only fills a hostname we do not use (relative links in its HTML are resolved
    // by the reader against the article's address).
    let options = Options::default();
    catch_unwind(AssertUnwindSafe(|| rs_trafilatura::extract_with_options(html, &options)))
        .ok()?
        .ok()
        .filter(|result| !result.content_text.trim().is_empty())
}
