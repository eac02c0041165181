//! Snippets: the passage of about thirty words from the question or its answers that covers
//! the most of the query (rarer words counting more), cut at sentence or word boundaries.

use peerhelp_api::TextSpan;

use crate::corpus::StoredDoc;
use crate::highlight::{MarkedWord, Marker, spans};

/// Words a snippet aims for; a sentence may run a little longer or stop a little shorter.
const WINDOW: usize = 30;
const MIN_WORDS: usize = 20;
const MAX_WORDS: usize = 35;
/// How far before its first match a passage may start to begin with its sentence.
const LEAD_IN: usize = 12;

/// The best passage of `stored`, or its beginning when nothing but the title matched.
pub(crate) fn snippet(marker: &Marker, stored: &StoredDoc, slot_weight: &[f32]) -> Vec<TextSpan> {
    let doc = &stored.doc;
    // On equal scores the first source wins: top answer, question body, other answers.
    let top = stored.top_answer.map(|i| doc.answers[i].body.as_str());
    let others = (doc.answers.iter().enumerate())
        .filter(|&(i, _)| Some(i) != stored.top_answer)
        .map(|(_, a)| a.body.as_str());
    let mut best: Option<(f32, &str, Vec<MarkedWord>, usize)> = None;
    for text in top.into_iter().chain([doc.body.as_str()]).chain(others) {
        let words = marker.words(text);
        if words.is_empty() {
            continue;
        }
        let (score, start) = best_window(&words, slot_weight);
        if best.as_ref().is_none_or(|b| score > b.0) {
            best = Some((score, text, words, start));
        }
    }
    let Some((_, text, words, start)) = best else {
        return Vec::new();
    };
    passage(text, &words, start)
}

/// The start of the `WINDOW`-word run with the most query weight (distinct slots, with a
/// little for repeats), earliest on ties.
fn best_window(words: &[MarkedWord], slot_weight: &[f32]) -> (f32, usize) {
    let mut counts = vec![0u16; slot_weight.len()];
    let mut score = 0.0;
    let mut best = (f32::MIN, 0);
    for (i, word) in words.iter().enumerate() {
        if let Some(slot) = word.slot {
            counts[slot] += 1;
            score += if counts[slot] == 1 {
                slot_weight[slot]
            } else {
                0.01
            };
        }
        if i >= WINDOW
            && let Some(slot) = words[i - WINDOW].slot
        {
            counts[slot] -= 1;
            score -= if counts[slot] == 0 {
                slot_weight[slot]
            } else {
                0.01
            };
        }
        let start = (i + 1).saturating_sub(WINDOW);
        if (i + 1 >= WINDOW || i + 1 == words.len()) && score > best.0 + 1e-6 {
            best = (score, start);
        }
    }
    best
}

/// Spans for the passage around the window starting at `window`: from its sentence's start
/// when the first match is near it, to a sentence end when one falls in a sensible length.
fn passage(text: &str, words: &[MarkedWord], window: usize) -> Vec<TextSpan> {
    if words.len() <= MAX_WORDS {
        return spans(text, words, 0, text.trim_end().len(), (false, false));
    }
    let first_match = (window..words.len())
        .find(|&i| words[i].slot.is_some())
        .unwrap_or(window);
    let sentence = (first_match.saturating_sub(LEAD_IN)..=first_match)
        .rev()
        .find(|&i| words[i].sentence_start);
    let start =
        sentence.unwrap_or_else(|| first_match.saturating_sub(4).max(window.min(first_match)));
    let ends_sentence = |i: usize| i + 1 == words.len() || words[i + 1].sentence_start;
    let limit = (start + MAX_WORDS).min(words.len());
    let clean_end = (start + MIN_WORDS..limit).rev().find(|&i| ends_sentence(i));
    let last = clean_end.unwrap_or((start + WINDOW).min(words.len()) - 1);
    let mut to = words[last].end;
    if ends_sentence(last) {
        // Keep the sentence's closing punctuation ("." or ".)").
        to += text[to..]
            .find(char::is_whitespace)
            .unwrap_or(text.len() - to);
    }
    let from = if start == 0 { 0 } else { words[start].start };
    let cut = (!words[start].sentence_start, !ends_sentence(last));
    spans(text, words, from, to, cut)
}
