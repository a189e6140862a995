//! The store against real SQLite files in a temporary folder.

use byline::model::{ArticleId, Enclosure, FeedId, FeedSpec, Filter, Media, NewArticle};
use byline::store::{FeedUpdate, SaveStats, Store, StoreError, Validators, migrations};
use chrono::{DateTime, TimeZone, Utc};
use tempfile::TempDir;

fn open() -> (TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    // A folder that does not exist yet: open creates it.
    let store = Store::open(&dir.path().join("data/byline.db")).expect("open store");
    (dir, store)
}

fn spec(url: &str, tags: &[&str]) -> FeedSpec {
    FeedSpec { url: url.into(), tags: tags.iter().map(|t| t.to_string()).collect(), ..FeedSpec::default() }
}

fn day(d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 3, d, 12, 0, 0).single().expect("valid date")
}

fn item(key: &str, title: &str, published: Option<DateTime<Utc>>) -> NewArticle {
    NewArticle {
        key: key.into(),
        title: title.into(),
        link: Some(format!("https://example.com/{key}")),
        published,
        content_html: format!("<p>Body of {title}</p>"),
        ..NewArticle::default()
    }
}

fn with_categories(mut a: NewArticle, cats: &[&str]) -> NewArticle {
    a.categories = cats.iter().map(|c| c.to_string()).collect();
    a
}

fn update(items: Vec<NewArticle>) -> FeedUpdate {
    FeedUpdate { site_title: Some("Site".into()), items, ..FeedUpdate::default() }
}

fn feed_id(store: &Store, url: &str) -> FeedId {
    store.feed_by_url(url).expect("query").expect("feed exists").id
}

fn titles(store: &Store, filter: &Filter) -> Vec<String> {
    store.articles(filter, 0, 1000).expect("articles").into_iter().map(|a| a.title).collect()
}

fn all() -> Filter {
    Filter::default()
}

const A: &str = "https://a.example/feed";
const B: &str = "https://b.example/feed";

#[test]
fn refetch_keeps_read_and_starred_and_does_not_duplicate() {
    let (_dir, mut store) = open();
    store.sync_feeds(&[spec(A, &[])]).unwrap();
    let a = feed_id(&store, A);
    let items = vec![item("1", "One", Some(day(1))), item("2", "Two", Some(day(2)))];
    let stats = store.save_feed(a, &update(items.clone())).unwrap();
    assert_eq!(stats, SaveStats { new: 2, updated: 0 });

    let list = store.articles(&all(), 0, 10).unwrap();
    assert_eq!(list.iter().map(|a| a.title.as_str()).collect::<Vec<_>>(), ["Two", "One"]);
    let (two, one) = (list[0].id, list[1].id);
    assert_eq!(store.set_read(&[one, two], true).unwrap(), [one, two]);
    assert_eq!(store.set_read(&[one], true).unwrap(), [], "already read");
    assert_eq!(store.set_starred(&[two], true).unwrap(), [two]);

    // The very same document again: nothing to do, but the fetch is recorded.
    store.record_error(a, &"HTTP 500".into()).unwrap();
    let mut same = update(items.clone());
    same.validators.etag = Some("\"v2\"".into());
    assert_eq!(store.save_feed(a, &same).unwrap(), SaveStats::default());
    assert_eq!(store.feeds().unwrap()[0].last_error, None);
    assert_eq!(store.fetch_targets(&[]).unwrap()[0].validators.etag.as_deref(), Some("\"v2\""));

    // Same items again, one with a new title: no duplicates, state kept, one update counted.
    let mut again = items;
    again[1].title = "Two, revised".into();
    let stats = store.save_feed(a, &update(again)).unwrap();
    assert_eq!(stats, SaveStats { new: 0, updated: 1 });
    let list = store.articles(&all(), 0, 10).unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].id, two);
    assert_eq!(list[0].title, "Two, revised");
    assert!(list[0].read && list[0].starred);
    assert!(list[1].read && !list[1].starred);
    let feed = store.feed_by_url(A).unwrap().unwrap();
    assert_eq!((feed.unread, feed.total), (0, 2));
    assert_eq!(feed.title, "Site");
    assert!(feed.schedule.last_fetched.is_some());
}

