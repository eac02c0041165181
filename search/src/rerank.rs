//! Reranking the best candidates by their titles as a whole: the title's similarity to the
//! query (cosine over idf-weighted terms), and query expansion learned from the corpus (how
//! often other threads that use a query word in their question or answers carry the
//! candidate's title words in their title). Both read only short titles of few threads.

use crate::RankingParams;
use crate::corpus::{Corpus, TITLE};
use crate::query::Query;
use crate::rank::Ranked;
use crate::rank::slot_weights;
use crate::text::{Words, surface};
use crate::vocab::TermId;

/// Candidates reranked: the ranking rarely puts the answer lower.
pub(crate) const DEPTH: usize = 20;

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

fn title(corpus: &Corpus, doc: u32) -> Title {
    let text = &corpus.docs[doc as usize]
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

/// Threads scanned per query word to learn its title associates; rarer words only.
const MAX_ASSOCIATE_DF: usize = 64;

/// Title words of the threads that use a query word in their question or answers but not in
/// their title, with how many such threads: what people title a question when its answer
/// talks about that word. Also the threads counted, so a candidate can leave itself out.
struct Associates {
    idf: f32,
    threads: Vec<u32>,
    titles: Vec<(TermId, u32)>,
}

fn associates(corpus: &Corpus, query: &Query, slot_idf: &[f32]) -> Vec<Associates> {
    (query.slots.iter().zip(slot_idf))
        .filter_map(|(slot, &idf)| {
            let own = slot.variants.iter().find(|v| v.weight >= 1.0)?;
            let postings = &corpus.postings[own.term as usize];
            if postings.len() > MAX_ASSOCIATE_DF {
                return None;
            }
            let mut found = Associates {
                idf,
                threads: Vec::new(),
                titles: Vec::new(),
            };
            for posting in postings.iter().filter(|p| p.tf[TITLE] == 0) {
                if !corpus.stats[posting.doc as usize].live {
                    continue;
                }
                found.threads.push(posting.doc);
                for (term, _) in title(corpus, posting.doc).terms {
                    match found.titles.iter_mut().find(|(t, _)| *t == term) {
                        Some((_, n)) => *n += 1,
                        None => found.titles.push((term, 1)),
                    }
                }
            }
            Some(found)
        })
        .collect()
}

/// How strongly a candidate's title is associated with the query words, by the other threads
/// (its own would only repeat what BM25F already counted), by slot idf.
fn association(associates: &[Associates], doc: u32, title: &Title, total_idf: f32) -> f32 {
    let sum: f32 = associates
        .iter()
        .map(|a| {
            let own = u32::from(a.threads.contains(&doc));
            let others = (a.threads.len() as u32).saturating_sub(own).max(1) as f32;
            let best = (title.terms.iter())
                .filter_map(|(t, _)| a.titles.iter().find(|(u, _)| u == t))
                .map(|&(_, n)| n.saturating_sub(own) as f32 / others)
                .fold(0.0, f32::max);
            a.idf * best
        })
        .sum();
    sum / total_idf.max(f32::MIN_POSITIVE)
}

/// The candidates (best first) reordered by score times the title factors, the best `k`.
pub(crate) fn rerank(
    corpus: &Corpus,
    params: &RankingParams,
    query: &Query,
    mut ranked: Vec<Ranked>,
    k: usize,
) -> Vec<Ranked> {
    let titles: Vec<Title> = ranked.iter().map(|r| title(corpus, r.slot)).collect();
    let slot_idf = slot_weights(corpus, query);
    let query_norm = slot_idf.iter().map(|w| w * w).sum::<f32>().sqrt();
    let associates = associates(corpus, query, &slot_idf);
    let total_idf: f32 = slot_idf.iter().sum();
    let factors: Vec<f32> = (titles.iter().zip(&ranked))
        .map(|(title, r)| {
            let cosine = query_cosine(query, &slot_idf, query_norm, title);
            let associated = association(&associates, r.slot, title, total_idf);
            1.0 + params.title_cosine_weight * cosine + params.feedback_weight * associated
        })
        .collect();
    for (r, factor) in ranked.iter_mut().zip(factors) {
        r.score *= factor;
    }
    ranked.sort_by(|a, b| b.cmp(a));
    ranked.truncate(k);
    ranked
}
