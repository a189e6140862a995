//! Saved views, the `:` query prompt and the sort order in `update`.

use byline::app::{self, Action, ActiveQuery, Edit, Effect, Mode, Pane, State, TagList, TagRow};
use byline::config::keys::Command;
use byline::config::views::View;
use byline::model::{Filter, Sort};
use byline::query::Query;

use super::tui_fixtures::{answer_articles, loaded, tags};

fn cmd(state: &mut State, c: Command) -> Vec<Effect> {
    app::update(state, Action::Command(c))
}

fn filter_of(fx: &[Effect]) -> Filter {
    fx.iter()
        .find_map(|e| match e {
            Effect::LoadArticles { filter, .. } => Some(filter.clone()),
            _ => None,
        })
        .expect("a list load")
}

fn with_views() -> State {
    let mut state = loaded((120, 30), 10);
    state.views = vec![
        View { name: "Rust, unread".into(), query: Query::parse("tag:rust unread").expect("q"), sort: None },
        View {
            name: "Old news".into(),
            query: Query::parse("tag:news").expect("q"),
            sort: Some(Sort::Oldest),
        },
    ];
    app::update(&mut state, Action::TagsLoaded(Ok(TagList { tags: tags(), starred: 2 })));
    app::update(&mut state, Action::ViewsCounted(Ok(vec![7, 0])));
    state
}

fn type_query(state: &mut State, text: &str) -> Vec<Effect> {
    cmd(state, Command::Query);
    app::update(state, Action::Edit(Edit::KillToStart));
    for c in text.chars() {
        app::update(state, Action::Edit(Edit::Insert(c)));
    }
    app::update(state, Action::Edit(Edit::Submit))
}

#[test]
fn views_sit_above_the_tags_with_their_counts_and_are_chosen_like_a_tag() {
    let mut state = with_views();
    let rows = state.tag_rows();
    assert!(matches!(rows[2], TagRow::View(0, v, Some(7)) if v.name == "Rust, unread"), "{rows:?}");
    assert!(matches!(rows[3], TagRow::View(1, _, Some(0))), "{rows:?}");
    assert!(matches!(rows[4], TagRow::Tag(_)), "{rows:?}");
    // The tags loads ask for the views' counts.
    let fx = app::update(&mut state, Action::RefreshFinished(Ok(Default::default())));
    assert!(fx.contains(&Effect::LoadTags { views: state.view_queries() }), "{fx:?}");
    assert_eq!(state.view_queries().len(), 2);

    state.focus = Pane::Tags;
    state.tag_list.cursor = 2;
    let fx = cmd(&mut state, Command::Open);
    let filter = filter_of(&fx);
    assert_eq!(filter.query.as_ref().map(ToString::to_string).as_deref(), Some("tag:rust unread"));
    assert_eq!(filter.sort, Sort::Newest);
    // Another view replaces it, with its own order while chosen.
    (state.focus, state.tag_list.cursor) = (Pane::Tags, 3);
    let filter = filter_of(&cmd(&mut state, Command::Open));
    assert_eq!(filter.query.as_ref().map(ToString::to_string).as_deref(), Some("tag:news"));
    assert_eq!(filter.sort, Sort::Oldest);
    // Space on the chosen view takes it off; a tag then combines with a view toggled on.
    state.focus = Pane::Tags;
    let filter = filter_of(&cmd(&mut state, Command::ToggleTag));
    assert_eq!((filter.query, filter.sort), (None, Sort::Newest));
    state.tag_list.cursor = 4;
    cmd(&mut state, Command::ToggleTag);
    state.tag_list.cursor = 2;
    let filter = filter_of(&cmd(&mut state, Command::ToggleTag));
    assert!(filter.query.is_some() && filter.tags.len() == 1, "{filter:?}");
    // All clears everything.
    (state.focus, state.tag_list.cursor) = (Pane::Tags, 0);
    let filter = filter_of(&cmd(&mut state, Command::Open));
    assert_eq!(filter, Filter::default());
}

#[test]
fn the_query_prompt_refuses_a_bad_query_in_place_and_an_empty_one_clears() {
    let mut state = with_views();
    assert!(type_query(&mut state, "tag:rust age:<7x").is_empty());
    let Mode::Prompt(prompt) = &state.mode else { panic!("the prompt stays open: {:?}", state.mode) };
    assert_eq!(prompt.error.as_deref(), Some("age:<7x: unknown unit \"x\" at column 15"));
    assert_eq!(prompt.editor.text(), "tag:rust age:<7x", "the text is kept to mend");
    // Editing clears the error.
    app::update(&mut state, Action::Edit(Edit::Backspace));
    let Mode::Prompt(prompt) = &state.mode else { panic!("still open") };
    assert_eq!(prompt.error, None);
    app::update(&mut state, Action::Edit(Edit::Cancel));

    let fx = type_query(&mut state, "feed:lwn OR starred");
    assert_eq!(state.mode, Mode::Normal);
    assert_eq!(state.focus, Pane::Articles);
    assert!(matches!(&state.query, Some(ActiveQuery { view: None, .. })));
    assert_eq!(filter_of(&fx).query.map(|q| q.to_string()).as_deref(), Some("feed:lwn OR starred"));
    answer_articles(&mut state, &fx, 3);
    assert!(
        byline::ui::status_summary(&state).contains(":feed:lwn OR starred"),
        "{}",
        byline::ui::status_summary(&state)
    );
    // The prompt opens on the active query; submitting it empty clears it.
    cmd(&mut state, Command::Query);
    let Mode::Prompt(prompt) = &state.mode else { panic!("open") };
    assert_eq!(prompt.editor.text(), "feed:lwn OR starred");
    app::update(&mut state, Action::Edit(Edit::Cancel));
    let fx = type_query(&mut state, "");
    assert_eq!(filter_of(&fx).query, None);
    assert_eq!(state.query, None);
}

#[test]
fn s_cycles_the_order_from_the_one_in_force() {
    let mut state = with_views();
    let sorts: Vec<Sort> = (0..4).map(|_| filter_of(&cmd(&mut state, Command::CycleSort)).sort).collect();
    assert_eq!(sorts, [Sort::Oldest, Sort::Feed, Sort::UnreadFirst, Sort::Newest]);
    assert_eq!(state.message.as_deref(), Some("sorted newest first"));
    // In a view with its own order, S moves on from that order and the choice outlives the view.
    state.focus = Pane::Tags;
    state.tag_list.cursor = 3;
    cmd(&mut state, Command::Open);
    assert_eq!(filter_of(&cmd(&mut state, Command::CycleSort)).sort, Sort::Feed);
    (state.focus, state.tag_list.cursor) = (Pane::Tags, 0);
    assert_eq!(filter_of(&cmd(&mut state, Command::Open)).sort, Sort::Feed);
}
