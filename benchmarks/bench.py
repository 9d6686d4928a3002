"""`make bench`: a whole `notice-extract run` on distinct documents, against bare jieba and the peer stack.

    python benchmarks/bench.py [--sizes 2,20] [--quick] [--repeat N] [--write docs/benchmark.md] [--json FILE]
    python benchmarks/bench.py --render FILE.json [--write docs/benchmark.md]   # tables from saved figures

For each size, a corpus of distinct notice-like documents is generated (benchmarks/corpus_gen.py: real
sentences reshuffled, every digit redrawn, fixed seed) and each of these runs in a fresh process, cold
(imports and model loading included, as a user's run pays them), one worker, timed wall-clock with the
peak RSS of its whole process tree:

- bare jieba: `python -c` that imports jieba and `jieba.lcut`s every file;
- the peer stack: `.venv-peer/bin/python benchmarks/peer_stack.py FILES` (OpenCC + cn2an + JioNLP +
  Recognizers-Text; `make bench` builds .venv-peer from benchmarks/peer-requirements.txt);
- `notice-extract run DIR -o TMP -q` with its default outputs (JSONL, CSV, tables, report), and
  `notice-extract run --no-tables` (the extraction part alone);
- a profiling child that replays the run stage by stage (imports and models, read/decode, clean, segment,
  each pipeline component, building the records, writing JSONL and CSV, tables, report) for the shares.

Peak RSS of a tree: the larger of (a) the highest sum of the RSS of the process and all its descendants,
sampled every 10 ms (the list of descendants refreshed every 100 ms), and (b) ru_maxrss from wait4(), the
exact peak of the largest single process of the tree. MB is 10**6 bytes, for input and for memory.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks"
PEER_DIR = ROOT / ".venv-peer"
SEED = 7
DEFAULT_SIZES = (2.0, 20.0)
QUICK_SIZES = (0.05, 0.2)
MARK_START, MARK_END = "<!-- bench:start -->", "<!-- bench:end -->"

# Issue 15's targets.
MAX_RUN_VS_JIEBA = 1.5      # the whole run takes at most 1.5x bare jieba's time on the same files
MIN_PEER_VS_RUN = 3.0       # at least 3x faster than the peer stack
MAX_PEAK_RSS_MB = 250.0     # peak RSS of the run's process tree
MAX_RSS_GROWTH = 0.10       # "flat": the largest size's peak within 10% of the smallest size's

REST = "interpreter start and exit, rest"
# Measured processes may write bytecode, as on a user's machine (the priming pass writes it once).
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
BUSY_CORES = 0.25          # other processes using this many cores on average during a measurement: a warning
TOOLS = ("jieba", "peer", "run", "run_no_tables")
SAMPLE_S = 0.01             # RSS sampling period
CHILDREN_EVERY = 10         # refresh the list of descendants every this many samples

JIEBA_CODE = """\
import os, sys
import jieba
folder = sys.argv[1]
for name in sorted(os.listdir(folder)):
    if name.endswith(".txt"):
        with open(os.path.join(folder, name), encoding="utf-8") as fh:
            jieba.lcut(fh.read())
