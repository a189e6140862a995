//! The query language that the CLI's `--query`, the reader's `:` prompt, saved views, ignore
//! rules and notifications share: parse text into a [`Query`], print it back, and hand the tree
//! to the store, which compiles it to its indexed SQL (`store::query`).
//!
//! ```text
//! tag:rust unread -title:sponsored (feed:lwn OR feed:phoronix) age:<7d
//! ```
//! Juxtaposition is AND, `OR` is looser, `NOT` or a leading `-` tighter; parentheses group.
//! Keywords and field names are case-insensitive; values match case-insensitively.

mod lex;
mod parse;
mod print;

use std::fmt;

use chrono::NaiveDate;

/// A parsed query. Two queries are equal when they mean the same tree, which is what printing
/// one and parsing the text again gives back.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Query {
    expr: Expr,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Expr {
    /// Every part matches; never empty, never directly holding another `And`.
    And(Vec<Expr>),
    /// Some part matches; never empty, never directly holding another `Or`.
    Or(Vec<Expr>),
    Not(Box<Expr>),
    Term(Term),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Term {
    /// Carries this tag, through its feed or its own categories.
    Tag(String),
    /// Its feed's title or URL holds this.
    Feed(String),
    /// Its author holds this.
    Author(String),
    /// Its title holds these words.
    Title(String),
    /// Its title or text holds these words (as word prefixes), as the search prompt does.
    Words(String),
    Unread,
    Read,
    Starred,
    /// Dated less (`Newer`) or more (`Older`) than this long ago.
    Age(Age),
    /// Dated on or after this day, local time.
    Since(NaiveDate),
    HasEnclosure,
    HasFullText,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Age {
    pub newer: bool,
    pub amount: u32,
    pub unit: Unit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    Minutes,
    Hours,
    Days,
    Weeks,
}

impl Unit {
    pub const ALL: [(char, Unit); 4] =
        [('m', Unit::Minutes), ('h', Unit::Hours), ('d', Unit::Days), ('w', Unit::Weeks)];

    pub fn seconds(self) -> i64 {
        match self {
            Unit::Minutes => 60,
            Unit::Hours => 3600,
            Unit::Days => 86_400,
            Unit::Weeks => 7 * 86_400,
        }
    }

    fn letter(self) -> char {
        Unit::ALL.iter().find(|(_, u)| *u == self).map(|(c, _)| *c).unwrap_or('d')
    }
}

impl Age {
    pub fn seconds(self) -> i64 {
        i64::from(self.amount).saturating_mul(self.unit.seconds())
    }
}

/// What is wrong with a query, and where: `column` counts characters from 1.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message} at column {column}")]
pub struct QueryError {
    pub message: String,
    pub column: usize,
}

impl Query {
    /// Parses a query; an empty one is an error (it would mean "everything", say so instead).
    pub fn parse(text: &str) -> Result<Query, QueryError> {
        parse::parse(text).map(|expr| Query { expr })
    }

    pub fn expr(&self) -> &Expr {
        &self.expr
    }

    /// Both must match.
    pub fn and(self, other: Query) -> Query {
        Query { expr: Expr::all(vec![self.expr, other.expr]) }
    }

    /// One or the other must match.
    pub fn or(self, other: Query) -> Query {
        Query { expr: Expr::any(vec![self.expr, other.expr]) }
    }

    /// Every term the query holds, in the order written.
    pub fn terms(&self) -> Vec<&Term> {
        let mut terms = Vec::new();
        self.expr.collect_terms(&mut terms);
        terms
    }
}

impl Expr {
    /// An AND of these, flattened so that equal meanings are equal trees.
    pub fn all(parts: Vec<Expr>) -> Expr {
        Expr::joined(parts, true)
    }

    /// An OR of these, flattened likewise.
    pub fn any(parts: Vec<Expr>) -> Expr {
        Expr::joined(parts, false)
    }

    fn joined(parts: Vec<Expr>, and: bool) -> Expr {
        let mut flat = Vec::new();
        for part in parts {
            match (part, and) {
                (Expr::And(inner), true) | (Expr::Or(inner), false) => flat.extend(inner),
                (other, _) => flat.push(other),
            }
        }
        if flat.len() == 1 {
            return flat.pop().expect("one part");
        }
        if and { Expr::And(flat) } else { Expr::Or(flat) }
    }

    fn collect_terms<'a>(&'a self, into: &mut Vec<&'a Term>) {
        match self {
            Expr::And(parts) | Expr::Or(parts) => parts.iter().for_each(|p| p.collect_terms(into)),
            Expr::Not(inner) => inner.collect_terms(into),
            Expr::Term(term) => into.push(term),
        }
    }
}

impl fmt::Display for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        print::write(f, &self.expr)
    }
}

/// The words of a text as the search index splits them (at every character that is not a letter
/// or digit): what bare words and `title:` look for.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

/// Base letters of U+00C0..U+024F (Latin-1 Supplement to Latin Extended-B), `.` where a
/// character has none: the accents the search index folds away (`remove_diacritics`), so that
/// `title:cafe` finds "Café" as the bare word `cafe` does.
const LATIN_BASES: &str = concat!(
    "aaaaaa.ceeeeiiii.nooooo..uuuuy..aaaaaa.ceeeeiiii.nooooo..uuuuy.y",
    "aaaaaaccccccccdd..eeeeeeeeeegggggggghh..iiiiiiiii...jjkk.llllll.",
    "...nnnnnn...oooooo..rrrrrrsssssssstttt..uuuuuuuuuuuuwwyyyzzzzzz.",
    "................................oo.............uu...............",
    ".............aaiioouuuuuuuuuu.aaaa....ggkkoooo..j...gg..nnaa....",
    "aaaaeeeeiiiioooorrrruuuusstt..hh......aaeeooooooooyy............",
    "................",
);

/// A word lowercased and without the accents of Latin letters, for matching as the index does.
pub fn fold(word: &str) -> String {
    folded(word).collect()
}

fn folded(word: &str) -> impl Iterator<Item = char> + '_ {
    word.chars().flat_map(char::to_lowercase).map(|c| {
        let at = (c as usize).wrapping_sub(0xC0);
        match LATIN_BASES.as_bytes().get(at) {
            Some(&base) if base != b'.' => char::from(base),
            _ => c,
        }
    })
}

/// Whether every word of `wanted` begins a word of `text`, both folded: the search index's
/// match, for one field.
pub fn has_words(text: &str, wanted: &str) -> bool {
    Wanted::new(wanted).in_text(text)
}

/// Words to look for, folded once: `title:` checks every candidate row against the same words.
#[derive(Debug, Clone)]
pub struct Wanted(Vec<Vec<char>>);

impl Wanted {
    pub fn new(wanted: &str) -> Wanted {
        Wanted(words(wanted).map(|w| folded(w).collect()).collect())
    }

    /// Every word begins a word of `text`; the text's words are folded as they are compared,
    /// without building a string.
    pub fn in_text(&self, text: &str) -> bool {
        self.0.iter().all(|w| {
            words(text).any(|have| {
                let mut have = folded(have);
                w.iter().all(|c| have.next() == Some(*c))
            })
        })
    }
}

#[cfg(test)]
mod tests;
