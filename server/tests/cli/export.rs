//! `peerhelp export`: a site's public community out in the import format, and into a fresh
//! database's site with the same threads, answers, authors, votes, acceptance and tags.

use std::collections::BTreeMap;

use peerhelp_api::CommunityThread;
use peerhelp_server::store::Store;
use reqwest::Method;
use serde_json::{Value, json};

use crate::common::{SITE, TestServer};
use crate::runner::*;

/// What only staff, the asker or moderation may see: no export may hold any of it.
const NOT_PUBLIC: [&str; 5] = [
    "kim@example.com",
    "https://shop.acme.test/account",
    "zebrafjord",
    "quokka",
    "spamword",
];

/// A thread as every visitor reads it, without ids or times.
fn public_view(thread: &Value) -> Value {
    let answers: Vec<Value> = thread["answers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|answer| {
            // The name shown: the helper's, else the imported author's.
            let author = answer["helper"]["name"]
                .as_str()
                .or(answer["author"].as_str());
            json!({"body": answer["body"], "author": author,
                   "votes": answer["votes"], "accepted": answer["accepted"]})
        })
        .collect();
    json!({"title": thread["title"], "body": thread["body"], "tags": thread["tags"],
           "answers": answers})
}

async fn post(server: &TestServer, path: &str, token: &str, key: &str, body: Value) -> Value {
    let request = server
        .call(Method::POST, path, Some(token))
        .header("idempotency-key", key)
        .json(&body);
    let (status, body) = server.send(request).await;
    assert!(status == 200 || status == 201, "{status} {body}");
    body
}

/// Adds to `acme`'s imported community a question asked in PeerHelp (with the asker's email
/// and page) answered by helpers, voted on, accepted and escalated to staff, a hidden answer,
/// a helper's answer on an imported thread, a private request, and an imported thread whose id
/// is the one the asked question would be exported under. Returns the asked thread's id.
async fn grow_community(server: &TestServer) -> i64 {
    let asker = server.visitor().await;
    let question = json!({"title": "Can I pause my plan while abroad?", "body": "For a month.",
        "email": "kim@example.com", "page_url": "https://shop.acme.test/account"});
    let asked = post(server, "/threads", &asker, "ask", question).await["id"]
        .as_i64()
        .unwrap();
    let grace = server.helper("Grace Hopper").await;
    let ada = server.helper("Ada Lovelace").await;
    let (_, pause) = server
        .answer(&grace, asked, "Yes: Plans, then Pause.")
        .await;
    let (_, text) = server.answer(&ada, asked, "Text PAUSE to 500.").await;
    let (_, spam) = server.answer(&ada, asked, "Buy spamword now").await;
    let refund = server.thread_id("refund-1").await;
    server
        .answer(&grace, refund, "The app chat can refund it too.")
        .await;
    let voter = server.identified_visitor("voter-1", None).await;
    let path = |answer: &Value, action: &str| format!("/answers/{}/{action}", answer["id"]);
    post(server, &path(&text, "vote"), &voter, "v", json!({})).await;
    post(server, &path(&pause, "accept"), &asker, "a", json!({})).await;
    let staff = server.staff("lee@acme.test", "Lee Admin", "admin").await;
    post(server, &path(&spam, "hide"), &staff, "h", json!({})).await;

    let escalation = json!({"thread_id": asked, "message": "Still stuck",
        "email": "kim@example.com", "page_url": "https://shop.acme.test/account"});
    let ticket = post(server, "/escalations", &asker, "e1", escalation).await;
    let reference = ticket["escalation"]["reference"].as_str().unwrap();
    let (status, reply) = server
        .staff_reply(&staff, reference, "zebrafjord: done for you.")
        .await;
    assert_eq!(status, 201, "{reply}");
    let request = json!({"message": "Cancel my quokka contract", "email": "kim@example.com"});
    post(
        server,
        "/escalations",
        &server.visitor().await,
        "e2",
        request,
    )
    .await;

    let acme = server.store.site_by_key(SITE).await.unwrap().unwrap();
    let taken = CommunityThread {
        id: Some(format!("peerhelp-{asked}")),
        title: "Brought over from an earlier export".into(),
        body: String::new(),
        answers: Vec::new(),
        tags: vec!["moved".into()],
    };
    server
        .store
        .import_threads(acme.id, &[taken])
        .await
        .unwrap();
    asked
}

