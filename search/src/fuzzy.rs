//! Misspelling search: a Damerau-Levenshtein (optimal string alignment) walk over the sorted
//! vocabulary that shares work between words with a common prefix and skips every word under
//! a prefix that is already too far, like a trie walk without building a trie.

use std::collections::BTreeMap;
use std::collections::btree_map::Range;
use std::ops::Bound;

use crate::vocab::TermId;

/// Words stepped over one by one before a skip falls back to searching the tree.
const STEPS_BEFORE_SEARCH: usize = 8;

/// Words of `sorted` (with their term) within distance `max` of `query`, with the distance.
/// Beyond distance 1 only words with the same first letter are searched: the walk would
/// otherwise visit every three-letter prefix, and people rarely misspell the first letter.
pub(crate) fn within<'a>(
    sorted: &'a BTreeMap<Box<str>, TermId>,
    query: &str,
    max: usize,
) -> Vec<(&'a str, TermId, usize)> {
    let query: Vec<char> = query.chars().collect();
    let width = query.len() + 1;
    // Row i (at rows[i * width..]) holds the distances after the first i chars of the path.
    let mut rows: Vec<usize> = (0..width).collect();
    let mut path: Vec<char> = Vec::new();
    let mut chars: Vec<char> = Vec::new();
    let mut found = Vec::new();
    let first = query.first().filter(|_| max > 1).map(|c| c.to_string());
    let mut iter = match first.as_deref() {
        Some(first) => sorted.range::<str, _>((Bound::Included(first), Bound::Unbounded)),
        None => sorted.range::<str, _>(..),
    };
    'words: while let Some((word, &term)) = iter.next() {
        if first
            .as_deref()
            .is_some_and(|first| !word.starts_with(first))
        {
            break;
        }
        chars.clear();
        chars.extend(word.chars());
        let common = path.iter().zip(&chars).take_while(|(a, b)| a == b).count();
        path.truncate(common);
        rows.truncate((common + 1) * width);
        for &c in &chars[common..] {
            path.push(c);
            push_row(&mut rows, &path, &query);
            if rows[rows.len() - width..].iter().all(|&d| d > max) {
                // No word under this prefix can come back within reach: jump past them all.
                let prefix_len: usize = path.iter().map(|c| c.len_utf8()).sum();
                skip_subtree(sorted, &mut iter, &word[..prefix_len]);
                continue 'words;
            }
        }
        let distance = rows[rows.len() - 1];
        if distance <= max {
            found.push((&**word, term, distance));
        }
    }
    found
}

/// Appends the distance row for `path` (whose last char is new), from the rows before it.
fn push_row(rows: &mut Vec<usize>, path: &[char], query: &[char]) {
    let width = query.len() + 1;
    let i = path.len();
    let c = path[i - 1];
    let above = (i - 1) * width;
    rows.push(i);
    for j in 1..width {
        let substitute = rows[above + j - 1] + usize::from(c != query[j - 1]);
        let mut best = substitute
            .min(rows[above + j] + 1)
            .min(rows[i * width + j - 1] + 1);
        if i > 1 && j > 1 && c == query[j - 2] && path[i - 2] == query[j - 1] {
            best = best.min(rows[(i - 2) * width + j - 2] + 1);
        }
        rows.push(best);
    }
}

/// Moves `iter` past every word starting with `prefix`: by stepping when few are left under
/// it (the common case deep in the walk), else by a fresh range search.
fn skip_subtree<'a>(
    sorted: &'a BTreeMap<Box<str>, TermId>,
    iter: &mut Range<'a, Box<str>, TermId>,
    prefix: &str,
) {
    for _ in 0..STEPS_BEFORE_SEARCH {
        match iter.clone().next() {
            Some((word, _)) if word.starts_with(prefix) => {
                iter.next();
            }
            _ => return,
        }
    }
    if let Some(next) = successor(prefix) {
        *iter = sorted.range::<str, _>((Bound::Included(&*next), Bound::Unbounded));
    }
}

/// The smallest string greater than every string starting with `prefix`.
fn successor(prefix: &str) -> Option<String> {
    let last = prefix.chars().next_back()?;
    let next = (last as u32 + 1..=char::MAX as u32).find_map(char::from_u32)?;
    Some(format!(
        "{}{next}",
        &prefix[..prefix.len() - last.len_utf8()]
    ))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::within;

    /// Optimal string alignment distance, the slow and obvious way.
    fn distance(a: &[char], b: &[char]) -> usize {
        let mut d: Vec<Vec<usize>> = (0..=a.len())
            .map(|i| (0..=b.len()).map(|j| if i == 0 { j } else { i }).collect())
            .collect();
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                d[i][j] = (d[i - 1][j] + 1)
                    .min(d[i][j - 1] + 1)
                    .min(d[i - 1][j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
                }
            }
        }
        d[a.len()][b.len()]
    }

    #[test]
    fn finds_exactly_the_words_within_reach() {
        let words = [
            "refund",
            "refunds",
            "refine",
            "rotund",
            "fund",
            "erfund",
            "refnud",
            "roaming",
            "foaming",
            "roam",
            "café",
            "cafe",
            "caffe",
            "strikethrough",
            "strikthrough",
            "sttrikethrough",
            "a",
            "ab",
            "zzzzzz",
        ];
        let vocab: BTreeMap<Box<str>, u32> = words
            .iter()
            .enumerate()
            .map(|(i, w)| ((*w).into(), i as u32))
            .collect();
        for (query, max) in [
            ("refund", 1),
            ("refnud", 1),
            ("roamin", 1),
            ("cafe", 1),
            ("strikethrough", 2),
            ("b", 1),
        ] {
            let q: Vec<char> = query.chars().collect();
            let mut got: Vec<&str> = within(&vocab, query, max)
                .into_iter()
                .map(|(w, _, _)| w)
                .collect();
            let first = |w: &str| max == 1 || w.chars().next() == q.first().copied();
            let mut want: Vec<&str> = (words.iter().copied())
                .filter(|w| first(w) && distance(&w.chars().collect::<Vec<_>>(), &q) <= max)
                .collect();
            got.sort_unstable();
            want.sort_unstable();
            assert_eq!(got, want, "query {query:?}");
        }
    }
}
