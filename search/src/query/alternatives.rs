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
    add_forms(corpus, params, word, out);
    if !out.is_empty() {
        initials.extend(word.chars().next());
    }
    // How common the word is in any of its forms: a common word is not looked up as a typo.
    let exact_df = out
        .iter()
        .map(|v| corpus.df[v.term as usize])
        .max()
        .unwrap_or(0);
    let length = word.chars().count();
    add_relatives(corpus, params, word, length, out);
    // Three letters are too short to tell a typo from another word.
    if exact_df > RARE_DF || length < 4 || word.chars().any(|c| c.is_numeric()) {
        return;
    }
    let max = if length >= 8 { 2 } else { 1 };
    let mut found: Vec<(usize, u32, TermId, char)> = corpus
        .vocab
        .similar(word, max)
        .into_iter()
        .filter(|&(_, term, _)| {
            !out.iter().any(|v| v.term == term) && corpus.df[term as usize] > exact_df * 4
        })
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

/// The word as the documents have it, and its other forms (same stem) as slightly weaker
/// alternatives, so "watch" prefers threads about a watch to ones about watching TV. When the
/// word itself is in no document, its forms stand in for it at full weight.
pub(super) fn add_forms(
    corpus: &Corpus,
    params: &RankingParams,
    word: &str,
    out: &mut Vec<Variant>,
) {
    let live = |term: &TermId| corpus.df[*term as usize] > 0;
    let (own, forms) = corpus.vocab.forms(word);
    let own = own.filter(live);
    let other_weight = if own.is_some() {
        params.stem_weight
    } else {
        1.0
    };
    if let Some(term) = own {
        add_variant(out, term, 1.0);
    }
    for &term in forms.iter().filter(|t| live(t) && Some(**t) != own) {
        add_variant(out, term, other_weight);
    }
}

/// Derived forms the stemmer keeps apart ("friend" and "friendship", "located" and
/// "location"): words sharing most of this word's beginning, as weak alternatives.
fn add_relatives(
    corpus: &Corpus,
    params: &RankingParams,
    word: &str,
    length: usize,
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
    // The word's own forms are already in `out`, at their own weights.
    let relatives = most_frequent(corpus, prefix, MAX_RELATIVES, |term| {
        out.iter().any(|v| v.term == term)
    });
    for term in relatives {
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
    for term in most_frequent(corpus, prefix, MAX_COMPLETIONS, |term| Some(term) == exact) {
        add_variant(out, term, params.prefix_weight);
    }
}

/// The `count` terms with the most documents among the words starting with `prefix`, other
/// than those `skip` names.
fn most_frequent(
    corpus: &Corpus,
    prefix: &str,
    count: usize,
    skip: impl Fn(TermId) -> bool,
) -> Vec<TermId> {
    let mut best: Vec<(u32, TermId)> = Vec::with_capacity(count + 1);
    for (_, term) in corpus.vocab.completions(prefix) {
        let df = corpus.df[term as usize];
        if df == 0 || skip(term) || best.iter().any(|&(_, t)| t == term) {
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
