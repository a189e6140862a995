//! Words and word shingles, for measuring how much of one text another contains.
//!
//! A word is a run of letters, digits and underscores; each CJK character (and Hangul syllable)
//! is a word of its own, since Chinese and Japanese do not put spaces between words and a whole
//! sentence would otherwise be one "word".

use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};

/// Shingles of this many words: long enough that a shared shingle means shared text, short
/// enough that a short paragraph has some.
const SHINGLE: usize = 4;

pub(super) fn words(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (at, c) in text.char_indices() {
        if is_cjk(c) {
            if let Some(s) = start.take() {
                out.push(&text[s..at]);
            }
            out.push(&text[at..at + c.len_utf8()]);
        } else if c.is_alphanumeric() || c == '_' {
            start.get_or_insert(at);
        } else if let Some(s) = start.take() {
            out.push(&text[s..at]);
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF        // hiragana, katakana
        | 0x3400..=0x4DBF      // CJK extension A
        | 0x4E00..=0x9FFF      // CJK unified ideographs
        | 0xF900..=0xFAFF      // compatibility ideographs
        | 0xAC00..=0xD7AF) // hangul syllables
}

/// The words and shingles of a text, hashed: what [`Bag::covers`] looks blocks up in.
#[derive(Debug, Default)]
pub(super) struct Bag {
    words: HashSet<u64>,
    shingles: HashSet<u64>,
}

impl Bag {
    pub(super) fn of(text: &str) -> Bag {
        let words = words(text);
        Bag {
            words: words.iter().map(|w| hash(std::slice::from_ref(w))).collect(),
            shingles: words.windows(SHINGLE).map(hash).collect(),
        }
    }

    /// The share (0..=1) of `words`' shingles found in this bag; for fewer words than a
    /// shingle, the share of its words. None for no words at all.
    pub(super) fn covers(&self, words: &[&str]) -> Option<f64> {
        if words.is_empty() {
            return None;
        }
        let (found, total) = if words.len() < SHINGLE {
            let found = words.iter().filter(|w| self.words.contains(&hash(std::slice::from_ref(w)))).count();
            (found, words.len())
        } else {
            let found = words.windows(SHINGLE).filter(|s| self.shingles.contains(&hash(s))).count();
            (found, words.len() + 1 - SHINGLE)
        };
        Some(found as f64 / total as f64)
    }
}

fn hash(words: &[&str]) -> u64 {
    let mut hasher = DefaultHasher::new();
    words.hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_at_punctuation_and_cjk_characters() {
        assert_eq!(words("AT&T's 2nd-gen, café!"), ["AT", "T", "s", "2nd", "gen", "café"]);
        assert_eq!(words("Linuxカーネル6.1"), ["Linux", "カ", "ー", "ネ", "ル", "6", "1"]);
    }

    #[test]
    fn coverage_counts_shared_shingles() {
        let bag = Bag::of("one two three four five six");
        assert_eq!(bag.covers(&words("two three four five")), Some(1.0));
        assert_eq!(bag.covers(&words("two three four nine")), Some(0.0));
        assert_eq!(bag.covers(&words("six one")), Some(1.0));
        assert_eq!(bag.covers(&words("six seven")), Some(0.5));
        assert_eq!(bag.covers(&[]), None);
    }
}
