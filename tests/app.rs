//! `update` without a terminal or a store: every action, its state change and its effects.

#[path = "app/fulltext.rs"]
mod fulltext;
#[path = "app/handoff.rs"]
mod handoff;
mod tui_fixtures;
#[path = "app/views.rs"]
mod views;

use byline::app::{
    self, Action, ArticlePage, Edit, Effect, Load, Mode, Pane, RefreshStatus, Settings, State,
};
use byline::config::keys::{Command, Key, KeyBindings, KeyCode};
use byline::model::{Article, ArticleId, ArticleSummary, FeedId, Filter};
use byline::refresh::{FeedOutcome, FeedReport, Summary};
use byline::schedule::Failure;
use byline::store::SaveStats;
use byline::text::{Link, LinkKind, Rendered};
use tui_fixtures::*;

const WIDE: (u16, u16) = (120, 30);

fn cmd(state: &mut State, c: Command) -> Vec<Effect> {
    app::update(state, Action::Command(c))
}

fn article(id: i64) -> Article {
    Article {
        summary: summary(id, 1, &format!("Article number {id}"), false),
        content_html: "<p>Hello <a href=\"https://a.example\">a</a></p>".into(),
        full_text_html: None,
        first_seen: chrono::Utc::now(),
        media: Default::default(),
    }
}

/// Opens the selected article and answers its load; returns the render effect's request.
fn open_and_load(state: &mut State) -> Vec<Effect> {
    let fx = cmd(state, Command::Open);
    let (request, id) = fx
        .iter()
        .find_map(|e| match e {
            Effect::LoadArticle { request, id } => Some((*request, *id)),
            _ => None,
        })
        .expect("article load");
    app::update(state, Action::ArticleLoaded { request, result: Ok(Some(article(id.0))) })
}

fn render_request(fx: &[Effect]) -> (u64, ArticleId, u16) {
    fx.iter()
        .find_map(|e| match e {
            Effect::Render { request, id, width, .. } => Some((*request, *id, *width)),
            _ => None,
        })
        .expect("render effect")
}

#[test]
fn init_loads_feeds_tags_and_the_first_window() {
    let mut state = State::new(KeyBindings::default(), Settings::default(), WIDE);
    let fx = app::init(&mut state);
    assert!(fx.contains(&Effect::LoadFeeds) && fx.contains(&Effect::LoadTags { views: Vec::new() }));
    assert_eq!(articles_request(&fx).map(|r| r.1), Some(0));
    // The list before the tags: the first frame waits for the list, not for the views' counts.
    let at = |wanted: fn(&Effect) -> bool| fx.iter().position(wanted).expect("asked");
    assert!(
        at(|e| matches!(e, Effect::LoadArticles { limit: 200, .. }))
            < at(|e| matches!(e, Effect::LoadTags { .. }))
    );
    answer_articles(&mut state, &fx, 1000);
    assert_eq!((state.articles.total, state.articles.rows.len()), (1000, 200));
}

#[test]
fn a_page_sent_before_its_count_is_drawn_and_the_count_lands_after() {
    let mut state = loaded(WIDE, 10);
    let fx = cmd(&mut state, Command::UnreadOnly);
    let (request, _) = articles_request(&fx).expect("a load");
    let page = ArticlePage { offset: 0, total: 200, rows: tui_fixtures::rows(0, 200), counting: true };
    app::update(&mut state, Action::ArticlesLoaded { request, result: Ok(page) });
    assert_eq!((state.articles.total, state.articles.counting), (200, Some(request)));
    // A count for an older request is dropped; this one's lands.
    app::update(&mut state, Action::ArticlesCounted { request: request - 1, result: Ok(5) });
    assert_eq!(state.articles.total, 200);
    app::update(&mut state, Action::ArticlesCounted { request, result: Ok(11_839) });
    assert_eq!((state.articles.total, state.articles.counting), (11_839, None));
    // A later window while its count is on its way keeps the known length.
    let fx = cmd(&mut state, Command::Bottom);
    let (request, offset) = articles_request(&fx).expect("the last window is loaded");
    let page =
        ArticlePage { offset, total: offset + 200, rows: tui_fixtures::rows(offset, 200), counting: true };
    app::update(&mut state, Action::ArticlesLoaded { request, result: Ok(page) });
    assert_eq!(state.articles.total, 11_839);
}

#[test]
fn stale_window_results_are_dropped() {
    let mut state = loaded(WIDE, 50);
    let first = cmd(&mut state, Command::UnreadOnly);
    let second = cmd(&mut state, Command::UnreadOnly);
    answer_articles(&mut state, &first, 7);
    assert_eq!(state.articles.total, 0, "the older request's answer is ignored");
    answer_articles(&mut state, &second, 9);
    assert_eq!(state.articles.total, 9);
}

#[test]
fn moving_past_the_window_loads_the_rows_around_the_selection() {
    let mut state = loaded(WIDE, 100_000);
    assert!(cmd(&mut state, Command::Down).is_empty());
    assert_eq!(state.articles.cursor, 1);
    let fx = cmd(&mut state, Command::Bottom);
    assert_eq!(state.articles.cursor, 99_999);
    let (_, offset) = articles_request(&fx).expect("window load");
    assert_eq!(offset, 100_000 - app::WINDOW);
    answer_articles(&mut state, &fx, 100_000);
    assert_eq!(state.articles.selected().map(|a| a.title.as_str()), Some("Article number 100000"));
    cmd(&mut state, Command::Top);
    assert_eq!((state.articles.cursor, state.articles.scroll), (0, 0));
    let page = cmd(&mut state, Command::PageDown);
    assert!(page.is_empty() && state.articles.cursor > 10);
    cmd(&mut state, Command::PageUp);
    assert_eq!(state.articles.cursor, 0);
    cmd(&mut state, Command::Up);
    assert_eq!(state.articles.cursor, 0, "stays at the top");
}

