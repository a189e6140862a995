//! Feeds served from many loopback hosts (127.0.0.2 and up: every 127.x.y.z is this machine), by
//! a child process: a process's peak memory counts its parent's pages until it execs, and a
//! bench that held every feed document would inflate the peak of each program it measures.
//!
//! The bench calls [`Feeds::start`]; its own binary, run with `--serve N M HOSTS`, must call
//! [`serve`].

use std::io::{BufRead, BufReader, Read, Write};
use std::net::Ipv4Addr;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

use byline::serve::{Route, Server};

use super::feeds;

/// The running feed server.
pub struct Feeds {
    child: Child,
    stdin: Option<ChildStdin>,
    stdout: BufReader<ChildStdout>,
    /// Bytes of feed documents served.
    pub bytes: usize,
    /// Feed i's URL; feed i lives on host i % hosts.
    pub urls: Vec<String>,
}

impl Feeds {
    /// Serves `n` feeds of `m` items each from `hosts` hosts.
    pub fn start(n: usize, m: usize, hosts: usize) -> Feeds {
        let mut child = Command::new(std::env::current_exe().expect("path of this bench"))
            .args(["--serve", &n.to_string(), &m.to_string(), &hosts.to_string()])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("start the feed server");
        let stdin = child.stdin.take();
        let mut stdout = BufReader::new(child.stdout.take().expect("piped"));
        let bytes = read_line(&mut stdout).parse().expect("the size of the feeds");
        let urls = (0..n).map(|_| read_line(&mut stdout)).collect();
        Feeds { child, stdin, stdout, bytes, urls }
    }

    /// Every feed gains `more` items (new keys, older dates, a new ETag); returns once they are
    /// served.
    pub fn grow(&mut self, more: usize) {
        let stdin = self.stdin.as_mut().expect("the server runs");
        writeln!(stdin, "grow {more}").and_then(|()| stdin.flush()).expect("tell the feed server");
        assert_eq!(read_line(&mut self.stdout), "grown");
    }

    pub fn stop(mut self) {
        drop(self.stdin.take());
        let _ = self.child.wait();
    }
}

fn read_line(from: &mut impl BufRead) -> String {
    let mut line = String::new();
    from.read_line(&mut line).expect("read the feed server");
    assert!(!line.is_empty(), "the feed server ended");
    line.trim_end().to_string()
}

/// The server side: prints the feeds' total size and their URLs, then serves until stdin closes;
/// a line `grow K` adds K items to every feed.
pub fn serve(n: usize, m: usize, hosts: usize) {
    let route =
        |i: usize, more: usize| Route::ok(feeds::rss_grown(i, m, more)).etag(&format!("\"{more}-{i}\""));
    let mut bytes = 0;
    let servers: Vec<Server> = (0..hosts)
        .map(|h| {
            let routes: Vec<(String, Route)> = (h..n)
                .step_by(hosts)
                .map(|i| {
                    bytes += feeds::rss(i, m).len();
                    (path(i), route(i, 0))
                })
                .collect();
            Server::start_on(host_ip(h), routes).expect("start a loopback server")
        })
        .collect();
    let mut out = std::io::stdout().lock();
    writeln!(out, "{bytes}").expect("write to the bench");
    for i in 0..n {
        writeln!(out, "{}", servers[i % hosts].url(&path(i))).expect("write to the bench");
    }
    out.flush().expect("write to the bench");
    let mut grown = 0;
    for line in std::io::stdin().lock().lines() {
        let Some(more) = line.ok().and_then(|l| l.strip_prefix("grow ")?.parse::<usize>().ok()) else {
            break;
        };
        grown += more;
        for i in 0..n {
            servers[i % hosts].set_route(&path(i), route(i, grown));
        }
        writeln!(out, "grown").and_then(|()| out.flush()).expect("write to the bench");
    }
    let _ = std::io::stdin().read_to_end(&mut Vec::new());
}

fn path(i: usize) -> String {
    format!("/feed/{i}.xml")
}

/// 127.0.0.2, 127.0.0.3, ... (127.0.0.1 is left to everything else on the machine).
fn host_ip(h: usize) -> Ipv4Addr {
    let n = h + 2;
    Ipv4Addr::new(127, (n >> 16) as u8, (n >> 8) as u8, n as u8)
}
