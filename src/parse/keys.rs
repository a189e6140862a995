//! Stable identity of an item within its feed, and merging of items that share one.

use std::collections::HashSet;

use sha2::{Digest, Sha256};

use crate::model::NewArticle;

/// The item's guid/id when the feed gave one, else its link, else a hash of its title and content:
/// the same item fetched again gets the same key.
pub(super) fn key(id: &str, link: Option<&str>, title: &str, content: &str) -> String {
    let id = id.trim();
    if !id.is_empty() {
        return id.to_string();
    }
    if let Some(link) = link {
        return link.to_string();
    }
    let digest = Sha256::new().chain_update(title).chain_update([0]).chain_update(content).finalize();
    let hex: String = digest[..16].iter().map(|byte| format!("{byte:02x}")).collect();
    format!("sha256:{hex}")
}

/// Keeps the first item of each key: feeds that repeat an item list it again further down.
pub(super) fn dedup(items: &mut Vec<NewArticle>) {
    let mut seen = HashSet::with_capacity(items.len());
    items.retain(|item| seen.insert(item.key.clone()));
}
