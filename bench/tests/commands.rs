//! The benchmark commands refuse what they cannot measure, with a clear error and before
//! starting anything: a widget size without a widget build, several nodes on SQLite.

use std::process::{Command, Output};

fn bench(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_peerhelp-bench"))
        .args(args)
        .output()
        .expect("run peerhelp-bench")
}

fn refusal(output: &Output) -> String {
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn widget_size_without_a_build_says_how_to_make_one() {
    let empty = tempfile::tempdir().unwrap();
    let dist = empty.path().to_str().unwrap();
    let error = refusal(&bench(&["widget-size", "--check", "--dist", dist]));
    assert!(error.contains("no widget build in"), "{error}");
    assert!(error.contains("node scripts/web/build.mjs"), "{error}");
}

#[test]
fn several_nodes_need_postgresql() {
    let error = refusal(&bench(&["live-delivery", "--nodes", "2"]));
    assert!(
        error.contains("--nodes above 1 needs PostgreSQL"),
        "{error}"
    );
}
