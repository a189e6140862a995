//! Key -> Action, per mode: prompts take text, confirmations take y/n, the help overlay closes on
//! anything it does not scroll with, and the panes use the configured bindings.

use crate::config::keys::{Command, Key, KeyCode};

use super::action::{Action, Edit};
use super::state::{Mode, Pane, State};

pub fn action_for(state: &State, key: Key) -> Option<Action> {
    match &state.mode {
        Mode::Prompt(_) => Some(Action::Edit(edit_for(key)?)),
        Mode::Confirm(_) => {
            let yes = matches!(key.code, KeyCode::Char('y' | 'Y') | KeyCode::Enter) && !key.ctrl;
            Some(Action::Confirm(yes))
        }
        Mode::Help { .. } => match state.keys.command(&key) {
            Some(
                c @ (Command::Up
                | Command::Down
                | Command::PageUp
                | Command::PageDown
                | Command::Top
                | Command::Bottom
                | Command::QuitNow),
            ) => Some(Action::Command(c)),
            _ => Some(Action::CloseHelp),
        },
        Mode::Normal => {
            if let (Pane::Reader, KeyCode::Char(c @ '0'..='9'), false, false) =
                (state.focus, key.code, key.ctrl, key.alt)
            {
                return Some(Action::Digit(c));
            }
            let own = || state.handoffs.iter().position(|h| h.key() == key).map(Action::HandOff);
            state.keys.command(&key).map(Action::Command).or_else(own)
        }
    }
}

fn edit_for(key: Key) -> Option<Edit> {
    if key.ctrl {
        return match key.code {
            KeyCode::Char('a') => Some(Edit::Home),
            KeyCode::Char('e') => Some(Edit::End),
            KeyCode::Char('u') => Some(Edit::KillToStart),
            KeyCode::Char('k') => Some(Edit::KillToEnd),
            KeyCode::Char('w') | KeyCode::Backspace => Some(Edit::DeleteWord),
            KeyCode::Char('b') => Some(Edit::Left),
            KeyCode::Char('f') => Some(Edit::Right),
            KeyCode::Char('c' | 'g') => Some(Edit::Cancel),
            _ => None,
        };
    }
    Some(match key.code {
        KeyCode::Char(c) if !key.alt => Edit::Insert(c),
        KeyCode::Enter => Edit::Submit,
        KeyCode::Esc => Edit::Cancel,
        KeyCode::Backspace => Edit::Backspace,
        KeyCode::Delete => Edit::Delete,
        KeyCode::Left => Edit::Left,
        KeyCode::Right => Edit::Right,
        KeyCode::Home => Edit::Home,
        KeyCode::End => Edit::End,
        _ => return None,
    })
}
