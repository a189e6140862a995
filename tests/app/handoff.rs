//! `[[command]]` keys: the current article's argv made in `update`, the result on the status line.

use super::*;
use byline::config::Config;

const COMMANDS: &str = "[[command]]\nkey = \"W\"\ndescription = \"Save to wallabag\"\nrun = [\"wallabag\", \"add\", \"--title={title}\", \"{url}\", \"{feed}\"]\nstdin = \"text\"\n\n[[command]]\nkey = \"C-e\"\nrun = [\"mailer\", \"{url}\"]\n";

fn with_commands(state: &mut State) {
    state.handoffs = Config::parse(COMMANDS, "config.toml").expect("valid commands").commands;
}

fn press(state: &mut State, key: &str) -> Vec<Effect> {
    let key = Key::parse(key).expect("key name");
    let action = app::action_for(state, key).expect("a bound key");
    app::update(state, action)
}

#[test]
fn the_key_hands_the_selected_article_to_the_program() {
    let mut state = loaded(WIDE, 10);
    with_commands(&mut state);
    cmd(&mut state, Command::Down);
    let fx = press(&mut state, "W");
    let expected = Effect::HandOff {
        label: "Save to wallabag".into(),
        argv: ["wallabag", "add", "--title=Article number 2", "https://feed2.example/post/2", "Feed 2"]
            .map(String::from)
            .to_vec(),
        stdin: Some(ArticleId(2)),
    };
    assert_eq!(fx, vec![expected]);
    assert_eq!(state.message.as_deref(), Some("Save to wallabag…"));
    // Without stdin = "text", no text is asked for; no description: the program names it.
    let fx = press(&mut state, "C-e");
    let Some(Effect::HandOff { label, stdin: None, .. }) = fx.first() else { panic!("{fx:?}") };
    assert_eq!(label, "mailer");
}

#[test]
fn in_the_reader_the_open_article_is_handed_over() {
    let mut state = loaded(WIDE, 10);
    with_commands(&mut state);
    cmd(&mut state, Command::Down);
    open_and_load(&mut state);
    // The list's selection moves on behind the reader (a narrow screen's Tab-away, say).
    state.articles.cursor = 5;
    let fx = press(&mut state, "W");
    let Some(Effect::HandOff { stdin, argv, .. }) = fx.first() else { panic!("{fx:?}") };
    assert_eq!(*stdin, Some(ArticleId(2)));
    assert_eq!(argv[3], "https://feed1.example/post/2", "the reader's article, not the list's row 6");
}

#[test]
fn the_outcome_is_one_status_line() {
    let mut state = loaded(WIDE, 10);
    with_commands(&mut state);
    press(&mut state, "W");
    let label = "Save to wallabag".to_string();
    app::update(&mut state, Action::HandedOff { label: label.clone(), result: Ok(()) });
    assert_eq!(state.message.as_deref(), Some("Save to wallabag: done"));
    let failure = Err("exit status 3: boom".to_string());
    app::update(&mut state, Action::HandedOff { label, result: failure });
    assert_eq!(
        (state.message.as_deref(), state.last_error.as_deref()),
        (None, Some("Save to wallabag: exit status 3: boom"))
    );
}

#[test]
fn an_article_without_a_link_runs_nothing() {
    let mut state = loaded(WIDE, 10);
    with_commands(&mut state);
    let row = state.articles.cursor;
    state.articles.row_mut(row).expect("selected row").link = None;
    assert!(press(&mut state, "W").is_empty());
    assert_eq!(state.last_error.as_deref(), Some("Save to wallabag: this article has no link"));
    let mut empty = State::new(KeyBindings::default(), app::Settings::default(), WIDE);
    with_commands(&mut empty);
    assert!(press(&mut empty, "W").is_empty());
    assert_eq!(empty.message.as_deref(), Some("no article selected"));
}

#[test]
fn prompts_take_the_key_as_text() {
    let mut state = loaded(WIDE, 10);
    with_commands(&mut state);
    cmd(&mut state, Command::Search);
    assert_eq!(app::action_for(&state, Key::parse("W").expect("key")), Some(Action::Edit(Edit::Insert('W'))));
}

#[test]
fn the_help_screen_lists_the_commands() {
    let mut state = loaded(WIDE, 10);
    with_commands(&mut state);
    let rows = state.help_rows();
    assert_eq!(rows.len(), state.help_len());
    assert_eq!(
        rows[rows.len() - 2..],
        [("W".to_string(), "Save to wallabag".to_string()), ("C-e".to_string(), "mailer".to_string())]
    );
}
