//! A second chance for documents feed-rs rejects (or reads as empty): one pass over the text that
//! rewrites it into XML feed-rs accepts, the way a person would read it.
//!
//! A hand tokenizer rather than quick-xml events, because the faults to repair (a bare `&`, a tag
//! left open, a document cut short) are exactly where an XML reader stops. The pass skips what
//! precedes the root, escapes bare ampersands, turns HTML entities into characters, drops
//! stray end tags and closes what is left open, reads markup inside titles and descriptions as
//! text, supplies the RSS version, declares undeclared prefixes, maps Atom 0.3 to Atom 1.0
//! (`atom03`), and cuts a truncated document after its last complete item.
//!
//! Bounded: every step of the loop consumes input, and the output may never pass
//! [`max_output`] (the pass gives up instead), so no document can make it loop or balloon.

mod atom03;
mod entities;
mod prefixes;
mod tag;
mod text;

pub(crate) use entities::html_entity;

use self::tag::{Tag, is_name_start, read_tag};
use self::text::{escape_all, fix_text, push_end, strip_tags};

/// The largest output for an input of `len` bytes: twice the input and a little (the closing
/// tags and declarations the pass adds).
pub(crate) fn max_output(len: usize) -> usize {
    2 * len + 4096
}

const RSS10: &str = "http://purl.org/rss/1.0/";

/// A repaired document.
#[derive(Debug)]
pub(crate) struct Repaired {
    pub text: String,
    /// The document ended inside its root: what followed the last complete item is gone.
    pub cut: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// rss, RDF, channel, feed: a truncated document keeps their complete children.
    Container,
    /// item, entry: kept when cut only if their title was complete.
    Item,
    Other,
}

struct Open {
    /// The element name as written out (Atom 0.3 names already mapped).
    name: String,
    kind: Kind,
    /// Output offset of the start tag, and just after its last complete child.
    start: usize,
    children_end: usize,
    has_title: bool,
    has_date: bool,
}

struct Pass<'a> {
    doc: &'a str,
    pos: usize,
    out: String,
    limit: usize,
    stack: Vec<Open>,
    atom03: bool,
    /// Where to insert namespace declarations: just before the root start tag's `>`.
    root_decl_at: Option<usize>,
    declared: Vec<String>,
    used: Vec<String>,
    cut: bool,
}

/// Rewrites `doc` into XML feed-rs reads; None when there is nothing to repair into (no root
/// element) or when the repair would pass the output bound.
pub(crate) fn repair(doc: &str) -> Option<Repaired> {
    let start = root_start(doc);
    let mut pass = Pass {
        doc,
        pos: start,
        out: String::with_capacity(doc.len() + doc.len() / 8 + 256),
        limit: max_output(doc.len()),
        stack: Vec::new(),
        atom03: false,
        root_decl_at: None,
        declared: Vec::new(),
        used: Vec::new(),
        cut: false,
    };
    let complete = pass.run()?;
    if !complete {
        pass.cut = true;
        pass.cut_back();
    }
    pass.close_all();
    pass.declare_prefixes();
    (pass.out.len() <= pass.limit && pass.root_decl_at.is_some())
        .then_some(Repaired { text: pass.out, cut: pass.cut })
}

/// Where the feed starts: at the XML declaration or the first feed root element, whichever
/// comes first; PHP warnings, a BOM and blank lines before it are not part of the feed.
fn root_start(doc: &str) -> usize {
    let bytes = doc.as_bytes();
    let candidates: [&[u8]; 6] = [b"<?xml", b"<rss", b"<feed", b"<rdf:RDF", b"<RDF", b"<channel"];
    let mut best = None;
    let mut at = 0;
    while let Some(lt) = memchr(b'<', &bytes[at..]).map(|i| at + i) {
        let rest = &bytes[lt..];
        let hit = candidates.iter().any(|c| {
            rest.starts_with(c)
                && rest.get(c.len()).is_none_or(|b| b.is_ascii_whitespace() || b"/>".contains(b))
        });
        if hit {
            best = Some(lt);
            break;
        }
        at = lt + 1;
    }
    best.unwrap_or(0)
}

/// An xml:base feed-rs can use: absolute, or relative (joined to the one above).
fn valid_base(value: &str) -> bool {
    matches!(url::Url::parse(value), Ok(_) | Err(url::ParseError::RelativeUrlWithoutBase))
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&b| b == needle)
}

/// The local part of a qualified name.
fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

