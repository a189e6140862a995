//! Readability's article less the blocks trafilatura did not keep.
//!
//! Both extractors keep nearly all of an article; what each keeps beyond it differs (a list
//! of related stories inside readability's container, a caption, a subscription plea that
//! trafilatura scores as prose). A block of readability's article that trafilatura's text does
//! not contain is most likely such chrome. Blocks without words (images, rules) stay.

use dom_query::{Document, NodeRef};

use super::Content;
use super::tokens::{Bag, words};
use crate::text::BLOCKS;

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
        let leads_in =
            is_heading(leaf) && judged[i + 1..].iter().find(|next| next.1 > 0).is_some_and(|next| next.2);
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

/// Pushes the smallest blocks under `node` onto `leaves` in document order, with inline
/// elements that stand beside blocks; returns whether `node` holds any block.
fn collect<'a>(node: &NodeRef<'a>, leaves: &mut Vec<NodeRef<'a>>) -> bool {
    let start = leaves.len();
    let mut any_block = false;
    for child in node.element_children() {
        let name = child.node_name().map(|n| n.to_ascii_lowercase()).unwrap_or_default();
        if UNITS.contains(&name.as_str()) {
            leaves.push(child);
            any_block = true;
            continue;
        }
        let holds_blocks = collect(&child, leaves);
        if !holds_blocks {
            leaves.push(child);
        }
        any_block |= holds_blocks || BLOCKS.contains(&name.as_str());
    }
    // Without blocks, `node` is itself a leaf: its inline children belong to it.
    if !any_block {
        leaves.truncate(start);
    }
    any_block
}

#[cfg(test)]
mod tests {
    use dom_query::Document;

    use super::prune;

    const ARTICLE: &str = "<div><h2>Why it matters</h2><p>The scheduler now balances work across cores \
        without a global lock, which halves the tail latency.</p><ul><li>Read more: ten other stories \
        you will like</li></ul><figure><img src=a.png><figcaption>The old lock</figcaption></figure>\
        <p>Benchmarks on two machines show the gain holds under load.</p></div>";

    #[test]
    fn blocks_the_other_text_lacks_go_headings_and_captions_stay() {
        let doc = Document::from(ARTICLE);
        let other = "The scheduler now balances work across cores without a global lock, which halves \
                     the tail latency. Benchmarks on two machines show the gain holds under load.";
        let content = prune(&doc, other).expect("they agree");
        assert!(!content.html.contains("Read more"), "{}", content.html);
        for kept in ["Why it matters", "The old lock", "a.png", "tail latency", "under load"] {
            assert!(content.html.contains(kept), "{kept}: {}", content.html);
        }
    }

    #[test]
    fn mostly_disjoint_texts_are_a_disagreement() {
        let doc = Document::from(ARTICLE);
        assert!(prune(&doc, "Read more: ten other stories you will like").is_none());
        assert!(prune(&Document::from("<p></p>"), "anything at all here").is_none());
    }
}
