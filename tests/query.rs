//! The query language against a real store: every compiled query lists exactly what a plain
//! filter over the same fixtures keeps, the query plans use the indexes, and ignore rules hide,
//! show again and drop with the counters kept right.

use std::collections::BTreeSet;

use byline::model::{ArticleId, Enclosure, FeedSpec, Filter, FullText, IgnoreRule, Media, NewArticle, Sort};
use byline::query::Query;
use byline::store::{FeedUpdate, Store};
use chrono::{DateTime, Duration, Local, TimeZone, Utc};
use tempfile::TempDir;

/// One fixture article as the plain filter sees it.
#[derive(Debug, Clone)]
struct Fixture {
    feed: usize,
    title: String,
    body: String,
    author: Option<String>,
    categories: Vec<String>,
    date: DateTime<Utc>,
    read: bool,
    starred: bool,
    enclosure: bool,
    full_text: bool,
}

/// (url, title, tags)
const FEEDS: [(&str, &str, &[&str]); 3] = [
    ("https://alpha.example/feed", "Alpha Weekly", &["Rust"]),
    ("https://b.example/rss", "Kernel Notes", &["linux", "Tech"]),
    ("https://gamma.example/atom", "Gamma Élysée", &[]),
];

const TITLES: [&str; 8] = [
    "Rust async in the kernel",
    "Sponsored: buy a laptop",
    "Élysée café reopens",
    "Linux 7.0 released",
    "Why rustaceans like traits",
    "Kernel scheduler notes",
    "A week of Müller's patches",
    "Podcast episode",
];

const AUTHORS: [Option<&str>; 3] = [Some("Jonathan Corbet"), Some("Zoë Müller"), None];

const CATEGORIES: [&[&str]; 4] = [&["security"], &["Rust", "news"], &[], &["Linux"]];

fn fixtures(now: DateTime<Utc>) -> Vec<Fixture> {
    (0..40)
        .map(|i| Fixture {
            feed: i % 3,
            title: format!("{} #{i}", TITLES[i % TITLES.len()]),
            body: if i % 4 == 1 { "scheduler and memory".into() } else { format!("story number {i}") },
            author: AUTHORS[i % 3].map(String::from),
            categories: CATEGORIES[i % 4].iter().map(|c| c.to_string()).collect(),
            // Half an hour off every boundary a query draws in hours.
            date: now - Duration::hours(6 * i as i64) - Duration::minutes(30),
            read: i % 4 == 0,
            starred: i % 7 == 0,
            enclosure: i % 5 == 0,
            full_text: i % 6 == 0,
        })
        .collect()
}

fn open(now: DateTime<Utc>) -> (TempDir, Store, Vec<(ArticleId, Fixture)>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("byline.db")).expect("open");
    let specs: Vec<FeedSpec> = FEEDS
        .iter()
        .map(|(url, _, tags)| FeedSpec {
            url: url.to_string(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            ..FeedSpec::default()
        })
        .collect();
    store.sync_feeds(&specs).expect("feeds");
    let fixtures = fixtures(now);
    for (f, (url, title, _)) in FEEDS.iter().enumerate() {
        let items = fixtures
            .iter()
            .enumerate()
            .filter(|(_, a)| a.feed == f)
            .map(|(i, a)| NewArticle {
                key: format!("k{i}"),
                title: a.title.clone(),
                link: Some(format!("{url}/{i}")),
                author: a.author.clone(),
                published: Some(a.date),
                categories: a.categories.clone(),
                content_html: format!("<p>{}</p>", a.body),
                media: if a.enclosure {
                    Media {
                        enclosures: vec![Enclosure {
                            url: format!("https://cdn.example/{i}.mp3"),
                            mime: Some("audio/mpeg".into()),
                            ..Enclosure::default()
                        }],
                        image: None,
                    }
                } else {
                    Media {
                        enclosures: Vec::new(),
                        image: (i % 2 == 0).then(|| "https://cdn.example/p.png".into()),
                    }
                },
            })
            .collect();
        let id = store.feed_by_url(url).expect("query").expect("feed").id;
        let update = FeedUpdate { site_title: Some(title.to_string()), items, ..FeedUpdate::default() };
        store.save_feed(id, &update).expect("save");
    }
    let listed = store.articles(&Filter::default(), 0, 1000).expect("list");
    let mut pairs = Vec::new();
    for row in listed {
        let i: usize =
            row.link.as_deref().and_then(|l| l.rsplit('/').next()).and_then(|n| n.parse().ok()).expect("i");
        let a = fixtures[i].clone();
        if a.read {
            store.set_read(&[row.id], true).expect("read");
        }
        if a.starred {
            store.set_starred(&[row.id], true).expect("star");
        }
        if a.full_text {
            store.set_full_text(row.id, &FullText::from("<p>the full page text</p>")).expect("full text");
        }
        pairs.push((row.id, a));
    }
    (dir, store, pairs)
}