#[test]
fn duplicate_keys_in_one_update_merge_first_wins() {
    let (_dir, mut store) = open();
    store.sync_feeds(&[spec(A, &[])]).unwrap();
    let a = feed_id(&store, A);
    let stats = store
        .save_feed(
            a,
            &update(vec![
                item("k", "First", Some(day(1))),
                item("other", "Other", Some(day(2))),
                item("k", "Last", Some(day(3))),
            ]),
        )
        .unwrap();
    assert_eq!(stats, SaveStats { new: 2, updated: 0 });
    assert_eq!(titles(&store, &all()), ["Other", "First"]);
}

#[test]
fn save_feeds_saves_a_batch_and_isolates_a_failing_feed() {
    let (_dir, mut store) = open();
    store.sync_feeds(&[spec(A, &[]), spec(B, &[])]).unwrap();
    let (a, b) = (feed_id(&store, A), feed_id(&store, B));
    let results = store
        .save_feeds(&[
            (a, update(vec![item("1", "A1 tokio", Some(day(1)))])),
            (FeedId(999), update(vec![item("x", "Lost", Some(day(2)))])),
            (b, update(vec![item("1", "B1", Some(day(3))), item("2", "B2", Some(day(4)))])),
        ])
        .unwrap();
    assert_eq!(results[0].as_ref().unwrap(), &SaveStats { new: 1, updated: 0 });
    assert!(matches!(results[1], Err(StoreError::UnknownFeed(999))));
    assert_eq!(results[2].as_ref().unwrap(), &SaveStats { new: 2, updated: 0 });
    assert_eq!(titles(&store, &all()), ["B2", "B1", "A1 tokio"]);
    let search = Filter { search: Some("tokio".into()), ..all() };
    assert_eq!(titles(&store, &search), ["A1 tokio"], "batched articles are indexed");
}

#[test]
fn missing_published_date_uses_first_seen() {
    let (_dir, mut store) = open();
    store.sync_feeds(&[spec(A, &[])]).unwrap();
    let a = feed_id(&store, A);
    let before = Utc::now().timestamp();
    store
        .save_feed(a, &update(vec![item("old", "Old", Some(day(1))), item("undated", "Undated", None)]))
        .unwrap();
    let after = Utc::now().timestamp();
    let list = store.articles(&all(), 0, 10).unwrap();
    assert_eq!(list[0].title, "Undated", "first-seen is now, newer than March 2024");
    assert!(!list[0].has_published);
    assert!((before..=after).contains(&list[0].date.timestamp()));
    assert!(list[1].has_published);
    assert_eq!(list[1].date, day(1));
    let full = store.article(list[0].id).unwrap().unwrap();
    assert_eq!(full.first_seen, list[0].date);
    assert_eq!(full.content_html, "<p>Body of Undated</p>");

    // A date in the future counts as first-seen: it cannot pin an item on top.
    let future = Utc::now() + chrono::Duration::days(3650);
    store.save_feed(a, &update(vec![item("future", "Future", Some(future))])).unwrap();
    let future = &store.articles(&all(), 0, 10).unwrap()[0];
    assert_eq!(future.title, "Future");
    assert!(future.has_published);
    assert!(future.date <= Utc::now());
}

#[test]
fn tag_filter_requires_all_tags_case_insensitively_with_categories() {
    let (_dir, mut store) = open();
    store.sync_feeds(&[spec(A, &["Tech", "Rust"]), spec(B, &["tech"])]).unwrap();
    let (a, b) = (feed_id(&store, A), feed_id(&store, B));
    store
        .save_feed(a, &update(vec![with_categories(item("a1", "A1", Some(day(1))), &["RUST", "Async"])]))
        .unwrap();
    store
        .save_feed(
            b,
            &update(vec![
                with_categories(item("b1", "B1", Some(day(2))), &["rust"]),
                with_categories(item("b2", "B2", Some(day(3))), &["Go"]),
            ]),
        )
        .unwrap();
    let tags = |t: &[&str]| Filter { tags: t.iter().map(|s| s.to_string()).collect(), ..Filter::default() };
    assert_eq!(titles(&store, &tags(&["TECH"])), ["B2", "B1", "A1"]);
    assert_eq!(titles(&store, &tags(&["tech", "rust"])), ["B1", "A1"]);
    assert_eq!(titles(&store, &tags(&["rust", "async"])), ["A1"]);
    assert_eq!(titles(&store, &tags(&["go", "rust"])), Vec::<String>::new());
    assert_eq!(store.count_articles(&tags(&["Rust"])).unwrap(), 2);

    // Feed tags and categories merge case-insensitively, without duplicates; the spelling of
    // the first feed that lists a tag names it.
    let a1 = &store.articles(&tags(&["async"]), 0, 10).unwrap()[0];
    assert_eq!(a1.tags, ["Tech", "Rust", "Async"]);
}

