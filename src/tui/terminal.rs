//! Entering and leaving the terminal's full-screen mode. The terminal is restored on every way
//! out: normal exit, error (the guard's Drop), panic (the hook restores before the message).

use std::io::{self, Stdout};
use std::sync::OnceLock;
use std::thread::ThreadId;

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

pub type Term = Terminal<CrosstermBackend<Stdout>>;

/// The thread drawing the screen: its panics end the program; other threads' panics are logged
/// and must not write over the screen.
static UI_THREAD: OnceLock<ThreadId> = OnceLock::new();

/// Restores the terminal when dropped.
pub struct Guard {
    _private: (),
}

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = restore();
    }
}

/// Switches to raw mode, the alternate screen and mouse reporting.
pub fn enter() -> io::Result<(Term, Guard)> {
    install_panic_hook();
    let guard = Guard { _private: () };
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, EnableMouseCapture, EnableBracketedPaste)?;
    let terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    Ok((terminal, guard))
}

/// Leaves every mode `enter` set. Safe to call more than once.
pub fn restore() -> io::Result<()> {
    let raw = disable_raw_mode();
    execute!(
        io::stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    )?;
    raw
}

fn install_panic_hook() {
    let current = std::thread::current().id();
    if UI_THREAD.set(current).is_err() {
        return; // installed by an earlier run in this process
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if UI_THREAD.get() == Some(&std::thread::current().id()) {
            let _ = restore();
            previous(info);
        } else {
            tracing::error!("background thread panicked: {info}");
        }
    }));
}
