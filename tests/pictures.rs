//! Pictures in the reader, without a terminal: which are asked for as the view moves, the room
//! they take, the view kept in place when one grows above it, and how they are drawn (half
//! blocks on a TestBackend).

mod tui_fixtures;

use byline::app::{self, Action, Effect, Mode, PictureEntry, PictureSettings, State, doc_len};
use byline::config::keys::Command;
use byline::config::theme::Theme;
use byline::model::{Article, ArticleId, Media};
use byline::ui::{self, Graphics, Picture, Styles};
use image::{DynamicImage, Rgb, RgbImage};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::style::Color;
use tui_fixtures::*;

const MAX_ROWS: u16 = 6;
const RED: Rgb<u8> = Rgb([200, 30, 30]);
const BLUE: Rgb<u8> = Rgb([30, 30, 200]);

/// An article body: `n` figures, each after `gap` paragraphs, then 30 more.
fn figures(n: usize, gap: usize) -> String {
    let mut html = String::new();
    for i in 0..n {
        for p in 0..gap {
            html.push_str(&format!("<p>Paragraph {p} before figure {i}.</p>"));
        }
        html.push_str(&format!("<figure><img src=\"/img/{i}.png\" alt=\"figure {i}\"></figure>"));
    }
    for p in 0..30 {
        html.push_str(&format!("<p>Closing paragraph {p}.</p>"));
    }
    html
}

fn src(i: usize) -> String {
    format!("https://feed1.example/img/{i}.png")
}

/// A state with pictures on, the first article opened with `html` (and `media`) laid out at
/// the width the reader asks for. Returns the effects of the layout's arrival.
fn opened(size: (u16, u16), html: &str, media: Media) -> (State, Vec<Effect>) {
    let mut state = loaded(size, 5);
    state.settings.pictures = Some(PictureSettings { max_rows: MAX_ROWS });
    let fx = app::update(&mut state, Action::Command(Command::Open));
    let Some(Effect::LoadArticle { request, id }) = fx.first().cloned() else { panic!("{fx:?}") };
    let article = Article {
        summary: state.articles.rows.iter().find(|r| r.id == id).cloned().expect("row"),
        content_html: html.to_string(),
        full_text_html: None,
        first_seen: chrono::Utc::now(),
        media,
    };
    let fx = app::update(&mut state, Action::ArticleLoaded { request, result: Ok(Some(article)) });
    let Some(Effect::Render { request, id, html, width }) = fx.first().cloned() else { panic!("{fx:?}") };
    let rendered = byline::text::render_html(&html, width);
    let fx = app::update(&mut state, Action::Rendered { request, id, width, rendered });
    (state, fx)
}

fn asked(fx: &[Effect]) -> Vec<String> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::LoadPicture { url, max_rows, .. } => {
                assert_eq!(*max_rows, MAX_ROWS);
                Some(url.clone())
            }
            _ => None,
        })
        .collect()
}

/// A picture `w` x `h` pixels in red and blue stripes 10 pixels high (half a cell: every cell
/// shows a half block), encoded as the runner would (half blocks: 10x20 a cell).
fn picture(w: u32, h: u32, width: u16) -> Picture {
    let image =
        DynamicImage::ImageRgb8(RgbImage::from_fn(w, h, |_, y| if (y / 10) % 2 == 0 { RED } else { BLUE }));
    Graphics::halfblocks().encode(image, width, MAX_ROWS).expect("encodes")
}

fn reader_width(state: &State) -> u16 {
    state.reader.body.loaded().expect("laid out").width
}

fn arrive(state: &mut State, url: &str, result: Result<Picture, String>) -> Vec<Effect> {
    let (article, width) = (state.reader.body.loaded().expect("laid out").id, reader_width(state));
    app::update(state, Action::PictureLoaded { article, url: url.to_string(), width, result })
}

