//! A whole web page -> the article in it, with its metadata.
//!
//! Two extractors read every page, each with its own idea of an article:
//! readability ([`readable`], dom_smoothie) picks the element that holds the article and keeps
//! all of it; trafilatura ([`scored`], rs-trafilatura) keeps the text blocks that score as
//! prose. Both keep nearly all of an article, and each keeps chrome the other drops (a "related
//! stories" list inside the container, a newsletter plea). So the article is readability's
//! container less the blocks trafilatura did not keep ([`agree`]), as long as the two agree on
//! most of it; where they do not, readability's article is taken whole, and trafilatura's only
//! where readability found none ([`choose`]). A short result, or none, gives way to the page's
//! largest block of text ([`fallback`]) when that is much longer.

mod agree;
mod choose;
mod chrome;
mod fallback;
mod meta;
mod readable;
mod scored;
mod slim;
mod tokens;

use chrono::{DateTime, Utc};

use crate::sanitize::clean;

/// The article found in a page. `title`, `author` and `site` are sanitised one-line text;
/// `content_html` is the article's HTML with control characters removed (lay it out with
/// [`crate::text::render_html`], which sanitises again).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Extracted {
    pub title: String,
    pub author: Option<String>,
    pub published: Option<DateTime<Utc>>,
    /// The site's name (`og:site_name` and the like).
    pub site: Option<String>,
    /// The page's lead image (`og:image` and the like), an absolute http(s) URL.
    pub lead_image: Option<String>,
    pub content_html: String,
}

/// Why a page gave no article; callers fall back to the feed's own content.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExtractError {
    #[error("the page is empty")]
    Empty,
    #[error("no article content found")]
    NoContent,
    #[error("the page has too many elements to extract an article ({0})")]
    TooLarge(usize),
    #[error("the page nests too deeply to extract an article ({0} levels)")]
    TooDeep(usize),
}

/// Pages with more elements than this are not worth scoring (and would take seconds).
const MAX_ELEMENTS: usize = 60_000;

/// Deeper pages are refused: no site nests near this (real pages stay under 100), both
/// extractors take seconds at a few thousand levels, and the walks here (agreement, chrome,
/// fallback) recurse too, so this one check bounds them all.
const MAX_DEPTH: usize = 1_000;

/// Stack of each extractor's thread: address space, touched only as deep as a page goes.
const EXTRACTOR_STACK: usize = 64 << 20;

/// Less article text than this (in bytes, whitespace excluded) is not an article.
const MIN_TEXT: usize = 40;

/// Finds the article in `html`. `url` is the page's address; when absolute it makes relative
/// links and images absolute.
pub fn extract(html: &str, url: Option<&str>) -> Result<Extracted, ExtractError> {
    if html.trim().is_empty() {
        return Err(ExtractError::Empty);
    }
    // A relative or malformed page URL only costs link resolution, not the article.
    let url = url.filter(|u| url::Url::parse(u).is_ok_and(|u| matches!(u.scheme(), "http" | "https")));
    let html = &*slim::slim(html);
    let elements = slim::elements(html);
    if elements > MAX_ELEMENTS {
        return Err(ExtractError::TooLarge(elements));
    }
    let depth = slim::depth(html);
    if depth > MAX_DEPTH {
        return Err(ExtractError::TooDeep(depth));
    }
    // The two extractors parse the page each on its own: on two cores, side by side, each on a
    // thread whose stack fits the deepest page let through (both libraries recurse).
    let (readable, scored) = std::thread::scope(|scope| {
        let spawn = |name: &str| std::thread::Builder::new().name(name.into()).stack_size(EXTRACTOR_STACK);
        let scored = spawn("trafilatura").spawn_scoped(scope, || scored::score(html));
        let readable = spawn("readability").spawn_scoped(scope, || readable::read(html, url));
        let scored = scored.ok().and_then(|t| t.join().ok()).flatten();
        let readable = match readable {
            Ok(thread) => thread.join().unwrap_or(Ok(None)),
            Err(_) => Ok(None),
        };
        (readable, scored)
    });
    let readable = readable?;
    let content = fallback::unless_outweighed(choose::content(readable.as_ref(), scored.as_ref()), html)
        .filter(|content| text_len(&content.text) >= MIN_TEXT)
        .ok_or(ExtractError::NoContent)?;
    let mut article = meta::gather(readable.as_ref(), scored.as_ref(), url);
    article.content_html = clean(&content.html);
    Ok(article)
}

/// An article body as one extractor (or the fallback) gave it: its HTML and its text.
#[derive(Debug, Clone)]
struct Content {
    html: String,
    text: String,
}

impl Content {
    /// The body of a parsed document (an extractor's article, after our edits).
    fn of_document(doc: &dom_query::Document) -> Content {
        let body = doc.select("body");
        Content { html: body.inner_html().to_string(), text: body.text().to_string() }
    }
}

/// Bytes of text, whitespace left out.
fn text_len(text: &str) -> usize {
    text.split_whitespace().map(str::len).sum()
}
