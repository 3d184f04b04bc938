//! `handbook serve` and `watch` as child processes, and raw HTTP requests to them.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::handbook;

pub const WAIT: Duration = Duration::from_secs(15);

/// A running `handbook serve`, stopped when dropped.
pub struct Server {
    pub child: Child,
    pub port: u16,
    pub log: Arc<Mutex<Vec<String>>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `handbook ARGS`; the returned `Server` (port not yet known) stops it when dropped,
/// also when a test fails before it is done with it.
pub fn spawn(args: &[&str], root: &Path) -> (Server, Receiver<String>) {
    spawn_env(args, root, &[])
}

/// `spawn`, with environment variables set for the process.
pub fn spawn_env(args: &[&str], root: &Path, env: &[(&str, &str)]) -> (Server, Receiver<String>) {
    let mut command = handbook();
    command.args(args).envs(env.iter().copied());
    spawn_command(command, root)
}

/// Starts `command` in `root`, handing back the lines it prints on stderr.
fn spawn_command(mut command: std::process::Command, root: &Path) -> (Server, Receiver<String>) {
    let mut child = command
        .current_dir(root)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let log = Arc::new(Mutex::new(Vec::new()));
    let (tx, rx) = mpsc::channel();
    let sink = Arc::clone(&log);
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            sink.lock().unwrap().push(line.clone());
            let _ = tx.send(line);
        }
    });
    (
        Server {
            child,
            port: 0,
            log,
        },
        rx,
    )
}

pub fn serve(root: &Path) -> Server {
    serve_with(root, "0")
}

/// Starts `serve --port PORT` and waits for the URL it prints.
pub fn serve_with(root: &Path, port: &str) -> Server {
    serve_env(root, &["--port", port], &[]).0
}

/// Starts `serve` with more arguments and environment variables; waits for its URL, and hands
/// back the lines it prints from then on.
pub fn serve_env(root: &Path, extra: &[&str], env: &[(&str, &str)]) -> (Server, Receiver<String>) {
    let mut args = vec!["serve"];
    args.extend_from_slice(extra);
    if !extra.contains(&"--port") {
        args.extend(["--port", "0"]);
    }
    let (server, lines) = spawn_env(&args, root, env);
    wait_for_address(server, lines)
}

/// Starts `serve` allowed at most `files` open file descriptors (the shell's `ulimit -n`).
pub fn serve_limited(root: &Path, files: usize) -> (Server, Receiver<String>) {
    let mut command = std::process::Command::new("sh");
    let script = format!("ulimit -n {files} && exec \"$0\" serve --port 0");
    command
        .args(["-c", &script, env!("CARGO_BIN_EXE_handbook")])
        .env("NO_COLOR", "1");
    let (server, lines) = spawn_command(command, root);
    wait_for_address(server, lines)
}

/// Waits for the URL `serve` prints and reads its port.
fn wait_for_address(mut server: Server, lines: Receiver<String>) -> (Server, Receiver<String>) {
    let deadline = Instant::now() + WAIT;
    while Instant::now() < deadline {
        if let Ok(line) = lines.recv_timeout(Duration::from_millis(200))
            && let Some(rest) = line.split("http://").nth(1)
        {
            let address = rest.split('/').next().unwrap();
            server.port = address.rsplit(':').next().unwrap().parse().unwrap();
            return (server, lines);
        }
    }
    panic!("serve did not start: {:?}", server.log.lock().unwrap());
}

/// Sends a raw request line and returns the whole response.
fn exchange(port: u16, request_line: &str) -> Vec<u8> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(WAIT)).unwrap();
    write!(
        stream,
        "{request_line}\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    response
}

/// Sends a raw request line and returns the response's head (status line and headers).
pub fn head(port: u16, request_line: &str) -> String {
    let text = String::from_utf8_lossy(&exchange(port, request_line)).into_owned();
    text.split("\r\n\r\n").next().unwrap_or("").to_string()
}

/// Sends a raw request line and returns (status, body).
pub fn raw(port: u16, request_line: &str) -> (u16, Vec<u8>) {
    let response = exchange(port, request_line);
    let split = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a full response");
    let head = String::from_utf8_lossy(&response[..split]).to_string();
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    (status, response[split + 4..].to_vec())
}

pub fn get(port: u16, path: &str) -> (u16, String) {
    let (status, body) = raw(port, &format!("GET {path} HTTP/1.1"));
    (status, String::from_utf8_lossy(&body).into_owned())
}
