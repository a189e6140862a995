//! Drives the real byline binary in a pseudo-terminal and reads its screen through a VT100 parser.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

pub struct Term {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    /// Every byte the binary wrote, for the escape sequences the screen parser does not keep.
    raw: Arc<Mutex<Vec<u8>>>,
    child: Box<dyn Child + Send + Sync>,
    // Kept open so the slave side stays valid while the child runs.
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

/// Generous: these wait for the binary to get somewhere, they do not measure speed.
const PATIENCE: Duration = Duration::from_secs(20);

/// What the simulated terminal answers when asked which graphics it speaks. Every terminal
/// answers the device attributes and the status report; these add kitty graphics, sixel (in
/// the device attributes) and the cell size.
#[derive(Debug, Clone, Copy, Default)]
pub struct Graphics {
    pub kitty: bool,
    pub sixel: bool,
    pub cell: Option<(u16, u16)>,
}

impl Graphics {
    fn answer(&self) -> String {
        let mut out = String::new();
        if self.kitty {
            out.push_str("\x1b_Gi=31;OK\x1b\\");
        }
        out.push_str(if self.sixel { "\x1b[?62;4;22c" } else { "\x1b[?62;22c" });
        if let Some((w, h)) = self.cell {
            out.push_str(&format!("\x1b[6;{h};{w}t"));
        }
        out.push_str("\x1b[0n");
        out
    }
}

impl Term {
    /// Starts `byline ARGS` in a `cols`x`rows` terminal, with `home` as its HOME and XDG dirs;
    /// `env` adds variables to the otherwise minimal environment. The terminal answers a
    /// graphics query as a plain text terminal does.
    pub fn spawn_with_env(args: &[&str], home: &Path, cols: u16, rows: u16, env: &[(&str, &str)]) -> Term {
        Term::spawn_with_graphics(args, home, cols, rows, env, Graphics::default())
    }

    /// Like [`Term::spawn_with_env`], in a terminal that answers with `graphics`.
    pub fn spawn_with_graphics(
        args: &[&str],
        home: &Path,
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
        graphics: Graphics,
    ) -> Term {
        let pty = native_pty_system()
            .openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_byline"));
        cmd.args(args);
        cmd.env_clear();
        cmd.env("HOME", home);
        cmd.env("XDG_CONFIG_HOME", home.join("config"));
        cmd.env("XDG_DATA_HOME", home.join("data"));
        cmd.env("XDG_STATE_HOME", home.join("state"));
        cmd.env("XDG_CACHE_HOME", home.join("cache"));
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        cmd.env("PATH", std::env::var_os("PATH").unwrap_or_default());
        for (key, value) in env {
            cmd.env(key, value);
        }
        cmd.cwd(home);
        let child = pty.slave.spawn_command(cmd).expect("spawn byline");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("pty reader");
        let writer = Arc::new(Mutex::new(pty.master.take_writer().expect("pty writer")));
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (sink, log, answers) = (Arc::clone(&parser), Arc::clone(&raw), Arc::clone(&writer));
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            let mut scanned: usize = 0;
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().expect("parser lock").process(&buf[..n]);
                let mut log = log.lock().expect("raw lock");
                log.extend_from_slice(&buf[..n]);
                // The query ends with a status report request: answer each one once.
                let from = scanned.saturating_sub(3);
                scanned = log.len();
                if count(&log[from..], b"\x1b[5n") > 0 {
                    let mut w = answers.lock().expect("writer lock");
                    let _ = w.write_all(graphics.answer().as_bytes()).and_then(|()| w.flush());
                }
            }
        });
        Term { parser, writer, raw, child, _master: pty.master }
    }

    /// Every byte written so far.
    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().expect("raw lock").clone()
    }

    /// The visible screen as text.
    pub fn screen(&self) -> String {
        self.parser.lock().expect("parser lock").screen().contents()
    }

    /// Runs `check` on the parsed screen.
    pub fn with_screen<T>(&self, check: impl FnOnce(&vt100::Screen) -> T) -> T {
        check(self.parser.lock().expect("parser lock").screen())
    }

    /// Waits until the screen shows `text`; panics with the screen when it never does.
    pub fn wait_for(&self, text: &str) {
        self.wait_until(&format!("{text:?} on screen"), |s| s.contains(text));
    }

    pub fn wait_until(&self, what: &str, done: impl Fn(&str) -> bool) {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if done(&screen) {
                return;
            }
            if start.elapsed() > PATIENCE {
                panic!("timed out waiting for {what}; screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// Types keys: plain text, or escape sequences such as "\x1b[B" (down).
    pub fn send(&mut self, keys: &str) {
        let mut w = self.writer.lock().expect("writer lock");
        w.write_all(keys.as_bytes()).expect("write to pty");
        w.flush().expect("flush pty");
        drop(w);
        // Let the reader handle one batch before the next: keys typed faster than a human
        // could are still valid input, but a pause keeps failures readable.
        std::thread::sleep(Duration::from_millis(60));
    }

    /// Types keys at once, without the pause of [`Term::send`].
    pub fn write_raw(&mut self, keys: &str) {
        let mut w = self.writer.lock().expect("writer lock");
        w.write_all(keys.as_bytes()).expect("write to pty");
        w.flush().expect("flush pty");
    }

    /// Types keys and waits until the screen (attributes included) shows their effect: for
    /// keys that only move a highlight, which the plain text does not show.
    pub fn send_and_settle(&mut self, keys: &str) {
        let before = self.with_screen(|s| s.contents_formatted());
        self.send(keys);
        let start = Instant::now();
        while self.with_screen(|s| s.contents_formatted()) == before {
            if start.elapsed() > PATIENCE {
                panic!("keys {keys:?} changed nothing on screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Waits for the process to exit and returns whether it succeeded.
    pub fn wait_exit(&mut self) -> bool {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("child status") {
                // Give the reader thread a moment to drain the last bytes.
                std::thread::sleep(Duration::from_millis(100));
                return status.success();
            }
            if start.elapsed() > PATIENCE {
                let _ = self.child.kill();
                panic!("byline did not exit; screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }
}

fn count(haystack: &[u8], needle: &[u8]) -> usize {
    haystack.windows(needle.len()).filter(|w| *w == needle).count()
}

impl Drop for Term {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}