#[test]
fn unread_and_starred_filters() {
    let (_dir, mut store) = open();
    store.sync_feeds(&[spec(A, &[]), spec(B, &[])]).unwrap();
    let (a, b) = (feed_id(&store, A), feed_id(&store, B));
    store.save_feed(a, &update(vec![item("1", "A1", Some(day(1))), item("2", "A2", Some(day(2)))])).unwrap();
    store.save_feed(b, &update(vec![item("1", "B1", Some(day(3)))])).unwrap();
    let list = store.articles(&all(), 0, 10).unwrap();
    let id = |t: &str| list.iter().find(|a| a.title == t).unwrap().id;
    store.set_read(&[id("A2")], true).unwrap();
    store.set_starred(&[id("A2"), id("B1")], true).unwrap();

    let unread = Filter { unread_only: true, ..all() };
    assert_eq!(titles(&store, &unread), ["B1", "A1"]);
    assert_eq!(store.count_articles(&unread).unwrap(), 2);
    let starred = Filter { starred_only: true, ..all() };
    assert_eq!(titles(&store, &starred), ["B1", "A2"]);
    let starred_unread_a = Filter { starred_only: true, unread_only: true, feed: Some(a), ..all() };
    assert_eq!(store.count_articles(&starred_unread_a).unwrap(), 0);
    let feed_a = Filter { feed: Some(a), ..all() };
    assert_eq!(titles(&store, &feed_a), ["A2", "A1"]);
    assert_eq!(store.count_articles(&Filter { unread_only: true, ..feed_a.clone() }).unwrap(), 1);

    // Paging.
    assert_eq!(store.articles(&all(), 1, 1).unwrap()[0].title, "A2");

    // Mark all of feed A read; undo information lists exactly the changed ids.
    assert_eq!(store.mark_filter_read(&feed_a).unwrap(), [id("A1")]);
    assert_eq!(store.mark_filter_read(&feed_a).unwrap(), []);
    assert_eq!(titles(&store, &unread), ["B1"]);
    assert_eq!(store.set_read(&[id("A1")], false).unwrap(), [id("A1")]);
    assert_eq!(store.count_articles(&unread).unwrap(), 2);
}

#[test]
fn search_matches_words_prefixes_and_survives_punctuation() {
    let (_dir, mut store) = open();
    store.sync_feeds(&[spec(A, &[])]).unwrap();
    let a = feed_id(&store, A);
    let mut rust = item("1", "Rust async runtimes", Some(day(1)));
    rust.content_html = "<p>Comparing <b>tokio</b> &amp; smol</p><script>secretword()</script>".into();
    let mut cpp = item("2", "Modern C++ tips", Some(day(2)));
    cpp.content_html = "<p>He said \"quote me\" about café</p>".into();
    store.save_feed(a, &update(vec![rust, cpp])).unwrap();

    let search = |store: &Store, q: &str| titles(store, &Filter { search: Some(q.into()), ..all() });
    assert_eq!(search(&store, "tokio"), ["Rust async runtimes"]);
    assert_eq!(search(&store, "tok"), ["Rust async runtimes"], "prefix");
    assert_eq!(search(&store, "RUST TOKIO"), ["Rust async runtimes"]);
    assert_eq!(search(&store, "rust tips"), Vec::<String>::new(), "all words must match");
    assert_eq!(search(&store, "secretword"), Vec::<String>::new(), "scripts are not text");
    assert_eq!(search(&store, "cafe"), ["Modern C++ tips"], "diacritics folded");
    for hostile in ["c++ \"quote", "\"", "NEAR(", "a OR", "-x *", "tips AND (", "'; DROP TABLE"] {
        let filter = Filter { search: Some(hostile.into()), ..all() };
        store.articles(&filter, 0, 10).unwrap();
        store.count_articles(&filter).unwrap();
    }
    assert_eq!(search(&store, "c++ \"quote"), ["Modern C++ tips"]);

    // Extracted full text is cached and becomes searchable.
    let id = store.articles(&all(), 0, 10).unwrap()[1].id;
    store.set_full_text(id, &"<article>Work-stealing schedulers</article>".into()).unwrap();
    assert_eq!(search(&store, "schedulers"), ["Rust async runtimes"]);
    let full = store.article(id).unwrap().unwrap();
    assert_eq!(full.full_text_html.as_deref(), Some("<article>Work-stealing schedulers</article>"));
}

