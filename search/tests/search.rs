//! Behaviour of the index as the server uses it: matching (stems, prefixes, typos, accents),
//! and highlighting.

#[path = "support/fixture.rs"]
mod fixture;

use fixture::{doc, ids, index};
use peerhelp_search::{SearchIndex, TextSpan};

fn joined(spans: &[TextSpan]) -> String {
    spans.iter().map(|span| span.text.as_str()).collect()
}

fn marked(spans: &[TextSpan]) -> Vec<&str> {
    spans
        .iter()
        .filter(|span| span.mark)
        .map(|span| span.text.as_str())
        .collect()
}

#[test]
fn stemmed_words_match_other_forms() {
    assert_eq!(ids(&index().search("refunds cancel", 10))[0], 3);
    assert_eq!(ids(&index().search("activating esims ", 10)), [2]);
}

#[test]
fn the_word_being_typed_matches_as_a_prefix() {
    let index = index();
    assert_eq!(ids(&index.search("roam", 10)), [1]);
    assert_eq!(ids(&index.search("how to activate esi", 10)), [2]);
    // Once the word is finished (space or punctuation), it is matched whole only.
    assert!(index.search("esi ", 10).is_empty());
    assert_eq!(ids(&index.search("char", 10)), [1]);
    assert!(index.search("char?", 10).is_empty());
}

#[test]
fn a_one_letter_prefix_is_answered() {
    let hits = index().search("r", 10);
    assert!(ids(&hits).contains(&1) && ids(&hits).contains(&3));
}

#[test]
fn misspelt_words_find_their_correction() {
    let index = index();
    assert_eq!(ids(&index.search("refnud", 10)), [3]);
    assert_eq!(ids(&index.search("stirkethrough ", 10)), [5]);
    let hit = &index.search("refnud", 10)[0];
    assert_eq!(marked(&hit.title_highlight), ["Refund"]);
}

#[test]
fn corrections_rank_below_exact_matches() {
    let mut index = index();
    index.upsert(doc(6, "Refnud", "", &[]));
    assert_eq!(ids(&index.search("refund", 10))[0], 3);
}

#[test]
fn accents_and_case_do_not_matter() {
    let index = index();
    assert_eq!(ids(&index.search("cafe", 10)), [4]);
    assert_eq!(ids(&index.search("CAFÉ hours", 10)), [4]);
}

#[test]
fn words_split_in_the_query_find_the_joined_word() {
    assert_eq!(ids(&index().search("strikethrough git hub", 10))[0], 5);
    assert_eq!(ids(&index().search("git hub ", 10)), [5]);
}

#[test]
fn question_words_alone_match_nothing() {
    assert!(index().search("how do I ", 10).is_empty());
    assert!(index().search("", 10).is_empty());
}

#[test]
fn title_highlight_is_the_whole_title_with_matches_marked() {
    let hit = &index().search("data roaming", 10)[0];
    assert_eq!(joined(&hit.title_highlight), "Roaming charges abroad");
    assert_eq!(marked(&hit.title_highlight), ["Roaming"]);
    let hit = &index().search("esi", 10)[0];
    assert_eq!(joined(&hit.title_highlight), "How do I activate my eSIM?");
    assert_eq!(marked(&hit.title_highlight), ["eSIM"]);
}

#[test]
fn accepted_and_voted_answers_are_a_mild_prior() {
    let mut index = SearchIndex::new();
    let mut answered = doc(1, "Reset password", "", &["Use the reset link."]);
    answered.answers[0].accepted = true;
    answered.answers[0].votes = 50;
    index.upsert(answered);
    index.upsert(doc(2, "Reset password", "", &["Use the reset link."]));
    index.upsert(doc(
        3,
        "Reset my router password",
        "",
        &["Hold the button."],
    ));
    assert_eq!(ids(&index.search("reset password", 10))[..2], [1, 2]);
    let mut unanswered_but_relevant = doc(
        4,
        "Password reset email never arrives",
        "password reset email",
        &[],
    );
    unanswered_but_relevant.answers.clear();
    index.upsert(unanswered_but_relevant);
    assert_eq!(ids(&index.search("password reset email", 10))[0], 4);
}

#[test]
fn limit_caps_the_results() {
    assert_eq!(index().search("r", 1).len(), 1);
    assert!(index().search("roaming", 0).is_empty());
}

/// A query word prefers documents with that very word over ones with only another form of it:
/// "watch data" is about a watch, not about watching TV (the demo community's threads).
#[test]
fn the_query_word_itself_outranks_its_other_forms() {
    let mut index = SearchIndex::new();
    index.upsert(doc(
        1,
        "Watching TV through my hotspot eats data",
        "Used 25GB in a weekend at a holiday cottage.",
        &[
            "HD streaming can use around 3GB an hour. Set playback to standard definition.",
            "Turn off auto-updates and 'sample content' downloads on the TV while on hotspot.",
        ],
    ));
    index.upsert(doc(
        2,
        "Apple Watch cellular with Nimbus?",
        "Just got a cellular Series 9 and want to leave my phone at home when running.",
        &[
            "Yes, Nimbus Watch is £6 a month. Set it up in the Watch app on your iPhone > Mobile Data.",
            "The watch shares your number, so calls ring on both. Data comes out of your phone plan's allowance.",
        ],
    ));
    index.upsert(doc(
        3,
        "My data runs out way too fast",
        "",
        &["Check which apps use mobile data."],
    ));
    assert_eq!(ids(&index.search("watch data", 10))[..2], [2, 1]);
    // Another form still finds the thread, and is still marked.
    let hits = index.search("watches", 10);
    assert_eq!(ids(&hits).len(), 2);
    assert_eq!(marked(&hits[0].title_highlight), ["Watch"]);
}
