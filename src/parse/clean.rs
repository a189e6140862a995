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
    let mut i = 0;
    while i < text.len() {
        let byte = text[i];
        let next = text.get(i + 1).copied().unwrap_or(0);
        let third = text.get(i + 2).copied().unwrap_or(0);
        let suspect = match byte {
            b'\n' | b'\t' => false,
            0..=0x1f | 0x7f => true,
            0xc2 => (0x80..=0x9f).contains(&next),
            0xd8 => next == 0x9c,
            0xe2 => matches!((next, third), (0x80, 0x8e | 0x8f | 0xaa..=0xae) | (0x81, 0xa6..=0xa9)),
            _ => false,
        };
        if suspect {
            return true;
        }
        i += 1;
    }
    false
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
        ];
        for sample in samples {
            let changes = sanitize::clean(sample) != sample;
            assert_eq!(needs_cleaning(sample.as_bytes()), changes, "{sample:?}");
        }
    }
}
