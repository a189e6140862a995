//! Colours of each UI element; NO_COLOR turns them all off.

use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(default)]
pub struct Theme {}
