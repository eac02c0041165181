//! Index storage: the documents, compact per-term postings, and the upkeep of replacing and
//! removing documents. Removal leaves stale postings behind and compacts once they are half
//! of all postings, so an update costs about as much as an insert.

mod bounds;

pub(crate) use bounds::TermBounds;

use crate::norms::FieldNorms;
use crate::text::{Words, surface};
use crate::vocab::{FastMap, TermId, Vocabulary};
use crate::{AnswerText, Document, RankingParams};

pub(crate) const FIELDS: usize = 4;
pub(crate) const TITLE: usize = 0;
const BODY: usize = 1;
const TOP_ANSWER: usize = 2;
const OTHER_ANSWERS: usize = 3;

/// One document containing a term: its slot and the term's count in each field (saturated,
/// since BM25 flattens out long before 255). Eight bytes.
#[derive(Clone, Copy)]
pub(crate) struct Posting {
    pub doc: u32,
    pub tf: [u8; FIELDS],
}

/// Which of its term's lists a posting is kept in. The top documents almost always have the
/// query's words in their title, so pruned ranking reads those first; of the rest, the few
/// that weigh a lot are kept apart, so the many others have a low bound (`rank::pruned`).
pub(crate) const IN_TITLE: usize = 0;
/// Not in the title, and weighing at least [`DENSE_WEIGHT`] when added.
pub(crate) const DENSE: usize = 1;
pub(crate) const SPARSE: usize = 2;
pub(crate) const LISTS: usize = 3;

/// About three mentions in a question or an answer of average length: a few percent of a
/// common word's postings.
const DENSE_WEIGHT: f32 = 3.0;

/// A term's postings in its lists, each with slots ascending, since slots are only ever
/// appended or renumbered in order. A document is in one list of a term.
#[derive(Default)]
pub(crate) struct TermPostings {
    pub lists: [Vec<Posting>; LISTS],
}

/// What scoring reads per document, kept apart from the texts so it stays in cache.
pub(crate) struct DocStats {
    pub len: [u32; FIELDS],
    pub title_terms: u16,
    /// Answer quality in [0, 1] from acceptance and votes.
    pub prior: f32,
    pub live: bool,
}

pub(crate) struct StoredDoc {
    pub doc: Document,
    pub top_answer: Option<usize>,
}

#[derive(Default)]
pub(crate) struct Corpus {
    pub vocab: Vocabulary,
    /// By term id.
    pub postings: Vec<TermPostings>,
    /// Live documents per term (postings may also hold stale ones).
    pub df: Vec<u32>,
    pub stats: Vec<DocStats>,
    /// For the parameters the index ranks with.
    pub bounds: TermBounds,
    pub docs: Vec<Option<StoredDoc>>,
    slot_of: FastMap<i64, u32>,
    pub len_sum: [u64; FIELDS],
    stale_postings: usize,
    total_postings: usize,
}

/// A document's terms with their per-field counts, its field lengths and distinct title terms.
struct Analysis {
    terms: Vec<(TermId, [u8; FIELDS])>,
    len: [u32; FIELDS],
    title_terms: u16,
}

impl Corpus {
    pub(crate) fn live_docs(&self) -> usize {
        self.slot_of.len()
    }

    /// The field normalisation of `params` at the current average lengths.
    pub(crate) fn norms(&self, params: &RankingParams) -> FieldNorms {
        FieldNorms::new(params, self.live_docs() as f32, &self.len_sum)
    }

    /// Keeps the term bounds valid for `params` at the current average lengths.
    pub(crate) fn keep_bounds(&mut self, params: &RankingParams) {
        let norms = self.norms(params);
        if !self.bounds.hold(params, &norms) {
            (self.bounds).recompute(params, &norms, &self.postings, &self.stats);
        }
    }

    pub(crate) fn upsert(&mut self, doc: Document, params: &RankingParams) {
        self.remove(doc.id, params);
        let top_answer = top_answer(&doc.answers);
        let vocab = &mut self.vocab;
        let analysis = analyze(&doc, top_answer, |word| Some(vocab.intern(word)));
        let slot = self.docs.len() as u32;
        self.postings
            .resize_with(self.vocab.term_count(), TermPostings::default);
        self.df.resize(self.vocab.term_count(), 0);
        self.total_postings += analysis.terms.len();
        for (sum, len) in self.len_sum.iter_mut().zip(analysis.len) {
            *sum += u64::from(len);
        }
        self.stats.push(DocStats {
            len: analysis.len,
            title_terms: analysis.title_terms,
            prior: prior(&doc.answers, top_answer),
            live: true,
        });
        self.slot_of.insert(doc.id, slot);
        self.docs.push(Some(StoredDoc { doc, top_answer }));
        let norms = self.norms(params);
        let bounds_hold = self.bounds.hold(params, &norms);
        for &(term, tf) in &analysis.terms {
            let weight = norms.weigh(&tf, &analysis.len);
            let list = if tf[TITLE] != 0 {
                IN_TITLE
            } else if weight >= DENSE_WEIGHT {
                DENSE
            } else {
                SPARSE
            };
            self.postings[term as usize].lists[list].push(Posting { doc: slot, tf });
            self.df[term as usize] += 1;
            if bounds_hold {
                self.bounds.raise(term, list, weight);
            }
        }
        if bounds_hold {
            self.bounds.raised_with(&norms);
        } else {
            (self.bounds).recompute(params, &norms, &self.postings, &self.stats);
        }
    }

