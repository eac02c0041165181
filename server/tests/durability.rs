//! Durability: the real `peerhelp` binary is killed with SIGKILL in the middle of a stream of
//! concurrent writes (questions with an Idempotency-Key, answers, votes); restarted on the same
//! database (the suite's: an SQLite file, or PostgreSQL), it still has every write it
//! acknowledged, and retrying every idempotency key creates nothing twice.

mod common;

use std::io::{BufRead, BufReader};
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use common::database::{TestDatabase, connect};
use reqwest::{Client, RequestBuilder};
use serde_json::{Value, json};

const SITE: &str = "durable";
/// Concurrent writers.
const WRITERS: usize = 6;
/// Most rounds (question, answer, vote) one writer attempts: the stream is bounded by count.
const MAX_ROUNDS: usize = 20;
/// New helpers may post this many answers an hour, so each writer answers as several.
const ANSWERS_PER_HELPER: usize = 5;
/// The server is killed once it has acknowledged this many writes.
const KILL_AFTER: usize = 60;

/// A running `peerhelp serve` and its API base for the site; killed when dropped, so a failing
/// test leaves no server behind.
struct Running {
    child: Child,
    api: String,
}

impl Drop for Running {
    fn drop(&mut self) {
        _ = self.child.kill();
        _ = self.child.wait();
    }
}

fn peerhelp(database_url: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_peerhelp"));
    command
        .env("PEERHELP_DATABASE_URL", database_url)
        // This test floods the server from one address on purpose.
        .env("PEERHELP_RATE_LIMITS", "off");
    command
}

