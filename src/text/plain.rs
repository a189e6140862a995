//! Article HTML -> plain text: one paragraph per block, separated by a blank line; list items
//! and table rows one per line; code verbatim. No link markers, no link list and no image
//! captions (they belong to the image, as the reader shows them): the body's own text, for
//! `read-page --json`.

use dom_query::{Document, NodeRef};

use crate::sanitize::clean;

/// Elements that start a new block of text (the extractor judges text by these blocks too).
pub(crate) const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
];

/// Deeper than this, a subtree's text is written as one run: hostile pages nest thousands deep.
const MAX_DEPTH: usize = 200;

/// Elements whose text is a line of its own within a paragraph (checked before [`BLOCKS`]).
const LINES: &[&str] = &["li", "tr", "br", "caption"];

const SKIP: &[&str] =
    &["script", "style", "noscript", "template", "head", "svg", "button", "select", "figcaption"];

/// The body's links in order, each once: absolute http(s) targets of `<a href>` (in-page
/// anchors and scripts are not places to go).
pub fn body_links(html: &str) -> Vec<String> {
    let doc = Document::from(html);
    let mut seen = std::collections::HashSet::new();
    let mut links = Vec::new();
    for node in doc.select("a[href]").nodes() {
        let Some(href) = node.attr("href") else { continue };
        let Ok(url) = url::Url::parse(href.trim()) else { continue };
        if matches!(url.scheme(), "http" | "https") && seen.insert(url.to_string()) {
            links.push(url.to_string());
        }
    }
    links
}

pub fn plain_text(html: &str) -> String {
    let doc = Document::from(html);
    let mut out = Writer::default();
    out.node(&doc.root(), 0);
    clean(out.finish().trim())
}

#[derive(Default)]
struct Writer {
    text: String,
    /// A break is owed before the next word: 1 for a new line, 2 for a new paragraph.
    pending: u8,
}

impl Writer {
    fn node(&mut self, node: &NodeRef, depth: usize) {
        if node.is_text() || depth > MAX_DEPTH {
            self.words(&node.text());
            return;
        }
        let name = node.node_name().map(|n| n.to_ascii_lowercase()).unwrap_or_default();
        let name = name.as_str();
        if SKIP.contains(&name) {
            return;
        }
        if name == "pre" {
            self.brk(2);
            self.verbatim(&node.text());
            self.brk(2);
            return;
        }
        let brk = if LINES.contains(&name) { 1 } else { 2 * u8::from(BLOCKS.contains(&name)) };
        self.brk(brk);
        let mut cells = 0;
        for child in node.children() {
            if child.has_name("td") || child.has_name("th") {
                if cells > 0 {
                    self.words(" | ");
                }
                cells += 1;
            }
            self.node(&child, depth + 1);
        }
        self.brk(brk);
    }

    fn brk(&mut self, level: u8) {
        if !self.text.is_empty() {
            self.pending = self.pending.max(level);
        }
    }

    fn flush(&mut self) {
        match self.pending {
            0 => {}
            1 => self.text.push('\n'),
            _ => self.text.push_str("\n\n"),
        }
        self.pending = 0;
    }

    fn words(&mut self, text: &str) {
        let starts_space = text.starts_with(char::is_whitespace);
        let ends_space = text.ends_with(char::is_whitespace);
        let mut words = text.split_whitespace().peekable();
        if words.peek().is_none() {
            if starts_space && self.pending == 0 && !self.text.ends_with([' ', '\n']) && !self.text.is_empty()
            {
                self.text.push(' ');
            }
            return;
        }
        if self.pending > 0 {
            self.flush();
        } else if starts_space && !self.text.is_empty() && !self.text.ends_with([' ', '\n']) {
            self.text.push(' ');
        }
        let mut first = true;
        for word in words {
            if !first {
                self.text.push(' ');
            }
            self.text.push_str(word);
            first = false;
        }
        if ends_space {
            self.text.push(' ');
        }
    }

    fn verbatim(&mut self, text: &str) {
        let text = text.trim_matches('\n');
        if text.trim().is_empty() {
            return;
        }
        self.flush();
        self.text.push_str(text);
    }

    fn finish(self) -> String {
        // Trailing spaces before the breaks are the only untidiness the walk leaves.
        let mut out = String::with_capacity(self.text.len());
        for (i, line) in self.text.split('\n').enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(line.trim_end());
        }
        out
    }
}
