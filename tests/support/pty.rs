//! Drives the real byline binary in a pseudo-terminal and reads its screen through a VT100 parser.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

pub struct Term {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    // Kept open so the slave side stays valid while the child runs.
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

/// Generous: these wait for the binary to get somewhere, they do not measure speed.
const PATIENCE: Duration = Duration::from_secs(20);

impl Term {
    /// Starts `byline ARGS` in a `cols`x`rows` terminal, with `home` as its HOME and XDG dirs;
    /// `env` adds variables to the otherwise minimal environment.
    pub fn spawn_with_env(args: &[&str], home: &Path, cols: u16, rows: u16, env: &[(&str, &str)]) -> Term {
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
        let writer = pty.master.take_writer().expect("pty writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let sink = Arc::clone(&parser);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().expect("parser lock").process(&buf[..n]);
            }
        });
        Term { parser, writer, child, _master: pty.master }
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
        self.writer.write_all(keys.as_bytes()).expect("write to pty");
        self.writer.flush().expect("flush pty");
        // Let the reader handle one batch before the next: keys typed faster than a human
        // could are still valid input, but a pause keeps failures readable.
        std::thread::sleep(Duration::from_millis(60));
    }

    /// Types keys at once, without the pause of [`Term::send`].
    pub fn write_raw(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write to pty");
        self.writer.flush().expect("flush pty");
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

impl Drop for Term {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}
