//! Getting a document to UTF-8 before feed-rs sees it.
//!
//! feed-rs decodes by the XML declaration and fails outright on non-UTF-8 bytes without one, and
//! real feeds lie both ways (Latin-1 undeclared, UTF-8 declared as ISO-8859-1). So: valid UTF-8
//! is taken as UTF-8 whatever the declaration says; anything else is decoded with the declared
//! encoding, else as UTF-8 with a few broken bytes, else windows-1252 (the superset of Latin-1 that
//! such feeds really use). The declaration is rewritten to match the UTF-8 handed on.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

use super::html::find;

pub(super) fn to_utf8(bytes: &[u8]) -> Cow<'_, [u8]> {
    if let Some((encoding, bom_length)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_length..];
        return if encoding == UTF_8 && std::str::from_utf8(body).is_ok() {
            redeclare(Cow::Borrowed(body))
        } else {
            decoded(encoding, body)
        };
    }
    // UTF-16 without a BOM still starts with "<?" in two-byte units.
    if bytes.starts_with(b"<\0?\0") {
        return decoded(UTF_16LE, bytes);
    }
    if bytes.starts_with(b"\0<\0?") {
        return decoded(UTF_16BE, bytes);
    }

    if std::str::from_utf8(bytes).is_ok() {
        return redeclare(Cow::Borrowed(bytes));
    }
    let encoding = match declared_encoding(bytes) {
        Some(declared) if declared != UTF_8 => declared,
        _ if mostly_utf8(bytes) => UTF_8,
        _ => WINDOWS_1252,
    };
    decoded(encoding, bytes)
}

fn decoded<'a>(encoding: &'static Encoding, bytes: &[u8]) -> Cow<'a, [u8]> {
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    redeclare(Cow::Owned(text.into_owned().into_bytes()))
}

/// Replaces an XML declaration that names an encoding other than UTF-8 by one that says UTF-8.
/// The bytes are only copied when that is needed.
fn redeclare(utf8: Cow<'_, [u8]>) -> Cow<'_, [u8]> {
    let Some((start, end)) = declaration(&utf8) else { return utf8 };
    let Some(declared) = encoding_in(&utf8[start..end]) else { return utf8 };
    if declared.eq_ignore_ascii_case(b"utf-8") || declared.eq_ignore_ascii_case(b"utf8") {
        return utf8;
    }
    let mut fixed = Vec::with_capacity(utf8.len());
    fixed.extend_from_slice(&utf8[..start]);
    fixed.extend_from_slice(br#"<?xml version="1.0" encoding="UTF-8"?>"#);
    fixed.extend_from_slice(&utf8[end..]);
    Cow::Owned(fixed)
}

fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let (start, end) = declaration(bytes)?;
    Encoding::for_label(encoding_in(&bytes[start..end])?)
}

/// The byte range of the `<?xml ... ?>` declaration, if the document starts with one.
fn declaration(bytes: &[u8]) -> Option<(usize, usize)> {
    let start = bytes.len() - bytes.trim_ascii_start().len();
    let rest = &bytes[start..];
    // Not `<?xml-stylesheet ...?>`, which may come first only after the declaration.
    if !rest.starts_with(b"<?xml") || !rest.get(5).is_some_and(u8::is_ascii_whitespace) {
        return None;
    }
    let head = &bytes[start..bytes.len().min(start + 512)];
    Some((start, start + find(head, b"?>")? + 2))
}

/// The value of the `encoding` pseudo-attribute of a declaration.
fn encoding_in(declaration: &[u8]) -> Option<&[u8]> {
    let after = &declaration[find(declaration, b"encoding")? + b"encoding".len()..];
    let after = after.trim_ascii_start().strip_prefix(b"=")?.trim_ascii_start();
    let quote = *after.first().filter(|q| matches!(q, b'"' | b'\''))?;
    let value = &after[1..];
    Some(&value[..value.iter().position(|&b| b == quote)?])
}

/// Whether invalid sequences are rare next to valid multi-byte characters: a UTF-8 document with
/// a few broken bytes rather than a single-byte encoding.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    multibyte > invalid * 4
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> String {
        String::from_utf8(to_utf8(bytes).into_owned()).expect("to_utf8 returns UTF-8")
    }

    #[test]
    fn valid_utf8_passes_untouched() {
        let doc = "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss>é</rss>".as_bytes();
        assert!(matches!(to_utf8(doc), Cow::Borrowed(_)));
    }

    #[test]
    fn undeclared_latin1_becomes_utf8() {
        assert_eq!(
            text(b"<?xml version=\"1.0\"?><rss>caf\xe9 \x93q\x94</rss>"),
            "<?xml version=\"1.0\"?><rss>café “q”</rss>"
        );
    }

    #[test]
    fn declared_latin1_is_decoded_and_redeclared() {
        let out = text(b"<?xml version='1.0' encoding='ISO-8859-1'?><rss>d\xe9j\xe0</rss>");
        assert_eq!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss>déjà</rss>");
    }

    #[test]
    fn utf8_declared_as_latin1_is_believed_utf8() {
        let out = text("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><rss>déjà</rss>".as_bytes());
        assert_eq!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss>déjà</rss>");
    }

    #[test]
    fn utf8_with_one_broken_byte_stays_utf8() {
        let mut doc = "<rss>é è à ç ô — “ok” \u{a0}".as_bytes().to_vec();
        doc.extend_from_slice(b"\xff</rss>");
        assert_eq!(text(&doc), "<rss>é è à ç ô — “ok” \u{a0}\u{fffd}</rss>");
    }

    #[test]
    fn utf16_with_bom() {
        let mut doc = vec![0xff, 0xfe];
        doc.extend(
            "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a>é</a>".encode_utf16().flat_map(u16::to_le_bytes),
        );
        assert_eq!(text(&doc), "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>é</a>");
    }
}
