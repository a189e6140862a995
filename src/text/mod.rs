//! Article HTML -> styled lines for a given width, and plain text.
//! Knows nothing of the terminal: the UI maps [`Style`] to its own colours.
//!
//! - [`render_html`]: HTML -> [`Rendered`] lines for one width (html2text underneath).
//! - [`RenderCache`]: keeps a few recent layouts so a resize does not re-parse on every frame.
//! - [`read_page`]: a whole page's article ([`crate::extract`]) laid out, for `byline read-page`.

mod cache;
mod decorator;
mod fit;
mod input;
mod lines;
mod plain;
mod render;

pub use cache::{ContentKey, RenderCache};
pub use fit::wrap_plain;
pub(crate) use plain::BLOCKS;
pub use plain::{body_links, plain_text};
pub use render::render_html;

use unicode_width::UnicodeWidthStr;

use crate::extract::ExtractError;

/// How a span should look; the UI turns this into terminal attributes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Style {
    pub bold: bool,
    pub italic: bool,
    pub underline: bool,
    pub strike: bool,
    /// Inline code or a code block.
    pub code: bool,
    /// Heading level 1..=6, 0 when not a heading.
    pub heading: u8,
    pub quote: bool,
    /// Part of link number N (1-based) in [`Rendered::links`].
    pub link: Option<u16>,
    /// A horizontal rule, list bullet or other decoration.
    pub decoration: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub style: Style,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Line {
    pub spans: Vec<Span>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    Link,
    Image,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub url: String,
    pub kind: LinkKind,
}

/// An article body laid out for one width. No line is wider than that width in display cells.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    pub lines: Vec<Line>,
    /// Links in the order they are numbered in the text (link N is `links[N - 1]`).
    pub links: Vec<Link>,
    /// The body's pictures in order, each once, where a reader that draws them puts them.
    pub pictures: Vec<PictureSpot>,
}

/// A picture of the body: link `link` (an image), drawn just above `line`, the first line its
/// placeholder (`[image: alt][N]`) is on. The placeholder stays under it as its caption.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PictureSpot {
    pub line: usize,
    pub link: u16,
}

impl Line {
    /// Width in display cells.
    pub fn width(&self) -> usize {
        self.spans.iter().map(|s| s.text.width()).sum()
    }

    /// The line's text without styles.
    pub fn text(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }
}

impl Rendered {
    /// The lines' text joined by newlines, without the link list.
    pub fn to_plain_text(&self) -> String {
        let mut out = String::new();
        for (i, line) in self.lines.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            for span in &line.spans {
                out.push_str(&span.text);
            }
        }
        out
    }

    /// One line per link, as numbered in the text: `[3] https://...` or `[4] image: https://...`.
    /// URLs are never split, so a long one may be wider than the layout width.
    pub fn link_list(&self) -> Vec<String> {
        self.links
            .iter()
            .enumerate()
            .map(|(i, link)| match link.kind {
                LinkKind::Link => format!("[{}] {}", i + 1, link.url),
                LinkKind::Image => format!("[{}] image: {}", i + 1, link.url),
            })
            .collect()
    }
}

/// A page as plain text for `byline read-page`: the title, the byline if any, a blank line,
/// the article body laid out at `width`, then the list of its links.
pub fn read_page(html: &str, url: Option<&str>, width: u16) -> Result<String, ExtractError> {
    let page = crate::extract::extract(html, url)?;
    let rendered = render_html(&page.content_html, width);
    let width = usize::from(width.max(1));
    let mut out: Vec<String> = fit::wrap_plain(&page.title, width);
    if let Some(byline) = &page.author {
        out.extend(fit::wrap_plain(byline, width));
    }
    out.push(String::new());
    out.push(rendered.to_plain_text());
    let links = rendered.link_list();
    if !links.is_empty() {
        out.push(String::new());
        out.push("Links:".to_string());
        out.extend(links);
    }
    let mut text = out.join("\n");
    text.push('\n');
    Ok(text)
}
