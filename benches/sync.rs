//! `byline sync` against the real FreshRSS (the Google Reader API) or Tiny Tiny RSS of
//! ../shared/servers: N items in F feeds that the server has fetched, into an empty store; then a
//! sync with nothing new; then one that sends a mark for every article. Prints wall time, CPU
//! time, peak memory and how many API requests each made (counted in the server's own log).
//!
//!     cargo bench --bench sync                 # FreshRSS, 10,000 items in 20 feeds
//!     cargo bench --bench sync -- 20000 40     # items, feeds
//!     cargo bench --bench sync -- --ttrss      # Tiny Tiny RSS
//!
//! Needs what the sync tests need (PHP, root; see README). Stops the server at the end.

#[allow(dead_code)] // `run`: this bench wants the output too
#[path = "support/cost.rs"]
mod cost;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use cost::run_output;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let numbers: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let (items, feeds) =
        (numbers.first().copied().unwrap_or(10_000), numbers.get(1).copied().unwrap_or(20).max(1));
    let ttrss = args.iter().any(|a| a == "--ttrss");
    let servers = std::env::var_os("BYLINE_SERVERS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/servers"));
    let script = servers.join(if ttrss { "ttrss/setup.sh" } else { "freshrss/setup.sh" });
    let setup = |verb: &str| Command::new("bash").arg(&script).arg(verb).output().expect("setup.sh");
    assert!(setup("start").status.success(), "the server did not start");
    let tmp = std::env::var_os("TMPDIR").map_or_else(|| PathBuf::from("/tmp"), PathBuf::from);
    let (env_file, log) = match ttrss {
        true => (tmp.join("byline-ttrss/env"), tmp.join("byline-ttrss/php.log")),
        false => (tmp.join("byline-freshrss/run/env"), tmp.join("byline-freshrss/run/php-server.log")),
    };
    let env = read_env(&env_file);
    let server = match ttrss {
        true => Server::Ttrss { api: env["TTRSS_API_URL"].clone(), sid: String::new() },
        false => Server::Freshrss { api: env["FRESHRSS_GREADER_URL"].clone(), auth: String::new() },
    };
    let (user, password, feed_base, feeds_dir) = match ttrss {
        true => {
            (&env["TTRSS_USER"], &env["TTRSS_PASSWORD"], &env["TTRSS_FEED_BASE"], &env["TTRSS_FEEDS_DIR"])
        }
        false => (
            &env["FRESHRSS_USER"],
            &env["FRESHRSS_API_PASSWORD"],
            &env["FRESHRSS_FEED_BASE"],
            &env["FRESHRSS_FEEDS_DIR"],
        ),
    };
    let server = server.login(user, password);

    // The feeds, and the server subscribed to them and fetching them.
    let per_feed = items.div_ceil(feeds);
    for f in 0..feeds {
        let name = format!("bench{f}.xml");
        std::fs::write(Path::new(feeds_dir).join(&name), feed(f, per_feed, feed_base)).expect("write feed");
        server.subscribe(&format!("{feed_base}/{name}"), &format!("Bench{}", f % 4));
    }
    let fetched = std::time::Instant::now();
    setup(if ttrss { "update" } else { "actualize" });
    println!(
        "byline sync with {}: {} items in {feeds} feeds on the server (fetched by it in {:.1} s), {} cores",
        server.name(),
        server.count(),
        fetched.elapsed().as_secs_f64(),
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    let (service, sync_url) = match &server {
        Server::Ttrss { .. } => ("ttrss", env["TTRSS_URL"].clone()),
        Server::Freshrss { api, .. } => ("greader", api.clone()),
    };
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("config.toml"),
        format!(
            "[sync]\nservice = \"{service}\"\nurl = \"{sync_url}\"\nuser = \"{user}\"\npassword_env = \"BYLINE_BENCH_PASSWORD\"\n"
        ),
    )
    .expect("config");
    let byline = |args: &[&str]| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_byline"));
        cmd.arg("--config").arg(dir.path().join("config.toml")).arg("--db").arg(dir.path().join("byline.db"));
        cmd.args(args).env("XDG_STATE_HOME", dir.path()).env("BYLINE_BENCH_PASSWORD", password);
        cmd
    };
    let measured = |label: &str, args: &[&str]| {
        let before = requests(&log);
        let (cost, out) = run_output(byline(args));
        // The PHP server writes its log line as the answer goes: let the last one land.
        std::thread::sleep(std::time::Duration::from_millis(300));
        let made = requests(&log) - before;
        println!("  {label:<28} {cost} | {made:>3} requests | {}", out.lines().next().unwrap_or_default());
    };
    measured("first sync (empty store):", &["sync"]);
    measured("nothing new:", &["sync"]);
    measured("nothing new, again:", &["sync"]);
    let marked = Command::new(env!("CARGO_BIN_EXE_byline"))
        .arg("--config")
        .arg(dir.path().join("config.toml"))
        .arg("--db")
        .arg(dir.path().join("byline.db"))
        .args(["mark-read", "--all"])
        .env("XDG_STATE_HOME", dir.path())
        .output()
        .expect("mark-read");
    println!("  then `byline mark-read --all`: {}", String::from_utf8_lossy(&marked.stdout).trim());
    measured("sending every mark:", &["sync"]);
    let size = std::fs::read_dir(dir.path())
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("-sync-"))
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum::<u64>();
    println!("  synced store: {:.1} MB", size as f64 / 1e6);
    setup("stop");
}