/// Starts the server on a free port and reads the address it prints.
fn serve(dir: &Path, database_url: &str) -> Running {
    let mut child = peerhelp(database_url)
        .args(["serve", "--addr", "127.0.0.1:0"])
        .arg("--widget-dir")
        .arg(dir.join("no-widget"))
        .arg("--console-dir")
        .arg(dir.join("no-console"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start peerhelp serve");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let base = lines
        .by_ref()
        .map_while(Result::ok)
        .find_map(|line| {
            line.strip_prefix("PeerHelp listening on ")
                .map(str::to_owned)
        })
        .expect("the server prints its address");
    // Keep reading so the server never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));
    Running {
        child,
        api: format!("{base}/api/v1/sites/{SITE}"),
    }
}

/// Sends and returns the status and JSON body, or `None` when the server did not answer.
async fn send(request: RequestBuilder) -> Option<(u16, Value)> {
    let response = request.send().await.ok()?;
    let status = response.status().as_u16();
    let body = response.json().await.ok()?;
    Some((status, body))
}

/// What the server acknowledged.
#[derive(Default)]
struct Acknowledged {
    /// Idempotency key, asker's token and thread id of each question.
    questions: Vec<(String, String, i64)>,
    /// Asker's token, thread and answer ids.
    answers: Vec<(String, i64, i64)>,
    /// Voter's token, thread and answer ids.
    votes: Vec<(String, i64, i64)>,
}

/// Every key a writer sent, acknowledged or not, with its asker.
type Attempted = Mutex<Vec<(String, String)>>;

struct Stream {
    api: String,
    client: Client,
    /// Each writer's helpers' tokens.
    helpers: Vec<Vec<String>>,
    server: Mutex<Running>,
    acknowledged: Mutex<Acknowledged>,
    attempted: Attempted,
    count: AtomicUsize,
}

impl Stream {
    /// Counts one acknowledged write, killing the server at the [`KILL_AFTER`]th.
    fn acknowledge(&self, record: impl FnOnce(&mut Acknowledged)) {
        record(&mut self.acknowledged.lock().unwrap());
        if self.count.fetch_add(1, Ordering::SeqCst) + 1 == KILL_AFTER {
            self.server
                .lock()
                .unwrap()
                .child
                .kill()
                .expect("SIGKILL the server");
        }
    }

    /// One writer: rounds of ask, answer, upvote until the server stops answering.
    async fn write(&self, writer: usize, visitor: String) {
        for round in 0..MAX_ROUNDS {
            let key = format!("w{writer}-r{round}");
            self.attempted
                .lock()
                .unwrap()
                .push((key.clone(), visitor.clone()));
            let Some((status, thread)) = send(ask(&self.client, &self.api, &visitor, &key)).await
            else {
                return;
            };
            assert_eq!(status, 201, "{thread}");
            let thread_id = thread["id"].as_i64().unwrap();
            self.acknowledge(|ack| {
                ack.questions
                    .push((key.clone(), visitor.clone(), thread_id))
            });

            let answer = self
                .client
                .post(format!("{}/threads/{thread_id}/answers", self.api))
                .bearer_auth(&self.helpers[writer][round / ANSWERS_PER_HELPER])
                .json(&json!({"body": format!("Answer to {key}: restart the router.")}));
            let Some((status, answer)) = send(answer).await else {
                return;
            };
            assert_eq!(status, 201, "{answer}");
            let answer_id = answer["id"].as_i64().unwrap();
            self.acknowledge(|ack| ack.answers.push((visitor.clone(), thread_id, answer_id)));

            let vote = self
                .client
                .post(format!("{}/answers/{answer_id}/vote", self.api))
                .bearer_auth(&visitor);
            let Some((status, tally)) = send(vote).await else {
                return;
            };
            assert_eq!(status, 200, "{tally}");
            self.acknowledge(|ack| ack.votes.push((visitor.clone(), thread_id, answer_id)));
        }
    }
}

fn ask(client: &Client, api: &str, visitor: &str, key: &str) -> RequestBuilder {
    client
        .post(format!("{api}/threads"))
        .bearer_auth(visitor)
        .header("idempotency-key", key)
        .json(&json!({"title": format!("Question {key} about my router"), "body": "It blinks."}))
}

async fn visitor(client: &Client, api: &str) -> String {
    let (status, session) = send(client.post(format!("{api}/visitors"))).await.unwrap();
    assert_eq!(status, 201, "{session}");
    session["token"].as_str().unwrap().to_owned()
}

/// A helper invited with the site's admin token and signed in; returns their token.
async fn helper(client: &Client, api: &str, admin_token: &str, name: &str) -> String {
    let invite = client
        .post(format!("{api}/helper-invites"))
        .bearer_auth(admin_token)
        .json(&json!({"name": name}));
    let (status, invite) = send(invite).await.unwrap();
    assert_eq!(status, 201, "{invite}");
    let sign_in = client
        .post(format!("{api}/helpers/sign-in"))
        .json(&json!({"code": invite["code"]}));
    let (status, session) = send(sign_in).await.unwrap();
    assert_eq!(status, 200, "{session}");
    session["token"].as_str().unwrap().to_owned()
}

async fn thread(client: &Client, api: &str, token: &str, id: i64) -> Value {
    let request = client.get(format!("{api}/threads/{id}")).bearer_auth(token);
    let (status, thread) = send(request).await.expect("the restarted server answers");
    assert_eq!(status, 200, "{thread}");
    thread
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_writes_survive_sigkill_and_keys_stay_idempotent() {
    let database = TestDatabase::new().await;
    let (dir, database_url) = (&database.dir, database.url.clone());
    let created = peerhelp(&database_url)
        .args([
            "site",
            "create",
            "--key",
            SITE,
            "--name",
            "Durable Broadband",
        ])
        .args(["--origin", "https://durable.test"])
        .output()
        .unwrap();
    assert!(created.status.success(), "{created:?}");
    let stdout = String::from_utf8(created.stdout).unwrap();
    let admin_token = stdout
        .lines()
        .find_map(|line| line.strip_prefix("admin token: "))
        .expect("site create prints the admin token")
        .to_owned();

    let server = serve(dir.path(), &database_url);
    let api = server.api.clone();
    let client = Client::new();
    let mut visitors = Vec::new();
    let mut helpers = Vec::new();
    for writer in 0..WRITERS {
        visitors.push(visitor(&client, &api).await);
        let mut own = Vec::new();
        for n in 0..MAX_ROUNDS.div_ceil(ANSWERS_PER_HELPER) {
            own.push(helper(&client, &api, &admin_token, &format!("Rita {writer}-{n}")).await);
        }
        helpers.push(own);
    }

    let stream = Arc::new(Stream {
        api: api.clone(),
        client: client.clone(),
        helpers,
        server: Mutex::new(server),
        acknowledged: Mutex::default(),
        attempted: Mutex::default(),
        count: AtomicUsize::new(0),
    });
    let writers: Vec<_> = visitors
        .into_iter()
        .enumerate()
        .map(|(writer, visitor)| {
            let stream = stream.clone();
            tokio::spawn(async move { stream.write(writer, visitor).await })
        })
        .collect();
    for writer in writers {
        writer.await.unwrap();
    }
    let status = stream.server.lock().unwrap().child.wait().unwrap();
    assert_eq!(
        status.signal(),
        Some(9),
        "the server was SIGKILLed: {status}"
    );
    let acknowledged = std::mem::take(&mut *stream.acknowledged.lock().unwrap());
    let acknowledged_count =
        acknowledged.questions.len() + acknowledged.answers.len() + acknowledged.votes.len();
    assert!(acknowledged_count >= KILL_AFTER);

    let restarted = serve(dir.path(), &database_url);
    let api = restarted.api.clone();
    for (key, asker, id) in &acknowledged.questions {
        let thread = thread(&client, &api, asker, *id).await;
        assert_eq!(thread["title"], format!("Question {key} about my router"));
    }
    for (asker, thread_id, answer_id) in &acknowledged.answers {
        let thread = thread(&client, &api, asker, *thread_id).await;
        let answers = thread["answers"].as_array().unwrap();
        assert!(
            answers.iter().any(|answer| answer["id"] == *answer_id),
            "answer {answer_id} of thread {thread_id} is lost: {thread}"
        );
    }
    for (voter, thread_id, answer_id) in &acknowledged.votes {
        let thread = thread(&client, &api, voter, *thread_id).await;
        let voted = thread["viewer"]["voted"].as_array().unwrap();
        assert!(voted.contains(&json!(answer_id)), "vote lost: {thread}");
    }

    // Retrying every key sent, acknowledged or cut off by the kill, makes each question once.
    let attempted = std::mem::take(&mut *stream.attempted.lock().unwrap());
    for (key, asker) in &attempted {
        let (status, thread) = send(ask(&client, &api, asker, key)).await.unwrap();
        assert!(status == 200 || status == 201, "{status} {thread}");
        if let Some((_, _, id)) = acknowledged.questions.iter().find(|(k, ..)| k == key) {
            assert_eq!(status, 200, "{thread}");
            assert_eq!(thread["id"], *id);
        }
    }
    let pool = connect(&database_url).await;
    let (threads, titles): (i64, i64) =
        sqlx::query_as("SELECT COUNT(*), COUNT(DISTINCT title) FROM threads")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(threads, attempted.len() as i64);
    assert_eq!(titles, threads, "a retried key made a second question");
}