"""


# ---------------------------------------------------------------------------------------------- corpora

def corpus_key(megabytes: float, seed: int) -> str:
    """Cache key of a generated corpus: size, seed, and a hash of the generator and the sentences it draws from."""
    h = hashlib.sha256((BENCH / "corpus_gen.py").read_bytes())
    for path in sorted((ROOT / "corpora").rglob("*.txt")):
        h.update(path.relative_to(ROOT).as_posix().encode())
        h.update(path.read_bytes())
    return f"{megabytes:g}MB-seed{seed}-{h.hexdigest()[:12]}"


def corpus(megabytes: float, seed: int, cache: Path) -> Path:
    """A folder of distinct generated documents of about `megabytes`, generated once per key and reused."""
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))
    import corpus_gen

    folder = cache / corpus_key(megabytes, seed)
    done = folder / ".complete"
    if not done.exists():
        shutil.rmtree(folder, ignore_errors=True)
        corpus_gen.generate(folder, megabytes, seed)
        done.write_text("ok\n")
    return folder


def corpus_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.txt"))


def distinct_share(paths: Sequence[Path]) -> float:
    """Share of files whose bytes occur once in the set (1.0: no copies)."""
    digests = [hashlib.sha256(p.read_bytes()).digest() for p in paths]
    return len(set(digests)) / len(digests) if digests else 1.0


# ------------------------------------------------------------------------------------------ measurement

def measure(cmd: Sequence[str], log: Path, cwd: Path = ROOT, stdout: Path | None = None) -> dict[str, Any]:
    """Run `cmd` in a fresh process: wall seconds, CPU seconds and peak RSS of its process tree (see the module doc)."""
    try:
        import psutil
    except ImportError:  # pragma: no cover - psutil comes with dask.distributed
        psutil = None
    with log.open("wb") as err, (stdout.open("wb") if stdout else open(os.devnull, "wb")) as sink:
        start = time.perf_counter()
        proc = subprocess.Popen(list(cmd), stdout=sink, stderr=err, cwd=cwd, env=CHILD_ENV)
        peak = [0]
        stop = threading.Event()

        def sample() -> None:
            try:
                root = psutil.Process(proc.pid)
            except psutil.Error:
                return
            tree, n = [root], 0
            while not stop.is_set():
                if n % CHILDREN_EVERY == 0:
                    try:
                        tree = [root, *root.children(recursive=True)]
                    except psutil.Error:
                        return
                total = 0
                for p in tree:
                    try:
                        total += p.memory_info().rss
                    except psutil.Error:
                        pass
                peak[0] = max(peak[0], total)
                n += 1
                stop.wait(SAMPLE_S)

        before = (_busy_cpu(psutil), os.times())
        sampler = threading.Thread(target=sample, daemon=True) if psutil else None
        if sampler:
            sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        stop.set()
        if sampler:
            sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        after = (_busy_cpu(psutil), os.times())
    cpu = usage.ru_utime + usage.ru_stime
    own = (after[1].user + after[1].system) - (before[1].user + before[1].system)
    maxrss = usage.ru_maxrss * 1024 / 1e6  # KiB on Linux
    return {
        "wall_s": wall,
        "cpu_s": cpu,
        # CPU seconds the rest of the machine used meanwhile, per second: other work competing with the measurement
        "other_cores": max(0.0, after[0] - before[0] - cpu - own) / wall if after[0] is not None else None,
        "peak_rss_mb": max(maxrss, peak[0] / 1e6),
        "sampled_tree_rss_mb": peak[0] / 1e6,
        "largest_process_rss_mb": maxrss,
        "returncode": proc.returncode,
    }


def _busy_cpu(psutil: Any) -> float | None:
    """CPU seconds the whole machine has spent busy (all cores), or None without psutil."""
    if psutil is None:
        return None
    t = psutil.cpu_times()
    return sum(getattr(t, f, 0.0) for f in ("user", "nice", "system", "irq", "softirq", "steal"))


def tail(path: Path, lines: int = 5) -> str:
    text = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
    return "\n".join(text.strip().splitlines()[-lines:])


def peer_python() -> tuple[Path | None, str]:
    """The peer environment's interpreter, or None and why it is missing."""
    exe = PEER_DIR / "bin" / "python"
    if not exe.exists() or not (PEER_DIR / ".installed").exists():
        return None, f"{PEER_DIR.name} is not built (make bench builds it from benchmarks/peer-requirements.txt)"
    return exe, ""


