//! `update`: one exhaustive match from actions to state changes and effects.

use crate::config::keys::Command;
use crate::model::ArticleId;

use super::action::Action;
use super::effect::Effect;
use super::layout::reader_width;
use super::marks;
use super::nav::{self, height};
use super::prompt;
use super::state::{ActiveQuery, Confirm, Load, Mode, Pane, Prompt, PromptKind, Reader, State, TagRow};

/// The effects that fill the first screen from the store.
pub fn init(state: &mut State) -> Vec<Effect> {
    state.feeds = Load::Loading;
    state.tags = Load::Loading;
    // The list first: the first frame waits for it, not for the tags and the views' counts.
    let mut fx = vec![Effect::LoadFeeds];
    fx.extend(nav::reset_articles(state));
    fx.push(nav::load_tags(state));
    fx
}

pub fn update(state: &mut State, action: Action) -> Vec<Effect> {
    let mut fx = dispatch(state, action);
    // Whatever moved the view or changed the body, the pictures near the view follow.
    fx.extend(super::pictures::follow(state));
    fx
}

fn dispatch(state: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::Command(c) => command(state, c),
        Action::Digit(d) => {
            if state.reader.digits.len() < 4 {
                state.reader.digits.push(d);
            }
            Vec::new()
        }
        Action::Edit(e) => prompt::edit(state, e),
        Action::Confirm(yes) => prompt::confirm(state, yes),
        Action::CloseHelp => {
            state.mode = Mode::Normal;
            Vec::new()
        }
        Action::Resize(w, h) => resize(state, w, h),
        // Overlays (help, prompts, confirmations) own the screen: the mouse does not reach behind.
        Action::Click { .. } | Action::Wheel { .. } if state.mode != Mode::Normal => Vec::new(),
        Action::Click { x, y } => nav::click(state, x, y),
        Action::Wheel { x, y, down } => nav::wheel(state, x, y, down),
        Action::RefreshTimer => start_refresh(state, Vec::new(), false, true),
        Action::HandOff(index) => super::handoff::start(state, index),
        other => super::results::apply(state, other),
    }
}

fn command(state: &mut State, c: Command) -> Vec<Effect> {
    let rows = state.help_len() as u16;
    if let Mode::Help { scroll } = &mut state.mode {
        // Scroll no further than the last row at the bottom of the overlay.
        let visible = super::layout::help_height(state.size.1, rows).saturating_sub(2);
        let last = rows.saturating_sub(visible.max(1));
        match c {
            Command::Up => *scroll = scroll.saturating_sub(1),
            Command::Down => *scroll = (*scroll + 1).min(last),
            Command::PageUp | Command::Top => *scroll = 0,
            Command::PageDown | Command::Bottom => *scroll = last,
            Command::QuitNow => state.quit = true,
            _ => state.mode = Mode::Normal,
        }
        return Vec::new();
    }
    if !matches!(c, Command::Open | Command::OpenLink | Command::CopyLink) {
        state.reader.digits.clear();
    }
    state.message = None;
    let focus = state.focus;
    let page = height(state, focus).saturating_sub(1).max(1) as i64;
    match c {
        Command::Up => nav::move_by(state, focus, -1),
        Command::Down => nav::move_by(state, focus, 1),
        Command::PageUp => nav::move_by(state, focus, -page),
        Command::PageDown => nav::move_by(state, focus, page),
        Command::Top => nav::move_to_end(state, focus, false),
        Command::Bottom => nav::move_to_end(state, focus, true),
        Command::NextPane | Command::PrevPane => {
            let i = Pane::ORDER.iter().position(|p| *p == focus).unwrap_or(0);
            let step = if c == Command::NextPane { 1 } else { Pane::ORDER.len() - 1 };
            state.focus = Pane::ORDER[(i + step) % Pane::ORDER.len()];
            nav::fix_scrolls(state)
        }
        Command::Open => open(state),
        Command::Back => back(state, false),
        Command::Quit => back(state, true),
        Command::QuitNow => {
            state.quit = true;
            Vec::new()
        }
        Command::ToggleTag => toggle_tag(state),
        Command::Refresh => match refresh_target(state) {
            Some(url) => start_refresh(state, vec![url], true, false),
            None => {
                state.message = Some("no feed selected".into());
                Vec::new()
            }
        },
        Command::RefreshAll => start_refresh(state, Vec::new(), true, false),
        Command::ToggleRead => marks::toggle_read(state),
        Command::MarkAllRead => marks::mark_all_read(state),
        Command::Undo => marks::undo(state),
        Command::ToggleStar => marks::toggle_star(state),
        Command::UnreadOnly => {
            state.unread_only = !state.unread_only;
            nav::reset_articles(state)
        }
        Command::Search => {
            state.mode = Mode::Prompt(Prompt::new(PromptKind::Search, state.search.as_deref().unwrap_or("")));
            Vec::new()
        }
        Command::Query => {
            let text = state.query.as_ref().map(|q| q.query.to_string()).unwrap_or_default();
            state.mode = Mode::Prompt(Prompt::new(PromptKind::Query, &text));
            Vec::new()
        }
        Command::CycleSort => {
            state.sort = state.sort().next();
            if let Some(q) = &mut state.query {
                q.sort = None;
            }
            state.message = Some(format!("sorted {}", state.sort.label()));
            nav::reset_articles(state)
        }
        Command::NextUnread => marks::next_unread(state),
        Command::OpenLink | Command::CopyLink => {
            let target = link_target(state);
            state.reader.digits.clear();
            match target {
                Ok((url, mime)) if c == Command::OpenLink => vec![Effect::OpenUrl { url, mime }],
                Ok((url, _)) => vec![Effect::CopyToClipboard(url)],
                Err(e) => {
                    state.message = Some(e);
                    Vec::new()
                }
            }
        }
        Command::AddFeed => {
            state.mode = Mode::Prompt(Prompt::new(PromptKind::AddUrl, ""));
            Vec::new()
        }
        Command::RemoveFeed => {
            let feed = match focus {
                Pane::Feeds => state.selected_feed(),
                _ => {
                    let id = state.current_article().map(|a| a.feed_id);
                    state.feed_list().iter().find(|f| Some(f.id) == id)
                }
            };
            match feed {
                Some(f) => {
                    let (url, title) = (f.url.clone(), f.title.clone());
                    state.mode = Mode::Confirm(Confirm::RemoveFeed { url, title });
                }
                None => state.message = Some("no feed selected".into()),
            }
            Vec::new()
        }
        Command::FullText => super::fulltext::toggle_or_fetch(state),
        Command::Help => {
            state.mode = Mode::Help { scroll: 0 };
            Vec::new()
        }
    }
}

