//! PeerHelp community search: an in-memory ranked full-text index over threads (title,
//! question, answers), independent of storage. The server feeds documents in with
//! [`SearchIndex::upsert`] and asks [`SearchIndex::search`] for ranked, highlighted hits.
//!
//! # Method
//!
//! - **Analysis.** Unicode words, lowercased, Latin accents folded, apostrophes kept inside
//!   words ("don't") and dropped for matching; stopwords (the Snowball list plus the words
//!   that only frame a help question: "how", "can", "is there a way", "possible") removed;
//!   English Snowball (Porter2) stems group a word's forms. Visitors type questions, so the
//!   framing words would otherwise outweigh the one or two words that say what the question
//!   is about. Postings are kept per word, so the query's own word outranks its other forms.
//! - **Fields.** Title, question body, top answer (accepted, else most voted) and the other
//!   answers are BM25F fields: counts weighted per field and length-normalised per field, then
//!   saturated once, so a word in the title counts several times a word in an answer without
//!   a long answer thread winning on volume. A high k1 keeps repeated mentions informative.
//! - **Query slots.** Each query word is a slot of alternatives scored by the best one: the
//!   word, its other forms (same stem: "watching" for "watch", weaker than the word itself,
//!   in the title bonus too), derived forms sharing most of its beginning ("locate"/"location"), corrections at
//!   Damerau-Levenshtein distance 1 (2 for long words) when it is absent or very rare, the
//!   joined word when two query words are one in the documents ("git hub"), and, for the
//!   word being typed, its most frequent completions. Alternatives weigh less than the word.
//! - **Combination.** The BM25F sum is multiplied by the share of the query's idf mass the
//!   document matches (coverage), by a bonus for the share of the title's words the query
//!   matches and the share of the query found in the title (help titles are the question, so
//!   a title that is mostly the query is most likely the answer), and by at most 10% for
//!   answer quality (answered, accepted or verified by staff, votes): a mild prior that cannot beat relevance.
//!
//! All of it is general: nothing is learnt from labelled queries except the few numbers in
//! [`RankingParams`], chosen by 2-fold cross-validation on StackFAQ ([`tuning`]).

mod corpus;
pub mod eval;
mod fuzzy;
mod highlight;
mod norms;
mod params;
mod query;
mod rank;
mod snippet;
mod text;
pub mod tuning;
mod vocab;

pub use params::RankingParams;
pub use peerhelp_api::TextSpan;

use corpus::Corpus;

/// A thread as the server indexes it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    pub id: i64,
    pub title: String,
    /// Question details; may be empty.
    pub body: String,
    pub answers: Vec<AnswerText>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct AnswerText {
    pub body: String,
    pub votes: i64,
    pub accepted: bool,
    /// Marked correct by the brand's staff: it weighs as much as an accepted answer.
    pub verified: bool,
}

/// One search result.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub id: i64,
    /// Only meaningful for comparing hits of the same query.
    pub score: f32,
    /// The whole title, matched words marked.
    pub title_highlight: Vec<TextSpan>,
    /// The best-matching passage of the question or its answers, "…" where it was cut.
    pub snippet: Vec<TextSpan>,
    /// How many of the query's words the thread matches (in any form, or corrected), of the
    /// `words_known` words some thread has: words no thread uses and framing words ("how")
    /// are not counted. How close a match the thread is.
    pub words_matched: u32,
    pub words_known: u32,
}

/// The search index of one site.
#[derive(Default)]
pub struct SearchIndex {
    corpus: Corpus,
    params: RankingParams,
}

impl SearchIndex {
    pub fn new() -> Self {
        Self::default()
    }

    /// Replaces the ranking parameters (for tuning); the index itself is unchanged.
    pub fn set_params(&mut self, params: RankingParams) {
        self.corpus.keep_bounds(&params);
        self.params = params;
    }

    /// Inserts a document, or replaces the one with the same id.
    pub fn upsert(&mut self, doc: Document) {
        self.corpus.upsert(doc, &self.params);
    }

    /// Removes the document with this id, if present.
    pub fn remove(&mut self, id: i64) {
        self.corpus.remove(id, &self.params);
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.corpus.live_docs()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The best `limit` documents for `query`, best first. When the query ends inside a word,
    /// that word also matches as the beginning of longer words (search as you type).
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let query = query::parse(&self.corpus, &self.params, query);
        let ranked = rank::rank(&self.corpus, &self.params, &query, limit);
        let marker = highlight::Marker::new(&self.corpus, &query);
        let slot_weight = rank::slot_weights(&self.corpus, &query);
        ranked
            .into_iter()
            .map(|ranked| {
                let stored = self.corpus.docs[ranked.slot as usize]
                    .as_ref()
                    .expect("ranked documents are live");
                Hit {
                    id: stored.doc.id,
                    score: ranked.score,
                    title_highlight: highlight::title(&marker, &stored.doc.title),
                    snippet: snippet::snippet(&marker, stored, &slot_weight),
                    words_matched: ranked.matched.count_ones(),
                    words_known: query.slots.len() as u32,
                }
            })
            .collect()
    }

    /// The ids and scores [`search`](Self::search) ranks first, without highlighting; when
    /// `exhaustive`, from scoring every thread that matches rather than skipping those that
    /// cannot reach the best `limit`. For tests to compare the two; not part of the API.
    #[doc(hidden)]
    pub fn ranking(&self, query: &str, limit: usize, exhaustive: bool) -> Vec<(i64, f32)> {
        let query = query::parse(&self.corpus, &self.params, query);
        let rank = if exhaustive {
            rank::rank_exhaustive
        } else {
            rank::rank
        };
        let ranked = rank(&self.corpus, &self.params, &query, limit);
        let id = |slot: u32| self.corpus.docs[slot as usize].as_ref().map(|d| d.doc.id);
        ranked
            .iter()
            .filter_map(|r| Some((id(r.slot)?, r.score)))
            .collect()
    }
}
