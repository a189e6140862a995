//! The reader's state machine: `update(&mut State, Action) -> Vec<Effect>`. No I/O and no terminal
//! here, so every behaviour is testable by feeding actions and looking at state and effects.

mod action;
mod editor;
mod effect;
mod fulltext;
mod handoff;
mod keymap;
mod layout;
mod marks;
mod nav;
mod pictures;
mod prompt;
mod reader;
mod results;
mod state;
mod update;

pub use action::{Action, ArticlePage, Edit, SyncFailure, TagList};
pub use editor::LineEditor;
pub use effect::Effect;
pub use keymap::action_for;
pub use layout::{Layout, help_height, layout};
pub use pictures::{Entry as PictureEntry, PictureSettings, Pictures};
pub use reader::{Placed, attachments, doc_len, enclosure_label, placed_pictures, title_lines};
pub use state::{
    ActiveQuery, Articles, BodySource, Confirm, FullTextFetch, ListCursor, Load, Mark, Mode, Pane, Prompt,
    PromptKind, Reader, RefreshStatus, RenderedBody, Settings, Source, State, TagRow, WINDOW,
};
pub use update::{init, update};
