//! Site chrome removed from readability's article: navigation, share buttons, comment forms,
//! spam-filter notices, author boxes, tag lists, sidebars, related links, footers, cookie
//! banners. Readability scores text density and leaves some of this in; these rules name it
//! directly. They run on the article, never on the page: on a page they would remove real
//! article containers with unlucky names (`widget-content`, `promo-article`).
//!
//! The rules are data (the tables below). An element goes when its tag or ARIA role is chrome,
//! when a word of its class or id names chrome, or when its whole text is a chrome heading
//! ("Leave a Comment"). A guard keeps any element holding most of the article's text: a wrapper
//! with an unlucky class (`has-sidebar`) or a page-wide `<form>` holds the article.

use dom_query::{Document, NodeRef};

/// Elements that never hold article text.
const TAGS: &[&str] = &[
    "nav", "aside", "footer", "form", "button", "iframe", "select", "textarea", "input", "dialog", "script",
    "style", "noscript", "template",
];

/// ARIA roles of page furniture.
const ROLES: &[&str] =
    &["navigation", "complementary", "contentinfo", "banner", "search", "dialog", "alertdialog"];

/// A word of a class or id (split at `-`, `_` and spaces, lower-cased) that starts with one of
/// these names chrome: `share-buttons`, `sharedaddy`, `comments-area`, `relatedPosts`.
const WORD_PREFIXES: &[&str] = &[
    "share",
    "sharing",
    "social",
    "comment",
    "respond",
    "related",
    "sidebar",
    "cookie",
    "consent",
    "gdpr",
    "newsletter",
    "subscri",
    "akismet",
    "hashtag",
    "breadcrumb",
    "advert",
    "sponsor",
    "promo",
    "popup",
    "modal",
    "signup",
    "widget",
    "authorbox",
    "authorbio",
];

/// Words that name chrome only as a whole (`tag-rust` is a post class; `post-tags` is a list).
const WORDS: &[&str] =
    &["tags", "tagcloud", "nav", "navbar", "navigation", "menu", "footer", "ad", "ads", "masthead", "skip"];

/// Two adjacent words that together name chrome while each alone may not.
const WORD_PAIRS: &[(&str, &str)] = &[
    ("author", "box"),
    ("author", "bio"),
    ("author", "card"),
    ("about", "author"),
    ("more", "stories"),
    ("read", "next"),
];

/// Whole texts (lower-cased, trailing colon dropped) of headings and labels of chrome.
const PHRASES: &[&str] = &[
    "share this",
    "share this article",
    "share this post",
    "share this story",
    "share",
    "leave a comment",
    "leave a reply",
    "post a comment",
    "comments",
    "related",
    "related posts",
    "related articles",
    "related stories",
    "you may also like",
    "more stories",
    "read next",
    "follow us",
    "tags",
    "about the author",
];

/// Elements that hold the page itself: never removed by class.
const PROTECTED: &[&str] = &["html", "body", "main", "article"];

/// An element holding more than this share of the page's text is kept whatever its class.
const MAX_SHARE: f64 = 0.5;

/// Removes chrome from `doc` in place.
pub(super) fn strip(doc: &Document) {
    let root = doc.root();
    let total = text_len(&root).max(1);
    let mut doomed = Vec::new();
    collect(&root, total, &mut doomed);
    for node in doomed {
        node.remove_from_parent();
    }
}

fn collect<'a>(node: &NodeRef<'a>, total: usize, doomed: &mut Vec<NodeRef<'a>>) {
    for child in node.element_children() {
        if is_chrome(&child, total) {
            doomed.push(child);
        } else {
            collect(&child, total, doomed);
        }
    }
}

fn is_chrome(node: &NodeRef, total: usize) -> bool {
    let name = node.node_name().map(|n| n.to_ascii_lowercase()).unwrap_or_default();
    let by_tag = TAGS.contains(&name.as_str());
    if !by_tag && PROTECTED.contains(&name.as_str()) {
        return false;
    }
    let role = node.attr("role").map(|r| r.to_ascii_lowercase());
    let named = by_tag
        || role.is_some_and(|r| ROLES.contains(&r.as_str()))
        || node.class().is_some_and(|c| names_chrome(&c))
        || node.id_attr().is_some_and(|i| names_chrome(&i));
    if named {
        // Some sites wrap the whole page in a <form> (ASP.NET) or a "has-sidebar" div.
        return (text_len(node) as f64) <= MAX_SHARE * total as f64;
    }
    is_chrome_label(node, &name)
}

/// Whether a class or id attribute names chrome, by the word tables above.
pub(super) fn names_chrome(attr: &str) -> bool {
    let words: Vec<String> = class_words(attr).map(str::to_ascii_lowercase).collect();
    words.iter().any(|w| WORDS.contains(&w.as_str()) || WORD_PREFIXES.iter().any(|p| w.starts_with(p)))
        || words.windows(2).any(|pair| WORD_PAIRS.iter().any(|(a, b)| pair[0] == *a && pair[1] == *b))
}

/// The words of a class or id attribute: split at `-`, `_` and spaces.
pub(super) fn class_words(attr: &str) -> impl Iterator<Item = &str> {
    attr.split(|c: char| c == '-' || c == '_' || c.is_whitespace()).filter(|w| !w.is_empty())
}

/// A heading or short label whose whole text is a chrome phrase.
fn is_chrome_label(node: &NodeRef, name: &str) -> bool {
    let label_like = match name {
        // Not <p>: chrome labels are headings and spans, and paragraphs are most of a page.
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "span" | "strong" | "label" => true,
        // A div is a label only when it is (nearly) a leaf; this also spares collecting the
        // text of every wrapper on a large page.
        "div" => node.element_children().len() <= 1,
        _ => false,
    };
    if !label_like {
        return false;
    }
    let text = node.text();
    if text.len() > 40 {
        return false;
    }
    let text = text.trim().trim_end_matches(':').trim().to_lowercase();
    PHRASES.contains(&text.as_str())
}

fn text_len(node: &NodeRef) -> usize {
    super::text_len(&node.text())
}

#[cfg(test)]
mod tests {
    use super::names_chrome;

    #[test]
    fn class_words_name_chrome() {
        for chrome in [
            "share-buttons",
            "sharedaddy sd-sharing-enabled",
            "comments-area",
            "relatedPosts",
            "post-tags",
            "author-box",
            "site_footer",
            "akismet_comment_form_privacy_notice",
            "cookie-banner",
        ] {
            assert!(names_chrome(chrome), "{chrome}");
        }
        for article in [
            "post-12 post type-post tag-rust category-news",
            "entry-content",
            "byline",
            "author",
            "article-body",
            "headline",
        ] {
            assert!(!names_chrome(article), "{article}");
        }
    }
}
