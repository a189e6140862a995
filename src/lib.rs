//! byline: a terminal news reader. The library core knows nothing of the terminal; `app` holds
//! the pure state machine, `ui` and `tui` draw it.

pub mod config;
pub mod fetch;
pub mod model;
pub mod parse;
pub mod sanitize;
pub mod serve;
pub mod store;
pub mod text;
