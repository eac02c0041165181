//! Reading a real Server-Sent-Events stream over HTTP.

use std::time::Duration;

use futures_util::StreamExt;
use futures_util::stream::BoxStream;
use serde_json::Value;

/// Guards against a hang: no event within this long fails the test (it is not a timing check).
const PATIENCE: Duration = Duration::from_secs(10);

/// One SSE message: its id, and its JSON data (`{"<kind>": {…}}`) split into kind and fields.
#[derive(Debug, Clone)]
pub struct Message {
    pub id: i64,
    pub kind: String,
    pub data: Value,
}

pub struct EventStream {
    bytes: BoxStream<'static, reqwest::Result<Vec<u8>>>,
    buffer: String,
}

impl EventStream {
    /// Opens `url` (the events endpoint with its token), resuming after `last_event_id`.
    pub async fn open(
        client: &reqwest::Client,
        url: &str,
        last_event_id: Option<i64>,
    ) -> EventStream {
        let mut request = client.get(url);
        if let Some(id) = last_event_id {
            request = request.header("last-event-id", id.to_string());
        }
        let response = request.send().await.expect("open event stream");
        assert_eq!(response.status(), 200);
        assert_eq!(
            response.headers()["content-type"].to_str().unwrap(),
            "text/event-stream"
        );
        // A reverse proxy (nginx) must pass events on as they come, not buffer them.
        assert_eq!(response.headers()["x-accel-buffering"], "no");
        EventStream {
            bytes: response
                .bytes_stream()
                .map(|chunk| chunk.map(|bytes| bytes.to_vec()))
                .boxed(),
            buffer: String::new(),
        }
    }

    /// The next message that carries data (comments and the `retry:` hint are skipped).
    pub async fn next(&mut self) -> Message {
        tokio::time::timeout(PATIENCE, self.next_message())
            .await
            .expect("an event within the patience limit")
    }

    async fn next_message(&mut self) -> Message {
        loop {
            if let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                let mut id = None;
                let mut data = String::new();
                for line in block.lines() {
                    if let Some(value) = line.strip_prefix("id:") {
                        id = Some(value.trim().parse().expect("numeric id"));
                    } else if let Some(value) = line.strip_prefix("data:") {
                        data.push_str(value.trim_start());
                    }
                }
                if let Some(id) = id {
                    let data: serde_json::Map<String, Value> =
                        serde_json::from_str(&data).expect("a JSON object");
                    let mut fields = data.into_iter();
                    let (kind, data) = fields.next().expect("the event's kind");
                    assert!(fields.next().is_none(), "one kind an event");
                    return Message { id, kind, data };
                }
                continue;
            }
            let chunk = self
                .bytes
                .next()
                .await
                .expect("the stream stays open")
                .expect("stream bytes");
            self.buffer.push_str(&String::from_utf8_lossy(&chunk));
        }
    }

    /// The next message of this type, skipping others (such as presence changes).
    pub async fn next_of(&mut self, kind: &str) -> Message {
        loop {
            let message = self.next().await;
            if message.kind == kind {
                return message;
            }
        }
    }
}

/// The reconnection delay a stream's raw bytes end with, after the one it opened with: the last
/// block must be a lone `retry:` field (what a node shutting down sends last).
pub fn final_retry(raw: &str) -> Duration {
    let blocks: Vec<&str> = raw.trim_end_matches('\n').split("\n\n").collect();
    let retries = blocks.iter().filter(|block| block.starts_with("retry:"));
    assert!(
        retries.count() >= 2,
        "a retry: after the opening one: {raw:?}"
    );
    let millis = blocks[blocks.len() - 1]
        .strip_prefix("retry:")
        .filter(|millis| !millis.contains('\n'))
        .unwrap_or_else(|| panic!("the stream ends with a lone retry: field: {raw:?}"));
    Duration::from_millis(millis.trim().parse().expect("milliseconds"))
}
