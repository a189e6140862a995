//! `f` in the reader: fetch in the background, show the answer only for the open article,
//! toggle once the full text is stored.

use super::*;
use byline::app::{BodySource, FullTextFetch};

const FULL: &str = "<p>The whole story, from the page.</p>";

/// Opens the selected article, answers its load with `article(id)` changed by `edit`, and its
/// layout; returns the effects of the load.
fn open_edited(state: &mut State, edit: impl FnOnce(&mut Article)) -> Vec<Effect> {
    let fx = cmd(state, Command::Open);
    let Some(Effect::LoadArticle { request, id }) = fx.first().cloned() else { panic!("{fx:?}") };
    let mut a = article(id.0);
    edit(&mut a);
    let fx = app::update(state, Action::ArticleLoaded { request, result: Ok(Some(a)) });
    lay_out(state, &fx);
    fx
}

/// Answers the render effect among `fx`; returns the HTML it was asked to lay out.
fn lay_out(state: &mut State, fx: &[Effect]) -> String {
    let Some(Effect::Render { request, id, width, html }) =
        fx.iter().find(|e| matches!(e, Effect::Render { .. })).cloned()
    else {
        panic!("no render in {fx:?}")
    };
    app::update(state, Action::Rendered { request, id, width, rendered: Rendered::default() });
    html
}

fn fetch_request(fx: &[Effect]) -> (u64, ArticleId, String) {
    match fx {
        [Effect::FetchFullText { request, id, url }] => (*request, *id, url.clone()),
        _ => panic!("expected one fetch: {fx:?}"),
    }
}

fn shown(state: &State) -> Option<BodySource> {
    state.reader.body.loaded().map(|b| b.source)
}

#[test]
fn f_starts_a_fetch_in_the_background() {
    let mut state = loaded(WIDE, 10);
    open_edited(&mut state, |_| {});
    let (request, id, url) = fetch_request(&cmd(&mut state, Command::FullText));
    assert_eq!((id, url.as_str()), (ArticleId(1), "https://feed1.example/post/1"));
    assert_eq!(state.reader.full_text, FullTextFetch::Fetching { request });
    assert_eq!(shown(&state), Some(BodySource::Feed), "the feed's content stays meanwhile");
    assert!(cmd(&mut state, Command::FullText).is_empty(), "no second fetch");
    assert_eq!(state.message.as_deref(), Some("already fetching the full text"));
    // The rest of the UI keeps working.
    cmd(&mut state, Command::Back);
    cmd(&mut state, Command::Down);
    assert_eq!(state.articles.cursor, 1);
}

#[test]
fn the_answer_for_the_open_article_shows_the_full_text() {
    let mut state = loaded(WIDE, 10);
    open_edited(&mut state, |_| {});
    let (request, id, _) = fetch_request(&cmd(&mut state, Command::FullText));
    let fx = app::update(&mut state, Action::FullTextFetched { request, id, result: Ok(FULL.into()) });
    assert_eq!(state.reader.full_text, FullTextFetch::Idle);
    assert_eq!(state.reader.source, BodySource::FullText);
    assert_eq!(lay_out(&mut state, &fx), FULL);
    assert_eq!(shown(&state), Some(BodySource::FullText));
    // Now stored with the article: f toggles without fetching.
    let fx = cmd(&mut state, Command::FullText);
    assert_eq!(lay_out(&mut state, &fx), article(1).content_html);
    assert_eq!(shown(&state), Some(BodySource::Feed));
}

#[test]
fn a_late_answer_for_another_article_is_dropped() {
    let mut state = loaded(WIDE, 10);
    open_edited(&mut state, |_| {});
    let (old, id, _) = fetch_request(&cmd(&mut state, Command::FullText));
    cmd(&mut state, Command::Back);
    cmd(&mut state, Command::Down);
    open_edited(&mut state, |_| {});
    let fx = app::update(&mut state, Action::FullTextFetched { request: old, id, result: Ok(FULL.into()) });
    assert!(fx.is_empty(), "{fx:?}");
    let reader = &state.reader;
    assert_eq!(
        reader.article().map(|a| (a.summary.id, a.full_text_html.is_none())),
        Some((ArticleId(2), true))
    );
    assert_eq!((reader.source, shown(&state)), (BodySource::Feed, Some(BodySource::Feed)));
    // Reopening the first article and asking again: only the newer request counts.
    cmd(&mut state, Command::Back);
    cmd(&mut state, Command::Up);
    open_edited(&mut state, |_| {});
    let (new, _, _) = fetch_request(&cmd(&mut state, Command::FullText));
    let late = Action::FullTextFetched { request: old, id, result: Err("HTTP 500".into()) };
    assert!(app::update(&mut state, late).is_empty());
    assert_eq!(
        (state.reader.full_text.clone(), state.last_error.clone()),
        (FullTextFetch::Fetching { request: new }, None)
    );
}

