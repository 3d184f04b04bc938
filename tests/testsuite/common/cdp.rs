//! A small Chrome DevTools Protocol client: headless Chromium driven over its debugging
//! WebSocket, enough to load a page, run JavaScript in it and read the result.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tungstenite::{Message, WebSocket, stream::MaybeTlsStream};

/// Kills Chromium when dropped, also when a test fails half-way through starting it.
struct Process(Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Headless Chromium as this machine allows it: no sandbox (tests run as root), no GPU, and
/// none of the background connections that a closed network refuses.
pub const HEADLESS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

pub struct Browser {
    _process: Process,
    socket: WebSocket<MaybeTlsStream<TcpStream>>,
    next_id: u64,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// Starts headless `chromium` with a page of `width` CSS pixels.
    pub fn start(chromium: &str, width: u32) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let mut child = Command::new(chromium)
            .args(HEADLESS)
            .args([
                "--remote-debugging-port=0",
                &format!("--window-size={width},900"),
                &format!("--user-data-dir={}", profile.path().display()),
                "about:blank",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("chromium starts");
        let stderr = child.stderr.take().unwrap();
        let process = Process(child);
        let mut lines = BufReader::new(stderr).lines();
        let port = loop {
            let line = lines
                .next()
                .expect("chromium prints its DevTools address")
                .unwrap();
            if let Some(rest) = line.split("ws://127.0.0.1:").nth(1) {
                break rest.split('/').next().unwrap().parse::<u16>().unwrap();
            }
        };
        std::thread::spawn(move || for _ in lines {});
        let targets = http_get(port, "/json/list");
        let targets: Value = serde_json::from_str(&targets).unwrap();
        let page = targets
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["type"] == "page")
            .expect("a page target");
        let url = format!(
            "ws://127.0.0.1:{port}/devtools/page/{}",
            page["id"].as_str().unwrap()
        );
        let (socket, _) = tungstenite::connect(url).expect("the DevTools socket opens");
        if let MaybeTlsStream::Plain(s) = socket.get_ref() {
            s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        }
        let mut browser = Browser {
            _process: process,
            socket,
            next_id: 0,
            _profile: profile,
        };
        // A headless page has no window focus of its own: without this, `focus()` moves no
        // focus and typed text goes nowhere.
        browser.call(
            "Emulation.setFocusEmulationEnabled",
            json!({ "enabled": true }),
        );
        browser
    }

    pub fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let message = json!({ "id": id, "method": method, "params": params });
        self.socket
            .send(Message::text(message.to_string()))
            .unwrap();
        loop {
            let reply = self.socket.read().expect("a DevTools reply");
            let Message::Text(text) = reply else { continue };
            let value: Value = serde_json::from_str(&text).unwrap();
            if value["id"] == id {
                return value["result"].clone();
            }
        }
    }

    pub fn goto(&mut self, url: &str) {
        self.call("Page.navigate", json!({ "url": url }));
        self.wait_for("document.readyState === 'complete'", "the page to load");
    }

    /// Reloads the page and waits until the new document has loaded.
    pub fn reload(&mut self) {
        self.eval("window.__before_reload = true");
        self.call("Page.reload", json!({}));
        self.wait_for(
            "window.__before_reload === undefined && document.readyState === 'complete'",
            "the reload",
        );
    }

    /// Makes the page as wide as a phone of `width` CSS pixels.
    pub fn phone(&mut self, width: u32) {
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": 780, "deviceScaleFactor": 2, "mobile": true }),
        );
    }

    /// Types `text` into the focused element, one character at a time, as a reader would.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.call("Input.insertText", json!({ "text": c.to_string() }));
        }
    }

    /// Presses and releases a key (`ArrowDown`, `Enter`, `/`) on the focused element.
    pub fn press(&mut self, key: &str, modifiers: u8) {
        let text = if key.chars().count() == 1 { key } else { "" };
        for kind in ["keyDown", "keyUp"] {
            self.call(
                "Input.dispatchKeyEvent",
                json!({ "type": kind, "key": key, "text": if kind == "keyDown" { text } else { "" }, "modifiers": modifiers }),
            );
        }
    }

    /// Evaluates a JavaScript expression in the page and returns its value.
    pub fn eval(&mut self, expression: &str) -> Value {
        let result = self.call(
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true }),
        );
        result["result"]["value"].clone()
    }

    /// Evaluates an expression whose value is a promise, and returns what it resolves to.
    pub fn eval_async(&mut self, expression: &str) -> Value {
        let result = self.call(
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true, "awaitPromise": true }),
        );
        result["result"]["value"].clone()
    }

    /// Waits until `expression` is true in the page.
    pub fn wait_for(&mut self, expression: &str, what: &str) {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if self.eval(&format!("Boolean({expression})")) == json!(true) {
                return;
            }
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

fn http_get(port: u16, path: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        if let Ok(stream) = TcpStream::connect(("127.0.0.1", port)) {
            stream
                .set_read_timeout(Some(Duration::from_secs(10)))
                .unwrap();
            let mut writer = stream.try_clone().unwrap();
            write!(
                writer,
                "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"
            )
            .unwrap();
            let mut reader = BufReader::new(stream);
            let mut length = 0;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                if let Some((name, value)) = line.split_once(':')
                    && name.eq_ignore_ascii_case("content-length")
                {
                    length = value.trim().parse().unwrap_or(0);
                }
            }
            let mut body = vec![0; length];
            if length > 0 && reader.read_exact(&mut body).is_ok() {
                return String::from_utf8_lossy(&body).into_owned();
            }
        }
        assert!(Instant::now() < deadline, "no DevTools endpoint");
        std::thread::sleep(Duration::from_millis(100));
    }
}
