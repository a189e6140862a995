//! The page without its scripts, styles and inline SVG: more than half of a news page's bytes,
//! none of them text, and both extractors would parse them into trees only to throw them away.
//! JSON-LD scripts stay: they carry the author and the date.

use std::borrow::Cow;

/// Elements dropped with their contents.
const DROPPED: &[&str] = &["script", "style", "svg"];

pub(super) fn slim(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out = String::new();
    let mut copied = 0;
    let mut at = 0;
    while let Some(offset) = memchr(b'<', &bytes[at..]) {
        let open = at + offset;
        at = open + 1;
        let Some(name) = DROPPED.iter().find(|name| starts_tag(&bytes[open + 1..], name)) else {
            continue;
        };
        let Some(tag_end) = memchr(b'>', &bytes[open..]).map(|e| open + e + 1) else {
            break;
        };
        if *name == "script" && is_json_ld(&html[open..tag_end]) {
            at = tag_end;
            continue;
        }
        // Without its end tag the element is left as it is: better a slow page than a lost one.
        let Some(close) = find_end_tag(bytes, tag_end, name) else {
            break;
        };
        out.push_str(&html[copied..open]);
        copied = close;
        at = close;
    }
    if copied == 0 {
        return Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|&b| b == needle)
}

/// Whether `rest` (the bytes after a `<`) opens the element `name`.
fn starts_tag(rest: &[u8], name: &str) -> bool {
    rest.len() > name.len()
        && rest[..name.len()].eq_ignore_ascii_case(name.as_bytes())
        && matches!(rest[name.len()], b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r')
}

fn is_json_ld(tag: &str) -> bool {
    tag.to_ascii_lowercase().contains("ld+json")
}

/// The offset just past `</name ...>` at or after `from`.
fn find_end_tag(bytes: &[u8], from: usize, name: &str) -> Option<usize> {
    let mut at = from;
    while let Some(offset) = memchr(b'<', &bytes[at..]) {
        let open = at + offset;
        if bytes.get(open + 1) == Some(&b'/') && starts_tag(&bytes[open + 2..], name) {
            return memchr(b'>', &bytes[open..]).map(|e| open + e + 1);
        }
        at = open + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::slim;

    #[test]
    fn scripts_styles_and_svg_go_json_ld_stays() {
        let page = "<p>a</p><SCRIPT src=x>var s = '<p>no</p>';</script ><style>p{}</style><svg viewBox=1><path/></svg><script type=\"application/ld+json\">{}</script><scripts>b</scripts>";
        assert_eq!(
            slim(page),
            "<p>a</p><script type=\"application/ld+json\">{}</script><scripts>b</scripts>"
        );
        assert_eq!(slim("<p>plain</p>"), "<p>plain</p>");
        assert_eq!(slim("<p>cut</p><script>never closed"), "<p>cut</p><script>never closed");
        assert_eq!(slim("<p>é</p><script>x</script>ü<"), "<p>é</p>ü<");
    }
}
