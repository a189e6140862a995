//! `[[view]]`, `[[ignore]]` and `[notify]`: the settings built on the query language. A query
//! that does not parse is a config error at its line, with the query's own message.

use serde::{Deserialize, Deserializer};

use super::handoff::{Placeholder, Run};
use crate::model::{IgnoreRule, Sort};
use crate::query::Query;

/// A saved view: shown above the tags with its unread count, chosen like a tag.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct View {
    pub name: String,
    #[serde(deserialize_with = "query")]
    pub query: Query,
    /// The view's article order; the list's current order when unset.
    #[serde(default)]
    pub sort: Option<Sort>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IgnoreMode {
    /// Stored, never shown or counted (a changed rule shows them again).
    #[default]
    Hide,
    /// Never stored.
    Drop,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ignore {
    #[serde(deserialize_with = "query")]
    pub query: Query,
    #[serde(default)]
    pub mode: IgnoreMode,
}

impl Ignore {
    pub fn rule(&self) -> IgnoreRule {
        IgnoreRule { query: self.query.clone(), drop: self.mode == IgnoreMode::Drop }
    }
}

/// Telling the user when a background refresh brings articles they care about.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Notify {
    /// New articles matching this are announced; none: no notifications.
    #[serde(deserialize_with = "optional_query")]
    pub query: Option<Query>,
    /// A program run without a shell, `{count}`, `{title}` and `{query}` expanded
    /// (`["notify-send", "byline", "{count} new: {title}"]`); none: the terminal's own
    /// notification (OSC 9 and OSC 777).
    #[serde(deserialize_with = "notice_command")]
    pub command: Option<Run>,
}

fn notice_command<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Run>, D::Error> {
    let words = Vec::<String>::deserialize(d)?;
    if words.is_empty() {
        return Ok(None);
    }
    Run::parse(words, &Placeholder::NOTICE).map(Some).map_err(serde::de::Error::custom)
}

fn query<'de, D: Deserializer<'de>>(d: D) -> Result<Query, D::Error> {
    let text = String::deserialize(d)?;
    Query::parse(&text).map_err(serde::de::Error::custom)
}

fn optional_query<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Query>, D::Error> {
    query(d).map(Some)
}
