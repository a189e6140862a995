//! The width guarantee: whatever html2text produced, no line leaves here wider than the width.
//! A too-wide line (a long code line, URL or word) is hard-split at the width; a character
//! wider than the whole width (a CJK character at width 1) is shown as `?`.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::{Line, Span};

pub(super) fn fit_lines(lines: Vec<Line>, width: usize) -> Vec<Line> {
    let width = width.max(1);
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        if line.width() <= width {
            out.push(line);
        } else {
            split_line(line, width, &mut out);
        }
    }
    out
}

fn split_line(line: Line, width: usize, out: &mut Vec<Line>) {
    let mut current = Line::default();
    // The current output line's text, measured as a whole: emoji sequences (a heart and its
    // presentation selector, ZWJ families) are not the sum of their characters' widths.
    let mut shown = String::new();
    for span in line.spans {
        let mut text = String::new();
        let mut chars = span.text.chars().peekable();
        while let Some(c) = chars.next() {
            // A character with the combining or joined ones after it is never split.
            let mut cluster = String::from(c);
            while let Some(next) = chars.next_if(|n| n.width() == Some(0) || cluster.ends_with('\u{200d}')) {
                cluster.push(next);
            }
            if cluster.width() > width {
                cluster = "?".to_string();
            }
            shown.push_str(&cluster);
            if shown.width() > width && shown.len() > cluster.len() {
                push_text(&mut current, std::mem::take(&mut text), span.style);
                out.push(std::mem::take(&mut current));
                shown.clone_from(&cluster);
            }
            text.push_str(&cluster);
        }
        push_text(&mut current, text, span.style);
    }
    if !current.spans.is_empty() {
        out.push(current);
    }
}

fn push_text(line: &mut Line, text: String, style: super::Style) {
    if !text.is_empty() {
        line.spans.push(Span { text, style });
    }
}

/// Word-wraps one paragraph of plain text (titles, bylines) to `width`, hard-splitting words
/// that are longer than the width.
pub fn wrap_plain(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in text.split_whitespace() {
        let w = word.width();
        if used > 0 && used + 1 + w > width {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        if used > 0 {
            line.push(' ');
            used += 1;
        }
        line.push_str(word);
        used += w;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    let styled: Vec<Line> = lines
        .into_iter()
        .map(|text| Line { spans: vec![Span { text, style: super::Style::default() }] })
        .collect();
    fit_lines(styled, width).into_iter().map(|l| l.text()).collect()
}

#[cfg(test)]
mod tests {
    use super::wrap_plain;

    #[test]
    fn wraps_on_words_and_cuts_long_ones() {
        assert_eq!(wrap_plain("a bb ccc dddd", 6), vec!["a bb", "ccc", "dddd"]);
        assert_eq!(wrap_plain("abcdefgh", 3), vec!["abc", "def", "gh"]);
        assert_eq!(wrap_plain("« déjà » 東京都", 7), vec!["« déjà", "»", "東京都"]);
        assert!(wrap_plain("", 3).is_empty());
    }
}
