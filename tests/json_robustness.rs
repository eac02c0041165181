//! The widget's JSON decoders against text nobody should send: any string, truncated
//! documents, generated JSON built from the API's own member and variant names (as serde
//! writes the values of `common::json_values`), and real server answers (`json_samples.json`,
//! recorded from the test server) with members replaced or removed, so the cases reach the
//! decoders' inner members. Every decoder must answer `Some` or `None`, never panic, and a
//! truncated document is never read as valid. proptest, 256 cases per property, in headless
//! Chromium because the decoders use the browser's `JSON.parse`.
#![cfg(target_arch = "wasm32")]

mod common;

use std::collections::BTreeSet;

use common::json_values::{Mapped, Visit, visit_every_value};
use peerhelp_api::{
    ApiError, EscalationCreated, FeedbackTally, HelperProfile, HelperQueue, HelperSession,
    HelpersOnline, IdentifyRequest, Leaderboard, LiveEventKind, MyThreads, NewQuestion,
    SearchResponse, SiteConfig, Thread, VisitorSession, VoteTally,
};
use peerhelp_widget::json;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::Value;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Collects the names in what serde writes: every member name, and a value that is a name
/// alone (a unit variant: each is visited by itself).
struct Names(BTreeSet<String>);

impl Visit for Names {
    fn visit<T: Mapped>(&mut self, value: T) {
        let mut values = vec![serde_json::to_value(&value).unwrap()];
        if let Value::String(variant) = &values[0] {
            self.0.insert(variant.clone());
        }
        while let Some(value) = values.pop() {
            match value {
                Value::Object(members) => {
                    self.0.extend(members.keys().cloned());
                    values.extend(members.into_iter().map(|(_, member)| member));
                }
                Value::Array(items) => values.extend(items),
                _ => {}
            }
        }
    }
}

/// Every member and variant name of the types the widget maps.
fn api_names() -> Vec<String> {
    let mut names = Names(BTreeSet::new());
    visit_every_value(&mut names);
    names.0.into_iter().collect()
}

/// JSON values whose objects use the API's names, nested a few levels.
fn api_shaped_json() -> impl Strategy<Value = Value> {
    let names = api_names();
    let numbers = prop::sample::select(vec![
        0.0,
        -0.0,
        0.5,
        -1.0,
        4_294_967_296.0,
        9_007_199_254_740_993.0,
        1e308,
        -1e308,
    ]);
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        numbers.prop_map(|n| serde_json::json!(n)),
        any::<i64>().prop_map(Value::from),
        prop::sample::select(names.clone()).prop_map(Value::String),
        any::<String>().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, move |inner| {
        let all_names = names.clone();
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(names.clone()), inner.clone()), 0..8)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
            // Every name present, so a decoder finds all its required members.
            prop::collection::vec(inner, all_names.len()).prop_map(move |values| Value::Object(
                all_names.iter().cloned().zip(values).collect()
            )),
        ]
    })
}

/// Real answers of the server, one per type the widget reads.
fn samples() -> Vec<Value> {
    let samples: Value = serde_json::from_str(include_str!("json_samples.json")).unwrap();
    samples.as_object().unwrap().values().cloned().collect()
}

/// Where a value sits in a document: member names and array indexes.
#[derive(Clone, Debug)]
enum Step {
    Member(String),
    Item(usize),
}

fn paths(value: &Value, here: &mut Vec<Step>, found: &mut Vec<Vec<Step>>) {
    found.push(here.clone());
    let children: Vec<(Step, &Value)> = match value {
        Value::Object(members) => members
            .iter()
            .map(|(name, v)| (Step::Member(name.clone()), v))
            .collect(),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| (Step::Item(i), v))
            .collect(),
        _ => Vec::new(),
    };
    for (step, child) in children {
        here.push(step);
        paths(child, here, found);
        here.pop();
    }
}

/// Replaces the value at `path` with `replacement`, or removes it when `remove` is set.
fn mutate(document: &mut Value, path: &[Step], replacement: Value, remove: bool) {
    let Some((last, parents)) = path.split_last() else {
        *document = replacement;
        return;
    };
    let mut node = document;
    for step in parents {
        node = match step {
            Step::Member(name) => &mut node[name.as_str()],
            Step::Item(i) => &mut node[*i],
        };
    }
    match (last, node) {
        (Step::Member(name), Value::Object(members)) if remove => {
            members.remove(name);
        }
        (Step::Item(i), Value::Array(items)) if remove => {
            items.remove(*i);
        }
        (Step::Member(name), node) => node[name.as_str()] = replacement,
        (Step::Item(i), node) => node[*i] = replacement,
    }
}

