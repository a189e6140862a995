//! Article HTML -> styled lines for a given width, and readability extraction of full pages.
//! Knows nothing of the terminal: the UI maps [`Style`] to its own colours.

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
}

/// Lays out article HTML at `width` display cells. Never fails: bad HTML renders as best it can.
pub fn render_html(_html: &str, _width: u16) -> Rendered {
    todo!()
}

impl Rendered {
    /// The lines' text joined with newlines, styles dropped.
    pub fn to_plain_text(&self) -> String {
        todo!()
    }
}

/// Extracts a page's article and renders it as plain text: title, byline, body, links.
pub fn read_page(_html: &str, _url: Option<&str>, _width: u16) -> Result<String, String> {
    todo!()
}
