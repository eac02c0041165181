//! Ranking parameters. The defaults come from tuning on StackFAQ (`tuning`), judged by
//! their cross-validated figures and rounded to moderate values; they are public so a tuning
//! run can change them without re-indexing.

/// Weights and constants of the ranking function.
#[derive(Clone, Debug, PartialEq)]
pub struct RankingParams {
    /// BM25 term-frequency saturation.
    pub k1: f32,
    /// BM25F weight of a term occurrence in each field.
    pub title_weight: f32,
    pub body_weight: f32,
    /// The accepted answer, else one verified by staff, else the highest voted, else the first.
    pub top_answer_weight: f32,
    pub other_answers_weight: f32,
    /// BM25 length normalisation of each field (0 = none, 1 = full).
    pub title_b: f32,
    pub body_b: f32,
    pub answers_b: f32,
    /// Weight of a completion of the word being typed, relative to an exact match.
    pub prefix_weight: f32,
    /// Weight of another form of a query word (same stem: "watching" for "watch") when the
    /// word itself is in the documents too.
    pub stem_weight: f32,
    /// Weight of a derived form sharing most of a query word's beginning.
    pub relative_weight: f32,
    /// Weight of a correction at edit distance 1; distance 2 gets its square.
    pub typo_weight: f32,
    /// Score is multiplied by (matched share of the query's idf mass) to this power.
    pub coverage_exponent: f32,
    /// Bonus factor for the share of the title's words the query matches.
    pub title_coverage_bonus: f32,
    /// Bonus factor for the share of the query's idf mass matched in the title.
    pub query_in_title_bonus: f32,
    /// Largest relative boost the answer-quality prior (votes, acceptance) can give.
    pub prior_weight: f32,
}

impl Default for RankingParams {
    fn default() -> Self {
        RankingParams {
            k1: 6.0,
            title_weight: 5.0,
            body_weight: 1.0,
            top_answer_weight: 0.75,
            other_answers_weight: 0.75,
            title_b: 0.5,
            body_b: 0.75,
            answers_b: 1.0,
            prefix_weight: 0.7,
            typo_weight: 0.6,
            stem_weight: 0.7,
            relative_weight: 0.75,
            coverage_exponent: 0.25,
            title_coverage_bonus: 1.0,
            query_in_title_bonus: 0.5,
            prior_weight: 0.1,
        }
    }
}
