//! Recent layouts by (content, width), so redrawing or resizing does not re-parse the HTML on
//! every frame. Pure: no terminal, no clock.

use std::collections::VecDeque;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

use super::{Rendered, render_html};

/// Identity of a piece of HTML: a hash plus the length, computed once per article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ContentKey {
    hash: u64,
    len: usize,
}

impl ContentKey {
    pub fn of(html: &str) -> Self {
        let mut hasher = DefaultHasher::new();
        html.hash(&mut hasher);
        ContentKey { hash: hasher.finish(), len: html.len() }
    }
}

/// Holds the last few layouts, most recent first. Going back to a width seen lately (a resize
/// that is undone, a toggled side pane) is a hit too.
#[derive(Debug)]
pub struct RenderCache {
    capacity: usize,
    entries: VecDeque<(ContentKey, u16, Arc<Rendered>)>,
    renders: u64,
}

impl Default for RenderCache {
    fn default() -> Self {
        Self::new(4)
    }
}

impl RenderCache {
    /// A cache of at most `capacity` layouts (at least one).
    pub fn new(capacity: usize) -> Self {
        RenderCache { capacity: capacity.max(1), entries: VecDeque::new(), renders: 0 }
    }

    /// The layout of `html` at `width`, rendered only when not already held.
    pub fn get(&mut self, html: &str, width: u16) -> Arc<Rendered> {
        self.get_keyed(ContentKey::of(html), html, width)
    }

    /// Like [`RenderCache::get`] with the key computed by the caller once per article, which
    /// saves hashing a long article on every frame. `key` must be `ContentKey::of(html)`.
    pub fn get_keyed(&mut self, key: ContentKey, html: &str, width: u16) -> Arc<Rendered> {
        if let Some(rendered) = self.lookup(key, width) {
            return rendered;
        }
        let rendered = Arc::new(render_html(html, width));
        self.insert(key, width, rendered.clone());
        rendered
    }

    /// The cached layout of `key` at `width`, if any (and it becomes the most recent). With
    /// [`RenderCache::insert`], lets a shared cache lay out without holding its lock.
    pub fn lookup(&mut self, key: ContentKey, width: u16) -> Option<Arc<Rendered>> {
        let pos = self.entries.iter().position(|(k, w, _)| *k == key && *w == width)?;
        let entry = self.entries.remove(pos).expect("position is in bounds");
        let rendered = entry.2.clone();
        self.entries.push_front(entry);
        Some(rendered)
    }

    /// Keeps a layout made outside the cache.
    pub fn insert(&mut self, key: ContentKey, width: u16, rendered: Arc<Rendered>) {
        self.renders += 1;
        self.entries.retain(|(k, w, _)| !(*k == key && *w == width));
        self.entries.push_front((key, width, rendered));
        self.entries.truncate(self.capacity);
    }

    /// How many times the cache had to lay out HTML: for tests and diagnostics.
    pub fn renders(&self) -> u64 {
        self.renders
    }

    pub fn clear(&mut self) {
        self.entries.clear();
    }
}
