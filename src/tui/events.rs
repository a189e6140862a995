//! Terminal events -> actions: keys go through the key map, mouse clicks and wheel become
//! positions, resizes become sizes.

use crossterm::event::{
    Event, KeyCode as CtKey, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use crate::app::{Action, Edit, Mode, State, action_for};
use crate::config::keys::{Key, KeyCode};

pub fn action(state: &State, event: Event) -> Option<Action> {
    match event {
        Event::Key(k) if k.kind != KeyEventKind::Release => action_for(state, key(k)?),
        Event::Mouse(MouseEvent { kind, column, row, .. }) => match kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { x: column, y: row }),
            MouseEventKind::ScrollDown => Some(Action::Wheel { x: column, y: row, down: true }),
            MouseEventKind::ScrollUp => Some(Action::Wheel { x: column, y: row, down: false }),
            _ => None,
        },
        Event::Resize(w, h) => Some(Action::Resize(w, h)),
        // Pasted text goes into a prompt; outside one it is dropped, never run as commands.
        Event::Paste(text) if matches!(state.mode, Mode::Prompt(_)) => Some(Action::Edit(Edit::Paste(text))),
        _ => None,
    }
}

/// crossterm's key -> ours. Shift is folded into the character ("G"), Ctrl letters lowercased.
pub fn key(k: KeyEvent) -> Option<Key> {
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    let alt = k.modifiers.contains(KeyModifiers::ALT);
    let code = match k.code {
        CtKey::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
        CtKey::Char(c) => KeyCode::Char(c),
        CtKey::Enter => KeyCode::Enter,
        CtKey::Esc => KeyCode::Esc,
        CtKey::Tab if k.modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
        CtKey::Tab => KeyCode::Tab,
        CtKey::BackTab => KeyCode::BackTab,
        CtKey::Backspace => KeyCode::Backspace,
        CtKey::Delete => KeyCode::Delete,
        CtKey::Insert => KeyCode::Insert,
        CtKey::Up => KeyCode::Up,
        CtKey::Down => KeyCode::Down,
        CtKey::Left => KeyCode::Left,
        CtKey::Right => KeyCode::Right,
        CtKey::Home => KeyCode::Home,
        CtKey::End => KeyCode::End,
        CtKey::PageUp => KeyCode::PageUp,
        CtKey::PageDown => KeyCode::PageDown,
        CtKey::F(n) => KeyCode::F(n),
        _ => return None,
    };
    Some(Key { code, ctrl, alt })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pastes_reach_prompts_only() {
        use crate::app::Settings;
        use crate::config::keys::{Command, KeyBindings};
        let mut state = State::new(KeyBindings::default(), Settings::default(), (80, 24));
        let paste = || Event::Paste("s/q".into());
        assert_eq!(action(&state, paste()), None, "outside a prompt a paste runs nothing");
        crate::app::update(&mut state, Action::Command(Command::Search));
        assert_eq!(action(&state, paste()), Some(Action::Edit(Edit::Paste("s/q".into()))));
    }

    #[test]
    fn mouse_resize_and_keys_become_actions() {
        use crate::app::Settings;
        use crate::config::keys::{Command, KeyBindings};
        use crossterm::event::KeyEventState;
        let state = State::new(KeyBindings::default(), Settings::default(), (80, 24));
        let mouse =
            |kind| Event::Mouse(MouseEvent { kind, column: 3, row: 4, modifiers: KeyModifiers::NONE });
        assert_eq!(
            action(&state, mouse(MouseEventKind::Down(MouseButton::Left))),
            Some(Action::Click { x: 3, y: 4 })
        );
        assert_eq!(
            action(&state, mouse(MouseEventKind::ScrollDown)),
            Some(Action::Wheel { x: 3, y: 4, down: true })
        );
        assert_eq!(action(&state, mouse(MouseEventKind::Moved)), None);
        assert_eq!(action(&state, Event::Resize(100, 30)), Some(Action::Resize(100, 30)));
        let press = KeyEvent::new(CtKey::Char('j'), KeyModifiers::NONE);
        assert_eq!(action(&state, Event::Key(press)), Some(Action::Command(Command::Down)));
        let release = KeyEvent {
            kind: KeyEventKind::Release,
            state: KeyEventState::NONE,
            ..KeyEvent::new(CtKey::Char('j'), KeyModifiers::NONE)
        };
        assert_eq!(action(&state, Event::Key(release)), None);
    }

    #[test]
    fn folds_shift_and_ctrl() {
        let k = key(KeyEvent::new(CtKey::Char('G'), KeyModifiers::SHIFT));
        assert_eq!(k, Some(Key::plain(KeyCode::Char('G'))));
        let k = key(KeyEvent::new(CtKey::Char('C'), KeyModifiers::CONTROL | KeyModifiers::SHIFT));
        assert_eq!(k, Some(Key::ctrl('c')));
        let k = key(KeyEvent::new(CtKey::BackTab, KeyModifiers::SHIFT));
        assert_eq!(k, Some(Key::plain(KeyCode::BackTab)));
    }
}
