//! A whole web page -> the article in it: chrome pre-clean ([`super::chrome`]), then
//! readability (dom_smoothie).

use dom_smoothie::{Readability, ReadabilityError};

use super::chrome;
use crate::sanitize::{clean, clean_line};

/// The article found in a page. `title` and `byline` are sanitised one-line text;
/// `content_html` is the article's HTML with control characters removed (lay it out with
/// [`super::render_html`], which sanitises again).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extracted {
    pub title: String,
    pub byline: Option<String>,
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
}

/// Pages with more elements than this are not worth scoring (and would take seconds).
const MAX_ELEMENTS: usize = 60_000;

/// Less article text than this (in bytes, whitespace excluded) is not an article.
const MIN_TEXT: usize = 40;

/// Finds the article in `html`. `url` is the page's address; when absolute it makes relative
/// links and images absolute.
pub fn extract(html: &str, url: Option<&str>) -> Result<Extracted, ExtractError> {
    if html.trim().is_empty() {
        return Err(ExtractError::Empty);
    }
    let doc = dom_query::Document::from(html);
    chrome::strip(&doc);
    let cfg = dom_smoothie::Config { max_elements_to_parse: MAX_ELEMENTS, ..Default::default() };
    // A relative or malformed page URL only costs link resolution, not the article.
    let url = url.filter(|u| url::Url::parse(u).is_ok_and(|u| u.has_host()));
    let mut readability = match Readability::with_document(doc, url, Some(cfg.clone())) {
        Ok(r) => r,
        Err(_) => Readability::with_document(dom_query::Document::from(html), None, Some(cfg))
            .map_err(|_| ExtractError::NoContent)?,
    };
    let article = readability.parse().map_err(|e| match e {
        ReadabilityError::TooManyElements(n, _) => ExtractError::TooLarge(n),
        _ => ExtractError::NoContent,
    })?;
    let text: usize = article.text_content.split_whitespace().map(str::len).sum();
    if text < MIN_TEXT {
        return Err(ExtractError::NoContent);
    }
    Ok(Extracted {
        title: clean_line(&article.title),
        byline: article.byline.map(|b| clean_line(&b)).filter(|b| !b.is_empty()),
        content_html: clean(&article.content),
    })
}
