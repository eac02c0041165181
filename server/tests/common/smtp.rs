//! A real SMTP listener for tests: it speaks enough of the protocol (RFC 5321) for a client to
//! deliver, and hands every message it accepts to the test. Recipients whose address starts
//! with `refused` are refused, as a mail server refuses an unknown mailbox.

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::sync::mpsc;

/// One message as the SMTP server received it.
#[derive(Debug)]
pub struct Delivered {
    pub from: String,
    pub to: Vec<String>,
    /// Headers and body as sent (dot-stuffing removed).
    pub data: String,
}

/// A listening SMTP server; `url` is what `--smtp-url` takes.
pub struct SmtpSink {
    pub url: String,
    delivered: mpsc::UnboundedReceiver<Delivered>,
}

impl SmtpSink {
    pub async fn start() -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("smtp://{}", listener.local_addr().unwrap());
        let (tx, delivered) = mpsc::unbounded_channel();
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                tokio::spawn(session(socket, tx.clone()));
            }
        });
        SmtpSink { url, delivered }
    }

    /// The next message delivered, waiting up to 10 seconds.
    pub async fn next(&mut self) -> Delivered {
        tokio::time::timeout(std::time::Duration::from_secs(10), self.delivered.recv())
            .await
            .expect("no email within 10 s")
            .expect("SMTP sink stopped")
    }
}

async fn session(socket: tokio::net::TcpStream, delivered: mpsc::UnboundedSender<Delivered>) {
    let (read, mut write) = socket.into_split();
    let mut lines = BufReader::new(read).lines();
    let mut reply = async |text: &str| write.write_all(format!("{text}\r\n").as_bytes()).await;
    _ = reply("220 sink.test ESMTP").await;
    let (mut from, mut to) = (String::new(), Vec::new());
    while let Ok(Some(line)) = lines.next_line().await {
        let verb = line.get(..4).unwrap_or_default().to_ascii_uppercase();
        let answer = match verb.as_str() {
            "EHLO" | "HELO" => "250 sink.test",
            "MAIL" => {
                from = address(&line);
                "250 OK"
            }
            "RCPT" if address(&line).starts_with("refused") => "550 no such mailbox",
            "RCPT" => {
                to.push(address(&line));
                "250 OK"
            }
            "DATA" => {
                _ = reply("354 end with <CRLF>.<CRLF>").await;
                let mut data = String::new();
                while let Ok(Some(line)) = lines.next_line().await {
                    if line == "." {
                        break;
                    }
                    data += line.strip_prefix('.').unwrap_or(&line);
                    data += "\n";
                }
                let message = Delivered {
                    from: std::mem::take(&mut from),
                    to: std::mem::take(&mut to),
                    data,
                };
                _ = delivered.send(message);
                "250 queued"
            }
            "QUIT" => {
                _ = reply("221 bye").await;
                return;
            }
            _ => "250 OK",
        };
        if reply(answer).await.is_err() {
            return;
        }
    }
}

/// The address in `MAIL FROM:<a@b.c> ...` or `RCPT TO:<a@b.c>`.
fn address(line: &str) -> String {
    let inside = line
        .split_once('<')
        .and_then(|(_, rest)| rest.split_once('>'));
    inside
        .map(|(address, _)| address.to_owned())
        .unwrap_or_default()
}
