//! Pruned ranking returns exactly what scoring every matching thread returns: the same threads
//! in the same order with the same scores to the last bit, for several result limits. On the
//! StackFAQ development set (whole questions and questions being typed, default and untuned
//! parameters, after threads were removed and added back) and on a generated community of
//! several thousand threads whose common words are in most threads, with queries being typed
//! and misspelt.

mod support;

use peerhelp_search::tuning::untuned;
use peerhelp_search::{AnswerText, Document, RankingParams, SearchIndex};

/// The question, and the question cut inside its last word, as it reads while being typed.
fn as_typed(question: &str) -> [&str; 2] {
    let text = question.trim_end_matches(|c: char| !c.is_alphanumeric());
    let word_start = text
        .rfind(|c: char| !c.is_alphanumeric())
        .map_or(0, |at| at + 1);
    let cut = (word_start..text.len())
        .filter(|&at| text.is_char_boundary(at))
        .nth(text[word_start..].chars().count().div_ceil(2))
        .unwrap_or(text.len());
    [question, &text[..cut]]
}

/// Thread ids and score bits, best first.
fn ranking(index: &SearchIndex, query: &str, limit: usize, exhaustive: bool) -> Vec<(i64, u32)> {
    let ranking = index.ranking(query, limit, exhaustive);
    ranking
        .into_iter()
        .map(|(id, s)| (id, s.to_bits()))
        .collect()
}

fn assert_same_rankings<'a>(
    index: &SearchIndex,
    queries: impl IntoIterator<Item = &'a str>,
    label: &str,
) {
    let mut compared = 0;
    for query in queries {
        for limit in [1, 4, 15] {
            assert_eq!(
                ranking(index, query, limit, false),
                ranking(index, query, limit, true),
                "{label}: {query:?}, limit {limit}"
            );
            compared += 1;
        }
    }
    assert!(compared > 0, "{label}: no queries");
}

/// The threads with answer votes and acceptance varied, so the answer-quality prior differs
/// between threads as it does in a real community.
fn stackfaq_threads() -> Vec<Document> {
    let mut threads = support::stackfaq::load().threads;
    for thread in &mut threads {
        for (n, answer) in thread.answers.iter_mut().enumerate() {
            answer.votes = (thread.id * 7 + n as i64 * 3) % 25;
            answer.accepted = n == 0 && thread.id % 3 == 0;
        }
    }
    threads
}

#[test]
fn pruned_ranking_equals_exhaustive_ranking_on_stackfaq() {
    let questions = support::stackfaq::load().queries;
    // Every other question, to keep the test quick unoptimised.
    let asked = questions.iter().step_by(2);
    let typed: Vec<&str> = asked.flat_map(|(q, _)| as_typed(q)).collect();
    let threads = stackfaq_threads();
    let mut index = SearchIndex::new();
    for thread in &threads {
        index.upsert(thread.clone());
    }
    for (label, params) in [
        ("untuned parameters", untuned()),
        ("default parameters", RankingParams::default()),
    ] {
        index.set_params(params);
        assert_same_rankings(&index, typed.iter().copied(), label);
    }

    // Removing most threads compacts the index; those added back come after the rest.
    for thread in threads.iter().step_by(3).chain(threads.iter().step_by(2)) {
        index.remove(thread.id);
    }
    for thread in threads.iter().step_by(2) {
        index.upsert(thread.clone());
    }
    assert_same_rankings(&index, typed.iter().copied(), "after removals");
}

/// xorshift64*: the same community on every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n as u64) as usize
    }

    fn words(&mut self, pool: &[&str], min: usize, spread: usize) -> String {
        let count = min + self.below(spread);
        let words: Vec<&str> = (0..count).map(|_| pool[self.below(pool.len())]).collect();
        words.join(" ")
    }
}

/// Threads of words drawn by their frequency in StackFAQ, as the latency benchmark draws
/// them from the demo community: a few words are in most threads.
fn generated_threads(count: usize, rng: &mut Rng) -> Vec<Document> {
    let text: Vec<String> = support::stackfaq::load()
        .threads
        .into_iter()
        .flat_map(|t| [t.title, t.body])
        .collect();
    let pool: Vec<&str> = text.iter().flat_map(|t| t.split_whitespace()).collect();
    (0..count)
        .map(|id| {
            let answers = (0..1 + rng.below(4))
                .map(|n| AnswerText {
                    body: rng.words(&pool, 10, 40),
                    votes: rng.below(21) as i64,
                    accepted: n == 0 && id % 3 == 0,
                    verified: false,
                })
                .collect();
            Document {
                id: id as i64,
                title: rng.words(&pool, 5, 7),
                body: rng.words(&pool, 0, 25),
                answers,
            }
        })
        .collect()
}

/// Two to five words of a title, some cut inside the last word (one letter, or half of it),
/// some with two letters swapped.
fn generated_queries(threads: &[Document], count: usize, rng: &mut Rng) -> Vec<String> {
    (0..count)
        .map(|_| {
            let title = &threads[rng.below(threads.len())].title;
            let words: Vec<&str> = title.split_whitespace().collect();
            let take = (2 + rng.below(4)).min(words.len());
            let start = rng.below(words.len() - take + 1);
            let mut chars: Vec<char> = words[start..start + take].join(" ").chars().collect();
            let last_word = chars.iter().rposition(|c| *c == ' ').map_or(0, |at| at + 1);
            match rng.below(4) {
                0 => chars.truncate(last_word + 1),
                1 => chars.truncate(last_word + (chars.len() - last_word).div_ceil(2)),
                2 if chars.len() > 3 => {
                    let at = 1 + rng.below(chars.len() - 2);
                    chars.swap(at, at + 1);
                }
                _ => {}
            }
            chars.into_iter().collect()
        })
        .collect()
}

#[test]
fn pruned_ranking_equals_exhaustive_ranking_on_a_generated_community() {
    let mut rng = Rng(0x5eed);
    let threads = generated_threads(6_000, &mut rng);
    let mut queries = generated_queries(&threads, 300, &mut rng);
    // One word being typed: one slot of several completions, so every thread matches one slot.
    queries.extend(('a'..='z').map(String::from));
    let words = threads
        .iter()
        .step_by(97)
        .flat_map(|t| t.title.split_whitespace().next());
    queries.extend(words.map(|w| w.chars().take(2).collect::<String>()));
    let mut index = SearchIndex::new();
    for thread in &threads {
        index.upsert(thread.clone());
    }
    let queries = || queries.iter().map(String::as_str);
    assert_same_rankings(&index, queries(), "generated, default parameters");
    index.set_params(untuned());
    assert_same_rankings(&index, queries(), "generated, untuned parameters");
}
