//! Query analysis. Each content word of the query becomes a slot of alternative terms: the
//! word itself, corrections when it looks misspelt, completions when it is the word being typed,
//! and the joined word when two query words are one word in the documents ("git hub").
//! A document scores a slot once, by its best alternative.

use crate::RankingParams;
use crate::corpus::Corpus;
use crate::text::{Words, surface};
use crate::vocab::TermId;

/// Most slots a query keeps; documents record matched slots in a 32-bit mask.
pub(crate) const MAX_SLOTS: usize = 32;
/// Completions of the word being typed, most frequent first: enough for the likely words,
/// few enough that a one-letter prefix stays cheap to score.
const MAX_COMPLETIONS: usize = 8;
const MAX_CORRECTIONS: usize = 3;
const MAX_RELATIVES: usize = 4;
/// Shortest shared beginning that makes two words relatives.
const MIN_SHARED_PREFIX: usize = 5;
/// A word this rare may itself be a typo that made it into a document: look for corrections
/// that are much more common too.
const RARE_DF: u32 = 2;

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
            let joined = corpus
                .vocab
                .lookup(&format!("{prev}{word}"))
                .filter(|&t| corpus.df[t as usize] > 0);
            if let Some(term) = joined {
                if let Some(prev_slot) = *prev_slot {
                    add_variant(&mut slots[prev_slot].variants, term, 1.0);
                }
                add_variant(&mut variants, term, 1.0);
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

fn add_exact_and_corrections(
    corpus: &Corpus,
    params: &RankingParams,
    word: &str,
    out: &mut Vec<Variant>,
    initials: &mut Vec<char>,
) {
    let exact = corpus
        .vocab
        .lookup(word)
        .filter(|&t| corpus.df[t as usize] > 0);
    let exact_df = exact.map_or(0, |t| corpus.df[t as usize]);
    if let Some(term) = exact {
        add_variant(out, term, 1.0);
        initials.extend(word.chars().next());
    }
    let length = word.chars().count();
    add_relatives(corpus, params, word, length, exact, out);
    // Three letters are too short to tell a typo from another word.
    if exact_df > RARE_DF || length < 4 || word.chars().any(|c| c.is_numeric()) {
        return;
    }
    let max = if length >= 8 { 2 } else { 1 };
    let mut found: Vec<(usize, u32, TermId, char)> = corpus
        .vocab
        .similar(word, max)
        .into_iter()
        .filter(|&(_, term, _)| Some(term) != exact && corpus.df[term as usize] > exact_df * 4)
        .map(|(surface, term, distance)| {
            (
                distance,
                corpus.df[term as usize],
                term,
                surface.chars().next().unwrap_or(' '),
            )
        })
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    for (distance, _, term, initial) in found.into_iter().take(MAX_CORRECTIONS) {
        add_variant(out, term, params.typo_weight.powi(distance as i32));
        initials.push(initial);
    }
}

/// Derived forms the stemmer keeps apart ("friend" and "friendship", "located" and
/// "location"): words sharing most of this word's beginning, as weak alternatives.
fn add_relatives(
    corpus: &Corpus,
    params: &RankingParams,
    word: &str,
    length: usize,
    exact: Option<TermId>,
    out: &mut Vec<Variant>,
) {
    let shared = (length * 7).div_ceil(10).max(MIN_SHARED_PREFIX);
    if params.relative_weight == 0.0
        || length < MIN_SHARED_PREFIX
        || !word.is_char_boundary(shared.min(word.len()))
    {
        return;
    }
    let prefix = &word[..shared.min(word.len())];
    for term in most_frequent(corpus, prefix, exact, MAX_RELATIVES) {
        add_variant(out, term, params.relative_weight);
    }
}

fn add_completions(corpus: &Corpus, params: &RankingParams, prefix: &str, out: &mut Vec<Variant>) {
    if prefix.is_empty() {
        return;
    }
    let exact = corpus.vocab.surface_term(prefix);
    for term in most_frequent(corpus, prefix, exact, MAX_COMPLETIONS) {
        add_variant(out, term, params.prefix_weight);
    }
}

/// The `count` terms with the most documents among the words starting with `prefix`, other
/// than `exact`.
fn most_frequent(
    corpus: &Corpus,
    prefix: &str,
    exact: Option<TermId>,
    count: usize,
) -> Vec<TermId> {
    let mut best: Vec<(u32, TermId)> = Vec::with_capacity(count + 1);
    for (_, term) in corpus.vocab.completions(prefix) {
        let df = corpus.df[term as usize];
        if df == 0 || Some(term) == exact || best.iter().any(|&(_, t)| t == term) {
            continue;
        }
        if best.len() < count || df > best[best.len() - 1].0 {
            let at = best.partition_point(|&(d, _)| d >= df);
            best.insert(at, (df, term));
            best.truncate(count);
        }
    }
    best.into_iter().map(|(_, term)| term).collect()
}

/// Adds a term to a slot, keeping the higher weight if it is already there.
fn add_variant(variants: &mut Vec<Variant>, term: TermId, weight: f32) {
    match variants.iter_mut().find(|v| v.term == term) {
        Some(v) => v.weight = v.weight.max(weight),
        None => variants.push(Variant { term, weight }),
    }
}

fn same_terms(a: &[Variant], b: &[Variant]) -> bool {
    a.len() == b.len() && a.iter().all(|x| b.iter().any(|y| y.term == x.term))
}
