//! Words too common to rank by: the Snowball English stop list plus the words that only frame
//! a help question ("how can I", "is there a way", "I want to", "is it possible").

/// Byte length of the longest entry ("ourselves", "themselves", "yourselves").
const LONGEST: usize = 10;

/// Sorted, so a lookup is a binary search.
#[rustfmt::skip]
const STOPWORDS: &[&str] = &[
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any",
    "anybody", "anyone", "are", "aren't", "as", "at", "be", "because", "been", "before", "being",
    "below", "between", "both", "but", "by", "can", "can't", "cannot", "cant", "could", "couldn't",
    "did", "didn't", "didnt", "do", "does", "doesn't", "doesnt", "doing", "don't", "dont", "down",
    "during", "each", "few", "for", "from", "further", "had", "hadn't", "has", "hasn't", "have",
    "haven't", "having", "he", "he'd", "he'll", "he's", "her", "here", "here's", "hers", "herself",
    "him", "himself", "his", "how", "how's", "i", "i'd", "i'll", "i'm", "i've", "if", "im", "in",
    "into", "is", "isn't", "isnt", "it", "it's", "its", "itself", "ive", "just", "let's", "like",
    "may", "me", "might", "more", "most", "must", "mustn't", "my", "myself", "need", "needs", "no",
    "nor", "not", "of", "off", "on", "once", "only", "or", "other", "ought", "our", "ours",
    "ourselves", "out", "over", "own", "please", "possible", "same", "shall", "shan't", "she",
    "she'd", "she'll", "she's", "should", "shouldn't", "so", "some", "somehow", "such", "than",
    "that", "that's", "the", "their", "theirs", "them", "themselves", "then", "there", "there's",
    "these", "they", "they'd", "they'll", "they're", "they've", "this", "those", "through", "to",
    "too", "under", "until", "up", "very", "want", "wanted", "wants", "was", "wasn't", "way",
    "ways", "we", "we'd", "we'll", "we're", "we've", "were", "weren't", "what", "what's", "when",
    "when's", "where", "where's", "which", "while", "who", "who's", "whom", "why", "why's", "will",
    "with", "won't", "would", "wouldn't", "you", "you'd", "you'll", "you're", "you've", "your",
    "yours", "yourself", "yourselves",
];

/// Whether a normalised word (lowercase, apostrophes as `'`) carries no meaning for ranking.
pub(crate) fn is_stopword(norm: &str) -> bool {
    // Most words of a text are longer than any stopword: skip the search for them.
    norm.len() <= LONGEST && STOPWORDS.binary_search(&norm).is_ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn list_is_sorted_so_binary_search_finds_every_word() {
        assert!(super::STOPWORDS.windows(2).all(|pair| pair[0] < pair[1]));
        assert_eq!(
            super::STOPWORDS.iter().map(|w| w.len()).max(),
            Some(super::LONGEST)
        );
        assert!(super::is_stopword("how") && super::is_stopword("don't"));
        assert!(!super::is_stopword("refund"));
    }
}
