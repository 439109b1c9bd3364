//! The `sandbox` binary: the one startup line, loopback only, and stopping when stdin closes.

use std::process::Stdio;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::Command;

#[tokio::test]
async fn prints_its_address_and_stops_when_stdin_closes() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sandbox"))
        .args(["--port", "0"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("start the sandbox binary");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .await
        .expect("read the startup line");
    let port: u16 = line
        .strip_prefix("sandbox listening on http://127.0.0.1:")
        .and_then(|rest| rest.trim_end().parse().ok())
        .unwrap_or_else(|| panic!("unexpected startup line {line:?}"));
    assert_ne!(port, 0);
    tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .expect("listening on loopback");

    drop(child.stdin.take());
    let status = tokio::time::timeout(Duration::from_secs(5), child.wait())
        .await
        .expect("exits after stdin EOF");
    assert!(status.expect("exit status").success());
}

#[tokio::test]
async fn refuses_unknown_arguments() {
    let output = Command::new(env!("CARGO_BIN_EXE_sandbox"))
        .arg("--bind")
        .output()
        .await
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("unknown argument `--bind`"));
}
