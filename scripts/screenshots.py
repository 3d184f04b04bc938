#!/usr/bin/env python3
"""Screenshots of a built handbook for design reviews: the pages and states a reader meets
(home, a strategy, a checklist on screen and printed, search, the phone menu, dark mode), taken
by headless Chromium over the DevTools protocol.

    python3 scripts/screenshots.py PUBLIC_DIR OUT_DIR [--prefix before-]

PUBLIC_DIR is a site built with `handbook build --offline`. Needs `chromium` and the
`websocket-client` package (pip install websocket-client).
"""

import argparse
import base64
import json
import pathlib
import subprocess
import tempfile
import time
import urllib.request

import websocket

# name, page, width, phone, scheme, media, script run before the shot
SHOTS = [
    ("home-desktop", "index.html", 1280, False, "light", "screen", None),
    ("home-phone", "index.html", 360, True, "light", "screen", None),
    ("strategy-desktop", "strategies/build-trust/index.html", 1280, False, "light", "screen", None),
    ("checklist-desktop", "checklists/mentoring-agreement/index.html", 1280, False, "light", "screen", None),
    ("checklist-phone", "checklists/action-plan/index.html", 360, True, "light", "screen", None),
    ("checklist-print", "checklists/mentoring-agreement/index.html", 800, False, "light", "print",
     "document.querySelector('[data-item]') && document.querySelector('[data-item]').click()"),
    ("search-phone", "search/index.html?q=feedback", 360, True, "light", "screen", None),
    ("menu-phone", "roles/mentor/index.html", 360, True, "light", "screen",
     "document.querySelector('.nav-toggle') && document.querySelector('.nav-toggle').click()"),
    ("home-dark", "index.html", 1280, False, "dark", "screen", None),
    ("search-dark", "roles/mentor/index.html", 1280, False, "dark", "screen",
     "(() => { const i = document.querySelector('.site-search input'); if (i) { i.focus(); i.value = 'trust'; i.dispatchEvent(new Event('input', { bubbles: true })); } })()"),
    ("print-contents", "print/handbook/index.html", 900, False, "light", "print",
     "document.querySelector('.print-contents').scrollIntoView()"),
]


class Page:
    def __init__(self, url):
        self.ws = websocket.create_connection(url, timeout=30)
        self.next = 0

    def call(self, method, params=None):
        self.next += 1
        self.ws.send(json.dumps({"id": self.next, "method": method, "params": params or {}}))
        while True:
            reply = json.loads(self.ws.recv())
            if reply.get("id") == self.next:
                return reply.get("result", {})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("public")
    parser.add_argument("out")
    parser.add_argument("--prefix", default="")
    args = parser.parse_args()
    public = pathlib.Path(args.public).resolve()
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    profile = tempfile.mkdtemp()
    chromium = subprocess.Popen(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         "--remote-debugging-port=9333", f"--user-data-dir={profile}", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                targets = json.load(urllib.request.urlopen("http://127.0.0.1:9333/json"))
                break
            except OSError:
                time.sleep(0.1)
        page = Page(next(t for t in targets if t["type"] == "page")["webSocketDebuggerUrl"])
        page.call("Page.enable")
        for name, path, width, phone, scheme, media, script in SHOTS:
            page.call("Emulation.setDeviceMetricsOverride",
                      {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": phone})
            page.call("Emulation.setEmulatedMedia", {"media": "", "features": [
                {"name": "prefers-color-scheme", "value": scheme},
                {"name": "prefers-reduced-motion", "value": "reduce"}]})
            page.call("Page.navigate", {"url": f"file://{public}/{path}"})
            time.sleep(1.2)
            if script:
                page.call("Runtime.evaluate", {"expression": script})
                time.sleep(0.8)
            if media == "print":
                page.call("Emulation.setEmulatedMedia", {"media": "print"})
                time.sleep(0.3)
            shot = page.call("Page.captureScreenshot", {"format": "png"})
            (out / f"{args.prefix}{name}.png").write_bytes(base64.b64decode(shot["data"]))
    finally:
        chromium.kill()


if __name__ == "__main__":
    main()
