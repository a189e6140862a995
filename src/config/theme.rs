//! Colours of each UI element; NO_COLOR turns them all off (the UI keeps bold/reverse).
//!
//! In config.toml: `[theme]` then `element = "name"` or `"#rrggbb"` or `"default"`.

use serde::{Deserialize, Deserializer};

/// A colour as the user wrote it; the UI maps it to terminal colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Colour {
    /// The terminal's own colour.
    Default,
    /// One of the 16 ANSI colours, 0..=15 (black, red, green, yellow, blue, magenta, cyan, gray,
    /// then the bright ones).
    Ansi(u8),
    /// A 256-colour palette index.
    Indexed(u8),
    Rgb(u8, u8, u8),
}

const NAMES: [&str; 16] = [
    "black",
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "gray",
    "darkgray",
    "lightred",
    "lightgreen",
    "lightyellow",
    "lightblue",
    "lightmagenta",
    "lightcyan",
    "white",
];

impl Colour {
    /// Parses a name ("red", "light-blue", "default"), a palette index ("208") or "#rrggbb".
    pub fn parse(text: &str) -> Result<Colour, String> {
        let norm: String = text.trim().to_ascii_lowercase().chars().filter(|c| !"-_ ".contains(*c)).collect();
        let bad = || {
            format!("unknown colour \"{text}\" (use a name such as \"red\", a number 0-255 or \"#rrggbb\")")
        };
        if norm == "default" || norm == "reset" || norm == "none" {
            return Ok(Colour::Default);
        }
        if let Some(hex) = norm.strip_prefix('#') {
            if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
                return Err(bad());
            }
            let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).map_err(|_| bad());
            return Ok(Colour::Rgb(byte(0)?, byte(2)?, byte(4)?));
        }
        if let Ok(n) = norm.parse::<u8>() {
            return Ok(Colour::Indexed(n));
        }
        let norm = match norm.as_str() {
            "grey" | "lightgray" | "lightgrey" | "silver" => "gray",
            "darkgrey" | "brightblack" => "darkgray",
            other => other,
        };
        let norm =
            norm.strip_prefix("bright").map(|n| format!("light{n}")).unwrap_or_else(|| norm.to_string());
        NAMES.iter().position(|n| *n == norm).map(|i| Colour::Ansi(i as u8)).ok_or_else(bad)
    }
}

/// Foreground colour of every element (and the two backgrounds that need one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub text: Colour,
    /// Dates, counts, secondary text.
    pub dim: Colour,
    pub unread: Colour,
    pub starred: Colour,
    pub error: Colour,
    pub border: Colour,
    pub border_focused: Colour,
    pub selected_fg: Colour,
    pub selected_bg: Colour,
    pub title: Colour,
    pub heading: Colour,
    pub link: Colour,
    pub code: Colour,
    pub quote: Colour,
    pub status_fg: Colour,
    pub status_bg: Colour,
}

impl Default for Theme {
    fn default() -> Self {
        use Colour::*;
        Theme {
            text: Default,
            dim: Ansi(8),
            unread: Default,
            starred: Ansi(3),
            error: Ansi(1),
            border: Ansi(8),
            border_focused: Ansi(6),
            selected_fg: Ansi(0),
            selected_bg: Ansi(6),
            title: Ansi(14),
            heading: Ansi(11),
            link: Ansi(4),
            code: Ansi(2),
            quote: Ansi(5),
            status_fg: Ansi(15),
            status_bg: Ansi(4),
        }
    }
}

const ELEMENTS: [&str; 16] = [
    "text",
    "dim",
    "unread",
    "starred",
    "error",
    "border",
    "border_focused",
    "selected_fg",
    "selected_bg",
    "title",
    "heading",
    "link",
    "code",
    "quote",
    "status_fg",
    "status_bg",
];

impl std::fmt::Display for Colour {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Colour::Default => f.write_str("default"),
            Colour::Ansi(n) => f.write_str(NAMES.get(usize::from(*n)).copied().unwrap_or("default")),
            Colour::Indexed(n) => write!(f, "{n}"),
            Colour::Rgb(r, g, b) => write!(f, "#{r:02x}{g:02x}{b:02x}"),
        }
    }
}