#[test]
fn opening_an_article_loads_it_marks_it_read_and_renders_it() {
    let mut state = loaded(WIDE, 10);
    let fx = cmd(&mut state, Command::Open);
    assert_eq!(state.focus, Pane::Reader);
    assert!(matches!(state.reader.article, Load::Loading));
    assert!(fx.contains(&Effect::SetRead { ids: vec![ArticleId(1)], read: true, undoable: true }));
    assert!(state.articles.rows[0].read, "shown read at once");
    let mut state = loaded(WIDE, 10);
    let fx = open_and_load(&mut state);
    let (request, id, width) = render_request(&fx);
    assert_eq!(id, ArticleId(1));
    assert!(state.reader.article().is_some_and(|a| a.summary.read));
    let rendered = Rendered {
        lines: Vec::new(),
        links: vec![Link { url: "https://a.example".into(), kind: LinkKind::Link }],
        pictures: Vec::new(),
    };
    app::update(
        &mut state,
        Action::Rendered { request: request + 99, id, width, rendered: rendered.clone() },
    );
    assert!(state.reader.body.loaded().is_none(), "a stale layout is dropped");
    app::update(&mut state, Action::Rendered { request, id, width, rendered });
    assert_eq!(state.reader.body.loaded().map(|b| b.rendered.links.len()), Some(1));
}

#[test]
fn mark_read_on_open_can_be_off() {
    let mut state = loaded(WIDE, 10);
    state.settings.mark_read_on_open = false;
    let fx = cmd(&mut state, Command::Open);
    assert!(!fx.iter().any(|e| matches!(e, Effect::SetRead { .. })));
    assert!(!state.articles.rows[0].read);
}

#[test]
fn a_newer_open_replaces_an_older_one() {
    let mut state = loaded(WIDE, 10);
    let fx_a = cmd(&mut state, Command::Open);
    cmd(&mut state, Command::Back);
    cmd(&mut state, Command::Down);
    let fx_b = cmd(&mut state, Command::Open);
    let req = |fx: &[Effect]| {
        fx.iter().find_map(|e| match e {
            Effect::LoadArticle { request, .. } => Some(*request),
            _ => None,
        })
    };
    let (a, b) = (req(&fx_a).expect("a"), req(&fx_b).expect("b"));
    let late = app::update(&mut state, Action::ArticleLoaded { request: a, result: Ok(Some(article(1))) });
    assert!(late.is_empty() && matches!(state.reader.article, Load::Loading));
    app::update(&mut state, Action::ArticleLoaded { request: b, result: Ok(Some(article(2))) });
    assert_eq!(state.reader.article().map(|a| a.summary.id), Some(ArticleId(2)));
}

#[test]
fn missing_or_failed_article_loads_say_so() {
    let mut state = loaded(WIDE, 10);
    let fx = cmd(&mut state, Command::Open);
    let Some(Effect::LoadArticle { request, .. }) = fx.first().cloned() else { panic!("load first") };
    app::update(&mut state, Action::ArticleLoaded { request, result: Ok(None) });
    assert!(matches!(state.reader.article, Load::Failed(_)));
    cmd(&mut state, Command::Back);
    let fx = cmd(&mut state, Command::Open);
    let Some(Effect::LoadArticle { request, .. }) = fx.first().cloned() else { panic!("load first") };
    app::update(&mut state, Action::ArticleLoaded { request, result: Err("disk I/O error".into()) });
    assert_eq!(state.last_error.as_deref(), Some("disk I/O error"));
}

#[test]
fn toggle_read_then_undo() {
    let mut state = loaded(WIDE, 10);
    let fx = cmd(&mut state, Command::ToggleRead);
    assert_eq!(fx, vec![Effect::SetRead { ids: vec![ArticleId(1)], read: true, undoable: true }]);
    assert!(state.articles.rows[0].read);
    let fx =
        app::update(&mut state, Action::Marked { changed: vec![ArticleId(1)], read: true, undoable: true });
    assert!(fx.contains(&Effect::LoadFeeds) && fx.contains(&Effect::LoadTags { views: Vec::new() }));
    let fx = cmd(&mut state, Command::Undo);
    assert_eq!(fx, vec![Effect::SetRead { ids: vec![ArticleId(1)], read: false, undoable: false }]);
    assert!(!state.articles.rows[0].read);
    assert!(cmd(&mut state, Command::Undo).is_empty());
    assert_eq!(state.message.as_deref(), Some("nothing to undo"));
}

#[test]
fn mark_all_read_uses_the_current_filter_and_reloads() {
    let mut state = loaded(WIDE, 10);
    cmd(&mut state, Command::UnreadOnly);
    let fx = cmd(&mut state, Command::MarkAllRead);
    let Some(Effect::MarkFilterRead { filter }) = fx.first() else { panic!("{fx:?}") };
    assert!(filter.unread_only);
    let changed = vec![ArticleId(1), ArticleId(2)];
    let fx = app::update(&mut state, Action::Marked { changed: changed.clone(), read: true, undoable: true });
    assert!(articles_request(&fx).is_some(), "many changed: the window reloads");
    assert_eq!(state.undo.last().map(|m| m.ids.clone()), Some(changed));
}