/// Lowercase without the accents the fixtures use: the search index's folding of them.
fn fold(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .map(|c| match c {
            'é' | 'è' => 'e',
            'ë' => 'e',
            'ü' => 'u',
            other => other,
        })
        .collect()
}

fn words(text: &str) -> Vec<String> {
    fold(text).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(String::from).collect()
}

/// Every word of `wanted` begins a word of `text` (the search's prefix match).
fn has_words(text: &str, wanted: &str) -> bool {
    let have = words(text);
    words(wanted).iter().all(|w| have.iter().any(|h| h.starts_with(w.as_str())))
}

/// The plain filter: the meaning of each term, written out over the fixtures.
fn keeps(query: &byline::query::Expr, a: &Fixture, now: DateTime<Utc>) -> bool {
    use byline::query::{Expr, Term};
    match query {
        Expr::And(parts) => parts.iter().all(|p| keeps(p, a, now)),
        Expr::Or(parts) => parts.iter().any(|p| keeps(p, a, now)),
        Expr::Not(inner) => !keeps(inner, a, now),
        Expr::Term(t) => match t {
            Term::Tag(tag) => {
                let (_, _, feed_tags) = FEEDS[a.feed];
                feed_tags
                    .iter()
                    .chain(a.categories.iter().map(String::as_str).collect::<Vec<_>>().iter())
                    .any(|t| t.to_lowercase() == tag.to_lowercase())
            }
            Term::Feed(part) => {
                let (url, title, _) = FEEDS[a.feed];
                url.to_lowercase().contains(&part.to_lowercase())
                    || title.to_lowercase().contains(&part.to_lowercase())
            }
            Term::Author(part) => {
                a.author.as_ref().is_some_and(|au| au.to_lowercase().contains(&part.to_lowercase()))
            }
            Term::Title(w) => has_words(&a.title, w),
            Term::Words(w) => {
                let full = if a.full_text { " the full page text" } else { "" };
                has_words(&format!("{} {}{full}", a.title, a.body), w)
            }
            Term::Unread => !a.read,
            Term::Read => a.read,
            Term::Starred => a.starred,
            Term::Age(age) => {
                let edge = now - Duration::seconds(age.seconds());
                if age.newer { a.date >= edge } else { a.date < edge }
            }
            Term::Since(day) => {
                let start = Local
                    .from_local_datetime(&day.and_hms_opt(0, 0, 0).expect("midnight"))
                    .earliest()
                    .expect("day");
                a.date >= start.with_timezone(&Utc)
            }
            Term::HasEnclosure => a.enclosure,
            Term::HasFullText => a.full_text,
        },
    }
}

fn listed(store: &Store, query: &Query, sort: Sort) -> Vec<ArticleId> {
    let filter = Filter { query: Some(query.clone()), sort, ..Filter::default() };
    let rows = store.articles(&filter, 0, 1000).expect("articles");
    assert_eq!(store.count_articles(&filter).expect("count") as usize, rows.len(), "count of {query}");
    rows.into_iter().map(|a| a.id).collect()
}

