#[path = "../tests/support/stackfaq.rs"]
mod stackfaq;
use peerhelp_search::SearchIndex;
fn main() {
    let c = stackfaq::load();
    let mut index = SearchIndex::new();
    for t in &c.threads {
        index.upsert(t.clone());
    }
    let q = std::env::args().nth(1).unwrap();
    for h in index.search(&q, 5) {
        println!(
            "{} {:.3} {:?}",
            h.id,
            h.score,
            h.title_highlight
                .iter()
                .map(|s| if s.mark {
                    format!("[{}]", s.text)
                } else {
                    s.text.clone()
                })
                .collect::<String>()
        );
    }
}
