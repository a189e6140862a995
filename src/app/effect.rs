//! What `update` asks the outside world to do. The terminal runner executes these and sends the
//! results back as actions.

use crate::model::{ArticleId, Filter};
use crate::query::Query;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    LoadFeeds,
    /// The tags with their counts, and the unread count of each of these views.
    LoadTags {
        views: Vec<Query>,
    },
    /// One window of the list plus the filter's total; answered by `Action::ArticlesLoaded`.
    LoadArticles {
        request: u64,
        filter: Filter,
        offset: u32,
        limit: u32,
    },
    LoadArticle {
        request: u64,
        id: ArticleId,
    },
    /// Where article `id` now is under `filter`: it left the loaded rows when new ones arrived;
    /// answered by `Action::ArticleLocated`. `cursor` is where the selection was when asked.
    LocateArticle {
        filter: Filter,
        id: ArticleId,
        cursor: u32,
    },
    /// The first unread article after position `after` under `filter`, past the loaded rows;
    /// answered by `Action::NextUnreadFound`.
    FindNextUnread {
        filter: Filter,
        after: u32,
    },
    /// Fetch (or take from the disk cache), decode and encode the picture at `url` for
    /// article `article`'s body laid out at `width`, at most `max_rows` high; answered by
    /// `Action::PictureLoaded`.
    LoadPicture {
        article: ArticleId,
        url: String,
        width: u16,
        max_rows: u16,
    },
    /// Lay out an article body at `width`; answered by `Action::Rendered`.
    Render {
        request: u64,
        id: ArticleId,
        html: String,
        width: u16,
    },
    /// Fetch and extract the page at `url`, save it as the article's full text; answered by
    /// `Action::FullTextFetched`.
    FetchFullText {
        request: u64,
        id: ArticleId,
        url: String,
    },
    SetRead {
        ids: Vec<ArticleId>,
        read: bool,
        undoable: bool,
    },
    MarkFilterRead {
        filter: Filter,
    },
    SetStarred {
        ids: Vec<ArticleId>,
        starred: bool,
    },
    /// Refresh these feed URLs (all feeds when empty) in the background; `due_only` skips feeds
    /// fetched more recently than their refresh interval (the periodic refresh).
    Refresh {
        urls: Vec<String>,
        due_only: bool,
    },
    /// Tell of the new articles the last refresh brought that match `notify.query`, if any.
    Announce,
    /// Show this as the terminal's own notification.
    TerminalNotice(String),
    /// Open a link with the first `[[opener]]` that matches it, else the browser; `mime` is its
    /// type when known (an enclosure's).
    OpenUrl {
        url: String,
        mime: Option<String>,
    },
    CopyToClipboard(String),
    /// Resolve (autodiscovery), subscribe, sync the store; answered by `Action::FeedAdded`.
    AddFeed {
        url: String,
        tags: Vec<String>,
    },
    RemoveFeed {
        url: String,
    },
    /// Run a `[[command]]`'s program, the text of article `stdin` on its input when set;
    /// answered by `Action::HandedOff`.
    HandOff {
        label: String,
        argv: Vec<String>,
        stdin: Option<ArticleId>,
    },
}
