//! Key bindings: which keys run which command. Data with a description each, so the help
//! overlay is generated from them. The terminal layer turns its events into [`Key`]s; this file
//! knows nothing of the terminal.
//!
//! In config.toml: `[keys]` then `command = ["key", ...]`. A command the user lists gets exactly
//! those keys, and those keys are taken away from any other command.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Deserializer};

/// What a user can bind a key to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Command {
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    NextPane,
    PrevPane,
    Open,
    Back,
    Quit,
    QuitNow,
    ToggleTag,
    Refresh,
    RefreshAll,
    ToggleRead,
    MarkAllRead,
    Undo,
    ToggleStar,
    UnreadOnly,
    Search,
    Query,
    CycleSort,
    NextUnread,
    OpenLink,
    CopyLink,
    AddFeed,
    RemoveFeed,
    FullText,
    Help,
}

impl Command {
    pub const ALL: [Command; 30] = [
        Command::Up,
        Command::Down,
        Command::Top,
        Command::Bottom,
        Command::PageUp,
        Command::PageDown,
        Command::NextPane,
        Command::PrevPane,
        Command::Open,
        Command::Back,
        Command::Quit,
        Command::QuitNow,
        Command::ToggleTag,
        Command::Refresh,
        Command::RefreshAll,
        Command::ToggleRead,
        Command::MarkAllRead,
        Command::Undo,
        Command::ToggleStar,
        Command::UnreadOnly,
        Command::Search,
        Command::Query,
        Command::CycleSort,
        Command::NextUnread,
        Command::OpenLink,
        Command::CopyLink,
        Command::AddFeed,
        Command::RemoveFeed,
        Command::FullText,
        Command::Help,
    ];

    /// The name used in config.toml.
    pub fn name(self) -> &'static str {
        self.info().0
    }

    /// One line for the help overlay.
    pub fn description(self) -> &'static str {
        self.info().1
    }

    fn default_keys(self) -> &'static [&'static str] {
        self.info().2
    }

    fn info(self) -> (&'static str, &'static str, &'static [&'static str]) {
        use Command::*;
        match self {
            Up => ("up", "Move up", &["Up", "k"]),
            Down => ("down", "Move down", &["Down", "j"]),
            Top => ("top", "Go to the first row", &["g", "Home"]),
            Bottom => ("bottom", "Go to the last row", &["G", "End"]),
            PageUp => ("page_up", "Page up", &["PageUp", "C-b"]),
            PageDown => ("page_down", "Page down", &["PageDown", "C-f"]),
            NextPane => ("next_pane", "Next pane", &["Tab", "l", "Right"]),
            PrevPane => ("prev_pane", "Previous pane", &["BackTab", "h", "Left"]),
            Open => ("open", "Open / select (in the reader: open link N typed before)", &["Enter"]),
            Back => ("back", "Back: leave the reader, clear a search", &["Esc"]),
            Quit => ("quit", "Back; quits from the lists", &["q"]),
            QuitNow => ("quit_now", "Quit at once", &["C-c"]),
            ToggleTag => ("toggle_tag", "Add/remove the tag to the selection", &["Space"]),
            Refresh => ("refresh", "Refresh the selected feed", &["r"]),
            RefreshAll => ("refresh_all", "Refresh all feeds", &["R"]),
            ToggleRead => ("toggle_read", "Toggle read", &["m"]),
            MarkAllRead => ("mark_all_read", "Mark every article in the view read", &["A"]),
            Undo => ("undo", "Undo the last mark", &["u"]),
            ToggleStar => ("toggle_star", "Toggle star", &["s"]),
            UnreadOnly => ("unread_only", "Show only unread articles", &["U"]),
            Search => ("search", "Search within the current filter", &["/"]),
            Query => ("query", "Filter by a query (tag:rust unread age:<7d …); empty clears", &[":"]),
            CycleSort => ("cycle_sort", "Sort: newest, oldest, by feed, unread first", &["S"]),
            NextUnread => ("next_unread", "Next unread article", &["n"]),
            OpenLink => ("open_link", "Open the article (or link N) in the browser", &["o"]),
            CopyLink => ("copy_link", "Copy the article link (or link N)", &["y"]),
            AddFeed => ("add_feed", "Add a feed by URL", &["a"]),
            RemoveFeed => ("remove_feed", "Remove the selected feed", &["d"]),
            FullText => ("full_text", "Fetch / toggle the full text (shown first once fetched)", &["f"]),
            Help => ("help", "Show/hide this help", &["?", "F1"]),
        }
    }

    pub fn from_name(name: &str) -> Option<Command> {
        Command::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// A key without modifiers folded in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyCode {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Insert,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    F(u8),
}

