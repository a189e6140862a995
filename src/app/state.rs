//! Everything the screen shows, and nothing more: the article list is a window of rows around
//! the selection, never the whole store.

use crate::config::handoff::HandOff;
use crate::config::keys::KeyBindings;
use crate::config::views::View;
use crate::model::{Article, ArticleId, ArticleSummary, Feed, FeedId, Filter, Sort, TagCount};
use crate::query::Query;
use crate::text::Rendered;

use super::editor::LineEditor;

/// Rows of the article list held at once.
pub const WINDOW: u32 = 200;

/// Something loaded in the background.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Load<T> {
    #[default]
    Idle,
    Loading,
    Loaded(T),
    Failed(String),
}

impl<T> Load<T> {
    pub fn loaded(&self) -> Option<&T> {
        match self {
            Load::Loaded(t) => Some(t),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Tags,
    Feeds,
    Articles,
    Reader,
}

impl Pane {
    pub const ORDER: [Pane; 4] = [Pane::Tags, Pane::Feeds, Pane::Articles, Pane::Reader];
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Normal,
    Help { scroll: u16 },
    Prompt(Prompt),
    Confirm(Confirm),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub editor: LineEditor,
    /// Why the last submission was refused (a query that does not parse); cleared by editing.
    pub error: Option<String>,
}

impl Prompt {
    pub fn new(kind: PromptKind, text: &str) -> Prompt {
        Prompt { kind, editor: LineEditor::new(text), error: None }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptKind {
    Search,
    /// A one-off view: a query (`:`).
    Query,
    AddUrl,
    AddTags {
        url: String,
    },
    /// Adding a feed on the sync server: its folder there.
    AddFolder {
        url: String,
    },
}

impl PromptKind {
    pub fn label(&self) -> &'static str {
        match self {
            PromptKind::Search => "Search: ",
            PromptKind::Query => "Query: ",
            PromptKind::AddUrl => "Feed or site URL: ",
            PromptKind::AddTags { .. } => "Tags (comma separated): ",
            PromptKind::AddFolder { .. } => "Folder on the server (empty: none): ",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    RemoveFeed { url: String, title: String },
}

/// Selection and first visible row of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ListCursor {
    pub cursor: usize,
    pub scroll: usize,
}

impl ListCursor {
    /// Moves to `to` (clamped to `len`) and scrolls so it stays within `height` rows.
    pub fn set(&mut self, to: usize, len: usize, height: usize) {
        self.cursor = to.min(len.saturating_sub(1));
        self.follow(height);
    }

    pub fn follow(&mut self, height: usize) {
        let height = height.max(1);
        if self.cursor < self.scroll {
            self.scroll = self.cursor;
        } else if self.cursor >= self.scroll + height {
            self.scroll = self.cursor + 1 - height;
        }
    }
}

/// One row of the tags pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TagRow<'a> {
    All,
    Starred,
    /// A saved view (its index in `State::views`) with its unread count once loaded.
    View(usize, &'a View, Option<u32>),
    Tag(&'a TagCount),
}

/// The query on the article list: a saved view's, or one typed at the `:` prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActiveQuery {
    pub query: Query,
    /// The saved view it comes from (an index in `State::views`); None: typed.
    pub view: Option<usize>,
    /// The view's own order, in force while it is chosen (until the user cycles the order).
    pub sort: Option<Sort>,
}

/// The visible window of the article list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Articles {
    pub status: Load<()>,
    /// Request id of the load in flight; results of older requests are dropped.
    pub pending: Option<u64>,
    pub pending_offset: u32,
    /// Index of `rows[0]` in the whole filtered list.
    pub offset: u32,
    pub rows: Vec<ArticleSummary>,
    /// Rows matching the filter in the store.
    pub total: u32,
    /// Absolute index of the selection, and of the first visible row.
    pub cursor: u32,
    pub scroll: u32,
    /// Reselect this article when the pending load arrives (reload after a refresh).
    pub keep: Option<ArticleId>,
    /// The request whose count is on its way (`total` is a lower bound until it lands).
    pub counting: Option<u64>,
    /// The user moved the selection or opened an article since the list started: until then a
    /// reload stays on the first row, so articles arriving on top do not push the cursor down.
    pub chosen: bool,
}

impl Articles {
    pub fn row(&self, index: u32) -> Option<&ArticleSummary> {
        index.checked_sub(self.offset).and_then(|i| self.rows.get(i as usize))
    }

    pub fn row_mut(&mut self, index: u32) -> Option<&mut ArticleSummary> {
        index.checked_sub(self.offset).and_then(|i| self.rows.get_mut(i as usize))
    }

    pub fn selected(&self) -> Option<&ArticleSummary> {
        self.row(self.cursor)
    }
}

/// Which of an article's two bodies the reader shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BodySource {
    /// The content the feed carried.
    #[default]
    Feed,
    /// The page's main text, extracted (`f`).
    FullText,
}

impl BodySource {
    /// The full text when the store has it: a user who fetched it once wants it again.
    pub fn preferred(article: &Article) -> BodySource {
        if article.full_text_html.is_some() { BodySource::FullText } else { BodySource::Feed }
    }

    pub fn label(self) -> &'static str {
        match self {
            BodySource::Feed => "feed content",
            BodySource::FullText => "full text",
        }
    }
}

/// The full-text fetch of the open article. Done is not a state of its own: the article then
/// has `full_text_html`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum FullTextFetch {
    #[default]
    Idle,
    /// Only the answer to this request counts; opening another article resets this to `Idle`.
    Fetching {
        request: u64,
    },
    Failed(String),
}