impl Theme {
    /// The `[theme]` section of config.toml for this theme (for the documented default config).
    pub fn to_toml(&self) -> String {
        let mut copy = self.clone();
        let mut out = String::from("[theme]\n");
        for name in ELEMENTS {
            if let Some(c) = copy.slot(name) {
                out.push_str(&format!("{name} = \"{c}\"\n"));
            }
        }
        out
    }

    fn slot(&mut self, name: &str) -> Option<&mut Colour> {
        Some(match name {
            "text" => &mut self.text,
            "dim" => &mut self.dim,
            "unread" => &mut self.unread,
            "starred" => &mut self.starred,
            "error" => &mut self.error,
            "border" => &mut self.border,
            "border_focused" => &mut self.border_focused,
            "selected_fg" => &mut self.selected_fg,
            "selected_bg" => &mut self.selected_bg,
            "title" => &mut self.title,
            "heading" => &mut self.heading,
            "link" => &mut self.link,
            "code" => &mut self.code,
            "quote" => &mut self.quote,
            "status_fg" => &mut self.status_fg,
            "status_bg" => &mut self.status_bg,
            _ => return None,
        })
    }
}

impl<'de> Deserialize<'de> for Colour {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Colour::parse(&String::deserialize(deserializer)?).map_err(serde::de::Error::custom)
    }
}

/// An element name as a table key; an unknown one fails on its own line.
struct Element(String);

impl<'de> Deserialize<'de> for Element {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        if Theme::default().slot(&name).is_none() {
            return Err(serde::de::Error::custom(format!("unknown theme element \"{name}\"")));
        }
        Ok(Element(name))
    }
}

impl<'de> Deserialize<'de> for Theme {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Theme;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a table of element = \"colour\"")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Theme, A::Error> {
                let mut theme = Theme::default();
                while let Some(Element(name)) = map.next_key()? {
                    let colour: Colour = map.next_value()?;
                    if let Some(slot) = theme.slot(&name) {
                        *slot = colour;
                    }
                }
                Ok(theme)
            }
        }
        deserializer.deserialize_map(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_names_hex_and_indexes() {
        assert_eq!(Colour::parse("red"), Ok(Colour::Ansi(1)));
        assert_eq!(Colour::parse("Light-Blue"), Ok(Colour::Ansi(12)));
        assert_eq!(Colour::parse("bright_red"), Ok(Colour::Ansi(9)));
        assert_eq!(Colour::parse("#ff8000"), Ok(Colour::Rgb(255, 128, 0)));
        assert_eq!(Colour::parse("208"), Ok(Colour::Indexed(208)));
        assert_eq!(Colour::parse("default"), Ok(Colour::Default));
        assert!(Colour::parse("#ff80").is_err());
        assert!(Colour::parse("blu").is_err());
    }

    #[test]
    fn documented_section_parses_back_to_the_defaults() {
        let text = Theme::default().to_toml();
        let table: toml::Table = toml::from_str(&text).expect("valid toml");
        let theme: Theme = table["theme"].clone().try_into().expect("valid theme");
        assert_eq!(theme, Theme::default());
        assert!(text.contains("starred = \"yellow\""), "{text}");
        assert_eq!(text.lines().count(), 1 + ELEMENTS.len(), "every element is documented");
        assert_eq!(Colour::Rgb(1, 2, 255).to_string(), "#0102ff");
    }

    #[test]
    fn layered_over_defaults_and_errors_name_the_key() {
        let theme: Theme = toml::from_str("unread = \"#112233\"").expect("valid");
        assert_eq!(theme.unread, Colour::Rgb(0x11, 0x22, 0x33));
        assert_eq!(theme.error, Theme::default().error);
        let err =
            crate::config::Config::parse("[theme]\nlink = \"blu\"\n", "c.toml").expect_err("bad colour");
        assert!(err.to_string().starts_with("c.toml:2: theme.link: unknown colour \"blu\""), "{err}");
        let err =
            crate::config::Config::parse("[theme]\nlnk = \"blue\"\n", "c.toml").expect_err("bad element");
        assert!(err.to_string().starts_with("c.toml:2: theme.lnk: unknown theme element"), "{err}");
    }
}
