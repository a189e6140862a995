//! The last resort for a page with text that neither extractor read: the element whose own
//! paragraphs hold the most text, else the body, without the elements that never hold an
//! article. Both extractors skip some containers by their names alone (`role="dialog"`,
//! `modal`); an article in one leaves them with a scrap, and this block outweighs it.

use dom_query::{Document, NodeRef};

use super::tokens::words;
use super::{Content, chrome, text_len};

const NEVER_ARTICLE: &str =
    "script, style, noscript, template, nav, header, footer, aside, form, iframe, svg, button, select";

/// An extractor's article this short (in words) is checked against the largest block.
const SHORT: usize = 150;

/// How many times longer the largest block must be to replace a short article.
const OUTWEIGHS: usize = 3;

/// `chosen`, unless it is missing or short and the page's largest block of text is much longer.
pub(super) fn unless_outweighed(chosen: Option<Content>, html: &str) -> Option<Content> {
    let words = |c: &Content| words(&c.text).len();
    if chosen.as_ref().is_some_and(|c| words(c) >= SHORT) {
        return chosen;
    }
    let block = largest_block(html);
    match (chosen, block) {
        (Some(chosen), Some(block)) if words(&block) < OUTWEIGHS * words(&chosen) => Some(chosen),
        (chosen, block) => block.or(chosen),
    }
}

fn largest_block(html: &str) -> Option<Content> {
    let doc = Document::from(html);
    doc.select(NEVER_ARTICLE).remove();
    let body = doc.select_single("body");
    let body = *body.nodes().first()?;
    let mut best: Option<(usize, NodeRef)> = None;
    visit(&body, &mut best);
    let node = best.map(|(_, node)| node).unwrap_or(body);
    let text = node.text().to_string();
    Some(Content { html: node.html().to_string(), text })
}

/// The text in `node`'s own paragraphs and loose text, not in its nested containers.
fn own_text(node: &NodeRef) -> usize {
    node.children()
        .iter()
        .filter(|child| child.is_text() || child.has_name("p"))
        .map(|child| text_len(&child.text()))
        .sum()
}

/// Class or id words of discussions: a long comment outweighs a short article, and is not it.
const DISCUSSION: &[&str] =
    &["comment", "comments", "commentlist", "reply", "replies", "respond", "discussion", "disqus", "forum"];

fn is_discussion(node: &NodeRef) -> bool {
    [node.attr("class"), node.attr("id")].into_iter().flatten().any(|attr| {
        chrome::class_words(&attr).any(|word| DISCUSSION.iter().any(|d| word.eq_ignore_ascii_case(d)))
    })
}

fn visit<'a>(node: &NodeRef<'a>, best: &mut Option<(usize, NodeRef<'a>)>) {
    if is_discussion(node) {
        return;
    }
    let own = own_text(node);
    if best.as_ref().is_none_or(|(most, _)| own > *most) && own > 0 {
        *best = Some((own, *node));
    }
    for child in node.element_children() {
        visit(&child, best);
    }
}
