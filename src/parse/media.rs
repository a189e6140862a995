//! An entry's attachments: RSS `<enclosure>`, Media RSS `media:content` and `media:thumbnail`
//! (feed-rs reads all three into media objects), and Atom `rel="enclosure"` links.

use feed_rs::model::Entry;
use url::Url;

use memchr::memmem;

use super::items::absolute;
use crate::model::{Enclosure, Media, NewArticle};
use crate::sanitize::clean_line;

/// At most this many enclosures per item: a feed cannot fill the reader with them.
const MAX_ENCLOSURES: usize = 16;
/// Longest MIME type kept.
const MAX_MIME: usize = 100;

pub(super) fn media(entry: &Entry, base: Option<&Url>) -> Media {
    let mut enclosures: Vec<Enclosure> = Vec::new();
    let mut add = |enclosure: Enclosure| {
        if enclosures.len() < MAX_ENCLOSURES && !enclosures.iter().any(|e| e.url == enclosure.url) {
            enclosures.push(enclosure);
        }
    };
    // itunes:duration lands on a media object of its own: it is the episode's, the first file's.
    let mut item_duration = entry.media.iter().find_map(|object| object.duration);
    for object in &entry.media {
        for content in &object.content {
            let Some(url) = content.url.as_ref().and_then(|u| absolute(u.as_str(), base)) else { continue };
            let duration = content.duration.or(object.duration).or(item_duration.take());
            add(Enclosure {
                url,
                mime: content.content_type.as_ref().and_then(|t| mime(t.as_ref())),
                length: content.size.filter(|&n| n > 0),
                duration: duration.map(|d| d.as_secs()).filter(|&s| s > 0),
            });
        }
    }
    for link in
        entry.links.iter().filter(|l| l.rel.as_deref().is_some_and(|r| r.eq_ignore_ascii_case("enclosure")))
    {
        let Some(url) = absolute(&link.href, base) else { continue };
        add(Enclosure {
            url,
            mime: link.media_type.as_deref().and_then(mime),
            length: link.length.filter(|&n| n > 0),
            duration: None,
        });
    }
    let image = entry
        .media
        .iter()
        .flat_map(|object| &object.thumbnails)
        .find_map(|thumbnail| absolute(&thumbnail.image.uri, base));
    Media { enclosures, image }
}

fn mime(raw: &str) -> Option<String> {
    let line = clean_line(raw);
    (!line.is_empty() && line.len() <= MAX_MIME).then_some(line)
}

/// feed-rs drops an `itunes:duration` or a `media:thumbnail` that comes without other tags of
/// its kind: read them from the document, item by item, when an item lacks them. Only feeds
/// that have them pay more than one fast search.
pub(super) fn fill_from_document(items: &mut [NewArticle], doc: &[u8], base: Option<&Url>) {
    let lacking_duration = |a: &NewArticle| a.media.enclosures.first().is_some_and(|e| e.duration.is_none());
    let durations = items.iter().any(lacking_duration) && memmem::find(doc, b"<itunes:duration").is_some();
    let thumbnails =
        items.iter().any(|a| a.media.image.is_none()) && memmem::find(doc, b"<media:thumbnail").is_some();
    if !durations && !thumbnails {
        return;
    }
    let extras = item_extras(doc);
    if extras.len() != items.len() {
        return;
    }
    for (item, (duration, thumbnail)) in items.iter_mut().zip(extras) {
        if let Some(first) = item.media.enclosures.first_mut() {
            first.duration = first.duration.or(duration);
        }
        if item.media.image.is_none() {
            item.media.image = thumbnail.and_then(|t| absolute(&t.replace("&amp;", "&"), base));
        }
    }
}

/// Each `<item>`'s `itunes:duration` (in seconds) and first `media:thumbnail` URL, in document
/// order.
fn item_extras(doc: &[u8]) -> Vec<(Option<u64>, Option<String>)> {
    let mut out = Vec::new();
    let mut rest = doc;
    while let Some(start) = memmem::find(rest, b"<item") {
        rest = &rest[start + 5..];
        if !rest.first().is_some_and(|b| b.is_ascii_whitespace() || *b == b'>') {
            continue;
        }
        let end = memmem::find(rest, b"</item>").unwrap_or(rest.len());
        let item = &rest[..end];
        let duration = memmem::find(item, b"<itunes:duration>").and_then(|at| {
            let text = &item[at + b"<itunes:duration>".len()..];
            std::str::from_utf8(&text[..memchr::memchr(b'<', text)?]).ok().and_then(seconds)
        });
        let thumbnail = memmem::find(item, b"<media:thumbnail").and_then(|at| {
            let tag = &item[at..];
            let tag = &tag[..memchr::memchr(b'>', tag)?];
            let value = &tag[memmem::find(tag, b"url=")? + 4..];
            let quote = *value.first()?;
            let value = &value[1..];
            let value = &value[..memchr::memchr(quote, value)?];
            std::str::from_utf8(value).ok().map(str::to_string)
        });
        out.push((duration, thumbnail));
        rest = &rest[end..];
    }
    out
}

/// "42:17", "1:02:03" or "2537" as seconds.
fn seconds(text: &str) -> Option<u64> {
    let mut total = 0u64;
    for part in text.trim().split(':') {
        total = total.checked_mul(60)?.checked_add(part.trim().parse::<f64>().ok()? as u64)?;
    }
    (total > 0).then_some(total)
}
