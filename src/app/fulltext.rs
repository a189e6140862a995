//! `f` in the reader: show the stored full text or the feed's content, or fetch the full text
//! in the background. Only the answer to the latest request for the open article is shown.

use crate::model::{ArticleId, FullText};

use super::effect::Effect;
use super::state::{BodySource, FullTextFetch, Load, State};
use super::update::render_body;

/// Toggles between the two bodies when the full text is stored, else starts fetching it.
pub(super) fn toggle_or_fetch(state: &mut State) -> Vec<Effect> {
    let Some(article) = state.reader.article() else {
        state.message = Some("open an article first".into());
        return Vec::new();
    };
    if article.full_text_html.is_some() {
        state.reader.source = match state.reader.source {
            BodySource::Feed => BodySource::FullText,
            BodySource::FullText => BodySource::Feed,
        };
        state.reader.scroll = 0;
        return render_body(state);
    }
    if matches!(state.reader.full_text, FullTextFetch::Fetching { .. }) {
        state.message = Some("already fetching the full text".into());
        return Vec::new();
    }
    let (id, link) = (article.summary.id, article.summary.link.clone());
    let Some(url) = link else {
        state.message = Some("this article has no link".into());
        return Vec::new();
    };
    let request = state.request_id();
    state.reader.full_text = FullTextFetch::Fetching { request };
    vec![Effect::FetchFullText { request, id, url }]
}

/// A fetch finished. Results for an article no longer open, or of an older request, are
/// dropped (the store has kept a success anyway).
pub(super) fn fetched(
    state: &mut State,
    request: u64,
    id: ArticleId,
    result: Result<FullText, String>,
) -> Vec<Effect> {
    let reader = &mut state.reader;
    let open = reader.article().is_some_and(|a| a.summary.id == id);
    if reader.full_text != (FullTextFetch::Fetching { request }) || !open {
        return Vec::new();
    }
    match result {
        Ok(page) => {
            reader.full_text = FullTextFetch::Idle;
            if let Load::Loaded(article) = &mut reader.article {
                article.full_text_html = Some(page.html);
                // As the store reads it back.
                article.summary.fill_from_page(page.author, page.published);
                if article.media.image.is_none() {
                    // As the store keeps it: cleaned, and none when empty.
                    article.media.image =
                        page.image.map(|i| crate::sanitize::clean_line(&i)).filter(|i| !i.is_empty());
                }
            }
            reader.source = BodySource::FullText;
            reader.scroll = 0;
            render_body(state)
        }
        Err(reason) => {
            state.last_error = Some(format!("full text unavailable: {reason}"));
            reader.full_text = FullTextFetch::Failed(reason);
            // A message would hide the error in the status line.
            state.message = None;
            Vec::new()
        }
    }
}
