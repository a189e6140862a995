//! Reading a start tag the way a browser would: unquoted values quoted, a bare attribute given
//! its own name as value, a repeated attribute dropped, a tag that runs into the next one ended.

use super::text::fix_attr;

pub(super) fn is_name_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_' || c == ':' || !c.is_ascii()
}

pub(super) fn is_name_char(c: char) -> bool {
    is_name_start(c) || c.is_ascii_digit() || c == '-' || c == '.'
}

/// A start tag as read: name, attributes, whether it closed itself, and where it ended.
pub(super) struct Tag {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub empty: bool,
    pub end: usize,
}

/// Reads the start tag at `pos`; None when the input ends inside it.
pub(super) fn read_tag(doc: &str, pos: usize) -> Option<Tag> {
    let mut i = pos + 1;
    let name_len = doc[i..].find(|c: char| !is_name_char(c)).unwrap_or(doc.len() - i);
    let name = doc[i..i + name_len].to_string();
    i += name_len;
    let mut attrs: Vec<(String, String)> = Vec::new();
    loop {
        let rest = &doc[i..];
        let trimmed = rest.trim_start();
        i += rest.len() - trimmed.len();
        let c = trimmed.chars().next()?;
        match c {
            '>' => return Some(Tag { name, attrs, empty: false, end: i + 1 }),
            '/' if trimmed.starts_with("/>") => {
                return Some(Tag { name, attrs, empty: true, end: i + 2 });
            }
            // A tag that runs into the next one ends there.
            '<' => return Some(Tag { name, attrs, empty: false, end: i }),
            c if is_name_start(c) => {
                let len = trimmed.find(|c: char| !is_name_char(c)).unwrap_or(trimmed.len());
                let attr = trimmed[..len].to_string();
                i += len;
                let value = attr_value(doc, &mut i)?;
                let value = value.unwrap_or_else(|| attr.clone());
                if !attrs.iter().any(|(n, _)| *n == attr) {
                    attrs.push((attr, value));
                }
            }
            c => i += c.len_utf8(),
        }
    }
}

/// `= "value"`, `= 'value'` or `= value` after an attribute name (None inside: the input
/// ended; Some(None): no value, as in HTML's `<option selected>`).
fn attr_value(doc: &str, i: &mut usize) -> Option<Option<String>> {
    let rest = &doc[*i..];
    let Some(after_eq) = rest.trim_start().strip_prefix('=') else { return Some(None) };
    let value_part = after_eq.trim_start();
    let start = doc.len() - value_part.len();
    let quote = value_part.chars().next()?;
    if quote == '"' || quote == '\'' {
        let len = value_part[1..].find(quote)?;
        *i = start + 1 + len + 1;
        return Some(Some(fix_attr(&value_part[1..1 + len])));
    }
    let len = value_part.find(|c: char| c.is_whitespace() || c == '>').unwrap_or(value_part.len());
    *i = start + len;
    Some(Some(fix_attr(&value_part[..len])))
}
