//! A fast test for text that [`crate::sanitize::clean`] would leave unchanged, so the common case
//! (feed content already cleaned by the parser) costs one byte scan instead of a copy.

use std::borrow::Cow;

use crate::sanitize::clean;

/// `clean(text)`, borrowing when the text has nothing to remove.
pub(super) fn clean_cow(text: &str) -> Cow<'_, str> {
    if is_clean(text) { Cow::Borrowed(text) } else { Cow::Owned(clean(text)) }
}

/// False when the text holds a C0/C1 control (other than newline and tab), DEL, or a bidi
/// control: exactly what `clean` removes (ESC and CR are C0 controls).
fn is_clean(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let bad = match c {
            b'\n' | b'\t' => false,
            0..0x20 | 0x7f => true,
            // U+0080..U+009F
            0xc2 => b.get(i + 1).is_some_and(|&n| (0x80..=0x9f).contains(&n)),
            // U+061C
            0xd8 => b.get(i + 1) == Some(&0x9c),
            // U+200E, U+200F, U+202A..U+202E, U+2066..U+2069
            0xe2 => match (b.get(i + 1), b.get(i + 2)) {
                (Some(0x80), Some(&t)) => matches!(t, 0x8e | 0x8f | 0xaa..=0xae),
                (Some(0x81), Some(&t)) => (0xa6..=0xa9).contains(&t),
                _ => false,
            },
            _ => false,
        };
        if bad {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_clean() {
        let samples = [
            "plain <p>html</p>\n\ttabs",
            "typography — “quotes” … café © «»",
            "esc \u{1b}[31m",
            "cr \r\n",
            "del \u{7f}",
            "c1 \u{9b}2J",
            "nel \u{85}",
            "bidi \u{202e} \u{2066} \u{200f} \u{061c}",
            "nbsp\u{a0}ok",
        ];
        for s in samples {
            assert_eq!(is_clean(s), clean(s) == s, "{s:?}");
            assert_eq!(clean_cow(s), clean(s));
        }
        // Every code point below U+3000 (covers all controls `clean` knows).
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            let s = format!("a{c}b");
            assert_eq!(is_clean(&s), clean(&s) == s, "U+{:04X}", c as u32);
        }
    }
}
