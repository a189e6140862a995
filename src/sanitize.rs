//! Text from the network is hostile: nothing in it may drive the terminal.

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

/// Like [`clean`], and folds every run of whitespace (newlines included) into one space and trims:
/// for one-line fields such as titles, authors and tags.
pub fn clean_line(text: &str) -> String {
    clean(text).split_whitespace().collect::<Vec<_>>().join(" ")
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

/// CSI: parameter and intermediate bytes, then one final byte in @..~.
fn skip_csi(chars: &mut Chars) {
    for c in chars.by_ref() {
        if ('\u{40}'..='\u{7e}').contains(&c) {
            break;
        }
        if !('\u{20}'..='\u{3f}').contains(&c) {
            break;
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
    fn clean_line_folds_whitespace() {
        assert_eq!(clean_line("  Hello\n\t world \u{1b}[1m!"), "Hello world !");
    }
}
