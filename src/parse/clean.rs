//! Sanitising at parse speed: most feed text has nothing to remove, and a byte scan proves it far
//! faster than rebuilding the string.

use crate::sanitize;

/// [`sanitize::clean`], skipping the rebuild when there is nothing it would change.
pub(super) fn clean(text: String) -> String {
    if needs_cleaning(text.as_bytes()) { sanitize::clean(&text) } else { text }
}

/// Whether `text` holds anything [`sanitize::clean`] changes: C0 controls other than newline and
/// tab (ESC, BEL, CR...), DEL, C1 controls (U+0080..U+009F, UTF-8 `C2 80..9F`), and the
/// bidirectional controls U+061C, U+200E/F, U+202A..E, U+2066..9.
pub(super) fn needs_cleaning(text: &[u8]) -> bool {
    // This runs over every byte of every article: skip eight printable ASCII bytes at a time and
    // look closer only at words holding anything else.
    let mut i = 0;
    while i < text.len() {
        let end = (i + 8).min(text.len());
        let printable = end - i == 8 && {
            let word: [u8; 8] = text[i..end].try_into().expect("the range is eight bytes long");
            printable_ascii(u64::from_le_bytes(word))
        };
        if !printable && (i..end).any(|at| suspect_at(text, at)) {
            return true;
        }
        i = end;
    }
    false
}

/// Whether all eight bytes are in 0x20..=0x7e (bit tricks: a byte below 0x20 borrows into its high
/// bit when 0x20 is subtracted; 0x7f and up have it set once 1 is added).
fn printable_ascii(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGH_BITS;
    let del_or_above = (word.wrapping_add(ONES) | word) & HIGH_BITS;
    below_space | del_or_above == 0
}

/// Whether the character starting (or continuing) at `at` is one `clean` changes.
fn suspect_at(text: &[u8], at: usize) -> bool {
    let next = |n: usize| text.get(at + n).copied().unwrap_or(0);
    match text[at] {
        b'\n' | b'\t' => false,
        0..=0x1f | 0x7f => true,
        0xc2 => (0x80..=0x9f).contains(&next(1)),
        0xd8 => next(1) == 0x9c,
        0xe2 => matches!((next(1), next(2)), (0x80, 0x8e | 0x8f | 0xaa..=0xae) | (0x81, 0xa6..=0xa9)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_the_sanitiser() {
        let samples = [
            "plain ascii text\nwith a tab\t",
            "« Souveraineté » — l’État “quoted” … ‘single’ €",
            "esc \u{1b}[31m",
            "bel \u{7}",
            "cr \r\n",
            "del \u{7f}",
            "c1 \u{9b}",
            "c1 \u{85} next line",
            "nbsp \u{a0} is fine",
            "bidi \u{202e}",
            "bidi \u{2067}",
            "lrm \u{200e}",
            "alm \u{61c}",
            "zero-width joiner \u{200d} is fine",
            "ellipsis \u{2026} and \u{2069}",
            "a long line of printable ASCII that spans words, then ESC: \u{1b}",
            "0123456\u{7f}89abcdef",
            "01234567~~~~~~~~",
        ];
        for sample in samples {
            let changes = sanitize::clean(sample) != sample;
            assert_eq!(needs_cleaning(sample.as_bytes()), changes, "{sample:?}");
        }
        for byte in 0..=0x7fu8 {
            let text = format!("printable{}tail....", byte as char);
            let changes = sanitize::clean(&text) != text;
            assert_eq!(needs_cleaning(text.as_bytes()), changes, "byte {byte:#x}");
        }
    }
}
