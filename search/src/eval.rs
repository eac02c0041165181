//! Ranking metrics for benchmarks and tuning: precision at 1, mean reciprocal rank and NDCG
//! at 10, for queries with one relevant document each.

use crate::SearchIndex;

/// Averages over a set of queries.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Metrics {
    pub queries: usize,
    pub p_at_1: f64,
    pub mrr_at_10: f64,
    pub ndcg_at_10: f64,
}

/// Metrics of ranked runs, each the ids returned (best first) and the one relevant id.
pub fn evaluate<'a>(runs: impl IntoIterator<Item = (&'a [i64], i64)>) -> Metrics {
    let mut metrics = Metrics::default();
    for (ranked, relevant) in runs {
        metrics.queries += 1;
        if let Some(rank) = ranked.iter().take(10).position(|&id| id == relevant) {
            metrics.p_at_1 += f64::from(u8::from(rank == 0));
            metrics.mrr_at_10 += 1.0 / (rank + 1) as f64;
            // With one relevant document the ideal DCG is 1.
            metrics.ndcg_at_10 += 1.0 / (rank as f64 + 2.0).log2();
        }
    }
    if metrics.queries > 0 {
        let n = metrics.queries as f64;
        metrics.p_at_1 /= n;
        metrics.mrr_at_10 /= n;
        metrics.ndcg_at_10 /= n;
    }
    metrics
}

/// Runs each query against `index` and scores its top ten against the query's relevant id.
pub fn evaluate_index<'a>(
    index: &SearchIndex,
    queries: impl IntoIterator<Item = (&'a str, i64)>,
) -> Metrics {
    let runs: Vec<(Vec<i64>, i64)> = queries
        .into_iter()
        .map(|(query, relevant)| {
            let ranked = index.search(query, 10).into_iter().map(|hit| hit.id);
            (ranked.collect(), relevant)
        })
        .collect();
    evaluate(
        runs.iter()
            .map(|(ranked, relevant)| (&ranked[..], *relevant)),
    )
}

#[cfg(test)]
mod tests {
    use super::evaluate;

    #[test]
    fn averages_rank_based_metrics() {
        let first: &[i64] = &[7, 1, 2];
        let second: &[i64] = &[1, 2, 7];
        let missing: &[i64] = &[1, 2];
        let m = evaluate([(first, 7), (second, 7), (missing, 7)]);
        assert_eq!(m.queries, 3);
        assert!((m.p_at_1 - 1.0 / 3.0).abs() < 1e-9);
        assert!((m.mrr_at_10 - (1.0 + 1.0 / 3.0) / 3.0).abs() < 1e-9);
        assert!((m.ndcg_at_10 - (1.0 + 0.5) / 3.0).abs() < 1e-9);
    }

    #[test]
    fn beyond_ten_counts_as_missed() {
        let ranked: Vec<i64> = (0..20).collect();
        let m = evaluate([(&ranked[..], 15)]);
        assert_eq!((m.p_at_1, m.mrr_at_10, m.ndcg_at_10), (0.0, 0.0, 0.0));
    }
}