#[test]
fn a_failure_keeps_the_feed_content_and_says_why() {
    let mut state = loaded(WIDE, 10);
    open_edited(&mut state, |_| {});
    let (request, id, _) = fetch_request(&cmd(&mut state, Command::FullText));
    let fx = app::update(&mut state, Action::FullTextFetched { request, id, result: Err("HTTP 404".into()) });
    assert!(fx.is_empty(), "nothing to lay out again: {fx:?}");
    assert_eq!(state.last_error.as_deref(), Some("full text unavailable: HTTP 404"));
    assert_eq!(state.reader.full_text, FullTextFetch::Failed("HTTP 404".into()));
    assert_eq!((state.reader.source, shown(&state)), (BodySource::Feed, Some(BodySource::Feed)));
    fetch_request(&cmd(&mut state, Command::FullText)); // f tries again
}

#[test]
fn a_stored_full_text_is_shown_first_and_f_toggles() {
    let mut state = loaded(WIDE, 10);
    let fx = open_edited(&mut state, |a| a.full_text_html = Some(FULL.into()));
    let Some(Effect::Render { html, .. }) = fx.first() else { panic!("{fx:?}") };
    assert_eq!(html, FULL);
    assert_eq!(shown(&state), Some(BodySource::FullText));
    state.reader.scroll = 2;
    let fx = cmd(&mut state, Command::FullText);
    assert!(!fx.iter().any(|e| matches!(e, Effect::FetchFullText { .. })), "{fx:?}");
    assert_eq!(lay_out(&mut state, &fx), article(1).content_html);
    assert_eq!((shown(&state), state.reader.scroll), (Some(BodySource::Feed), 0));
    let fx = cmd(&mut state, Command::FullText);
    assert_eq!(lay_out(&mut state, &fx), FULL);
    // A resize lays out the body being shown, not the feed's.
    let fx = app::update(&mut state, Action::Resize(60, 20));
    assert_eq!(lay_out(&mut state, &fx), FULL);
}

#[test]
fn an_article_without_a_link_says_so() {
    let mut state = loaded(WIDE, 10);
    open_edited(&mut state, |a| a.summary.link = None);
    assert!(cmd(&mut state, Command::FullText).is_empty());
    assert_eq!(state.message.as_deref(), Some("this article has no link"));
    assert_eq!(state.reader.full_text, FullTextFetch::Idle);
}

#[test]
fn the_pages_author_and_date_fill_in_what_the_feed_lacks() {
    let page_date = chrono::DateTime::from_timestamp(1_790_000_000, 0).expect("date");
    let page = || byline::model::FullText {
        html: FULL.into(),
        author: Some("Page Author".into()),
        published: Some(page_date),
        image: None,
    };
    // The feed gave neither: the page's are shown.
    let mut state = loaded(WIDE, 10);
    open_edited(&mut state, |a| {
        a.summary.author = None;
        a.summary.has_published = false;
    });
    let (request, id, _) = fetch_request(&cmd(&mut state, Command::FullText));
    app::update(&mut state, Action::FullTextFetched { request, id, result: Ok(page()) });
    let summary = &state.reader.article().expect("open").summary;
    assert_eq!(summary.author.as_deref(), Some("Page Author"));
    assert_eq!((summary.date, summary.has_published), (page_date, true));

    // The feed's own author and date stay.
    let mut state = loaded(WIDE, 10);
    open_edited(&mut state, |_| {});
    let before = state.reader.article().expect("open").summary.clone();
    let (request, id, _) = fetch_request(&cmd(&mut state, Command::FullText));
    app::update(&mut state, Action::FullTextFetched { request, id, result: Ok(page()) });
    let summary = &state.reader.article().expect("open").summary;
    assert_eq!((&summary.author, summary.date), (&before.author, before.date));
}