#[test]
fn unsubscribed_feeds_are_hidden_then_restored_with_state() {
    let (_dir, mut store) = open();
    store.sync_feeds(&[spec(A, &["news"]), spec(B, &["tech"])]).unwrap();
    let (a, b) = (feed_id(&store, A), feed_id(&store, B));
    store.save_feed(a, &update(vec![item("1", "A1", Some(day(1)))])).unwrap();
    store.save_feed(b, &update(vec![item("1", "B1", Some(day(2)))])).unwrap();
    let b1 = store.articles(&Filter { feed: Some(b), ..all() }, 0, 1).unwrap()[0].id;
    store.set_starred(&[b1], true).unwrap();
    store.set_read(&[b1], true).unwrap();

    store.sync_feeds(&[spec(A, &["news"])]).unwrap();
    assert_eq!(store.feeds().unwrap().len(), 1);
    assert!(store.feed_by_url(B).unwrap().is_none());
    assert_eq!(titles(&store, &all()), ["A1"]);
    assert_eq!(store.count_articles(&all()).unwrap(), 1);
    assert_eq!(store.count_articles(&Filter { starred_only: true, ..all() }).unwrap(), 0);
    assert_eq!(store.tags().unwrap().iter().map(|t| t.tag.as_str()).collect::<Vec<_>>(), ["news"]);
    assert_eq!(store.fetch_targets(&[]).unwrap().len(), 1);
    assert!(matches!(store.fetch_targets(&[B.to_string()]), Err(StoreError::NoSuchFeed(_))));

    // Re-adding it (first this time) restores its articles and their state.
    store.sync_feeds(&[spec(B, &["tech"]), spec(A, &["news"])]).unwrap();
    let feeds = store.feeds().unwrap();
    assert_eq!(feeds.iter().map(|f| f.url.as_str()).collect::<Vec<_>>(), [B, A]);
    assert_eq!(feeds[0].id, b);
    let restored = store.articles(&Filter { feed: Some(b), ..all() }, 0, 10).unwrap();
    assert_eq!(restored.len(), 1);
    assert!(restored[0].read && restored[0].starred);
}

#[test]
fn sync_updates_titles_tags_and_settings() {
    let (_dir, mut store) = open();
    store.sync_feeds(&[spec(A, &["one", "two"])]).unwrap();
    let a = feed_id(&store, A);
    assert_eq!(store.feeds().unwrap()[0].title, A, "no title yet: the URL");
    store.save_feed(a, &update(vec![])).unwrap();
    assert_eq!(store.feeds().unwrap()[0].title, "Site");
    let mut renamed = spec(A, &["Two", "three"]);
    renamed.title = Some("Mine".into());
    store.sync_feeds(&[renamed]).unwrap();
    let feed = &store.feeds().unwrap()[0];
    assert_eq!(feed.title, "Mine");
    assert_eq!(feed.tags, ["Two", "three"]);
    assert_eq!(feed.id, a);
}

