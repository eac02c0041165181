//! Generated communities for load tests: words drawn by frequency from the demo community, so
//! term statistics look like real support text, from a fixed seed so runs are comparable.

use peerhelp_api::{CommunityAnswer, CommunityThread};

const SAMPLE: &str = include_str!("../../server/demo/community.jsonl");

/// xorshift64*: deterministic and dependency-free; statistical quality is plenty for this.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Uniform in `range` (start inclusive, end exclusive).
    pub fn below(&mut self, range: std::ops::Range<usize>) -> usize {
        range.start + (self.next() % (range.end - range.start) as u64) as usize
    }
}

/// Every word occurrence of the demo community, so drawing uniformly from it draws words by
/// their real frequency.
fn word_pool() -> Vec<String> {
    SAMPLE
        .lines()
        .filter_map(|line| serde_json::from_str::<CommunityThread>(line).ok())
        .flat_map(|thread| {
            let answers: Vec<String> = thread.answers.into_iter().map(|a| a.body).collect();
            [thread.title, thread.body]
                .into_iter()
                .chain(answers)
                .collect::<Vec<_>>()
        })
        .flat_map(|text| {
            text.split_whitespace()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect()
}

fn sentence(rng: &mut Rng, pool: &[String], words: std::ops::Range<usize>) -> String {
    let count = rng.below(words);
    (0..count)
        .map(|_| pool[rng.below(0..pool.len())].as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `count` threads with ids `gen-0`, `gen-1`, …
pub fn threads(count: usize, rng: &mut Rng) -> Vec<CommunityThread> {
    let pool = word_pool();
    (0..count)
        .map(|n| {
            let answer_count = rng.below(1..5);
            let accepted = rng.below(0..answer_count + 1);
            CommunityThread {
                id: Some(format!("gen-{n}")),
                title: sentence(rng, &pool, 5..12),
                body: sentence(rng, &pool, 0..26),
                answers: (0..answer_count)
                    .map(|a| CommunityAnswer {
                        body: sentence(rng, &pool, 10..51),
                        author: None,
                        accepted: a == accepted,
                        votes: rng.below(0..21) as i64,
                    })
                    .collect(),
                tags: Vec::new(),
            }
        })
        .collect()
}

/// Queries a visitor might type about these threads: two to five words of a title, some cut
/// mid-word (typing in progress), some with two letters swapped (a typo).
pub fn queries(threads: &[CommunityThread], count: usize, rng: &mut Rng) -> Vec<String> {
    (0..count)
        .map(|_| {
            let title = &threads[rng.below(0..threads.len())].title;
            let words: Vec<&str> = title.split_whitespace().collect();
            let take = rng.below(2..6).min(words.len());
            let start = rng.below(0..words.len() - take + 1);
            let mut query = words[start..start + take].join(" ");
            match rng.below(0..10) {
                0 | 1 if query.len() > 4 => query.truncate(
                    query
                        .char_indices()
                        .nth(query.chars().count() - 2)
                        .map_or(0, |(i, _)| i),
                ),
                2 => {
                    let mut chars: Vec<char> = query.chars().collect();
                    if chars.len() > 3 {
                        let at = rng.below(1..chars.len() - 1);
                        chars.swap(at, at + 1);
                    }
                    query = chars.into_iter().collect();
                }
                _ => {}
            }
            query
        })
        .collect()
}
