#!/usr/bin/env python3
"""Serve benchmark: how long `handbook serve` takes from a save to the browser's reload event.

    bench/serve/run.py [--cases content:1000,template:1000,content:10000] [--saves 25]
                       [--pause 0.3] [--handbook-bin PATH] [--corpus DIR]

Each case copies a generated handbook (bench/gen_handbook.py, the same pages as the build
benchmark's, in bench/build/work/pages-N/handbook; generated there when missing) to a temporary
folder, starts `handbook serve --verbose` on it on a free port, waits until the site is served,
and opens the live-reload stream (server-sent events at /__handbook/events, the one live.js
listens to) with a plain HTTP client. Then it saves a file --saves times:

  content   one content page, rewritten in place with a distinct sentence appended to its body;
  template  templates/page.html, an override of the theme's page template (this checkout's
            themes/default/templates/page.html, written before the server starts, so its
            creation is not timed), with a distinct hidden element added to it.

The latency of a save is the time from just before the file is opened for writing to the
arrival of the `reload` event: notify's debounce, the rebuild and the event's delivery. The
script waits for each save's event, pauses (--pause), checks that the page now served carries
the edit, and only then saves again, so that every save is its own rebuild. Before the timed
saves, --warmup saves are made and left out of the figures (the first save after the start
warms caches, and its new words change more of the search index than later saves do).

For each case it reports the median, p90 (nearest rank), minimum and maximum latency; the
server's own figures from its line per rebuild (rebuild time, pages rendered, files changed);
the server's memory after the saves (VmRSS and VmHWM from /proc/<pid>/status); and the CPU
other processes used meanwhile (from /proc/stat), since a busy machine inflates the figures.
It prints a Markdown table and writes every sample to bench/serve/work/results.json, and the
server's output of each case to bench/serve/work/<case>.log. Linux only (/proc).

The script itself needs only Python's standard library. When a handbook has to be generated,
it installs wordfreq and PyYAML into bench/.venv and re-runs itself there, as the build
benchmark does.
"""
import argparse
import http.client
import json
import math
import os
import platform
import queue
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(HERE)
sys.path.insert(0, BENCH)
import corpus as shared  # noqa: E402
REPO = os.path.dirname(BENCH)
WORK = os.path.join(HERE, "work")
EVENTS_PATH = "/__handbook/events"
LIVE_SCRIPT = "/__handbook/live.js"

# The targets, in ms, by (kind, pages).
TARGETS = {("content", 1000): 20, ("content", 10000): 100, ("template", 1000): 300}


T0 = time.perf_counter()


def log(*a):
    print(f"[{time.perf_counter() - T0:7.1f} s]", *a, file=sys.stderr, flush=True)


# --- the handbooks, as bench/build/run.py makes them ---------------------------------------

def corpus_dir(corpus, pages):
    return os.path.join(corpus, f"pages-{pages}")


def generate(corpus, pages):
    """The build benchmark's pages-N corpus (handbook and Hugo site), made when missing."""
    return os.path.join(shared.generate(corpus_dir(corpus, pages), pages, False, log), "handbook")


def copy_handbook(src, dest):
    """Copies the handbook without its output folders (serve builds into memory)."""
    def ignore(d, names):
        if os.path.abspath(d) != os.path.abspath(src):
            return []
        return [n for n in names if n == "public" or n.startswith(".public.")]
    shutil.copytree(src, dest, ignore=ignore)


def page_to_edit(book):
    """A regular page in the middle of the handbook: content/<section>/NNN-slug.md."""
    found = []
    content = os.path.join(book, "content")
    for d, _, files in os.walk(content):
        found += [os.path.join(d, f) for f in files if re.match(r"\d+-.+\.md$", f)]
    if not found:
        raise SystemExit(f"no page to edit in {content}")
    found.sort()
    return found[len(found) // 2]


def page_url(book, path):
    """The page's URL as handbook makes it: the number prefix and `.md` dropped."""
    rel = os.path.relpath(path, os.path.join(book, "content")).replace(os.sep, "/")
    section, _, name = rel.rpartition("/")
    slug = re.sub(r"^\d+-", "", name[:-3])
    return "/" + (section + "/" if section else "") + slug + "/"


# --- the server and its event stream ---------------------------------------------------------

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port, path, timeout=30):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        r = conn.getresponse()
        return r.status, r.read()
    finally:
        conn.close()


