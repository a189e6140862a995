//! A `[[command]]` key: the current article handed to the user's program. The argv is made
//! here, from what the state holds; the runner runs it and answers with `Action::HandedOff`.

use crate::config::handoff::{Fields, Stdin};

use super::effect::Effect;
use super::state::State;

pub(super) fn start(state: &mut State, index: usize) -> Vec<Effect> {
    state.reader.digits.clear();
    let Some(handoff) = state.handoffs.get(index) else { return Vec::new() };
    let label = handoff.label();
    let Some(article) = state.current_article() else {
        state.message = Some("no article selected".into());
        return Vec::new();
    };
    let fields = Fields { url: article.link.as_deref(), title: &article.title, feed: &article.feed_title };
    // The text comes from the store: the list's rows carry no body.
    let stdin = (handoff.stdin == Stdin::Text).then_some(article.id);
    match handoff.argv(fields) {
        Ok(argv) => {
            state.message = Some(format!("{label}…"));
            vec![Effect::HandOff { label, argv, stdin }]
        }
        Err(e) => super::results::failed(state, format!("{label}: {e}")),
    }
}
