//! The fetcher against a real HTTP server on 127.0.0.1: validators, statuses, redirects, and every
//! bound (time, bytes, redirects, concurrency).

use std::io::{Read, Write};
use std::time::Duration;

use byline::fetch::{FetchError, Fetched, Fetcher, Limits, Page, USER_AGENT};
use byline::serve::{Route, Server};
use byline::store::Validators;
use flate2::Compression;
use flate2::write::GzEncoder;

const FEED: &str = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><title>One</title><guid>1</guid></item></channel></rss>"#;

fn fetcher(limits: Limits) -> Fetcher {
    Fetcher::new(limits).expect("client builds")
}

fn page(result: Result<Fetched, FetchError>) -> Page {
    match result {
        Ok(Fetched::Page(page)) => page,
        other => panic!("expected a page, got {other:?}"),
    }
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}

#[tokio::test]
async fn etag_gives_not_modified_on_the_second_request() {
    let server =
        Server::start([("/feed.xml", Route::ok(FEED).content_type("application/rss+xml").etag("v1"))])
            .unwrap();
    let fetcher = fetcher(Limits::default());
    let first = page(fetcher.get(&server.url("/feed.xml"), &Validators::default()).await);
    assert_eq!(first.body, FEED.as_bytes());
    assert_eq!(first.content_type.as_deref(), Some("application/rss+xml"));
    assert_eq!(first.validators.etag.as_deref(), Some("\"v1\""));
    assert_eq!(first.final_url, server.url("/feed.xml"));
    assert_eq!(first.moved_permanently, None);

    let second = fetcher.get(&server.url("/feed.xml"), &first.validators).await;
    assert_eq!(second, Ok(Fetched::NotModified));
    assert_eq!(server.request_header("/feed.xml", "If-None-Match").as_deref(), Some("\"v1\""));
    assert_eq!(server.hits("/feed.xml"), 2);

    // A changed feed is fetched again in full.
    server.set_route("/feed.xml", Route::ok("<rss version=\"2.0\"/>").etag("v2"));
    let third = page(fetcher.get(&server.url("/feed.xml"), &first.validators).await);
    assert_eq!(third.validators.etag.as_deref(), Some("\"v2\""));
}

#[tokio::test]
async fn last_modified_gives_not_modified() {
    let date = "Tue, 24 Nov 2026 09:30:00 GMT";
    let server = Server::start([("/f", Route::ok(FEED).last_modified(date))]).unwrap();
    let fetcher = fetcher(Limits::default());
    let first = page(fetcher.get(&server.url("/f"), &Validators::default()).await);
    assert_eq!(first.validators, Validators { etag: None, last_modified: Some(date.into()) });
    assert_eq!(fetcher.get(&server.url("/f"), &first.validators).await, Ok(Fetched::NotModified));
}

#[tokio::test]
async fn sends_a_descriptive_user_agent_and_allows_another() {
    let server = Server::start([("/f", Route::ok(FEED))]).unwrap();
    page(fetcher(Limits::default()).get(&server.url("/f"), &Validators::default()).await);
    let agent = server.request_header("/f", "user-agent").unwrap();
    assert_eq!(agent, USER_AGENT);
    assert!(agent.starts_with("byline/") && agent.contains("terminal news reader"), "{agent}");

    let custom = Fetcher::with_user_agent(Limits::default(), "my-reader/1.0").unwrap();
    page(custom.get(&server.url("/f"), &Validators::default()).await);
    assert_eq!(server.request_header("/f", "user-agent").as_deref(), Some("my-reader/1.0"));
}

#[tokio::test]
async fn error_statuses_and_empty_bodies() {
    let server = Server::start([("/gone", Route::status(410)), ("/empty", Route::ok("  \n"))]).unwrap();
    let fetcher = fetcher(Limits::default());
    let none = Validators::default();
    assert_eq!(fetcher.get(&server.url("/missing"), &none).await, Err(FetchError::Status(404)));
    assert_eq!(fetcher.get(&server.url("/gone"), &none).await, Err(FetchError::Status(410)));
    assert_eq!(fetcher.get(&server.url("/empty"), &none).await, Err(FetchError::Empty));
    assert_eq!(FetchError::Status(404).to_string(), "HTTP 404");
}

#[tokio::test]
async fn a_redirect_loop_ends() {
    let server =
        Server::start([("/a", Route::redirect(302, "/b")), ("/b", Route::redirect(302, "/a"))]).unwrap();
    let limits = Limits { max_redirects: 4, ..Limits::default() };
    let result = fetcher(limits).get(&server.url("/a"), &Validators::default()).await;
    assert_eq!(result, Err(FetchError::TooManyRedirects(4)));
    // The first request and four redirects followed, then it stopped.
    assert_eq!(server.hits("/a") + server.hits("/b"), 5);
}

