"""What the build and serve benchmarks share: the Python environment the page generator
needs (bench/.venv, with wordfreq and PyYAML), and the generated corpora, each written once
as a handbook and as a Hugo site (bench/gen_handbook.py)."""
import os
import shutil
import subprocess
import sys

BENCH = os.path.dirname(os.path.abspath(__file__))
VENV = os.path.join(BENCH, ".venv")
VENV_PY = os.path.join(VENV, "bin", "python")


def ensure_venv(script):
    """Re-runs `script` (a path) inside bench/.venv, made and filled first when needed."""
    if os.path.realpath(sys.prefix) == os.path.realpath(VENV):
        return
    if not os.path.exists(VENV_PY):
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
    probe = subprocess.run([VENV_PY, "-c", "import wordfreq, yaml"], capture_output=True)
    if probe.returncode != 0:
        subprocess.run([VENV_PY, "-m", "pip", "install", "-q", "wordfreq", "PyYAML"], check=True)
    os.execv(VENV_PY, [VENV_PY, os.path.abspath(script), *sys.argv[1:]])


def generate(out, pages, one_section=False, log=print):
    """The corpus in `out` (`handbook/` and `hugo/`), generated unless it is complete."""
    stamp = os.path.join(out, ".generated")
    if os.path.exists(stamp):
        return out
    shutil.rmtree(out, ignore_errors=True)
    log(f"generating {os.path.basename(out)}")
    cmd = [sys.executable, os.path.join(BENCH, "gen_handbook.py"), "--pages", str(pages),
           "--out", os.path.join(out, "handbook"), "--hugo", os.path.join(out, "hugo")]
    if one_section:
        cmd.append("--one-section")
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    open(stamp, "w").close()
    return out


def version(cmd):
    """The last line a tool prints for `cmd` (its version), or "?"."""
    try:
        return subprocess.run(cmd, capture_output=True, text=True).stdout.strip().splitlines()[-1]
    except (OSError, IndexError):
        return "?"
