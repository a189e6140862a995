//! html2text's tagged lines -> our [`Line`]s: annotations become [`Style`]s, block markers become
//! visible prefixes, every piece of text is sanitised, and blank lines are tidied.

use html2text::render::{TaggedLine, TaggedLineElement};

use super::decorator::{Ann, BULLET, HEADING, QUOTE, RULE};
use super::{Line, Span, Style};
use crate::sanitize::clean;
use unicode_width::UnicodeWidthStr;

pub(super) fn convert(tagged: Vec<TaggedLine<Vec<Ann>>>, width: usize) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::with_capacity(tagged.len());
    for tl in tagged {
        let line = convert_line(tl, width);
        let blank = line.spans.is_empty();
        // No leading blank lines and never two in a row.
        if blank && out.last().is_none_or(|l| l.spans.is_empty()) {
            continue;
        }
        out.push(line);
    }
    while out.last().is_some_and(|l| l.spans.is_empty()) {
        out.pop();
    }
    out
}

fn convert_line(tl: TaggedLine<Vec<Ann>>, width: usize) -> Line {
    let mut builder = LineBuilder { width, ..LineBuilder::default() };
    for element in tl {
        if let TaggedLineElement::Str(ts) = element {
            builder.push(&ts.s, style_of(&ts.tag));
        }
    }
    builder.finish()
}

fn style_of(anns: &[Ann]) -> Style {
    let mut style = Style::default();
    for ann in anns {
        match ann {
            Ann::Plain => {}
            Ann::Link(n) => style.link = Some(*n),
            Ann::Em => style.italic = true,
            Ann::Strong => style.bold = true,
            Ann::Strike => style.strike = true,
            Ann::Code => style.code = true,
        }
    }
    style
}

/// Accumulates one line. Block markers change the style of everything after them on the line:
/// a line inside a quote is all quote, the text after a heading prefix is all heading.
#[derive(Default)]
struct LineBuilder {
    width: usize,
    spans: Vec<Span>,
    heading: u8,
    quote: bool,
}

impl LineBuilder {
    fn push(&mut self, text: &str, base: Style) {
        let mut plain = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if !matches!(c, HEADING | QUOTE | BULLET | RULE) {
                plain.push(c);
                continue;
            }
            // Text before the marker keeps the styles it had.
            self.add(std::mem::take(&mut plain), base);
            let shown = match c {
                HEADING => {
                    // A run of N markers is a level-N heading prefix, shown as N `#`.
                    let mut level = 1u8;
                    while chars.next_if_eq(&HEADING).is_some() {
                        level = level.saturating_add(1);
                    }
                    self.heading = level.min(6);
                    "#".repeat(usize::from(level))
                }
                QUOTE => {
                    self.quote = true;
                    ">".to_string()
                }
                BULLET => "•".to_string(),
                // A rule fills what the line's prefixes (quote bars, indents) leave.
                _ => {
                    let used: usize = self.spans.iter().map(|s| s.text.width()).sum();
                    "─".repeat(self.width.saturating_sub(used).max(1))
                }
            };
            let deco = Style { decoration: true, ..Style::default() };
            self.add(shown, deco);
        }
        self.add(plain, base);
    }

    fn apply(&self, mut style: Style) -> Style {
        style.heading = self.heading;
        style.quote = self.quote;
        style
    }

    fn add(&mut self, text: String, style: Style) {
        if text.is_empty() {
            return;
        }
        // No-break spaces pinned code lines and kept words together; laid out, they are spaces.
        let text = clean(&text).replace(['\n', '\t', '\u{a0}'], " ");
        let style = self.apply(style);
        match self.spans.last_mut() {
            Some(last) if last.style == style => last.text.push_str(&text),
            _ => self.spans.push(Span { text, style }),
        }
    }

    fn finish(mut self) -> Line {
        // Trailing padding is noise for the UI and for plain text.
        while let Some(last) = self.spans.last_mut() {
            let trimmed = last.text.trim_end().len();
            if trimmed == 0 {
                self.spans.pop();
            } else {
                last.text.truncate(trimmed);
                break;
            }
        }
        mark_rule(&mut self.spans);
        Line { spans: self.spans }
    }
}

/// Horizontal rules and table borders are drawn with box-drawing characters: a line made only
/// of them is decoration.
fn mark_rule(spans: &mut [Span]) {
    let is_rule = !spans.is_empty()
        && spans.iter().all(|s| s.text.chars().all(|c| c == ' ' || ('\u{2500}'..='\u{257f}').contains(&c)));
    if is_rule {
        for span in spans {
            span.style.decoration = true;
        }
    }
}