#[test]
fn star_toggles_at_once_and_is_saved() {
    let mut state = loaded(WIDE, 10);
    let fx = cmd(&mut state, Command::ToggleStar);
    assert_eq!(fx, vec![Effect::SetStarred { ids: vec![ArticleId(1)], starred: true }]);
    assert!(state.articles.rows[0].starred);
    assert!(
        app::update(&mut state, Action::Starred { changed: vec![ArticleId(1)], starred: true }).is_empty()
    );
}

#[test]
fn unread_only_and_search_combine_in_the_filter() {
    let mut state = loaded(WIDE, 10);
    cmd(&mut state, Command::UnreadOnly);
    cmd(&mut state, Command::Search);
    assert!(matches!(state.mode, Mode::Prompt(_)));
    for c in "rust".chars() {
        app::update(&mut state, Action::Edit(Edit::Insert(c)));
    }
    let fx = app::update(&mut state, Action::Edit(Edit::Submit));
    let Some(Effect::LoadArticles { filter, offset: 0, .. }) = fx.first() else { panic!("{fx:?}") };
    assert!(filter.unread_only);
    assert_eq!(filter.search.as_deref(), Some("rust"));
    assert_eq!(state.mode, Mode::Normal);
    // Esc clears the search before it quits.
    let fx = cmd(&mut state, Command::Back);
    assert!(articles_request(&fx).is_some() && state.search.is_none() && !state.quit);
    cmd(&mut state, Command::Search);
    app::update(&mut state, Action::Edit(Edit::Insert('x')));
    app::update(&mut state, Action::Edit(Edit::Cancel));
    assert!(state.search.is_none() && state.mode == Mode::Normal);
}

#[test]
fn tags_select_one_or_several_and_all_clears() {
    let mut state = loaded(WIDE, 10);
    state.focus = Pane::Tags;
    cmd(&mut state, Command::Down);
    cmd(&mut state, Command::Down); // All, Starred, linux
    let fx = cmd(&mut state, Command::Open);
    assert_eq!(state.selected_tags, vec!["linux"]);
    assert_eq!(state.focus, Pane::Articles);
    let Some(Effect::LoadArticles { filter, .. }) = fx.first() else { panic!("{fx:?}") };
    assert_eq!(filter.tags, vec!["linux"]);
    state.focus = Pane::Tags;
    cmd(&mut state, Command::Down);
    cmd(&mut state, Command::ToggleTag);
    assert_eq!(state.selected_tags, vec!["linux", "rust"]);
    assert_eq!(state.focus, Pane::Tags);
    cmd(&mut state, Command::ToggleTag);
    assert_eq!(state.selected_tags, vec!["linux"]);
    cmd(&mut state, Command::Top);
    cmd(&mut state, Command::Open);
    assert!(state.selected_tags.is_empty());
    state.focus = Pane::Tags;
    cmd(&mut state, Command::Down);
    cmd(&mut state, Command::Open);
    assert!(state.starred_only);
}

#[test]
fn feeds_filter_and_toggle_off() {
    let mut state = loaded(WIDE, 10);
    state.focus = Pane::Feeds;
    cmd(&mut state, Command::Down);
    let fx = cmd(&mut state, Command::Open);
    assert_eq!(state.feed_filter, Some(FeedId(2)));
    let Some(Effect::LoadArticles { filter, .. }) = fx.first() else { panic!("{fx:?}") };
    assert_eq!(filter.feed, Some(FeedId(2)));
    state.focus = Pane::Feeds;
    cmd(&mut state, Command::Open);
    assert_eq!(state.feed_filter, None);
}

#[test]
fn refresh_progress_keeps_the_selected_article() {
    let mut state = loaded(WIDE, 10);
    state.focus = Pane::Feeds;
    let fx = cmd(&mut state, Command::Refresh);
    assert_eq!(fx, vec![Effect::Refresh { urls: vec!["https://feed1.example/rss".into()], due_only: false }]);
    assert!(cmd(&mut state, Command::RefreshAll).is_empty(), "queued while one runs");
    assert_eq!(state.message.as_deref(), Some("refresh queued: one is running"));
    app::update(&mut state, Action::RefreshStarted { total: 2 });
    state.focus = Pane::Articles;
    cmd(&mut state, Command::Down);
    cmd(&mut state, Command::Down);
    assert_eq!(state.articles.selected().map(|a| a.id), Some(ArticleId(3)));
    let failed = FeedReport {
        feed: FeedId(3),
        url: "https://feed3.example/rss".into(),
        outcome: FeedOutcome::Failed("HTTP 500".into()),
        at: chrono::Utc::now(),
        moved_to: None,
    };
    let fx = app::update(&mut state, Action::FeedsRefreshed(vec![failed]));
    assert_eq!(fx, vec![Effect::LoadFeeds]);
    assert_eq!(state.last_error.as_deref(), Some("https://feed3.example/rss: HTTP 500"));
    let updated = FeedReport {
        feed: FeedId(1),
        url: "https://feed1.example/rss".into(),
        outcome: FeedOutcome::Updated(SaveStats { new: 2, updated: 0 }),
        at: chrono::Utc::now(),
        moved_to: None,
    };
    let fx = app::update(&mut state, Action::FeedsRefreshed(vec![updated]));
    assert_eq!(state.refresh, RefreshStatus::Running { done: 2, total: 2, failed: 1, new: 2 });
    // Two new articles on top: the selected one moved from index 2 to 4 and stays selected.
    let (request, offset) = articles_request(&fx).expect("reload");
    let mut rows = vec![summary(100, 1, "New one", false), summary(101, 1, "New two", false)];
    rows.extend(tui_fixtures::rows(0, 10));
    app::update(
        &mut state,
        Action::ArticlesLoaded {
            request,
            result: Ok(ArticlePage { offset, total: 12, rows, counting: false }),
        },
    );
    assert_eq!((state.articles.cursor, state.articles.selected().map(|a| a.id)), (4, Some(ArticleId(3))));
    let summary = Summary { feeds: 2, new: 2, unchanged: 0, failed: 1, ..Summary::default() };
    let fx = app::update(&mut state, Action::RefreshFinished(Ok(summary)));
    assert_eq!(state.message.as_deref(), Some("refreshed 2 feeds: 2 new, 1 failed"));
    // The R pressed during the refresh runs now.
    assert!(fx.contains(&Effect::Refresh { urls: vec![], due_only: false }), "{fx:?}");
    assert_eq!(state.refresh, RefreshStatus::Starting);
    assert!(
        app::update(&mut state, Action::RefreshTimer).is_empty(),
        "the timer waits for a running refresh"
    );
}

