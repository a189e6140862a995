//! Runs the real byline binary against fixture feeds served from 127.0.0.1, in a temporary home.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use byline::serve::{Route, Server};

pub fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A temporary home with config.toml, feeds.toml and a database path, and a feed server.
pub struct Env {
    pub dir: tempfile::TempDir,
    pub server: Server,
}

pub struct Run {
    pub ok: bool,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// A finished run, checked: nothing a feed or server says may reach a terminal as a
    /// control sequence.
    pub fn checked(out: Output, args: &[&str]) -> Run {
        let run = Run {
            ok: out.status.success(),
            stdout: String::from_utf8(out.stdout).expect("utf-8 stdout"),
            stderr: String::from_utf8(out.stderr).expect("utf-8 stderr"),
        };
        for text in [&run.stdout, &run.stderr] {
            assert!(
                !text.chars().any(|c| c.is_control() && c != '\n' && c != '\t'),
                "control character in output of {args:?}: {text:?}"
            );
        }
        run
    }
}

impl Env {
    /// Serves `routes`; subscribes to `feeds` (server paths with their tags).
    pub fn new(routes: Vec<(&str, Route)>, feeds: &[(&str, &[&str])]) -> Env {
        let server = Server::start(routes).expect("start server");
        let dir = tempfile::tempdir().expect("tempdir");
        // Short limits keep the failure cases quick; they are far above what the fixtures need.
        std::fs::write(
            dir.path().join("config.toml"),
            // The reader tests press R themselves: no refresh on start.
            "[general]\nrefresh_on_start = false\n\n[fetch]\ntimeout_seconds = 2\nmax_body_kib = 1024\nmax_redirects = 4\n",
        )
        .expect("write config");
        let env = Env { dir, server };
        let list: String = feeds
            .iter()
            .map(|(path, tags)| {
                let tags: Vec<String> = tags.iter().map(|t| format!("{t:?}")).collect();
                format!("[[feed]]\nurl = \"{}\"\ntags = [{}]\n\n", env.server.url(path), tags.join(", "))
            })
            .collect();
        std::fs::write(env.feeds_file(), list).expect("write feeds.toml");
        env
    }

    /// The reader's small set: rss2.xml (three articles) tagged tech, french.xml (one) tagged
    /// french.
    pub fn two_feeds() -> Env {
        let feed =
            |name: &str| Route::ok(fixture(&format!("feeds/{name}"))).content_type("application/rss+xml");
        Env::new(
            vec![("/rss2.xml", feed("rss2.xml")), ("/french.xml", feed("french.xml"))],
            &[("/rss2.xml", &["tech"]), ("/french.xml", &["french"])],
        )
    }

    /// `--config`, `--feeds` and `--db` with this env's files, for a reader in a pty.
    pub fn file_args(&self) -> Vec<String> {
        let arg = |name: &str| self.dir.path().join(name).to_string_lossy().into_owned();
        ["--config", &arg("config.toml"), "--feeds", &arg("feeds.toml"), "--db", &arg("byline.db")]
            .map(String::from)
            .to_vec()
    }

    pub fn feeds_file(&self) -> PathBuf {
        self.dir.path().join("feeds.toml")
    }

    pub fn url(&self, path: &str) -> String {
        self.server.url(path)
    }

    /// Runs `byline ARGS` with this env's files.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with(args, &[])
    }

    /// Runs `byline ARGS` with these environment variables too.
    pub fn run_with(&self, args: &[&str], vars: &[(&str, &str)]) -> Run {
        let out: Output = Command::new(env!("CARGO_BIN_EXE_byline"))
            .arg("--config")
            .arg(self.dir.path().join("config.toml"))
            .arg("--feeds")
            .arg(self.feeds_file())
            .arg("--db")
            .arg(self.dir.path().join("byline.db"))
            .args(args)
            .env("XDG_STATE_HOME", self.dir.path().join("state"))
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .envs(vars.iter().copied())
            .output()
            .expect("run byline");
        Run::checked(out, args)
    }

    /// Runs and expects success.
    pub fn ok(&self, args: &[&str]) -> Run {
        let run = self.run(args);
        assert!(run.ok, "byline {args:?} failed:\n{}{}", run.stdout, run.stderr);
        run
    }

    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let run = self.ok(args);
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}\n{}", run.stdout))
    }
}
