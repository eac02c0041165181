//! Reading a community file (JSON lines, the format of `peerhelp_api::CommunityThread`):
//! every line is parsed and checked before anything is written, so a bad file imports nothing
//! and the error names the line to fix.

use std::collections::HashMap;

use peerhelp_api::CommunityThread;

use crate::error::AppError;

pub const MAX_TITLE_CHARS: usize = 300;
pub const MAX_TEXT_CHARS: usize = 20_000;
const MAX_TAGS: usize = 20;
const MAX_TAG_CHARS: usize = 40;
const MAX_ID_CHARS: usize = 200;

/// Parses and validates a whole community file. Blank lines are skipped.
pub fn parse_community_file(text: &str) -> Result<Vec<CommunityThread>, AppError> {
    let mut threads = Vec::new();
    let mut first_line_of_id: HashMap<String, usize> = HashMap::new();
    for (index, line) in text.lines().enumerate() {
        let line_number = index + 1;
        if line.trim().is_empty() {
            continue;
        }
        let invalid = |why: String| AppError::InvalidInput(format!("line {line_number}: {why}"));
        let thread: CommunityThread =
            serde_json::from_str(line).map_err(|e| invalid(e.to_string()))?;
        let thread = normalize(thread).map_err(invalid)?;
        if let Some(id) = &thread.id
            && let Some(first) = first_line_of_id.insert(id.clone(), line_number)
        {
            return Err(invalid(format!(
                "id {id:?} already appears on line {first}"
            )));
        }
        threads.push(thread);
    }
    Ok(threads)
}

/// Trims and checks one thread; the error says what is wrong with it.
pub fn normalize(mut thread: CommunityThread) -> Result<CommunityThread, String> {
    if let Some(id) = &thread.id {
        let id = id.trim();
        if id.is_empty() || id.chars().count() > MAX_ID_CHARS {
            return Err(format!("id must be 1 to {MAX_ID_CHARS} characters"));
        }
        thread.id = Some(id.to_owned());
    }
    thread.title = checked_text("title", &thread.title, MAX_TITLE_CHARS, true)?;
    thread.body = checked_text("body", &thread.body, MAX_TEXT_CHARS, false)?;
    for (n, answer) in thread.answers.iter_mut().enumerate() {
        answer.body = checked_text(
            &format!("answers[{n}].body"),
            &answer.body,
            MAX_TEXT_CHARS,
            true,
        )?;
        answer.author = answer
            .author
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_owned);
    }
    if thread.answers.iter().filter(|a| a.accepted).count() > 1 {
        return Err("at most one answer can be accepted".to_owned());
    }
    if thread.tags.len() > MAX_TAGS {
        return Err(format!("at most {MAX_TAGS} tags"));
    }
    let mut tags = Vec::with_capacity(thread.tags.len());
    for tag in &thread.tags {
        let tag = tag.trim().to_lowercase();
        if tag.is_empty() || tag.chars().count() > MAX_TAG_CHARS {
            return Err(format!("tags must be 1 to {MAX_TAG_CHARS} characters"));
        }
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    thread.tags = tags;
    Ok(thread)
}