#[test]
fn refresh_outcomes_are_recorded() {
    let (_dir, mut store) = open();
    store.sync_feeds(&[spec(A, &[])]).unwrap();
    let a = feed_id(&store, A);
    store.record_error(a, &"HTTP 500\n\u{1b}[31m".into()).unwrap();
    assert_eq!(store.feeds().unwrap()[0].last_error.as_deref(), Some("HTTP 500"));
    let mut up = update(vec![]);
    up.validators = Validators { etag: Some("\"v1\"".into()), last_modified: Some("Mon".into()) };
    up.moved_to = Some("https://new.example/feed".into());
    store.save_feed(a, &up).unwrap();
    let target = &store.fetch_targets(&[A.to_string()]).unwrap()[0];
    assert_eq!(target.url, A);
    assert_eq!(target.fetch_url, "https://new.example/feed");
    assert_eq!(target.validators, up.validators);
    assert_eq!(store.feeds().unwrap()[0].last_error, None);
    store.record_error(a, &"timed out".into()).unwrap();
    store.mark_unchanged(a, None).unwrap();
    assert_eq!(store.feeds().unwrap()[0].last_error, None);
    assert!(matches!(store.mark_unchanged(FeedId(999), None), Err(StoreError::UnknownFeed(999))));
}

#[test]
fn migrates_empty_and_version_one_databases() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(migrations::V1).unwrap();
        conn.execute_batch(
            "PRAGMA user_version = 1;
             INSERT INTO feeds (id, url, position) VALUES (1, 'https://old.example/feed', 0);
             INSERT INTO articles (id, feed_id, key, title, first_seen, date, read, starred)
             VALUES (7, 1, 'k', 'Legacy article', 100, 100, 1, 1);
             INSERT INTO article_bodies (article_id, content)
             VALUES (7, '<p>ancient <i>wisdom</i></p>');",
        )
        .unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    let version: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, migrations::LATEST);
    store.sync_feeds(&[spec("https://old.example/feed", &[])]).unwrap();
    let list = store.articles(&all(), 0, 10).unwrap();
    assert_eq!(list.len(), 1);
    assert!(list[0].read && list[0].starred);
    // Version 2 features on old data: the search index was built, full text can be cached.
    let found = store.articles(&Filter { search: Some("wisdom".into()), ..all() }, 0, 10).unwrap();
    assert_eq!(found.len(), 1);
    store.set_full_text(ArticleId(7), &"<p>full</p>".into()).unwrap();
    assert_eq!(store.article(ArticleId(7)).unwrap().unwrap().full_text_html.as_deref(), Some("<p>full</p>"));
    drop(store);
    // Opening again is a no-op; an empty database migrates from scratch (see `open`).
    Store::open(&path).unwrap();
    let (_dir2, fresh) = open();
    assert!(fresh.feeds().unwrap().is_empty());
}

#[test]
fn refuses_a_database_from_a_newer_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch(&format!("PRAGMA user_version = {}", migrations::LATEST + 1))
        .unwrap();
    match Store::open(&path) {
        Err(StoreError::TooNew { found, known }) => {
            assert_eq!((found, known), (migrations::LATEST + 1, migrations::LATEST))
        }
        Err(e) => panic!("wrong error: {e}"),
        Ok(_) => panic!("opened a newer database"),
    }
}

#[test]
fn max_articles_prunes_oldest_read_but_keeps_starred_and_listed() {
    let (_dir, mut store) = open();
    let mut limited = spec(A, &[]);
    limited.max_articles = Some(3);
    store.sync_feeds(&[limited]).unwrap();
    let a = feed_id(&store, A);
    let first: Vec<NewArticle> = (1..=5)
        .map(|d| with_categories(item(&format!("old{d}"), &format!("Old{d}"), Some(day(d))), &["Old"]))
        .collect();
    store.save_feed(a, &update(first)).unwrap();
    assert_eq!(store.count_articles(&all()).unwrap(), 5, "all still listed by the feed");
    let ids: Vec<ArticleId> = store.articles(&all(), 0, 10).unwrap().iter().map(|a| a.id).collect();
    store.set_read(&ids, true).unwrap();
    let old1 = ids[4];
    store.set_starred(&[old1], true).unwrap();
    store.set_read(&[ids[3]], false).unwrap(); // Old2 stays unread

    // The feed moves on: Old1..Old5 drop out of it.
    let next: Vec<NewArticle> =
        (10..=11).map(|d| item(&format!("new{d}"), &format!("New{d}"), Some(day(d)))).collect();
    store.save_feed(a, &update(next)).unwrap();
    // 7 articles, limit 3: the oldest read unstarred (Old3, Old4, Old5) go; Old1 is starred
    // and Old2 unread.
    assert_eq!(titles(&store, &all()), ["New11", "New10", "Old2", "Old1"]);
    let feed = store.feeds().unwrap().remove(0);
    assert_eq!((feed.total, feed.unread), (4, 3));
    // The category's counters followed the deletions.
    let old = store.tags().unwrap().into_iter().find(|t| t.tag == "Old").unwrap();
    assert_eq!((old.total, old.unread), (2, 1));
}

