//! Hand-built rows and states for the reader's tests: no store, no terminal.
#![allow(dead_code)]

use byline::app::{self, Action, ArticlePage, Effect, Settings, State, TagList};
use byline::config::keys::KeyBindings;
use byline::model::{ArticleId, ArticleSummary, Feed, FeedId, TagCount};
use chrono::{TimeZone, Utc};

pub fn summary(id: i64, feed: i64, title: &str, read: bool) -> ArticleSummary {
    ArticleSummary {
        id: ArticleId(id),
        feed_id: FeedId(feed),
        feed_url: format!("https://feed{feed}.example/rss"),
        feed_title: format!("Feed {feed}"),
        title: title.to_string(),
        link: Some(format!("https://feed{feed}.example/post/{id}")),
        author: Some("Ada".into()),
        date: Utc.with_ymd_and_hms(2026, 11, 20, 9, 30, 0).single().expect("valid date")
            - chrono::Duration::hours(id),
        has_published: true,
        tags: vec!["tech".into()],
        read,
        starred: false,
    }
}

pub fn feed(id: i64, title: &str, unread: u32, error: Option<&str>) -> Feed {
    Feed {
        id: FeedId(id),
        url: format!("https://feed{id}.example/rss"),
        title: title.to_string(),
        tags: vec!["tech".into()],
        unread,
        total: unread + 3,
        last_error: error.map(String::from),
        schedule: Default::default(),
    }
}

pub fn tag(name: &str, unread: u32) -> TagCount {
    TagCount { tag: name.to_string(), unread, total: unread + 1 }
}

pub fn feeds() -> Vec<Feed> {
    vec![
        feed(1, "Rust Digest", 3, None),
        feed(2, "Kernel Notes", 0, None),
        feed(3, "Broken Blog", 1, Some("HTTP 404")),
    ]
}

pub fn tags() -> Vec<TagCount> {
    vec![tag("linux", 2), tag("rust", 3), tag("tech", 4)]
}

/// Rows `offset..offset+len` of a list of `total` articles; every third one is read.
pub fn rows(offset: u32, len: u32) -> Vec<ArticleSummary> {
    (offset..offset + len)
        .map(|i| {
            summary(i64::from(i) + 1, i64::from(i % 3) + 1, &format!("Article number {}", i + 1), i % 3 == 2)
        })
        .collect()
}

/// The request id of the article-window load among `fx`.
pub fn articles_request(fx: &[Effect]) -> Option<(u64, u32)> {
    fx.iter().find_map(|e| match e {
        Effect::LoadArticles { request, offset, .. } => Some((*request, *offset)),
        _ => None,
    })
}

/// Answers the last window load in `fx` from a list of `total` articles.
pub fn answer_articles(state: &mut State, fx: &[Effect], total: u32) -> Vec<Effect> {
    let (request, offset) = articles_request(fx).expect("a window load");
    let len = total.saturating_sub(offset).min(app::WINDOW);
    let page = ArticlePage { offset, total, rows: rows(offset, len), counting: false };
    app::update(state, Action::ArticlesLoaded { request, result: Ok(page) })
}

/// A state as the first frame has it: feeds, tags and the first window of `total` articles.
pub fn loaded(size: (u16, u16), total: u32) -> State {
    let mut state = State::new(KeyBindings::default(), Settings::default(), size);
    let fx = app::init(&mut state);
    app::update(&mut state, Action::FeedsLoaded(Ok(feeds())));
    app::update(&mut state, Action::TagsLoaded(Ok(TagList { tags: tags(), starred: 2 })));
    answer_articles(&mut state, &fx, total);
    state
}