fn checked_text(
    field: &str,
    text: &str,
    max_chars: usize,
    required: bool,
) -> Result<String, String> {
    let text = text.trim();
    if required && text.is_empty() {
        return Err(format!("{field} is empty"));
    }
    if text.chars().count() > max_chars {
        return Err(format!("{field} is longer than {max_chars} characters"));
    }
    Ok(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(text: &str) -> String {
        parse_community_file(text).unwrap_err().to_string()
    }

    #[test]
    fn accepts_the_minimal_form_and_skips_blank_lines() {
        let threads =
            parse_community_file("\n{\"title\":\" Refund? \",\"answers\":[{\"body\":\"Yes\"}]}\n")
                .unwrap();
        assert_eq!(threads.len(), 1);
        assert_eq!(threads[0].title, "Refund?");
        assert_eq!(threads[0].answers[0].votes, 0);
    }

    #[test]
    fn names_the_line_of_each_mistake() {
        let good = r#"{"id":"a","title":"t","answers":[]}"#;
        assert!(error_of(&format!("{good}\nnot json")).starts_with("line 2:"));
        assert!(
            error_of(&format!("{good}\n{{\"title\":\"  \"}}")).contains("line 2: title is empty")
        );
        assert!(
            error_of(&format!("{good}\n{good}"))
                .contains("line 2: id \"a\" already appears on line 1")
        );
        let no_body = r#"{"title":"t","answers":[{"body":""}]}"#;
        assert!(error_of(no_body).contains("line 1: answers[0].body is empty"));
        let two_accepted = r#"{"title":"t","answers":[{"body":"a","accepted":true},{"body":"b","accepted":true}]}"#;
        assert!(error_of(two_accepted).contains("at most one answer"));
    }

    /// Property tests: any text at all, or any file of generated threads, comes back as a value
    /// (the threads, or an error naming a line); nothing panics.
    mod properties {
        use super::*;
        use peerhelp_api::CommunityAnswer;
        use proptest::prelude::*;

        /// Text made of JSON's punctuation, this format's member names and awkward values, so
        /// the cases reach past the JSON parser into the checks.
        fn json_shaped() -> impl Strategy<Value = String> {
            let piece = prop_oneof![
                Just("{"),
                Just("}"),
                Just("["),
                Just("]"),
                Just(","),
                Just(":"),
                Just("\n"),
                Just("\"title\""),
                Just("\"body\""),
                Just("\"answers\""),
                Just("\"tags\""),
                Just("\"id\""),
                Just("\"accepted\""),
                Just("\"votes\""),
                Just("true"),
                Just("null"),
                Just("-9223372036854775809"),
                Just("1e999"),
                Just("\"\\ud800\""),
                Just("\"  \""),
                Just("\"Refund?\""),
                Just("\"\\u0000\""),
            ];
            prop::collection::vec(piece, 0..48).prop_map(|pieces| pieces.concat())
        }

        fn text() -> impl Strategy<Value = String> {
            prop_oneof![
                Just(String::new()),
                Just("   ".to_owned()),
                Just("x".repeat(MAX_TITLE_CHARS + 1)),
                "[ a-zA-Z\t\u{0}-\u{1f}\u{202e}\u{fffd}]{0,12}",
            ]
        }

        fn thread() -> impl Strategy<Value = CommunityThread> {
            let answer = (
                text(),
                proptest::option::of(text()),
                any::<bool>(),
                any::<i64>(),
            )
                .prop_map(|(body, author, accepted, votes)| CommunityAnswer {
                    body,
                    author,
                    accepted,
                    votes,
                });
            let tags = prop::collection::vec(text(), 0..(MAX_TAGS + 2));
            let answers = prop::collection::vec(answer, 0..3);
            (proptest::option::of(text()), text(), text(), answers, tags).prop_map(
                |(id, title, body, answers, tags)| CommunityThread {
                    id,
                    title,
                    body,
                    answers,
                    tags,
                },
            )
        }

        /// The parser's promise: threads that meet every rule, or an error naming the line.
        fn check(text: &str) -> Result<Vec<CommunityThread>, TestCaseError> {
            match parse_community_file(text) {
                Ok(threads) => {
                    for thread in &threads {
                        let title_chars = thread.title.chars().count();
                        prop_assert!((1..=MAX_TITLE_CHARS).contains(&title_chars));
                        prop_assert_eq!(thread.title.trim(), &thread.title);
                        prop_assert!(thread.answers.iter().all(|a| !a.body.is_empty()));
                        prop_assert!(thread.answers.iter().filter(|a| a.accepted).count() <= 1);
                        prop_assert!(thread.tags.len() <= MAX_TAGS);
                        for tag in &thread.tags {
                            prop_assert_eq!(tag, &tag.trim().to_lowercase());
                        }
                    }
                    Ok(threads)
                }
                Err(error) => {
                    prop_assert!(error.to_string().starts_with("line "), "{error}");
                    Ok(Vec::new())
                }
            }
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(256))]

            #[test]
            fn any_text_gives_threads_or_an_error(text in any::<String>()) {
                check(&text)?;
            }

            #[test]
            fn json_shaped_text_gives_threads_or_an_error(text in json_shaped()) {
                check(&text)?;
            }

            #[test]
            fn generated_files_import_whole_or_name_a_line(
                threads in prop::collection::vec(thread(), 0..6)
            ) {
                let lines: Vec<String> = threads
                    .iter()
                    .map(|t| serde_json::to_string(t).unwrap())
                    .collect();
                let imported = check(&lines.join("\n"))?;
                if !imported.is_empty() {
                    prop_assert_eq!(imported.len(), threads.len());
                }
            }
        }
    }
}
