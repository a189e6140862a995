//! A small HTTP/1.1 server on 127.0.0.1 that answers fixed routes: what the tests fetch from, and
//! what `byline --demo` serves its sample feeds with, so neither ever touches the internet.
//!
//! It runs on its own thread with its own runtime, so it works from a plain `#[test]` as well as from
//! inside a tokio runtime, and stops when the [`Server`] is dropped. One request per connection
//! (`Connection: close`); the request body, if any, is ignored.

use std::collections::HashMap;
use std::io;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Duration;

use chrono::DateTime;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;

/// The longest request head (request line and headers) the server reads.
const MAX_HEAD: usize = 16 * 1024;

/// What the server answers on one path.
#[derive(Debug, Clone)]
pub struct Route {
    status: u16,
    headers: Vec<(String, String)>,
    body: Arc<Vec<u8>>,
    delay: Option<Duration>,
    etag: Option<String>,
    last_modified: Option<String>,
}

impl Route {
    /// 200 with this body.
    pub fn ok(body: impl Into<Vec<u8>>) -> Route {
        Route::status(200).body(body)
    }

    /// This status with an empty body.
    pub fn status(status: u16) -> Route {
        Route {
            status,
            headers: Vec::new(),
            body: Arc::new(Vec::new()),
            delay: None,
            etag: None,
            last_modified: None,
        }
    }

    /// A redirect (301, 302, 303, 307 or 308) to `location`, which may be relative.
    pub fn redirect(status: u16, location: &str) -> Route {
        Route::status(status).header("Location", location)
    }

    /// Replaces the body. It is sent as given: with a `Content-Encoding` header it must already be
    /// encoded that way.
    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Route {
        self.body = Arc::new(body.into());
        self
    }

    /// Adds a response header.
    pub fn header(mut self, name: &str, value: &str) -> Route {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    pub fn content_type(self, value: &str) -> Route {
        self.header("Content-Type", value)
    }

    /// Sends this ETag and answers a matching `If-None-Match` with 304. Quotes are added if missing.
    pub fn etag(mut self, etag: &str) -> Route {
        let quoted = etag.starts_with('"') || etag.starts_with("W/");
        self.etag = Some(if quoted { etag.to_string() } else { format!("\"{etag}\"") });
        self
    }

    /// Sends this `Last-Modified` (an HTTP date) and answers an `If-Modified-Since` at or after it
    /// with 304.
    pub fn last_modified(mut self, http_date: &str) -> Route {
        self.last_modified = Some(http_date.to_string());
        self
    }

    /// Waits this long after sending the headers before sending the body: a slow server.
    pub fn delay(mut self, delay: Duration) -> Route {
        self.delay = Some(delay);
        self
    }

    /// Whether the request's validators still hold (RFC 9110: If-None-Match wins over
    /// If-Modified-Since).
    fn not_modified(&self, request: &Request) -> bool {
        if !(200..300).contains(&self.status) {
            return false;
        }
        if let Some(tags) = request.header("if-none-match") {
            return self.etag.as_deref().is_some_and(|etag| etag_listed(tags, etag));
        }
        match (request.header("if-modified-since"), &self.last_modified) {
            (Some(since), Some(modified)) => match (http_date(since), http_date(modified)) {
                (Some(since), Some(modified)) => modified <= since,
                _ => since == modified,
            },
            _ => false,
        }
    }
}

/// Weak comparison of an entity tag against an If-None-Match list.
fn etag_listed(list: &str, etag: &str) -> bool {
    let opaque = |tag: &str| tag.trim().trim_start_matches("W/").to_string();
    list.trim() == "*" || list.split(',').any(|tag| opaque(tag) == opaque(etag))
}

fn http_date(text: &str) -> Option<DateTime<chrono::FixedOffset>> {
    DateTime::parse_from_rfc2822(text.trim()).ok()
}

/// State shared between the [`Server`] handle and its connections.
#[derive(Default)]
struct Shared {
    routes: Mutex<HashMap<String, Route>>,
    hits: Mutex<HashMap<String, usize>>,
    /// Headers of the latest request to each path, names in lower case.
    last_headers: Mutex<HashMap<String, Vec<(String, String)>>>,
    in_flight: AtomicUsize,
    peak_in_flight: AtomicUsize,
}

/// Locks a mutex even if a connection task panicked while holding it: the maps stay usable.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A running server. Dropping it stops the server.
pub struct Server {
    addr: SocketAddr,
    shared: Arc<Shared>,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    /// Binds 127.0.0.1 on a free port and serves `routes` (path, optionally with its query, to
    /// route) from a background thread. Unknown paths get 404.
    pub fn start<P: Into<String>>(routes: impl IntoIterator<Item = (P, Route)>) -> io::Result<Server> {
        Server::start_on(std::net::Ipv4Addr::LOCALHOST, routes)
    }

