//! The real feed servers of ../shared/servers (FreshRSS, Tiny Tiny RSS) for the sync tests, and
//! a byline home that syncs with one. Each test starts its server afresh (a second or three)
//! and holds a lock, so tests of one server never share its state.
//!
//! The checks of the server's state go through its own API, not through byline.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, MutexGuard};

use serde_json::{Value, json};

pub use super::cli::Run;

/// The folder of the server scripts: $BYLINE_SERVERS, else ../shared/servers.
fn servers_dir() -> PathBuf {
    let dir = std::env::var_os("BYLINE_SERVERS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/servers"));
    assert!(
        dir.join("freshrss/setup.sh").exists(),
        "no server scripts in {} (set BYLINE_SERVERS)",
        dir.display()
    );
    dir
}

fn script(server: &str, verb: &str) -> std::process::Output {
    Command::new("bash")
        .arg(servers_dir().join(server).join("setup.sh"))
        .arg(verb)
        .output()
        .unwrap_or_else(|e| panic!("{server} setup.sh {verb}: {e}"))
}

fn script_ok(server: &str, verb: &str) {
    let out = script(server, verb);
    assert!(
        out.status.success(),
        "{server} setup.sh {verb} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The `export NAME=value` lines a setup script wrote.
fn read_env(path: &Path) -> HashMap<String, String> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter_map(|l| l.strip_prefix("export "))
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn tmp() -> PathBuf {
    std::env::var_os("TMPDIR").map_or_else(|| PathBuf::from("/tmp"), PathBuf::from)
}

fn block_on<T>(f: impl std::future::Future<Output = T>) -> T {
    let _ = rustls::crypto::ring::default_provider().install_default();
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime").block_on(f)
}

/// An RSS document with these (guid, title) items, newest first.
pub fn rss(title: &str, base: &str, items: &[(&str, &str)]) -> String {
    let now = chrono::Utc::now();
    let items: String = items
        .iter()
        .enumerate()
        .map(|(i, (guid, item))| {
            let date = (now - chrono::Duration::minutes(i as i64)).to_rfc2822();
            format!(
                "<item><title>{item}</title><link>{base}/{guid}.html</link><guid isPermaLink=\"false\">{guid}</guid>\
                 <pubDate>{date}</pubDate><description>&lt;p&gt;Body of {item}&lt;/p&gt;</description></item>\n"
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>{title}</title><link>{base}/</link>\n{items}</channel></rss>\n"
    )
}

/// What the tests need of a server, the same for both protocols.
pub trait Remote {
    fn service(&self) -> &'static str;
    /// The `url` byline is configured with.
    fn sync_url(&self) -> String;
    fn user(&self) -> String;
    fn password(&self) -> String;
    /// Where the server fetches the feed file `name` from.
    fn feed_url(&self, name: &str) -> String;
    fn feeds_dir(&self) -> PathBuf;
    /// Makes the server fetch its feeds now.
    fn fetch(&self);
    /// Titles of the unread and of the starred articles, as the server's API lists them.
    fn unread_titles(&self) -> BTreeSet<String>;
    fn starred_titles(&self) -> BTreeSet<String>;
    /// Marks the article with this title read or starred on the server (as a phone would).
    fn set_on_server(&self, title: &str, read: Option<bool>, starred: Option<bool>);
    /// The subscriptions: URL and folders.
    fn subscriptions(&self) -> BTreeMap<String, Vec<String>>;
    /// Subscribes on the server directly (in `folder`).
    fn subscribe_on_server(&self, url: &str, folder: &str);

    /// Writes a feed file for the server to fetch. A rewrite moves its modification time on by
    /// two seconds: the static server's Last-Modified has whole seconds, and a rewrite within
    /// the same second would be answered 304.
    fn write_feed(&self, name: &str, title: &str, items: &[(&str, &str)]) {
        let base = self.feed_url(name).trim_end_matches(".xml").to_string();
        let path = self.feeds_dir().join(name);
        let before = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
        std::fs::write(&path, rss(title, &base, items)).expect("write feed");
        if let Some(before) = before {
            let later = before.max(std::time::SystemTime::now()) + std::time::Duration::from_secs(2);
            std::fs::File::options()
                .write(true)
                .open(&path)
                .and_then(|f| f.set_modified(later))
                .expect("set mtime");
        }
    }
}

// FreshRSS -------------------------------------------------------------------------------------

static FRESHRSS: Mutex<()> = Mutex::new(());

pub struct FreshRss {
    env: HashMap<String, String>,
    auth: String,
    _turn: MutexGuard<'static, ()>,
}

impl FreshRss {
    /// Starts a fresh FreshRSS (wiping the last one) and logs in to its API.
    pub fn start() -> FreshRss {
        let turn = FRESHRSS.lock().unwrap_or_else(|p| p.into_inner());
        script_ok("freshrss", "start");
        let dir =
            std::env::var_os("FRESHRSS_DIR").map_or_else(|| tmp().join("byline-freshrss"), PathBuf::from);
        let env = read_env(&dir.join("run/env"));
        let mut server = FreshRss { env, auth: String::new(), _turn: turn };
        let form = [("Email", server.user()), ("Passwd", server.password())];
        let text = block_on(async {
            let url = format!("{}/accounts/ClientLogin", server.env["FRESHRSS_GREADER_URL"]);
            reqwest::Client::new()
                .post(url)
                .body(encode(&form))
                .header("content-type", "application/x-www-form-urlencoded")
                .send()
                .await?
                .text()
                .await
        })
        .expect("login");
        server.auth = text.lines().find_map(|l| l.strip_prefix("Auth=")).expect("Auth=").to_string();
        server
    }

    pub fn pause(&self) {
        script_ok("freshrss", "pause");
    }

    pub fn resume(&self) {
        script_ok("freshrss", "resume");
    }

    fn get(&self, path: &str) -> Value {
        let url = format!("{}/reader/api/0/{path}", self.env["FRESHRSS_GREADER_URL"]);
        block_on(async {
            let reply = reqwest::Client::new()
                .get(url)
                .header("Authorization", format!("GoogleLogin auth={}", self.auth))
                .send()
                .await?;
            reply.text().await
        })
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_else(|| panic!("GET {path}: no JSON"))
    }

    fn post(&self, path: &str, form: &[(&str, String)]) -> String {
        let url = format!("{}/reader/api/0/{path}", self.env["FRESHRSS_GREADER_URL"]);
        let mut form = form.to_vec();
        form.push(("T", "x".to_string()));
        block_on(async {
            reqwest::Client::new()
                .post(url)
                .header("Authorization", format!("GoogleLogin auth={}", self.auth))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(encode(&form))
                .send()
                .await?
                .text()
                .await
        })
        .unwrap_or_else(|e| panic!("POST {path}: {e}"))
    }

    /// Titles and long ids of a stream's items.
    fn items(&self, stream: &str, query: &str) -> Vec<(String, String)> {
        let page = self.get(&format!("stream/contents/{stream}?n=5000&output=json{query}"));
        page["items"]
            .as_array()
            .map(|items| {
                items
                    .iter()
                    .map(|i| {
                        (
                            i["title"].as_str().unwrap_or_default().to_string(),
                            i["id"].as_str().unwrap_or_default().to_string(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    fn titles(&self, stream: &str, exclude_read: bool) -> BTreeSet<String> {
        let query = if exclude_read { "&xt=user/-/state/com.google/read" } else { "" };
        self.items(stream, query).into_iter().map(|(t, _)| t).collect()
    }
}

fn encode(pairs: &[(&str, String)]) -> String {
    let mut s = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        s.append_pair(k, v);
    }
    s.finish()
}

impl Remote for FreshRss {
    fn service(&self) -> &'static str {
        "greader"
    }
    fn sync_url(&self) -> String {
        self.env["FRESHRSS_GREADER_URL"].clone()
    }
    fn user(&self) -> String {
        self.env["FRESHRSS_USER"].clone()
    }
    fn password(&self) -> String {
        self.env["FRESHRSS_API_PASSWORD"].clone()
    }
    fn feed_url(&self, name: &str) -> String {
        format!("{}/{name}", self.env["FRESHRSS_FEED_BASE"])
    }
    fn feeds_dir(&self) -> PathBuf {
        PathBuf::from(&self.env["FRESHRSS_FEEDS_DIR"])
    }
    fn fetch(&self) {
        // Exits 1 when no feed changed: not a failure here.
        script("freshrss", "actualize");
    }
    fn unread_titles(&self) -> BTreeSet<String> {
        self.titles("user/-/state/com.google/reading-list", true)
    }
    fn starred_titles(&self) -> BTreeSet<String> {
        self.titles("user/-/state/com.google/starred", false)
    }
    fn set_on_server(&self, title: &str, read: Option<bool>, starred: Option<bool>) {
        let items = self.items("user/-/state/com.google/reading-list", "");
        let id = items
            .iter()
            .find(|(t, _)| t == title)
            .map(|(_, id)| id.clone())
            .unwrap_or_else(|| panic!("no {title} on the server"));
        for (set, state) in [(read, "read"), (starred, "starred")] {
            if let Some(on) = set {
                let verb = if on { "a" } else { "r" };
                let said = self.post(
                    "edit-tag",
                    &[("i", id.clone()), (verb, format!("user/-/state/com.google/{state}"))],
                );
                assert_eq!(said.trim(), "OK");
            }
        }
    }
    fn subscriptions(&self) -> BTreeMap<String, Vec<String>> {
        let list = self.get("subscription/list?output=json");
        list["subscriptions"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|s| {
                let folders = s["categories"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|c| c["label"].as_str().map(String::from))
                    .collect();
                (s["url"].as_str().unwrap_or_default().to_string(), folders)
            })
            .collect()
    }
    fn subscribe_on_server(&self, url: &str, folder: &str) {
        let said = self.post(
            "subscription/edit",
            &[
                ("ac", "subscribe".into()),
                ("s", format!("feed/{url}")),
                ("a", format!("user/-/label/{folder}")),
            ],
        );
        assert_eq!(said.trim(), "OK", "subscribe {url}");
    }
}

// Tiny Tiny RSS --------------------------------------------------------------------------------

static TTRSS: Mutex<()> = Mutex::new(());

pub struct TtRss {
    env: HashMap<String, String>,
    sid: String,
    _turn: MutexGuard<'static, ()>,
}

impl TtRss {
    pub fn start() -> TtRss {
        let turn = TTRSS.lock().unwrap_or_else(|p| p.into_inner());
        script_ok("ttrss", "start");
        let dir = std::env::var_os("TTRSS_STATE").map_or_else(|| tmp().join("byline-ttrss"), PathBuf::from);
        let env = read_env(&dir.join("env"));
        let mut server = TtRss { env, sid: String::new(), _turn: turn };
        let login = server.call(json!({"op": "login", "user": server.user(), "password": server.password()}));
        server.sid = login["session_id"].as_str().expect("session_id").to_string();
        server
    }

    fn call(&self, mut body: Value) -> Value {
        if !self.sid.is_empty() {
            body["sid"] = Value::String(self.sid.clone());
        }
        let url = self.env["TTRSS_API_URL"].clone();
        let text = block_on(async {
            reqwest::Client::new()
                .post(url)
                .header("user-agent", "byline-tests")
                .body(body.to_string())
                .send()
                .await?
                .text()
                .await
        })
        .unwrap_or_else(|e| panic!("TT-RSS {body}: {e}"));
        let answer: Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("TT-RSS {body}: {e}: {text}"));
        assert_eq!(answer["status"], 0, "TT-RSS {body}: {answer}");
        answer["content"].clone()
    }

    fn headlines(&self, view_mode: &str) -> Vec<Value> {
        let rows =
            self.call(json!({"op": "getHeadlines", "feed_id": -4, "view_mode": view_mode, "limit": 200}));
        rows.as_array().cloned().unwrap_or_default()
    }

    fn titles(&self, view_mode: &str) -> BTreeSet<String> {
        self.headlines(view_mode).iter().filter_map(|h| h["title"].as_str().map(String::from)).collect()
    }
}

impl Remote for TtRss {
    fn service(&self) -> &'static str {
        "ttrss"
    }
    fn sync_url(&self) -> String {
        self.env["TTRSS_URL"].clone()
    }
    fn user(&self) -> String {
        self.env["TTRSS_USER"].clone()
    }
    fn password(&self) -> String {
        self.env["TTRSS_PASSWORD"].clone()
    }
    fn feed_url(&self, name: &str) -> String {
        format!("{}/{name}", self.env["TTRSS_FEED_BASE"])
    }
    fn feeds_dir(&self) -> PathBuf {
        PathBuf::from(&self.env["TTRSS_FEEDS_DIR"])
    }
    fn fetch(&self) {
        script_ok("ttrss", "update");
    }
    fn unread_titles(&self) -> BTreeSet<String> {
        self.titles("unread")
    }
    fn starred_titles(&self) -> BTreeSet<String> {
        self.titles("marked")
    }
    fn set_on_server(&self, title: &str, read: Option<bool>, starred: Option<bool>) {
        let all = self.headlines("all_articles");
        let id = all
            .iter()
            .find(|h| h["title"] == title)
            .map(|h| h["id"].to_string())
            .unwrap_or_else(|| panic!("no {title} on the server"));
        if let Some(read) = read {
            self.call(json!({"op": "updateArticle", "article_ids": id, "mode": if read { 0 } else { 1 }, "field": 2}));
        }
        if let Some(starred) = starred {
            self.call(json!({"op": "updateArticle", "article_ids": id, "mode": if starred { 1 } else { 0 }, "field": 0}));
        }
    }
    fn subscriptions(&self) -> BTreeMap<String, Vec<String>> {
        let categories: HashMap<String, String> = self
            .call(json!({"op": "getCategories"}))
            .as_array()
            .into_iter()
            .flatten()
            .map(|c| {
                (
                    c["id"].to_string().trim_matches('"').to_string(),
                    c["title"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect();
        self.call(json!({"op": "getFeeds", "cat_id": -3}))
            .as_array()
            .into_iter()
            .flatten()
            .filter(|f| f["id"].as_i64().is_some_and(|id| id > 0))
            .map(|f| {
                let cat = f["cat_id"].to_string().trim_matches('"').to_string();
                (
                    f["feed_url"].as_str().unwrap_or_default().to_string(),
                    categories.get(&cat).cloned().into_iter().collect(),
                )
            })
            .collect()
    }
    fn subscribe_on_server(&self, url: &str, _folder: &str) {
        // TT-RSS's API cannot make folders: the feed goes in without one.
        let said = self.call(json!({"op": "subscribeToFeed", "feed_url": url}));
        assert_eq!(said["status"]["code"], 1, "subscribe {url}: {said}");
    }
}

// A way to take a server off the network ----------------------------------------------------

/// A TCP relay to a server that can be cut: while it is down, connections are closed at once
/// (as a stopped server's are refused), and the server itself runs on.
pub struct Relay {
    pub url: String,
    down: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Relay {
    /// Relays 127.0.0.1:(free port) to the host and port of `target` (an http URL).
    pub fn to(target: &str) -> Relay {
        use std::sync::atomic::Ordering;
        let target = url::Url::parse(target).expect("target URL");
        let upstream =
            format!("{}:{}", target.host_str().expect("host"), target.port_or_known_default().expect("port"));
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind relay");
        let mut url = target.clone();
        url.set_port(Some(listener.local_addr().expect("addr").port())).expect("port");
        let down = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let cut = down.clone();
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                if cut.load(Ordering::SeqCst) {
                    drop(client);
                    continue;
                }
                let Ok(server) = std::net::TcpStream::connect(&upstream) else { continue };
                let (mut c2, mut s2) =
                    (client.try_clone().expect("clone"), server.try_clone().expect("clone"));
                let (mut c1, mut s1) = (client, server);
                std::thread::spawn(move || {
                    let _ = std::io::copy(&mut c1, &mut s1);
                    let _ = s1.shutdown(std::net::Shutdown::Write);
                });
                std::thread::spawn(move || {
                    let _ = std::io::copy(&mut s2, &mut c2);
                    let _ = c2.shutdown(std::net::Shutdown::Write);
                });
            }
        });
        Relay { url: url.to_string(), down }
    }

    pub fn set_down(&self, down: bool) {
        self.down.store(down, std::sync::atomic::Ordering::SeqCst);
    }
}

// The byline side ------------------------------------------------------------------------------

/// Where the tests pass the password: an environment variable, never an argument.
const PASSWORD_VAR: &str = "BYLINE_TEST_SYNC_PASSWORD";

/// A temporary home whose config.toml syncs with a server.
pub struct Home {
    pub dir: tempfile::TempDir,
    password: String,
}

impl Home {
    pub fn new(remote: &dyn Remote) -> Home {
        Home::with(remote.service(), &remote.sync_url(), &remote.user(), &remote.password())
    }

    pub fn with(service: &str, url: &str, user: &str, password: &str) -> Home {
        let dir = tempfile::tempdir().expect("tempdir");
        let home = Home { dir, password: password.to_string() };
        home.configure(service, url, user);
        home
    }

    /// Rewrites config.toml's [sync] (the store and the kept session stay).
    pub fn configure(&self, service: &str, url: &str, user: &str) {
        let text = format!(
            "[general]\nrefresh_on_start = false\n\n[fetch]\ntimeout_seconds = 5\n\n[sync]\nservice = \"{service}\"\nurl = \"{url}\"\nuser = \"{user}\"\npassword_env = \"{PASSWORD_VAR}\"\n"
        );
        std::fs::write(self.config_file(), text).expect("write config");
    }

    pub fn set_password(&mut self, password: &str) {
        self.password = password.to_string();
    }

    pub fn config_file(&self) -> PathBuf {
        self.dir.path().join("config.toml")
    }

    pub fn state_dir(&self) -> PathBuf {
        self.dir.path().join("state/byline")
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_byline"));
        command
            .arg("--config")
            .arg(self.config_file())
            .arg("--feeds")
            .arg(self.dir.path().join("feeds.toml"))
            .arg("--db")
            .arg(self.dir.path().join("byline.db"))
            .args(args)
            .env(PASSWORD_VAR, &self.password)
            .env("XDG_STATE_HOME", self.dir.path().join("state"))
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("XDG_DATA_HOME", self.dir.path().join("data"));
        command
    }

    pub fn run(&self, args: &[&str]) -> Run {
        let run = Run::checked(self.command(args).output().expect("run byline"), args);
        for text in [&run.stdout, &run.stderr] {
            assert!(!text.contains(&self.password), "the password in the output of {args:?}");
        }
        run
    }

    pub fn ok(&self, args: &[&str]) -> Run {
        let run = self.run(args);
        assert!(run.ok, "byline {args:?} failed:\n{}{}", run.stdout, run.stderr);
        run
    }

    /// The stored articles (as `byline articles --json` lists them): title -> (id, read, starred).
    pub fn articles(&self) -> BTreeMap<String, (i64, bool, bool)> {
        let run = self.ok(&["articles", "--json"]);
        let rows: Value = serde_json::from_str(&run.stdout).expect("json");
        rows.as_array()
            .into_iter()
            .flatten()
            .map(|a| {
                let title = a["title"].as_str().unwrap_or_default().to_string();
                (title, (a["id"].as_i64().unwrap_or(0), a["read"] == true, a["starred"] == true))
            })
            .collect()
    }

    pub fn id(&self, title: &str) -> String {
        self.articles().get(title).map(|a| a.0.to_string()).unwrap_or_else(|| panic!("no article {title}"))
    }

    /// `byline feeds --json`: URL -> tags.
    pub fn feeds(&self) -> BTreeMap<String, Vec<String>> {
        let run = self.ok(&["feeds", "--json"]);
        let rows: Value = serde_json::from_str(&run.stdout).expect("json");
        rows.as_array()
            .into_iter()
            .flatten()
            .map(|f| {
                let tags = f["tags"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|t| t.as_str().map(String::from))
                    .collect();
                (f["url"].as_str().unwrap_or_default().to_string(), tags)
            })
            .collect()
    }

    /// The value of one `byline sync --status` line ("changes waiting" -> "3").
    pub fn status(&self, key: &str) -> String {
        let run = self.ok(&["sync", "--status"]);
        run.stdout
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{key}: ")).map(String::from))
            .unwrap_or_else(|| panic!("no {key} in {}", run.stdout))
    }

    /// Every file byline wrote in this home, as bytes: for secrets that must not be there.
    pub fn written_bytes(&self) -> Vec<(PathBuf, Vec<u8>)> {
        fn walk(dir: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, out);
                } else if let Ok(bytes) = std::fs::read(&path) {
                    out.push((path, bytes));
                }
            }
        }
        let mut out = Vec::new();
        walk(self.dir.path(), &mut out);
        out
    }
}

/// A server that byline reaches at another address (through a [`Relay`]).
pub struct Through<'a, R: Remote> {
    pub server: &'a R,
    pub url: String,
}

impl<R: Remote> Remote for Through<'_, R> {
    fn service(&self) -> &'static str {
        self.server.service()
    }
    fn sync_url(&self) -> String {
        self.url.clone()
    }
    fn user(&self) -> String {
        self.server.user()
    }
    fn password(&self) -> String {
        self.server.password()
    }
    fn feed_url(&self, name: &str) -> String {
        self.server.feed_url(name)
    }
    fn feeds_dir(&self) -> PathBuf {
        self.server.feeds_dir()
    }
    fn fetch(&self) {
        self.server.fetch()
    }
    fn unread_titles(&self) -> BTreeSet<String> {
        self.server.unread_titles()
    }
    fn starred_titles(&self) -> BTreeSet<String> {
        self.server.starred_titles()
    }
    fn set_on_server(&self, title: &str, read: Option<bool>, starred: Option<bool>) {
        self.server.set_on_server(title, read, starred)
    }
    fn subscriptions(&self) -> BTreeMap<String, Vec<String>> {
        self.server.subscriptions()
    }
    fn subscribe_on_server(&self, url: &str, folder: &str) {
        self.server.subscribe_on_server(url, folder)
    }
}
