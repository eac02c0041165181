//! Tokeniser behaviour: word boundaries, case and accent folding, apostrophes.

use super::{Words, surface};

fn words(text: &str) -> Vec<(String, &str)> {
    let mut iter = Words::new(text);
    let mut out = Vec::new();
    while let Some((start, end)) = iter.next_word() {
        out.push((iter.norm().to_owned(), &text[start..end]));
    }
    out
}

#[test]
fn splits_on_punctuation_and_lowercases() {
    let got = words("Gmail: eSIM-roaming, (Refund)!");
    let norms: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(norms, ["gmail", "esim", "roaming", "refund"]);
    assert_eq!(got[3].1, "Refund");
}

#[test]
fn folds_accents_precomposed_and_decomposed() {
    let got = words("Café NAÏVE Ångström cafe\u{301} Łódź straße");
    let norms: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        norms,
        ["cafe", "naive", "angstrom", "cafe", "lodz", "strasse"]
    );
    assert_eq!(
        got[3].1, "cafe\u{301}",
        "the byte range keeps the combining accent"
    );
}

#[test]
fn apostrophes_stay_inside_words_only() {
    let got = words("don’t 'quoted' users' it's");
    let norms: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(norms, ["don't", "quoted", "users", "it's"]);
    assert_eq!(got[0].1, "don’t");
}

#[test]
fn surface_drops_stopwords_possessives_and_apostrophes() {
    assert_eq!(surface("user's").as_deref(), Some("user"));
    assert_eq!(surface("o'reilly").as_deref(), Some("oreilly"));
    assert_eq!(surface("how"), None);
    assert_eq!(surface("don't"), None);
    assert_eq!(surface("dont"), None);
}

#[test]
fn non_latin_scripts_are_words_too() {
    let norms: Vec<String> = words("Привет мир 東京")
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert_eq!(norms, ["привет", "мир", "東京"]);
}
