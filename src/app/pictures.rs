//! The open article's pictures: which to ask for (only those near the part of the article in
//! view), what came back, and letting go of far ones to bound memory. Where they go in the
//! document is [`super::reader::placed_pictures`].

use std::collections::HashMap;

use super::effect::Effect;
use super::nav::height;
use super::reader::placed_pictures;
use super::state::{Pane, State};
use crate::model::ArticleId;
use crate::ui::Picture;

/// Pictures are asked for from a screen above the view to two below it...
const ASK_ABOVE: usize = 1;
const ASK_BELOW: usize = 2;
/// ...and let go (their room kept) beyond four screens.
const KEEP: usize = 4;

/// Drawing pictures at all (the terminal draws them and the user wants them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PictureSettings {
    pub max_rows: u16,
}

/// The open article's pictures by address, for the reader width their sizes were made for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Pictures {
    pub width: u16,
    pub entries: HashMap<String, Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// Asked for; its placeholder shows meanwhile.
    Asked,
    /// Will not be drawn (the reason is in the log); its placeholder stays.
    Failed,
    /// Known size, the room kept in the document; `picture` is None when let go or not yet
    /// made again.
    Sized { cols: u16, rows: u16, picture: Option<Picture>, again: bool },
}

impl Pictures {
    /// Rows the picture at `url` takes in the document (0 until its size is known).
    pub fn rows(&self, url: &str) -> u16 {
        match self.entries.get(url) {
            Some(Entry::Sized { rows, .. }) => *rows,
            _ => 0,
        }
    }

    pub fn picture(&self, url: &str) -> Option<&Picture> {
        match self.entries.get(url) {
            Some(Entry::Sized { picture, .. }) => picture.as_ref(),
            _ => None,
        }
    }
}

/// After every action: asks for the pictures near the view that are not there yet, and lets
/// go of those far from it.
pub(super) fn follow(state: &mut State) -> Vec<Effect> {
    let Some(settings) = state.settings.pictures else { return Vec::new() };
    let Some(body) = state.reader.body.loaded() else { return Vec::new() };
    let (id, width) = (body.id, body.width);
    if state.reader.pictures.width != width {
        // Sizes are for one width: a resize makes them again.
        state.reader.pictures = super::pictures::Pictures { width, entries: HashMap::new() };
    }
    let h = height(state, Pane::Reader).max(1);
    let scroll = usize::from(state.reader.scroll);
    let ask = scroll.saturating_sub(ASK_ABOVE * h)..scroll + (ASK_BELOW + 1) * h;
    let keep = scroll.saturating_sub(KEEP * h)..scroll + (KEEP + 1) * h;
    let placed = placed_pictures(state, width);
    let mut fx = Vec::new();
    for p in placed {
        let end = p.top + usize::from(p.rows);
        let near = p.top < ask.end && end.max(p.top + 1) > ask.start;
        let kept = p.top < keep.end && end > keep.start;
        let entry = state.reader.pictures.entries.get_mut(&p.url);
        let wanted = match entry {
            None => {
                if near {
                    state.reader.pictures.entries.insert(p.url.clone(), Entry::Asked);
                }
                near
            }
            Some(Entry::Sized { picture, again, .. }) => {
                if !kept {
                    *picture = None;
                    *again = false;
                }
                let wanted = near && picture.is_none() && !*again;
                *again |= wanted;
                wanted
            }
            Some(Entry::Asked | Entry::Failed) => false,
        };
        if wanted {
            // No taller than the pane: a sixel cut at both ends would spill past its border.
            let max_rows = settings.max_rows.min(u16::try_from(h).unwrap_or(u16::MAX));
            fx.push(Effect::LoadPicture { article: id, url: p.url, width, max_rows });
        }
    }
    fx
}

/// A picture made (or not) for article `article` at `width`.
pub(super) fn loaded(
    state: &mut State,
    article: ArticleId,
    url: String,
    width: u16,
    result: Result<Picture, String>,
) {
    let current = state.reader.body.loaded().is_some_and(|b| b.id == article);
    if !current || state.reader.pictures.width != width {
        return;
    }
    let Some(entry) = state.reader.pictures.entries.get(&url) else { return };
    let grows = matches!(entry, Entry::Asked);
    let picture = match result {
        Ok(picture) => picture,
        Err(_) => {
            if grows {
                state.reader.pictures.entries.insert(url, Entry::Failed);
            }
            return;
        }
    };
    let rows = picture.rows;
    // A picture that takes room above the view pushes the text down: the view follows, so
    // what the user reads stays where it is.
    let placed = placed_pictures(state, width).into_iter().find(|p| p.url == url);
    let (top, lead) = (placed.as_ref().map(|p| p.top), placed.is_some_and(|p| p.lead));
    let entry = Entry::Sized { cols: picture.cols, rows, picture: Some(picture), again: false };
    state.reader.pictures.entries.insert(url, entry);
    if grows && top.is_some_and(|t| t < usize::from(state.reader.scroll)) {
        // The lead's blank row under it comes with it.
        state.reader.scroll = state.reader.scroll.saturating_add(rows + u16::from(lead));
    }
}
