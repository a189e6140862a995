//! Just enough HTML for feed text: recognise a page, turn an HTML title into text, escape text.

/// Whether the document starts like an HTML page (doctype or `<html>`), after any BOM, XML
/// declaration and comments.
pub(crate) fn looks_like_html(bytes: &[u8]) -> bool {
    let mut rest = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    loop {
        rest = rest.trim_ascii_start();
        rest = if rest.starts_with(b"<?") {
            match skip_past(rest, b"?>") {
                Some(after) => after,
                None => return false,
            }
        } else if rest.starts_with(b"<!--") {
            match skip_past(rest, b"-->") {
                Some(after) => after,
                None => return false,
            }
        } else {
            return starts_with_ignore_case(rest, b"<!doctype html")
                || starts_with_ignore_case(rest, b"<html");
        };
    }
}

/// Whether a feed's root element starts near the top of the document.
pub(crate) fn has_feed_root(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    [&b"<rss"[..], b"<feed", b"<rdf:RDF"].iter().any(|tag| find(head, tag).is_some())
}

fn skip_past<'a>(bytes: &'a [u8], end: &[u8]) -> Option<&'a [u8]> {
    find(bytes, end).map(|at| &bytes[at + end.len()..])
}

/// Whether an HTML element appears near the start: for documents feed-rs could not read.
pub(crate) fn mentions_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    [&b"<html"[..], b"<head", b"<body"].iter().any(|tag| find_ignore_case(head, tag).is_some())
}

/// The text of an HTML fragment: tags dropped, entities decoded. For one-line fields.
pub(crate) fn text_of(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let tag = &rest[open..];
        if let Some(comment) = tag.strip_prefix("<!--") {
            // A comment is nothing, not even a word break.
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        // A tag separates words ("a<br>b" is two words).
        text.push(' ');
        // A script's or style's text is code, not words.
        let hidden =
            ["<script", "<style"].into_iter().find(|t| starts_with_ignore_case(tag.as_bytes(), t.as_bytes()));
        let close = match hidden {
            Some(t) => find_ignore_case(tag.as_bytes(), format!("</{}", &t[1..]).as_bytes())
                .and_then(|end| tag[end..].find('>').map(|c| end + c)),
            None => tag.find('>'),
        };
        rest = match close {
            Some(close) => &tag[close + 1..],
            None => "",
        };
    }
    text.push_str(rest);
    decode_entities(&text)
}

/// Decodes character references: numeric ones and the named ones feeds commonly use. Unknown
/// names are left as written.
pub(crate) fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest[1..]
            .find(';')
            .filter(|&semi| semi > 0 && semi <= 10)
            .and_then(|semi| entity(&rest[1..=semi]).map(|c| (c, semi + 2)));
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code);
    }
    // `&apos;` is XML's, not HTML 4's; the rest are HTML 4's (RSS 0.91's DTD brings them all).
    match name {
        "apos" => Some('\''),
        _ => super::repair::html_entity(name),
    }
}

/// Plain text as HTML: escaped, blank-line-separated paragraphs, line breaks kept.
pub(crate) fn text_to_html(text: &str) -> String {
    let mut html = String::with_capacity(text.len() + 16);
    for paragraph in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        html.push_str("<p>");
        for (i, line) in paragraph.lines().enumerate() {
            if i > 0 {
                html.push_str("<br>");
            }
            escape_into(&mut html, line);
        }
        html.push_str("</p>");
    }
    html
}

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

pub(crate) fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

pub(crate) fn find_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window.eq_ignore_ascii_case(needle))
}

fn starts_with_ignore_case(bytes: &[u8], prefix: &[u8]) -> bool {
    bytes.len() >= prefix.len() && bytes[..prefix.len()].eq_ignore_ascii_case(prefix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_pages_not_feeds() {
        assert!(looks_like_html(b"\n<!DOCTYPE html><html>"));
        assert!(looks_like_html(b"<?xml version=\"1.0\"?>\n<!-- hi --><html xmlns=\"x\">"));
        assert!(!looks_like_html(b"<?xml version=\"1.0\"?><rss version=\"2.0\">"));
        assert!(!looks_like_html(b"{\"version\": \"https://jsonfeed.org/version/1.1\"}"));
    }

    #[test]
    fn html_titles_become_text() {
        assert_eq!(text_of("Rust <b>1.90</b> &amp; Cargo&#8217;s &hellip;"), "Rust  1.90  & Cargo’s …");
        assert_eq!(text_of("safe<SCRIPT>alert('x')</script> text"), "safe  text");
        assert_eq!(text_of("sa<!-- a > b -->fe"), "safe");
        assert_eq!(decode_entities("AT&T &bogus; &#xZZ; & done"), "AT&T &bogus; &#xZZ; & done");
    }

    #[test]
    fn plain_text_is_escaped_into_paragraphs() {
        assert_eq!(text_to_html("a < b\nc\n\nd & e"), "<p>a &lt; b<br>c</p><p>d &amp; e</p>");
    }
}
