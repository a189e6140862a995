//! Digests that let a save skip work: of a fetched feed's items (many servers ignore conditional
//! GET and send the same document every time: when its digest matches the last saved one,
//! saving skips the per-article comparisons entirely), and of the subscription list last applied.

use sha2::{Digest, Sha256};

use crate::model::{FeedSpec, NewArticle};

/// Adds one field, length-prefixed, so ("ab", "c") and ("a", "bc") differ.
fn add(hash: &mut Sha256, bytes: &[u8]) {
    hash.update((bytes.len() as u64).to_le_bytes());
    hash.update(bytes);
}

/// A digest of everything `sync_feeds` applies from a subscription list, in order.
pub(super) fn subscriptions_digest(specs: &[FeedSpec]) -> Vec<u8> {
    let mut hash = Sha256::new();
    for spec in specs {
        add(&mut hash, spec.url.as_bytes());
        add(&mut hash, spec.title.as_deref().unwrap_or("\0none").as_bytes());
        add(&mut hash, &(spec.tags.len() as u64).to_le_bytes());
        for tag in &spec.tags {
            add(&mut hash, tag.as_bytes());
        }
        add(&mut hash, &[u8::from(spec.full_text)]);
        add(&mut hash, &spec.max_articles.map_or(-1, i64::from).to_le_bytes());
        add(&mut hash, &spec.refresh_minutes.map_or(-1, i64::from).to_le_bytes());
    }
    hash.finalize().to_vec()
}

pub(super) fn fingerprint(items: &[NewArticle]) -> Vec<u8> {
    let mut hash = Sha256::new();
    let mut field = |bytes: &[u8]| add(&mut hash, bytes);
    for item in items {
        field(item.key.as_bytes());
        field(item.title.as_bytes());
        field(item.link.as_deref().unwrap_or("\0none").as_bytes());
        field(item.author.as_deref().unwrap_or("\0none").as_bytes());
        field(&item.published.map_or(i64::MIN, |d| d.timestamp()).to_le_bytes());
        field(&(item.categories.len() as u64).to_le_bytes());
        for category in &item.categories {
            field(category.as_bytes());
        }
        field(item.content_html.as_bytes());
        field(&(item.media.enclosures.len() as u64).to_le_bytes());
        for e in &item.media.enclosures {
            field(e.url.as_bytes());
            field(e.mime.as_deref().unwrap_or("\0none").as_bytes());
            field(&e.length.unwrap_or(u64::MAX).to_le_bytes());
            field(&e.duration.unwrap_or(u64::MAX).to_le_bytes());
        }
        field(item.media.image.as_deref().unwrap_or("\0none").as_bytes());
    }
    hash.finalize().to_vec()
}

#[cfg(test)]
mod tests {
    use super::fingerprint;
    use crate::model::NewArticle;

    #[test]
    fn differs_when_any_field_differs() {
        let a = NewArticle { key: "k".into(), title: "ab".into(), ..NewArticle::default() };
        let shifted = NewArticle { key: "ka".into(), title: "b".into(), ..NewArticle::default() };
        let mut categorised = a.clone();
        categorised.categories.push("x".into());
        let base = fingerprint(std::slice::from_ref(&a));
        assert_eq!(base, fingerprint(std::slice::from_ref(&a)));
        assert_ne!(base, fingerprint(&[shifted]));
        assert_ne!(base, fingerprint(&[categorised]));
        assert_ne!(base, fingerprint(&[]));
    }
}