impl Pass<'_> {
    /// Runs to the end of the root element (true) or of the input (false: cut short). None: the
    /// output bound was passed.
    fn run(&mut self) -> Option<bool> {
        while self.pos < self.doc.len() {
            if self.out.len() > self.limit {
                return None;
            }
            let rest = &self.doc[self.pos..];
            let before = self.pos;
            if let Some(after) = rest.strip_prefix('<') {
                let done = if rest.starts_with("<!--") {
                    self.skip_past("-->")
                } else if rest.starts_with("<![CDATA[") {
                    self.cdata()
                } else if rest.starts_with("<!") {
                    self.skip_declaration()
                } else if rest.starts_with("<?") {
                    self.processing_instruction()
                } else if let Some(name) = after.strip_prefix('/') {
                    self.end_tag(name)
                } else if after.chars().next().is_some_and(is_name_start) {
                    self.start_tag()
                } else {
                    self.text_out("&lt;");
                    self.pos += 1;
                    Some(())
                };
                if done.is_none() {
                    return Some(false);
                }
                if self.root_decl_at.is_some() && self.stack.is_empty() {
                    return Some(true);
                }
            } else {
                let len = rest.find('<').unwrap_or(rest.len());
                let piece = fix_text(&rest[..len]);
                self.text_out(&piece);
                self.pos += len;
            }
            debug_assert!(self.pos > before, "the repair pass always consumes input");
        }
        Some(self.root_decl_at.is_some() && self.stack.is_empty())
    }

    /// Text goes out only inside the root: what surrounds it is not part of the feed.
    fn text_out(&mut self, text: &str) {
        if !self.stack.is_empty() {
            self.out.push_str(text);
        }
    }

    fn skip_past(&mut self, end: &str) -> Option<()> {
        let at = self.doc[self.pos..].find(end)?;
        self.pos += at + end.len();
        Some(())
    }

    /// A DOCTYPE (with any internal subset) is dropped: the entities it names are mapped here.
    fn skip_declaration(&mut self) -> Option<()> {
        let rest = &self.doc[self.pos..];
        let mut depth = 0usize;
        for (i, c) in rest.char_indices() {
            match c {
                '[' => depth += 1,
                ']' => depth = depth.saturating_sub(1),
                '>' if depth == 0 => {
                    self.pos += i + 1;
                    return Some(());
                }
                _ => {}
            }
        }
        None
    }

    /// The XML declaration is kept (as UTF-8: the text already is); other instructions go.
    fn processing_instruction(&mut self) -> Option<()> {
        let first = self.out.is_empty() && self.root_decl_at.is_none();
        let declaration = self.doc[self.pos..].starts_with("<?xml");
        self.skip_past("?>")?;
        if first && declaration {
            self.out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        }
        Some(())
    }

    /// CDATA, with any CDATA nested inside it unwrapped into its text.
    fn cdata(&mut self) -> Option<()> {
        let (inner, after) = text::cdata_at(self.doc, self.pos)?;
        self.pos = after;
        if !self.stack.is_empty() {
            self.out.push_str("<![CDATA[");
            self.out.push_str(&text::unnest_cdata(inner).replace("]]>", "]]&gt;"));
            self.out.push_str("]]>");
        }
        Some(())
    }

    fn end_tag(&mut self, after_slash: &str) -> Option<()> {
        let close = after_slash.find('>')?;
        let name = after_slash[..close].trim();
        self.pos += 2 + close + 1;
        let name = if self.atom03 { atom03::element(name) } else { name.to_string() };
        // Close up to the matching element; an end tag that matches nothing open is dropped.
        if let Some(at) = self.stack.iter().rposition(|open| open.name == name) {
            while self.stack.len() > at {
                self.pop();
            }
        }
        Some(())
    }

    fn pop(&mut self) {
        let Some(open) = self.stack.pop() else { return };
        push_end(&mut self.out, &open.name);
        let is_title = local(&open.name) == "title";
        if let Some(parent) = self.stack.last_mut() {
            parent.children_end = self.out.len();
            parent.has_title |= is_title && parent.kind == Kind::Item;
        }
    }

    fn start_tag(&mut self) -> Option<()> {
        let tag = read_tag(self.doc, self.pos)?;
        self.pos = tag.end;
        if self.stack.is_empty() && self.root_decl_at.is_some() {
            return Some(());
        }
        let is_root = self.stack.is_empty();
        let mut tag = tag;
        if is_root {
            self.root(&mut tag);
        }
        // The name as written in the document, which its end tag repeats.
        let source_name = tag.name.clone();
        if self.atom03 {
            if self.drop_atom03_date(&tag.name) {
                return self.skip_element(&tag);
            }
            atom03::map_tag(&mut tag.name, &mut tag.attrs);
        }
        if matches!(local(&tag.name), "body" | "fullitem") && self.in_item() {
            // An (X)HTML body or a Userland fullitem in an item (old ways to carry content): its
            // HTML, as content.
            let atom = self.stack.first().is_some_and(|root| local(&root.name) == "feed");
            tag.name = if atom { "content" } else { "content:encoded" }.to_string();
            tag.attrs = if atom { vec![("type".into(), "html".into())] } else { Vec::new() };
        }
        text::normalise_type(&tag.name, &mut tag.attrs);
        // feed-rs gives up on the whole feed over one xml:base it cannot parse.
        tag.attrs.retain(|(name, value)| name != "xml:base" || valid_base(value));
        self.note_prefixes(&tag);

        let name_local = local(&tag.name).to_string();
        if self.stack.len() == 1 && local(&self.stack[0].name) == "rss" && name_local == "item" {
            // RSS items straight under the root: the channel is implied.
            self.open_channel();
        }
        if !tag.empty && !is_root && text::is_text_element(&tag.name, &tag.attrs) {
            return self.text_element(tag, &source_name, &name_local);
        }
        let start = self.out.len();
        self.out.push('<');
        self.out.push_str(&tag.name);
        for (name, value) in &tag.attrs {
            text::push_attr(&mut self.out, name, value);
        }
        if is_root {
            self.root_decl_at = Some(self.out.len());
        }
        if tag.empty && !is_root {
            self.out.push_str("/>");
            if let Some(parent) = self.stack.last_mut() {
                parent.children_end = self.out.len();
            }
            return Some(());
        }
        self.out.push('>');
        let kind = match name_local.as_str() {
            "item" | "entry" => Kind::Item,
            "rss" | "RDF" | "channel" | "feed" => Kind::Container,
            _ => Kind::Other,
        };
        let children_end = self.out.len();
        self.stack.push(Open {
            name: tag.name,
            kind,
            start,
            children_end,
            has_title: false,
            has_date: false,
        });
        if tag.empty {
            self.pop();
        }
        Some(())
    }

    fn open_channel(&mut self) {
        let start = self.out.len();
        self.out.push_str("<channel>");
        let end = self.out.len();
        let channel = Open {
            name: "channel".into(),
            kind: Kind::Container,
            start,
            children_end: end,
            has_title: false,
            has_date: false,
        };
        self.stack.push(channel);
    }

    /// The root: an RSS root gets a version feed-rs knows, an Atom 0.3 root the Atom 1.0
    /// namespace.
    fn root(&mut self, tag: &mut Tag) {
        match local(&tag.name) {
            // RSS 2.0 has no namespace: one on the root (Userland's) hides every element.
            "rss" => {
                tag.attrs.retain(|(name, _)| name != "version" && name != "xmlns");
                tag.attrs.insert(0, ("version".into(), "2.0".into()));
            }
            "feed" => self.atom03 = atom03::map_root(&mut tag.attrs),
            // RSS 0.90's namespace read as RSS 1.0's, which has the same elements.
            "RDF" => {
                for (name, value) in &mut tag.attrs {
                    if name == "xmlns" && value != RSS10 {
                        *value = RSS10.to_string();
                    }
                }
            }
            _ => {}
        }
    }

    /// Atom 0.3 has three dates where 1.0 has two: the first of issued and created is published.
    fn drop_atom03_date(&mut self, name: &str) -> bool {
        if !matches!(local(name), "issued" | "created") {
            return false;
        }
        let Some(item) = self.stack.last_mut() else { return false };
        std::mem::replace(&mut item.has_date, true)
    }

    fn skip_element(&mut self, tag: &Tag) -> Option<()> {
        if !tag.empty {
            let (_, after, _) = text::raw_inner(self.doc, self.pos, &tag.name, &self.stack_names())?;
            self.pos = after;
        }
        Some(())
    }

    fn in_item(&self) -> bool {
        self.stack.last().is_some_and(|open| open.kind == Kind::Item)
    }

    fn stack_names(&self) -> Vec<&str> {
        self.stack.iter().map(|open| open.name.as_str()).collect()
    }

    /// Titles, descriptions and content: everything up to the end tag is text. Markup in a title
    /// is dropped (a person reads the words); markup in a description is escaped, so the HTML
    /// reaches the reader as HTML. An element that comes out empty is left out (feed-rs rejects
    /// an empty Atom text).
    fn text_element(&mut self, tag: Tag, source_name: &str, name_local: &str) -> Option<()> {
        let names = self.stack_names();
        let (inner, after, _closed) = text::raw_inner(self.doc, self.pos, source_name, &names)?;
        self.pos = after;
        let base64 = tag.attrs.iter().any(|(n, v)| n == "mode" && v == "base64");
        let mut attrs = tag.attrs;
        attrs.retain(|(n, _)| n != "mode");
        let body = if base64 {
            escape_all(&text::base64_text(inner))
        } else if name_local == "title" || !text::has_markup(inner) {
            strip_tags(inner)
        } else {
            escape_all(&text::unnest_cdata(inner))
        };
        if body.trim().is_empty() {
            return Some(());
        }
        self.out.push('<');
        self.out.push_str(&tag.name);
        for (name, value) in &attrs {
            text::push_attr(&mut self.out, name, value);
        }
        self.out.push('>');
        self.out.push_str(&body);
        push_end(&mut self.out, &tag.name);
        if let Some(parent) = self.stack.last_mut() {
            parent.children_end = self.out.len();
            parent.has_title |= name_local == "title" && parent.kind == Kind::Item;
        }
        Some(())
    }

    /// The input ended inside the root: keep the complete items (and a cut item whose title is
    /// complete), drop any other element the cut went through.
    fn cut_back(&mut self) {
        if let Some(k) = self.stack.iter().rposition(|open| open.kind == Kind::Item) {
            if self.stack[k].has_title {
                self.out.truncate(self.stack[k].children_end);
                self.stack.truncate(k + 1);
            } else {
                self.out.truncate(self.stack[k].start);
                self.stack.truncate(k);
                self.trim_to_container();
            }
        } else {
            self.trim_to_container();
        }
    }

    fn trim_to_container(&mut self) {
        if let Some(c) = self.stack.iter().rposition(|open| open.kind != Kind::Other) {
            let end = self.stack[c].children_end;
            self.out.truncate(end.min(self.out.len()));
            self.stack.truncate(c + 1);
        }
    }

    fn close_all(&mut self) {
        while !self.stack.is_empty() {
            self.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(doc: &str) -> String {
        repair(doc).expect("repaired").text
    }

    #[test]
    fn supplies_what_feed_rs_needs() {
        assert_eq!(
            fixed("junk<b>x</b><rss><channel><title>A&B</title></channel></rss>trailing"),
            "<rss version=\"2.0\"><channel><title>A&amp;B</title></channel></rss>"
        );
        assert_eq!(
            fixed("<rss version='9'><channel><dc:creator a=1 b>x</dc:creator></channel>"),
            "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel>\
             <dc:creator a=\"1\" b=\"b\">x</dc:creator></channel></rss>"
        );
    }

    #[test]
    fn items_straight_under_the_root_get_a_channel() {
        assert_eq!(
            fixed("<rss><item><title>t</title></item></rss>"),
            "<rss version=\"2.0\"><channel><item><title>t</title></item></channel></rss>"
        );
    }

    #[test]
    fn stray_and_missing_end_tags() {
        assert_eq!(
            fixed("<rss><channel><item><title>t</title><x><y></x></b></item></channel></rss>"),
            "<rss version=\"2.0\"><channel><item><title>t</title><x><y></y></x></item></channel></rss>"
        );
    }

    #[test]
    fn a_cut_keeps_complete_items_only() {
        let doc = "<rss><channel><item><title>a</title></item><item><link>x</link><title>b";
        let out = repair(doc).expect("repaired");
        assert!(out.cut);
        assert_eq!(out.text, "<rss version=\"2.0\"><channel><item><title>a</title></item></channel></rss>");
    }

    /// The output never passes twice the input and a little, however hostile the input: the pass
    /// gives up instead.
    #[test]
    fn output_is_bounded() {
        let amps = format!("<rss><channel><title>{}</title></channel></rss>", "&".repeat(100_000));
        let markup =
            format!("<rss><channel><description>{}</description></channel></rss>", "<b>".repeat(50_000));
        let nested = format!("<rss>{}", "<a>".repeat(50_000));
        let attrs = format!("<rss {}>", "a ".repeat(50_000));
        for doc in [amps, markup, nested, attrs] {
            if let Some(out) = repair(&doc) {
                assert!(
                    out.text.len() <= max_output(doc.len()),
                    "{} > {}",
                    out.text.len(),
                    max_output(doc.len())
                );
            }
        }
        assert!(repair(&format!("<rss><title>{}</title></rss>", "&".repeat(100_000))).is_none());
    }
}
