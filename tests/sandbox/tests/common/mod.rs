//! Test helpers: the sandbox served in-process on an ephemeral loopback port, and a minimal
//! HTTP/1.1 client over a raw socket (so the tests add no HTTP client to the build, and can see
//! exactly what went over the wire: status, headers, bytes).

#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::Arc;

use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

pub const BRING: [(&str, &str); 2] = [
    ("X-Mybring-API-Uid", "sandbox@example.com"),
    ("X-Mybring-API-Key", "sandbox-bring-key"),
];
pub const POSTPLUS: [(&str, &str); 1] = [("X-API-KEY", "sandbox-postplus-key")];
pub const POSTNORD_KEY: &str = "apikey=sandbox-postnord-key";

/// Serves a fresh sandbox on the current runtime and returns its address.
/// The instant every test sandbox's clock reads: the morning of the OpenAPI examples' day
/// (Thursday 11 September 2025, before their 15:00 cutoff), so no test depends on today.
pub const NOW: &str = "2025-09-11T10:00:00+02:00";

/// A sandbox on a free loopback port, its clock pinned to [`NOW`].
pub async fn start() -> SocketAddr {
    start_at(NOW).await
}

/// A sandbox on a free loopback port, its clock pinned to `now` (RFC 3339).
pub async fn start_at(now: &str) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind loopback");
    let address = listener.local_addr().expect("local address");
    let now = chrono::DateTime::parse_from_rfc3339(now).expect("a test instant");
    tokio::spawn(sandbox::serve(
        listener,
        Arc::new(sandbox::Sandbox::with_clock(
            now.with_timezone(&chrono::Utc),
        )),
    ));
    address
}

pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "body is not JSON ({e}): {}",
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends one request with `Connection: close` and reads the whole reply.
pub async fn send(
    address: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Reply {
    let mut stream = TcpStream::connect(address).await.expect("connect");
    let mut request =
        format!("{method} {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n");
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    if !body.is_empty()
        && !headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case("content-type"))
    {
        request.push_str("Content-Type: application/json\r\n");
    }
    request.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    stream
        .write_all(request.as_bytes())
        .await
        .expect("write request");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.expect("read reply");
    parse(&raw)
}

pub async fn get(address: SocketAddr, path: &str, headers: &[(&str, &str)]) -> Reply {
    send(address, "GET", path, headers, "").await
}

pub async fn post(address: SocketAddr, path: &str, headers: &[(&str, &str)], body: &str) -> Reply {
    send(address, "POST", path, headers, body).await
}

fn parse(raw: &[u8]) -> Reply {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("end of headers");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    if headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v.contains("chunked"))
    {
        body = dechunk(&body);
    }
    Reply {
        status,
        headers,
        body,
    }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let line_end = data
            .windows(2)
            .position(|w| w == b"\r\n")
            .expect("chunk size line");
        let size = usize::from_str_radix(String::from_utf8_lossy(&data[..line_end]).trim(), 16)
            .expect("chunk size");
        if size == 0 {
            return out;
        }
        let start = line_end + 2;
        out.extend_from_slice(&data[start..start + size]);
        data = &data[start + size + 2..];
    }
}
