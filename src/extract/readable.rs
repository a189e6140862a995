//! Readability (dom_smoothie): the element that holds the article, kept whole, and the page's
//! metadata as readability reads it (JSON-LD, Open Graph, meta tags).

use dom_smoothie::{Article, Config, Readability, ReadabilityError};

use super::{ExtractError, MAX_ELEMENTS};

/// What readability found, as owned text (its own article holds thread-bound tendrils).
#[derive(Debug, Clone)]
pub(super) struct Readable {
    pub content: String,
    pub title: String,
    pub byline: Option<String>,
    pub site_name: Option<String>,
    pub image: Option<String>,
    pub published_time: Option<String>,
}

impl From<Article> for Readable {
    fn from(article: Article) -> Self {
        Readable {
            content: article.content.to_string(),
            title: article.title,
            byline: article.byline,
            site_name: article.site_name,
            image: article.image,
            published_time: article.published_time,
        }
    }
}

/// Readability's article, or None when it found none. Only a page too large to score is an
/// error: anything else is left to the other extractor and the fallback.
pub(super) fn read(html: &str, url: Option<&str>) -> Result<Option<Readable>, ExtractError> {
    let cfg = Config {
        max_elements_to_parse: MAX_ELEMENTS,
        // The chrome rules ([`super::chrome`]) read class names in the article.
        keep_classes: true,
        // Readability retries with looser rules while its article is shorter than this; at its
        // default (500 characters) a two-paragraph post grows into the comments below it.
        char_threshold: 100,
        ..Default::default()
    };
    let Ok(mut readability) = Readability::new(html, url, Some(cfg)) else {
        return Ok(None);
    };
    match readability.parse() {
        Ok(article) => Ok(Some(article.into())),
        Err(ReadabilityError::TooManyElements(n, _)) => Err(ExtractError::TooLarge(n)),
        Err(_) => Ok(None),
    }
}
