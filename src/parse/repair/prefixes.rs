//! Namespace prefixes: feeds use `dc:` or `media:` without declaring them, which feed-rs
//! then cannot tell apart from the feed's own elements.

use super::text::push_attr;
use super::{Pass, Tag};

impl Pass<'_> {
    pub(super) fn note_prefixes(&mut self, tag: &Tag) {
        for (name, _) in &tag.attrs {
            if let Some(prefix) = name.strip_prefix("xmlns:") {
                self.declared.push(prefix.to_string());
            }
        }
        let names = std::iter::once(&tag.name).chain(tag.attrs.iter().map(|(n, _)| n));
        for name in names {
            if let Some((prefix, _)) = name.split_once(':')
                && !matches!(prefix, "xml" | "xmlns")
                && !self.used.iter().any(|p| p == prefix)
            {
                self.used.push(prefix.to_string());
            }
        }
    }

    /// A prefix used but never declared gets a declaration on the root: its usual namespace
    /// when it is a well-known one, else a placeholder (feed-rs then ignores the element
    /// instead of mistaking `foo:title` for the title).
    pub(super) fn declare_prefixes(&mut self) {
        let Some(at) = self.root_decl_at else { return };
        let mut decls = String::new();
        for prefix in self.used.iter().filter(|p| !self.declared.contains(p)) {
            let uri = known_namespace(prefix);
            let uri = uri.map_or_else(|| format!("urn:x-undeclared:{prefix}"), str::to_string);
            push_attr(&mut decls, &format!("xmlns:{prefix}"), &uri);
        }
        if !decls.is_empty() && at <= self.out.len() {
            self.out.insert_str(at, &decls);
        }
    }
}

/// The namespace a well-known prefix stands for, for feeds that use it without declaring it.
pub(super) fn known_namespace(prefix: &str) -> Option<&'static str> {
    Some(match prefix {
        "dc" => "http://purl.org/dc/elements/1.1/",
        "content" => "http://purl.org/rss/1.0/modules/content/",
        "media" => "http://search.yahoo.com/mrss/",
        "itunes" => "http://www.itunes.com/dtds/podcast-1.0.dtd",
        "atom" => "http://www.w3.org/2005/Atom",
        "rdf" => "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "xhtml" => "http://www.w3.org/1999/xhtml",
        "wfw" => "http://wellformedweb.org/CommentAPI/",
        "podcast" => "https://podcastindex.org/namespace/1.0",
        _ => return None,
    })
}
