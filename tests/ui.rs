//! Whole-screen snapshots of the reader drawn on a TestBackend from hand-built states.

mod tui_fixtures;

use byline::app::{self, Action, Effect, Pane, State};
use byline::config::keys::Command;
use byline::config::theme::Theme;
use byline::model::{Article, Enclosure, Media};
use byline::schedule::Schedule;
use byline::text::{Line as TLine, Link, LinkKind, Rendered, Span as TSpan, Style as TStyle};
use byline::ui::{self, Styles};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};
use tui_fixtures::*;

fn draw(state: &State, colour: bool) -> Terminal<TestBackend> {
    let mut term = Terminal::new(TestBackend::new(state.size.0, state.size.1)).expect("test backend");
    let styles = Styles::new(&Theme::default(), colour);
    term.draw(|f| ui::draw(f, state, &styles)).expect("draw");
    term
}

fn cmd(state: &mut State, c: Command) -> Vec<Effect> {
    app::update(state, Action::Command(c))
}

fn span(text: &str, style: TStyle) -> TSpan {
    TSpan { text: text.into(), style }
}

/// An article body as text::render_html lays one out: a paragraph with links, a code block.
fn rendered_body() -> Rendered {
    let plain = TStyle::default();
    let link = |n| TStyle { link: Some(n), underline: true, ..TStyle::default() };
    let code = TStyle { code: true, ..TStyle::default() };
    let line = |spans: Vec<TSpan>| TLine { spans };
    Rendered {
        lines: vec![
            line(vec![span("Release notes", TStyle { heading: 2, bold: true, ..plain })]),
            line(vec![]),
            line(vec![span("Read the ", plain), span("announcement[1]", link(1)), span(" and the", plain)]),
            line(vec![span("docs[2]", link(2)), span(" first.", plain)]),
            line(vec![]),
            line(vec![span("fn main() {", code)]),
            line(vec![span("    println!(\"hi\");", code)]),
            line(vec![span("}", code)]),
        ],
        links: vec![
            Link { url: "https://blog.example/announce".into(), kind: LinkKind::Link },
            Link { url: "https://docs.example/".into(), kind: LinkKind::Link },
        ],
        pictures: vec![],
    }
}

/// Opens the selected article and answers its load and layout with `rendered`.
fn open_with(state: &mut State, rendered: Rendered) {
    open_with_layout(state, |_| rendered);
}

/// Like `open_with`, laying the body out at the width the reader asks for.
fn open_with_layout(state: &mut State, layout: impl FnOnce(u16) -> Rendered) {
    let fx = cmd(state, Command::Open);
    let Some(Effect::LoadArticle { request, id }) = fx.first().cloned() else { panic!("{fx:?}") };
    let article = Article {
        summary: state.articles.rows.iter().find(|r| r.id == id).cloned().expect("row"),
        content_html: String::new(),
        full_text_html: None,
        first_seen: chrono::Utc::now(),
        media: Default::default(),
    };
    let fx = app::update(state, Action::ArticleLoaded { request, result: Ok(Some(article)) });
    let Some(Effect::Render { request, id, width, .. }) = fx.first().cloned() else { panic!("{fx:?}") };
    app::update(state, Action::Rendered { request, id, width, rendered: layout(width) });
}

#[test]
fn wide_layout() {
    let mut state = loaded((120, 24), 500);
    cmd(&mut state, Command::Down);
    open_with(&mut state, rendered_body());
    insta::assert_snapshot!(draw(&state, true).backend());
}

#[test]
fn narrow_layout_shows_one_pane() {
    let state = loaded((40, 10), 500);
    insta::assert_snapshot!(draw(&state, true).backend());
}

#[test]
fn narrow_reader() {
    let mut state = loaded((40, 12), 500);
    open_with(&mut state, rendered_body());
    insta::assert_snapshot!(draw(&state, true).backend());
}

#[test]
fn help_overlay() {
    let mut state = loaded((100, 34), 20);
    cmd(&mut state, Command::Help);
    insta::assert_snapshot!(draw(&state, true).backend());
}

#[test]
fn tag_filter_applied() {
    let mut state = loaded((120, 20), 500);
    state.focus = Pane::Tags;
    cmd(&mut state, Command::Down);
    cmd(&mut state, Command::Down);
    cmd(&mut state, Command::ToggleTag);
    cmd(&mut state, Command::Down);
    cmd(&mut state, Command::ToggleTag);
    let fx = cmd(&mut state, Command::UnreadOnly);
    // The store answers the combined filter with 12 articles.
    let Some(Effect::LoadArticles { request, filter, .. }) = fx.first().cloned() else { panic!("{fx:?}") };
    assert_eq!((filter.tags, filter.unread_only), (vec!["linux".to_string(), "rust".to_string()], true));
    let page = app::ArticlePage { offset: 0, total: 12, rows: rows(0, 12), counting: false };
    app::update(&mut state, Action::ArticlesLoaded { request, result: Ok(page) });
    insta::assert_snapshot!(draw(&state, true).backend());
}

