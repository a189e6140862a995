//! What servers say about coming back, end to end: the real binary against the loopback server,
//! counting the requests it saw; the store's fetch targets say what the periodic refresh would do.

mod support;

use std::time::{Duration, Instant};

use byline::fetch::{Fetcher, Limits};
use byline::serve::Route;
use byline::store::{FetchTarget, Store, Validators};
use chrono::Utc;
use support::cli::Env;

const FEED: &str = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Polite</title>\
    <link>https://polite.example/</link><item><title>One</title><guid>one</guid></item></channel></rss>";

fn one_feed(route: Route) -> Env {
    Env::new(vec![("/feed.xml", route)], &[("/feed.xml", &[])])
}

/// The feed's fetch target as the periodic refresh would read it.
fn target(env: &Env) -> FetchTarget {
    let store = Store::open(&env.dir.path().join("byline.db")).expect("open store");
    store.fetch_targets(&[env.url("/feed.xml")]).expect("targets").remove(0)
}

fn hits(env: &Env) -> usize {
    env.server.hits("/feed.xml")
}

#[test]
fn too_many_requests_with_retry_after_is_not_asked_again_until_then() {
    let env = one_feed(Route::status(429).header("Retry-After", "120"));
    let url = env.url("/feed.xml");
    let first = env.ok(&["refresh"]);
    assert_eq!(hits(&env), 1);
    let line =
        first.stderr.lines().find(|l| l.starts_with(&format!("error: {url}: "))).expect("an error line");
    assert!(line.contains("rate limited until "), "{line}");
    assert!(first.stdout.contains("1 failed"), "{}", first.stdout);

    let second = env.ok(&["refresh"]);
    assert_eq!(hits(&env), 1, "asked again before Retry-After");
    assert!(second.stderr.contains(&format!("note: {url}: rate limited until ")), "{}", second.stderr);
    // Naming the feed does not get past Retry-After either; neither does the periodic refresh.
    env.ok(&["refresh", "--feed", &url]);
    assert_eq!(hits(&env), 1);
    assert!(!target(&env).is_due(Utc::now(), 0));
    assert!(target(&env).is_due(Utc::now() + chrono::Duration::seconds(121), 0));

    let feeds = env.ok(&["feeds"]);
    assert!(feeds.stdout.contains("! rate limited until "), "{}", feeds.stdout);
    assert!(!feeds.stdout.contains("HTTP 429"), "{}", feeds.stdout);

    env.ok(&["refresh", "--force"]);
    assert_eq!(hits(&env), 2, "--force asks anyway");
}

#[test]
fn service_unavailable_with_an_http_date_waits_for_that_date() {
    let until = Utc::now() + chrono::Duration::hours(1);
    let date = until.format("%a, %d %b %Y %H:%M:%S GMT").to_string();
    let env = one_feed(Route::status(503).header("Retry-After", &date));
    env.ok(&["refresh"]);
    let second = env.ok(&["refresh"]);
    assert_eq!(hits(&env), 1);
    // "HH:MM", with the date before it when that is not today.
    let local = until.with_timezone(&chrono::Local).format("%H:%M").to_string();
    let line = second.stderr.lines().find(|l| l.contains("rate limited until ")).expect("a note");
    assert!(line.ends_with(&local), "{local}: {line}");
    let retry_at = target(&env).schedule.retry_at.expect("retry_at stored");
    assert!((retry_at - until).num_seconds().abs() <= 1, "{retry_at} vs {until}");
}

#[test]
fn rate_limited_without_retry_after_is_an_ordinary_failure() {
    let env = one_feed(Route::status(503));
    let first = env.ok(&["refresh"]);
    assert!(first.stderr.contains("HTTP 503"), "{}", first.stderr);
    assert_eq!(target(&env).schedule.failures, 1);
    assert_eq!(target(&env).schedule.retry_at, None);
    // A refresh by hand still asks a failing feed; the periodic one backs off.
    env.ok(&["refresh"]);
    assert_eq!(hits(&env), 2);
    let failing = target(&env);
    assert_eq!(failing.schedule.failures, 2);
    let last = failing.schedule.last_fetched.expect("attempted");
    // Two failures on a 15-minute floor: 30 minutes.
    assert!(!failing.is_due(last + chrono::Duration::minutes(29), 0));
    assert!(failing.is_due(last + chrono::Duration::minutes(30), 0));

    // A success resets the count.
    env.server.set_route("/feed.xml", Route::ok(FEED).content_type("application/rss+xml"));
    env.ok(&["refresh"]);
    assert_eq!(target(&env).schedule.failures, 0);
    assert!(target(&env).is_due(Utc::now(), 0));
}

