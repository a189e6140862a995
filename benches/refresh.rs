//! `byline refresh` end to end: N feeds x M items served from H loopback hosts (127.0.0.2 and
//! up: every 127.x.y.z is this machine), into an empty database, then again with every feed
//! unchanged (304). Prints wall time, CPU time and peak memory of the process, on the default
//! fetch settings (16 requests in flight, 2 a host).
//!
//!     cargo bench --bench refresh                      # 200 feeds x 50 items, 10 hosts
//!     cargo bench --bench refresh -- 1000 100 50       # feeds, items, hosts
//!     BYLINE_BENCH_ROUNDS=1 cargo bench --bench refresh -- 5000 100 250
//!     BYLINE_BENCH_NEWSBOAT=0 ...                       # without newsboat
//!
//! When newsboat is installed, it does the same work afterwards, for comparison.

#[path = "support/cost.rs"]
mod cost;
#[path = "support/feeds.rs"]
mod feeds;
#[allow(dead_code)] // `grow` is for the key bench
#[path = "support/hosts.rs"]
mod hosts;

use cost::run;

use std::path::Path;
use std::process::Command;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let numbers: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let arg = |i: usize, default: usize| numbers.get(i).copied().unwrap_or(default).max(1);
    let (n, m, hosts) = (arg(0, 200), arg(1, 50), arg(2, 10));
    if args.iter().any(|a| a == "--serve") {
        return hosts::serve(n, m, hosts);
    }
    let rounds = std::env::var("BYLINE_BENCH_ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(3);

    let server = hosts::Feeds::start(n, m, hosts);
    let (bytes, urls) = (server.bytes, server.urls.clone());

    let dir = tempfile::tempdir().expect("tempdir");
    let list: String =
        urls.iter().map(|u| format!("[[feed]]\nurl = \"{u}\"\ntags = [\"bench\"]\n\n")).collect();
    std::fs::write(dir.path().join("feeds.toml"), list).expect("write feeds.toml");
    std::fs::write(dir.path().join("config.toml"), "").expect("write config");

    println!(
        "byline refresh: {n} feeds x {m} items on {hosts} hosts, {:.1} MB of feeds, {} cores",
        bytes as f64 / 1e6,
        cores()
    );
    for round in 1..=rounds {
        let db = dir.path().join(format!("run{round}.db"));
        let first = run(byline(dir.path(), &db));
        let again = run(byline(dir.path(), &db));
        let size = std::fs::metadata(&db).map_or(0, |m| m.len());
        println!(
            "  round {round}: empty db {first} | all unchanged {again} | {:.0} MB db, {:.2} KB an article",
            size as f64 / 1e6,
            size as f64 / 1e3 / (n * m) as f64
        );
        let _ = std::fs::remove_file(&db);
    }

    // The same work by newsboat, when it is installed (Debian: `apt-get install newsboat`) and
    // not skipped (BYLINE_BENCH_NEWSBOAT=0: at 5,000 feeds it takes many minutes).
    let newsboat_wanted = std::env::var("BYLINE_BENCH_NEWSBOAT").map_or(true, |v| v != "0");
    if newsboat_wanted && Command::new("newsboat").arg("--version").output().is_ok_and(|o| o.status.success())
    {
        let list: String = urls.iter().map(|u| format!("{u} bench\n")).collect();
        std::fs::write(dir.path().join("urls"), list).expect("write urls");
        std::fs::write(dir.path().join("newsboat.conf"), "reload-threads 8\n")
            .expect("write newsboat config");
        let cache = dir.path().join("newsboat.db");
        let first = run(newsboat(dir.path(), &cache));
        let again = run(newsboat(dir.path(), &cache));
        println!("newsboat -x reload (reload-threads 8): empty cache {first} | all unchanged {again}");
    }
    server.stop();
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

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}
