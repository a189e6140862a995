//! Text -> tokens, each with the column (in characters, from 1) where it starts.

use super::QueryError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Kind {
    Open,
    Close,
    Not,
    And,
    Or,
    /// A bare or quoted word; `quoted` keeps `"unread"` a word, not the keyword.
    Word {
        text: String,
        quoted: bool,
    },
    /// `key:value`; `value_column` is where the value starts.
    Field {
        key: String,
        value: String,
        value_column: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Token {
    pub kind: Kind,
    pub column: usize,
    /// The token as written, for messages.
    pub raw: String,
}

pub(super) fn tokens(text: &str) -> Result<Vec<Token>, QueryError> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let column = i + 1;
        let start = i;
        let kind = match c {
            c if c.is_whitespace() => {
                i += 1;
                continue;
            }
            '(' => {
                i += 1;
                Kind::Open
            }
            ')' => {
                i += 1;
                Kind::Close
            }
            '-' if chars.get(i + 1).is_some_and(|n| !n.is_whitespace() && *n != ')') => {
                i += 1;
                Kind::Not
            }
            '"' => {
                let (text, end) = quoted(&chars, i)?;
                i = end;
                Kind::Word { text, quoted: true }
            }
            _ => {
                let end = run_end(&chars, i, false);
                let word: String = chars[i..end].iter().collect();
                match word.split_once(':') {
                    Some((key, _)) if !key.is_empty() && key.chars().all(|c| c.is_ascii_alphabetic()) => {
                        let colon = i + key.chars().count();
                        let value_start = colon + 1;
                        let (value, end) = if chars.get(value_start) == Some(&'"') {
                            quoted(&chars, value_start)?
                        } else {
                            let end = run_end(&chars, value_start, true);
                            (chars[value_start..end].iter().collect(), end)
                        };
                        i = end;
                        Kind::Field { key: key.to_lowercase(), value, value_column: value_start + 1 }
                    }
                    _ => {
                        i = end;
                        match word.to_lowercase().as_str() {
                            "or" => Kind::Or,
                            "and" => Kind::And,
                            "not" => Kind::Not,
                            _ => Kind::Word { text: word, quoted: false },
                        }
                    }
                }
            }
        };
        out.push(Token { kind, column, raw: chars[start..i].iter().collect() });
    }
    Ok(out)
}

/// Where a bare run of characters from `from` ends: at a space or a parenthesis. A value may
/// hold parentheses in pairs, as URLs do (`feed:example.org/(x)`); an unpaired `)` ends a group.
fn run_end(chars: &[char], from: usize, value: bool) -> usize {
    let mut end = from;
    let mut depth = 0usize;
    while end < chars.len() {
        match chars[end] {
            c if c.is_whitespace() => break,
            '(' | '"' if !value => break,
            ')' if depth == 0 => break,
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        end += 1;
    }
    end
}

/// A quoted string from the quote at `open`: its text (with `\"` and `\\` unescaped) and the
/// index after its closing quote.
fn quoted(chars: &[char], open: usize) -> Result<(String, usize), QueryError> {
    let mut text = String::new();
    let mut i = open + 1;
    while i < chars.len() {
        match chars[i] {
            '"' => return Ok((text, i + 1)),
            '\\' if matches!(chars.get(i + 1), Some('"' | '\\')) => {
                text.push(chars[i + 1]);
                i += 2;
            }
            // A line break or a tab in a value is a space: every term matches by words anyway,
            // and a query stays one line (the store records rules a line each).
            c => {
                text.push(if c.is_whitespace() { ' ' } else { c });
                i += 1;
            }
        }
    }
    Err(QueryError { message: "unclosed quote".into(), column: open + 1 })
}