#[test]
fn compiled_queries_keep_what_the_plain_filter_keeps() {
    let now = Utc::now();
    let (_dir, store, fixtures) = open(now);
    let since = (Local::now() - Duration::days(3)).format("%Y-%m-%d");
    let queries = [
        "tag:rust".to_string(),
        "TAG:RUST".into(),
        "tag:linux unread".into(),
        "tag:security OR tag:news".into(),
        "feed:alpha".into(),
        "feed:B.EXAMPLE".into(),
        "feed:élysée".into(),
        "author:corbet".into(),
        "author:ZOË".into(),
        "-author:zoë".into(),
        "title:kernel".into(),
        "title:rust".into(),
        "title:cafe".into(),
        "title:elys".into(),
        "title:ust".into(),
        "kernel".into(),
        "elysee".into(),
        "rust sched".into(),
        "\"full page\"".into(),
        "unread".into(),
        "read".into(),
        "starred".into(),
        "-starred unread".into(),
        "age:<2d".into(),
        "age:>5d".into(),
        "age:<90m".into(),
        "age:<1w age:>3d".into(),
        format!("since:{since}"),
        "has:enclosure".into(),
        "has:fulltext".into(),
        "-has:enclosure".into(),
        "(tag:rust OR feed:gamma) -read".into(),
        "NOT (unread starred)".into(),
        "kernel OR rust -tag:linux".into(),
        "title:podcast has:enclosure".into(),
        "tag:nothing-has-this".into(),
    ];
    for text in &queries {
        let query = Query::parse(text).expect(text);
        let want: BTreeSet<ArticleId> =
            fixtures.iter().filter(|(_, a)| keeps(query.expr(), a, now)).map(|(id, _)| *id).collect();
        let got: BTreeSet<ArticleId> = listed(&store, &query, Sort::Newest).into_iter().collect();
        assert_eq!(got, want, "{text}");
    }
    // The queries are not trivially empty or full.
    let sizes: Vec<usize> =
        queries.iter().map(|q| listed(&store, &Query::parse(q).expect("q"), Sort::Newest).len()).collect();
    // Three find nothing on purpose: "title:ust" (not a word's start), "rust sched", "tag:nothing-has-this".
    assert!(sizes.iter().filter(|&&n| n > 0 && n < fixtures.len()).count() >= queries.len() - 3, "{sizes:?}");
}

#[test]
fn sort_orders_list_the_same_articles_in_their_order() {
    let now = Utc::now();
    let (_dir, store, fixtures) = open(now);
    let query = Query::parse("-tag:nothing").expect("q");
    let date =
        |id: &ArticleId| fixtures.iter().find(|(i, _)| i == id).map(|(_, a)| a.clone()).expect("known");
    let newest = listed(&store, &query, Sort::Newest);
    assert!(newest.windows(2).all(|w| date(&w[0]).date >= date(&w[1]).date));
    let mut oldest = listed(&store, &query, Sort::Oldest);
    oldest.reverse();
    assert_eq!(oldest, newest);
    let unread_first = listed(&store, &query, Sort::UnreadFirst);
    let flags: Vec<bool> = unread_first.iter().map(|id| date(id).read).collect();
    assert!(flags.windows(2).all(|w| !w[0] || w[1]), "unread before read: {flags:?}");
    let by_feed: Vec<usize> = listed(&store, &query, Sort::Feed).iter().map(|id| date(id).feed).collect();
    assert!(by_feed.windows(2).all(|w| w[0] <= w[1]), "{by_feed:?}");
    // Positions follow the order: the last of the oldest-first list is the newest article.
    let filter = Filter { query: Some(query), sort: Sort::Oldest, ..Filter::default() };
    assert_eq!(store.position_of(&filter, newest[0]).expect("pos"), Some(newest.len() as u32 - 1));
}

