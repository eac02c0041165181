//! Query analysis. Each content word of the query becomes a slot of alternative terms: the
//! word itself, corrections when it looks misspelt, completions when it is the word being typed,
//! and the joined word when two query words are one word in the documents ("git hub").
//! A document scores a slot once, by its best alternative.

use crate::RankingParams;
use crate::corpus::Corpus;
use crate::text::{Words, surface};
use crate::vocab::TermId;

mod alternatives;

use alternatives::{add_completions, add_exact_and_corrections, add_forms, add_variant};

/// Most slots a query keeps; documents record matched slots in a 32-bit mask.
pub(crate) const MAX_SLOTS: usize = 32;

pub(crate) struct Variant {
    pub term: TermId,
    pub weight: f32,
}

pub(crate) struct Slot {
    pub variants: Vec<Variant>,
}

pub(crate) struct Query {
    pub slots: Vec<Slot>,
    /// The unfinished last word, when the query ends inside a word.
    pub typing: Option<String>,
    /// First letters of every word any slot can match (words of one stem share it), so
    /// highlighting can pass over most words without a vocabulary look-up.
    pub initials: Vec<char>,
}

/// True when the text ends inside a word, so its last word may be unfinished. A trailing
/// space or punctuation means the word is complete.
fn ends_inside_word(text: &str) -> bool {
    text.chars().next_back().is_some_and(char::is_alphanumeric)
}

pub(crate) fn parse(corpus: &Corpus, params: &RankingParams, text: &str) -> Query {
    let mut norms = Vec::new();
    let mut words = Words::new(text);
    while words.next_word().is_some() {
        norms.push(words.norm().to_owned());
    }
    let typing = ends_inside_word(text)
        .then(|| norms.last().map(|n| n.replace('\'', "")))
        .flatten();
    let mut slots: Vec<Slot> = Vec::new();
    let mut initials = Vec::new();
    // The previous word and its slot, for joining "git hub" into "github".
    let mut previous: Option<(Option<usize>, String)> = None;
    for (i, norm) in norms.iter().enumerate() {
        let word = surface(norm);
        let mut variants = Vec::new();
        if let Some(word) = &word {
            add_exact_and_corrections(corpus, params, word, &mut variants, &mut initials);
        }
        if typing.is_some() && i + 1 == norms.len() {
            initials.extend(norm.chars().next());
            add_completions(
                corpus,
                params,
                typing.as_deref().unwrap_or_default(),
                &mut variants,
            );
        }
        if let (Some((prev_slot, prev)), Some(word)) = (&previous, &word) {
            let mut joined = Vec::new();
            add_forms(corpus, params, &format!("{prev}{word}"), &mut joined);
            for Variant { term, weight } in joined {
                if let Some(prev_slot) = *prev_slot {
                    add_variant(&mut slots[prev_slot].variants, term, weight);
                }
                add_variant(&mut variants, term, weight);
            }
        }
        let fresh = !slots
            .iter()
            .any(|slot| same_terms(&slot.variants, &variants));
        let slot = (!variants.is_empty() && fresh && slots.len() < MAX_SLOTS).then(|| {
            slots.push(Slot { variants });
            slots.len() - 1
        });
        previous = word.map(|w| (slot, w.into_owned()));
    }
    initials.sort_unstable();
    initials.dedup();
    Query {
        slots,
        typing,
        initials,
    }
}

fn same_terms(a: &[Variant], b: &[Variant]) -> bool {
    a.len() == b.len() && a.iter().all(|x| b.iter().any(|y| y.term == x.term))
}