#[test]
fn failed_feed_shows_marker_and_reason() {
    let mut state = loaded((110, 16), 30);
    state.focus = Pane::Feeds;
    cmd(&mut state, Command::Bottom);
    app::update(&mut state, Action::Failed("https://feed3.example/rss: HTTP 404".into()));
    insta::assert_snapshot!(draw(&state, true).backend());
}

#[test]
fn prompt_and_refresh_progress_in_the_status_line() {
    let mut state = loaded((60, 8), 30);
    cmd(&mut state, Command::RefreshAll);
    app::update(&mut state, Action::RefreshStarted { total: 120 });
    cmd(&mut state, Command::Search);
    for c in "kernel".chars() {
        app::update(&mut state, Action::Edit(app::Edit::Insert(c)));
    }
    let term = draw(&state, true);
    insta::assert_snapshot!(term.backend());
    let mut state = loaded((60, 8), 30);
    app::update(&mut state, Action::RefreshStarted { total: 120 });
    state.refresh = app::RefreshStatus::Running { done: 37, total: 120, failed: 0, new: 0 };
    let screen = draw(&state, true).backend().to_string();
    assert!(screen.contains("refreshing 37/120"), "{screen}");
}

#[test]
fn no_colour_keeps_reverse_for_the_selection() {
    let state = loaded((120, 24), 50);
    let term = draw(&state, false);
    let buf = term.backend().buffer();
    assert!(buf.content().iter().all(|c| c.fg == Color::Reset && c.bg == Color::Reset));
    let articles = app::layout(120, 24, Pane::Articles).articles.expect("wide");
    let cell = &buf[(articles.x + 20, articles.y + 1)];
    assert!(cell.modifier.contains(Modifier::REVERSED), "{cell:?}");
    let coloured = draw(&state, true);
    assert!(coloured.backend().buffer().content().iter().any(|c| c.fg != Color::Reset));
}

#[test]
fn control_characters_never_reach_the_screen() {
    let mut state = loaded((120, 24), 5);
    state.articles.rows[0].title = "evil\u{1b}]0;pwned\u{7} title\u{9b}2J".into();
    let hostile = Rendered {
        lines: vec![TLine { spans: vec![span("body\u{1b}[2Jtext\r", TStyle::default())] }],
        links: vec![],
        pictures: vec![],
    };
    open_with(&mut state, hostile);
    let term = draw(&state, true);
    for cell in term.backend().buffer().content() {
        assert!(!cell.symbol().chars().any(char::is_control), "control char in {:?}", cell.symbol());
    }
}

#[test]
fn article_with_links_and_a_code_block_from_render_html() {
    let html = r#"<h2>Release notes</h2>
<p>Read the <a href="https://blog.example/announce">announcement</a> and <em>then</em> the
<a href="https://docs.example/">docs</a>.</p>
<pre><code>fn main() {
    println!("hi");
}</code></pre>
<p>Run <code>cargo run</code> to try it.</p>"#;
    let mut state = loaded((100, 30), 5);
    open_with_layout(&mut state, |width| byline::text::render_html(html, width));
    let body = state.reader.body.loaded().expect("laid out");
    assert_eq!(body.rendered.links.len(), 2);
    let term = draw(&state, true);
    // The code block keeps the theme's code colour, links theirs.
    let reader = app::layout(100, 30, Pane::Reader).reader.expect("wide");
    let buf = term.backend().buffer();
    let row_of = |needle: &str| {
        (reader.y..reader.y + reader.height).find(|&y| {
            let text: String = (reader.x..reader.x + reader.width).map(|x| buf[(x, y)].symbol()).collect();
            text.contains(needle)
        })
    };
    let code_row = row_of("fn main()").expect("code on screen");
    assert_eq!(buf[(reader.x + 1, code_row)].fg, Color::Indexed(2));
    let link_row = row_of("[1] https://blog.example").expect("link list");
    assert!(buf[(reader.x + 1, link_row)].modifier.contains(Modifier::UNDERLINED));
    insta::assert_snapshot!(term.backend());
}