#[tokio::test]
async fn an_export_imports_into_a_fresh_database_as_the_same_public_community() {
    let server = TestServer::start().await;
    let asked = grow_community(&server).await;
    // Exported while the server runs, as an operator would.
    let export = stdout(&peerhelp(&server.database_url, &["export", "--site", SITE]));
    for word in NOT_PUBLIC {
        assert!(!export.contains(word), "{word} was exported: {export}");
    }

    // Every public thread, as an anonymous visitor reads it, under the id it is exported as.
    let public = "SELECT COUNT(*) FROM threads
        WHERE site_id = (SELECT id FROM sites WHERE key = 'acme') AND private = FALSE";
    let mut source = BTreeMap::new();
    for id in 1..=server.count("SELECT MAX(id) FROM threads").await {
        let (status, thread) = server
            .get_json(&server.api(&format!("/threads/{id}")))
            .await;
        if status == 404 {
            continue;
        }
        let exported_as = match thread["external_id"].as_str() {
            Some(external_id) => external_id.to_owned(),
            None if id == asked => format!("peerhelp-{asked}-2"),
            None => format!("peerhelp-{id}"),
        };
        source.insert(exported_as, public_view(&thread));
    }
    assert_eq!(source.len() as i64, server.count(public).await);
    assert_eq!(export.lines().count(), source.len());

    let target = Cli::new().await;
    target.create_site("moved", &[]);
    let file = target.file("acme.jsonl", &export);
    let imported = stdout(&target.run(&["import", "--site", "moved", &file]));
    assert!(
        imported.contains(&format!("{} new, 0 updated", source.len())),
        "{imported}"
    );
    let store = Store::open(&target.database_url()).await.unwrap();
    let moved = store.site_by_key("moved").await.unwrap().unwrap();
    let mut copied = BTreeMap::new();
    for id in 1..=target.count("SELECT MAX(id) FROM threads").await {
        let thread = store.thread(moved.id, id).await.unwrap().unwrap();
        let thread = serde_json::to_value(thread).unwrap();
        let external_id = thread["external_id"].as_str().unwrap().to_owned();
        copied.insert(external_id, public_view(&thread));
    }
    assert_eq!(copied, source);
    let asked_view = &copied[&format!("peerhelp-{asked}-2")];
    assert_eq!(asked_view["answers"][0]["author"], "Grace Hopper");
    assert_eq!(asked_view["answers"][0]["accepted"], true);
    assert_eq!(asked_view["answers"][1]["votes"], 1);

    // Exporting again and importing again updates the same threads.
    let again = stdout(&peerhelp(&server.database_url, &["export", "--site", SITE]));
    assert_eq!(
        again, export,
        "an export of unchanged data is the same file"
    );
    let file = target.file("acme.jsonl", &again);
    let imported = stdout(&target.run(&["import", "--site", "moved", &file]));
    assert!(
        imported.contains(&format!("0 new, {} updated", source.len())),
        "{imported}"
    );
}

#[tokio::test]
async fn export_writes_a_whole_file_or_nothing_and_names_an_unknown_site() {
    let cli = Cli::new().await;
    cli.create_site("acme", &[]);
    let community = r#"{"id":"a","title":"First","answers":[{"body":"one","author":"Bo","votes":2},{"body":"two","accepted":true}],"tags":["x"]}
{"title":"Second"}
"#;
    stdout(&cli.run(&["import", "--site", "acme", &cli.file("in.jsonl", community)]));
    let output = cli.path("out.jsonl");
    let printed = stdout(&cli.run(&["export", "--site", "acme", "--output", &output]));
    assert!(
        printed.contains("exported 2 threads of acme to"),
        "{printed}"
    );
    let written = std::fs::read_to_string(&output).unwrap();
    let piped = cli.run(&["export", "--site", "acme"]);
    assert_eq!(stdout(&piped), written);
    assert!(String::from_utf8_lossy(&piped.stderr).contains("exported 2 threads of acme"));
    assert_eq!(
        written,
        "{\"id\":\"a\",\"title\":\"First\",\"body\":\"\",\"answers\":[{\"body\":\"one\",\"author\":\"Bo\",\"accepted\":false,\"votes\":2},{\"body\":\"two\",\"accepted\":true,\"votes\":0}],\"tags\":[\"x\"]}\n\
         {\"id\":\"peerhelp-2\",\"title\":\"Second\",\"body\":\"\",\"answers\":[],\"tags\":[]}\n"
    );

    let unknown = cli.run(&["export", "--site", "nosuch", "--output", &output]);
    assert!(failure(&unknown).contains("no site with key \"nosuch\""));
    assert_eq!(std::fs::read_to_string(&output).unwrap(), written, "kept");
    let fresh = cli.path("fresh.jsonl");
    failure(&cli.run(&["export", "--site", "nosuch", "--output", &fresh]));
    assert!(!std::path::Path::new(&fresh).exists());
    let unknown = cli.run(&["export", "--site", "nosuch"]);
    failure(&unknown);
    assert!(unknown.stdout.is_empty());
    let nowhere = cli.run(&[
        "export",
        "--site",
        "acme",
        "--output",
        "/no/such/dir/x.jsonl",
    ]);
    assert!(failure(&nowhere).contains("cannot write /no/such/dir/x.jsonl"));
    assert_eq!(cli.temporary_files(), 0, "none left behind");
}

#[tokio::test]
async fn a_site_of_several_pages_exports_every_thread_in_order_as_imported() {
    let cli = Cli::new().await;
    cli.create_site("acme", &[]);
    // Written as the export writes (every field, in its order): the export must give it back
    // byte for byte, across the pages it reads.
    let community: String = (1..=1201)
        .map(|n| {
            format!(
                "{{\"id\":\"t{n}\",\"title\":\"Question {n}\",\"body\":\"\",\"answers\":\
                 [{{\"body\":\"Answer {n}\",\"author\":\"Bo\",\"accepted\":true,\"votes\":{n}}}],\
                 \"tags\":[\"page-{}\"]}}\n",
                n / 500
            )
        })
        .collect();
    let file = cli.file("large.jsonl", &community);
    stdout(&cli.run(&["import", "--site", "acme", &file]));
    let export = cli.run(&["export", "--site", "acme"]);
    assert!(String::from_utf8_lossy(&export.stderr).contains("exported 1201 threads of acme"));
    assert!(
        stdout(&export) == community,
        "the export differs from the file imported"
    );
}
