//! The reader's document shape: a header, the body, the numbered links, then the numbered
//! attachments (enclosures and thumbnail; numbers go on from the links'). Shared by `update` (scroll limits, opening link N)
//! and the UI (drawing).

use super::state::{Reader, State};
use crate::model::Enclosure;
use crate::text::wrap_plain;

/// Header lines after the title: feed/author, date, link, blank.
pub const HEADER_EXTRA: usize = 4;

/// The title wrapped at `width` display cells (at least one line, so the header keeps its shape).
pub fn title_lines(reader: &Reader, width: u16) -> Vec<String> {
    let Some(article) = reader.article() else { return Vec::new() };
    let mut lines = wrap_plain(&article.summary.title, usize::from(width));
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// Lines in the reader's document at `width` (for scroll limits).
pub fn doc_len(state: &State, width: u16) -> usize {
    let reader = &state.reader;
    if reader.article().is_none() {
        return 0;
    }
    let body = reader.body.loaded().map(|b| (b.rendered.lines.len(), b.rendered.links.len()));
    let (lines, links) = body.unwrap_or((1, 0));
    let links = if links > 0 { links + 2 } else { 0 };
    let attachments = attachments(reader).len();
    let attachments = if attachments > 0 && reader.body.loaded().is_some() { attachments + 2 } else { 0 };
    let pictures: usize = placed_pictures(state, width).iter().map(|p| usize::from(p.room())).sum();
    title_lines(reader, width).len() + HEADER_EXTRA + lines + links + attachments + pictures
}

/// A picture in the reader's document: drawn from row `top` for `rows` rows (0 until its size
/// is known), just above body line `line`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    pub url: String,
    pub top: usize,
    pub rows: u16,
    pub line: usize,
    /// The lead picture (the feed's thumbnail or the page's og:image), heading the body.
    pub lead: bool,
}

impl Placed {
    /// Rows it adds to the document: the lead has a blank row under it; a body picture's
    /// placeholder, already in the text, is its caption.
    pub fn room(&self) -> u16 {
        if self.rows == 0 { 0 } else { self.rows + u16::from(self.lead) }
    }
}

/// The open article's pictures in document order, where the reader draws them; none when
/// pictures are not drawn or the body is not laid out.
pub fn placed_pictures(state: &State, width: u16) -> Vec<Placed> {
    let reader = &state.reader;
    let (Some(_), Some(article), Some(body)) =
        (state.settings.pictures, reader.article(), reader.body.loaded())
    else {
        return Vec::new();
    };
    let base = article.summary.link.as_deref().and_then(|l| url::Url::parse(l).ok());
    let rendered = &body.rendered;
    let mut urls: Vec<(String, usize, bool)> = rendered
        .pictures
        .iter()
        .filter_map(|spot| {
            let link = rendered.links.get(usize::from(spot.link).checked_sub(1)?)?;
            Some((absolute(&link.url, base.as_ref())?, spot.line, false))
        })
        .collect();
    let lead = article.media.image.as_deref().and_then(|u| absolute(u, base.as_ref()));
    if let Some(lead) = lead
        && !urls.iter().any(|(u, ..)| *u == lead)
    {
        urls.insert(0, (lead, 0, true));
    }
    let mut top = title_lines(reader, width).len() + HEADER_EXTRA;
    let mut placed = Vec::with_capacity(urls.len());
    let mut line = 0;
    for (url, at, lead) in urls {
        top += at - line;
        line = at;
        let rows = reader.pictures.rows(&url);
        let p = Placed { url, top, rows, line: at, lead };
        top += usize::from(p.room());
        placed.push(p);
    }
    placed
}

/// An http(s) address for a picture's source, relative ones against the article's link.
fn absolute(src: &str, base: Option<&url::Url>) -> Option<String> {
    let url = match url::Url::parse(src) {
        Ok(url) => url,
        Err(url::ParseError::RelativeUrlWithoutBase) => base?.join(src).ok()?,
        Err(_) => return None,
    };
    matches!(url.scheme(), "http" | "https").then(|| url.to_string())
}

/// The open article's attachments as the reader numbers them after the body's links: its
/// enclosures, then its thumbnail; each with what is known about it.
pub fn attachments(reader: &Reader) -> Vec<(&str, String)> {
    let Some(article) = reader.article() else { return Vec::new() };
    let media = &article.media;
    let mut list: Vec<(&str, String)> =
        media.enclosures.iter().map(|e| (e.url.as_str(), enclosure_label(e))).collect();
    if let Some(image) = &media.image {
        list.push((image, "thumbnail".into()));
    }
    list
}

/// "audio/mpeg, 12.3 MB, 42:17": what is known about an enclosure besides its address.
pub fn enclosure_label(enclosure: &Enclosure) -> String {
    let mut parts: Vec<String> = Vec::new();
    parts.extend(enclosure.mime.clone());
    if let Some(bytes) = enclosure.length {
        parts.push(size(bytes));
    }
    if let Some(seconds) = enclosure.duration {
        let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
        parts.push(if h > 0 { format!("{h}:{m:02}:{s:02}") } else { format!("{m}:{s:02}") });
    }
    parts.join(", ")
}

fn size(bytes: u64) -> String {
    let units = [(1e9, "GB"), (1e6, "MB"), (1e3, "kB")];
    let b = bytes as f64;
    match units.iter().find(|(scale, _)| b >= *scale) {
        Some((scale, unit)) => format!("{:.1} {unit}", b / scale),
        None => format!("{bytes} B"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        let e = Enclosure {
            url: "https://x.example/a.mp3".into(),
            mime: Some("audio/mpeg".into()),
            length: Some(12_345_678),
            duration: Some(42 * 60 + 17),
        };
        assert_eq!(enclosure_label(&e), "audio/mpeg, 12.3 MB, 42:17");
        let long = Enclosure { duration: Some(3 * 3600 + 5), length: Some(900), mime: None, ..e };
        assert_eq!(enclosure_label(&long), "900 B, 3:00:05");
    }
}
