//! Snippets: the best passage of the question or answers, cut at sentence or word boundaries,
//! with spans that rebuild the original text.

use peerhelp_search::{AnswerText, Document, SearchIndex, TextSpan};

fn answer(body: &str, votes: i64, accepted: bool) -> AnswerText {
    AnswerText {
        body: body.into(),
        votes,
        accepted,
        verified: false,
    }
}

fn snippet_of(doc: Document, query: &str) -> Vec<TextSpan> {
    let mut index = SearchIndex::new();
    index.upsert(doc);
    index.search(query, 1).remove(0).snippet
}

/// The snippet's text without the ellipses, and whether it was cut at each end.
fn text_and_cuts(spans: &[TextSpan]) -> (String, bool, bool) {
    let text: String = spans.iter().map(|s| s.text.as_str()).collect();
    let start = text.starts_with('…');
    let end = text.ends_with('…');
    (
        text.trim_start_matches('…')
            .trim_end_matches('…')
            .to_owned(),
        start,
        end,
    )
}

fn filler(words: usize, word: &str) -> String {
    vec![word; words].join(" ")
}

#[test]
fn short_answer_is_shown_whole_with_matches_marked() {
    let doc = Document {
        id: 1,
        title: "Billing".into(),
        body: String::new(),
        answers: vec![answer(
            "Refunds take five days, refund emails follow.",
            0,
            false,
        )],
    };
    let spans = snippet_of(doc, "refund");
    let (text, cut_start, cut_end) = text_and_cuts(&spans);
    assert_eq!(text, "Refunds take five days, refund emails follow.");
    assert!(!cut_start && !cut_end);
    let marked: Vec<&str> = spans
        .iter()
        .filter(|s| s.mark)
        .map(|s| s.text.as_str())
        .collect();
    assert_eq!(marked, ["Refunds", "refund"]);
}

#[test]
fn long_text_is_cut_around_the_best_passage_at_word_boundaries() {
    let body = format!(
        "{}. Roaming in the EU is free with every plan, and roaming outside it costs extra. {}.",
        filler(80, "intro"),
        filler(80, "outro")
    );
    let doc = Document {
        id: 1,
        title: "Plans".into(),
        body: body.clone(),
        answers: vec![],
    };
    let spans = snippet_of(doc, "roaming outside");
    let (text, cut_start, cut_end) = text_and_cuts(&spans);
    assert!(
        body.contains(&text),
        "spans rebuild a piece of the original text: {text:?}"
    );
    assert!(
        text.starts_with("Roaming in the EU"),
        "starts at the sentence: {text:?}"
    );
    assert!(!cut_start && cut_end);
    let words = text.split_whitespace().count();
    assert!((20..=36).contains(&words), "{words} words");
}

#[test]
fn passage_without_a_sentence_start_nearby_is_cut_with_an_ellipsis() {
    let body = format!("{} roaming {}", filler(100, "word"), filler(100, "word"));
    let doc = Document {
        id: 1,
        title: "Plans".into(),
        body: body.clone(),
        answers: vec![],
    };
    let spans = snippet_of(doc, "roaming");
    let (text, cut_start, cut_end) = text_and_cuts(&spans);
    assert!(cut_start && cut_end);
    assert!(body.contains(&text) && text.contains("roaming"));
}

#[test]
fn top_answer_wins_ties_and_better_passages_win_over_it() {
    let answers = vec![
        answer("Reset it from settings.", 1, false),
        answer("Reset it from the app.", 9, true),
    ];
    let doc = Document {
        id: 1,
        title: "Password".into(),
        body: String::new(),
        answers,
    };
    let (text, ..) = text_and_cuts(&snippet_of(doc.clone(), "reset"));
    assert_eq!(text, "Reset it from the app.");
    let (text, ..) = text_and_cuts(&snippet_of(doc, "reset settings"));
    assert_eq!(text, "Reset it from settings.");
}

#[test]
fn title_only_match_shows_the_beginning_and_no_text_shows_nothing() {
    let doc = Document {
        id: 1,
        title: "Roaming".into(),
        body: String::new(),
        answers: vec![answer("It is free in the EU.", 0, false)],
    };
    assert_eq!(
        text_and_cuts(&snippet_of(doc, "roaming")).0,
        "It is free in the EU."
    );
    let doc = Document {
        id: 1,
        title: "Roaming".into(),
        body: String::new(),
        answers: vec![],
    };
    assert!(snippet_of(doc, "roaming").is_empty());
}

#[test]
fn spans_keep_unicode_and_newlines_exactly() {
    let body = "Ça coûte 5 €.\nLe remboursement arrive — en général — sous 5 jours.";
    let doc = Document {
        id: 1,
        title: "Remboursement".into(),
        body: body.into(),
        answers: vec![],
    };
    let (text, ..) = text_and_cuts(&snippet_of(doc, "remboursement"));
    assert_eq!(text, body);
}
