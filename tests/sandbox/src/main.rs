//! `sandbox`: the carrier sandbox as a process, for end-to-end tests and `./x demo`.
//!
//! It answers Bring, PostNord and PostPlus calls in their real wire formats on loopback, so the
//! edge can be tested against something that speaks like the carriers without calling them. It
//! prints `sandbox listening on http://127.0.0.1:PORT` once, then serves until stdin reaches EOF
//! (the parent died or closed it), or until SIGTERM/SIGINT.
//!
//! What it must never do: bind anything but 127.0.0.1 (its credentials are public), or be used in
//! production in place of a carrier.
//!
//! Usage: `sandbox [--port N] [--no-stdin-watch] [--now INSTANT]`. `--port 0` (the default)
//! picks a free port. `--now 2026-12-05T10:00:00+01:00` pins the carriers' clock (tests pin the
//! edge's calendar to the same instant with `TEST_CLOCK`).

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr};
use std::process::ExitCode;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use sandbox::Sandbox;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

const USAGE: &str = "usage: sandbox [--port N] [--no-stdin-watch] [--now RFC3339-INSTANT]";

struct Args {
    port: u16,
    watch_stdin: bool,
    now: Option<DateTime<Utc>>,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut parsed = Args {
        port: 0,
        watch_stdin: true,
        now: None,
    };
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--port" => {
                let value = args.next().ok_or("--port needs a number")?;
                parsed.port = value
                    .parse()
                    .map_err(|_| format!("--port: `{value}` is not a port number (0-65535)"))?;
            }
            "--no-stdin-watch" => parsed.watch_stdin = false,
            "--now" => {
                let value = args.next().ok_or("--now needs an instant")?;
                let instant = DateTime::parse_from_rfc3339(&value).map_err(|_| {
                    format!("--now: `{value}` is not an RFC 3339 instant such as 2026-12-05T10:00:00+01:00")
                })?;
                parsed.now = Some(instant.with_timezone(&Utc));
            }
            "-h" | "--help" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    Ok(parsed)
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    // Loopback only, whatever the arguments: the credentials are public.
    let address = SocketAddr::from((Ipv4Addr::LOCALHOST, args.port));
    let listener = match TcpListener::bind(address).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("sandbox: cannot listen on {address}: {error}");
            return ExitCode::FAILURE;
        }
    };
    let port = match listener.local_addr() {
        Ok(bound) => bound.port(),
        Err(error) => {
            eprintln!("sandbox: cannot read the bound address: {error}");
            return ExitCode::FAILURE;
        }
    };
    // Tests read this one line to learn the port, so it is flushed before any request is served.
    let mut stdout = std::io::stdout().lock();
    if writeln!(stdout, "sandbox listening on http://127.0.0.1:{port}")
        .and_then(|()| stdout.flush())
        .is_err()
    {
        return ExitCode::FAILURE;
    }
    drop(stdout);

    let stdin_closed = if args.watch_stdin {
        watch_stdin()
    } else {
        never()
    };
    tokio::select! {
        result = sandbox::serve(listener, Arc::new(args.now.map(Sandbox::with_clock).unwrap_or_default())) => {
            if let Err(error) = result {
                eprintln!("sandbox: server stopped: {error}");
                return ExitCode::FAILURE;
            }
        }
        _ = stdin_closed => {}
        () = terminated() => {}
    }
    // Returning drops the runtime and with it every open connection, hanging ones included; a
    // graceful shutdown would wait for those forever.
    ExitCode::SUCCESS
}

/// Resolves when stdin reaches EOF or fails. A plain thread does the blocking read, because a
/// runtime's blocking pool would keep the process alive after a signal while the read still waits.
fn watch_stdin() -> oneshot::Receiver<()> {
    let (closed, receiver) = oneshot::channel();
    std::thread::spawn(move || {
        let mut buffer = [0u8; 1024];
        let mut stdin = std::io::stdin().lock();
        while matches!(stdin.read(&mut buffer), Ok(n) if n > 0) {}
        let _ = closed.send(());
    });
    receiver
}

/// A receiver whose sender is kept alive forever, for `--no-stdin-watch`.
fn never() -> oneshot::Receiver<()> {
    let (sender, receiver) = oneshot::channel();
    std::mem::forget(sender);
    receiver
}

async fn terminated() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                tokio::select! {
                    _ = interrupt => {}
                    _ = terminate.recv() => {}
                }
            }
            Err(_) => {
                let _ = interrupt.await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = interrupt.await;
    }
}