fn open(state: &mut State) -> Vec<Effect> {
    match state.focus {
        Pane::Tags => {
            if !apply_pick(state, false) {
                return Vec::new();
            }
            state.focus = Pane::Articles;
            nav::reset_articles(state)
        }
        Pane::Feeds => {
            let Some(id) = state.selected_feed().map(|f| f.id) else {
                return Vec::new();
            };
            state.feed_filter = if state.feed_filter == Some(id) { None } else { Some(id) };
            state.focus = Pane::Articles;
            nav::reset_articles(state)
        }
        Pane::Articles => open_article(state),
        Pane::Reader if !state.reader.digits.is_empty() => command(state, Command::OpenLink),
        Pane::Reader => Vec::new(),
    }
}

/// Opens the selected article in the reader; a newer open replaces an older one in flight.
pub(super) fn open_article(state: &mut State) -> Vec<Effect> {
    let cursor = state.articles.cursor;
    let Some(row) = state.articles.row(cursor).cloned() else {
        return Vec::new();
    };
    open_by_id(state, row.id, row.read)
}

/// Opens article `id` in the reader (`read`: whether it is read already).
pub(super) fn open_by_id(state: &mut State, id: ArticleId, read: bool) -> Vec<Effect> {
    let request = state.request_id();
    state.articles.chosen = true;
    state.reader = Reader { article: Load::Loading, pending: Some(request), ..Reader::default() };
    state.focus = Pane::Reader;
    let mut fx = vec![Effect::LoadArticle { request, id }];
    if state.settings.mark_read_on_open && !read {
        marks::set_read_local(state, &[id], true);
        fx.push(Effect::SetRead { ids: vec![id], read: true, undoable: true });
    }
    fx
}

/// Asks for the reader's body (the one `reader.source` picks) laid out at the current width.
/// Every change of source goes through here, so the latest layout request matches the source.
pub(super) fn render_body(state: &mut State) -> Vec<Effect> {
    let Some(article) = state.reader.article() else {
        return Vec::new();
    };
    let id = article.summary.id;
    let html = state.reader.source_html().unwrap_or_default().to_string();
    let width = reader_width(state.size.0, state.size.1);
    let request = state.request_id();
    state.reader.render_pending = Some(request);
    if state.reader.body.loaded().is_none() {
        state.reader.body = Load::Loading;
    }
    vec![Effect::Render { request, id, html, width }]
}

/// Esc steps back and never quits; q steps back too, and quits from the lists.
fn back(state: &mut State, may_quit: bool) -> Vec<Effect> {
    if state.focus == Pane::Reader {
        state.focus = Pane::Articles;
        return nav::fix_scrolls(state);
    }
    if state.search.is_some() {
        state.search = None;
        return nav::reset_articles(state);
    }
    state.quit = may_quit;
    Vec::new()
}

fn toggle_tag(state: &mut State) -> Vec<Effect> {
    if state.focus != Pane::Tags || !apply_pick(state, true) {
        return Vec::new();
    }
    nav::reset_articles(state)
}

