//! Prompts (search, add feed: URL then tags) and confirmations: text editing and what
//! submitting them does.

use super::action::Edit;
use super::effect::Effect;
use super::nav;
use super::state::{ActiveQuery, Confirm, Mode, Pane, Prompt, PromptKind, Source, State};
use crate::query::Query;

pub(super) fn edit(state: &mut State, e: Edit) -> Vec<Effect> {
    let Mode::Prompt(prompt) = &mut state.mode else {
        return Vec::new();
    };
    if !matches!(e, Edit::Submit) {
        prompt.error = None;
    }
    let ed = &mut prompt.editor;
    match e {
        Edit::Insert(c) => ed.insert(c),
        // A prompt holds one line: line breaks and other controls in a paste become spaces.
        Edit::Paste(text) => text.chars().for_each(|c| ed.insert(if c.is_control() { ' ' } else { c })),
        Edit::Backspace => ed.backspace(),
        Edit::Delete => ed.delete(),
        Edit::Left => ed.left(),
        Edit::Right => ed.right(),
        Edit::Home => ed.home(),
        Edit::End => ed.end(),
        Edit::KillToStart => ed.kill_to_start(),
        Edit::KillToEnd => ed.kill_to_end(),
        Edit::DeleteWord => ed.delete_word(),
        Edit::Cancel => state.mode = Mode::Normal,
        Edit::Submit => return submit(state),
    }
    Vec::new()
}

fn submit(state: &mut State) -> Vec<Effect> {
    let Mode::Prompt(prompt) = std::mem::replace(&mut state.mode, Mode::Normal) else {
        return Vec::new();
    };
    let text = prompt.editor.text().trim().to_string();
    match prompt.kind.clone() {
        PromptKind::Search => {
            state.search = (!text.is_empty()).then_some(text);
            state.focus = Pane::Articles;
            nav::reset_articles(state)
        }
        PromptKind::Query if text.is_empty() => {
            state.query = None;
            state.focus = Pane::Articles;
            nav::reset_articles(state)
        }
        // Parsed as typed, so an error's column is where the user sees it.
        PromptKind::Query => match Query::parse(prompt.editor.text()) {
            Ok(query) => {
                state.query = Some(ActiveQuery { query, view: None, sort: None });
                state.focus = Pane::Articles;
                nav::reset_articles(state)
            }
            // The prompt stays open on the text, saying what is wrong and where.
            Err(e) => {
                state.mode = Mode::Prompt(Prompt { error: Some(e.to_string()), ..prompt });
                Vec::new()
            }
        },
        PromptKind::AddUrl if text.is_empty() => Vec::new(),
        PromptKind::AddUrl => {
            let kind = match state.settings.source {
                Source::Local => PromptKind::AddTags { url: text },
                Source::Server(_) => PromptKind::AddFolder { url: text },
            };
            state.mode = Mode::Prompt(Prompt::new(kind, ""));
            Vec::new()
        }
        PromptKind::AddFolder { url } => {
            state.message = Some(format!("subscribing to {url} on the server…"));
            let tags = (!text.is_empty()).then_some(text).into_iter().collect();
            vec![Effect::AddFeed { url, tags }]
        }
        PromptKind::AddTags { url } => {
            let tags = text.split(',').map(str::trim).filter(|t| !t.is_empty()).map(String::from).collect();
            state.message = Some(format!("adding {url}…"));
            vec![Effect::AddFeed { url, tags }]
        }
    }
}

pub(super) fn confirm(state: &mut State, yes: bool) -> Vec<Effect> {
    let Mode::Confirm(c) = std::mem::replace(&mut state.mode, Mode::Normal) else {
        return Vec::new();
    };
    match c {
        Confirm::RemoveFeed { url, title } if yes => {
            state.message = Some(format!("removing {title}…"));
            vec![Effect::RemoveFeed { url }]
        }
        Confirm::RemoveFeed { .. } => Vec::new(),
    }
}
