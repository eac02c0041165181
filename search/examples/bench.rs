//! Latency and memory at scale: indexes 100,000 synthetic threads (words drawn from a
//! Zipf-distributed synthetic vocabulary, like real text) and times a mix of queries: full
//! questions, words being typed, and misspellings.
//!
//! `cargo run -p peerhelp-search --release --example bench [threads]`

use std::time::{Duration, Instant};

use peerhelp_search::{AnswerText, Document, SearchIndex};

const VOCABULARY: usize = 60_000;
const QUERIES: usize = 3_000;

/// xorshift64*: deterministic, so every run measures the same corpus.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Pronounceable words from syllables, and a Zipf sampler over them.
struct Words {
    words: Vec<String>,
    cumulative: Vec<f64>,
}

impl Words {
    fn new(rng: &mut Rng) -> Self {
        const SYLLABLES: &[&str] = &[
            "ka", "ro", "mi", "sen", "tal", "po", "ver", "lu", "din", "ga", "shi", "no", "re",
            "fa", "tor", "bel", "qui", "zan", "pe", "mo", "li", "cra", "dev", "ax", "um", "ine",
            "ost", "ble",
        ];
        let words = (0..VOCABULARY)
            .map(|_| {
                (0..2 + rng.below(3))
                    .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
                    .collect()
            })
            .collect();
        let mut total = 0.0;
        let cumulative = (1..=VOCABULARY)
            .map(|rank| {
                total += 1.0 / rank as f64;
                total
            })
            .collect();
        Words { words, cumulative }
    }

    fn pick(&self, rng: &mut Rng) -> &str {
        let target = (rng.next() as f64 / u64::MAX as f64) * self.cumulative[VOCABULARY - 1];
        &self.words[self
            .cumulative
            .partition_point(|&c| c < target)
            .min(VOCABULARY - 1)]
    }

    /// `min` words and up to `spread` more.
    fn text(&self, rng: &mut Rng, min: usize, spread: usize) -> String {
        let words = min + rng.below(spread);
        let mut text = String::new();
        for i in 0..words {
            text.push_str(self.pick(rng));
            text.push_str(if i % 12 == 11 { ". " } else { " " });
        }
        text
    }
}

fn resident_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let line = status.lines().find(|l| l.starts_with(field)).unwrap_or("");
    line.split_whitespace()
        .nth(1)
        .and_then(|kib| kib.parse().ok())
        .unwrap_or(0)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    let threads: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let words = Words::new(&mut rng);
    let before = resident_kib("VmRSS:");
    let started = Instant::now();
    let mut index = SearchIndex::new();
    let mut titles = Vec::new();
    let mut text_bytes = 0;
    for id in 0..threads as i64 {
        let title = words.text(&mut rng, 5, 8);
        let body = words.text(&mut rng, 0, 60);
        let answers: Vec<AnswerText> = (0..rng.below(5))
            .map(|i| AnswerText {
                body: words.text(&mut rng, 20, 100),
                votes: rng.below(10) as i64,
                accepted: i == 0,
                verified: false,
            })
            .collect();
        text_bytes +=
            title.len() + body.len() + answers.iter().map(|a| a.body.len()).sum::<usize>();
        titles.push(title.clone());
        index.upsert(Document {
            id,
            title,
            body,
            answers,
        });
    }
    let built = started.elapsed();
    let after = resident_kib("VmRSS:");
    println!(
        "indexed {threads} threads ({:.0} MiB of text) in {built:.1?}; resident memory +{} MiB (peak {} MiB)",
        text_bytes as f64 / 1048576.0,
        (after - before) / 1024,
        resident_kib("VmHWM:") / 1024
    );

    let queries: Vec<String> = (0..QUERIES)
        .map(|i| {
            let title: Vec<&str> = titles[rng.below(titles.len())].split_whitespace().collect();
            let mut query: Vec<String> = (0..2 + rng.below(4))
                .map(|_| title[rng.below(title.len())].to_owned())
                .collect();
            query.insert(0, "how can i".into());
            query.push(words.pick(&mut rng).to_owned());
            let last = query.last_mut().expect("non-empty");
            match i % 3 {
                // Typing: the last word cut short, 1 to 3 letters.
                0 => last.truncate(1 + rng.below(3)),
                // A typo: two letters swapped.
                1 if last.len() > 4 => swap_letters(last, 1 + rng.below(last.len() - 2)),
                _ => last.push('?'),
            }
            query.join(" ")
        })
        .collect();
    let mut latencies: Vec<Duration> = queries
        .iter()
        .map(|query| {
            let started = Instant::now();
            std::hint::black_box(index.search(query, 10));
            started.elapsed()
        })
        .collect();
    latencies.sort();
    println!(
        "{} queries, limit 10: p50 {:.2?} p90 {:.2?} p99 {:.2?} max {:.2?}",
        latencies.len(),
        percentile(&latencies, 0.5),
        percentile(&latencies, 0.9),
        percentile(&latencies, 0.99),
        latencies[latencies.len() - 1]
    );
}

/// Swaps the ASCII letters at `at` and `at + 1`.
fn swap_letters(word: &mut String, at: usize) {
    let mut bytes = word.clone().into_bytes();
    bytes.swap(at, at + 1);
    *word = String::from_utf8(bytes).expect("synthetic words are ASCII");
}
