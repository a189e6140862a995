//! Article HTML -> [`Rendered`] through html2text's annotated output.

use html2text::config::{self, ImageRenderMode};

use super::decorator::Decorator;
use super::{Line, Link, LinkKind, PictureSpot, Rendered, Span, Style, fit, input, lines};

/// Below this html2text cannot lay out nested blocks sensibly; narrower output is laid out at
/// this width and then hard-split by [`fit`].
const MIN_LAYOUT_WIDTH: usize = 10;

/// Lays out article HTML at `width` display cells. Never fails: bad HTML renders as best it can.
///
/// Every line is at most `width` cells wide (and at least one cell is assumed): prose is
/// wrapped at word boundaries by html2text; a code line or a word longer than the width is
/// hard-split at the width, the continuation starting on the next line at the same style.
pub fn render_html(html: &str, width: u16) -> Rendered {
    let width = usize::from(width.max(1));
    let safe = input::neutralise(html);
    let decorator = Decorator::default();
    let registry = decorator.registry.clone();
    let layout_width = width.max(MIN_LAYOUT_WIDTH);
    let result = config::with_decorator(decorator)
        .empty_img_mode(ImageRenderMode::ShowAlways)
        .allow_width_overflow()
        // Strikeout is a style ([`Style::strike`]), not combining characters in the text.
        .unicode_strikeout(false)
        .lines_from_read(safe.as_bytes(), layout_width);
    let mut out = match result {
        Ok(tagged) => lines::convert(tagged, width),
        Err(e) => vec![Line {
            spans: vec![Span {
                text: format!("(this article could not be laid out: {e})"),
                style: Style::default(),
            }],
        }],
    };
    out = fit::fit_lines(out, width);
    let links = std::mem::take(&mut registry.borrow_mut().links);
    let pictures = picture_spots(&out, &links);
    Rendered { lines: out, links, pictures }
}

/// Each image link where its placeholder first appears. An image inside a link carries the
/// image's number (the innermost annotation wins).
fn picture_spots(lines: &[Line], links: &[Link]) -> Vec<PictureSpot> {
    let mut seen = std::collections::HashSet::new();
    let mut spots = Vec::new();
    for (line, l) in lines.iter().enumerate() {
        for n in l.spans.iter().filter_map(|s| s.style.link) {
            let image = links.get(usize::from(n).wrapping_sub(1)).is_some_and(|k| k.kind == LinkKind::Image);
            if image && seen.insert(n) {
                spots.push(PictureSpot { line, link: n });
            }
        }
    }
    spots
}