/// Applies the row under the tags cursor: Enter replaces the tag selection, Space (`toggle`)
/// adds or removes the tag. "All" clears every filter either way. False when there is no row.
fn apply_pick(state: &mut State, toggle: bool) -> bool {
    match pick_tag(state) {
        Some(Pick::All) => {
            state.selected_tags.clear();
            state.starred_only = false;
            state.feed_filter = None;
            state.query = None;
        }
        Some(Pick::View(i)) if toggle && state.query.as_ref().is_some_and(|q| q.view == Some(i)) => {
            state.query = None;
        }
        Some(Pick::View(i)) => {
            let view = &state.views[i];
            state.query = Some(ActiveQuery { query: view.query.clone(), view: Some(i), sort: view.sort });
            if !toggle {
                state.selected_tags.clear();
                state.starred_only = false;
            }
        }
        Some(Pick::Starred) => state.starred_only = !state.starred_only,
        Some(Pick::Tag(tag)) if toggle => {
            let before = state.selected_tags.len();
            state.selected_tags.retain(|s| !s.eq_ignore_ascii_case(&tag));
            if state.selected_tags.len() == before {
                state.selected_tags.push(tag);
            }
        }
        // Like a view, a tag chosen with Enter replaces the other picks.
        Some(Pick::Tag(tag)) => {
            state.selected_tags = vec![tag];
            state.query = None;
        }
        None => return false,
    }
    true
}

enum Pick {
    All,
    Starred,
    View(usize),
    Tag(String),
}

fn pick_tag(state: &State) -> Option<Pick> {
    Some(match state.tag_rows().get(state.tag_list.cursor)? {
        TagRow::All => Pick::All,
        TagRow::Starred => Pick::Starred,
        TagRow::View(i, ..) => Pick::View(*i),
        TagRow::Tag(t) => Pick::Tag(t.tag.clone()),
    })
}

fn refresh_target(state: &State) -> Option<String> {
    match state.focus {
        Pane::Feeds => state.selected_feed().map(|f| f.url.clone()),
        _ => state.current_article().map(|a| a.feed_url.clone()).or_else(|| {
            let id = state.feed_filter?;
            state.feed_list().iter().find(|f| f.id == id).map(|f| f.url.clone())
        }),
    }
}

/// Starts a refresh unless one is running (`tell`: say so when it is).
pub(super) fn start_refresh(state: &mut State, urls: Vec<String>, tell: bool, due_only: bool) -> Vec<Effect> {
    if state.refresh != super::state::RefreshStatus::Idle {
        // What the user asked for runs when this refresh ends (the periodic tick just waits).
        if tell {
            state.queued_refresh = Some(match state.queued_refresh.take() {
                // An empty list means every feed, and covers any other request.
                Some(queued) if queued.is_empty() || urls.is_empty() => Vec::new(),
                Some(mut queued) => {
                    queued.extend(urls.into_iter().filter(|u| !queued.contains(u)).collect::<Vec<_>>());
                    queued
                }
                None => urls,
            });
            state.message = Some("refresh queued: one is running".into());
        }
        return Vec::new();
    }
    state.refresh = super::state::RefreshStatus::Starting;
    state.refresh_asked = tell;
    vec![Effect::Refresh { urls, due_only }]
}

/// A link from an article's body, made absolute against the article's own address (bodies often
/// link "/post/2").
fn absolute(base: Option<&str>, href: &str) -> String {
    base.and_then(|b| url::Url::parse(b).ok())
        .and_then(|b| b.join(href).ok())
        .map_or_else(|| href.to_string(), |u| u.to_string())
}

/// The link `o`/`y` act on, with its type when the feed gave one (an enclosure's).
fn link_target(state: &State) -> Result<(String, Option<String>), String> {
    if state.focus == Pane::Reader && !state.reader.digits.is_empty() {
        let n: usize = state.reader.digits.parse().unwrap_or(0);
        let links = state.reader.body.loaded().map(|b| b.rendered.links.as_slice()).unwrap_or(&[]);
        let base = state.reader.article().and_then(|a| a.summary.link.as_deref());
        let attachments = super::reader::attachments(&state.reader);
        let index = n.checked_sub(1);
        return match (index.and_then(|i| links.get(i)), index.and_then(|i| i.checked_sub(links.len()))) {
            (Some(link), _) => Ok((absolute(base, &link.url), None)),
            (None, Some(i)) if i < attachments.len() => {
                // Enclosures come first among the attachments, in the article's order.
                let media = state.reader.article().map(|a| &a.media);
                let mime = media.and_then(|m| m.enclosures.get(i)).and_then(|e| e.mime.clone());
                Ok((attachments[i].0.to_string(), mime))
            }
            _ => Err(format!("no link {n}")),
        };
    }
    let article = state.current_article().ok_or("no article selected")?;
    article.link.clone().map(|url| (url, None)).ok_or_else(|| "this article has no link".to_string())
}

fn resize(state: &mut State, w: u16, h: u16) -> Vec<Effect> {
    let old_width = reader_width(state.size.0, state.size.1);
    state.size = (w, h);
    let mut fx = nav::fix_scrolls(state);
    if reader_width(w, h) != old_width && state.reader.article().is_some() {
        fx.extend(render_body(state));
    }
    fx
}
