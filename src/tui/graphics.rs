//! Which graphics the terminal speaks, asked once after the first frame is drawn and before
//! input is read (the answers come on the input), within a short wait. Every terminal answers
//! the status report the query ends with, so the wait is one round trip; one that answers
//! nothing costs [`PATIENCE`] and gets placeholders.

use std::io::{IsTerminal, Write};
use std::os::fd::AsRawFd;
use std::time::{Duration, Instant};

use ratatui_image::picker::cap_parser::{Parser, QueryStdioOptions, Response};

use crate::config::images::{ImageMode, ImageSettings};
use crate::ui::{Graphics, Protocol};

/// The longest wait for the terminal's answers.
const PATIENCE: Duration = Duration::from_millis(500);

/// What the terminal said about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answers {
    pub kitty: bool,
    pub sixel: bool,
    /// A cell's (width, height) in pixels.
    pub cell: Option<(u16, u16)>,
}

/// The graphics pictures are drawn with, or None for placeholders.
pub fn detect(settings: &ImageSettings) -> Option<Graphics> {
    let env = |name: &str| std::env::var(name).unwrap_or_default();
    let multiplexer = !env("TMUX").is_empty()
        || !env("STY").is_empty()
        || ["screen", "tmux"].iter().any(|t| env("TERM").starts_with(t));
    let terminal = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    match settings.mode {
        ImageMode::Never => return None,
        ImageMode::Halfblocks => return Some(Graphics::halfblocks()),
        // tmux and screen pass no graphics without being asked to.
        ImageMode::Auto if multiplexer => return None,
        ImageMode::Auto | ImageMode::Always if !terminal => return fallback(settings.mode),
        ImageMode::Auto | ImageMode::Always => {}
    }
    let tmux = multiplexer && !env("TMUX").is_empty();
    if tmux {
        allow_passthrough();
    }
    let answers = match query(tmux) {
        Ok(answers) => answers,
        Err(e) => {
            tracing::info!("the terminal did not say which graphics it speaks: {e}");
            Answers::default()
        }
    };
    let picked =
        choose(&answers, &env("TERM_PROGRAM"), &env("LC_TERMINAL"), !env("KONSOLE_VERSION").is_empty());
    let cell = answers.cell.or_else(cell_from_window);
    match (picked, cell) {
        (Some(protocol), Some(cell)) => {
            tracing::info!(
                "pictures drawn with {} graphics, cells of {}x{} pixels",
                protocol.name(),
                cell.0,
                cell.1
            );
            Some(Graphics::pixels(protocol, cell))
        }
        _ => fallback(settings.mode),
    }
}

/// "always" draws something anywhere: half blocks.
fn fallback(mode: ImageMode) -> Option<Graphics> {
    (mode == ImageMode::Always).then(Graphics::halfblocks)
}

/// The protocol from the answers, then from what the terminal's variables say: WezTerm and
/// Konsole answer the kitty query but do not draw its placeholders, so they get iTerm2's
/// protocol (WezTerm) or none.
pub fn choose(answers: &Answers, term_program: &str, lc_terminal: &str, konsole: bool) -> Option<Protocol> {
    let wezterm = term_program.contains("WezTerm");
    if !(wezterm || konsole) {
        if answers.kitty {
            return Some(Protocol::Kitty);
        }
        if answers.sixel {
            return Some(Protocol::Sixel);
        }
    }
    let iterm2 = ["iTerm", "WezTerm", "mintty", "vscode", "Tabby", "Hyper", "rio", "WarpTerminal"]
        .iter()
        .any(|t| term_program.contains(t))
        || lc_terminal.contains("iTerm");
    iterm2.then_some(Protocol::Iterm2)
}

