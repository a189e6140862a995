//! Makes page HTML safe to lay out: nothing that reaches html2text can carry a control character.
//!
//! The decorator marks headings, quotes and bullets with C0 control characters, so the page must
//! not be able to forge them: raw control characters and escape sequences go through
//! [`crate::sanitize::clean`], and numeric character references that would decode to a control
//! character (`&#27;`, `&#x1b`) are dropped before parsing. The same goes for the private-use
//! character that stands for `<hr>`.

use super::decorator::RULE;
use crate::sanitize::clean;

pub(super) fn neutralise(html: &str) -> String {
    let cleaned = clean(html).replace(RULE, "");
    let cleaned = mark_rules(&pin_preformatted(&cleaned));
    if !cleaned.contains("&#") {
        return cleaned;
    }
    let mut out = String::with_capacity(cleaned.len());
    let mut rest = cleaned.as_str();
    while let Some(at) = rest.find("&#") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        match numeric_reference(after) {
            Some((value, used)) if is_control(value) || value == u32::from(RULE) => rest = &after[used..],
            _ => {
                out.push_str("&#");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Code is kept verbatim: inside `<pre>`, spaces become no-break spaces and tabs expand to
/// 4-column stops, so html2text never breaks a code line at a space (which loses its
/// indentation). A code line wider than the layout is then hard-split at the width;
/// [`super::lines`] turns the no-break spaces back into spaces.
fn pin_preformatted(html: &str) -> String {
    if !html.contains("<pre") && !html.contains("<PRE") {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len());
    let mut depth = 0usize;
    let mut in_tag = false;
    let mut column = 0usize;
    let mut i = 0;
    while i < html.len() {
        let rest = &html[i..];
        let c = rest.chars().next().expect("i is below the length, on a char boundary");
        if c == '<' {
            if starts_with_tag(rest, "<pre") {
                depth += 1;
            } else if starts_with_tag(rest, "</pre") {
                depth = depth.saturating_sub(1);
            }
            in_tag = true;
        }
        if in_tag || depth == 0 {
            if c == '>' {
                in_tag = false;
            }
            out.push(c);
        } else {
            match c {
                ' ' => out.push('\u{a0}'),
                '\t' => {
                    let spaces = 4 - column % 4;
                    out.extend(std::iter::repeat_n('\u{a0}', spaces));
                    column += spaces - 1;
                }
                _ => out.push(c),
            }
            column = if c == '\n' { 0 } else { column + 1 };
        }
        i += c.len_utf8();
    }
    out
}

/// html2text drops `<hr>`; a paragraph holding only the rule marker stands in for it, drawn
/// across the available width by [`super::lines`]. It also runs a figure's caption on from its
/// image; a line break puts the caption under it.
fn mark_rules(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let tag = &rest[at..];
        if starts_with_tag(tag, "<hr") {
            out.push_str(&format!("<p>{RULE}</p>"));
            rest = tag.find('>').map_or("", |end| &tag[end + 1..]);
        } else if starts_with_tag(tag, "<figcaption") {
            out.push_str("<br><");
            rest = &tag[1..];
        } else {
            out.push('<');
            rest = &tag[1..];
        }
    }
    out.push_str(rest);
    out
}

/// Whether `s` starts with the tag `name` (`<pre` matches `<pre>` and `<pre class=..`, not
/// `<prefix>`), ignoring ASCII case.
fn starts_with_tag(s: &str, name: &str) -> bool {
    let n = name.len();
    s.len() > n
        && s.as_bytes()[..n].eq_ignore_ascii_case(name.as_bytes())
        && matches!(s.as_bytes()[n], b'>' | b' ' | b'\t' | b'\n' | b'/')
}

/// Parses the part of a numeric reference after `&#`: its value and how many bytes it used
/// (the optional `;` included), as HTML parsers accept it.
fn numeric_reference(s: &str) -> Option<(u32, usize)> {
    let (digits, radix, skip) = match s.as_bytes().first() {
        Some(b'x' | b'X') => (&s[1..], 16, 1),
        _ => (s, 10, 0),
    };
    let len = digits.bytes().take_while(|b| (*b as char).is_digit(radix)).count();
    if len == 0 {
        return None;
    }
    // Overlong numbers decode to U+FFFD, which is harmless: saturate instead of failing.
    let value = u32::from_str_radix(&digits[..len.min(8)], radix).unwrap_or(u32::MAX);
    let semicolon = usize::from(digits[len..].starts_with(';'));
    Some((value, skip + len + semicolon))
}

/// C0 controls other than whitespace, and DEL. (References to 0x80..0x9F decode to
/// windows-1252 printable characters, and NUL decodes to U+FFFD.)
fn is_control(value: u32) -> bool {
    matches!(value, 0x01..=0x08 | 0x0b | 0x0e..=0x1f | 0x7f)
}

#[cfg(test)]
mod tests {
    use super::neutralise;

    #[test]
    fn drops_control_references_and_keeps_others() {
        assert_eq!(neutralise("a&#27;[31mb"), "a[31mb");
        assert_eq!(neutralise("a&#x1B;b&#x1b"), "ab");
        assert_eq!(neutralise("&#233;t&#xe9;&amp;&#;"), "&#233;t&#xe9;&amp;&#;");
        assert_eq!(neutralise("x\u{1b}[2Jy\u{1}"), "xy");
        assert_eq!(neutralise("a\u{e000}b&#xE000;c&#57344;"), "abc");
    }

    #[test]
    fn pins_spaces_in_preformatted_text_only() {
        assert_eq!(neutralise("a<HR class=x>b<hr/><hrx>"), "a<p>\u{e000}</p>b<p>\u{e000}</p><hrx>");
        assert_eq!(
            neutralise("<img alt=x><figcaption>c</figcaption>"),
            "<img alt=x><br><figcaption>c</figcaption>"
        );
        let html = "<p>a b</p><PRE class=\"x y\"><code>\tif a {\n    b c</code></PRE> d";
        assert_eq!(
            neutralise(html),
            "<p>a b</p><PRE class=\"x y\"><code>\u{a0}\u{a0}\u{a0}\u{a0}if\u{a0}a\u{a0}{\n\u{a0}\u{a0}\u{a0}\u{a0}b\u{a0}c</code></PRE> d"
        );
    }
}
