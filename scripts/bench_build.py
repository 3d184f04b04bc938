#!/usr/bin/env python3
"""Full-build time and peak memory of `handbook build` beside `hugo` (and zola or mdbook when
installed), on the same generated corpus, in the same run.

Usage: scripts/bench_build.py [--sizes 1000] [--runs 3] [--corpus-script PATH]
Each tool gets one warm-up run, then --runs counted runs; medians of wall and CPU time and the
largest peak RSS are reported, with ratios against Hugo.
"""
import argparse, json, os, shutil, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
DEFAULT_CORPUS = os.path.join(REPO, "..", "shared", "bench", "gen_corpus.py")


def measure(cmd, cwd):
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    if status != 0:
        raise RuntimeError(f"{cmd} failed: {err}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def tools(root, binary):
    out = {"handbook": ([binary, "build", "--root", os.path.join(root, "handbook"), "--out", os.path.join(root, "out-handbook")], root)}
    if shutil.which("hugo"):
        out["hugo"] = (["hugo", "--source", os.path.join(root, "hugo"), "--destination", os.path.join(root, "out-hugo"), "--quiet"], root)
    if shutil.which("zola"):
        out["zola"] = (["zola", "build", "--force", "--output-dir", os.path.join(root, "out-zola")], os.path.join(root, "zola"))
    if shutil.which("mdbook"):
        out["mdbook"] = (["mdbook", "build", "--dest-dir", os.path.join(root, "out-mdbook")], os.path.join(root, "mdbook"))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--corpus-script", default=DEFAULT_CORPUS)
    ap.add_argument("--binary", default=os.path.join(REPO, "target", "release", "handbook"))
    ap.add_argument("--json", default=os.path.join(REPO, "target", "bench-build.json"))
    a = ap.parse_args()
    results = {}
    for size in [int(s) for s in a.sizes.split(",")]:
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([sys.executable, a.corpus_script, "--pages", str(size), "--out", tmp], check=True, stdout=subprocess.DEVNULL)
            row = {}
            for name, (cmd, cwd) in tools(tmp, a.binary).items():
                measure(cmd, cwd)
                runs = [measure(cmd, cwd) for _ in range(a.runs)]
                row[name] = {"wall_s": round(statistics.median(r[0] for r in runs), 3),
                             "cpu_s": round(statistics.median(r[1] for r in runs), 3),
                             "peak_rss_mb": round(max(r[2] for r in runs), 1)}
            hugo = row.get("hugo", {}).get("wall_s")
            for name, r in row.items():
                ratio = f"{r['wall_s'] / hugo:.2f}x Hugo" if hugo else ""
                print(f"{size:>6} pages  {name:<9} wall {r['wall_s']:7.3f} s  cpu {r['cpu_s']:7.3f} s  peak {r['peak_rss_mb']:7.1f} MB  {ratio}")
            results[size] = row
    os.makedirs(os.path.dirname(a.json), exist_ok=True)
    with open(a.json, "w") as f:
        json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()
