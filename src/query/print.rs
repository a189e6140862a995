//! An [`Expr`] -> the text that parses back to it: the form the status line shows and a
//! notification or a log line quotes.

use std::fmt::{self, Write};

use super::{Expr, Term};

pub(super) fn write(f: &mut fmt::Formatter<'_>, expr: &Expr) -> fmt::Result {
    match expr {
        Expr::And(parts) => {
            for (i, part) in parts.iter().enumerate() {
                if i > 0 {
                    f.write_char(' ')?;
                }
                if matches!(part, Expr::Or(_)) {
                    f.write_char('(')?;
                    write(f, part)?;
                    f.write_char(')')?;
                } else {
                    write(f, part)?;
                }
            }
            Ok(())
        }
        Expr::Or(parts) => {
            for (i, part) in parts.iter().enumerate() {
                if i > 0 {
                    f.write_str(" OR ")?;
                }
                write(f, part)?;
            }
            Ok(())
        }
        Expr::Not(inner) => {
            f.write_char('-')?;
            match inner.as_ref() {
                Expr::And(_) | Expr::Or(_) => {
                    f.write_char('(')?;
                    write(f, inner)?;
                    f.write_char(')')
                }
                _ => write(f, inner),
            }
        }
        Expr::Term(term) => term_text(f, term),
    }
}

fn term_text(f: &mut fmt::Formatter<'_>, term: &Term) -> fmt::Result {
    match term {
        Term::Tag(v) => field(f, "tag", v),
        Term::Feed(v) => field(f, "feed", v),
        Term::Author(v) => field(f, "author", v),
        Term::Title(v) => field(f, "title", v),
        Term::Words(v) if bare_word_ok(v) => f.write_str(v),
        Term::Words(v) => quoted(f, v),
        Term::Unread => f.write_str("unread"),
        Term::Read => f.write_str("read"),
        Term::Starred => f.write_str("starred"),
        Term::Age(age) => {
            write!(f, "age:{}{}{}", if age.newer { '<' } else { '>' }, age.amount, age.unit.letter())
        }
        Term::Since(day) => write!(f, "since:{}", day.format("%Y-%m-%d")),
        Term::HasEnclosure => f.write_str("has:enclosure"),
        Term::HasFullText => f.write_str("has:fulltext"),
    }
}

fn field(f: &mut fmt::Formatter<'_>, key: &str, value: &str) -> fmt::Result {
    write!(f, "{key}:")?;
    let plain = !value.is_empty()
        && !value.starts_with('"')
        && !value.chars().any(|c| c.is_whitespace() || matches!(c, '(' | ')' | '"'));
    if plain { f.write_str(value) } else { quoted(f, value) }
}

/// A bare word that the lexer reads back as the same word: no keyword, no field, no operator.
fn bare_word_ok(word: &str) -> bool {
    let special = |c: char| c.is_whitespace() || matches!(c, '(' | ')' | '"');
    let keyword =
        matches!(word.to_lowercase().as_str(), "or" | "and" | "not" | "unread" | "read" | "starred");
    let looks_like_field = word
        .split_once(':')
        .is_some_and(|(key, _)| !key.is_empty() && key.chars().all(|c| c.is_ascii_alphabetic()));
    !word.is_empty() && !word.starts_with('-') && !word.chars().any(special) && !keyword && !looks_like_field
}

fn quoted(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    f.write_char('"')?;
    for c in text.chars() {
        if matches!(c, '"' | '\\') {
            f.write_char('\\')?;
        }
        f.write_char(c)?;
    }
    f.write_char('"')
}