#[test]
fn next_unread_skips_read_rows_and_opens_in_the_reader() {
    let mut state = loaded(WIDE, 10);
    cmd(&mut state, Command::Down); // row 1 (unread); row 2 is read
    cmd(&mut state, Command::NextUnread);
    assert_eq!(state.articles.cursor, 3);
    open_and_load(&mut state);
    let fx = cmd(&mut state, Command::NextUnread);
    assert_eq!(state.articles.cursor, 4);
    assert!(fx.iter().any(|e| matches!(e, Effect::LoadArticle { id: ArticleId(5), .. })));
}

#[test]
fn links_open_and_copy_by_number_in_the_reader() {
    let mut state = loaded(WIDE, 10);
    assert_eq!(
        cmd(&mut state, Command::OpenLink),
        vec![Effect::OpenUrl { url: "https://feed1.example/post/1".into(), mime: None }]
    );
    assert_eq!(
        cmd(&mut state, Command::CopyLink),
        vec![Effect::CopyToClipboard("https://feed1.example/post/1".into())]
    );
    let fx = open_and_load(&mut state);
    let (request, id, width) = render_request(&fx);
    // Link 2 is relative, as bodies often write them: it opens against the article's address.
    let links = ["https://l1.example/", "/rel/2", "https://l3.example/"]
        .map(|url| Link { url: url.into(), kind: LinkKind::Link })
        .to_vec();
    app::update(
        &mut state,
        Action::Rendered {
            request,
            id,
            width,
            rendered: Rendered { lines: vec![], links, pictures: vec![] },
        },
    );
    let digit = app::action_for(&state, Key::plain(KeyCode::Char('2')));
    assert_eq!(digit, Some(Action::Digit('2')));
    app::update(&mut state, Action::Digit('2'));
    assert_eq!(
        cmd(&mut state, Command::Open),
        vec![Effect::OpenUrl { url: "https://feed1.example/rel/2".into(), mime: None }]
    );
    assert!(state.reader.digits.is_empty());
    app::update(&mut state, Action::Digit('3'));
    assert_eq!(
        cmd(&mut state, Command::CopyLink),
        vec![Effect::CopyToClipboard("https://l3.example/".into())]
    );
    app::update(&mut state, Action::Digit('9'));
    assert!(cmd(&mut state, Command::OpenLink).is_empty());
    assert_eq!(state.message.as_deref(), Some("no link 9"));
}

#[test]
fn add_feed_prompts_for_url_then_tags() {
    let mut state = loaded(WIDE, 10);
    cmd(&mut state, Command::AddFeed);
    for c in "example.org".chars() {
        app::update(&mut state, Action::Edit(Edit::Insert(c)));
    }
    assert!(app::update(&mut state, Action::Edit(Edit::Submit)).is_empty());
    for c in "news, tech ,".chars() {
        app::update(&mut state, Action::Edit(Edit::Insert(c)));
    }
    let fx = app::update(&mut state, Action::Edit(Edit::Submit));
    assert_eq!(
        fx,
        vec![Effect::AddFeed { url: "example.org".into(), tags: vec!["news".into(), "tech".into()] }]
    );
    let fx = app::update(&mut state, Action::FeedAdded(Ok("https://example.org/feed".into())));
    // Its first fetch was saved with it: the lists reload, nothing is fetched again.
    assert!(fx.contains(&Effect::LoadFeeds) && articles_request(&fx).is_some(), "{fx:?}");
    assert!(!fx.iter().any(|e| matches!(e, Effect::Refresh { .. })), "{fx:?}");
    app::update(&mut state, Action::FeedAdded(Err("https://x: no feed found".into())));
    assert_eq!(state.last_error.as_deref(), Some("https://x: no feed found"));
}

