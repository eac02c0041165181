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
