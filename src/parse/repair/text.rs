//! The text-level repairs: character references, attribute values, the inside of text
//! elements, CDATA.

use super::{html_entity, is_name_start, local};

/// Text with every `&` made valid XML: the five XML entities and valid character references
/// stay, HTML entities become their characters, anything else is a literal ampersand.
pub(super) fn fix_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let len = reference(rest, &mut out);
        rest = &rest[len..];
    }
    out.push_str(rest);
    out
}

/// Writes the repaired form of the reference at the start of `text` (which starts with `&`);
/// returns how many bytes it took.
fn reference(text: &str, out: &mut String) -> usize {
    let body = &text[1..];
    let end = body.find(|c: char| !(c.is_ascii_alphanumeric() || c == '#')).unwrap_or(body.len());
    if body[end..].starts_with(';') && end > 0 {
        let name = &body[..end];
        let taken = end + 2;
        if matches!(name, "amp" | "lt" | "gt" | "quot" | "apos") {
            out.push_str(&text[..taken]);
            return taken;
        }
        if let Some(number) = name.strip_prefix('#') {
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => number.parse().ok(),
            };
            match code.and_then(xml_char) {
                Some(c) => push_char(out, c),
                None => out.push('\u{fffd}'),
            }
            return taken;
        }
        if let Some(c) = html_entity(name) {
            push_char(out, c);
            return taken;
        }
    }
    out.push_str("&amp;");
    1
}

/// The character a reference stands for, if XML allows it; the C1 range is read as
/// windows-1252 (what `&#146;` meant in every feed that wrote it).
fn xml_char(code: u32) -> Option<char> {
    if (0x80..=0x9f).contains(&code) {
        let byte = [code as u8];
        return encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte).0.chars().next();
    }
    let c = char::from_u32(code)?;
    let allowed = matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && !matches!(c, '\u{fffe}' | '\u{ffff}'));
    allowed.then_some(c)
}

/// A character decoded from a reference, written back as XML text.
fn push_char(out: &mut String, c: char) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        c => out.push(c),
    }
}

/// An attribute value as it will be written between double quotes.
pub(super) fn fix_attr(value: &str) -> String {
    let fixed = fix_text(value);
    if !fixed.contains(['<', '"']) {
        return fixed;
    }
    fixed.replace('<', "&lt;").replace('"', "&quot;")
}

pub(super) fn push_attr(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    out.push_str(value);
    out.push('"');
}

pub(super) fn push_end(out: &mut String, name: &str) {
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

/// Elements whose content a person reads as text (or as HTML written as text): titles,
/// descriptions, summaries, Atom content that is not XHTML and not elsewhere (`src`).
pub(super) fn is_text_element(name: &str, attrs: &[(String, String)]) -> bool {
    let attr = |key: &str| attrs.iter().find(|(n, _)| n == key).map(|(_, v)| v.as_str());
    let prefix = name.split_once(':').map(|(p, _)| p);
    let xhtml = attr("type").is_some_and(|t| t == "xhtml");
    let text_like = match local(name) {
        "title" | "description" | "summary" | "subtitle" | "rights" => true,
        "encoded" => prefix == Some("content"),
        "content" => prefix.is_none_or(|p| p == "atom") && attr("src").is_none() && attr("url").is_none(),
        _ => false,
    };
    text_like && !xhtml
}

/// Atom text constructs with a MIME type where Atom 1.0 has a keyword: feed-rs rejects the
/// whole feed on an unknown type. Any other MIME type means base64 (RFC 4287, 4.1.3.3).
pub(super) fn normalise_type(name: &str, attrs: &mut Vec<(String, String)>) {
    if !matches!(local(name), "title" | "subtitle" | "summary" | "content" | "rights") {
        return;
    }
    let Some(at) = attrs.iter().position(|(key, _)| key == "type") else { return };
    let lower = attrs[at].1.to_ascii_lowercase();
    let mapped = match lower.as_str() {
        "text" | "text/plain" | "plain" => "text",
        "html" | "text/html" | "escaped" => "html",
        "xhtml" | "application/xhtml+xml" => "xhtml",
        t if t.starts_with("text/") || t.ends_with("xml") => "text",
        _ if local(name) == "content" && attrs.iter().any(|(key, _)| key == "src") => return,
        _ => {
            if !attrs.iter().any(|(key, _)| key == "mode") {
                attrs.push(("mode".into(), "base64".into()));
            }
            "html"
        }
    };
    attrs[at].1 = mapped.to_string();
}

/// The inside of element `name` whose start tag ends at `pos`, up to its end tag: (inner,
/// where reading goes on, whether the end tag was there). The end tag of an open ancestor
/// ends it too and is left to be read. None: the input ends first.
pub(super) fn raw_inner<'a>(
    doc: &'a str,
    pos: usize,
    name: &str,
    ancestors: &[&str],
) -> Option<(&'a str, usize, bool)> {
    let mut i = pos;
    loop {
        let lt = doc[i..].find('<')? + i;
        let rest = &doc[lt..];
        if rest.starts_with("<![CDATA[") {
            i = cdata_at(doc, lt)?.1;
            continue;
        }
        if rest.starts_with("<!--") {
            i = lt + rest.find("-->")? + 3;
            continue;
        }
        if let Some(end) = rest.strip_prefix("</") {
            let close = end.find('>')?;
            let end_name = end[..close].trim();
            if end_name == name {
                return Some((&doc[pos..lt], lt + 2 + close + 1, true));
            }
            if ancestors.contains(&end_name) {
                return Some((&doc[pos..lt], lt, false));
            }
        }
        i = lt + 1;
    }
}