class Server:
    """`handbook serve --verbose` on a handbook, its stderr lines timestamped in a queue."""

    SUMMARY = re.compile(r": (\d+) pages? rendered, (\d+) files? changed"
                         r"(?:, (\d+) content files? read)?, in (\d+) ms(?: \(.*\))?$")
    PREVIEW = re.compile(r"^previewed .* in ([\d.]+) ms$")

    def __init__(self, binary, book, log_path):
        self.lines = queue.Queue()
        self.log = open(log_path, "w")
        env = dict(os.environ, NO_COLOR="1")
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            [binary, "serve", "--verbose", "--root", book, "--port", str(free_port())],
            stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.PIPE, text=True, env=env)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stderr:
            t = time.perf_counter()
            self.log.write(f"[{t - self.started:9.3f}] {line}")
            self.log.flush()
            self.lines.put((t, line.rstrip("\n")))
        self.lines.put((time.perf_counter(), None))

    def wait_serving(self, timeout):
        """The port, once the first build is done and the server listens."""
        deadline = time.perf_counter() + timeout
        while True:
            try:
                _, line = self.lines.get(timeout=max(0.0, deadline - time.perf_counter()))
            except queue.Empty:
                raise SystemExit(f"handbook serve did not start within {timeout} s")
            if line is None:
                raise SystemExit(f"handbook serve exited ({self.proc.wait()}); see {self.log.name}")
            m = re.search(r"^Serving .* at http://[^/]*:(\d+)/", line)
            if m:
                return int(m.group(1))

    def summary(self, timeout):
        """The server's line for the last rebuild: (rebuild ms, rendered, changed, read, preview
        ms or None when the save was not previewed)."""
        deadline = time.perf_counter() + timeout
        preview = None
        while True:
            try:
                _, line = self.lines.get(timeout=max(0.0, deadline - time.perf_counter()))
            except queue.Empty:
                return None
            if line is None:
                return None
            p = self.PREVIEW.search(line)
            if p:
                preview = float(p.group(1))
            m = self.SUMMARY.search(line)
            if m:
                read = int(m.group(3)) if m.group(3) is not None else None
                return int(m.group(4)), int(m.group(1)), int(m.group(2)), read, preview

    def drain(self):
        while True:
            try:
                self.lines.get_nowait()
            except queue.Empty:
                return

    def memory(self):
        """VmRSS and VmHWM in MB."""
        with open(f"/proc/{self.proc.pid}/status") as f:
            status = dict(line.split(":", 1) for line in f if ":" in line)
        kb = lambda k: int(status[k].split()[0]) / 1024
        return kb("VmRSS"), kb("VmHWM")

    def cpu_seconds(self):
        with open(f"/proc/{self.proc.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


class Events:
    """The live-reload stream, read by a thread: (arrival time, event, data) in a queue."""

    def __init__(self, port):
        self.queue = queue.Queue()
        self.conn = http.client.HTTPConnection("127.0.0.1", port)
        self.conn.request("GET", EVENTS_PATH, headers={"Accept": "text/event-stream"})
        self.response = self.conn.getresponse()
        kind = self.response.getheader("Content-Type", "")
        if self.response.status != 200 or "text/event-stream" not in kind:
            raise SystemExit(f"{EVENTS_PATH}: {self.response.status} {kind}")
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        event, data, first = None, [], None
        while True:
            try:
                raw = self.response.readline()
            except Exception:  # closed under the reader, or the server went away
                raw = b""
            t = time.perf_counter()
            if not raw:
                self.queue.put((t, None, None))
                return
            line = raw.decode("utf-8").rstrip("\r\n")
            if line == "":
                if event is not None or data:
                    self.queue.put((first, event or "message", "\n".join(data)))
                event, data, first = None, [], None
                continue
            if line.startswith(":"):
                continue  # keep-alive comment
            first = first or t
            field, _, value = line.partition(":")
            value = value[1:] if value.startswith(" ") else value
            if field == "event":
                event = value
            elif field == "data":
                data.append(value)

    def next(self, timeout):
        try:
            return self.queue.get(timeout=timeout)
        except queue.Empty:
            return None

    def drain(self):
        stray = []
        while True:
            try:
                stray.append(self.queue.get_nowait())
            except queue.Empty:
                return stray

    def close(self):
        # Shut down first: the reader thread, blocked in a read, holds the response's buffer,
        # and closing alone would wait for the next keep-alive comment.
        try:
            self.conn.sock.shutdown(socket.SHUT_RDWR)
        except (AttributeError, OSError):
            pass
        self.conn.close()


# --- one case --------------------------------------------------------------------------------

def write_file(path, text):
    """A save as an editor makes it in place: the file truncated and written at once."""
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def template_override(book):
    """Makes templates/page.html, the theme's page template, and returns (path, edit(i))."""
    theme_page = os.path.join(REPO, "themes", "default", "templates", "page.html")
    with open(theme_page, encoding="utf-8") as f:
        original = f.read()
    end = "{% endblock content"
    if end not in original:
        raise SystemExit(f"{theme_page} has no `{end}` to put the edit before")
    path = os.path.join(book, "templates", "page.html")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    write_file(path, original)

    def edit(i):
        marker = f'<p hidden class="bench-edit">template edit {i}</p>'
        return original.replace(end, f"{marker}\n{end}"), marker
    return path, edit


def content_edit(path):
    with open(path, encoding="utf-8") as f:
        original = f.read().rstrip("\n")

    def edit(i):
        sentence = f"Benchmark save number {i} appends this sentence to the page."
        return f"{original}\n\n{sentence}\n", sentence
    return edit


def busy_seconds():
    """CPU time the whole machine has spent busy (all cores), from /proc/stat."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def own_cpu_seconds():
    t = os.times()
    return t.user + t.system


def nearest_rank(values, q):
    s = sorted(values)
    return s[max(0, math.ceil(q * len(s)) - 1)]


def run_case(kind, pages, args, handbook_bin):
    name = f"{kind}-{pages}"
    src = generate(args.corpus, pages)
    tmp = tempfile.mkdtemp(prefix=f"handbook-serve-{name}-")
    book = os.path.join(tmp, "handbook")
    server = events = None
    try:
        copy_handbook(src, book)
        page = page_to_edit(book)
        url = page_url(book, page)
        if kind == "template":
            target, edit = template_override(book)
        else:
            target, edit = page, content_edit(page)
        log(f"{name}: serving a copy in {tmp}, saving {os.path.relpath(target, book)}")
        load = os.getloadavg()

        server = Server(handbook_bin, book, os.path.join(WORK, f"{name}.log"))
        port = server.wait_serving(args.start_timeout)
        startup = time.perf_counter() - server.started
        status, body = get(port, "/")
        if status != 200 or LIVE_SCRIPT.encode() not in body:
            raise SystemExit(f"{name}: / gave {status} without the live-reload script")
        status, _ = get(port, url)
        check_page = status == 200
        if not check_page:
            log(f"  warning: {url} gave {status}; the served page is not checked after saves")
        log(f"  serving on port {port} after {startup:.1f} s; page {url}")

        events = Events(port)
        first = events.next(10)
        if not first or first[1] != "hello":
            raise SystemExit(f"{name}: the event stream did not say hello: {first}")

        samples = []
        stray_total = 0
        # Other processes' CPU while saving: the figures mean little on a busy machine.
        wall0, busy0, own0 = time.perf_counter(), busy_seconds(), own_cpu_seconds()
        server0 = server.cpu_seconds()
        for i in range(args.warmup + args.saves):
            stray = events.drain()
            stray_total += len(stray)
            server.drain()
            text, mark = edit(i + 1)
            t0 = time.perf_counter()
            write_file(target, text)
            while True:
                got = events.next(args.event_timeout)
                if got is None:
                    raise SystemExit(f"{name}: no event within {args.event_timeout} s of save {i + 1}")
                t, event, data = got
                if event is None:
                    raise SystemExit(f"{name}: the event stream closed; see {server.log.name}")
                if event == "errors":
                    raise SystemExit(f"{name}: the save gave errors: {data[:2000]}")
                if event == "reload":
                    break
                log(f"  save {i + 1}: `{event}` event before the reload")
            latency = (t - t0) * 1000
            line = server.summary(5)
            time.sleep(args.pause)
            if check_page:
                status, body = get(port, url)
                if status != 200 or mark.encode() not in body:
                    raise SystemExit(f"{name}: after save {i + 1}, {url} ({status}) lacks the edit")
            warm = i < args.warmup
            sample = {"save": i + 1, "warmup": warm, "latency_ms": round(latency, 2),
                      "stray_events_before": len(stray)}
            if line:
                sample.update(rebuild_ms=line[0], rendered=line[1], changed=line[2], read=line[3],
                              preview_ms=line[4])
            samples.append(sample)
            log(f"  save {i + 1}{' (warm-up)' if warm else ''}: {latency:.1f} ms"
                + (f" (server: rebuild {line[0]} ms, {line[1]} rendered, {line[2]} changed"
                   + (f", previewed in {line[4]} ms" if line[4] is not None else "") + ")"
                   if line else ""))
        stray_total += len(events.drain())
        rss, hwm = server.memory()
        cpu = server.cpu_seconds()
        others = (busy_seconds() - busy0 - (cpu - server0) - (own_cpu_seconds() - own0)) / (
            time.perf_counter() - wall0)
        if others > 0.25:
            log(f"  warning: other processes kept {others:.2f} cores busy during the saves")
    finally:
        if events:
            events.close()
        if server:
            server.stop()
        shutil.rmtree(tmp, ignore_errors=True)

    timed = [s for s in samples if not s["warmup"]]
    lat = [s["latency_ms"] for s in timed]
    rebuild = [s["rebuild_ms"] for s in timed if "rebuild_ms" in s]
    pick = lambda key: sorted({s[key] for s in timed if key in s})
    return {
        "case": name, "kind": kind, "pages": pages, "saves": len(timed),
        "edited": os.path.relpath(target, book).replace(os.sep, "/"),
        "target_ms": TARGETS.get((kind, pages)),
        "median_ms": statistics.median(lat), "p90_ms": nearest_rank(lat, 0.9),
        "min_ms": min(lat), "max_ms": max(lat),
        "rebuild_median_ms": statistics.median(rebuild) if rebuild else None,
        "rendered": pick("rendered"), "changed": pick("changed"),
        "previewed": sum(1 for s in timed if s.get("preview_ms") is not None),
        "startup_s": round(startup, 2), "rss_mb": round(rss, 1), "hwm_mb": round(hwm, 1),
        "server_cpu_s": round(cpu, 2), "stray_events": stray_total,
        "loadavg_at_start": [round(x, 2) for x in load],
        "other_cpu_cores": round(max(others, 0.0), 2),
        "samples": samples,
    }


# --- report ----------------------------------------------------------------------------------

def report(results, args, handbook_bin):
    span = lambda v: "?" if not v else str(v[0]) if len(v) == 1 else f"{v[0]}–{v[-1]}"
    lines = [
        "# Serve benchmark",
        "",
        f"Run {time.strftime('%Y-%m-%d')} on {platform.node()} ({os.cpu_count()} cores, "
        f"{platform.machine()}), {shared.version([handbook_bin, '--version'])}. Save to `reload` event, "
        f"{results[0]['saves'] if results else args.saves} saves per case after {args.warmup} "
        f"warm-up, {args.pause} s pause after each event.",
        "",
        "    " + " ".join(sys.argv),
        "",
        "| case | pages | median | p90 | min | max | target | server rebuild (median) "
        "| pages rendered | files changed | previewed | RSS / peak | start | other load |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        target = r["target_ms"]
        verdict = "" if target is None else (
            f"{target} ms {'✓' if r['median_ms'] < target else '✗'}")
        rebuild = "?" if r["rebuild_median_ms"] is None else f"{r['rebuild_median_ms']:.0f} ms"
        lines.append(
            f"| {r['kind']} edit | {r['pages']:,} | {r['median_ms']:.1f} ms | {r['p90_ms']:.1f} ms "
            f"| {r['min_ms']:.1f} ms | {r['max_ms']:.1f} ms | {verdict} | {rebuild} "
            f"| {span(r['rendered'])} | {span(r['changed'])} | {r['previewed']} of {r['saves']} "
            f"| {r['rss_mb']:.0f} / {r['hwm_mb']:.0f} MB | {r['startup_s']:.1f} s "
            f"| {r['other_cpu_cores']:.2f} cores |")
    lines += ["", "Latency: from just before the write to the `reload` event's arrival (debounce, "
              "rebuild, delivery). Server rebuild: the time the server reports for the rebuild "
              "alone (after a preview, the browser reloads before it). Previewed: saves shown "
              "by a preview, rendered from the last good site before the rebuild. Start: from spawning the server until it listens (the first full build). Other "
              "load: CPU other processes used during the saves, in cores (of "
              f"{os.cpu_count()})."]
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", default="content:1000,template:1000,content:10000",
                    help="KIND:PAGES,... with KIND content or template")
    ap.add_argument("--saves", type=int, default=25)
    ap.add_argument("--warmup", type=int, default=2, help="untimed saves before the timed ones")
    ap.add_argument("--pause", type=float, default=0.3, help="seconds after each reload event")
    ap.add_argument("--handbook-bin", default=os.path.join(REPO, "target", "release", "handbook"))
    ap.add_argument("--corpus", default=os.path.join(BENCH, "build", "work"),
                    help="where the pages-N handbooks are (made there when missing)")
    ap.add_argument("--start-timeout", type=float, default=600)
    ap.add_argument("--event-timeout", type=float, default=60)
    args = ap.parse_args()
    cases = []
    for spec in args.cases.split(","):
        kind, _, pages = spec.partition(":")
        if kind not in ("content", "template") or not pages.isdigit():
            raise SystemExit(f"--cases: `{spec}` is not content:N or template:N")
        cases.append((kind, int(pages)))
    args.corpus = os.path.abspath(args.corpus)
    if any(not os.path.exists(os.path.join(corpus_dir(args.corpus, p), ".generated"))
           for _, p in cases):
        shared.ensure_venv(__file__)  # the generator needs wordfreq; the benchmark does not
    handbook_bin = os.path.abspath(args.handbook_bin)
    if not os.path.exists(handbook_bin):
        raise SystemExit(f"no {handbook_bin}: run `cargo build --release` first")
    os.makedirs(WORK, exist_ok=True)
    results = []
    for kind, pages in cases:
        results.append(run_case(kind, pages, args, handbook_bin))
    with open(os.path.join(WORK, "results.json"), "w") as f:
        json.dump({"binary": shared.version([handbook_bin, "--version"]), "host": platform.node(),
                   "cores": os.cpu_count(), "args": vars(args), "results": results}, f, indent=1)
    print(report(results, args, handbook_bin))


if __name__ == "__main__":
    main()
