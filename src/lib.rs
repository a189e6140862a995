//! byline: a terminal news reader. The library core knows nothing of the terminal; `app` holds
//! the pure state machine, `ui` and `tui` draw it.

pub mod app;
pub mod cli;
pub mod config;
pub mod demo;
pub mod extract;
pub mod fetch;
pub mod fulltext;
pub mod handoff;
pub mod images;
pub mod import;
pub mod logging;
pub mod memory;
pub mod model;
pub mod notify;
pub mod parse;
pub mod query;
pub mod refresh;
pub mod sanitize;
pub mod schedule;
pub mod serve;
pub mod store;
pub mod subscriptions;
pub mod sync;
pub mod text;
pub mod tui;
pub mod ui;
pub mod zone;