#[tokio::test]
async fn redirects_are_followed_within_the_limit() {
    let server = Server::start([
        ("/1", Route::redirect(302, "/2")),
        ("/2", Route::redirect(307, "/3")),
        ("/3", Route::ok(FEED)),
    ])
    .unwrap();
    let limits = Limits { max_redirects: 2, ..Limits::default() };
    let got = page(fetcher(limits).get(&server.url("/1"), &Validators::default()).await);
    assert_eq!(got.final_url, server.url("/3"));
    assert_eq!(got.moved_permanently, None, "temporary redirects are not recorded");
}

#[tokio::test]
async fn a_permanent_redirect_is_recorded() {
    let server = Server::start([
        ("/old", Route::redirect(301, "/older")),
        ("/older", Route::redirect(308, "/new")),
        ("/new", Route::ok(FEED)),
        ("/moved-then-temp", Route::redirect(301, "/temp")),
        ("/temp", Route::redirect(302, "/new")),
        ("/temp-then-moved", Route::redirect(302, "/old")),
    ])
    .unwrap();
    let fetcher = fetcher(Limits::default());
    let none = Validators::default();

    let got = page(fetcher.get(&server.url("/old"), &none).await);
    assert_eq!(got.final_url, server.url("/new"));
    assert_eq!(got.moved_permanently, Some(server.url("/new")));

    // The feed moved to /temp for good; /temp's own redirect is temporary.
    let got = page(fetcher.get(&server.url("/moved-then-temp"), &none).await);
    assert_eq!(got.moved_permanently, Some(server.url("/temp")));

    // A first hop that is temporary says nothing about the subscribed URL.
    let got = page(fetcher.get(&server.url("/temp-then-moved"), &none).await);
    assert_eq!(got.moved_permanently, None);
}

#[tokio::test]
async fn a_slow_response_times_out() {
    let server = Server::start([("/slow", Route::ok(FEED).delay(Duration::from_secs(5)))]).unwrap();
    let limits = Limits { timeout: Duration::from_secs(1), ..Limits::default() };
    let result = fetcher(limits).get(&server.url("/slow"), &Validators::default()).await;
    assert_eq!(result, Err(FetchError::Timeout(1)));
    assert_eq!(FetchError::Timeout(1).to_string(), "timed out after 1 s");
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused() {
    let big = vec![b'x'; 2 * 1024 * 1024];
    let server = Server::start([("/big", Route::ok(big))]).unwrap();
    let limits = Limits { max_body_bytes: 1024 * 1024, ..Limits::default() };
    let result = fetcher(limits).get(&server.url("/big"), &Validators::default()).await;
    assert_eq!(result, Err(FetchError::TooLarge(1024 * 1024)));
}

#[tokio::test]
async fn a_gzip_bomb_stops_at_the_limit() {
    let bomb = gzip(&vec![0u8; 50 * 1024 * 1024]);
    assert!(bomb.len() < 1024 * 1024, "the compressed body itself is under the limit");
    let server = Server::start([("/bomb", Route::ok(bomb).header("Content-Encoding", "gzip"))]).unwrap();
    let limits = Limits { max_body_bytes: 1024 * 1024, ..Limits::default() };
    let result = fetcher(limits).get(&server.url("/bomb"), &Validators::default()).await;
    assert_eq!(result, Err(FetchError::TooLarge(1024 * 1024)));
}

#[tokio::test]
async fn gzip_bodies_are_decoded() {
    let server =
        Server::start([("/f", Route::ok(gzip(FEED.as_bytes())).header("Content-Encoding", "gzip"))]).unwrap();
    let got = page(fetcher(Limits::default()).get(&server.url("/f"), &Validators::default()).await);
    assert_eq!(got.body, FEED.as_bytes());
    assert!(server.request_header("/f", "accept-encoding").unwrap().contains("gzip"));
}

#[tokio::test]
async fn connection_errors_are_one_short_line() {
    // A port that was free a moment ago: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let result =
        fetcher(Limits::default()).get(&format!("http://127.0.0.1:{port}/"), &Validators::default()).await;
    let Err(FetchError::Connect(reason)) = result else { panic!("expected a connect error, got {result:?}") };
    assert!(!reason.is_empty() && !reason.contains('\n') && reason.len() < 120, "{reason}");
    assert!(reason.to_lowercase().contains("refused"), "{reason}");
}

#[tokio::test]
async fn bad_urls_are_refused() {
    let fetcher = fetcher(Limits::default());
    let none = Validators::default();
    assert!(matches!(fetcher.get("ftp://example.com/feed", &none).await, Err(FetchError::BadUrl(_))));
    assert!(matches!(fetcher.get("http://[bad", &none).await, Err(FetchError::BadUrl(_))));
    assert!(matches!(fetcher.get("", &none).await, Err(FetchError::BadUrl(_))));
}

#[tokio::test]
async fn a_redirect_to_a_local_file_is_refused() {
    let server = Server::start([("/sneaky", Route::redirect(302, "file:///etc/passwd"))]).unwrap();
    let result = fetcher(Limits::default()).get(&server.url("/sneaky"), &Validators::default()).await;
    assert!(matches!(&result, Err(FetchError::Other(reason)) if reason.contains("file")), "{result:?}");
}

#[tokio::test]
async fn local_files_are_read_with_the_same_bound() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feed.xml");
    std::fs::write(&path, FEED).unwrap();
    let fetcher = fetcher(Limits { max_body_bytes: 100, ..Limits::default() });
    let none = Validators::default();

    let small = Fetcher::new(Limits::default()).unwrap();
    let got = page(small.get(path.to_str().unwrap(), &none).await);
    assert_eq!(got.body, FEED.as_bytes());
    let url = url::Url::from_file_path(&path).unwrap().to_string();
    assert_eq!(page(small.get(&url, &none).await).body, FEED.as_bytes());

    assert_eq!(fetcher.get(path.to_str().unwrap(), &none).await, Err(FetchError::TooLarge(100)));
    let missing = small.get(dir.path().join("nope.xml").to_str().unwrap(), &none).await;
    assert!(
        matches!(&missing, Err(FetchError::Other(reason)) if reason.contains("cannot read")),
        "{missing:?}"
    );
}

