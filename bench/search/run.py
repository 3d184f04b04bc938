#!/usr/bin/env python3
"""Search benchmark: the handbook's client-side search against Pagefind and an mdBook-style
elasticlunr index, on generated handbooks of several sizes and on the bundled handbook.

    bench/search/run.py [--sizes 100,1000,10000] [--handbook-bin PATH] [--bundled DIR]

Installs what it needs itself: wordfreq and PyYAML into bench/.venv (the script re-runs
itself there), and playwright-core, pagefind and elasticlunr into bench/search/node_modules.
Headless Chromium is Debian's /usr/bin/chromium (apt-get install chromium).

Prints a Markdown report and writes it to bench/search/RESULTS.md (--report), with the raw
figures in bench/search/work/results.json. See bench/search/README.md for what is measured.
"""
import argparse
import contextlib
import gzip
import json
import os
import platform
import re
import shlex
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(HERE)
REPO = os.path.dirname(BENCH)
VENV = os.path.join(BENCH, ".venv")
VENV_PY = os.path.join(VENV, "bin", "python")
PY_DEPS = ["wordfreq", "PyYAML"]


# ---------------------------------------------------------------- setup

def ensure_venv():
    """Re-runs this script under bench/.venv, made and filled on first use."""
    if os.path.realpath(sys.prefix) == os.path.realpath(VENV):
        return
    if not os.path.exists(VENV_PY):
        print(f"creating {VENV} with {', '.join(PY_DEPS)}", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
    try:
        subprocess.run([VENV_PY, "-c", "import wordfreq, yaml"], check=True, capture_output=True)
    except subprocess.CalledProcessError:
        subprocess.run([VENV_PY, "-m", "pip", "install", "-q", *PY_DEPS], check=True)
    os.execv(VENV_PY, [VENV_PY, os.path.abspath(__file__), *sys.argv[1:]])


def ensure_node_modules():
    want = ["playwright-core", "pagefind", "elasticlunr"]
    if all(os.path.exists(os.path.join(HERE, "node_modules", m, "package.json")) for m in want):
        return
    print("installing playwright-core, pagefind and elasticlunr into bench/search", file=sys.stderr)
    cmd = ["npm", "ci"] if os.path.exists(os.path.join(HERE, "package-lock.json")) else ["npm", "install"]
    subprocess.run(cmd + ["--no-audit", "--no-fund"], cwd=HERE, check=True)


# ---------------------------------------------------------------- helpers

def log(*a):
    print(*a, file=sys.stderr, flush=True)


def run(cmd, **kw):
    """Runs a command; returns (wall seconds, CPU seconds of the children, CompletedProcess)."""
    r0 = os.times()
    t0 = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True, **kw)
    wall = time.perf_counter() - t0
    r1 = os.times()
    cpu = (r1.children_user - r0.children_user) + (r1.children_system - r0.children_system)
    if p.returncode != 0:
        raise RuntimeError(f"{shlex.join(cmd)} failed ({p.returncode}):\n{p.stdout[-3000:]}\n{p.stderr[-3000:]}")
    return wall, cpu, p


def dir_size(path):
    """(bytes, gzip bytes, files) of every file under path (or of one file)."""
    files = [path] if os.path.isfile(path) else [
        os.path.join(d, f) for d, _, fs in os.walk(path) for f in fs]
    total = gz = 0
    for f in files:
        with open(f, "rb") as fh:
            data = fh.read()
        total += len(data)
        gz += len(gzip.compress(data, 6, mtime=0))
    return total, gz, len(files)


def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(directory):
    """python3 -m http.server over directory, on a free loopback port."""
    port = free_port()
    p = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                          "--directory", directory], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base, timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        p.terminate()
        p.wait()


def browser(job, work):
    path = os.path.join(work, f"job-{job['tool']}-{job['mode']}.json")
    with open(path, "w") as f:
        json.dump(job, f)
    _, _, p = run(["node", os.path.join(HERE, "browser.mjs"), path], cwd=HERE)
    return json.loads(p.stdout)


def fmt_bytes(n):
    if n is None:
        return "–"
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.2f} MiB"
    if n >= 1024:
        return f"{n / 1024:.1f} KiB"
    return f"{n} B"


def fmt_s(x):
    return "–" if x is None else (f"{x:.2f} s" if x < 10 else f"{x:.1f} s")