def commands(folder: Path, out: Path, peer: Path | None) -> dict[str, list[str] | None]:
    exe = Path(sys.executable)
    cli = exe.parent / "notice-extract"
    run = [str(cli)] if cli.exists() else [str(exe), "-m", "extractor"]
    files = [str(p) for p in corpus_files(folder)]
    return {
        "jieba": [str(exe), "-c", JIEBA_CODE, str(folder)],
        "peer": [str(peer), str(BENCH / "peer_stack.py"), *files] if peer else None,
        "run": [*run, "run", str(folder), "-o", str(out / "run"), "-q"],
        "run_no_tables": [*run, "run", str(folder), "-o", str(out / "run_no_tables"), "-q", "--no-tables"],
    }


def prime(folder: Path, peer: Path | None, scratch: Path) -> None:
    """Once per bench: each tool on three files, so bytecode and jieba's dictionary cache exist (first use of a machine)."""
    tiny = scratch / "prime"
    tiny.mkdir(parents=True, exist_ok=True)
    for p in corpus_files(folder)[:3]:
        shutil.copy(p, tiny / p.name)
    for name, cmd in commands(tiny, scratch / "prime-out", peer).items():
        if cmd:
            measure(cmd, scratch / f"prime-{name}.log")


def measure_size(megabytes: float, seed: int, cache: Path, repeat: int, peer: Path | None, peer_note: str) -> dict[str, Any]:
    """Every measurement for one size (fresh processes); with repeat > 1, each tool's fastest run is kept."""
    folder = corpus(megabytes, seed, cache)
    files = corpus_files(folder)
    result: dict[str, Any] = {
        "megabytes": megabytes, "files": len(files), "bytes": sum(p.stat().st_size for p in files),
        "distinct": distinct_share(files), "corpus": str(folder), "notes": [], "skipped": [],
    }
    with tempfile.TemporaryDirectory(prefix="bench-out-") as tmp:
        scratch = Path(tmp)
        cmds = commands(folder, scratch, peer)
        if cmds["peer"] is None:
            result["notes"].append(f"peer stack skipped: {peer_note}")
        runs: dict[str, list[dict[str, Any]]] = {}
        for rep in range(repeat):
            for name, cmd in cmds.items():
                if cmd is None or name in result["skipped"]:
                    continue
                shutil.rmtree(scratch / name, ignore_errors=True)  # a run's output folder (see commands)
                print(f"bench: {megabytes:g} MB, {name} ({rep + 1}/{repeat}) ...", file=sys.stderr, flush=True)
                log = scratch / f"{name}.log"
                m = measure(cmd, log)
                if m["returncode"] != 0:
                    if name != "peer":
                        raise SystemExit(f"bench: {name} failed (exit {m['returncode']}):\n{tail(log, 20)}")
                    result["skipped"].append(name)
                    result["notes"].append(f"peer stack skipped: exit {m['returncode']}: {tail(log, 3)}")
                    continue
                runs.setdefault(name, []).append(m)
        for name in cmds:
            result[name] = fastest(runs[name]) if name in runs and name not in result["skipped"] else None
        result["run_outputs"] = sorted(p.name for p in (scratch / "run").iterdir())
        written = sum(1 for _ in (scratch / "run" / "notices.jsonl").open(encoding="utf-8"))
        if written != len(files):
            result["notes"].append(f"{_mb(result)}: the run wrote {written} notices for {len(files)} files")
        print(f"bench: {megabytes:g} MB, stage profile ...", file=sys.stderr, flush=True)
        prof_out = scratch / "profile"
        log = scratch / "profile.log"
        m = measure([sys.executable, __file__, "--profile-child", str(folder), str(prof_out)], log, stdout=scratch / "profile.json")
        if m["returncode"]:
            raise SystemExit(f"bench: stage profile failed:\n{tail(log, 20)}")
        stages = json.loads((scratch / "profile.json").read_text(encoding="utf-8").strip().splitlines()[-1])
        stages[REST] = max(0.0, m["wall_s"] - sum(stages.values()))
        result["stages"] = stages
        result["profile"] = m
        result["replay_matches_run"] = same_notices(scratch / "run" / "notices.jsonl", prof_out / "notices.jsonl")
        if not result["replay_matches_run"]:
            result["notes"].append("the stage replay's notices.jsonl differs from the run's: update profile_child")
    return result