#[test]
fn remove_feed_asks_first() {
    let mut state = loaded(WIDE, 10);
    state.focus = Pane::Feeds;
    cmd(&mut state, Command::Open); // filter on feed 1
    state.focus = Pane::Feeds;
    cmd(&mut state, Command::RemoveFeed);
    assert!(matches!(state.mode, Mode::Confirm(_)));
    assert_eq!(app::action_for(&state, Key::plain(KeyCode::Char('n'))), Some(Action::Confirm(false)));
    assert!(app::update(&mut state, Action::Confirm(false)).is_empty());
    cmd(&mut state, Command::RemoveFeed);
    let fx = app::update(&mut state, Action::Confirm(true));
    assert_eq!(fx, vec![Effect::RemoveFeed { url: "https://feed1.example/rss".into() }]);
    let fx = app::update(&mut state, Action::FeedRemoved(Ok("https://feed1.example/rss".into())));
    assert_eq!(state.feed_filter, None, "the removed feed's filter goes too");
    assert!(fx.contains(&Effect::LoadFeeds) && articles_request(&fx).is_some());
}

#[test]
fn help_scrolls_and_closes_on_other_keys() {
    let mut state = loaded(WIDE, 10);
    cmd(&mut state, Command::Help);
    assert_eq!(state.mode, Mode::Help { scroll: 0 });
    assert_eq!(app::action_for(&state, Key::plain(KeyCode::Char('j'))), Some(Action::Command(Command::Down)));
    cmd(&mut state, Command::Down);
    assert_eq!(state.mode, Mode::Help { scroll: 1 });
    assert_eq!(app::action_for(&state, Key::plain(KeyCode::Char('x'))), Some(Action::CloseHelp));
    app::update(&mut state, Action::CloseHelp);
    assert_eq!(state.mode, Mode::Normal);
}

#[test]
fn esc_steps_back_and_q_quits_from_the_lists() {
    let mut state = loaded(WIDE, 10);
    open_and_load(&mut state);
    cmd(&mut state, Command::Back);
    assert_eq!((state.focus, state.quit), (Pane::Articles, false));
    cmd(&mut state, Command::Back);
    assert!(!state.quit, "Esc never quits");
    open_and_load(&mut state);
    cmd(&mut state, Command::Quit);
    assert_eq!((state.focus, state.quit), (Pane::Articles, false), "q leaves the reader first");
    cmd(&mut state, Command::Quit);
    assert!(state.quit);
    let mut state = loaded(WIDE, 10);
    open_and_load(&mut state);
    cmd(&mut state, Command::QuitNow);
    assert!(state.quit);
}

#[test]
fn panes_cycle_both_ways() {
    let mut state = loaded(WIDE, 10);
    cmd(&mut state, Command::NextPane);
    assert_eq!(state.focus, Pane::Reader);
    cmd(&mut state, Command::NextPane);
    assert_eq!(state.focus, Pane::Tags);
    cmd(&mut state, Command::PrevPane);
    assert_eq!(state.focus, Pane::Reader);
}

#[test]
fn resize_reflows_and_lays_the_body_out_again() {
    let mut state = loaded(WIDE, 10);
    let fx = open_and_load(&mut state);
    let (request, id, width) = render_request(&fx);
    app::update(&mut state, Action::Rendered { request, id, width, rendered: Rendered::default() });
    let fx = app::update(&mut state, Action::Resize(40, 10));
    let (_, _, narrow) = render_request(&fx);
    assert_eq!(narrow, 38);
    assert!(state.reader.body.loaded().is_some(), "the old layout stays until the new one arrives");
    assert!(app::update(&mut state, Action::Resize(40, 12)).is_empty(), "same width: no new layout");
}

#[test]
fn mouse_click_selects_and_wheel_scrolls() {
    let mut state = loaded(WIDE, 100);
    let l = app::layout(WIDE.0, WIDE.1, state.focus);
    let articles = l.articles.expect("wide layout");
    app::update(&mut state, Action::Click { x: articles.x + 3, y: articles.y + 5 });
    assert_eq!((state.focus, state.articles.cursor), (Pane::Articles, 4));
    let feeds = l.feeds.expect("wide layout");
    app::update(&mut state, Action::Click { x: feeds.x + 2, y: feeds.y + 2 });
    assert_eq!((state.focus, state.feed_list.cursor), (Pane::Feeds, 1));
    app::update(&mut state, Action::Wheel { x: articles.x + 3, y: articles.y + 3, down: true });
    assert_eq!((state.focus, state.articles.cursor), (Pane::Feeds, 7));
}

#[test]
fn keymap_follows_mode_and_user_bindings() {
    let mut keys = KeyBindings::default();
    keys.bind(Command::Down, vec![Key::plain(KeyCode::Char('x'))]);
    let mut state = State::new(keys, Settings::default(), WIDE);
    assert_eq!(app::action_for(&state, Key::plain(KeyCode::Char('x'))), Some(Action::Command(Command::Down)));
    assert_eq!(app::action_for(&state, Key::plain(KeyCode::Char('j'))), None, "the user's list replaces");
    assert_eq!(app::action_for(&state, Key::plain(KeyCode::Char('k'))), Some(Action::Command(Command::Up)));
    assert_eq!(app::action_for(&state, Key::plain(KeyCode::Char('1'))), None, "digits only in the reader");
    cmd(&mut state, Command::Search);
    assert_eq!(
        app::action_for(&state, Key::plain(KeyCode::Char('q'))),
        Some(Action::Edit(Edit::Insert('q')))
    );
    assert_eq!(app::action_for(&state, Key::ctrl('c')), Some(Action::Edit(Edit::Cancel)));
}

