//! `byline refresh` end to end: N feeds x M items served from 127.0.0.1, into an empty database,
//! then again with every feed unchanged (304). Prints wall time and peak memory of the process.
//!
//!     cargo bench --bench refresh                 # 200 feeds x 50 items
//!     cargo bench --bench refresh -- 1000 20      # other sizes
//!
//! When newsboat is installed, it does the same work afterwards, for comparison.
//!
//! The feeds all live on one loopback host, so the bench raises `per_host` to the global limit:
//! real feeds are spread over many hosts.

#[path = "support/feeds.rs"]
mod feeds;

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use byline::serve::{Route, Server};

fn main() {
    let args: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let (n, m) = (args.first().copied().unwrap_or(200), args.get(1).copied().unwrap_or(50));
    let docs: Vec<String> = (0..n).map(|i| feeds::rss(i, m)).collect();
    let bytes: usize = docs.iter().map(String::len).sum();
    let server = Server::start(
        docs.into_iter()
            .enumerate()
            .map(|(i, doc)| (format!("/feed/{i}.xml"), Route::ok(doc).etag(&format!("\"v1-{i}\"")))),
    )
    .expect("start the loopback server");

    let dir = tempfile::tempdir().expect("tempdir");
    let list: String = (0..n)
        .map(|i| {
            format!("[[feed]]\nurl = \"{}\"\ntags = [\"bench\"]\n\n", server.url(&format!("/feed/{i}.xml")))
        })
        .collect();
    std::fs::write(dir.path().join("feeds.toml"), list).expect("write feeds.toml");
    std::fs::write(dir.path().join("config.toml"), "[fetch]\nconcurrency = 16\nper_host = 16\n")
        .expect("write config");

    println!(
        "byline refresh: {n} feeds x {m} items, {:.1} MB of feeds, {} cores",
        bytes as f64 / 1e6,
        cores()
    );
    for round in 1..=3 {
        let db = dir.path().join(format!("run{round}.db"));
        let first = run(byline(dir.path(), &db));
        let again = run(byline(dir.path(), &db));
        println!("  round {round}: empty db {first} | all unchanged {again}");
    }

    // The same work by newsboat, when it is installed (Debian: `apt-get install newsboat`).
    if Command::new("newsboat").arg("--version").output().is_ok_and(|o| o.status.success()) {
        let urls: String =
            (0..n).map(|i| format!("{} bench\n", server.url(&format!("/feed/{i}.xml")))).collect();
        std::fs::write(dir.path().join("urls"), urls).expect("write urls");
        std::fs::write(dir.path().join("newsboat.conf"), "reload-threads 8\n")
            .expect("write newsboat config");
        let cache = dir.path().join("newsboat.db");
        let first = run(newsboat(dir.path(), &cache));
        let again = run(newsboat(dir.path(), &cache));
        println!("newsboat -x reload (reload-threads 8): empty cache {first} | all unchanged {again}");
    }
}

fn byline(dir: &Path, db: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_byline"));
    cmd.arg("--config").arg(dir.join("config.toml")).arg("--feeds").arg(dir.join("feeds.toml"));
    cmd.arg("--db").arg(db).arg("refresh").env("XDG_STATE_HOME", dir);
    cmd
}

fn newsboat(dir: &Path, cache: &Path) -> Command {
    let mut cmd = Command::new("newsboat");
    cmd.arg("-u").arg(dir.join("urls")).arg("-C").arg(dir.join("newsboat.conf")).arg("-c").arg(cache);
    cmd.args(["-x", "reload"]).env("HOME", dir);
    cmd
}

/// What one run cost.
struct Cost {
    wall: Duration,
    cpu: Duration,
    peak_kib: i64,
}

impl std::fmt::Display for Cost {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(
            f,
            "{:>6.3} s wall, {:>6.3} s CPU, {:>5.1} MB peak",
            self.wall.as_secs_f64(),
            self.cpu.as_secs_f64(),
            self.peak_kib as f64 / 1024.0
        )
    }
}

/// Runs one refresh; returns its wall time, CPU time (user + system) and peak resident memory.
// The child is reaped by wait4, which also reports its own peak memory (std's wait does not).
#[allow(clippy::zombie_processes)]
fn run(mut cmd: Command) -> Cost {
    let start = Instant::now();
    let child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("start the refresh");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: rusage is plain data that wait4 fills in; pid is our own child, reaped once here.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let elapsed = start.elapsed();
    assert_eq!(reaped, pid, "wait4 failed");
    let (mut out, mut err) = (String::new(), String::new());
    if let (Some(mut stdout), Some(mut stderr)) = (child.stdout, child.stderr) {
        let _ = stdout.read_to_string(&mut out);
        let _ = stderr.read_to_string(&mut err);
    }
    assert!(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0, "{cmd:?} failed: {out}{err}");
    assert!(err.is_empty(), "{cmd:?} reported errors: {err}");
    let seconds = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    Cost { wall: elapsed, cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime), peak_kib: usage.ru_maxrss }
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}