fn draw(state: &State) -> Terminal<TestBackend> {
    let mut term = Terminal::new(TestBackend::new(state.size.0, state.size.1)).expect("test backend");
    // No theme colours: every coloured cell is a picture's.
    let styles = Styles::new(&Theme::default(), false);
    term.draw(|f| ui::draw(f, state, &styles)).expect("draw");
    term
}

/// The cells a picture was drawn in.
fn picture_cells(term: &Terminal<TestBackend>) -> Vec<(u16, u16)> {
    let buffer = term.backend().buffer();
    let area = buffer.area;
    let mut cells = Vec::new();
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let cell = &buffer[(x, y)];
            if matches!(cell.fg, Color::Rgb(..)) || matches!(cell.bg, Color::Rgb(..)) {
                cells.push((x, y));
            }
        }
    }
    cells
}

fn reader_inner(state: &State) -> Rect {
    let r = app::layout(state.size.0, state.size.1, state.focus).reader.expect("reader pane");
    Rect::new(r.x + 1, r.y + 1, r.width - 2, r.height - 2)
}

#[test]
fn only_the_pictures_near_the_view_are_asked_for_and_each_once() {
    let (mut state, fx) = opened((120, 30), &figures(8, 12), Media::default());
    let first = asked(&fx);
    assert!(!first.is_empty() && first.len() < 8, "near the top only: {first:?}");
    assert_eq!(first[0], src(0));
    assert!(!first.contains(&src(7)));
    // What was asked is not asked again while it is on its way.
    assert!(asked(&app::update(&mut state, Action::Command(Command::Up))).is_empty());
    let mut all = first.clone();
    for _ in 0..40 {
        all.extend(asked(&app::update(&mut state, Action::Command(Command::PageDown))));
    }
    let expected: Vec<String> = (0..8).map(src).collect();
    assert_eq!(all, expected, "each once, in order, as the view reaches it");
}

#[test]
fn without_pictures_on_nothing_is_asked_and_the_document_is_unchanged() {
    let mut state = loaded((120, 30), 5);
    let fx = app::update(&mut state, Action::Command(Command::Open));
    assert!(asked(&fx).is_empty());
    let (mut on, _) = opened((120, 30), &figures(2, 1), Media::default());
    let len = doc_len(&on, reader_width(&on));
    on.settings.pictures = None;
    assert_eq!(doc_len(&on, reader_width(&on)), len, "no picture has a size yet");
}

#[test]
fn a_picture_takes_its_rows_above_its_caption_and_is_drawn_inside_the_pane() {
    let (mut state, _) = opened((120, 30), &figures(1, 1), Media::default());
    let width = reader_width(&state);
    let before = doc_len(&state, width);
    arrive(&mut state, &src(0), Ok(picture(300, 100, width)));
    assert_eq!(doc_len(&state, width), before + 5, "100 px of 20 px rows");
    let term = draw(&state);
    let cells = picture_cells(&term);
    assert_eq!(cells.len(), 30 * 5, "30 columns, 5 rows");
    let inner = reader_inner(&state);
    assert!(cells.iter().all(|&(x, y)| inner.contains((x, y).into())), "{cells:?} outside {inner:?}");
    insta::assert_snapshot!(term.backend());
}

#[test]
fn a_wide_picture_is_no_wider_than_the_pane_and_no_taller_than_max_rows() {
    let (_, fx) = opened((120, 30), &figures(1, 1), Media::default());
    let Some(Effect::LoadPicture { width, .. }) =
        fx.iter().find(|e| matches!(e, Effect::LoadPicture { .. })).cloned()
    else {
        panic!("{fx:?}")
    };
    let fit = Graphics::halfblocks().fit(width, MAX_ROWS);
    assert_eq!((fit.width, fit.height), (u32::from(width) * 10, u32::from(MAX_ROWS) * 20));
    let tall = picture(300, 2000, width);
    assert_eq!(tall.rows, MAX_ROWS);
    let wide = picture(4000, 20, width);
    assert_eq!(wide.cols, width);
}

