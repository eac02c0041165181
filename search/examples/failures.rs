#[path = "../tests/support/stackfaq.rs"]
mod stackfaq;
use peerhelp_search::SearchIndex;
fn main() {
    let c = stackfaq::load();
    let mut index = SearchIndex::new();
    for t in &c.threads {
        index.upsert(t.clone());
    }
    let title = |id: i64| {
        c.threads
            .iter()
            .find(|t| t.id == id)
            .map(|t| t.title.clone())
            .unwrap_or_default()
    };
    let t0 = std::time::Instant::now();
    for (q, rel) in &c.queries {
        let hits = index.search(q, 10);
        let rank = hits.iter().position(|h| h.id == *rel);
        if rank != Some(0) {
            println!(
                "{:?} | {q}\n    want: {}\n    got:  {} ({:.2} vs {:?})",
                rank.map(|r| r + 1),
                title(*rel),
                hits.first().map(|h| title(h.id)).unwrap_or_default(),
                hits.first().map(|h| h.score).unwrap_or(0.0),
                rank.map(|r| hits[r].score)
            );
        }
    }
    eprintln!("{:?} per query", t0.elapsed() / c.queries.len() as u32);
    for limit in [0usize, 1, 10] {
        let t0 = std::time::Instant::now();
        for (q, _) in &c.queries {
            std::hint::black_box(index.search(q, limit));
        }
        eprintln!(
            "limit {limit}: {:?} per query",
            t0.elapsed() / c.queries.len() as u32
        );
    }
}
#[allow(dead_code)]
fn unused() {}