#[test]
fn a_new_limit_applies_on_the_next_save_even_of_the_same_document() {
    let (_dir, mut store) = open();
    store.sync_feeds(&[spec(A, &[])]).unwrap();
    let a = feed_id(&store, A);
    let old: Vec<NewArticle> =
        (1..=5).map(|d| item(&format!("o{d}"), &format!("Old{d}"), Some(day(d)))).collect();
    store.save_feed(a, &update(old)).unwrap();
    let current = update(vec![item("n10", "New10", Some(day(10))), item("n11", "New11", Some(day(11)))]);
    store.save_feed(a, &current).unwrap();
    store.mark_filter_read(&all()).unwrap();

    let mut limited = spec(A, &[]);
    limited.max_articles = Some(3);
    store.sync_feeds(&[limited]).unwrap();
    store.save_feed(a, &current).unwrap();
    assert_eq!(titles(&store, &all()), ["New11", "New10", "Old5"]);
}

#[test]
fn tag_counts_merge_feed_tags_and_categories() {
    let (_dir, mut store) = open();
    store.sync_feeds(&[spec(A, &["Rust"]), spec(B, &["news"])]).unwrap();
    let (a, b) = (feed_id(&store, A), feed_id(&store, B));
    store
        .save_feed(
            a,
            &update(vec![
                with_categories(item("1", "A1", Some(day(1))), &["rust", "Async"]),
                with_categories(item("2", "A2", Some(day(2))), &["async"]),
            ]),
        )
        .unwrap();
    store
        .save_feed(
            b,
            &update(vec![
                with_categories(item("1", "B1", Some(day(3))), &["RUST", "async"]),
                item("2", "B2", Some(day(4))),
            ]),
        )
        .unwrap();
    let b1 = store.articles(&Filter { feed: Some(b), ..all() }, 0, 10).unwrap()[1].id;
    store.set_read(&[b1], true).unwrap();
    let counts = |store: &Store| -> Vec<(String, u32, u32)> {
        store.tags().unwrap().into_iter().map(|t| (t.tag, t.unread, t.total)).collect()
    };
    assert_eq!(
        counts(&store),
        [
            // The first spelling stored names a category (the feed's top item is stored first).
            ("async".to_string(), 2, 3),
            ("news".to_string(), 1, 2),
            ("Rust".to_string(), 2, 3),
        ]
    );
    // Counts follow category changes, read changes and unsubscription.
    store.save_feed(b, &update(vec![item("1", "B1", Some(day(3))), item("2", "B2", Some(day(4)))])).unwrap();
    store.set_read(&[b1], false).unwrap();
    assert_eq!(
        counts(&store),
        [("async".to_string(), 2, 2), ("news".to_string(), 2, 2), ("Rust".to_string(), 2, 2)]
    );
    store.sync_feeds(&[spec(B, &["news"])]).unwrap();
    assert_eq!(counts(&store), [("news".to_string(), 2, 2)]);
}

#[test]
fn a_second_handle_sees_writes_and_can_write_too() {
    let (dir, mut writer) = open();
    let reader = Store::open(&dir.path().join("data/byline.db")).unwrap();
    writer.sync_feeds(&[spec(A, &[])]).unwrap();
    assert_eq!(reader.feeds().unwrap().len(), 1);
    let a = feed_id(&reader, A);
    let handle = std::thread::spawn(move || {
        for n in 0..20 {
            writer.save_feed(a, &update(vec![item(&n.to_string(), "x", Some(day(1)))])).unwrap();
        }
        writer
    });
    let mut ui = reader;
    // The UI marks things read while the refresh writes.
    for _ in 0..20 {
        let ids: Vec<ArticleId> = ui.articles(&all(), 0, 5).unwrap().iter().map(|a| a.id).collect();
        ui.set_read(&ids, true).unwrap();
    }
    handle.join().unwrap();
    assert_eq!(ui.count_articles(&all()).unwrap(), 20);
    let feed = ui.feeds().unwrap().remove(0);
    let counted = ui.count_articles(&Filter { unread_only: true, ..all() }).unwrap();
    let scanned = ui.articles(&Filter { unread_only: true, ..all() }, 0, 100).unwrap().len() as u32;
    assert_eq!((feed.unread, counted), (scanned, scanned));
}

