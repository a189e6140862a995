//! Where each pane goes for a terminal size. Shared by `update` (mouse hits, page sizes, reader
//! width) and the UI, so both agree.

use ratatui::layout::Rect;

use super::state::Pane;

/// Wide enough for three columns.
pub const WIDE: u16 = 100;
const LEFT_WIDTH: u16 = 28;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Layout {
    pub tags: Option<Rect>,
    pub feeds: Option<Rect>,
    pub articles: Option<Rect>,
    pub reader: Option<Rect>,
    pub status: Rect,
}

impl Layout {
    pub fn pane(&self, pane: Pane) -> Option<Rect> {
        match pane {
            Pane::Tags => self.tags,
            Pane::Feeds => self.feeds,
            Pane::Articles => self.articles,
            Pane::Reader => self.reader,
        }
    }

    /// The pane under a point.
    pub fn hit(&self, x: u16, y: u16) -> Option<(Pane, Rect)> {
        Pane::ORDER
            .into_iter()
            .filter_map(|p| self.pane(p).map(|r| (p, r)))
            .find(|(_, r)| x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height)
    }

    /// Rows inside a pane's border (at least 1).
    pub fn inner_height(&self, pane: Pane) -> u16 {
        self.pane(pane).map(|r| r.height.saturating_sub(2)).unwrap_or(1).max(1)
    }
}

/// Wide: tags over feeds on the left, articles in the middle, reader on the right.
/// Narrow: the focused pane alone. The status line is always the bottom row.
pub fn layout(width: u16, height: u16, focus: Pane) -> Layout {
    let body_h = height.saturating_sub(1);
    let status = Rect::new(0, body_h, width, height.min(1));
    if width < WIDE {
        let mut l = Layout { status, ..Layout::default() };
        let full = Some(Rect::new(0, 0, width, body_h));
        match focus {
            Pane::Tags => l.tags = full,
            Pane::Feeds => l.feeds = full,
            Pane::Articles => l.articles = full,
            Pane::Reader => l.reader = full,
        }
        return l;
    }
    let tags_h = (body_h * 2 / 5).max(3).min(body_h);
    let rest = width - LEFT_WIDTH;
    let articles_w = rest * 9 / 20;
    Layout {
        tags: Some(Rect::new(0, 0, LEFT_WIDTH, tags_h)),
        feeds: Some(Rect::new(0, tags_h, LEFT_WIDTH, body_h.saturating_sub(tags_h))),
        articles: Some(Rect::new(LEFT_WIDTH, 0, articles_w, body_h)),
        reader: Some(Rect::new(LEFT_WIDTH + articles_w, 0, rest - articles_w, body_h)),
        status,
    }
}

/// Width the reader's body is laid out at: its inner width, or the whole screen when it is not
/// visible yet (narrow layouts show it once focused).
pub fn reader_width(width: u16, height: u16) -> u16 {
    layout(width, height, Pane::Reader).reader.map(|r| r.width.saturating_sub(2)).unwrap_or(width).max(10)
}

/// Height of the help overlay on a screen `screen_h` rows tall listing `rows` bindings (its
/// frame included). `update` scrolls within it and the UI draws it: one rule for both.
pub fn help_height(screen_h: u16, rows: u16) -> u16 {
    screen_h.saturating_sub(2).min(rows.saturating_add(2)).max(screen_h.min(3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrow_shows_only_the_focused_pane() {
        let l = layout(40, 10, Pane::Feeds);
        assert_eq!(l.feeds, Some(Rect::new(0, 0, 40, 9)));
        assert!(l.tags.is_none() && l.articles.is_none() && l.reader.is_none());
        assert_eq!(l.status, Rect::new(0, 9, 40, 1));
    }

    #[test]
    fn wide_has_every_pane_and_hits_them() {
        let l = layout(160, 40, Pane::Articles);
        assert!(l.tags.is_some() && l.feeds.is_some() && l.articles.is_some() && l.reader.is_some());
        assert_eq!(l.hit(1, 1).map(|h| h.0), Some(Pane::Tags));
        assert_eq!(l.hit(159, 1).map(|h| h.0), Some(Pane::Reader));
        assert_eq!(l.hit(1, 39), None);
    }
}