#[test]
fn tiny_and_odd_sizes_never_panic() {
    for (w, h) in [(1, 1), (2, 2), (10, 2), (39, 9), (40, 10), (100, 3), (120, 2), (100, 4), (300, 5)] {
        let mut state = loaded((w, h), 50);
        open_with(&mut state, rendered_body());
        for mode in [Command::Help, Command::Help, Command::Search] {
            draw(&state, true);
            cmd(&mut state, mode);
        }
        draw(&state, false);
    }
}

#[test]
fn reader_shows_full_text_with_its_marker() {
    let mut state = loaded((64, 14), 5);
    open_with(&mut state, rendered_body());
    let fx = cmd(&mut state, Command::FullText);
    let Some(Effect::FetchFullText { request, id, .. }) = fx.first().cloned() else { panic!("{fx:?}") };
    let screen = draw(&state, true).backend().to_string();
    assert!(screen.contains("Reader · feed content · fetching full text…"), "{screen}");
    let html = "<h2>The whole story</h2><p>Extracted from the page, with every paragraph the feed \
                left out.</p><p>Second paragraph.</p>";
    let result = Ok(html.into());
    let fx = app::update(&mut state, Action::FullTextFetched { request, id, result });
    let Some(Effect::Render { request, id, width, html }) = fx.first().cloned() else { panic!("{fx:?}") };
    let rendered = byline::text::render_html(&html, width);
    app::update(&mut state, Action::Rendered { request, id, width, rendered });
    insta::assert_snapshot!(draw(&state, true).backend());
}

#[test]
fn enclosures_are_listed_after_the_links_numbered_on() {
    let mut state = loaded((160, 40), 20);
    let fx = cmd(&mut state, Command::Open);
    let Some(Effect::LoadArticle { request, id }) = fx.first().cloned() else { panic!("{fx:?}") };
    let episode = Enclosure {
        url: "https://cdn.example/ep42.mp3".into(),
        mime: Some("audio/mpeg".into()),
        length: Some(12_345_678),
        duration: Some(42 * 60 + 17),
    };
    let article = Article {
        summary: state.articles.rows.iter().find(|r| r.id == id).cloned().expect("row"),
        content_html: String::new(),
        full_text_html: None,
        first_seen: chrono::Utc::now(),
        media: Media { enclosures: vec![episode], image: Some("https://cdn.example/ep42.jpg".into()) },
    };
    let fx = app::update(&mut state, Action::ArticleLoaded { request, result: Ok(Some(article)) });
    let Some(Effect::Render { request, id, width, .. }) = fx.first().cloned() else { panic!("{fx:?}") };
    app::update(&mut state, Action::Rendered { request, id, width, rendered: rendered_body() });

    let term = draw(&state, false);
    let buffer = term.backend().buffer();
    let rows: Vec<String> = (0..buffer.area.height)
        .map(|y| (0..buffer.area.width).map(|x| buffer[(x, y)].symbol()).collect())
        .collect();
    let at = |text: &str| {
        rows.iter().position(|r| r.contains(text)).unwrap_or_else(|| panic!("{text}: {rows:#?}"))
    };
    assert!(at("[2] https://docs.example/") < at("Enclosures:"));
    assert_eq!(at("Enclosures:") + 1, at("[3] https://cdn.example/ep42.mp3 (audio/mpeg, 12.3 MB, 42:17)"));
    assert_eq!(at("Enclosures:") + 2, at("[4] https://cdn.example/ep42.jpg (thumbnail)"));

    // Link 3 is the enclosure (its type goes along, for the openers), 4 the thumbnail; there is
    // no link 5.
    state.focus = Pane::Reader;
    app::update(&mut state, Action::Digit('3'));
    assert_eq!(
        cmd(&mut state, Command::Open),
        vec![Effect::OpenUrl { url: "https://cdn.example/ep42.mp3".into(), mime: Some("audio/mpeg".into()) }]
    );
    app::update(&mut state, Action::Digit('4'));
    assert_eq!(
        cmd(&mut state, Command::Open),
        vec![Effect::OpenUrl { url: "https://cdn.example/ep42.jpg".into(), mime: None }]
    );
    app::update(&mut state, Action::Digit('5'));
    assert!(cmd(&mut state, Command::OpenLink).is_empty());
    assert_eq!(state.message.as_deref(), Some("no link 5"));
    // The scroll limit counts the attachment lines.
    assert_eq!(app::doc_len(&state, width), 1 + 4 + 8 + 4 + 4);
}