#[test]
fn next_unread_after_a_position_follows_the_list_order() {
    let (_dir, mut store) = open();
    store.sync_feeds(&[spec(A, &["x"])]).unwrap();
    let a = feed_id(&store, A);
    let items = (1..=6).map(|d| item(&format!("k{d}"), &format!("T{d}"), Some(day(d)))).collect();
    store.save_feed(a, &update(items)).unwrap();
    // Newest first: T6 T5 T4 T3 T2 T1 at positions 0..=5.
    let ids: Vec<ArticleId> = store.articles(&all(), 0, 10).unwrap().iter().map(|r| r.id).collect();
    store.set_read(&ids[1..4], true).unwrap();
    assert_eq!(store.next_unread_after(&all(), 0).unwrap(), Some((4, ids[4])));
    assert_eq!(store.next_unread_after(&all(), 4).unwrap(), Some((5, ids[5])));
    assert_eq!(store.next_unread_after(&all(), 5).unwrap(), None);
    let tagged = Filter { tags: vec!["X".into()], ..all() };
    assert_eq!(store.next_unread_after(&tagged, 0).unwrap(), Some((4, ids[4])));
}

#[test]
fn position_of_an_article_follows_the_list_order_and_filter() {
    let (_dir, mut store) = open();
    store.sync_feeds(&[spec(A, &["x"]), spec(B, &[])]).unwrap();
    let (a, b) = (feed_id(&store, A), feed_id(&store, B));
    store
        .save_feed(a, &update((1..=3).map(|d| item(&format!("a{d}"), "A", Some(day(d)))).collect()))
        .unwrap();
    store
        .save_feed(b, &update((4..=5).map(|d| item(&format!("b{d}"), "B", Some(day(d)))).collect()))
        .unwrap();
    let list = store.articles(&all(), 0, 10).unwrap();
    let oldest = list.last().unwrap().id;
    assert_eq!(store.position_of(&all(), oldest).unwrap(), Some(4));
    let tagged = Filter { tags: vec!["x".into()], ..all() };
    assert_eq!(store.position_of(&tagged, oldest).unwrap(), Some(2));
    assert_eq!(store.position_of(&tagged, list[0].id).unwrap(), None, "not under this filter");
}

#[test]
fn starred_count_counts_subscribed_feeds_only() {
    let (_dir, mut store) = open();
    store.sync_feeds(&[spec(A, &[]), spec(B, &[])]).unwrap();
    let (a, b) = (feed_id(&store, A), feed_id(&store, B));
    store
        .save_feed(a, &update(vec![item("a1", "A1", Some(day(1))), item("a2", "A2", Some(day(2)))]))
        .unwrap();
    store.save_feed(b, &update(vec![item("b1", "B1", Some(day(3)))])).unwrap();
    let ids: Vec<ArticleId> = store.articles(&all(), 0, 10).unwrap().iter().map(|r| r.id).collect();
    store.set_starred(&ids, true).unwrap();
    assert_eq!(store.starred_count().unwrap(), 3);
    store.sync_feeds(&[spec(A, &[])]).unwrap();
    assert_eq!(store.starred_count().unwrap(), 2, "an unsubscribed feed's stars are hidden");
}

