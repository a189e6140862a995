//! Readability's article less the blocks trafilatura did not keep.
//!
//! Both extractors keep nearly all of an article; what each keeps beyond it differs (a list
//! of related stories inside readability's container, a caption, a subscription plea that
//! trafilatura scores as prose). A block of readability's article that trafilatura's text does
//! not contain is most likely such chrome. Blocks without words (images, rules) stay.

use dom_query::{Document, NodeRef};

use super::Content;
use super::tokens::{Bag, words};

/// Elements that start a new block of text.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
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

/// Blocks judged whole, never block by block: a table's rows, a list's items and a listing's
/// lines belong together, and one missing row says nothing about the rest.
const UNITS: &[&str] = &["pre", "table", "ul", "ol", "dl"];

/// A block stays when at least this share of its shingles is in the other text.
const KEEP: f64 = 0.5;

/// Below this share of readability's words kept, the two extractors did not read the same
/// article: one of them missed it, and [`super::choose`] takes one whole instead.
pub(super) const MIN_AGREEMENT: f64 = 0.5;

/// `doc` (readability's article) less the blocks that `other` (trafilatura's text) lacks, or
/// None when the two disagree on most of it.
pub(super) fn prune(doc: &Document, other: &str) -> Option<Content> {
    let bag = Bag::of(other);
    let mut leaves = Vec::new();
    let root = doc.root();
    collect(&root, &mut leaves);
    let judged: Vec<(NodeRef, usize, bool)> = leaves
        .into_iter()
        .map(|leaf| {
            let text = leaf.formatted_text();
            let words = words(&text);
            let keep = bag.covers(&words).is_none_or(|share| share >= KEEP);
            (leaf, words.len(), keep)
        })
        .collect();
    let (mut kept, mut total) = (0usize, 0usize);
    let mut doomed = Vec::new();
    for (i, (leaf, words, keep)) in judged.iter().enumerate() {
        total += words;
        // Trafilatura drops some headings; one that leads into kept text is the article's.
        let leads_in = is_heading(leaf) && judged.get(i + 1).is_some_and(|next| next.2);
        // It drops captions too, which a reader wants beside the image they describe.
        if *keep || leads_in || leaf.has_name("figcaption") {
            kept += words;
        } else {
            doomed.push(leaf);
        }
    }
    if total == 0 || (kept as f64) < MIN_AGREEMENT * total as f64 {
        return None;
    }
    for node in doomed {
        node.remove_from_parent();
    }
    Some(Content::of_document(doc))
}

fn is_heading(node: &NodeRef) -> bool {
    node.node_name()
        .is_some_and(|n| matches!(n.to_ascii_lowercase().as_str(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6"))
}

/// Pushes the smallest blocks under `node` onto `leaves`, and inline elements beside blocks;
/// returns whether `node` holds any block.
fn collect<'a>(node: &NodeRef<'a>, leaves: &mut Vec<NodeRef<'a>>) -> bool {
    let mut any_block = false;
    let mut inline = Vec::new();
    for child in node.element_children() {
        let name = child.node_name().map(|n| n.to_ascii_lowercase()).unwrap_or_default();
        if UNITS.contains(&name.as_str()) {
            leaves.push(child);
            any_block = true;
            continue;
        }
        let is_block = BLOCKS.contains(&name.as_str());
        let holds_blocks = collect(&child, leaves);
        match (is_block, holds_blocks) {
            (true, false) => leaves.push(child),
            (false, false) => inline.push(child),
            _ => {}
        }
        any_block |= is_block || holds_blocks;
    }
    // Inline elements are judged on their own only beside blocks; otherwise they are part of
    // the block that holds them.
    if any_block {
        leaves.extend(inline);
    }
    any_block
}
