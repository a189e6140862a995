//! The theme turned into terminal styles; without colour (NO_COLOR) only attributes remain.

use ratatui::style::{Color, Modifier, Style};

use crate::config::theme::{Colour, Theme};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Styles {
    pub text: Style,
    pub dim: Style,
    pub unread: Style,
    pub starred: Style,
    pub error: Style,
    pub border: Style,
    pub border_focused: Style,
    pub selected: Style,
    pub title: Style,
    pub heading: Style,
    pub link: Style,
    pub code: Style,
    pub quote: Style,
    pub status: Style,
}

fn colour(c: Colour) -> Color {
    match c {
        Colour::Default => Color::Reset,
        Colour::Ansi(n) => Color::Indexed(n),
        Colour::Indexed(n) => Color::Indexed(n),
        Colour::Rgb(r, g, b) => Color::Rgb(r, g, b),
    }
}

impl Styles {
    /// `colour == false` (NO_COLOR) keeps bold, reverse and the like, drops every colour.
    pub fn new(theme: &Theme, use_colour: bool) -> Styles {
        let fg = |c: Colour| if use_colour { Style::new().fg(colour(c)) } else { Style::new() };
        let selected = if use_colour {
            Style::new().fg(colour(theme.selected_fg)).bg(colour(theme.selected_bg))
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        };
        let status = if use_colour {
            Style::new().fg(colour(theme.status_fg)).bg(colour(theme.status_bg))
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        };
        Styles {
            text: fg(theme.text),
            dim: fg(theme.dim),
            unread: fg(theme.unread).add_modifier(Modifier::BOLD),
            starred: fg(theme.starred),
            error: fg(theme.error).add_modifier(Modifier::BOLD),
            border: fg(theme.border),
            border_focused: fg(theme.border_focused).add_modifier(Modifier::BOLD),
            selected,
            title: fg(theme.title).add_modifier(Modifier::BOLD),
            heading: fg(theme.heading).add_modifier(Modifier::BOLD),
            link: fg(theme.link).add_modifier(Modifier::UNDERLINED),
            code: fg(theme.code),
            quote: fg(theme.quote).add_modifier(Modifier::ITALIC),
            status,
        }
    }

    /// Whether NO_COLOR asks for no colour (any non-empty value).
    pub fn colour_from_env() -> bool {
        std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
    }
}
