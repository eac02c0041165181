//! Text analysis shared by indexing, querying and highlighting: Unicode-aware word splitting,
//! lowercase and accent folding, stopwords and English stemming.

use std::borrow::Cow;

mod fold;
mod stopwords;
#[cfg(test)]
mod tests;

pub(crate) use stopwords::is_stopword;

/// Apostrophes people type inside words: ASCII, right single quotation mark, modifier letter.
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

/// Combining accents of decomposed text ("e" + U+0301) belong to the word they follow.
fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}')
}

/// Splits a text into words, giving each one's byte range and its normalised form
/// (lowercase, accents folded, apostrophes kept as `'`). It is a lending iterator so that
/// scanning long texts for snippets does not allocate a string per word.
pub(crate) struct Words<'a> {
    text: &'a str,
    pos: usize,
    norm: String,
}

impl<'a> Words<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Words {
            text,
            pos: 0,
            norm: String::new(),
        }
    }

    /// The next word's byte range; its normalised form is then in [`Words::norm`].
    pub(crate) fn next_word(&mut self) -> Option<(usize, usize)> {
        let start = self.pos + self.text[self.pos..].find(char::is_alphanumeric)?;
        self.norm.clear();
        let bytes = self.text.as_bytes();
        let mut at = start;
        while at < bytes.len() {
            let byte = bytes[at];
            // ASCII fast path: most text of most sites is ASCII.
            if byte.is_ascii_alphanumeric() {
                self.norm.push(char::from(byte.to_ascii_lowercase()));
                at += 1;
                continue;
            }
            let c = self.text[at..]
                .chars()
                .next()
                .expect("at is a char boundary");
            let next_is_word = || self.text[at + c.len_utf8()..].starts_with(char::is_alphanumeric);
            if c.is_alphanumeric() {
                for lower in c.to_lowercase() {
                    fold::push_folded(&mut self.norm, lower);
                }
            } else if is_apostrophe(c) && next_is_word() {
                self.norm.push('\'');
            } else if !is_combining_mark(c) {
                // A combining accent belongs to the word (dropping it is the folding); any
                // other character ends it.
                break;
            }
            at += c.len_utf8();
        }
        self.pos = at;
        Some((start, at))
    }

    /// Normalised form of the word last returned by [`Words::next_word`].
    pub(crate) fn norm(&self) -> &str {
        &self.norm
    }
}

/// The form a word is looked up by in the vocabulary: possessive "'s" dropped and the other
/// apostrophes removed, so "user's" finds "user" and "dont" finds "don't".
pub(crate) fn surface(norm: &str) -> Option<Cow<'_, str>> {
    if is_stopword(norm) {
        return None;
    }
    let base = norm.strip_suffix("'s").unwrap_or(norm);
    let surface = if base.contains('\'') {
        Cow::Owned(base.replace('\'', ""))
    } else {
        Cow::Borrowed(base)
    };
    (!surface.is_empty() && !is_stopword(&surface)).then_some(surface)
}
