//! Reranking the best candidates by their titles as a whole: the title's similarity to the
//! query (cosine over idf-weighted terms, so a title padded with rare words the query lacks
//! ranks below one that is mostly the query), and pseudo-relevance feedback (the similarity
//! of a title to the titles of the other best candidates, words the query lacks included, so a
//! paraphrase's missing words are borrowed from the threads it already found). Both read
//! only a few short titles, so they cost microseconds whatever the corpus size.

use crate::RankingParams;
use crate::corpus::Corpus;
use crate::query::Query;
use crate::rank::Ranked;
use crate::rank::slot_weights;
use crate::text::{Words, surface};
use crate::vocab::TermId;

/// Candidates reranked: the ranking rarely puts the answer lower.
pub(crate) const DEPTH: usize = 20;
/// The best candidates whose titles give the feedback words.
const FEEDBACK_DOCS: usize = 3;

/// Whether reranking is on: off (zero weights) it costs nothing.
pub(crate) fn enabled(params: &RankingParams) -> bool {
    params.title_cosine_weight > 0.0 || params.feedback_weight > 0.0
}

/// A title's distinct terms with their idf, and the vector's length.
struct Title {
    terms: Vec<(TermId, f32)>,
    norm: f32,
}

fn idf(corpus: &Corpus, term: TermId) -> f32 {
    let docs = corpus.live_docs() as f32;
    let df = corpus.df[term as usize] as f32;
    (1.0 + (docs - df + 0.5) / (df + 0.5)).ln()
}

fn title(corpus: &Corpus, ranked: &Ranked) -> Title {
    let text = &corpus.docs[ranked.slot as usize]
        .as_ref()
        .expect("ranked documents are live")
        .doc
        .title;
    let mut terms: Vec<(TermId, f32)> = Vec::new();
    let mut words = Words::new(text);
    while words.next_word().is_some() {
        let term = surface(words.norm()).and_then(|s| corpus.vocab.surface_term(&s));
        if let Some(term) = term.filter(|t| !terms.iter().any(|(u, _)| u == t)) {
            terms.push((term, idf(corpus, term)));
        }
    }
    let norm = terms.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    Title { terms, norm }
}

/// Cosine of the query (each slot by its idf, matched by its best alternative in the title)
/// and the title.
fn query_cosine(query: &Query, slot_idf: &[f32], query_norm: f32, title: &Title) -> f32 {
    let dot: f32 = (query.slots.iter().zip(slot_idf))
        .map(|(slot, q)| {
            let best = (slot.variants.iter())
                .filter_map(|v| {
                    let (_, idf) = title.terms.iter().find(|(t, _)| *t == v.term)?;
                    Some(v.weight * idf)
                })
                .fold(0.0, f32::max);
            q * best
        })
        .sum();
    dot / (query_norm * title.norm).max(f32::MIN_POSITIVE)
}

/// The share of a feedback title's words the query lacks (by idf) that a document has in
/// any field: a paraphrase's missing words borrowed from the threads it found.
fn borrowed_share(corpus: &Corpus, query: &Query, doc: u32, feedback: &Title) -> f32 {
    let in_query = |t: TermId| {
        query
            .slots
            .iter()
            .any(|s| s.variants.iter().any(|v| v.term == t))
    };
    let mut total = 0.0;
    let mut found = 0.0;
    for &(term, idf) in feedback.terms.iter().filter(|(t, _)| !in_query(*t)) {
        total += idf;
        if corpus.postings[term as usize]
            .binary_search_by_key(&doc, |p| p.doc)
            .is_ok()
        {
            found += idf;
        }
    }
    if total > 0.0 { found / total } else { 0.0 }
}

/// The candidates (best first) reordered by score times the title factors, the best `k`.
pub(crate) fn rerank(
    corpus: &Corpus,
    params: &RankingParams,
    query: &Query,
    mut ranked: Vec<Ranked>,
    k: usize,
) -> Vec<Ranked> {
    let titles: Vec<Title> = ranked.iter().map(|r| title(corpus, r)).collect();
    let slot_idf = slot_weights(corpus, query);
    let query_norm = slot_idf.iter().map(|w| w * w).sum::<f32>().sqrt();
    let top_score = ranked
        .first()
        .map_or(1.0, |r| r.score)
        .max(f32::MIN_POSITIVE);
    // Feedback titles weigh by their score relative to the best; a title is not its own
    // feedback, else the best would only be confirmed.
    let feedback: Vec<(usize, f32)> = (ranked.iter().take(FEEDBACK_DOCS).enumerate())
        .map(|(j, r)| (j, r.score / top_score))
        .collect();
    let factors: Vec<f32> = (titles.iter().enumerate())
        .map(|(i, title)| {
            let cosine = query_cosine(query, &slot_idf, query_norm, title);
            let borrowed: f32 = (feedback.iter())
                .filter(|&&(j, _)| j != i)
                .map(|&(j, weight)| {
                    weight * borrowed_share(corpus, query, ranked[i].slot, &titles[j])
                })
                .sum();
            1.0 + params.title_cosine_weight * cosine + params.feedback_weight * borrowed
        })
        .collect();
    for (r, factor) in ranked.iter_mut().zip(factors) {
        r.score *= factor;
    }
    ranked.sort_by(|a, b| b.cmp(a));
    ranked.truncate(k);
    ranked
}
