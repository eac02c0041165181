//! The vocabulary: one term per surface word seen in documents (what postings are kept by),
//! grouped by stem so a query word also finds its other forms, and kept in order so that
//! prefixes and misspellings can be expanded to real words. Terms are words, not stems, so a
//! document with the query's own word can outrank one with only another form of it ("watch"
//! and "watching TV").

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Bound;

use rust_stemmers::{Algorithm, Stemmer};

use crate::fuzzy;

pub(crate) type TermId = u32;

/// The multiply-rotate hash of rustc (FxHash): words are hashed on every indexed token and
/// every highlighted word, and need no protection from crafted collisions.
#[derive(Default)]
pub(crate) struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

pub(crate) struct Vocabulary {
    stemmer: Stemmer,
    /// Stem → the terms of the words sharing it, so indexing stems each distinct word once and
    /// highlighting never stems at all.
    stems: FastMap<Box<str>, Vec<TermId>>,
    /// The stem of each term, by term id.
    stem_of: Vec<Box<str>>,
    /// Surface word → term.
    surfaces: FastMap<Box<str>, TermId>,
    /// The same words in order, for completions and corrections.
    ordered: BTreeMap<Box<str>, TermId>,
}

impl Default for Vocabulary {
    fn default() -> Self {
        Vocabulary {
            stemmer: Stemmer::create(Algorithm::English),
            stems: FastMap::default(),
            stem_of: Vec::new(),
            surfaces: FastMap::default(),
            ordered: BTreeMap::new(),
        }
    }
}

impl Vocabulary {
    /// The term of a document word, adding the word (and its stem) when new.
    pub(crate) fn intern(&mut self, surface: &str) -> TermId {
        if let Some(&term) = self.surfaces.get(surface) {
            return term;
        }
        let term = self.stem_of.len() as TermId;
        let stem: Box<str> = self.stemmer.stem(surface).into();
        self.stems.entry(stem.clone()).or_default().push(term);
        self.stem_of.push(stem);
        self.surfaces.insert(surface.into(), term);
        self.ordered.insert(surface.into(), term);
        term
    }

    /// How many distinct terms were ever seen; term ids are below this.
    pub(crate) fn term_count(&self) -> usize {
        self.stem_of.len()
    }

    /// The term of a word seen in some document.
    pub(crate) fn surface_term(&self, surface: &str) -> Option<TermId> {
        self.surfaces.get(surface).copied()
    }

    /// The terms of a query word: its own word (if seen) and every other word with its stem.
    pub(crate) fn forms(&self, surface: &str) -> (Option<TermId>, &[TermId]) {
        let own = self.surface_term(surface);
        let stem = match own {
            Some(term) => Cow::Borrowed(&*self.stem_of[term as usize]),
            None => self.stemmer.stem(surface),
        };
        let forms = self.stems.get(stem.as_ref()).map_or(&[][..], Vec::as_slice);
        (own, forms)
    }

    /// Surface words starting with `prefix`, in order.
    pub(crate) fn completions<'a>(
        &'a self,
        prefix: &'a str,
    ) -> impl Iterator<Item = (&'a str, TermId)> + 'a {
        self.ordered
            .range::<str, _>((Bound::Included(prefix), Bound::Unbounded))
            .take_while(move |(word, _)| word.starts_with(prefix))
            .map(|(word, &term)| (&**word, term))
    }

    /// Surface words within Damerau-Levenshtein distance `max` of `word`, with the distance.
    pub(crate) fn similar(&self, word: &str, max: usize) -> Vec<(&str, TermId, usize)> {
        fuzzy::within(&self.ordered, word, max)
    }

    /// Forgets the surface words whose term no document has any more, so completions and
    /// corrections only offer words that can be found.
    pub(crate) fn retain_surfaces(&mut self, live: impl Fn(TermId) -> bool) {
        self.surfaces.retain(|_, term| live(*term));
        self.ordered.retain(|_, term| live(*term));
    }
}
