//! One feed-rs entry -> [`NewArticle`]: best link, date, author, categories, content; all text
//! sanitised, since every field here came from the network.

use chrono::{DateTime, Duration, Utc};
use feed_rs::model::{Entry, Link, Text};
use url::Url;

use super::{html, keys, media};
use crate::model::NewArticle;
use crate::sanitize::{clean_line, clean_owned};

/// Characters of content text used as a title when an item has none (microblog posts).
const UNTITLED_CHARS: usize = 80;

pub(super) fn article(entry: Entry, base: Option<&Url>, now: DateTime<Utc>) -> NewArticle {
    let link = best_link(&entry.links, base);
    let media = media::media(&entry, base);
    let content_html = clean_owned(best_content(&entry));
    let mut title = entry.title.as_ref().map(text_line).unwrap_or_default();
    if title.is_empty() {
        title = excerpt(&content_html);
    }
    let key = keys::key(&entry.id, link.as_deref(), &title, &content_html);
    let author = entry
        .authors
        .iter()
        .filter_map(|person| person.name.as_deref().or(person.email.as_deref()))
        .map(person_name)
        .filter(|name| !name.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let mut categories: Vec<String> = Vec::new();
    for category in &entry.categories {
        let name =
            clean_line(category.label.as_deref().filter(|l| !l.trim().is_empty()).unwrap_or(&category.term));
        if !name.is_empty() && !categories.iter().any(|c| c.to_lowercase() == name.to_lowercase()) {
            categories.push(name);
        }
    }
    NewArticle {
        key,
        title,
        link,
        author: Some(author).filter(|a| !a.is_empty()),
        published: entry.published.or(entry.updated).filter(|date| *date <= now + Duration::days(1)),
        categories,
        content_html,
        media,
    }
}

/// RSS `<author>` is "email (Name)"; feed-rs takes the email out and leaves "(Name)".
fn person_name(raw: &str) -> String {
    let name = clean_line(raw);
    match name.strip_prefix('(').and_then(|n| n.strip_suffix(')')) {
        Some(inner) => inner.trim().to_string(),
        None => name,
    }
}

/// A one-line title: HTML titles (Atom `type="html"`) lose their tags, and entities are decoded
/// everywhere since RSS titles often carry them escaped twice.
pub(super) fn text_line(text: &Text) -> String {
    let line = if text.content_type.subty() == "plain" {
        html::decode_entities(&text.content)
    } else {
        html::text_of(&text.content)
    };
    clean_line(&line)
}

/// The page of the item: an alternate link, not a comments thread, feed or enclosure; absolute
/// http(s) only (a `javascript:` link is not something to open).
pub(super) fn best_link(links: &[Link], base: Option<&Url>) -> Option<String> {
    links
        .iter()
        .filter(|link| link.target.is_none())
        .filter(|link| link.rel.as_deref().is_none_or(|rel| rel.eq_ignore_ascii_case("alternate")))
        .find_map(|link| absolute(&link.href, base))
}

pub(crate) fn absolute(href: &str, base: Option<&Url>) -> Option<String> {
    let href = href.trim();
    let url = match Url::parse(href) {
        Ok(url) => url,
        Err(url::ParseError::RelativeUrlWithoutBase) => base?.join(href).ok()?,
        Err(_) => return None,
    };
    matches!(url.scheme(), "http" | "https").then(|| url.to_string())
}

/// Full content over summary, over a media description (video feeds); plain text is escaped so
/// everything returned is HTML.
fn best_content(entry: &Entry) -> String {
    // (body, is plain text); feed-rs does not export the media type, so compare in place.
    let content =
        entry.content.as_ref().and_then(|c| Some((c.body.as_deref()?, c.content_type.subty() == "plain")));
    let summary = entry.summary.as_ref().map(|s| (s.content.as_str(), s.content_type.subty() == "plain"));
    let media = entry.media.iter().find_map(|m| m.description.as_ref());
    let media = media.map(|d| (d.content.as_str(), d.content_type.subty() == "plain"));
    match [content, summary, media].into_iter().flatten().find(|(body, _)| !body.trim().is_empty()) {
        Some((body, true)) => html::text_to_html(body),
        Some((body, false)) => body.to_string(),
        None => String::new(),
    }
}

/// The start of the content's text, for an item without a title.
fn excerpt(content_html: &str) -> String {
    let text = clean_line(&html::text_of(content_html));
    match text.char_indices().nth(UNTITLED_CHARS) {
        Some((at, _)) => format!("{}…", text[..at].trim_end()),
        None => text,
    }
}
