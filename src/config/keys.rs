//! Key bindings: which keys run which command, per pane/mode. Data with a description each,
//! so the help overlay is generated from them.

use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(default)]
pub struct KeyBindings {}