    pub(crate) fn remove(&mut self, id: i64, params: &RankingParams) {
        let Some(slot) = self.slot_of.remove(&id) else {
            return;
        };
        let stored = self.docs[slot as usize]
            .take()
            .expect("a mapped slot holds its document");
        let vocab = &self.vocab;
        let analysis = analyze(&stored.doc, stored.top_answer, |word| {
            vocab.surface_term(word)
        });
        for &(term, _) in &analysis.terms {
            self.df[term as usize] -= 1;
        }
        for (sum, len) in self.len_sum.iter_mut().zip(analysis.len) {
            *sum -= u64::from(len);
        }
        self.stats[slot as usize].live = false;
        self.stale_postings += analysis.terms.len();
        if self.stale_postings * 2 > self.total_postings {
            self.compact();
        }
        self.keep_bounds(params);
    }

    /// Drops removed documents and their postings, renumbering slots in their old order.
    fn compact(&mut self) {
        let mut new_slot = vec![u32::MAX; self.docs.len()];
        let mut next = 0;
        for (slot, stats) in self.stats.iter().enumerate() {
            if stats.live {
                new_slot[slot] = next;
                next += 1;
            }
        }
        let renumber = |posting: &mut Posting| {
            posting.doc = new_slot[posting.doc as usize];
            posting.doc != u32::MAX
        };
        for postings in &mut self.postings {
            for list in &mut postings.lists {
                list.retain_mut(renumber);
            }
        }
        self.stats.retain(|stats| stats.live);
        self.docs.retain(Option::is_some);
        for slot in self.slot_of.values_mut() {
            *slot = new_slot[*slot as usize];
        }
        let df = &self.df;
        self.vocab.retain_surfaces(|term| df[term as usize] > 0);
        self.total_postings -= self.stale_postings;
        self.stale_postings = 0;
    }
}

fn analyze(
    doc: &Document,
    top_answer: Option<usize>,
    mut term_of: impl FnMut(&str) -> Option<TermId>,
) -> Analysis {
    let mut counts: FastMap<TermId, [u32; FIELDS]> = FastMap::default();
    let mut len = [0; FIELDS];
    let mut add = |text: &str, field: usize| {
        let mut words = Words::new(text);
        while words.next_word().is_some() {
            let Some(term) = surface(words.norm()).and_then(|s| term_of(&s)) else {
                continue;
            };
            counts.entry(term).or_default()[field] += 1;
            len[field] += 1;
        }
    };
    add(&doc.title, TITLE);
    add(&doc.body, BODY);
    for (i, answer) in doc.answers.iter().enumerate() {
        add(
            &answer.body,
            if Some(i) == top_answer {
                TOP_ANSWER
            } else {
                OTHER_ANSWERS
            },
        );
    }
    let title_terms = counts.values().filter(|tf| tf[TITLE] > 0).count() as u16;
    let terms = counts
        .into_iter()
        .map(|(term, tf)| (term, tf.map(|n| n.min(255) as u8)))
        .collect();
    Analysis {
        terms,
        len,
        title_terms,
    }
}

/// The accepted answer, else one verified by staff, else the highest voted, else the first.
fn top_answer(answers: &[AnswerText]) -> Option<usize> {
    let best = answers
        .iter()
        .enumerate()
        .max_by_key(|&(i, a)| (a.accepted, a.verified, a.votes, usize::MAX - i));
    best.map(|(i, _)| i)
}

/// Answer quality in [0, 1]: being answered, acceptance (or staff verification), and votes on
/// a log scale (20+ is full).
fn prior(answers: &[AnswerText], top_answer: Option<usize>) -> f32 {
    let Some(top) = top_answer.map(|i| &answers[i]) else {
        return 0.0;
    };
    let votes = answers.iter().map(|a| a.votes).max().unwrap_or(0).max(0) as f32;
    let vote_share = (votes.ln_1p() / 20f32.ln_1p()).min(1.0);
    0.25 + 0.25 * f32::from(u8::from(top.accepted || top.verified)) + 0.5 * vote_share
}
