//! Trafilatura (rs-trafilatura): the page's text blocks that score as prose, as text and HTML,
//! and its own reading of the metadata.

use std::panic::{AssertUnwindSafe, catch_unwind};

use rs_trafilatura::{ExtractResult, Options};

/// Trafilatura's article, or None when it found none. It is a large library reading hostile
/// pages: a panic in it costs this extractor, not the page (the reader's panic hook only logs
/// panics off the drawing thread).
pub(super) fn score(html: &str) -> Option<ExtractResult> {
    // Its text is what the agreement reads; its HTML (without links or images in this
    // configuration) is shown only where readability found nothing.
    let options = Options::default();
    catch_unwind(AssertUnwindSafe(|| rs_trafilatura::extract_with_options(html, &options)))
        .ok()?
        .ok()
        .filter(|result| !result.content_text.trim().is_empty())
}