/// Writes the query (kitty graphics, device attributes for sixel, cell size, then a status
/// report) and reads the answers until the status report's, within [`PATIENCE`].
fn query(tmux: bool) -> std::io::Result<Answers> {
    let options = QueryStdioOptions { timeout: PATIENCE, ..QueryStdioOptions::default() };
    let mut out = std::io::stdout();
    out.write_all(Parser::query(tmux, options).as_bytes())?;
    out.flush()?;
    // Read straight from the descriptor, a byte at a time: nothing after the status report's
    // answer (keys typed meanwhile) may be taken from crossterm, as a buffered read would.
    let fd = std::io::stdin().as_raw_fd();
    let mut parser = Parser::new();
    let mut answers = Answers::default();
    let deadline = Instant::now() + PATIENCE;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || !readable(fd, left)? {
            return Err(std::io::Error::new(std::io::ErrorKind::TimedOut, "no answer"));
        }
        let mut byte = 0u8;
        // SAFETY: reads at most one byte into a valid one-byte buffer.
        let n = unsafe { libc::read(fd, (&mut byte as *mut u8).cast(), 1) };
        if n < 0 {
            let e = std::io::Error::last_os_error();
            if e.kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            return Err(e);
        }
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        {
            for response in parser.push(char::from(byte)) {
                match response {
                    Response::Kitty => answers.kitty = true,
                    Response::Sixel => answers.sixel = true,
                    Response::CellSize(Some((w, h))) => answers.cell = Some((w, h)),
                    Response::Status => return Ok(answers),
                    _ => {}
                }
            }
        }
    }
}

/// Whether `fd` has input within `wait` (a signal's interruption waits on).
fn readable(fd: i32, wait: Duration) -> std::io::Result<bool> {
    let deadline = Instant::now() + wait;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let mut poll = libc::pollfd { fd, events: libc::POLLIN, revents: 0 };
        let millis = i32::try_from(left.as_millis()).unwrap_or(i32::MAX).max(1);
        // SAFETY: one valid pollfd, for the duration of the call.
        let n = unsafe { libc::poll(&mut poll, 1, millis) };
        if n >= 0 {
            return Ok(n > 0);
        }
        let e = std::io::Error::last_os_error();
        if e.kind() != std::io::ErrorKind::Interrupted || left.is_zero() {
            return Err(e);
        }
    }
}

/// The cell size from the window's size in pixels, for terminals that report it that way.
fn cell_from_window() -> Option<(u16, u16)> {
    let mut size = libc::winsize { ws_row: 0, ws_col: 0, ws_xpixel: 0, ws_ypixel: 0 };
    // SAFETY: TIOCGWINSZ fills one winsize.
    let ok = unsafe { libc::ioctl(std::io::stdout().as_raw_fd(), libc::TIOCGWINSZ, &mut size) } == 0;
    let cells = ok && size.ws_col > 0 && size.ws_row > 0 && size.ws_xpixel > 0 && size.ws_ypixel > 0;
    cells.then(|| (size.ws_xpixel / size.ws_col, size.ws_ypixel / size.ws_row))
}

/// tmux passes graphics through only when the pane allows it.
fn allow_passthrough() {
    let done = std::process::Command::new("tmux")
        .args(["set", "-p", "allow-passthrough", "on"])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status();
    if let Err(e) = done {
        tracing::info!("cannot turn on tmux's passthrough: {e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kitty_then_sixel_then_the_terminals_own_variables() {
        let kitty = Answers { kitty: true, sixel: true, cell: None };
        let sixel = Answers { sixel: true, ..Answers::default() };
        let none = Answers::default();
        assert_eq!(choose(&kitty, "", "", false), Some(Protocol::Kitty));
        assert_eq!(choose(&sixel, "", "", false), Some(Protocol::Sixel));
        assert_eq!(choose(&kitty, "WezTerm", "", false), Some(Protocol::Iterm2));
        assert_eq!(choose(&sixel, "", "", true), None, "Konsole's sixel is not trusted");
        assert_eq!(choose(&none, "iTerm.app", "", false), Some(Protocol::Iterm2));
        assert_eq!(choose(&none, "", "iTerm2", false), Some(Protocol::Iterm2));
        assert_eq!(choose(&none, "", "", false), None);
    }
}
