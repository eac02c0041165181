//! Whether a search's best hit is a close match, so the widget can tell a visitor that the
//! results are only loosely related ("No close match: ask the community") instead of letting
//! them read thread after thread. The search ranks whatever matches any word; a close match
//! is one that matches the words of the query the community's threads know (the search
//! counts them, in any form or corrected): all of them, or all but one in four. Words no
//! thread uses, and framing words the search drops ("how"), can't be matched by any thread,
//! so they don't count against one.

/// Whether a hit matching `words_matched` of the query's `words_known` words is close.
pub fn is_close(words_matched: u32, words_known: u32) -> bool {
    let missed = words_known.saturating_sub(words_matched);
    // One missed word in four is still close: "esim qr code not working" is answered by a
    // thread on failing eSIM QR codes whichever word it uses for "working".
    words_matched > 0 && missed * 3 <= words_matched
}

#[cfg(test)]
mod tests {
    use super::is_close;

    #[test]
    fn all_known_words_or_all_but_one_in_four() {
        assert!(is_close(1, 1));
        assert!(is_close(3, 4), "one missed of four");
        assert!(!is_close(1, 2), "half of the question");
        assert!(!is_close(2, 4));
        assert!(!is_close(0, 0), "nothing matched");
    }
}
