//! The widget's JSON mappings against serde_json, which the server uses: every type the widget
//! maps must read what serde writes and write exactly what serde writes, for every variant and
//! with optional members both present and absent (the values of `common::json_values`).
// Browser tests: `JSON.parse` and friends need a JS engine, so they only exist on wasm32.
#![cfg(target_arch = "wasm32")]

mod common;

use common::json_values::{Mapped, Visit, visit_every_value};
use peerhelp_api::{LiveEventKind, MyThreads, NewQuestion, QueueItem, VoteTally};
use peerhelp_widget::json;
use serde_json::Value;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Maps each value both ways and compares with serde.
struct SameAsSerde;

impl Visit for SameAsSerde {
    fn visit<T: Mapped>(&mut self, value: T) {
        let theirs = serde_json::to_string(&value).unwrap();
        assert_eq!(
            json::from_str::<T>(&theirs).as_ref(),
            Some(&value),
            "reading {theirs}"
        );
        let ours = json::to_string(&value).unwrap();
        assert_eq!(
            numbers_as_f64(serde_json::from_str(&ours).unwrap()),
            numbers_as_f64(serde_json::from_str(&theirs).unwrap()),
            "writing {value:?}: ours {ours}, serde's {theirs}"
        );
    }
}

/// `value` with every number as an `f64`: JS writes the float `1.0` as `1`, serde as `1.0`,
/// and both read either as the same number.
fn numbers_as_f64(value: Value) -> Value {
    match value {
        Value::Number(number) => serde_json::json!(number.as_f64().unwrap()),
        Value::Array(items) => Value::Array(items.into_iter().map(numbers_as_f64).collect()),
        Value::Object(members) => Value::Object(
            members
                .into_iter()
                .map(|(name, member)| (name, numbers_as_f64(member)))
                .collect(),
        ),
        other => other,
    }
}

#[wasm_bindgen_test]
fn every_mapping_reads_and_writes_as_serde_does() {
    visit_every_value(&mut SameAsSerde);
}

#[wasm_bindgen_test]
fn defaults_and_mistakes() {
    // `#[serde(default)]` members may be missing.
    let span = json::from_str::<peerhelp_api::TextSpan>(r#"{"text":"plain"}"#).unwrap();
    assert!(!span.mark);
    let draft = json::from_str::<NewQuestion>(r#"{"title":"Roaming in Spain"}"#).unwrap();
    assert_eq!(draft.body, "");
    // Anything else that is not the type's shape reads as nothing.
    let mistakes = [
        "",
        "not json",
        "null",
        "[]",
        r#"{"answer_id":1}"#,
        r#"{"answer_id":1,"votes":"5"}"#,
        r#"{"answer_id":1.5,"votes":5}"#,
        r#"{"answer_id":1,"votes":null}"#,
        r#"{"answer_id":1e300,"votes":5}"#,
    ];
    for text in mistakes {
        assert_eq!(json::from_str::<VoteTally>(text), None, "{text}");
    }
    assert_eq!(
        json::from_str::<Vec<QueueItem>>(r#"[{"thread_id":-1}]"#),
        None
    );
    let unknown = r#"{"answer_voted":{"thread_id":7,"answer_id":1,"votes":3},"extra":{}}"#;
    assert_eq!(json::from_str::<LiveEventKind>(unknown), None);
    assert_eq!(json::from_str::<LiveEventKind>(r#"{"renamed":{}}"#), None);
    let status = r#"{"id":5,"name":"R","initials":"R","rank":"expert","status":"busy"}"#;
    assert_eq!(json::from_str::<peerhelp_api::HelperCard>(status), None);
    // A count can't be negative.
    let negative = r#"{"threads":[{"id":7,"title":"t","status":"open","answer_count":-1,"unread":0,"created_at":"","last_activity_at":""}]}"#;
    assert_eq!(json::from_str::<MyThreads>(negative), None);
}
