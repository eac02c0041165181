//! BM25F length normalisation of each field, from the ranking parameters and the corpus'
//! average field lengths: shared by scoring and by the score bounds the index keeps, so both
//! weigh a posting by the very same arithmetic.

use crate::RankingParams;
use crate::corpus::FIELDS;

/// A field's count is weighted and divided by `base + per_len * len`, that is
/// (1 - b + b * len / avg_len) / weight.
#[derive(Clone, Copy, PartialEq)]
pub(crate) struct FieldNorms {
    pub base: [f32; FIELDS],
    pub per_len: [f32; FIELDS],
}

impl FieldNorms {
    /// For `docs` live documents whose field lengths sum to `len_sum`.
    pub(crate) fn new(params: &RankingParams, docs: f32, len_sum: &[u64; FIELDS]) -> Self {
        let weight = [
            params.title_weight,
            params.body_weight,
            params.top_answer_weight,
            params.other_answers_weight,
        ];
        let b = [
            params.title_b,
            params.body_b,
            params.answers_b,
            params.answers_b,
        ];
        let base = std::array::from_fn(|f| (1.0 - b[f]) / weight[f].max(f32::MIN_POSITIVE));
        let per_len = std::array::from_fn(|f| {
            let avg_len = (len_sum[f] as f32 / docs).max(1.0);
            b[f] / avg_len / weight[f].max(f32::MIN_POSITIVE)
        });
        FieldNorms { base, per_len }
    }

    /// A posting's weighted, length-normalised count summed over its fields: what BM25F
    /// saturates once.
    #[inline]
    pub(crate) fn weigh(&self, tf: &[u8; FIELDS], len: &[u32; FIELDS]) -> f32 {
        let mut sum = 0.0;
        for (f, &count) in tf.iter().enumerate() {
            if count != 0 {
                sum += f32::from(count) / (self.base[f] + self.per_len[f] * len[f] as f32);
            }
        }
        sum
    }
}