#[test]
fn the_feeds_pane_says_until_when_a_feed_is_held_back() {
    let at = |h, m| {
        chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 11, 20, h, m, 0).single().expect("time")
    };
    let mut feeds = feeds();
    feeds[0].last_error = Some("HTTP 500".into());
    feeds[0].schedule = Schedule { last_fetched: Some(at(8, 0)), failures: 3, ..Schedule::default() };
    feeds[1].last_error = Some("gone (HTTP 410)".into());
    feeds[1].schedule = Schedule { last_fetched: Some(at(8, 0)), gone: true, ..Schedule::default() };
    feeds[2].last_error = Some("rate limited (HTTP 429)".into());
    feeds[2].schedule =
        Schedule { last_fetched: Some(at(10, 28)), retry_at: Some(at(10, 30)), ..Schedule::default() };
    // Narrow: the feeds pane has the whole width for the longer lines.
    let mut state = loaded((90, 12), 10);
    state.settings.refresh_minutes = 60;
    app::update(&mut state, Action::FeedsLoaded(Ok(feeds)));
    state.focus = Pane::Feeds;
    let screen = |state: &State| draw(state, true).backend().to_string();
    // Three failures at a 60-minute interval: 4 hours after the last attempt.
    assert!(screen(&state).contains("! HTTP 500 · retrying after 12:00"), "{}", screen(&state));
    cmd(&mut state, Command::Down);
    let gone = screen(&state);
    assert!(gone.contains("✗ Kernel Notes"), "{gone}");
    assert!(gone.contains("gone (HTTP 410): the site removed this feed"), "{gone}");
    cmd(&mut state, Command::Down);
    let limited = screen(&state);
    assert!(limited.contains("! rate limited until 10:30"), "{limited}");
    assert!(!limited.contains("HTTP 429"), "{limited}");
    // The wide layout's feeds pane is narrow, and still has room for that.
    state.size = (120, 24);
    let wide = screen(&state);
    assert!(wide.contains("! rate limited until 10:30"), "{wide}");
}

#[test]
fn the_help_overlay_lists_the_users_commands() {
    let mut state = loaded((100, 40), 20);
    let text = "[[command]]\nkey = \"W\"\ndescription = \"Save to wallabag\"\nrun = [\"wallabag\", \"add\", \"{url}\"]\n";
    state.handoffs = byline::config::Config::parse(text, "config.toml").expect("valid").commands;
    cmd(&mut state, Command::Help);
    let term = draw(&state, false);
    let buffer = term.backend().buffer();
    let rows: Vec<String> = (0..buffer.area.height)
        .map(|y| (0..buffer.area.width).map(|x| buffer[(x, y)].symbol()).collect())
        .collect();
    let help = rows.iter().position(|r| r.contains("F1")).expect("the help row");
    let own = rows.iter().position(|r| r.contains("W") && r.contains("Save to wallabag"));
    assert_eq!(own, Some(help + 1), "after the built-in bindings: {rows:#?}");
}

#[test]
fn views_above_the_tags_a_chosen_view_its_order_and_a_count_on_its_way() {
    use byline::config::views::View;
    use byline::model::Sort;
    use byline::query::Query;
    let mut state = loaded((120, 20), 500);
    state.views = vec![
        View { name: "Rust, unread".into(), query: Query::parse("tag:rust unread").expect("q"), sort: None },
        View {
            name: "Podcasts \u{1b}[31m".into(),
            query: Query::parse("has:enclosure").expect("q"),
            sort: Some(Sort::Oldest),
        },
    ];
    app::update(&mut state, Action::ViewsCounted(Ok(vec![42, 0])));
    state.focus = Pane::Tags;
    cmd(&mut state, Command::Down);
    cmd(&mut state, Command::Down);
    cmd(&mut state, Command::Down);
    let fx = cmd(&mut state, Command::Open);
    let Some(Effect::LoadArticles { request, filter, .. }) = fx.first().cloned() else { panic!("{fx:?}") };
    assert_eq!(filter.sort, Sort::Oldest);
    // A full page whose count is still on its way: the title says 200+.
    let page = app::ArticlePage { offset: 0, total: 200, rows: rows(0, 200), counting: true };
    app::update(&mut state, Action::ArticlesLoaded { request, result: Ok(page) });
    let term = draw(&state, true);
    let screen = term.backend().to_string();
    assert!(screen.contains("1/200+"), "{screen}");
    assert!(screen.contains("view: Podcasts") && screen.contains("oldest first"), "{screen}");
    insta::assert_snapshot!(term.backend());
}

#[test]
fn a_refused_query_keeps_its_text_and_says_why_in_the_prompt() {
    let mut state = loaded((90, 8), 30);
    cmd(&mut state, Command::Query);
    for c in "tag:rust age:<7x".chars() {
        app::update(&mut state, Action::Edit(app::Edit::Insert(c)));
    }
    app::update(&mut state, Action::Edit(app::Edit::Submit));
    insta::assert_snapshot!(draw(&state, true).backend());
}