/// An article body laid out for one width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedBody {
    pub id: ArticleId,
    pub width: u16,
    /// What was laid out (the layout on screen may lag behind `Reader::source` for a moment).
    pub source: BodySource,
    pub rendered: Rendered,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reader {
    pub article: Load<Article>,
    pub pending: Option<u64>,
    /// The body to show; every change is followed by a new layout request.
    pub source: BodySource,
    pub full_text: FullTextFetch,
    pub body: Load<RenderedBody>,
    pub render_pending: Option<u64>,
    pub scroll: u16,
    /// Digits typed before Enter/o/y: link number.
    pub digits: String,
    /// The article's pictures, when the reader draws them.
    pub pictures: super::pictures::Pictures,
}

impl Reader {
    pub fn article(&self) -> Option<&Article> {
        self.article.loaded()
    }

    /// The HTML of the body `source` picks (the feed's when there is no full text).
    pub fn source_html(&self) -> Option<&str> {
        let article = self.article()?;
        Some(match (self.source, &article.full_text_html) {
            (BodySource::FullText, Some(full)) => full,
            _ => &article.content_html,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RefreshStatus {
    #[default]
    Idle,
    Starting,
    Running {
        done: u32,
        total: u32,
        failed: u32,
        new: u32,
    },
}

/// One undoable mark: these articles were set to `read`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub ids: Vec<ArticleId>,
    pub read: bool,
}

/// Where the feeds come from: what the state machine knows of the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Source {
    /// feeds.toml, fetched by byline itself.
    #[default]
    Local,
    /// A sync server ("greader", "ttrss") owns the subscriptions: `a` asks for a folder there,
    /// and a refresh is a sync of everything.
    Server(&'static str),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    pub mark_read_on_open: bool,
    pub source: Source,
    /// The zone dates are shown in.
    pub zone: crate::zone::Zone,
    /// The periodic refresh's interval for feeds without their own (0: none), for the feeds
    /// pane's "retrying after".
    pub refresh_minutes: u32,
    /// Set when pictures are drawn in the reader.
    pub pictures: Option<super::pictures::PictureSettings>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            mark_read_on_open: true,
            source: Source::Local,
            zone: crate::zone::Zone::UTC,
            refresh_minutes: 0,
            pictures: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub size: (u16, u16),
    pub focus: Pane,
    pub mode: Mode,
    pub tags: Load<Vec<TagCount>>,
    /// Starred articles, for the Starred row.
    pub starred_count: u32,
    pub tag_list: ListCursor,
    pub feeds: Load<Vec<Feed>>,
    pub feed_list: ListCursor,
    /// Articles must carry all of these tags.
    pub selected_tags: Vec<String>,
    pub feed_filter: Option<FeedId>,
    pub starred_only: bool,
    pub unread_only: bool,
    pub search: Option<String>,
    /// Saved views from config.toml, shown above the tags, and their unread counts.
    pub views: Vec<View>,
    pub view_unread: Vec<u32>,
    pub query: Option<ActiveQuery>,
    /// The order the user picked (`S`); see [`State::sort`].
    pub sort: Sort,
    pub articles: Articles,
    pub reader: Reader,
    pub refresh: RefreshStatus,
    /// A refresh the user asked for while one ran (empty: every feed); it starts after.
    pub queued_refresh: Option<Vec<String>>,
    /// The running refresh is one the user asked for (r, R): it is not announced, they watch it.
    pub refresh_asked: bool,
    pub last_error: Option<String>,
    pub message: Option<String>,
    pub undo: Vec<Mark>,
    pub settings: Settings,
    pub keys: KeyBindings,
    /// The user's `[[command]]`s; their keys clash with no binding (the config checks).
    pub handoffs: Vec<HandOff>,
    pub quit: bool,
    pub(crate) next_request: u64,
}

impl State {
    pub fn new(keys: KeyBindings, settings: Settings, size: (u16, u16)) -> State {
        State {
            size,
            focus: Pane::Articles,
            mode: Mode::Normal,
            tags: Load::Idle,
            starred_count: 0,
            tag_list: ListCursor::default(),
            feeds: Load::Idle,
            feed_list: ListCursor::default(),
            selected_tags: Vec::new(),
            feed_filter: None,
            starred_only: false,
            unread_only: false,
            search: None,
            views: Vec::new(),
            view_unread: Vec::new(),
            query: None,
            sort: Sort::default(),
            articles: Articles::default(),
            reader: Reader::default(),
            refresh: RefreshStatus::Idle,
            queued_refresh: None,
            refresh_asked: false,
            last_error: None,
            message: None,
            undo: Vec::new(),
            settings,
            keys,
            handoffs: Vec::new(),
            quit: false,
            next_request: 0,
        }
    }

    /// The article list's filter, from every selection combined.
    pub fn filter(&self) -> Filter {
        Filter {
            tags: self.selected_tags.clone(),
            feed: self.feed_filter,
            unread_only: self.unread_only,
            starred_only: self.starred_only,
            search: self.search.clone(),
            query: self.query.as_ref().map(|q| q.query.clone()),
            sort: self.sort(),
        }
    }

    /// The article list's order: the chosen view's own, else the user's.
    pub fn sort(&self) -> Sort {
        self.query.as_ref().and_then(|q| q.sort).unwrap_or(self.sort)
    }

    /// The views' queries, for loading their counts with the tags.
    pub fn view_queries(&self) -> Vec<Query> {
        self.views.iter().map(|v| v.query.clone()).collect()
    }

    pub fn tag_rows(&self) -> Vec<TagRow<'_>> {
        let mut rows = vec![TagRow::All, TagRow::Starred];
        rows.extend(
            self.views.iter().enumerate().map(|(i, v)| TagRow::View(i, v, self.view_unread.get(i).copied())),
        );
        if let Some(tags) = self.tags.loaded() {
            rows.extend(tags.iter().map(TagRow::Tag));
        }
        rows
    }

    pub fn feed_list(&self) -> &[Feed] {
        self.feeds.loaded().map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn selected_feed(&self) -> Option<&Feed> {
        self.feed_list().get(self.feed_list.cursor)
    }

    /// How the user removes a feed here, for the hint on a gone one: "d", or whatever key.
    pub fn remove_key(&self) -> String {
        match self.keys.keys(crate::config::keys::Command::RemoveFeed).first() {
            Some(key) => format!("{key} in the feeds pane"),
            None => "`byline remove URL`".to_string(),
        }
    }

    /// The selected feed's trouble in one line, for the feeds pane: why its last refresh
    /// failed and when it is tried again (local time, dated when not on the attempt's day).
    pub fn feed_note(&self, feed: &crate::model::Feed) -> Option<String> {
        let reference = feed.schedule.last_fetched.unwrap_or_default();
        crate::schedule::feed_note(
            feed.last_error.as_deref(),
            &feed.schedule,
            self.settings.refresh_minutes,
            reference,
            self.settings.zone,
            &self.remove_key(),
        )
    }

    /// (keys, description) for the help screen: the bindings, then the user's commands.
    pub fn help_rows(&self) -> Vec<(String, String)> {
        let mut rows: Vec<(String, String)> =
            self.keys.help_rows().into_iter().map(|(k, d)| (k, d.to_string())).collect();
        rows.extend(self.handoffs.iter().map(|h| (h.key().to_string(), h.label())));
        rows
    }

    /// Rows of the help screen, without making them.
    pub fn help_len(&self) -> usize {
        crate::config::keys::Command::ALL.len() + self.handoffs.len()
    }

    pub fn feed_title(&self, id: FeedId) -> Option<&str> {
        self.feed_list().iter().find(|f| f.id == id).map(|f| f.title.as_str())
    }

    /// The article the user is acting on: the reader's in the reader, else the list's selection.
    pub fn current_article(&self) -> Option<&crate::model::ArticleSummary> {
        match (self.focus, self.reader.article()) {
            (Pane::Reader, Some(a)) => Some(&a.summary),
            _ => self.articles.selected(),
        }
    }

    pub(crate) fn request_id(&mut self) -> u64 {
        self.next_request += 1;
        self.next_request
    }
}
