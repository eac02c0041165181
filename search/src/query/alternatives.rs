//! The alternatives a query word stands for: itself, corrections of a misspelling, derived
//! forms the stemmer keeps apart, and completions of the word being typed.

use super::Variant;
use crate::RankingParams;
use crate::corpus::Corpus;
use crate::vocab::TermId;

/// Completions of the word being typed, most frequent first: enough for the likely words,
/// few enough that a one-letter prefix stays cheap to score.
const MAX_COMPLETIONS: usize = 5;
const MAX_CORRECTIONS: usize = 3;
const MAX_RELATIVES: usize = 4;
/// Shortest shared beginning that makes two words relatives.
const MIN_SHARED_PREFIX: usize = 5;
/// A word this rare may itself be a typo that made it into a document: look for corrections
/// that are much more common too.
const RARE_DF: u32 = 2;

pub(super) fn add_exact_and_corrections(
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

pub(super) fn add_completions(
    corpus: &Corpus,
    params: &RankingParams,
    prefix: &str,
    out: &mut Vec<Variant>,
) {
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
pub(super) fn add_variant(variants: &mut Vec<Variant>, term: TermId, weight: f32) {
    match variants.iter_mut().find(|v| v.term == term) {
        Some(v) => v.weight = v.weight.max(weight),
        None => variants.push(Variant { term, weight }),
    }
}