#[test]
fn errors_and_messages_reach_the_status_line() {
    let mut state = loaded(WIDE, 10);
    app::update(&mut state, Action::Failed("cannot save the star: locked".into()));
    assert_eq!(state.last_error.as_deref(), Some("cannot save the star: locked"));
    app::update(&mut state, Action::Info("link copied".into()));
    assert_eq!(state.message.as_deref(), Some("link copied"));
    app::update(&mut state, Action::FeedsLoaded(Err("no such table".into())));
    assert!(state.feeds.loaded().is_some(), "earlier rows stay on screen");
    let mut fresh = State::new(KeyBindings::default(), Settings::default(), WIDE);
    app::update(&mut fresh, Action::TagsLoaded(Err("no such table".into())));
    assert!(matches!(fresh.tags, Load::Failed(_)));
    assert!(cmd(&mut fresh, Command::FullText).is_empty());
    assert_eq!(fresh.message.as_deref(), Some("open an article first"));
}

#[test]
fn a_short_page_ends_the_list_even_if_the_count_disagrees() {
    let mut state = loaded(WIDE, 1000);
    let fx = cmd(&mut state, Command::Bottom);
    let (request, offset) = articles_request(&fx).expect("window load");
    let page = ArticlePage { offset, total: 1000, rows: rows(offset, 150), counting: false };
    let fx = app::update(&mut state, Action::ArticlesLoaded { request, result: Ok(page) });
    assert_eq!(state.articles.total, offset + 150);
    assert!(fx.is_empty(), "no endless reloading: {fx:?}");
    assert_eq!(state.articles.cursor, offset + 149);
}

#[test]
fn the_periodic_refresh_asks_only_for_due_feeds_and_is_quiet_when_none_are() {
    let mut state = State::new(KeyBindings::default(), Settings::default(), WIDE);
    app::init(&mut state);
    assert_eq!(
        app::update(&mut state, Action::RefreshTimer),
        vec![Effect::Refresh { urls: vec![], due_only: true }]
    );
    assert_eq!(state.refresh, RefreshStatus::Starting);
    app::update(&mut state, Action::RefreshFinished(Ok(Summary::default())));
    assert_eq!(state.refresh, RefreshStatus::Idle);
    assert_eq!(state.message, None, "nothing was due: nothing to say");
}

#[test]
fn next_unread_past_the_loaded_rows_asks_the_store() {
    let mut state = loaded(WIDE, 1000);
    state.articles.rows.iter_mut().for_each(|r| r.read = true);
    let fx = cmd(&mut state, Command::NextUnread);
    assert_eq!(fx, vec![Effect::FindNextUnread { filter: state.filter(), after: 0 }]);

    // An answer for another filter is stale.
    let other = Filter { unread_only: true, ..state.filter() };
    let found = Ok(Some((700, ArticleId(701))));
    assert!(
        app::update(&mut state, Action::NextUnreadFound { filter: other, after: 0, result: found.clone() })
            .is_empty()
    );
    assert_eq!(state.articles.cursor, 0);

    let current = state.filter();
    let fx =
        app::update(&mut state, Action::NextUnreadFound { filter: current.clone(), after: 0, result: found });
    assert_eq!(state.articles.cursor, 700);
    assert!(articles_request(&fx).is_some(), "the rows around it load: {fx:?}");

    // From the reader, the article it finds opens.
    state.focus = Pane::Reader;
    let fx = app::update(
        &mut state,
        Action::NextUnreadFound {
            filter: current.clone(),
            after: 700,
            result: Ok(Some((900, ArticleId(901)))),
        },
    );
    assert!(fx.iter().any(|e| matches!(e, Effect::LoadArticle { id: ArticleId(901), .. })), "{fx:?}");

    app::update(
        &mut state,
        Action::NextUnreadFound { filter: current.clone(), after: 900, result: Ok(None) },
    );
    assert_eq!(state.message.as_deref(), Some("no unread article below"));

    // An answer that arrives after the user moved on is dropped.
    state.focus = Pane::Articles;
    cmd(&mut state, Command::Up);
    let late =
        Action::NextUnreadFound { filter: current, after: 900, result: Ok(Some((950, ArticleId(951)))) };
    assert!(app::update(&mut state, late).is_empty());
    assert_eq!(state.articles.cursor, 899);
}

#[test]
fn a_reload_keeps_the_article_selected_when_the_answer_arrives() {
    let mut state = loaded(WIDE, 50);
    // New articles arrived: a reload is asked while article 1 is selected...
    let fx = two_new(&mut state);
    // ...then the user moves to article 4 before the answer comes.
    cmd(&mut state, Command::Down);
    cmd(&mut state, Command::Down);
    cmd(&mut state, Command::Down);
    assert_eq!(state.articles.selected().map(|a| a.id), Some(ArticleId(4)));
    // The answer has two new articles on top: the selection follows article 4 to row 5.
    let (request, offset) = articles_request(&fx).expect("a reload");
    let mut rows =
        vec![tui_fixtures::summary(100, 1, "New 1", false), tui_fixtures::summary(101, 1, "New 2", false)];
    rows.extend(tui_fixtures::rows(0, 48));
    app::update(
        &mut state,
        Action::ArticlesLoaded {
            request,
            result: Ok(ArticlePage { offset, total: 52, rows, counting: false }),
        },
    );
    assert_eq!(state.articles.selected().map(|a| a.id), Some(ArticleId(4)));
    assert_eq!(state.articles.cursor, 5);
}

