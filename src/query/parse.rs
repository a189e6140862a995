//! Tokens -> an [`Expr`]: OR binds loosest, then AND (juxtaposition), then NOT.

use chrono::NaiveDate;

use super::lex::{Kind, Token, tokens};
use super::{Age, Expr, QueryError, Term, Unit, words};

const FIELDS: &str = "tag, feed, author, title, age, since, has";

pub(super) fn parse(text: &str) -> Result<Expr, QueryError> {
    let tokens = tokens(text)?;
    let end = text.chars().count() + 1;
    let mut parser = Parser { tokens, at: 0, end };
    if parser.tokens.is_empty() {
        return Err(QueryError { message: "empty query".into(), column: 1 });
    }
    let expr = parser.or()?;
    match parser.peek() {
        None => Ok(expr),
        Some(t) if t.kind == Kind::Close => Err(error(t, "unmatched )")),
        Some(t) => Err(error(t, format!("unexpected {}", t.raw))),
    }
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
    /// The column just past the text, for "expected more" errors.
    end: usize,
}

fn error(token: &Token, message: impl Into<String>) -> QueryError {
    QueryError { message: message.into(), column: token.column }
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn next(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.at).cloned();
        self.at += 1;
        token
    }

    fn or(&mut self) -> Result<Expr, QueryError> {
        let mut parts = vec![self.and()?];
        while let Some(token) = self.peek().filter(|t| t.kind == Kind::Or).cloned() {
            self.at += 1;
            if self.ends_group() {
                return Err(error(&token, "OR needs something after it"));
            }
            parts.push(self.and()?);
        }
        Ok(Expr::any(parts))
    }

    fn ends_group(&self) -> bool {
        self.peek().is_none_or(|t| matches!(t.kind, Kind::Close | Kind::Or | Kind::And))
    }

    fn and(&mut self) -> Result<Expr, QueryError> {
        if let Some(token) = self.peek().filter(|t| matches!(t.kind, Kind::Or | Kind::And)) {
            return Err(error(token, format!("{} needs something before it", token.raw.to_uppercase())));
        }
        if self.ends_group() {
            let column = self.peek().map_or(self.end, |t| t.column);
            return Err(QueryError { message: "expected a term".into(), column });
        }
        let mut parts = vec![self.unary()?];
        loop {
            match self.peek().map(|t| &t.kind) {
                None | Some(Kind::Close | Kind::Or) => break,
                Some(Kind::And) => {
                    let token = self.next().expect("peeked");
                    if self.ends_group() {
                        return Err(error(&token, "AND needs something after it"));
                    }
                }
                Some(_) => {}
            }
            parts.push(self.unary()?);
        }
        Ok(Expr::all(parts))
    }

    fn unary(&mut self) -> Result<Expr, QueryError> {
        let Some(token) = self.next() else {
            return Err(QueryError { message: "expected a term".into(), column: self.end });
        };
        match token.kind.clone() {
            Kind::Not => {
                if self.ends_group() {
                    return Err(error(&token, "NOT needs something after it"));
                }
                Ok(Expr::Not(Box::new(self.unary()?)))
            }
            Kind::Open => {
                if self.peek().is_some_and(|t| t.kind == Kind::Close) {
                    return Err(error(&token, "empty parentheses"));
                }
                let inner = self.or()?;
                match self.next() {
                    Some(t) if t.kind == Kind::Close => Ok(inner),
                    _ => Err(error(&token, "unclosed (")),
                }
            }
            Kind::Close => Err(error(&token, "unmatched )")),
            Kind::And | Kind::Or => Err(error(&token, format!("unexpected {}", token.raw))),
            Kind::Word { text, quoted } => word(&token, &text, quoted).map(Expr::Term),
            Kind::Field { key, value, value_column } => {
                field(&token, &key, &value, value_column).map(Expr::Term)
            }
        }
    }
}

fn word(token: &Token, text: &str, quoted: bool) -> Result<Term, QueryError> {
    if !quoted {
        match text.to_lowercase().as_str() {
            "unread" => return Ok(Term::Unread),
            "read" => return Ok(Term::Read),
            "starred" => return Ok(Term::Starred),
            _ => {}
        }
    }
    if words(text).next().is_none() {
        return Err(error(token, format!("nothing to search for in {}", token.raw)));
    }
    Ok(Term::Words(text.to_string()))
}

fn field(token: &Token, key: &str, value: &str, value_column: usize) -> Result<Term, QueryError> {
    let raw = &token.raw;
    let at = |message: String| QueryError { message: format!("{raw}: {message}"), column: value_column };
    let text = || -> Result<String, QueryError> {
        match value.trim() {
            "" => Err(at("needs a value".into())),
            v => Ok(v.to_string()),
        }
    };
    if value.starts_with('(') && matches!(key, "tag" | "feed" | "author" | "title") {
        return Err(at(format!("a value cannot hold a group: write ({key}:a OR {key}:b)")));
    }
    match key {
        "tag" => Ok(Term::Tag(text()?)),
        "feed" => Ok(Term::Feed(text()?)),
        "author" => Ok(Term::Author(text()?)),
        "title" => {
            let v = text()?;
            if words(&v).next().is_none() {
                return Err(at("needs a word".into()));
            }
            Ok(Term::Title(v))
        }
        "age" => age(value, value_column, raw).map(Term::Age),
        "since" => NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
            .map(Term::Since)
            .map_err(|_| at("expected a date as YYYY-MM-DD".into())),
        "has" => match value.to_lowercase().as_str() {
            "enclosure" | "enclosures" => Ok(Term::HasEnclosure),
            "fulltext" | "full-text" | "full_text" => Ok(Term::HasFullText),
            _ => Err(at("expected has:enclosure or has:fulltext".into())),
        },
        _ => Err(QueryError {
            message: format!("{raw}: unknown field \"{key}\" (known: {FIELDS}; quote it to search for it)"),
            column: token.column,
        }),
    }
}

/// `<7d` (newer than a week) or `>12h` (older than twelve hours).
fn age(value: &str, column: usize, raw: &str) -> Result<Age, QueryError> {
    let fail = |message: String, column: usize| QueryError { message: format!("{raw}: {message}"), column };
    let newer = match value.chars().next() {
        Some('<') => true,
        Some('>') => false,
        _ => return Err(fail("expected < or > then a duration, as age:<7d".into(), column)),
    };
    let rest = &value[1..];
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let column = column + 1;
    if digits.is_empty() {
        return Err(fail("expected a number, as age:<7d".into(), column));
    }
    let amount: u32 = digits.parse().map_err(|_| fail("number too large".into(), column))?;
    let unit_text = &rest[digits.len()..];
    let unit = match unit_text {
        "" => return Err(fail("missing unit (m, h, d or w)".into(), column)),
        u => Unit::ALL.iter().find(|(c, _)| u.eq_ignore_ascii_case(&c.to_string())).map(|(_, u)| *u),
    };
    let unit = unit.ok_or_else(|| fail(format!("unknown unit \"{unit_text}\""), column))?;
    Ok(Age { newer, amount, unit })
}