/// Values that sit on the edge of what a member's type holds: negative and fractional
/// numbers, integers past 2^32 and 2^53, the wrong kind of value.
fn edge_value() -> impl Strategy<Value = Value> {
    let edges = vec![
        serde_json::json!(-1),
        serde_json::json!(-1e308),
        serde_json::json!(1e308),
        serde_json::json!(0.5),
        serde_json::json!(4_294_967_296_u64),
        serde_json::json!(9_007_199_254_740_993_u64),
        serde_json::json!(""),
        serde_json::json!("x"),
        Value::Null,
        Value::Bool(true),
        serde_json::json!([]),
        serde_json::json!({}),
    ];
    prop_oneof![4 => prop::sample::select(edges), 1 => api_shaped_json()]
}

/// A real answer with up to three of its values replaced (mostly by edge values) or removed.
fn mutated_samples() -> impl Strategy<Value = Value> {
    let change = (any::<prop::sample::Index>(), edge_value(), any::<bool>());
    let changes = prop::collection::vec(change, 1..4);
    (prop::sample::select(samples()), changes).prop_map(|(mut document, changes)| {
        for (at, replacement, remove) in changes {
            let mut found = Vec::new();
            paths(&document, &mut Vec::new(), &mut found);
            let path = &found[at.index(found.len())];
            mutate(&mut document, path, replacement, remove);
        }
        document
    })
}

/// Decodes `text` as every type the widget reads, returning how many read it.
fn decode_all(text: &str) -> usize {
    [
        json::from_str::<SiteConfig>(text).is_some(),
        json::from_str::<ApiError>(text).is_some(),
        json::from_str::<SearchResponse>(text).is_some(),
        json::from_str::<Thread>(text).is_some(),
        json::from_str::<Vec<Thread>>(text).is_some(),
        json::from_str::<VisitorSession>(text).is_some(),
        json::from_str::<IdentifyRequest>(text).is_some(),
        json::from_str::<MyThreads>(text).is_some(),
        json::from_str::<HelperSession>(text).is_some(),
        json::from_str::<HelperProfile>(text).is_some(),
        json::from_str::<HelperQueue>(text).is_some(),
        json::from_str::<HelpersOnline>(text).is_some(),
        json::from_str::<Leaderboard>(text).is_some(),
        json::from_str::<EscalationCreated>(text).is_some(),
        json::from_str::<FeedbackTally>(text).is_some(),
        json::from_str::<VoteTally>(text).is_some(),
        json::from_str::<LiveEventKind>(text).is_some(),
        json::from_str::<Vec<(String, NewQuestion)>>(text).is_some(),
        json::from_str::<Option<(i64, String)>>(text).is_some(),
    ]
    .into_iter()
    .filter(|read| *read)
    .count()
}

/// 256 cases; no failure file (there is no file system in the browser).
fn runner() -> TestRunner {
    TestRunner::new(Config {
        cases: 256,
        failure_persistence: None,
        ..Config::default()
    })
}

fn run<S: Strategy>(strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>) {
    if let Err(failure) = runner().run(&strategy, test) {
        panic!("{failure}");
    }
}

#[wasm_bindgen_test]
fn any_string_decodes_or_not_without_panicking() {
    run(any::<String>(), |text| {
        decode_all(&text);
        Ok(())
    });
}

#[wasm_bindgen_test]
fn api_shaped_json_decodes_or_not_without_panicking() {
    run(api_shaped_json(), |value| {
        decode_all(&value.to_string());
        Ok(())
    });
}

#[wasm_bindgen_test]
fn real_answers_with_changed_members_decode_or_not_without_panicking() {
    run(mutated_samples(), |document| {
        decode_all(&document.to_string());
        Ok(())
    });
}

#[wasm_bindgen_test]
fn truncated_documents_never_decode() {
    let documents = (api_shaped_json(), any::<prop::sample::Index>());
    run(documents, |(value, cut)| {
        let text = serde_json::json!({ "document": value }).to_string();
        let boundaries: Vec<usize> = (1..text.len())
            .filter(|i| text.is_char_boundary(*i))
            .collect();
        let prefix = &text[..boundaries[cut.index(boundaries.len())]];
        prop_assert_eq!(decode_all(prefix), 0, "{}", prefix);
        Ok(())
    });
}

#[wasm_bindgen_test]
fn generated_documents_reach_the_decoders() {
    // A run in which nothing ever decoded would prove little: most generated documents are
    // refused, but some of them, and known-good ones, must be read.
    let mut runner = runner();
    let strategy = api_shaped_json();
    let read = (0..256)
        .map(|_| strategy.new_tree(&mut runner).unwrap().current())
        .filter(|value| decode_all(&value.to_string()) > 0)
        .count();
    assert!(read > 0, "no generated document decoded as any type");
    for sample in samples() {
        assert!(decode_all(&sample.to_string()) > 0, "{sample}");
    }
}