/// A refresh that saved two new articles.
fn two_new(state: &mut State) -> Vec<Effect> {
    app::update(
        state,
        Action::FeedsRefreshed(vec![FeedReport {
            feed: FeedId(1),
            url: "https://feed1.example/rss".into(),
            outcome: FeedOutcome::Updated(SaveStats { new: 2, updated: 0 }),
            at: chrono::Utc::now(),
            moved_to: None,
        }]),
    )
}

/// Answers the reload in `fx` with articles `new` on top of `before`.
fn reloaded(state: &mut State, fx: &[Effect], new: [i64; 2], before: Vec<ArticleSummary>) -> Vec<Effect> {
    let (request, offset) = articles_request(fx).expect("a reload");
    let mut rows: Vec<_> = new.iter().map(|&id| tui_fixtures::summary(id, 1, "New", false)).collect();
    rows.extend(before);
    let total = rows.len() as u32;
    app::update(
        state,
        Action::ArticlesLoaded { request, result: Ok(ArticlePage { offset, total, rows, counting: false }) },
    )
}

#[test]
fn until_the_user_moves_a_reload_stays_on_the_first_row() {
    let mut state = loaded(WIDE, 50);
    let fx = two_new(&mut state);
    let fx = reloaded(&mut state, &fx, [100, 101], tui_fixtures::rows(0, 48));
    assert_eq!((state.articles.cursor, state.articles.selected().map(|a| a.id)), (0, Some(ArticleId(100))));
    assert!(!fx.iter().any(|e| matches!(e, Effect::LocateArticle { .. })), "{fx:?}");
    // Once the user has moved (even back to the top), the selected article is kept.
    cmd(&mut state, Command::Down);
    cmd(&mut state, Command::Up);
    let fx = two_new(&mut state);
    let mut before =
        vec![tui_fixtures::summary(100, 1, "New", false), tui_fixtures::summary(101, 1, "New", false)];
    before.extend(tui_fixtures::rows(0, 48));
    reloaded(&mut state, &fx, [200, 201], before);
    assert_eq!((state.articles.cursor, state.articles.selected().map(|a| a.id)), (2, Some(ArticleId(100))));
    // Opening an article chooses it too.
    let mut state = loaded(WIDE, 50);
    cmd(&mut state, Command::Open);
    let fx = two_new(&mut state);
    reloaded(&mut state, &fx, [100, 101], tui_fixtures::rows(0, 48));
    assert_eq!((state.articles.cursor, state.articles.selected().map(|a| a.id)), (2, Some(ArticleId(1))));
}

#[test]
fn the_mouse_does_not_reach_behind_help() {
    let mut state = loaded(WIDE, 50);
    cmd(&mut state, Command::Help);
    let before = state.articles.cursor;
    assert!(app::update(&mut state, Action::Click { x: 60, y: 8 }).is_empty());
    assert!(app::update(&mut state, Action::Wheel { x: 60, y: 8, down: true }).is_empty());
    assert_eq!(state.articles.cursor, before);
}

#[test]
fn a_paste_into_a_prompt_is_text_on_one_line() {
    let mut state = loaded(WIDE, 10);
    cmd(&mut state, Command::Search);
    app::update(&mut state, Action::Edit(Edit::Paste("rust\nlinux\u{1b}[2J".into())));
    let Mode::Prompt(prompt) = &state.mode else { panic!("the prompt stays open: {:?}", state.mode) };
    assert_eq!(prompt.editor.text(), "rust linux [2J");
}

#[test]
fn a_mark_the_store_refused_is_reloaded_from_the_store() {
    let mut state = loaded(WIDE, 10);
    cmd(&mut state, Command::ToggleRead);
    let fx = app::update(&mut state, Action::MarkFailed("cannot save the read mark: disk full".into()));
    assert_eq!(state.last_error.as_deref(), Some("cannot save the read mark: disk full"));
    assert!(fx.contains(&Effect::LoadFeeds) && articles_request(&fx).is_some(), "{fx:?}");
}

#[test]
fn help_scrolls_until_its_last_row_is_at_the_bottom() {
    let mut state = loaded((100, 12), 10);
    cmd(&mut state, Command::Help);
    cmd(&mut state, Command::Bottom);
    let rows = state.keys.help_rows().len() as u16;
    let visible = app::help_height(12, rows) - 2;
    assert_eq!(state.mode, Mode::Help { scroll: rows - visible });
    cmd(&mut state, Command::Down);
    assert_eq!(state.mode, Mode::Help { scroll: rows - visible }, "no further");
}

#[test]
fn a_kept_article_pushed_out_of_the_rows_is_located_through_the_store() {
    let mut state = loaded(WIDE, 1000);
    for _ in 0..199 {
        cmd(&mut state, Command::Down);
    }
    assert_eq!(state.articles.selected().map(|a| a.id), Some(ArticleId(200)));
    let fx = app::update(
        &mut state,
        Action::RefreshFinished(Ok(Summary { feeds: 1, new: 5, ..Summary::default() })),
    );
    // Five new articles on top: article 200 is now row 204, past the 200 rows asked for.
    let (request, offset) = articles_request(&fx).expect("a reload");
    let mut rows: Vec<_> = (0..5).map(|i| tui_fixtures::summary(5000 + i, 1, "New", false)).collect();
    rows.extend(tui_fixtures::rows(0, 195));
    let fx = app::update(
        &mut state,
        Action::ArticlesLoaded {
            request,
            result: Ok(ArticlePage { offset, total: 1005, rows, counting: false }),
        },
    );
    let locate = fx.iter().find_map(|e| match e {
        Effect::LocateArticle { id, cursor, .. } => Some((*id, *cursor)),
        _ => None,
    });
    assert_eq!(locate, Some((ArticleId(200), state.articles.cursor)));
    let current = state.filter();
    let cursor = state.articles.cursor;
    app::update(&mut state, Action::ArticleLocated { filter: current, cursor, result: Ok(Some(204)) });
    assert_eq!(state.articles.cursor, 204);
}