/// The CDATA section at `pos`: its inside (nested sections included) and the position after it.
pub(super) fn cdata_at(doc: &str, pos: usize) -> Option<(&str, usize)> {
    const OPEN: &str = "<![CDATA[";
    let start = pos + OPEN.len();
    let mut depth = 1usize;
    let mut i = start;
    loop {
        let rest = &doc[i..];
        let close = rest.find("]]>")?;
        match rest[..close].find(OPEN) {
            Some(open) => {
                depth += 1;
                i += open + OPEN.len();
            }
            None => {
                depth -= 1;
                if depth == 0 {
                    return Some((&doc[start..i + close], i + close + 3));
                }
                i += close + 3;
            }
        }
    }
}

/// Text with every CDATA marker removed: a section nested in another reads as its text.
pub(super) fn unnest_cdata(text: &str) -> String {
    text.replace("<![CDATA[", "").replace("]]>", "")
}

/// Whether there are tags outside CDATA and comments.
pub(super) fn has_markup(inner: &str) -> bool {
    let mut rest = inner;
    while let Some(lt) = rest.find('<') {
        let after = &rest[lt + 1..];
        if after.starts_with("![CDATA[") || after.starts_with("!--") {
            let end = if after.starts_with('!') && after.starts_with("!--") { "-->" } else { "]]>" };
            match after.find(end) {
                Some(e) => rest = &after[e + end.len()..],
                None => return false,
            }
            continue;
        }
        let next = after.strip_prefix('/').unwrap_or(after);
        if next.chars().next().is_some_and(is_name_start) {
            return true;
        }
        rest = after;
    }
    false
}

/// Each piece of the inside of a text element, in order.
enum Piece<'a> {
    Text(&'a str),
    Cdata(&'a str),
    Tag,
}

fn pieces(inner: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < inner.len() {
        let rest = &inner[i..];
        let Some(lt) = rest.find('<') else {
            out.push(Piece::Text(rest));
            break;
        };
        if lt > 0 {
            out.push(Piece::Text(&rest[..lt]));
        }
        let at = &rest[lt..];
        if let Some(unclosed) = at.strip_prefix("<![CDATA[") {
            match cdata_at(inner, i + lt) {
                Some((text, after)) => {
                    out.push(Piece::Cdata(text));
                    i = after;
                }
                None => {
                    out.push(Piece::Cdata(unclosed));
                    break;
                }
            }
        } else if at.starts_with("<!--") {
            i += lt + at.find("-->").map_or(at.len(), |e| e + 3);
        } else if at[1..].strip_prefix('/').unwrap_or(&at[1..]).chars().next().is_some_and(is_name_start) {
            out.push(Piece::Tag);
            i += lt + at.find('>').map_or(at.len(), |e| e + 1);
        } else {
            out.push(Piece::Text("&lt;"));
            i += lt + 1;
        }
    }
    out
}

/// The text inside a title, or a description without markup: tags dropped, references
/// repaired, CDATA read as text.
pub(super) fn strip_tags(inner: &str) -> String {
    let mut out = String::with_capacity(inner.len());
    for piece in pieces(inner) {
        match piece {
            Piece::Text(text) => out.push_str(&fix_text(text)),
            Piece::Cdata(text) => out.push_str(&escape_all(&unnest_cdata(text))),
            Piece::Tag => {}
        }
    }
    out
}

/// Text escaped whole, markup included: a description's HTML handed on as text.
pub(super) fn escape_all(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// The text of a `mode="base64"` element (Atom 0.3); what does not decode is dropped.
pub(super) fn base64_text(inner: &str) -> String {
    let mut bytes = Vec::with_capacity(inner.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for b in inner.bytes() {
        let v = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => continue,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            bytes.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        assert_eq!(
            fix_text("AT&T &amp; b&ocirc;t &#233; &#x1F600; &bogus; &#0; &#146;"),
            "AT&amp;T &amp; bôt é 😀 &amp;bogus; \u{fffd} ’"
        );
        assert_eq!(fix_text("?a=1&b=2&"), "?a=1&amp;b=2&amp;");
        assert_eq!(fix_text("&#38; &lt;"), "&amp; &lt;");
    }

    #[test]
    fn nested_cdata() {
        let doc = "<![CDATA[a <![CDATA[b]]> c]]>rest";
        assert_eq!(cdata_at(doc, 0), Some(("a <![CDATA[b]]> c", doc.len() - 4)));
        assert_eq!(unnest_cdata("a <![CDATA[b]]> c"), "a b c");
        assert_eq!(cdata_at("<![CDATA[never closed", 0), None);
    }

    #[test]
    fn base64() {
        assert_eq!(base64_text("PGI+aGk8L2I+\n"), "<b>hi</b>");
    }

    #[test]
    fn titles_lose_their_tags() {
        assert_eq!(
            strip_tags("Raw <b>bold</b> &amp; AT&T <![CDATA[<i>]]>"),
            "Raw bold &amp; AT&amp;T &lt;i&gt;"
        );
    }
}
