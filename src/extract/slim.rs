//! The page without its scripts and styles: more than half of a news page's bytes, none of
//! them text, and both extractors would parse them into trees only to throw them away. JSON-LD
//! scripts stay: they carry the author and the date. Comments are stepped over whole, so a
//! `<script>` written inside one starts nothing.

use std::borrow::Cow;

/// Elements dropped with their contents. Their contents are raw text up to the end tag, so the
/// first end tag closes them (no nesting, no self-closing).
const DROPPED: &[&str] = &["script", "style"];

pub(super) fn slim(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out = String::new();
    let mut copied = 0;
    let mut at = 0;
    while let Some(offset) = find(bytes, at, b"<") {
        let open = offset;
        at = open + 1;
        if bytes[open..].starts_with(b"<!--") {
            match find(bytes, open + 4, b"-->") {
                Some(end) => at = end + 3,
                None => break,
            }
            continue;
        }
        let Some(name) = DROPPED.iter().find(|name| starts_tag(&bytes[open + 1..], name)) else {
            continue;
        };
        let Some(tag_end) = find(bytes, open, b">").map(|e| e + 1) else {
            break;
        };
        // Without its end tag the element is left as it is: better a slow page than a lost one.
        let Some(close) = find_end_tag(bytes, tag_end, name) else {
            break;
        };
        if *name != "script" || !html[open..tag_end].to_ascii_lowercase().contains("ld+json") {
            out.push_str(&html[copied..open]);
            copied = close;
        }
        at = close;
    }
    if copied == 0 {
        return Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

/// How many elements `html` opens, about (a `<` before a letter): what a page costs to parse.
pub(super) fn elements(html: &str) -> usize {
    let bytes = html.as_bytes();
    memchr::memchr_iter(b'<', bytes)
        .filter(|&at| bytes.get(at + 1).is_some_and(u8::is_ascii_alphabetic))
        .count()
}

/// Elements without an end tag, or whose end tag pages often leave out: not counted as nesting.
const UNNESTED: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "tbody", "thead", "tfoot", "colgroup",
];

/// How deep elements nest, about: what makes both extractors slow (their walks are quadratic
/// in depth), so a page nested far deeper than any site's is refused before they start.
pub(super) fn depth(html: &str) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut deepest) = (0usize, 0usize);
    for at in memchr::memchr_iter(b'<', bytes) {
        let rest = &bytes[at + 1..];
        let (closing, rest) = match rest.first() {
            Some(b'/') => (true, &rest[1..]),
            Some(c) if c.is_ascii_alphabetic() => (false, rest),
            _ => continue,
        };
        let name_len = rest.iter().take_while(|c| c.is_ascii_alphanumeric()).count();
        let name = &rest[..name_len];
        if UNNESTED.iter().any(|u| name.eq_ignore_ascii_case(u.as_bytes())) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else if !self_closing(&rest[name_len..]) {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

/// Whether a start tag's rest (after its name) ends in `/>`.
fn self_closing(rest: &[u8]) -> bool {
    memchr::memchr(b'>', rest).is_some_and(|end| end > 0 && rest[end - 1] == b'/')
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(bytes.get(from..)?, needle).map(|at| from + at)
}

/// Whether `rest` (the bytes after a `<`) opens the element `name`.
fn starts_tag(rest: &[u8], name: &str) -> bool {
    rest.len() > name.len()
        && rest[..name.len()].eq_ignore_ascii_case(name.as_bytes())
        && matches!(rest[name.len()], b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r')
}

/// The offset just past `</name ...>` at or after `from`.
fn find_end_tag(bytes: &[u8], from: usize, name: &str) -> Option<usize> {
    let mut at = from;
    while let Some(open) = find(bytes, at, b"</") {
        if starts_tag(&bytes[open + 2..], name) {
            return find(bytes, open, b">").map(|e| e + 1);
        }
        at = open + 2;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{depth, elements, slim};

    #[test]
    fn scripts_and_styles_go_json_ld_stays() {
        let page = "<p>a</p><SCRIPT src=x>var s = '<p>no</p>';</script ><style>p{}</style><svg viewBox=1><path/></svg><script type=\"application/ld+json\">{\"x\": \"<style>\"}</script><scripts>b</scripts>";
        assert_eq!(
            slim(page),
            "<p>a</p><svg viewBox=1><path/></svg><script type=\"application/ld+json\">{\"x\": \"<style>\"}</script><scripts>b</scripts>"
        );
        assert_eq!(slim("<p>plain</p>"), "<p>plain</p>");
        assert_eq!(slim("<p>cut</p><script>never closed"), "<p>cut</p><script>never closed");
        assert_eq!(slim("<p>é</p><script>x</script>ü<"), "<p>é</p>ü<");
        // A script named in a comment starts nothing.
        let commented = "<!-- <script> --><p>kept</p><script>x</script><p>too</p>";
        assert_eq!(slim(commented), "<!-- <script> --><p>kept</p><p>too</p>");
    }

    #[test]
    fn depth_counts_nesting_but_not_void_or_unclosed_paragraphs() {
        assert_eq!(depth("<div><section><p>a<p>b<br><img src=x></section></div><div/>"), 2);
        assert_eq!(depth(&"<div>".repeat(1500)), 1500);
    }

    #[test]
    fn elements_are_counted_by_their_start_tags() {
        assert_eq!(elements("<html><body><p>a < b</p></body></html>"), 3);
    }
}
