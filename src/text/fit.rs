//! The width guarantee: whatever html2text produced, no line leaves here wider than the width.
//! A too-wide line (a long code line, URL or word) is hard-split at the width; a character
//! wider than the whole width (a CJK character at width 1) is shown as `?`.

use unicode_width::UnicodeWidthChar;

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
    let mut used = 0;
    for span in line.spans {
        let mut text = String::new();
        for c in span.text.chars() {
            let mut c = c;
            let mut w = c.width().unwrap_or(0);
            if w > width {
                c = '?';
                w = 1;
            }
            if used + w > width {
                push_text(&mut current, std::mem::take(&mut text), span.style);
                out.push(std::mem::take(&mut current));
                used = 0;
            }
            text.push(c);
            used += w;
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
pub(super) fn wrap_plain(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in text.split_whitespace() {
        let w = unicode_width::UnicodeWidthStr::width(word);
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