/// The server the bench fills, through its own API.
enum Server {
    Freshrss { api: String, auth: String },
    Ttrss { api: String, sid: String },
}

impl Server {
    fn name(&self) -> &'static str {
        match self {
            Server::Freshrss { .. } => "FreshRSS",
            Server::Ttrss { .. } => "Tiny Tiny RSS",
        }
    }

    fn login(self, user: &str, password: &str) -> Server {
        match self {
            Server::Freshrss { api, .. } => {
                let said = curl(&[
                    "-d",
                    &format!("Email={user}&Passwd={password}"),
                    &format!("{api}/accounts/ClientLogin"),
                ]);
                let auth = said.lines().find_map(|l| l.strip_prefix("Auth=")).expect("Auth=").to_string();
                Server::Freshrss { api, auth }
            }
            Server::Ttrss { api, .. } => {
                let said =
                    ttrss_call(&api, &format!(r#"{{"op":"login","user":"{user}","password":"{password}"}}"#));
                let sid = said
                    .split("\"session_id\":\"")
                    .nth(1)
                    .and_then(|r| r.split('"').next())
                    .expect("session_id");
                Server::Ttrss { api, sid: sid.to_string() }
            }
        }
    }

    fn subscribe(&self, url: &str, folder: &str) {
        match self {
            Server::Freshrss { api, auth } => {
                let form = format!("ac=subscribe&T=x&s=feed/{url}&a=user/-/label/{folder}");
                let header = format!("Authorization: GoogleLogin auth={auth}");
                let said =
                    curl(&["-H", &header, "-d", &form, &format!("{api}/reader/api/0/subscription/edit")]);
                assert_eq!(said.trim(), "OK", "subscribe {url}");
            }
            Server::Ttrss { api, sid } => {
                let said = ttrss_call(
                    api,
                    &format!(r#"{{"op":"subscribeToFeed","sid":"{sid}","feed_url":"{url}"}}"#),
                );
                assert!(said.contains(r#""code":1"#), "subscribe {url}: {said}");
            }
        }
    }

    /// How many articles the server holds.
    fn count(&self) -> usize {
        match self {
            Server::Freshrss { api, auth } => {
                let header = format!("Authorization: GoogleLogin auth={auth}");
                let url = format!(
                    "{api}/reader/api/0/stream/items/ids?s=user/-/state/com.google/reading-list&n=100000&output=json"
                );
                curl(&["-H", &header, &url]).matches("\"id\"").count()
            }
            Server::Ttrss { api, sid } => {
                let said = ttrss_call(api, &format!(r#"{{"op":"getUnread","sid":"{sid}"}}"#));
                said.split("\"unread\":")
                    .nth(1)
                    .map_or(0, |r| r.trim_matches(|c: char| !c.is_ascii_digit()).parse().unwrap_or(0))
            }
        }
    }
}

fn ttrss_call(api: &str, body: &str) -> String {
    curl(&["-A", "byline-bench", "-d", body, api])
}

/// API requests the server has answered so far (PHP's built-in server logs one line each).
fn requests(log: &Path) -> usize {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    text.lines().filter(|l| l.contains("]: GET /api/") || l.contains("]: POST /api/")).count()
}

fn curl(args: &[&str]) -> String {
    let out = Command::new("curl").arg("-sS").args(args).output().expect("curl");
    assert!(out.status.success(), "curl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn read_env(path: &Path) -> HashMap<String, String> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter_map(|l| l.strip_prefix("export "))
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// A feed of `n` items of news-sized text (about 1.5 KB each).
fn feed(f: usize, n: usize, base: &str) -> String {
    let now = chrono::Utc::now();
    let body = "&lt;p&gt;Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor \
                incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam.&lt;/p&gt;"
        .repeat(8);
    let items: String = (0..n)
        .map(|i| {
            let date = (now - chrono::Duration::minutes((f * n + i) as i64)).to_rfc2822();
            format!(
                "<item><title>Feed {f} story {i}</title><link>{base}/{f}/{i}.html</link><guid isPermaLink=\"false\">b{f}-{i}</guid>\
                 <pubDate>{date}</pubDate><category>topic{}</category><description>{body}</description></item>\n",
                i % 7
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Bench {f}</title><link>{base}/</link>\n{items}</channel></rss>\n"
    )
}