#[test]
fn every_term_uses_an_index_where_one_exists() {
    let now = Utc::now();
    let (_dir, store, _) = open(now);
    // author: is matched on the rows the other terms leave (authors are not indexed).
    for text in [
        "tag:rust",
        "feed:alpha",
        "title:kernel",
        "kernel",
        "unread",
        "starred",
        "age:<7d",
        "since:2026-01-01",
        "has:enclosure",
        "has:fulltext",
        "tag:rust unread",
        "tag:rust OR kernel",
    ] {
        let filter = Filter { query: Some(Query::parse(text).expect(text)), ..Filter::default() };
        for plan in
            [store.explain_articles(&filter, 200).expect("plan"), store.explain_count(&filter).expect("plan")]
        {
            let full_scans: Vec<&String> = plan
                .iter()
                .filter(|l| l.trim() == "SCAN a" || l.trim().starts_with("SCAN a ") && !l.contains("USING"))
                .collect();
            assert!(full_scans.is_empty(), "{text}: a full scan of the articles in\n{}", plan.join("\n"));
            let bodies = plan.iter().any(|l| l.contains("SCAN article_bodies") && !l.contains("INDEX"));
            assert!(!bodies, "{text}: a scan of the bodies in\n{}", plan.join("\n"));
        }
    }
}

#[test]
fn hide_rules_take_articles_out_of_lists_and_counts_and_give_them_back() {
    let now = Utc::now();
    let (_dir, mut store, fixtures) = open(now);
    let counts = |store: &Store| {
        let feeds: Vec<(u32, u32)> =
            store.feeds().expect("feeds").iter().map(|f| (f.unread, f.total)).collect();
        let tags: Vec<(String, u32, u32)> =
            store.tags().expect("tags").into_iter().map(|t| (t.tag, t.unread, t.total)).collect();
        (feeds, tags, store.starred_count().expect("starred"))
    };
    let before = counts(&store);
    let rule = IgnoreRule { query: Query::parse("title:sponsored OR tag:security").expect("q"), drop: false };
    let applied = store.set_ignore_rules(std::slice::from_ref(&rule)).expect("rules");
    let hidden: Vec<&Fixture> =
        fixtures.iter().map(|(_, a)| a).filter(|a| keeps(rule.query.expr(), a, now)).collect();
    assert_eq!(applied.hidden as usize, hidden.len());
    assert!(!hidden.is_empty());
    let shown = store.articles(&Filter::default(), 0, 1000).expect("list");
    assert_eq!(shown.len(), fixtures.len() - hidden.len());
    assert!(shown.iter().all(|a| !a.title.starts_with("Sponsored")));
    // Every counter agrees with a count of what is shown.
    let (feeds, tags, starred) = counts(&store);
    for (f, (unread, total)) in feeds.iter().enumerate() {
        let of_feed: Vec<&Fixture> = fixtures
            .iter()
            .map(|(_, a)| a)
            .filter(|a| a.feed == f && !keeps(rule.query.expr(), a, now))
            .collect();
        assert_eq!(
            (*unread as usize, *total as usize),
            (of_feed.iter().filter(|a| !a.read).count(), of_feed.len())
        );
    }
    for (tag, unread, total) in &tags {
        let query = Query::parse(&format!("tag:\"{tag}\"")).expect("tag");
        let all = Filter { query: Some(query.clone()), ..Filter::default() };
        let unread_only = Filter { query: Some(query), unread_only: true, ..Filter::default() };
        assert_eq!(
            (*unread, *total),
            (store.count_articles(&unread_only).expect("n"), store.count_articles(&all).expect("n")),
            "tag {tag}"
        );
    }
    assert!(
        !tags.iter().any(|(t, ..)| t == "security"),
        "a tag whose articles are all hidden is gone: {tags:?}"
    );
    let want_starred =
        fixtures.iter().filter(|(_, a)| a.starred && !keeps(rule.query.expr(), a, now)).count();
    assert_eq!(starred as usize, want_starred);
    // Marking a hidden article read changes no count.
    let hidden_id =
        fixtures.iter().find(|(_, a)| !a.read && keeps(rule.query.expr(), a, now)).expect("one").0;
    store.set_read(&[hidden_id], true).expect("read");
    assert_eq!(counts(&store).0, feeds);
    store.set_read(&[hidden_id], false).expect("unread");
    // Giving the same rules again changes nothing; taking them away shows everything again.
    assert_eq!(store.set_ignore_rules(std::slice::from_ref(&rule)).expect("same"), Default::default());
    let applied = store.set_ignore_rules(&[]).expect("none");
    assert_eq!(applied.shown as usize, hidden.len());
    assert_eq!(counts(&store), before);
}

