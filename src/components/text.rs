//! Rendering the server's text safely: every string becomes a text node, never HTML.

use leptos::prelude::*;
use peerhelp_api::{Text, TextSpan};

use crate::i18n::{counted, t};

/// Highlighted text: the spans that matched the query become `<mark>` elements.
pub fn highlighted(spans: Vec<TextSpan>) -> impl IntoView {
    spans
        .into_iter()
        .map(|span| {
            if span.mark {
                view! { <mark>{span.text}</mark> }.into_any()
            } else {
                span.text.into_any()
            }
        })
        .collect_view()
}

/// Plain text as paragraphs: a blank line starts a new one; single line breaks are kept by CSS.
pub fn paragraphs(text: &str) -> impl IntoView + use<> {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut after_blank = true;
    for line in text.lines() {
        if line.trim().is_empty() {
            after_blank = true;
        } else if after_blank {
            paragraphs.push(line.to_owned());
            after_blank = false;
        } else if let Some(paragraph) = paragraphs.last_mut() {
            paragraph.push('\n');
            paragraph.push_str(line);
        }
    }
    paragraphs
        .into_iter()
        .map(|paragraph| view! { <p>{paragraph}</p> })
        .collect_view()
}

/// How many answers, as a thread or result shows it: "No answers yet", "1 answer", "3 answers".
pub fn answer_count(count: i64) -> String {
    match count {
        0 => t(Text::NoAnswersYet).to_owned(),
        count => counted(count, Text::AnswersOne, Text::AnswersMany),
    }
}
