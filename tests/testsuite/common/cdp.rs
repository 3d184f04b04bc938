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
    /// Events received while waiting for replies, oldest first (`take_events` empties it).
    events: Vec<Value>,
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
            events: Vec::new(),
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
            if value.get("method").is_some() {
                self.events.push(value);
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

    /// Emulates the reader's colour scheme preference: `light` or `dark`.
    pub fn color_scheme(&mut self, scheme: &str) {
        self.call(
            "Emulation.setEmulatedMedia",
            json!({ "features": [{ "name": "prefers-color-scheme", "value": scheme }] }),
        );
    }

    /// Emulates a reader who asked for reduced motion: the page scrolls at once, so each step
    /// is measured where it lands.
    pub fn reduced_motion(&mut self) {
        self.call(
            "Emulation.setEmulatedMedia",
            json!({ "features": [{ "name": "prefers-reduced-motion", "value": "reduce" }] }),
        );
    }

    /// Runs `source` in every document loaded from now on, before the page's own scripts.
    pub fn on_every_document(&mut self, source: &str) {
        self.call(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": source }),
        );
    }

    /// Reports requests (`Network.requestWillBeSent`) and console messages and exceptions
    /// (`Runtime.*`, `Log.entryAdded`) as events, for `take_events`.
    pub fn record(&mut self) {
        for domain in ["Network.enable", "Runtime.enable", "Log.enable"] {
            self.call(domain, json!({}));
        }
    }

    /// The events received since the last call.
    pub fn take_events(&mut self) -> Vec<Value> {
        // A no-op round trip collects the events that arrived before it.
        self.eval("0");
        std::mem::take(&mut self.events)
    }

    /// A PNG of the whole page, as tall as its content.
    pub fn screenshot(&mut self) -> Vec<u8> {
        let metrics = self.call("Page.getLayoutMetrics", json!({}));
        let size = &metrics["cssContentSize"];
        let result = self.call(
            "Page.captureScreenshot",
            json!({
                "format": "png",
                "captureBeyondViewport": true,
                "clip": { "x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1 },
            }),
        );
        use base64::Engine;
        base64::engine::general_purpose::STANDARD
            .decode(result["data"].as_str().expect("screenshot data"))
            .expect("base64 PNG")
    }

    /// Sets the page's width in CSS pixels: a phone (`mobile`) or a desktop window.
    pub fn viewport(&mut self, width: u32, mobile: bool) {
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": if mobile { 780 } else { 900 }, "deviceScaleFactor": if mobile { 2 } else { 1 }, "mobile": mobile }),
        );
    }

    /// Presses a key with its virtual key code, so that the browser's default action runs:
    /// `Tab` (9) moves the focus, `Enter` (13) follows a link or presses a button.
    pub fn key(&mut self, key: &str, code: u32, shift: bool) {
        let text = if key == "Enter" { "\r" } else { "" };
        let modifiers = if shift { 8 } else { 0 };
        for kind in ["rawKeyDown", "char", "keyUp"] {
            if kind == "char" && text.is_empty() {
                continue;
            }
            self.call(
                "Input.dispatchKeyEvent",
                json!({ "type": kind, "key": key, "code": key, "windowsVirtualKeyCode": code, "nativeVirtualKeyCode": code, "text": if kind == "char" { text } else { "" }, "modifiers": modifiers }),
            );
        }
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