#[test]
fn drop_rules_delete_matches_and_keep_new_ones_out() {
    let now = Utc::now();
    let (dir, mut store, fixtures) = open(now);
    let rule = IgnoreRule { query: Query::parse("feed:alpha title:sponsored").expect("q"), drop: true };
    let applied = store.set_ignore_rules(std::slice::from_ref(&rule)).expect("rules");
    let matching: Vec<&Fixture> =
        fixtures.iter().map(|(_, a)| a).filter(|a| keeps(rule.query.expr(), a, now) && !a.starred).collect();
    assert!(!matching.is_empty());
    assert_eq!(applied.dropped as usize, matching.len());
    // Another handle (a refresh's writer) applies the recorded rule to what it saves.
    let mut writer = Store::open(&dir.path().join("byline.db")).expect("second handle");
    let feed = writer.feed_by_url(FEEDS[0].0).expect("q").expect("feed").id;
    let fresh = |key: &str, title: &str| NewArticle {
        key: key.into(),
        title: title.into(),
        published: Some(now),
        content_html: "<p>new</p>".into(),
        ..NewArticle::default()
    };
    let update = FeedUpdate {
        items: vec![fresh("n1", "Sponsored: a phone"), fresh("n2", "Rust 2.0")],
        ..FeedUpdate::default()
    };
    let stats = writer.save_feed(feed, &update).expect("save");
    assert_eq!(stats.new, 1, "the dropped article is not new");
    let titles: Vec<String> =
        store.articles(&Filter::default(), 0, 1000).expect("list").into_iter().map(|a| a.title).collect();
    assert!(titles.contains(&"Rust 2.0".to_string()));
    assert!(!titles.iter().any(|t| t.starts_with("Sponsored") && !t.contains('#')), "{titles:?}");
    let f = store.feeds().expect("feeds").into_iter().find(|f| f.id == feed).expect("feed");
    let n = store.count_articles(&Filter { feed: Some(feed), ..Filter::default() }).expect("n");
    assert_eq!(f.total, n, "the counter agrees");
}

#[test]
fn a_rule_on_state_is_applied_again_each_time_it_is_given() {
    let now = Utc::now();
    let (_dir, mut store, fixtures) = open(now);
    let rule = IgnoreRule { query: Query::parse("read title:kernel").expect("q"), drop: false };
    let first = store.set_ignore_rules(std::slice::from_ref(&rule)).expect("rules");
    assert!(first.hidden > 0);
    let (id, _) = fixtures
        .iter()
        .find(|(_, a)| !a.read && a.title.to_lowercase().contains("kernel"))
        .expect("an unread kernel article");
    store.set_read(&[*id], true).expect("read");
    // The same rules again (the next start): the article read since then is hidden now.
    let again = store.set_ignore_rules(std::slice::from_ref(&rule)).expect("rules");
    assert_eq!((again.hidden, again.shown), (1, 0));
    assert!(!store.articles(&Filter::default(), 0, 1000).expect("list").iter().any(|a| a.id == *id));
}