/// A key press: a code plus Ctrl/Alt. Shift is folded into the character ("G", not "S-g").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key { code, ctrl: false, alt: false }
    }

    pub const fn ctrl(c: char) -> Key {
        Key { code: KeyCode::Char(c), ctrl: true, alt: false }
    }

    /// Parses "j", "G", "Enter", "C-c", "Ctrl-c", "A-x", "F5", "Space", "PageDown"...
    pub fn parse(text: &str) -> Result<Key, String> {
        let mut key = Key::plain(KeyCode::Esc);
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            let prefix = ["c-", "ctrl-", "a-", "alt-", "m-"].into_iter().find(|p| lower.starts_with(p));
            match prefix {
                Some(p) if rest.len() > p.len() => {
                    if p.starts_with('c') {
                        key.ctrl = true;
                    } else {
                        key.alt = true;
                    }
                    rest = &rest[p.len()..];
                }
                _ => break,
            }
        }
        key.code = parse_code(rest).ok_or_else(|| format!("unknown key name \"{text}\""))?;
        // Terminals send Ctrl with a letter in one case only: "C-B" means the same as "C-b".
        if let (true, KeyCode::Char(c)) = (key.ctrl, key.code) {
            key.code = KeyCode::Char(c.to_ascii_lowercase());
        }
        Ok(key)
    }
}

fn parse_code(text: &str) -> Option<KeyCode> {
    let mut chars = text.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return (!c.is_control()).then_some(KeyCode::Char(c));
    }
    let code = match text.to_ascii_lowercase().as_str() {
        "enter" | "return" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "backtab" | "s-tab" | "shift-tab" => KeyCode::BackTab,
        "backspace" => KeyCode::Backspace,
        "delete" | "del" => KeyCode::Delete,
        "insert" | "ins" => KeyCode::Insert,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pageup" | "pgup" => KeyCode::PageUp,
        "pagedown" | "pgdn" => KeyCode::PageDown,
        "space" => KeyCode::Char(' '),
        f if f.starts_with('f') => {
            let n: u8 = f[1..].parse().ok()?;
            if !(1..=24).contains(&n) {
                return None;
            }
            KeyCode::F(n)
        }
        _ => return None,
    };
    Some(code)
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("C-")?;
        }
        if self.alt {
            f.write_str("A-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// Every command with its keys. Built from the defaults, with the user's table layered over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyBindings {
    bindings: BTreeMap<Command, Vec<Key>>,
}

impl Default for KeyBindings {
    fn default() -> Self {
        let bindings = Command::ALL
            .into_iter()
            .map(|c| {
                let keys = c
                    .default_keys()
                    .iter()
                    .map(|k| Key::parse(k).expect("default key names are valid"))
                    .collect();
                (c, keys)
            })
            .collect();
        KeyBindings { bindings }
    }
}

impl KeyBindings {
    /// The command a key runs, if any.
    pub fn command(&self, key: &Key) -> Option<Command> {
        self.bindings.iter().find(|(_, keys)| keys.contains(key)).map(|(c, _)| *c)
    }

    pub fn keys(&self, command: Command) -> &[Key] {
        self.bindings.get(&command).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Binds `command` to exactly `keys`, taking them from any other command.
    pub fn bind(&mut self, command: Command, keys: Vec<Key>) {
        for other in self.bindings.values_mut() {
            other.retain(|k| !keys.contains(k));
        }
        self.bindings.insert(command, keys);
    }

    /// The `[keys]` section of config.toml for these bindings, each command with its description
    /// as a comment (for the documented default config).
    pub fn to_toml(&self) -> String {
        let mut out = String::from("[keys]\n");
        for c in Command::ALL {
            let keys: Vec<String> = self.keys(c).iter().map(|k| format!("{:?}", k.to_string())).collect();
            out.push_str(&format!("# {}\n{} = [{}]\n", c.description(), c.name(), keys.join(", ")));
        }
        out
    }

    /// (keys as text, description) for every command, in help order.
    pub fn help_rows(&self) -> Vec<(String, &'static str)> {
        Command::ALL
            .into_iter()
            .map(|c| {
                let keys: Vec<String> = self.keys(c).iter().map(Key::to_string).collect();
                let keys = if keys.is_empty() { "(unbound)".to_string() } else { keys.join(" ") };
                (keys, c.description())
            })
            .collect()
    }
}

/// A key name as a value (`key = "W"` of a `[[command]]`); a bad one fails on its own line.
impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Key::parse(&String::deserialize(deserializer)?).map_err(serde::de::Error::custom)
    }
}