def fmt_ms(x):
    return "–" if x is None else (f"{x:.1f} ms" if x < 100 else f"{x:.0f} ms")


# ---------------------------------------------------------------- the corpus

def stop_words():
    sys.path.insert(0, BENCH)
    from gen_handbook import STOP_WORDS
    return STOP_WORDS


def handbook_stop_words(out):
    """The stop words the handbook's index drops, as its search/meta.js lists them."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        with open(os.path.join(out, "search", "meta.js"), encoding="utf-8") as f:
            m = re.search(r'"stop":(\[[^\]]*\])', f.read())
        return set(json.loads(m.group(1)))
    return set()


def loadavg():
    with contextlib.suppress(OSError):
        with open("/proc/loadavg") as f:
            return " ".join(f.read().split()[:3])
    return "?"


def frequent_words(content_dir, n=20, extra_stops=()):
    """The n most frequent words of a generated handbook's pages (titles, summaries and text;
    not code, link targets or citation keys), stop words (the generator's list and the
    handbook's own) and words with apostrophes left out."""
    counts = {}
    word = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
    for d, _, fs in os.walk(content_dir):
        for f in fs:
            if not f.endswith(".md"):
                continue
            with open(os.path.join(d, f), encoding="utf-8") as fh:
                t = fh.read()
            if t.startswith("---\n"):
                fm, _, t = t[4:].partition("\n---\n")
                # of the front matter, only the title and summary are text
                t = " ".join(re.findall(r"^(?:title|summary): *(.*)$", fm, flags=re.M)) + "\n" + t
            t = re.sub(r"```.*?```", " ", t, flags=re.S)
            t = re.sub(r"\]\([^)]*\)|\[@[^\]]*\]", " ", t)
            for w in word.findall(t.lower()):
                counts[w] = counts.get(w, 0) + 1
    stops = stop_words() | set(extra_stops)
    ranked = sorted(((c, w) for w, c in counts.items() if w not in stops and "'" not in w),
                    key=lambda x: (-x[0], x[1]))
    return [w for _, w in ranked[:n]]


def generate(n, out, seed):
    run([sys.executable, os.path.join(BENCH, "gen_handbook.py"), "--pages", str(n), "--out", out,
         "--seed", str(seed)])


def set_search(book_dir, on):
    """Sets `search:` in book.yaml (adds the key when missing)."""
    p = os.path.join(book_dir, "book.yaml")
    with open(p, encoding="utf-8") as f:
        text = f.read()
    line = f"search: {'true' if on else 'false'}"
    if re.search(r"^search:.*$", text, flags=re.M):
        text = re.sub(r"^search:.*$", line, text, flags=re.M)
    else:
        text = text.rstrip("\n") + "\n" + line + "\n"
    with open(p, "w", encoding="utf-8") as f:
        f.write(text)


# ---------------------------------------------------------------- measuring

def handbook_index(out):
    """(bytes, gzip bytes, files) of OUT/search/ and OUT/theme/search.js, or None."""
    s = os.path.join(out, "search")
    if not os.path.isdir(s):
        return None
    b, g, n = dir_size(s)
    js = os.path.join(out, "theme", "search.js")
    if os.path.exists(js):
        b2, g2, n2 = dir_size(js)
        b, g, n = b + b2, g + g2, n + n2
    return b, g, n


def build_handbook(a, root, out, out0, repeat):
    """Builds with search on (into out) and off (into out0), alternately, repeat times each.
    Wall times are the fastest of the runs (other work on the machine only ever adds to
    them); CPU times (user + system of the build) are medians. The index build cost is the
    difference, with search less without."""
    on, off = [], []
    for _ in range(repeat):
        for flag, dest, acc in ((False, out0, off), (True, out, on)):
            set_search(root, flag)
            wall, cpu, _ = run([a.handbook_bin, "build", "--root", root, "--out", dest, "--quiet"])
            acc.append((wall, cpu))
    set_search(root, True)
    r = {"build_nosearch_s": min(t[0] for t in off), "build_nosearch_cpu_s": median([t[1] for t in off]),
         "build_search_s": min(t[0] for t in on), "build_search_cpu_s": median([t[1] for t in on]),
         "builds": {"search": on, "nosearch": off}}
    r["index_build_s"] = r["build_search_s"] - r["build_nosearch_s"]
    r["index_build_cpu_s"] = r["build_search_cpu_s"] - r["build_nosearch_cpu_s"]
    return r


def timed(cmd, repeat, **kw):
    """Runs cmd repeat times: (fastest wall time, median CPU time, the last run)."""
    runs = [run(cmd, **kw) for _ in range(repeat)]
    return min(x[0] for x in runs), median([x[1] for x in runs]), runs[-1][2]


def pagefind_cmd():
    """`npx pagefind`, but the platform binary itself when it is there, so that node's start-up
    is not counted as indexing."""
    exe = os.path.join(HERE, "node_modules", "@pagefind", "linux-x64", "bin", "pagefind_extended")
    return [exe] if os.access(exe, os.X_OK) else ["npx", "--no-install", "pagefind"]


def prepare_site(out, site, repeat=1):
    """A copy of the built site (without print/) with Pagefind's and elasticlunr's indexes beside the handbook's;
    each tool's index build timed as the handbook's (fastest wall time of repeat runs)."""
    if os.path.exists(site):
        shutil.rmtree(site)
    # The print editions repeat every page on one page; the handbook's search leaves them out,
    # and so do the compared indexes.
    shutil.copytree(out, site, ignore=lambda d, names: ["print"] if os.path.samefile(d, out) and "print" in names else [])
    for f in os.listdir(os.path.join(HERE, "pages")):
        shutil.copy(os.path.join(HERE, "pages", f), site)
    r = {}
    wall, cpu, _ = timed(pagefind_cmd() + ["--site", site, "--silent"], repeat, cwd=HERE)
    b, g, n = dir_size(os.path.join(site, "pagefind"))
    r["pagefind"] = {"build_s": wall, "cpu_s": cpu, "bytes": b, "gzip": g, "files": n}
    wall, cpu, p = timed(["node", "--max-old-space-size=12288", os.path.join(HERE, "elasticlunr_index.mjs"), site,
                          os.path.join(site, "elasticlunr")], repeat, cwd=HERE)
    info = json.loads(p.stdout)
    b, g, n = dir_size(os.path.join(site, "elasticlunr"))
    r["elasticlunr"] = {"build_s": wall, "cpu_s": cpu, "bytes": b, "gzip": g, "files": n,
                        "documents": info["documents"]}
    return r


def first_search(tools, base, queries, work, typing_delay, few=None):
    """few: tools measured on the first 3 queries only (elasticlunr on large sizes: it loads
    the same files, the whole index, for every query)."""
    r = {}
    for tool in tools:
        qq = queries[:3] if few and tool in few else queries
        log(f"  first search, {tool}: {len(qq)} queries")
        res = browser({"mode": "first-search", "tool": tool, "base": base, "queries": qq,
                       "typeDelay": typing_delay}, work)
        qs = res["queries"]
        ok = [q for q in qs if "failed" not in q]
        r[tool] = {"median": median([q["bytes"] for q in ok]), "max": max((q["bytes"] for q in ok), default=None),
                   "requests": median([q["requests"] for q in ok]),
                   "no_results": [q["q"] for q in ok if not q["shown"]],
                   "failed": {q["q"]: q["failed"] for q in qs if "failed" in q},
                   "errors": sorted({e for q in qs for e in q["errors"]}), "queries": qs}
        r["chromium"] = res.get("chromium")
    return r


def note_problems(notes, label, measured):
    """Adds to the notes every failed query, query without results and page error."""
    for tool, x in measured.items():
        if not isinstance(x, dict):
            continue
        for q, err in x.get("failed", {}).items():
            notes.append(f"{label}, {tool}: query “{q}” failed: {err}")
        if x.get("no_results"):
            notes.append(f"{label}, {tool}: no results for " + ", ".join(f"“{q}”" for q in x["no_results"]))
        for e in x.get("errors", []):
            notes.append(f"{label}, {tool}: page error: {e}")


def timing(tools, base, queries, work, few=None):
    """few: tools whose first query with nothing loaded before it is timed on the first 3
    queries only (elasticlunr: it loads the whole index every time)."""
    r = {}
    for tool in tools:
        log(f"  query time, {tool}: {len(queries)} queries")
        job = {"mode": "timing", "tool": tool, "base": base, "queries": queries, "warmRuns": 3}
        if few and tool in few:
            job["aloneQueries"] = 3
        qs = browser(job, work)["queries"]
        ok = [q for q in qs if "failed" not in q]
        alone = [q["withClientMs"] for q in ok if "withClientMs" in q]
        r[tool] = {"cold_ms": median([q["coldMs"] for q in ok]), "warm_ms": median([q["warmMs"] for q in ok]),
                   "cold_max_ms": max((q["coldMs"] for q in ok), default=None),
                   "prepare_ms": median([q["prepareMs"] for q in ok]),
                   "prepare_max_ms": max((q["prepareMs"] for q in ok), default=None),
                   "with_client_ms": median(alone), "with_client_max_ms": max(alone, default=None),
                   "failed": {q["q"]: q["failed"] for q in qs if "failed" in q}, "queries": qs}
    return r


def expected_url(expect):
    """content-relative path#anchor -> the page's URL path and its anchor."""
    path, _, anchor = expect.partition("#")
    d, f = os.path.split(path)
    stem = f[:-3] if f.endswith(".md") else f
    stem = re.sub(r"^\d+-(?=.)", "", stem)
    if stem in ("index", "_section"):
        url = "/" + (d + "/" if d else "")
    else:
        url = "/" + (d + "/" if d else "") + stem + "/"
    return url, anchor


def quality(tools, base, cases, work):
    r = {}
    for tool in tools:
        log(f"  quality, {tool}: {len(cases)} queries")
        qs = browser({"mode": "quality", "tool": tool, "base": base,
                      "queries": [c["query"] for c in cases]}, work)["queries"]
        rows = []
        for c, q in zip(cases, qs):
            url, anchor = expected_url(c["expect"])
            got = q.get("results", [])
            res = [(x.split("#")[0], x.split("#")[1] if "#" in x else "") for x in got]
            top = res[0] if res else None
            rows.append({"query": c["query"], "kind": c.get("kind"), "expect": c["expect"],
                         "top": got[0] if got else None, "failed": q.get("failed"),
                         "page_first": bool(top and top[0] == url),
                         "exact_first": bool(top and top == (url, anchor)),
                         "page_top5": any(p == url for p, _ in res[:5])})
        r[tool] = {"page_first": sum(x["page_first"] for x in rows),
                   "exact_first": sum(x["exact_first"] for x in rows),
                   "page_top5": sum(x["page_top5"] for x in rows), "rows": rows}
    return r


# ---------------------------------------------------------------- versions

def versions(a):
    v = {}
    v["nproc"] = os.cpu_count()
    model = platform.processor()
    with contextlib.suppress(OSError):
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    v["cpu"] = model
    with contextlib.suppress(OSError):
        with open("/proc/meminfo") as f:
            v["memory"] = f"{int(f.readline().split()[1]) // 1024 // 1024} GiB"
    bin_dir = os.path.dirname(os.path.realpath(a.handbook_bin))
    repo = bin_dir
    while repo != "/" and not os.path.exists(os.path.join(repo, ".git")):
        repo = os.path.dirname(repo)
    try:
        rev = subprocess.run(["git", "-C", repo, "rev-parse", "--short=12", "HEAD"], capture_output=True,
                             text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", repo, "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True).stdout.strip()
        v["handbook_rev"] = rev + (" (with uncommitted changes)" if dirty else "")
    except (subprocess.CalledProcessError, OSError):
        v["handbook_rev"] = "unknown"
    import hashlib
    with open(a.handbook_bin, "rb") as f:
        v["handbook_sha256"] = hashlib.sha256(f.read()).hexdigest()
    v["handbook"] = subprocess.run([a.handbook_bin, "--version"], capture_output=True, text=True).stdout.strip()
    v["handbook_bin"] = f"{a.handbook_bin} (built {time.strftime('%Y-%m-%d %H:%M', time.localtime(os.path.getmtime(a.handbook_bin)))})"
    v["bench_rev"] = subprocess.run(["git", "-C", REPO, "rev-parse", "--short=12", "HEAD"],
                                    capture_output=True, text=True).stdout.strip()
    v["chromium"] = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True,
                                   text=True).stdout.strip().splitlines()[-1:] or ["?"]
    v["chromium"] = v["chromium"][0]
    v["node"] = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    v["pagefind"] = subprocess.run(["npx", "--no-install", "pagefind", "--version"], cwd=HERE,
                                   capture_output=True, text=True).stdout.strip()
    for m in ("elasticlunr", "playwright-core"):
        with open(os.path.join(HERE, "node_modules", m, "package.json")) as f:
            v[m] = json.load(f)["version"]
    import wordfreq
    v["wordfreq"] = getattr(wordfreq, "__version__", None) or subprocess.run(
        [sys.executable, "-m", "pip", "show", "wordfreq"], capture_output=True, text=True
    ).stdout.split("Version:")[1].split()[0]
    v["python"] = platform.python_version()
    return v


