//! Highlighting: which words of a text match the query, and the text cut into marked spans.
//! Words are matched by term through the vocabulary, so "refunds" is marked for "refund"
//! without stemming the text again, and a word being typed marks the words it begins.

use std::borrow::Cow;

use peerhelp_api::TextSpan;

use crate::corpus::Corpus;
use crate::query::Query;
use crate::text::{Words, is_stopword, surface};
use crate::vocab::TermId;

/// A word of a text: byte range, the query slot it matches, and whether a sentence starts at it.
pub(crate) struct MarkedWord {
    pub start: usize,
    pub end: usize,
    pub slot: Option<usize>,
    pub sentence_start: bool,
}

pub(crate) struct Marker<'a> {
    corpus: &'a Corpus,
    initials: &'a [char],
    terms: Vec<(TermId, usize)>,
    typing: Option<(&'a str, usize)>,
}

impl<'a> Marker<'a> {
    pub(crate) fn new(corpus: &'a Corpus, query: &'a Query) -> Self {
        let terms = (query.slots.iter().enumerate())
            .flat_map(|(i, slot)| slot.variants.iter().map(move |v| (v.term, i)))
            .collect();
        let typing = query
            .typing
            .as_deref()
            .filter(|t| !t.is_empty())
            .map(|t| (t, query.slots.len().saturating_sub(1)));
        Marker {
            corpus,
            initials: &query.initials,
            terms,
            typing,
        }
    }

    /// The query slot a normalised word matches, if any.
    fn slot_of(&self, norm: &str) -> Option<usize> {
        if !norm
            .chars()
            .next()
            .is_some_and(|c| self.initials.contains(&c))
        {
            return None;
        }
        // Stopwords are not in the vocabulary, so only words with apostrophes need `surface`.
        let word = if norm.contains('\'') {
            surface(norm)?
        } else {
            Cow::Borrowed(norm)
        };
        let term = self.corpus.vocab.surface_term(&word);
        let exact = term
            .and_then(|term| self.terms.iter().find(|&&(t, _)| t == term))
            .map(|&(_, slot)| slot);
        let typed = || {
            self.typing
                .filter(|(prefix, _)| word.starts_with(prefix) && !is_stopword(&word))
        };
        exact.or_else(|| typed().map(|(_, slot)| slot))
    }

    /// Every word of `text`, marked against the query.
    pub(crate) fn words(&self, text: &str) -> Vec<MarkedWord> {
        let mut out: Vec<MarkedWord> = Vec::new();
        let mut words = Words::new(text);
        while let Some((start, end)) = words.next_word() {
            let sentence_start = out
                .last()
                .is_none_or(|prev| starts_sentence(&text[prev.end..start], &text[start..]));
            out.push(MarkedWord {
                start,
                end,
                slot: self.slot_of(words.norm()),
                sentence_start,
            });
        }
        out
    }
}

/// Whether the text after `gap` begins a sentence: a line break, or terminal punctuation and
/// a capital (so "e.g. this" does not).
fn starts_sentence(gap: &str, rest: &str) -> bool {
    let ends = gap.trim_end().ends_with(['.', '!', '?']) && gap.ends_with(char::is_whitespace);
    gap.contains('\n') || (ends && rest.starts_with(|c: char| c.is_uppercase() || c.is_numeric()))
}

/// `text[from..to]` as spans, marked where `words` (in that range) match; an optional "…"
/// before and after. Without the ellipses the spans concatenate to exactly the text.
pub(crate) fn spans(
    text: &str,
    words: &[MarkedWord],
    from: usize,
    to: usize,
    cut: (bool, bool),
) -> Vec<TextSpan> {
    let mut out = Vec::new();
    if cut.0 {
        out.push(TextSpan {
            text: "…".into(),
            mark: false,
        });
    }
    let mut at = from;
    for word in words
        .iter()
        .filter(|w| w.slot.is_some() && w.start >= from && w.end <= to)
    {
        if word.start > at {
            out.push(TextSpan {
                text: text[at..word.start].into(),
                mark: false,
            });
        }
        out.push(TextSpan {
            text: text[word.start..word.end].into(),
            mark: true,
        });
        at = word.end;
    }
    if to > at {
        out.push(TextSpan {
            text: text[at..to].into(),
            mark: false,
        });
    }
    if cut.1 {
        out.push(TextSpan {
            text: "…".into(),
            mark: false,
        });
    }
    out
}

/// The whole title, matched words marked.
pub(crate) fn title(marker: &Marker, title: &str) -> Vec<TextSpan> {
    spans(title, &marker.words(title), 0, title.len(), (false, false))
}
