//! html2text decorator: turns inline markup into annotations, numbers links as they appear, and
//! marks block prefixes (headings, quotes, bullets) with control characters that
//! [`super::lines`] turns back into visible text plus a style. The page cannot forge the
//! markers: [`super::input::neutralise`] removes control characters from it first.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use html2text::render::{TaggedLine, TextDecorator};

use super::{Link, LinkKind};
use crate::sanitize::clean_line;

pub(super) const HEADING: char = '\u{1}';
pub(super) const QUOTE: char = '\u{2}';
pub(super) const BULLET: char = '\u{3}';
/// Stands for `<hr>` (which html2text ignores): see [`super::input`]. It travels as text, where
/// html2text drops control characters, so it is a private-use character the input may not hold.
pub(super) const RULE: char = '\u{e000}';

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) enum Ann {
    #[default]
    Plain,
    Link(u16),
    Em,
    Strong,
    Strike,
    Code,
}

/// Links numbered so far, shared by the decorator and the sub-decorators html2text makes for
/// nested blocks. The same target keeps its number wherever it appears again.
#[derive(Debug, Default)]
pub(super) struct Registry {
    pub links: Vec<Link>,
    numbers: HashMap<(String, bool), u16>,
    /// Numbers of the links currently open (None: a link we do not number).
    open: Vec<Option<u16>>,
}

impl Registry {
    fn number(&mut self, url: &str, kind: LinkKind) -> Option<u16> {
        let url = clean_line(url);
        let lower = url.to_ascii_lowercase();
        // In-page anchors, scripts and inline data are not places a reader can go.
        if url.is_empty()
            || url.starts_with('#')
            || lower.starts_with("javascript:")
            || lower.starts_with("data:")
        {
            return None;
        }
        let key = (url, kind == LinkKind::Image);
        if let Some(n) = self.numbers.get(&key) {
            return Some(*n);
        }
        let n = u16::try_from(self.links.len() + 1).ok()?;
        self.links.push(Link { url: key.0.clone(), kind });
        self.numbers.insert(key, n);
        Some(n)
    }
}

#[derive(Debug, Clone, Default)]
pub(super) struct Decorator {
    pub registry: Rc<RefCell<Registry>>,
}

impl TextDecorator for Decorator {
    type Annotation = Ann;

    fn decorate_link_start(&mut self, url: &str) -> (String, Ann) {
        let mut reg = self.registry.borrow_mut();
        let n = reg.number(url, LinkKind::Link);
        reg.open.push(n);
        (String::new(), n.map_or(Ann::Plain, Ann::Link))
    }

    fn decorate_link_end(&mut self) -> String {
        match self.registry.borrow_mut().open.pop() {
            Some(Some(n)) => format!("[{n}]"),
            _ => String::new(),
        }
    }

    fn decorate_em_start(&self) -> (String, Ann) {
        (String::new(), Ann::Em)
    }

    fn decorate_em_end(&self) -> String {
        String::new()
    }

    fn decorate_strong_start(&self) -> (String, Ann) {
        (String::new(), Ann::Strong)
    }

    fn decorate_strong_end(&self) -> String {
        String::new()
    }

    fn decorate_strikeout_start(&self) -> (String, Ann) {
        (String::new(), Ann::Strike)
    }

    fn decorate_strikeout_end(&self) -> String {
        String::new()
    }

    fn decorate_code_start(&self) -> (String, Ann) {
        (String::new(), Ann::Code)
    }

    fn decorate_code_end(&self) -> String {
        String::new()
    }

    fn decorate_preformat_first(&self) -> Ann {
        Ann::Code
    }

    fn decorate_preformat_cont(&self) -> Ann {
        Ann::Code
    }

    fn decorate_image(&mut self, src: &str, title: &str) -> (String, Ann) {
        let n = self.registry.borrow_mut().number(src, LinkKind::Image);
        let alt = clean_line(title);
        let label = if alt.is_empty() { "[image]".to_string() } else { format!("[image: {alt}]") };
        match n {
            Some(n) => (format!("{label}[{n}]"), Ann::Link(n)),
            None => (label, Ann::Plain),
        }
    }

    fn header_prefix(&self, level: usize) -> String {
        let mut prefix: String = std::iter::repeat_n(HEADING, level.clamp(1, 6)).collect();
        prefix.push(' ');
        prefix
    }

    fn quote_prefix(&self) -> String {
        format!("{QUOTE} ")
    }

    fn unordered_item_prefix(&self) -> String {
        format!("{BULLET} ")
    }

    fn ordered_item_prefix(&self, i: i64) -> String {
        format!("{i}. ")
    }

    fn make_subblock_decorator(&self) -> Self {
        self.clone()
    }

    fn decorate_superscript_start(&self) -> (String, Ann) {
        ("^".into(), Ann::Plain)
    }

    fn decorate_superscript_end(&self) -> String {
        String::new()
    }

    fn finalise(&mut self, _urls: Vec<String>) -> Vec<TaggedLine<Ann>> {
        Vec::new()
    }
}