    /// Like [`Server::start`] on another loopback address: every 127.x.y.z is this machine, so
    /// several servers simulate several hosts.
    pub fn start_on<P: Into<String>>(
        ip: std::net::Ipv4Addr,
        routes: impl IntoIterator<Item = (P, Route)>,
    ) -> io::Result<Server> {
        let shared = Arc::new(Shared::default());
        lock(&shared.routes).extend(routes.into_iter().map(|(path, route)| (path.into(), route)));

        let listener = std::net::TcpListener::bind((ip, 0))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;

        // The runtime is built, run and dropped on the server's thread only: dropping a runtime
        // inside another one's async context would panic.
        let (stop, stopped) = oneshot::channel();
        let (ready, started) = std::sync::mpsc::channel();
        let state = Arc::clone(&shared);
        let thread = std::thread::Builder::new().name("byline-serve".into()).spawn(move || {
            let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
                Ok(runtime) => runtime,
                Err(e) => {
                    let _ = ready.send(Err(e));
                    return;
                }
            };
            runtime.block_on(async move {
                match TcpListener::from_std(listener) {
                    Ok(listener) => {
                        let _ = ready.send(Ok(()));
                        accept_loop(listener, state, stopped).await;
                    }
                    Err(e) => {
                        let _ = ready.send(Err(e));
                    }
                }
            });
        })?;
        started.recv().unwrap_or_else(|_| Err(io::Error::other("the server thread ended at start")))?;
        Ok(Server { addr, shared, stop: Some(stop), thread: Some(thread) })
    }

    /// `http://IP:PORT`, without a trailing slash.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The absolute URL of `path` (`/feed.xml`, or `feed.xml`).
    pub fn url(&self, path: &str) -> String {
        format!("{}/{}", self.base_url(), path.trim_start_matches('/'))
    }

    /// Adds or replaces the route of `path` while the server runs.
    pub fn set_route(&self, path: &str, route: Route) {
        lock(&self.shared.routes).insert(path.to_string(), route);
    }

    /// How many requests reached `path` (with its query if it had one), routed or not.
    pub fn hits(&self, path: &str) -> usize {
        lock(&self.shared.hits).get(path).copied().unwrap_or(0)
    }

    /// The most requests that were being answered at the same time: shows whether a client kept
    /// to its concurrency limits.
    pub fn peak_in_flight(&self) -> usize {
        self.shared.peak_in_flight.load(Ordering::SeqCst)
    }

    /// The value of header `name` (any case) in the latest request to `path`.
    pub fn request_header(&self, path: &str, name: &str) -> Option<String> {
        let name = name.to_ascii_lowercase();
        let requests = lock(&self.shared.last_headers);
        let headers = requests.get(path)?;
        headers.iter().find(|(n, _)| *n == name).map(|(_, value)| value.clone())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        // Dropping the runtime inside the thread cancels connections still being served.
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

async fn accept_loop(listener: TcpListener, shared: Arc<Shared>, mut stopped: oneshot::Receiver<()>) {
    loop {
        tokio::select! {
            _ = &mut stopped => return,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => drop(tokio::spawn(serve_connection(stream, Arc::clone(&shared)))),
                // Out of file descriptors, say: let connections finish instead of spinning.
                Err(_) => tokio::time::sleep(Duration::from_millis(10)).await,
            }
        }
    }
}

/// A parsed request head.
struct Request {
    method: String,
    target: String,
    /// Names in lower case.
    headers: Vec<(String, String)>,
}

impl Request {
    fn parse(head: &str) -> Option<Request> {
        let mut lines = head.split("\r\n");
        let mut parts = lines.next()?.split_ascii_whitespace();
        let method = parts.next()?.to_string();
        let target = parts.next()?.to_string();
        let headers = lines
            .filter_map(|line| line.split_once(':'))
            .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_string()))
            .collect();
        Some(Request { method, target, headers })
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, value)| value.as_str())
    }
}