# ---------------------------------------------------------------- the run

def main():
    ap = argparse.ArgumentParser(description="Search benchmark: handbook vs Pagefind vs elasticlunr")
    ap.add_argument("--sizes", default="100,1000,10000", help="generated handbook sizes (pages)")
    ap.add_argument("--handbook-bin", default=os.environ.get("HANDBOOK_BIN",
                    os.path.join(REPO, "target", "release", "handbook")))
    ap.add_argument("--bundled", default=REPO, help="the bundled handbook's folder (with book.yaml)")
    ap.add_argument("--queries", help="query file (default: BUNDLED/tests/search-queries.yaml)")
    ap.add_argument("--work", default=os.path.join(HERE, "work"), help="scratch folder")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=3, help="builds timed per size under 10,000 pages (median)")
    ap.add_argument("--repeat-large", type=int, default=2, help="builds timed per size of 10,000 pages or more")
    ap.add_argument("--timing-size", type=int, help="size to time queries on (default: the largest)")
    ap.add_argument("--typing-delay", type=int, default=100, help="ms between key presses")
    ap.add_argument("--skip-bundled", action="store_true")
    ap.add_argument("--bundled-rev", help="take the bundled handbook from this git revision of --bundled")
    ap.add_argument("--reuse", action="store_true",
                    help="keep the sizes already in work/results.json when measured with the same binary")
    ap.add_argument("--report", default=os.path.join(HERE, "RESULTS.md"))
    a = ap.parse_args()
    ensure_venv()
    ensure_node_modules()

    a.handbook_bin = os.path.abspath(a.handbook_bin)
    if not os.path.exists(a.handbook_bin):
        sys.exit(f"no handbook binary at {a.handbook_bin}: build it with `cargo build --release` "
                 "or pass --handbook-bin")
    sizes = [int(s) for s in a.sizes.split(",") if s]
    timing_size = a.timing_size or max(sizes, default=None)
    os.makedirs(a.work, exist_ok=True)
    results = {"versions": versions(a), "sizes": {}, "argv": sys.argv[1:], "seed": a.seed,
               "typing_delay": a.typing_delay}
    # A copy of the binary, so that a rebuild during the run does not mix two versions.
    snap = os.path.join(a.work, "handbook")
    shutil.copy2(a.handbook_bin, snap)
    a.handbook_bin = snap
    results["versions"]["chromium_driven"] = None
    notes = results["notes"] = []
    saved = os.path.join(a.work, "results.json")
    previous = {}
    if a.reuse and os.path.exists(saved):
        with open(saved) as f:
            old = json.load(f)
        same = all(old.get(k) == results.get(k) for k in ("seed", "typing_delay")) and \
            old["versions"].get("handbook_sha256") == results["versions"]["handbook_sha256"]
        if same:
            previous = old
        else:
            log("--reuse: the saved results are of another binary, seed or typing delay; measuring anew")

    def save():
        with open(saved, "w") as f:
            json.dump(results, f, indent=1, default=str)
        with open(a.report, "w", encoding="utf-8") as f:
            f.write(report(results, a))

    for n in sizes:
        if str(n) in previous.get("sizes", {}):
            log(f"== {n} pages: reusing the saved figures")
            results["sizes"][n] = previous["sizes"][str(n)]
            notes.extend(x for x in previous.get("notes", []) if x.startswith(f"{n} pages"))
            results["versions"]["chromium_driven"] = previous["versions"].get("chromium_driven")
            continue
        log(f"== {n} pages")
        w = os.path.join(a.work, str(n))
        os.makedirs(w, exist_ok=True)
        src, out, out0 = (os.path.join(w, x) for x in ("book", "out", "out-nosearch"))
        t0 = time.perf_counter()
        generate(n, src, a.seed)
        r = {"generate_s": time.perf_counter() - t0}
        rep = a.repeat if n < 10000 else a.repeat_large
        r["loadavg_before"] = loadavg()
        log(f"  handbook build without and with search ({rep}x)")
        r.update(build_handbook(a, src, out, out0, rep))
        idx = handbook_index(out)
        r["handbook_has_search"] = idx is not None
        if idx:
            r["index_bytes"], r["index_gzip"], r["index_files"] = idx
        else:
            notes.append(f"{n} pages: the handbook build wrote no search/ folder; its search was not measured.")
        for label, wall, cpu in (("without search", r["build_nosearch_s"], r["build_nosearch_cpu_s"]),
                                 ("with search", r["build_search_s"], r["build_search_cpu_s"])):
            if wall > 1.3 * cpu:
                notes.append(f"{n} pages: the fastest build {label} took {wall:.1f} s of wall time for "
                             f"{cpu:.1f} s of CPU time: the machine was busy, so its wall time is too high.")
        r["html_bytes"] = dir_size(out0)[0]
        log("  Pagefind and elasticlunr indexes")
        site = os.path.join(w, "site")
        r.update(prepare_site(out, site, rep))
        words = frequent_words(os.path.join(src, "content"), extra_stops=handbook_stop_words(out))
        r["queries"] = words
        tools = (["handbook"] if idx else []) + ["pagefind", "elasticlunr"]
        with serve(site) as base:
            fs = first_search(tools, base, words, w, a.typing_delay,
                              few=("elasticlunr",) if n >= 10000 else None)
            results["versions"]["chromium_driven"] = fs.pop("chromium", None)
            r["first_search"] = fs
            note_problems(notes, f"{n} pages, first search", fs)
            if n == timing_size:
                r["timing"] = timing(tools, base, words, w, few=("elasticlunr",) if n >= 10000 else None)
                note_problems(notes, f"{n} pages, query time", r["timing"])
        r["loadavg_after"] = loadavg()
        results["sizes"][n] = r
        shutil.rmtree(out0)
        save()

    if not a.skip_bundled:
        log("== the bundled handbook")
        try:
            results["bundled"] = bundled(a, notes, results)
        except Exception as e:  # reported, and the figures measured so far are kept
            notes.append(f"The bundled handbook was not measured: {str(e).strip().splitlines()[0]}")
            log(f"  failed: {e}")

    save()
    with open(a.report, encoding="utf-8") as f:
        print(f.read())
    log(f"wrote {a.report} and {saved}")


