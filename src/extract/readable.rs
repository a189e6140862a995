//! Readability (dom_smoothie): the element that holds the article, kept whole, and the page's
//! metadata as readability reads it (JSON-LD, Open Graph, meta tags).

use dom_smoothie::{Article, Config, Readability, ReadabilityError};

use super::{ExtractError, MAX_ELEMENTS};

/// Readability's article, or None when it found none. Only a page too large to score is an
/// error: anything else is left to the other extractor and the fallback.
pub(super) fn read(html: &str, url: Option<&str>) -> Result<Option<Article>, ExtractError> {
    let cfg = Config {
        max_elements_to_parse: MAX_ELEMENTS,
        // The chrome rules ([`super::chrome`]) read class names in the article.
        keep_classes: true,
        ..Default::default()
    };
    let Ok(mut readability) = Readability::new(html, url, Some(cfg)) else {
        return Ok(None);
    };
    match readability.parse() {
        Ok(article) => Ok(Some(article)),
        Err(ReadabilityError::TooManyElements(n, _)) => Err(ExtractError::TooLarge(n)),
        Err(_) => Ok(None),
    }
}
