//! What can happen to the state: user commands and input, and results of effects.

use crate::config::keys::Command;
use crate::model::{Article, ArticleId, ArticleSummary, Feed, Filter, FullText, TagCount};
use crate::refresh::{FeedReport, Summary};
use crate::text::Rendered;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    Insert(char),
    /// Pasted text (bracketed paste): inserted as typed text, never run as keys.
    Paste(String),
    Backspace,
    Delete,
    Left,
    Right,
    Home,
    End,
    KillToStart,
    KillToEnd,
    DeleteWord,
    Submit,
    Cancel,
}

/// The tags pane's content from the store: every tag, and how many articles are starred.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TagList {
    pub tags: Vec<TagCount>,
    pub starred: u32,
}

/// One page of the article list from the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticlePage {
    pub offset: u32,
    pub total: u32,
    pub rows: Vec<ArticleSummary>,
    /// `total` is only what the page shows so far: the count, slower than the page for some
    /// queries, follows as `Action::ArticlesCounted`. The page is drawn without waiting for it.
    pub counting: bool,
}

/// Why a sync did not finish, and how many marks wait for the next one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncFailure {
    pub reason: String,
    pub waiting: u32,
    /// The server could not be reached or did not answer as its API (not a refused login).
    pub offline: bool,
}

impl SyncFailure {
    /// "offline: 3 changes waiting (…: cannot reach the server: Connection refused)"
    pub fn line(&self) -> String {
        match (self.offline, self.waiting) {
            (true, 0) => format!("offline ({})", self.reason),
            (true, n) => format!("offline: {n} changes waiting ({})", self.reason),
            (false, 0) => self.reason.clone(),
            (false, n) => format!("{} ({n} changes waiting)", self.reason),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    // From the user.
    Command(Command),
    /// A digit typed in the reader: part of a link number.
    Digit(char),
    Edit(Edit),
    Confirm(bool),
    CloseHelp,
    Resize(u16, u16),
    Click {
        x: u16,
        y: u16,
    },
    Wheel {
        x: u16,
        y: u16,
        down: bool,
    },
    /// The periodic refresh timer fired.
    RefreshTimer,
    /// The key of the user's `[[command]]` number N (in `State::handoffs`).
    HandOff(usize),

    // Results of effects.
    FeedsLoaded(Result<Vec<Feed>, String>),
    TagsLoaded(Result<TagList, String>),
    ArticlesLoaded {
        request: u64,
        result: Result<ArticlePage, String>,
    },
    /// The count behind a page that was sent `counting`.
    ArticlesCounted {
        request: u64,
        result: Result<u32, String>,
    },
    /// Unread articles of each saved view, in order: after the tags, which do not wait for them.
    ViewsCounted(Result<Vec<u32>, String>),
    ArticleLoaded {
        request: u64,
        result: Result<Option<Article>, String>,
    },
    /// A read or star mark could not be saved: what the screen shows must be reloaded from the
    /// store, which has the truth.
    MarkFailed(String),
    /// Where a kept article moved to (see `Effect::LocateArticle`).
    ArticleLocated {
        filter: Filter,
        cursor: u32,
        result: Result<Option<u32>, String>,
    },
    /// Where the next unread article is (position and id), for the filter that was asked.
    NextUnreadFound {
        filter: Filter,
        /// The cursor position the search started after.
        after: u32,
        result: Result<Option<(u32, ArticleId)>, String>,
    },
    /// A picture made for the reader, or why not (one line).
    PictureLoaded {
        article: ArticleId,
        url: String,
        width: u16,
        result: Result<crate::ui::Picture, String>,
    },
    Rendered {
        request: u64,
        id: ArticleId,
        width: u16,
        rendered: Rendered,
    },
    /// The extracted page (already saved), or a one-line reason.
    FullTextFetched {
        request: u64,
        id: ArticleId,
        result: Result<FullText, String>,
    },
    /// Read state written; `changed` are the ids whose state changed.
    Marked {
        changed: Vec<ArticleId>,
        read: bool,
        undoable: bool,
    },
    Starred {
        changed: Vec<ArticleId>,
        starred: bool,
    },
    RefreshStarted {
        total: u32,
    },
    /// Feeds saved since the last report: bundled, so a refresh of 1,000 feeds reloads the
    /// lists a few times a second rather than a thousand times.
    FeedsRefreshed(Vec<FeedReport>),
    RefreshFinished(Result<Summary, String>),
    /// A sync with the server ended (R, the timer, a feed added or removed there).
    SyncFinished(Result<crate::sync::Report, SyncFailure>),
    /// The timer's sync was not due: nothing ran, nothing changed.
    SyncSkipped,
    /// Marks were sent to the server (or could not be: they wait in the store).
    ChangesSent(Result<crate::sync::Report, SyncFailure>),
    FeedAdded(Result<String, String>),
    FeedRemoved(Result<String, String>),
    /// A `[[command]]` program ended (`label` is its description); Err is one line.
    HandedOff {
        label: String,
        result: Result<(), String>,
    },
    /// An effect failed: one line for the status bar.
    Failed(String),
    /// A notification for the terminal (no `notify.command`): written between frames.
    Notice(String),
    /// Something worth telling the user (link copied...).
    Info(String),
}