#[test]
fn a_picture_that_grows_above_the_view_keeps_the_text_in_place() {
    let (mut state, _) = opened((120, 30), &figures(2, 3), Media::default());
    let width = reader_width(&state);
    for _ in 0..12 {
        app::update(&mut state, Action::Command(Command::Down));
    }
    let top_line = |state: &State| {
        let term = draw(state);
        let inner = reader_inner(state);
        let buffer = term.backend().buffer();
        (inner.left()..inner.right())
            .map(|x| buffer[(x, inner.top())].symbol().to_string())
            .collect::<String>()
    };
    let shown = top_line(&state);
    let scroll = state.reader.scroll;
    arrive(&mut state, &src(0), Ok(picture(200, 80, width)));
    assert_eq!(state.reader.scroll, scroll + 4);
    assert_eq!(top_line(&state), shown);
}

#[test]
fn a_picture_scrolled_partly_out_of_view_is_cut_at_the_pane_border() {
    let (mut state, _) = opened((120, 20), &figures(1, 0), Media::default());
    let width = reader_width(&state);
    arrive(&mut state, &src(0), Ok(picture(300, 120, width)));
    // The header is 5 rows: four more put the picture's top 4 of 6 rows above the pane.
    for _ in 0..9 {
        app::update(&mut state, Action::Command(Command::Down));
    }
    let term = draw(&state);
    let cells = picture_cells(&term);
    let inner = reader_inner(&state);
    let rows: std::collections::BTreeSet<u16> = cells.iter().map(|c| c.1).collect();
    assert_eq!(rows.len(), 2, "only the bottom two rows: {rows:?}");
    assert_eq!(rows.first(), Some(&inner.top()));
    assert!(cells.iter().all(|&(x, y)| inner.contains((x, y).into())));
    insta::assert_snapshot!(term.backend());
}

#[test]
fn the_help_overlay_covers_the_pictures() {
    let (mut state, _) = opened((120, 30), &figures(1, 1), Media::default());
    let width = reader_width(&state);
    arrive(&mut state, &src(0), Ok(picture(300, 100, width)));
    app::update(&mut state, Action::Command(Command::Help));
    assert!(matches!(state.mode, Mode::Help { .. }));
    assert!(picture_cells(&draw(&state)).is_empty());
    app::update(&mut state, Action::CloseHelp);
    assert_eq!(picture_cells(&draw(&state)).len(), 150);
}

#[test]
fn a_picture_that_cannot_be_made_leaves_its_placeholder_and_is_not_asked_again() {
    let (mut state, _) = opened((120, 30), &figures(1, 1), Media::default());
    let width = reader_width(&state);
    let before = doc_len(&state, width);
    let fx = arrive(&mut state, &src(0), Err("claims 60000x60000 pixels".into()));
    assert!(asked(&fx).is_empty());
    assert_eq!(state.reader.pictures.entries.get(&src(0)), Some(&PictureEntry::Failed));
    assert_eq!(doc_len(&state, width), before);
    assert!(draw(&state).backend().to_string().contains("[image: figure 0][1]"));
}

#[test]
fn answers_for_another_article_or_width_are_dropped() {
    let (mut state, _) = opened((120, 30), &figures(1, 1), Media::default());
    let width = reader_width(&state);
    let stale = Action::PictureLoaded {
        article: ArticleId(999),
        url: src(0),
        width,
        result: Ok(picture(100, 100, width)),
    };
    app::update(&mut state, stale);
    let other_width = Action::PictureLoaded {
        article: state.reader.body.loaded().expect("body").id,
        url: src(0),
        width: width + 1,
        result: Ok(picture(100, 100, width)),
    };
    app::update(&mut state, other_width);
    assert_eq!(state.reader.pictures.entries.get(&src(0)), Some(&PictureEntry::Asked));
}

