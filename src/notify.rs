//! Notifications: after a refresh the user did not ask for, new unread articles matching
//! `notify.query` are announced once, through `notify.command` or the terminal's own
//! notification (OSC 9, which iTerm2, WezTerm, foot, kitty and Windows Terminal show; OSC 777,
//! which urxvt, foot and VTE terminals show).

use chrono::{DateTime, Utc};

use crate::config::handoff::Placeholder;
use crate::config::views::Notify;
use crate::query::Query;
use crate::store::Store;

/// What one refresh brought that the user wants to hear of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub count: u32,
    /// The newest match's title, cleaned of controls.
    pub title: String,
}

impl Notice {
    /// "New: Linux 7.0 released", "3 new, the latest: Linux 7.0 released".
    pub fn text(&self) -> String {
        match self.count {
            1 => format!("New: {}", self.title),
            n => format!("{n} new, the latest: {}", self.title),
        }
    }
}

/// The notice for articles first seen since `since`, if any match.
pub fn notice(store: &Store, query: &Query, since: DateTime<Utc>) -> crate::store::Result<Option<Notice>> {
    let (count, title) = store.new_matching(query, since)?;
    Ok((count > 0).then(|| Notice { count, title: crate::sanitize::clean_line(&title.unwrap_or_default()) }))
}

/// The configured program's argv for a notice.
pub fn command_argv(notify: &Notify, notice: &Notice) -> Option<Vec<String>> {
    let (run, query) = (notify.command.as_ref()?, notify.query.as_ref()?);
    Some(run.argv(|p| match p {
        Placeholder::Count => notice.count.to_string(),
        Placeholder::Title => notice.title.clone(),
        Placeholder::Query => query.to_string(),
        Placeholder::Url | Placeholder::Feed => String::new(),
    }))
}

/// The terminal's notification: OSC 9, then OSC 777 for the terminals that read that one. The
/// text can end neither sequence early: every control character is gone, and `;` (777's field
/// separator) is a comma.
pub fn terminal_sequence(text: &str) -> String {
    let clean: String = crate::sanitize::clean_line(text)
        .chars()
        .filter(|c| !c.is_control())
        .map(|c| if c == ';' { ',' } else { c })
        .collect();
    format!("\u{1b}]9;{clean}\u{7}\u{1b}]777;notify;byline;{clean}\u{7}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_terminal_sequence_cannot_be_broken_out_of() {
        let seq = terminal_sequence("evil\u{7}\u{1b}]52;c;AAAA\u{7}; title\n");
        assert_eq!(seq.matches('\u{7}').count(), 2, "{seq:?}");
        assert_eq!(seq.matches('\u{1b}').count(), 2, "{seq:?}");
        assert!(seq.starts_with("\u{1b}]9;evil"), "{seq:?}");
        assert!(seq.contains("]777;notify;byline;evil"), "{seq:?}");
        assert!(!seq.contains("52;c"), "{seq:?}");
    }

    #[test]
    fn the_command_gets_count_title_and_query_each_as_one_argument() {
        let text = "[notify]\nquery = \"tag:rust\"\ncommand = [\"notify-send\", \"byline\", \"{count} new: {title}\", \"{query}\"]\n";
        let config = crate::config::Config::parse(text, "c.toml").expect("parses");
        let notice = Notice { count: 2, title: "A \"quoted\" title; rm -rf".into() };
        let argv = command_argv(&config.notify, &notice).expect("configured");
        assert_eq!(argv, ["notify-send", "byline", "2 new: A \"quoted\" title; rm -rf", "tag:rust"]);
        let text = "[notify]\nquery = \"tag:rust\"\ncommand = [\"notify-send\", \"{url}\"]\n";
        let msg = crate::config::Config::parse(text, "c.toml").expect_err("no url").to_string();
        assert!(msg.starts_with("c.toml:3: notify.command: unknown placeholder {url}"), "{msg}");
    }
}