async fn serve_connection(mut stream: TcpStream, shared: Arc<Shared>) {
    let Some(request) = read_head(&mut stream).await.and_then(|head| Request::parse(&head)) else {
        let _ = respond(&mut stream, 400, &[], Body::Bytes(&[]), None).await;
        return;
    };

    let now = shared.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    shared.peak_in_flight.fetch_max(now, Ordering::SeqCst);
    answer(&mut stream, &shared, &request).await;
    shared.in_flight.fetch_sub(1, Ordering::SeqCst);
}

async fn answer(stream: &mut TcpStream, shared: &Shared, request: &Request) {
    *lock(&shared.hits).entry(request.target.clone()).or_default() += 1;
    lock(&shared.last_headers).insert(request.target.clone(), request.headers.clone());

    let route = {
        let routes = lock(&shared.routes);
        let path = request.target.split('?').next().unwrap_or_default();
        routes.get(&request.target).or_else(|| routes.get(path)).cloned()
    };
    let Some(route) = route else {
        let _ = respond(stream, 404, &[], Body::Bytes(b"not found\n"), None).await;
        return;
    };

    let mut headers = route.headers.clone();
    if let Some(etag) = &route.etag {
        headers.push(("ETag".into(), etag.clone()));
    }
    if let Some(modified) = &route.last_modified {
        headers.push(("Last-Modified".into(), modified.clone()));
    }
    let (status, body) =
        if route.not_modified(request) { (304, &[][..]) } else { (route.status, route.body.as_slice()) };
    let body = if request.method == "HEAD" { Body::LengthOnly(body.len()) } else { Body::Bytes(body) };
    // A client that gave up (a timeout test) closes the socket: nothing to do about it.
    let _ = respond(stream, status, &headers, body, route.delay).await;
}

/// Reads up to the blank line that ends the request head.
async fn read_head(stream: &mut TcpStream) -> Option<String> {
    let mut head = Vec::with_capacity(1024);
    let mut buf = [0u8; 2048];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut buf).await.ok()?;
        if n == 0 || head.len() + n > MAX_HEAD {
            return None;
        }
        head.extend_from_slice(&buf[..n]);
    }
    String::from_utf8(head).ok()
}

/// What follows the head: the body, or for HEAD only its length.
enum Body<'a> {
    Bytes(&'a [u8]),
    LengthOnly(usize),
}

async fn respond(
    stream: &mut TcpStream,
    status: u16,
    headers: &[(String, String)],
    body: Body<'_>,
    delay: Option<Duration>,
) -> io::Result<()> {
    let (length, body) = match body {
        Body::Bytes(bytes) => (bytes.len(), bytes),
        Body::LengthOnly(length) => (length, &[][..]),
    };
    let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!("Content-Length: {length}\r\nConnection: close\r\n\r\n"));
    stream.write_all(head.as_bytes()).await?;
    stream.flush().await?;
    if let Some(delay) = delay {
        tokio::time::sleep(delay).await;
    }
    stream.write_all(body).await?;
    stream.shutdown().await
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        410 => "Gone",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn etag_lists_compare_weakly() {
        assert!(etag_listed("\"a\", W/\"b\"", "\"b\""));
        assert!(etag_listed("*", "\"x\""));
        assert!(!etag_listed("\"a\"", "\"b\""));
    }

    #[test]
    fn if_modified_since_compares_dates() {
        let route = Route::ok("x").last_modified("Tue, 10 Nov 2026 08:00:00 GMT");
        let request = |since: &str| Request {
            method: "GET".into(),
            target: "/".into(),
            headers: vec![("if-modified-since".into(), since.into())],
        };
        assert!(route.not_modified(&request("Tue, 10 Nov 2026 08:00:00 GMT")));
        assert!(route.not_modified(&request("Wed, 11 Nov 2026 08:00:00 GMT")));
        assert!(!route.not_modified(&request("Mon, 09 Nov 2026 08:00:00 GMT")));
    }
}