#[test]
fn far_pictures_are_let_go_keeping_their_room_and_are_made_again_when_near() {
    let (mut state, _) = opened((120, 20), &figures(2, 60), Media::default());
    let width = reader_width(&state);
    // The first is above the fold of a long article: near the top.
    let fx = app::update(&mut state, Action::Command(Command::Top));
    assert!(asked(&fx).is_empty());
    // Jump to the first picture's spot and load it.
    while !state.reader.pictures.entries.contains_key(&src(0)) {
        app::update(&mut state, Action::Command(Command::PageDown));
    }
    arrive(&mut state, &src(0), Ok(picture(300, 100, width)));
    let len = doc_len(&state, width);
    app::update(&mut state, Action::Command(Command::Bottom));
    match state.reader.pictures.entries.get(&src(0)) {
        Some(PictureEntry::Sized { rows: 5, picture: None, .. }) => {}
        other => panic!("let go, its size kept: {other:?}"),
    }
    assert_eq!(doc_len(&state, width), len);
    let fx = app::update(&mut state, Action::Command(Command::Top));
    let fx = [fx, {
        let mut more = Vec::new();
        while !asked(&more).contains(&src(0)) && state.reader.scroll < 200 {
            more = app::update(&mut state, Action::Command(Command::Down));
        }
        more
    }]
    .concat();
    assert!(asked(&fx).contains(&src(0)), "asked again when near");
    let scroll = state.reader.scroll;
    arrive(&mut state, &src(0), Ok(picture(300, 100, width)));
    assert_eq!(state.reader.scroll, scroll, "its room was kept: nothing moves");
    assert!(state.reader.pictures.picture(&src(0)).is_some());
}

#[test]
fn a_resize_makes_the_pictures_again_at_the_new_width() {
    let (mut state, _) = opened((120, 30), &figures(1, 1), Media::default());
    let width = reader_width(&state);
    arrive(&mut state, &src(0), Ok(picture(300, 100, width)));
    let fx = app::update(&mut state, Action::Resize(100, 30));
    let Some(Effect::Render { request, id, html, width }) =
        fx.iter().find(|e| matches!(e, Effect::Render { .. })).cloned()
    else {
        panic!("{fx:?}")
    };
    let rendered = byline::text::render_html(&html, width);
    let fx = app::update(&mut state, Action::Rendered { request, id, width, rendered });
    assert_eq!(asked(&fx), vec![src(0)]);
    assert_eq!(state.reader.pictures.width, width);
}

#[test]
fn the_lead_picture_heads_the_body_unless_the_body_shows_it() {
    let lead = Media { image: Some("https://cdn.example/lead.jpg".into()), ..Media::default() };
    let (mut state, fx) = opened((120, 30), &figures(1, 1), lead);
    assert_eq!(asked(&fx), vec!["https://cdn.example/lead.jpg".to_string(), src(0)]);
    let width = reader_width(&state);
    arrive(&mut state, "https://cdn.example/lead.jpg", Ok(picture(300, 60, width)));
    let cells = picture_cells(&draw(&state));
    let inner = reader_inner(&state);
    let title_rows = app::title_lines(&state.reader, width).len() as u16;
    assert_eq!(cells.iter().map(|c| c.1).min(), Some(inner.top() + title_rows + 4), "right under the header");

    let same = Media { image: Some(src(0)), ..Media::default() };
    let (_, fx) = opened((120, 30), &figures(1, 1), same);
    assert_eq!(asked(&fx), vec![src(0)], "shown once, where the body has it");
}

#[test]
fn a_lead_picture_that_grows_above_the_view_keeps_the_text_in_place_too() {
    let lead = Media { image: Some("https://cdn.example/lead.jpg".into()), ..Media::default() };
    let (mut state, _) = opened((120, 30), &figures(1, 20), lead);
    let width = reader_width(&state);
    for _ in 0..12 {
        app::update(&mut state, Action::Command(Command::Down));
    }
    let scroll = state.reader.scroll;
    arrive(&mut state, "https://cdn.example/lead.jpg", Ok(picture(200, 80, width)));
    assert_eq!(state.reader.scroll, scroll + 5, "its 4 rows and the blank row under it");
}
