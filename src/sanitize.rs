//! Text from the network is hostile: nothing in it may drive the terminal.

use std::borrow::Cow;

/// [`clean`], borrowing when there is nothing to remove: most feed text is clean, and a byte
/// scan proves it far faster than rebuilding the string.
pub fn clean_cow(text: &str) -> Cow<'_, str> {
    if needs_cleaning(text.as_bytes()) { Cow::Owned(clean(text)) } else { Cow::Borrowed(text) }
}

/// [`clean`] for an owned string, which it returns as is when clean.
pub fn clean_owned(text: String) -> String {
    if needs_cleaning(text.as_bytes()) { clean(&text) } else { text }
}

/// Removes what could reach a terminal as a command: C0 and C1 control characters (except
/// newline and tab), ESC-introduced sequences (CSI, OSC, DCS and the rest, with their
/// parameters), and bidirectional overrides/isolates that could disguise text.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            // C1 CSI/OSC/DCS/etc. introduce sequences just like ESC does.
            '\u{9b}' => skip_csi(&mut chars),
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            '\n' | '\t' => out.push(c),
            '\r' => {
                // CRLF becomes LF; a lone CR (which would overwrite the line) becomes a space.
                if chars.peek() != Some(&'\n') {
                    out.push(' ');
                }
            }
            c if c.is_control() || is_bidi_control(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Only web links go to other programs (the browser, openers, commands): nothing a program could
/// take as an option or a file. Returns the URL as the parser normalised it (no stray spaces,
/// controls percent-encoded).
pub fn web_link(url: &str) -> Result<String, String> {
    match url::Url::parse(url) {
        Ok(u) if matches!(u.scheme(), "http" | "https") => Ok(u.to_string()),
        _ => Err(format!("not a web link: {}", clean_line(url))),
    }
}

/// Like [`clean`], and folds every run of whitespace (newlines included) into one space and trims:
/// for one-line fields such as titles, authors and tags.
pub fn clean_line(text: &str) -> String {
    clean(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `text` holds anything [`sanitize::clean`] changes: C0 controls other than newline and
/// tab (ESC, BEL, CR...), DEL, C1 controls (U+0080..U+009F, UTF-8 `C2 80..9F`), and the
/// bidirectional controls U+061C, U+200E/F, U+202A..E, U+2066..9.
fn needs_cleaning(text: &[u8]) -> bool {
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

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

fn skip_escape(chars: &mut Chars) {
    match chars.next() {
        Some('[') => skip_csi(chars),
        Some(']' | 'P' | 'X' | '^' | '_') => skip_string(chars),
        // Two-character sequences (ESC c, ESC 7, ...) and charset selections (ESC ( B).
        Some('(' | ')' | '*' | '+' | '#' | '%' | ' ') => {
            chars.next();
        }
        _ => {}
    }
}

/// CSI: parameter and intermediate bytes, then one final byte in @..~. A malformed sequence ends
/// before the character that broke it, which is kept (a newline after a stray `ESC [` stays).
fn skip_csi(chars: &mut Chars) {
    while let Some(&c) = chars.peek() {
        if ('\u{20}'..='\u{3f}').contains(&c) {
            chars.next();
        } else {
            if ('\u{40}'..='\u{7e}').contains(&c) {
                chars.next();
            }
            return;
        }
    }
}

/// OSC/DCS/PM/APC/SOS: everything up to BEL, ST (ESC \) or C1 ST.
fn skip_string(chars: &mut Chars) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => break,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                break;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_csi_osc_and_controls() {
        assert_eq!(clean("a\u{1b}[31mred\u{1b}[0m b"), "ared b");
        assert_eq!(clean("x\u{1b}]0;pwned\u{7}y"), "xy");
        assert_eq!(clean("x\u{1b}]8;;http://e\u{1b}\\link\u{1b}]8;;\u{1b}\\y"), "xlinky");
        assert_eq!(clean("bell\u{7} nul\u{0} del\u{7f}"), "bell nul del");
        assert_eq!(clean("c1\u{9b}2Jok"), "c1ok");
        assert_eq!(clean("stray\u{1b}[\nline"), "stray\nline");
    }

    #[test]
    fn keeps_text_newlines_tabs_and_accents() {
        assert_eq!(clean("Élysée « déjà »\n\tcafé — ok"), "Élysée « déjà »\n\tcafé — ok");
        assert_eq!(clean("a\r\nb\rc"), "a\nb c");
    }

    #[test]
    fn removes_bidi_overrides() {
        assert_eq!(clean("abc\u{202e}fed\u{202c}"), "abcfed");
    }

    #[test]
    fn fast_scan_agrees_with_clean() {
        let samples = [
            "plain ascii text\nwith a tab\t",
            "« Souveraineté » — l’État “quoted” … ‘single’ €",
            "a long line of printable ASCII that spans words, then ESC: \u{1b}",
            "0123456\u{7f}89abcdef",
            "01234567~~~~~~~~",
            "nbsp\u{a0}ok, zero-width joiner \u{200d}, ellipsis \u{2026} and \u{2069}",
        ];
        for s in samples {
            assert_eq!(needs_cleaning(s.as_bytes()), clean(s) != s, "{s:?}");
            assert_eq!(clean_cow(s), clean(s));
            assert_eq!(clean_owned(s.to_string()), clean(s));
        }
        // Every code point below U+3000 (covers all controls `clean` knows), at every offset in
        // an eight-byte word.
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            for pad in 0..8 {
                let s = format!("{}{c}tail....", "p".repeat(pad));
                assert_eq!(needs_cleaning(s.as_bytes()), clean(&s) != s, "U+{:04X} at {pad}", c as u32);
            }
        }
    }

    #[test]
    fn only_web_links_go_to_programs() {
        assert_eq!(web_link(" https://example.com/a\tb ").as_deref(), Ok("https://example.com/ab"));
        assert!(web_link("--help").is_err());
        assert!(web_link("file:///etc/passwd").is_err());
    }

    #[test]
    fn clean_line_folds_whitespace() {
        assert_eq!(clean_line("  Hello\n\t world \u{1b}[1m!"), "Hello world !");
    }
}
