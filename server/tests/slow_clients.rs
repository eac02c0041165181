//! Slow and hostile clients, over real TCP: a client that sends half a header is disconnected,
//! a body that trickles in ends in a 408, a body declared too large is refused before it comes,
//! and one network cannot hold every connection.

mod common;

use std::net::SocketAddr;
use std::time::Duration;

use common::TestServer;
use peerhelp_server::connections::ConnectionLimits;
use peerhelp_server::security::SecurityConfig;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};

/// Longest a test waits for the server to act on a short limit before calling it a failure.
const PATIENCE: Duration = Duration::from_secs(10);

async fn with_limits(limits: ConnectionLimits) -> TestServer {
    let security = SecurityConfig {
        connections: limits,
        ..SecurityConfig::default()
    };
    TestServer::start_with_security(security).await
}

/// Sends `bytes` on a new connection, then reads until the server closes it.
async fn send_raw(server: &TestServer, bytes: &[u8]) -> String {
    exchange(connect_from(server, [127, 0, 0, 1]).await, bytes).await
}

/// A connection to `server` from the loopback address `from` (all of 127.0.0.0/8 is this
/// machine, so each address stands for another client network).
async fn connect_from(server: &TestServer, from: [u8; 4]) -> TcpStream {
    let address: SocketAddr = server.base.trim_start_matches("http://").parse().unwrap();
    let socket = TcpSocket::new_v4().unwrap();
    socket.bind(SocketAddr::from((from, 0))).unwrap();
    socket.connect(address).await.unwrap()
}

/// Sends `bytes` on `stream` and reads until the server closes it. A connection the server
/// closed or reset without answering reads as an empty answer.
async fn exchange(mut stream: TcpStream, bytes: &[u8]) -> String {
    if stream.write_all(bytes).await.is_err() {
        return String::new();
    }
    let mut answer = Vec::new();
    let read = tokio::time::timeout(PATIENCE, stream.read_to_end(&mut answer))
        .await
        .expect("the server should have answered or closed the connection");
    match read {
        Ok(_) => String::from_utf8_lossy(&answer).into_owned(),
        Err(_) => String::new(),
    }
}

#[tokio::test]
async fn a_client_sending_half_a_header_is_disconnected() {
    let server = with_limits(ConnectionLimits {
        header_read_timeout: Duration::from_millis(300),
        ..ConnectionLimits::default()
    })
    .await;
    // The blank line that ends the headers never comes.
    let answer = send_raw(&server, b"GET /healthz HTTP/1.1\r\nHost: acme.test\r\n").await;
    assert!(!answer.contains("200 OK"), "{answer}");
}

#[tokio::test]
async fn a_body_that_trickles_in_ends_in_a_408() {
    let server = with_limits(ConnectionLimits {
        request_timeout: Duration::from_millis(300),
        ..ConnectionLimits::default()
    })
    .await;
    let head = "POST /api/v1/sites/acme/staff/sign-in HTTP/1.1\r\nHost: acme.test\r\n\
                Content-Type: application/json\r\nContent-Length: 100\r\nConnection: close\r\n\r\n";
    let answer = send_raw(&server, format!("{head}{{\"email\":").as_bytes()).await;
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("\"code\":\"request_timeout\""), "{answer}");
    // Nothing was attempted.
    assert_eq!(
        server
            .count("SELECT COUNT(*) FROM staff_sign_in_failures")
            .await,
        0
    );
}

#[tokio::test]
async fn a_body_declared_over_the_limit_is_refused_before_it_arrives() {
    // The default request timeout (30 s) would end it with a 408 if the server waited for it.
    let server = with_limits(ConnectionLimits::default()).await;
    let head = "POST /api/v1/sites/acme/visitors HTTP/1.1\r\nHost: acme.test\r\n\
                Content-Type: application/json\r\nContent-Length: 1000000000000\r\n\
                Connection: close\r\n\r\n";
    let answer = send_raw(&server, head.as_bytes()).await;
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(
        answer.contains("\"code\":\"payload_too_large\""),
        "{answer}"
    );
}

/// A health check that closes its connection once answered.
const HEALTH_CHECK: &[u8] =
    b"GET /healthz HTTP/1.1\r\nHost: acme.test\r\nConnection: close\r\n\r\n";

#[tokio::test]
async fn one_network_cannot_hold_every_connection() {
    let server = with_limits(ConnectionLimits {
        max_connections_per_network: 2,
        // The idle connections stay open however slowly the test runs.
        header_read_timeout: Duration::from_secs(600),
        ..ConnectionLimits::default()
    })
    .await;
    // Two idle connections from one address take its share...
    let _held = [
        connect_from(&server, [127, 0, 0, 1]).await,
        connect_from(&server, [127, 0, 0, 1]).await,
    ];
    // ...so its third is closed unanswered, while another address is served.
    let third = exchange(connect_from(&server, [127, 0, 0, 1]).await, HEALTH_CHECK).await;
    assert!(!third.contains("200 OK"), "{third}");
    let other = exchange(connect_from(&server, [127, 0, 0, 2]).await, HEALTH_CHECK).await;
    assert!(other.starts_with("HTTP/1.1 200"), "{other}");
}