#[test]
fn a_gone_feed_is_marked_hinted_and_left_alone() {
    let env = one_feed(Route::status(410));
    let url = env.url("/feed.xml");
    let first = env.ok(&["refresh"]);
    let expected = format!(
        "error: {url}: gone (HTTP 410): the site removed this feed; remove it with `byline remove {url}`"
    );
    assert!(first.stderr.lines().any(|l| l == expected), "{}", first.stderr);
    assert!(target(&env).schedule.gone);
    assert!(!target(&env).is_due(Utc::now() + chrono::Duration::days(365), 0), "periodic refresh skips it");

    let all = env.ok(&["refresh"]);
    assert_eq!(hits(&env), 1, "a refresh of every feed skips a gone one");
    assert!(all.stderr.contains(&format!("note: {url}: gone (HTTP 410)")), "{}", all.stderr);
    let feeds = env.ok(&["feeds"]);
    assert!(feeds.stdout.contains("the site removed this feed"), "{}", feeds.stdout);

    // By name it is tried; when it is back, it is no longer gone.
    env.ok(&["refresh", "--feed", &url]);
    assert_eq!(hits(&env), 2);
    env.server.set_route("/feed.xml", Route::ok(FEED).content_type("application/rss+xml"));
    env.ok(&["refresh", "--feed", &url]);
    assert!(!target(&env).schedule.gone);
    env.ok(&["refresh"]);
    assert_eq!(hits(&env), 4);
}

#[test]
fn max_age_holds_back_only_the_periodic_refresh() {
    let route = Route::ok(FEED)
        .content_type("application/rss+xml")
        .etag("v1")
        .header("Cache-Control", "max-age=3600");
    let env = one_feed(route);
    env.ok(&["refresh"]);
    let fresh = target(&env);
    let fetched = fresh.schedule.last_fetched.expect("fetched");
    assert!(!fresh.is_due(Utc::now(), 0), "fresh for an hour: {:?}", fresh.schedule);
    assert!(fresh.is_due(fetched + chrono::Duration::seconds(3601), 0));
    // By hand it is fetched all the same (a 304 here), and the 304's max-age holds again.
    let second = env.ok(&["refresh"]);
    assert_eq!(hits(&env), 2);
    assert!(second.stdout.contains("1 unchanged"), "{}", second.stdout);
    assert!(!target(&env).is_due(Utc::now(), 0));
}

#[test]
fn no_cache_gives_no_hint_and_an_absurd_max_age_is_capped_at_a_day() {
    let env = one_feed(Route::ok(FEED).header("Cache-Control", "no-cache, max-age=3600"));
    env.ok(&["refresh"]);
    assert_eq!(target(&env).schedule.fresh_until, None);
    env.server.set_route("/feed.xml", Route::ok(FEED).header("Cache-Control", "max-age=99999999"));
    env.ok(&["refresh"]);
    let capped = target(&env).schedule;
    let fresh_for = capped.fresh_until.expect("hint") - capped.last_fetched.expect("fetched");
    assert!(fresh_for <= chrono::Duration::days(1) + chrono::Duration::seconds(1), "{fresh_for}");
}

#[test]
fn the_documents_ttl_holds_back_the_periodic_refresh_even_after_a_304() {
    let with_ttl = FEED.replace("<link>", "<ttl>120</ttl><link>");
    let env = one_feed(Route::ok(with_ttl).content_type("application/rss+xml").etag("v1"));
    env.ok(&["refresh"]);
    let first = target(&env);
    assert_eq!(first.feed_hint, Some(chrono::Duration::minutes(120)));
    let fresh_for = first.schedule.fresh_until.expect("hint") - first.schedule.last_fetched.expect("fetched");
    assert_eq!(fresh_for, chrono::Duration::minutes(120));
    // The 304 has no document: the remembered ttl still counts.
    env.ok(&["refresh"]);
    assert_eq!(hits(&env), 2);
    let after = target(&env);
    assert!(after.schedule.fresh_until.is_some());
    assert!(!after.is_due(Utc::now() + chrono::Duration::minutes(100), 0));
}

#[test]
fn requests_to_one_host_are_spaced_when_configured() {
    let env = Env::new(
        vec![("/a.xml", Route::ok(FEED)), ("/b.xml", Route::ok(FEED)), ("/c.xml", Route::ok(FEED))],
        &[("/a.xml", &[]), ("/b.xml", &[]), ("/c.xml", &[])],
    );
    let config = env.dir.path().join("config.toml");
    let text = std::fs::read_to_string(&config).expect("config");
    std::fs::write(&config, format!("{text}host_spacing_ms = 200\n")).expect("write config");
    let start = Instant::now();
    env.ok(&["refresh"]);
    // Three requests, two gaps. Only a lower bound: a busy machine is slower, never faster.
    assert!(start.elapsed() >= Duration::from_millis(400), "{:?}", start.elapsed());
    assert_eq!(env.server.hits("/a.xml") + env.server.hits("/b.xml") + env.server.hits("/c.xml"), 3);
}

#[tokio::test]
async fn the_fetcher_spaces_requests_to_one_host() {
    let server = byline::serve::Server::start([("/f", Route::ok(FEED))]).expect("server");
    let limits = Limits { host_spacing: Duration::from_millis(200), per_host: 4, ..Limits::default() };
    let fetcher = Fetcher::new(limits).expect("fetcher");
    let (url, none) = (server.url("/f"), Validators::default());
    let start = Instant::now();
    let gets = (0..3).map(|_| fetcher.get(&url, &none));
    let results = futures_util::future::join_all(gets).await;
    assert!(results.iter().all(Result::is_ok), "{results:?}");
    assert!(start.elapsed() >= Duration::from_millis(400), "{:?}", start.elapsed());
    assert_eq!(server.hits("/f"), 3);
}