def bundled(a, notes, results):
    import yaml
    w = os.path.join(a.work, "bundled")
    os.makedirs(w, exist_ok=True)
    out, site, copy = (os.path.join(w, x) for x in ("out", "site", "src"))
    root = a.bundled
    if a.bundled_rev:
        # The handbook as it was at a revision (for a binary older than the working tree).
        if os.path.exists(copy):
            shutil.rmtree(copy)
        os.makedirs(copy)
        archive = subprocess.run(["git", "-C", a.bundled, "archive", a.bundled_rev], capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", copy], input=archive.stdout, check=True)
        root = copy
        full = subprocess.run(["git", "-C", a.bundled, "rev-parse", "--short=12", a.bundled_rev],
                              capture_output=True, text=True).stdout.strip()
        notes.append(f"The bundled handbook was taken from {a.bundled} at revision {full}.")
    qfile = a.queries or os.path.join(root, "tests", "search-queries.yaml")
    with open(qfile, encoding="utf-8") as f:
        cases = yaml.safe_load(f)
    wall, cpu, _ = run([a.handbook_bin, "build", "--root", root, "--out", out, "--quiet"])
    b = {"build_s": wall, "queries_file": os.path.relpath(qfile, root), "cases": len(cases)}
    if handbook_index(out) is None:
        # book.yaml does not turn search on: build a copy that does.
        if root != copy:
            if os.path.exists(copy):
                shutil.rmtree(copy)
            shutil.copytree(root, copy, ignore=shutil.ignore_patterns(
                "target", ".git", "public", ".public.*", "node_modules", ".venv", "work"))
        set_search(copy, True)
        run([a.handbook_bin, "build", "--root", copy, "--out", out, "--quiet"])
        notes.append("The bundled book.yaml does not turn search on: the bundled handbook was "
                     "built from a copy with `search: true` added.")
    idx = handbook_index(out)
    b["handbook_has_search"] = idx is not None
    if idx:
        b["index_bytes"], b["index_gzip"], b["index_files"] = idx
    b.update(prepare_site(out, site))
    tools = (["handbook"] if idx else []) + ["pagefind", "elasticlunr"]
    qs = [c["query"] for c in cases]
    with serve(site) as base:
        fs = first_search(tools, base, qs, w, a.typing_delay)
        results["versions"]["chromium_driven"] = fs.pop("chromium", None) or results["versions"]["chromium_driven"]
        b["first_search"] = fs
        note_problems(notes, "bundled handbook, first search", fs)
        b["quality"] = quality(tools, base, cases, w)
    return b


# ---------------------------------------------------------------- the report

def report(res, a):
    v = res["versions"]
    L = ["# Search benchmark results", ""]
    L.append("Written by `bench/search/run.py`; `bench/search/README.md` says what each figure means.")
    L.append("")
    L.append("## Machine and versions")
    L.append("")
    L.append(f"- machine: {v['nproc']} cores (`nproc`), {v['cpu']}, {v.get('memory', '?')} memory; "
             "load average (1, 5, 15 min) before and after each size: " + "; ".join(
                 f"{n} pages: {r['loadavg_before']} → {r['loadavg_after']}" for n, r in res["sizes"].items()))
    L.append(f"- handbook: {v['handbook']}, binary {v['handbook_bin']}, sha256 {v['handbook_sha256'][:12]}; "
             f"its repository's HEAD at the start of the run: {v['handbook_rev']}")
    L.append(f"- benchmark: rev {v['bench_rev']}; wordfreq {v['wordfreq']}, Python {v['python']}")
    L.append(f"- browser: {v['chromium']} (driven: {v.get('chromium_driven')}), playwright-core {v['playwright-core']}")
    L.append(f"- compared: Pagefind {v['pagefind'].replace('pagefind ', '')}, elasticlunr {v['elasticlunr']}, node {v['node']}")
    L.append("")
    L.append("Command:")
    L.append("")
    L.append("```sh")
    L.append("bench/search/run.py " + shlex.join(res["argv"]))
    L.append("```")
    L.append("")
    sizes = res["sizes"]
    tools = ["handbook", "pagefind", "elasticlunr"]
    names = {"handbook": "handbook", "pagefind": "Pagefind", "elasticlunr": "elasticlunr (mdBook-style)"}
    if sizes:
        L.append("## Generated handbooks")
        L.append("")
        L.append("Index build: wall time (the fastest of the runs) and CPU time (user + system, median) "
                 "of the compared tool's own run over the built HTML; for handbook, the build with "
                 "search on less the build with search off (both builds' wall times in brackets). "
                 "First search: bytes received (headers and bodies) from focusing the search box to "
                 "the results of the full query, median and maximum over the queries, and the "
                 "median number of requests.")
        L.append("")
        L.append("| pages | tool | index build | index size | gzip | files | first search: median | max | requests |")
        L.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|")
        for n, r in sizes.items():
            for t in tools:
                fs = r["first_search"].get(t)
                if t == "handbook":
                    if not r["handbook_has_search"]:
                        L.append(f"| {n} | handbook | – | no search/ | – | – | – | – | – |")
                        continue
                    build = (f"{fmt_s(r['index_build_s'])} ({fmt_s(r['build_nosearch_s'])} → {fmt_s(r['build_search_s'])}); "
                             f"CPU {fmt_s(r['index_build_cpu_s'])}")
                    size, gz, files = r["index_bytes"], r["index_gzip"], r["index_files"]
                else:
                    build = f"{fmt_s(r[t]['build_s'])}; CPU {fmt_s(r[t]['cpu_s'])}"
                    size, gz, files = r[t]["bytes"], r[t]["gzip"], r[t]["files"]
                L.append(f"| {n} | {names[t]} | {build} | {fmt_bytes(size)} | {fmt_bytes(gz)} | {files} | "
                         f"{fmt_bytes(fs and fs['median'])} | {fmt_bytes(fs and fs['max'])} | {fs and fs['requests']} |")
        L.append("")
        timed = [(n, r) for n, r in sizes.items() if "timing" in r]
        for n, r in timed:
            L.append(f"### Query time in Chromium, {n} pages")
            L.append("")
            L.append("In a freshly opened home page. On focus: what loads before the query is known (for "
                     "handbook, focusing the box loads the search client and `search/meta.js`; Pagefind: "
                     "its script and `init()`, which loads its WebAssembly and metadata; elasticlunr: "
                     "the library and the whole index). First query (cold): the query after that, "
                     "loading the index files it needs. Nothing loaded before: the first query in "
                     "another fresh page, loading the client (and meta.js) too, as this benchmark "
                     "timed the cold query before it timed the focus apart. Warm: the same query "
                     "again (median of 3). Medians over the queries, and maxima.")
            L.append("")
            L.append("| tool | on focus: median | max | first query (cold): median | max | "
                     "nothing loaded before: median | max | later queries (warm): median |")
            L.append("|---|---:|---:|---:|---:|---:|---:|---:|")
            for t in tools:
                if t in r["timing"]:
                    x = r["timing"][t]
                    L.append(f"| {names[t]} | {fmt_ms(x.get('prepare_ms'))} | {fmt_ms(x.get('prepare_max_ms'))} | "
                             f"{fmt_ms(x['cold_ms'])} | {fmt_ms(x['cold_max_ms'])} | "
                             f"{fmt_ms(x.get('with_client_ms'))} | {fmt_ms(x.get('with_client_max_ms'))} | "
                             f"{fmt_ms(x['warm_ms'])} |")
            L.append("")
        L.append("Queries (the 20 most frequent words of each generated handbook, stop words left out):")
        L.append("")
        for n, r in sizes.items():
            L.append(f"- {n} pages: {', '.join(r['queries'])}")
        L.append("")
        L.append("Full handbook builds (fastest wall time; median CPU time in brackets): " + "; ".join(
            f"{n} pages: {fmt_s(r['build_nosearch_s'])} ({fmt_s(r['build_nosearch_cpu_s'])}) without search, "
            f"{fmt_s(r['build_search_s'])} ({fmt_s(r['build_search_cpu_s'])}) with" for n, r in sizes.items()) + ".")
        L.append("")
    b = res.get("bundled")
    if b:
        L.append("## The bundled handbook")
        L.append("")
        L.append(f"{b['cases']} queries from `{b['queries_file']}`; the "
                 "expected page is the file named, the expected anchor the heading named (none: the top of the page).")
        L.append("")
        L.append("| tool | index size | gzip | files | first search: median | max | expected page first | page and anchor first | expected page in top 5 |")
        L.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for t in tools:
            q = b["quality"].get(t)
            fs = b["first_search"].get(t)
            if t == "handbook":
                if not b["handbook_has_search"]:
                    L.append("| handbook | no search/ | – | – | – | – | – | – | – |")
                    continue
                size, gz, files = b["index_bytes"], b["index_gzip"], b["index_files"]
            else:
                size, gz, files = b[t]["bytes"], b[t]["gzip"], b[t]["files"]
            k = b["cases"]
            L.append(f"| {names[t]} | {fmt_bytes(size)} | {fmt_bytes(gz)} | {files} | {fmt_bytes(fs['median'])} | "
                     f"{fmt_bytes(fs['max'])} | {q['page_first']}/{k} | {q['exact_first']}/{k} | {q['page_top5']}/{k} |")
        L.append("")
        L.append("Top result per query:")
        L.append("")
        present = [t for t in tools if t in b["quality"]]
        L.append("| query | kind | expected | " + " | ".join(names[t] for t in present) + " |")
        L.append("|---|---|---|" + "---|" * len(present))
        rows = list(zip(*(b["quality"][t]["rows"] for t in present)))
        for row in rows:
            cells = []
            for x in row:
                mark = "✓" if x["exact_first"] else ("page" if x["page_first"] else "✗")
                cells.append(f"{mark} `{x['top'] or '(none)'}`")
            L.append(f"| {row[0]['query']} | {row[0]['kind']} | `{row[0]['expect']}` | " + " | ".join(cells) + " |")
        L.append("")
    if res["notes"]:
        L.append("## Notes")
        L.append("")
        L.extend(f"- {n}" for n in res["notes"])
        L.append("")
    return "\n".join(L)


if __name__ == "__main__":
    main()
