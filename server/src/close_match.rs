//! Whether a search's best hit is a close match, so the widget can tell a visitor that the
//! results are only loosely related ("No close match: ask the community") instead of letting
//! them read thread after thread. The search ranks whatever matches any word; a close match
//! is one whose title or snippet marks the words of the query that the community's threads
//! know (all of them, or all but one in four). Words the threads never use (or framing words the search drops, like "how") can't be
//! matched by any thread, so they don't count against one.

use peerhelp_api::TextSpan;

/// Whether `title` and `snippet` (a hit's highlighted spans) match the words of `query` for
/// which `known` holds: all of them, or all but one in four. `known` is asked only about
/// words the marks don't cover.
pub fn is_close(
    query: &str,
    title: &[TextSpan],
    snippet: &[TextSpan],
    known: impl Fn(&str) -> bool,
) -> bool {
    let marked: Vec<String> = title
        .iter()
        .chain(snippet)
        .filter(|span| span.mark)
        .flat_map(|span| words(&span.text))
        .collect();
    let mut seen: Vec<String> = Vec::new();
    let (mut matched, mut missed) = (0, 0);
    for word in words(query) {
        if seen.contains(&word) {
            continue;
        }
        if marked.iter().any(|mark| same_word(&word, mark)) {
            matched += 1;
        } else if known(&word) {
            missed += 1;
        }
        seen.push(word);
    }
    // One missed word in four is still close: "esim qr code not working" is answered by a
    // thread on failing eSIM QR codes whichever word it uses for "working".
    !marked.is_empty() && missed * 3 <= matched
}

/// The words of `text`, lowercased.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether a marked word is a form of a query word: the same beginning (stems, completions,
/// "pay"/"payment") or one typo apart (two for long words), as the search matches them.
fn same_word(query_word: &str, marked: &str) -> bool {
    let common = query_word
        .chars()
        .zip(marked.chars())
        .take_while(|(a, b)| a == b)
        .count();
    let shorter = query_word.chars().count().min(marked.chars().count());
    let typos = if shorter >= 8 { 2 } else { 1 };
    common >= shorter.min(5) || (shorter >= 4 && edit_distance(query_word, marked) <= typos)
}

/// Edits (insert, delete, replace, swap two neighbours) from `a` to `b`, in characters: the
/// optimal string alignment distance, as typos are counted.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    // Three rows of the table: two back, the previous and the current.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut current = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            current[j] = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                current[j] = current[j].min(before[j - 2] + 1);
            }
        }
        before = std::mem::replace(&mut previous, current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(parts: &[(&str, bool)]) -> Vec<TextSpan> {
        parts
            .iter()
            .map(|&(text, mark)| TextSpan {
                text: text.into(),
                mark,
            })
            .collect()
    }

    #[test]
    fn every_known_word_must_be_marked() {
        let title = spans(&[
            ("How do I ", false),
            ("cancel", true),
            (" my contract?", false),
        ]);
        let known = |word: &str| ["cancel", "contract", "gym"].contains(&word);
        assert!(is_close("how do I cancel", &title, &[], known));
        assert!(is_close("Cancelling", &title, &[], known), "a stem");
        assert!(is_close("cancle", &title, &[], known), "a typo");
        assert!(
            !is_close("cancel gym", &title, &[], known),
            "gym is not matched"
        );
        assert!(
            is_close("cancel zumba", &title, &[], known),
            "no thread knows zumba"
        );
    }

    #[test]
    fn the_snippet_counts_and_nothing_marked_is_not_close() {
        let snippet = spans(&[("Top up with a ", false), ("voucher", true)]);
        let title = spans(&[("Adding credit", false)]);
        assert!(is_close("voucher", &title, &snippet, |_| true));
        assert!(!is_close("voucher", &title, &[], |_| true));
    }

    #[test]
    fn distances() {
        assert_eq!(edit_distance("refnd", "refund"), 1);
        assert_eq!(edit_distance("refnud", "refund"), 1, "a swap is one typo");
        assert_eq!(edit_distance("roaming", "roaming"), 0);
        assert!(!same_word("watch", "water"));
    }
}