#[test]
fn enclosures_are_stored_cleaned_and_updated() {
    let (_dir, mut store) = open();
    store.sync_feeds(&[spec(A, &[])]).unwrap();
    let a = feed_id(&store, A);
    let episode = |length| Enclosure {
        url: "https://cdn.example/ep1.mp3".into(),
        mime: Some("audio/\u{1b}[31mmpeg".into()),
        length: Some(length),
        duration: Some(60),
    };
    let mut podcast = item("ep1", "Episode 1", Some(day(2)));
    podcast.media =
        Media { enclosures: vec![episode(1000)], image: Some("https://cdn.example/ep1.jpg".into()) };
    let plain = item("post", "A post", Some(day(1)));
    store.save_feed(a, &update(vec![podcast.clone(), plain])).unwrap();
    let list = store.articles(&Filter::default(), 0, 10).unwrap();
    let stored = store.article(list[0].id).unwrap().unwrap();
    assert_eq!(stored.media.enclosures[0].mime.as_deref(), Some("audio/mpeg"), "escape sequence removed");
    assert_eq!(stored.media.enclosures[0].length, Some(1000));
    assert_eq!(stored.media.image.as_deref(), Some("https://cdn.example/ep1.jpg"));
    assert_eq!(store.article(list[1].id).unwrap().unwrap().media, Media::default());

    // Only the enclosure changed: the article is updated.
    podcast.media.enclosures = vec![episode(2000)];
    let stats = store.save_feed(a, &update(vec![podcast, item("post", "A post", Some(day(1)))])).unwrap();
    assert_eq!(stats, SaveStats { new: 0, updated: 1 });
    let stored = store.article(list[0].id).unwrap().unwrap();
    assert_eq!(stored.media.enclosures[0].length, Some(2000));
}

#[test]
fn an_unchanged_subscription_list_writes_nothing_and_any_change_is_applied() {
    let (dir, mut store) = open();
    let other = rusqlite::Connection::open(dir.path().join("data/byline.db")).unwrap();
    // Changes when another connection commits.
    let version = || -> i64 { other.query_row("PRAGMA data_version", [], |r| r.get(0)).unwrap() };
    let list = [spec(A, &["one"]), spec(B, &[])];
    store.sync_feeds(&list).unwrap();
    let before = version();
    store.sync_feeds(&list).unwrap();
    assert_eq!(version(), before, "the same list again wrote to the database");

    let mut changed = list.clone();
    changed[1].max_articles = Some(5);
    changed.swap(0, 1);
    store.sync_feeds(&changed).unwrap();
    assert_ne!(version(), before);
    let feeds = store.feeds().unwrap();
    assert_eq!(feeds.iter().map(|f| f.url.as_str()).collect::<Vec<_>>(), [B, A]);
    store.sync_feeds(&changed[..1]).unwrap();
    assert_eq!(store.feeds().unwrap().len(), 1, "a removed feed is unsubscribed");
}

#[test]
fn a_full_texts_lead_picture_becomes_the_articles_only_where_the_feed_gave_none() {
    let (_dir, mut store) = open();
    store.sync_feeds(&[spec(A, &[])]).unwrap();
    let a = feed_id(&store, A);
    let mut with_thumb = item("1", "With a thumbnail", Some(day(1)));
    with_thumb.media = Media { image: Some("https://a.example/thumb.jpg".into()), ..Media::default() };
    let mut with_enclosure = item("2", "A podcast", Some(day(2)));
    let episode =
        Enclosure { url: "https://a.example/1.mp3".into(), mime: None, length: None, duration: None };
    with_enclosure.media = Media { enclosures: vec![episode], ..Media::default() };
    let plain = item("3", "Plain", Some(day(3)));
    store.save_feed(a, &update(vec![with_thumb, with_enclosure, plain])).unwrap();
    let page = byline::model::FullText {
        html: "<p>full</p>".into(),
        image: Some("https://a.example/og.jpg\u{1b}[2J".into()),
        ..Default::default()
    };
    let mut images = Vec::new();
    for row in store.articles(&all(), 0, 10).unwrap() {
        store.set_full_text(row.id, &page).unwrap();
        let article = store.article(row.id).unwrap().unwrap();
        images.push((article.summary.title, article.media.image, article.media.enclosures.len()));
    }
    let og = Some("https://a.example/og.jpg".to_string()); // the escape sequence is gone whole
    assert_eq!(
        images,
        [
            ("Plain".to_string(), og.clone(), 0),
            ("A podcast".to_string(), og, 1),
            ("With a thumbnail".to_string(), Some("https://a.example/thumb.jpg".to_string()), 0),
        ]
    );
    let podcasts = Filter { query: Some(byline::query::Query::parse("has:enclosure").unwrap()), ..all() };
    assert_eq!(titles(&store, &podcasts), ["A podcast"], "the enclosures' index still finds it");
}