#[tokio::test]
async fn the_per_host_and_global_limits_hold() {
    let slow = Route::ok(FEED).delay(Duration::from_millis(150));
    let server = Server::start((0..6).map(|i| (format!("/f{i}"), slow.clone()))).unwrap();
    let fetcher = fetcher(Limits { per_host: 2, concurrency: 8, ..Limits::default() });
    let none = Validators::default();
    let urls: Vec<String> = (0..6).map(|i| server.url(&format!("/f{i}"))).collect();
    for result in futures_util::future::join_all(urls.iter().map(|u| fetcher.get(u, &none))).await {
        page(result);
    }
    assert!((1..=2).contains(&server.peak_in_flight()), "peak {}", server.peak_in_flight());

    // 127.0.0.1 and localhost are two hosts to the fetcher; the global limit of 1 still holds.
    let server = Server::start((0..4).map(|i| (format!("/f{i}"), slow.clone()))).unwrap();
    let port = server.base_url().rsplit(':').next().unwrap().to_string();
    let fetcher = Fetcher::new(Limits { per_host: 4, concurrency: 1, ..Limits::default() }).unwrap();
    let urls = [
        server.url("/f0"),
        server.url("/f1"),
        format!("http://localhost:{port}/f2"),
        format!("http://localhost:{port}/f3"),
    ];
    for result in futures_util::future::join_all(urls.iter().map(|u| fetcher.get(u, &none))).await {
        // localhost may resolve to ::1 first, where nothing listens; that is fine here.
        let _ = result;
    }
    assert_eq!(server.peak_in_flight(), 1);
}

/// As `byline --demo` uses it: started and dropped on a multi-threaded runtime; dropping it closes
/// the port.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_stops_when_dropped() {
    let server = Server::start([("/f", Route::ok(FEED))]).unwrap();
    let url = server.url("/f");
    let fetcher = fetcher(Limits::default());
    page(fetcher.get(&url, &Validators::default()).await);
    drop(server);
    let result = fetcher.get(&url, &Validators::default()).await;
    assert!(matches!(result, Err(FetchError::Connect(_))), "{result:?}");
}

/// The server is usable from plain synchronous code: no runtime in this test.
#[test]
fn the_server_works_without_a_runtime() {
    let server =
        Server::start([("/f", Route::ok("hello").etag("abc")), ("/r", Route::redirect(308, "/f"))]).unwrap();
    let exchange = |request: &str| {
        let address = server.base_url().trim_start_matches("http://").to_string();
        let mut stream = std::net::TcpStream::connect(address).unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        response
    };
    let ok = exchange("GET /f HTTP/1.1\r\nHost: x\r\n\r\n");
    assert!(ok.starts_with("HTTP/1.1 200 OK\r\n"), "{ok}");
    assert!(ok.contains("ETag: \"abc\"\r\n") && ok.ends_with("\r\n\r\nhello"), "{ok}");

    let not_modified = exchange("GET /f HTTP/1.1\r\nIf-None-Match: W/\"abc\"\r\n\r\n");
    assert!(not_modified.starts_with("HTTP/1.1 304 Not Modified\r\n") && not_modified.ends_with("\r\n\r\n"));

    let moved = exchange("GET /r?x=1 HTTP/1.1\r\n\r\n");
    assert!(
        moved.starts_with("HTTP/1.1 308 Permanent Redirect\r\n") && moved.contains("Location: /f\r\n"),
        "{moved}"
    );
    assert_eq!(server.hits("/r?x=1"), 1);

    let head = exchange("HEAD /f HTTP/1.1\r\n\r\n");
    assert!(head.contains("Content-Length: 5\r\n") && head.ends_with("\r\n\r\n"), "{head}");
}