#[test]
fn a_rate_limited_feed_says_until_when_not_the_status_code() {
    let mut state = loaded(WIDE, 10);
    let at =
        chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 11, 20, 10, 28, 0).single().expect("time");
    let report = |outcome| FeedReport {
        feed: FeedId(3),
        url: "https://feed3.example/rss".into(),
        outcome,
        at,
        moved_to: None,
    };
    let until = at + chrono::Duration::minutes(2);
    let limited = FeedOutcome::Failed(Failure::RateLimited { status: 429, until });
    app::update(&mut state, Action::FeedsRefreshed(vec![report(limited)]));
    assert_eq!(state.last_error.as_deref(), Some("https://feed3.example/rss: rate limited until 10:30"));
    // Tomorrow's time carries its date.
    let later =
        FeedOutcome::Failed(Failure::RateLimited { status: 503, until: at + chrono::Duration::days(1) });
    app::update(&mut state, Action::FeedsRefreshed(vec![report(later)]));
    assert_eq!(
        state.last_error.as_deref(),
        Some("https://feed3.example/rss: rate limited until 2026-11-21 10:28")
    );
    app::update(&mut state, Action::FeedsRefreshed(vec![report(FeedOutcome::Failed(Failure::Gone))]));
    assert_eq!(
        state.last_error.as_deref(),
        Some(
            "https://feed3.example/rss: gone (HTTP 410): the site removed this feed; \
             remove it with d in the feeds pane"
        )
    );
}

/// A reader whose feeds come from a sync server.
fn on_server() -> State {
    let mut state = loaded(WIDE, 3);
    state.settings.source = app::Source::Server("greader");
    state
}

#[test]
fn on_a_sync_server_a_asks_for_the_folder_and_adds_there() {
    let mut state = on_server();
    cmd(&mut state, Command::AddFeed);
    for c in "https://lwn.net/headlines/rss".chars() {
        app::update(&mut state, Action::Edit(Edit::Insert(c)));
    }
    app::update(&mut state, Action::Edit(Edit::Submit));
    let Mode::Prompt(prompt) = &state.mode else { panic!("a second prompt") };
    assert_eq!(prompt.kind.label(), "Folder on the server (empty: none): ");
    for c in "Linux".chars() {
        app::update(&mut state, Action::Edit(Edit::Insert(c)));
    }
    let fx = app::update(&mut state, Action::Edit(Edit::Submit));
    assert_eq!(
        fx,
        [Effect::AddFeed { url: "https://lwn.net/headlines/rss".into(), tags: vec!["Linux".into()] }]
    );
}

#[test]
fn a_sync_says_syncing_then_synced_or_offline_with_the_changes_waiting() {
    let mut state = on_server();
    let fx = cmd(&mut state, Command::RefreshAll);
    assert_eq!(fx, [Effect::Refresh { urls: Vec::new(), due_only: false }]);
    assert!(
        byline::ui::status_summary(&state).ends_with("syncing…"),
        "{}",
        byline::ui::status_summary(&state)
    );
    let failure =
        app::SyncFailure { reason: "r.example: cannot reach the server".into(), waiting: 3, offline: true };
    app::update(&mut state, Action::SyncFinished(Err(failure)));
    assert_eq!(state.refresh, RefreshStatus::Idle);
    assert_eq!(
        state.last_error.as_deref(),
        Some("offline: 3 changes waiting (r.example: cannot reach the server)")
    );
    // A failed push says the same; a sync that reaches the server ends it.
    cmd(&mut state, Command::RefreshAll);
    let report = byline::sync::Report { service: "greader", new: 12, sent: 3, ..Default::default() };
    let fx = app::update(&mut state, Action::SyncFinished(Ok(report)));
    assert_eq!(state.message.as_deref(), Some("synced with greader: 12 new, 3 changes sent"));
    assert_eq!(state.last_error, None);
    assert!(fx.contains(&Effect::LoadFeeds) && fx.contains(&Effect::LoadTags { views: Vec::new() }));
}

#[test]
fn a_refresh_nobody_asked_for_is_announced_once_when_it_brings_articles() {
    let brought = |n| Action::RefreshFinished(Ok(Summary { feeds: 3, new: n, ..Summary::default() }));
    let mut state = loaded(WIDE, 10);
    // The timer's (and the start's) refresh: announced when it brought something.
    app::update(&mut state, Action::RefreshTimer);
    let fx = app::update(&mut state, brought(2));
    assert_eq!(fx.iter().filter(|e| **e == Effect::Announce).count(), 1, "{fx:?}");
    app::update(&mut state, Action::RefreshTimer);
    assert!(!app::update(&mut state, brought(0)).contains(&Effect::Announce));
    // R: the user watches it; not announced.
    cmd(&mut state, Command::RefreshAll);
    assert!(!app::update(&mut state, brought(4)).contains(&Effect::Announce));
    // The notice itself goes to the terminal between frames.
    let fx = app::update(&mut state, Action::Notice("New: Rust 2.0".into()));
    assert_eq!(fx, vec![Effect::TerminalNotice("New: Rust 2.0".into())]);
}