def fastest(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The fastest of repeated runs, with the highest peak RSS of them all (memory is not luck)."""
    best = min(runs, key=lambda m: m["wall_s"])
    return {**best, "peak_rss_mb": max(m["peak_rss_mb"] for m in runs), "runs": len(runs)}


def same_notices(a: Path, b: Path) -> bool:
    return a.exists() and b.exists() and a.read_bytes() == b.read_bytes()


def profile_child(folder: Path, out: Path) -> dict[str, float]:
    """Wall seconds per stage of a run replayed by hand, in this fresh process (printed as JSON)."""
    t = time.perf_counter()
    stages: dict[str, float] = {}

    def add(key: str, dt: float) -> None:
        stages[key] += dt

    from extractor.batch import load_models
    from extractor.extractors.components import build_nlp
    from extractor.ingest.sources import iter_inputs, read_path
    from extractor.outputs import read_jsonl, write_obligations_csv
    from extractor.pipeline import build_notice, clean, segment

    load_models()
    nlp = build_nlp()
    stages.update(dict.fromkeys(["imports and models", "read/decode", "clean", "segment", *(f"extract: {n}" for n in nlp.pipe_names),
                                 "build records", "write JSONL, CSV", "tables", "report"], 0.0))
    add("imports and models", time.perf_counter() - t)
    out.mkdir(parents=True, exist_ok=True)
    jsonl = out / "notices.jsonl"
    with jsonl.open("w", encoding="utf-8") as sink:
        for path in iter_inputs([str(folder)]):
            t0 = time.perf_counter()
            raw = read_path(path)
            t1 = time.perf_counter()
            ct = clean(raw)
            t2 = time.perf_counter()
            doc = segment(raw, ct)
            t3 = time.perf_counter()
            add("read/decode", t1 - t0)
            add("clean", t2 - t1)
            add("segment", t3 - t2)
            for name, proc in nlp.pipeline:
                s = time.perf_counter()
                doc = proc(doc)
                add(f"extract: {name}", time.perf_counter() - s)
            t4 = time.perf_counter()
            line = json.dumps(build_notice(raw, ct, doc).to_dict(), ensure_ascii=False) + "\n"
            t5 = time.perf_counter()
            sink.write(line)
            sink.flush()
            add("build records", t5 - t4)
            add("write JSONL, CSV", time.perf_counter() - t5)
        t = time.perf_counter()
        os.fsync(sink.fileno())
    write_obligations_csv(out / "obligations.csv", read_jsonl(jsonl))
    add("write JSONL, CSV", time.perf_counter() - t)
    t = time.perf_counter()
    from extractor.exports import build_tables

    build_tables([jsonl], out)
    add("tables", time.perf_counter() - t)
    t = time.perf_counter()
    from extractor.report import write_report

    write_report([jsonl], out / "report.html")
    add("report", time.perf_counter() - t)
    return stages


# ------------------------------------------------------------------------------------ machine, targets

def machine(peer: Path | None) -> dict[str, str]:
    import jieba

    try:
        import psutil

        cores = f"{psutil.cpu_count(logical=True)} logical ({psutil.cpu_count(logical=False) or '?'} physical)"
        ram = f"{psutil.virtual_memory().total / 2**30:.1f} GiB"
    except ImportError:  # pragma: no cover
        cores, ram = str(os.cpu_count()), "?"
    cpu = platform.processor() or platform.machine()
    try:
        m = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.M)
        cpu = m.group(1).strip() if m else cpu
    except OSError:
        pass
    versions = [f"jieba {jieba.__version__}"]
    for mod in ("rjieba", "spacy"):
        try:
            from importlib.metadata import version

            versions.append(f"{mod} {version(mod)}")
        except Exception:  # noqa: BLE001 - only for the label
            pass
    info = {
        "CPU": cpu, "cores": cores, "RAM": ram, "OS": platform.platform(),
        "Python": f"{platform.python_version()} (peer stack: {_peer_version(peer)})", "libraries": ", ".join(versions),
        "load average at start": _load(),
        "code": _commit(), "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }
    return info


def _load() -> str:
    """1, 5 and 15-minute load averages: other work on the machine shows here (and inflates wall times)."""
    return " / ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"


def _peer_version(peer: Path | None) -> str:
    if peer is None:
        return "not built"
    proc = subprocess.run([str(peer), "-c", "import platform; print(platform.python_version())"], capture_output=True, text=True)
    return proc.stdout.strip() or "?"


def _commit() -> str:
    try:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True, cwd=ROOT).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"
    return f"{rev}{' (with uncommitted changes)' if dirty else ''}"


def targets(sizes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Issue 15's targets against the measured sizes: what, the figure, met (True/False, None when not measured)."""
    out = []
    ratios = [(s, s["run"]["wall_s"] / s["jieba"]["wall_s"], _cpu_ratio(s["run"], s["jieba"])) for s in sizes]
    worst = max(r for _, r, _ in ratios)
    out.append({"target": f"whole run ≤ {MAX_RUN_VS_JIEBA:g}× bare jieba's time",
                "measured": ", ".join(f"{_mb(s)}: {r:.2f}×{c}" for s, r, c in ratios), "met": worst <= MAX_RUN_VS_JIEBA})
    peers = [(s, s["peer"]["wall_s"] / s["run"]["wall_s"], _cpu_ratio(s["peer"], s["run"])) for s in sizes if s.get("peer")]
    if len(peers) == len(sizes):
        out.append({"target": f"run ≥ {MIN_PEER_VS_RUN:g}× faster than the peer stack",
                    "measured": ", ".join(f"{_mb(s)}: {r:.2f}×{c}" for s, r, c in peers),
                    "met": min(r for _, r, _ in peers) >= MIN_PEER_VS_RUN})
    else:
        out.append({"target": f"run ≥ {MIN_PEER_VS_RUN:g}× faster than the peer stack",
                    "measured": "not measured (peer stack missing for " + ", ".join(_mb(s) for s in sizes if not s.get("peer")) + ")",
                    "met": None})
    peaks = [(s, s["run"]["peak_rss_mb"]) for s in sizes]
    out.append({"target": f"peak RSS of the run < {MAX_PEAK_RSS_MB:g} MB",
                "measured": ", ".join(f"{_mb(s)}: {p:.0f} MB" for s, p in peaks),
                "met": max(p for _, p in peaks) < MAX_PEAK_RSS_MB})
    if len(sizes) >= 2:
        small, large = sizes[0], sizes[-1]
        growth = large["run"]["peak_rss_mb"] / small["run"]["peak_rss_mb"] - 1
        out.append({"target": f"peak RSS flat: {_mb(large)} within {MAX_RSS_GROWTH:.0%} of {_mb(small)}",
                    "measured": f"{small['run']['peak_rss_mb']:.0f} → {large['run']['peak_rss_mb']:.0f} MB ({growth:+.1%})",
                    "met": abs(growth) <= MAX_RSS_GROWTH})
    else:
        out.append({"target": "peak RSS flat", "measured": "needs two sizes", "met": None})
    return out


def _cpu_ratio(a: dict[str, Any], b: dict[str, Any]) -> str:
    """" (CPU 1.23×)": the same ratio on CPU seconds, which other work on the machine moves less than wall time."""
    return f" (CPU {a['cpu_s'] / b['cpu_s']:.2f}×)" if a.get("cpu_s") and b.get("cpu_s") else ""


def _mb(size: dict[str, Any]) -> str:
    mb = size["bytes"] / 1e6
    return f"{mb:.1f} MB" if mb >= 1 else f"{mb:.2f} MB"


# ------------------------------------------------------------------------------------------- rendering

def md_table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A Markdown table; cells are str()-ed and `|` in them escaped."""
    def cell(x: Any) -> str:
        return str(x).replace("|", "\\|")

    lines = ["| " + " | ".join(cell(h) for h in header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _s(m: dict[str, Any] | None) -> str:
    return f"{m['wall_s']:.2f}" if m else "—"


def _rss(m: dict[str, Any] | None) -> str:
    return f"{m['peak_rss_mb']:.0f}" if m else "—"


def _verdict(met: bool | None) -> str:
    return {True: "yes", False: "**no**", None: "not measured"}[met]


def render(results: dict[str, Any]) -> str:
    """Markdown: machine, times and ratios, memory, stage shares, targets."""
    sizes = results["sizes"]
    out = [md_table(["machine", ""], list(results["machine"].items())), ""]
    out.append("Wall seconds, cold, one worker, fresh process each (MB = 10⁶ bytes of input):")
    out.append("")
    rows = []
    for s in sizes:
        run, jb, peer, nt = s["run"], s["jieba"], s.get("peer"), s["run_no_tables"]
        rows.append([_mb(s), s["files"], _s(jb), _s(peer), _s(run), _s(nt),
                     f"{run['wall_s'] / jb['wall_s']:.2f}×", f"{nt['wall_s'] / jb['wall_s']:.2f}×",
                     f"{peer['wall_s'] / run['wall_s']:.2f}×" if peer else "—",
                     f"{s['files'] / run['wall_s']:.1f}", f"{s['bytes'] / 1e6 / run['wall_s']:.3f}"])
    out.append(md_table(["input", "docs", "bare jieba s", "peer stack s", "run s", "run --no-tables s", "run / jieba",
                         "no-tables / jieba", "peer / run", "run docs/s", "run MB/s"], rows))
    out += ["", "Peak RSS of each process tree, MB (CPU seconds of the tree in brackets):", ""]
    rows = [[_mb(s), *(f"{_rss(s.get(k))} ({s[k]['cpu_s']:.1f} s)" if s.get(k) else "—"
                       for k in TOOLS)] for s in sizes]
    out.append(md_table(["input", "bare jieba", "peer stack", "run", "run --no-tables"], rows))
    names = list(dict.fromkeys(k for s in sizes for k in s["stages"]))
    out += ["", "Stage shares (the run replayed stage by stage in its own fresh process; % of the sum):", ""]
    rows = []
    for name in names:
        row = [name]
        for s in sizes:
            total = sum(s["stages"].values())
            t = s["stages"].get(name, 0.0)
            row.append(f"{t:.2f} s ({t / total:.0%})")
        rows.append(row)
    rows.append(["sum: the replay's wall time", *(f"{sum(s['stages'].values()):.2f} s" for s in sizes)])
    rows.append(["the run measured above", *(f"{s['run']['wall_s']:.2f} s" for s in sizes)])
    out.append(md_table(["stage", *(_mb(s) for s in sizes)], rows))
    out += ["", md_table(["target (issue 15)", "measured", "met"],
                         [[t["target"], t["measured"], _verdict(t["met"])] for t in targets(sizes)])]
    notes = [n for s in sizes for n in s.get("notes", [])]
    notes += [f"{_mb(s)}: only {s['distinct']:.0%} of the files are distinct" for s in sizes if s["distinct"] < 1]
    busy = busy_note(sizes)
    if busy:
        notes.append(busy)
    if notes:
        out += ["", *(f"Note: {n}" for n in dict.fromkeys(notes))]
    return "\n".join(out)


def busy_note(sizes: list[dict[str, Any]]) -> str:
    """A warning when other processes used a noticeable share of the machine during a timed measurement."""
    seen = [(s[k]["other_cores"], f"{k.replace('_', ' ')} on {_mb(s)}") for s in sizes for k in (*TOOLS, "profile")
            if s.get(k) and s[k].get("other_cores") is not None]
    if not seen or max(seen)[0] < BUSY_CORES:
        return ""
    cores, where = max(seen)
    return (f"other processes kept on average up to {cores:.2f} cores busy during a measurement ({where}): wall times "
            "may be inflated and vary between runs; the CPU-second ratios are less affected (rerun with --repeat 3 to "
            "keep each tool's fastest run)")


def write_section(path: Path, table: str) -> None:
    """Replace the generated part of a Markdown file (between the bench markers), or append it."""
    block = f"{MARK_START}\n{table}\n{MARK_END}"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if MARK_START in text and MARK_END in text:
        text = text[: text.index(MARK_START)] + block + text[text.index(MARK_END) + len(MARK_END):]
    else:
        text = f"{text.rstrip()}\n\n{block}\n" if text else block + "\n"
    path.write_text(text, encoding="utf-8")


def parse_sizes(text: str) -> list[float]:
    sizes = [float(s) for s in text.split(",") if s.strip()]
    if not sizes or any(s <= 0 for s in sizes):
        raise argparse.ArgumentTypeError(f"{text!r}: sizes are positive megabytes, comma-separated")
    return sorted(sizes)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=parse_sizes, default=list(DEFAULT_SIZES), help="input sizes in MB (default 2,20)")
    ap.add_argument("--quick", action="store_true", help=f"tiny sizes ({','.join(map(str, QUICK_SIZES))} MB) to check the script")
    ap.add_argument("--repeat", type=int, default=1, help="runs of each tool per size; the fastest is kept (default 1)")
    ap.add_argument("--seed", type=int, default=SEED, help=f"corpus generator seed (default {SEED})")
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "notice-extract-bench",
                    help="where generated corpora are kept between runs (default: TMPDIR/notice-extract-bench)")
    ap.add_argument("--json", type=Path, default=BENCH / "results.json", help="raw figures (default benchmarks/results.json)")
    ap.add_argument("--write", type=Path, action="append", default=[], metavar="MD",
                    help="also put the tables into this Markdown file between the bench markers (repeatable)")
    ap.add_argument("--render", type=Path, metavar="JSON", help="print (and --write) the tables of saved figures; measure nothing")
    ap.add_argument("--profile-child", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.profile_child:
        print(json.dumps(profile_child(*args.profile_child)))
        return 0
    if args.render:
        results = json.loads(args.render.read_text(encoding="utf-8"))
    else:
        results = run_all(QUICK_SIZES if args.quick else args.sizes, args.seed, args.cache, max(1, args.repeat))
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    table = render(results)
    print(table)
    for path in args.write:
        write_section(path, table)
        print(f"bench: tables written into {path}", file=sys.stderr)
    if not args.render:
        print(f"\nbench: raw figures in {args.json}", file=sys.stderr)
    return 0


def run_all(sizes: Sequence[float], seed: int, cache: Path, repeat: int) -> dict[str, Any]:
    peer, peer_note = peer_python()
    if peer is None:
        print(f"bench: {peer_note}; the peer stack column is skipped", file=sys.stderr)
    cache.mkdir(parents=True, exist_ok=True)
    info = machine(peer)
    with tempfile.TemporaryDirectory(prefix="bench-prime-") as tmp:
        print("bench: priming (bytecode, jieba's dictionary cache) ...", file=sys.stderr, flush=True)
        prime(corpus(min(sizes), seed, cache), peer, Path(tmp))
    measured = [measure_size(mb, seed, cache, repeat, peer, peer_note) for mb in sizes]
    return {"machine": info, "seed": seed, "repeat": repeat, "sizes": measured, "targets": targets(measured)}


if __name__ == "__main__":
    sys.exit(main())
