//! Placeholder until the OPML/newsboat importer lands.

use crate::model::FeedSpec;

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ImportError(String);

pub struct Import {
    pub feeds: Vec<FeedSpec>,
    pub skipped: Vec<String>,
}

pub fn parse_subscriptions(_text: &str) -> Result<Import, ImportError> {
    todo!()
}

pub fn export_opml(_feeds: &[FeedSpec]) -> String {
    todo!()
}