/// A command name as a table key; an unknown one fails on its own line.
struct CommandName(Command);

impl<'de> Deserialize<'de> for CommandName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        Command::from_name(&name).map(CommandName).ok_or_else(|| {
            serde::de::Error::custom(format!("unknown command \"{name}\" (the help screen lists them)"))
        })
    }
}

/// The keys of one command; a bad key name fails on its own line.
struct KeyList(Vec<Key>);

impl<'de> Deserialize<'de> for KeyList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let names = Vec::<String>::deserialize(deserializer)?;
        names
            .iter()
            .map(|k| Key::parse(k))
            .collect::<Result<_, _>>()
            .map(KeyList)
            .map_err(serde::de::Error::custom)
    }
}

impl<'de> Deserialize<'de> for KeyBindings {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = KeyBindings;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a table of command = [\"key\", ...]")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<KeyBindings, A::Error> {
                let mut out = KeyBindings::default();
                while let Some(CommandName(command)) = map.next_key()? {
                    let KeyList(keys) = map.next_value()?;
                    out.bind(command, keys);
                }
                Ok(out)
            }
        }
        deserializer.deserialize_map(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_names_and_modifiers() {
        assert_eq!(Key::parse("j"), Ok(Key::plain(KeyCode::Char('j'))));
        assert_eq!(Key::parse("C-c"), Ok(Key::ctrl('c')));
        assert_eq!(Key::parse("C-B"), Ok(Key::ctrl('b')));
        assert_eq!(Key::parse("Ctrl-x").map(|k| k.ctrl), Ok(true));
        assert_eq!(Key::parse("PageDown"), Ok(Key::plain(KeyCode::PageDown)));
        assert_eq!(Key::parse("Space"), Ok(Key::plain(KeyCode::Char(' '))));
        assert_eq!(Key::parse("-"), Ok(Key::plain(KeyCode::Char('-'))));
        assert!(Key::parse("Hyper").is_err());
        assert!(Key::parse("F99").is_err());
    }

    #[test]
    fn user_table_overrides_and_steals_keys() {
        let keys: KeyBindings = toml::from_str("down = [\"x\"]\nup = [\"j\"]").expect("valid");
        assert_eq!(keys.command(&Key::plain(KeyCode::Char('x'))), Some(Command::Down));
        assert_eq!(keys.command(&Key::plain(KeyCode::Char('j'))), Some(Command::Up));
        assert_eq!(keys.command(&Key::plain(KeyCode::Down)), None);
        assert_eq!(keys.command(&Key::plain(KeyCode::Char('q'))), Some(Command::Quit));
    }

    #[test]
    fn bad_names_say_which_key() {
        let text = "[keys]\nup = [\"k\"]\ndown = [\"Hyper-j\"]\n";
        let err = crate::config::Config::parse(text, "c.toml").expect_err("bad key").to_string();
        assert!(err.starts_with("c.toml:3: keys.down: unknown key name \"Hyper-j\""), "{err}");
        let err =
            crate::config::Config::parse("[keys]\ndwon = [\"j\"]\n", "c.toml").expect_err("bad command");
        assert!(err.to_string().starts_with("c.toml:2: keys.dwon: unknown command"), "{err}");
    }

    #[test]
    fn documented_section_parses_back_to_the_defaults() {
        let text = KeyBindings::default().to_toml();
        let table: toml::Table = toml::from_str(&text).expect("valid toml");
        let keys: KeyBindings = table["keys"].clone().try_into().expect("valid bindings");
        assert_eq!(keys, KeyBindings::default());
        assert!(text.contains("# Toggle star\ntoggle_star = [\"s\"]"), "{text}");
    }

    #[test]
    fn defaults_have_no_clashes() {
        let keys = KeyBindings::default();
        let mut seen = std::collections::HashSet::new();
        for c in Command::ALL {
            for k in keys.keys(c) {
                assert!(seen.insert(*k), "{k} bound twice");
            }
        }
    }
}
