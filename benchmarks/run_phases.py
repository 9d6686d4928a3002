"""Wall time and memory of each phase of a whole `notice-extract run` (extract, tables, report).

    python benchmarks/run_phases.py CORPUS [-- extra run options]

Runs `notice-extract run CORPUS -o TMP -q` and samples, every 20 ms, the resident memory of the run's
process and of each process under it (/proc, Linux), and the phase run.json says is running. Prints
a Markdown table: per phase its seconds, the peak RSS of the run's own process, of the largest process
under it (the table writers), and of all of them together. A corpus: benchmarks/corpus_gen.py.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PAGE = 4096


def _rss(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        tasks = Path(f"/proc/{pid}/task").iterdir()
        for task in tasks:
            kids = (task / "children").read_text().split()
            for kid in map(int, kids):
                out += [kid, *_children(kid)]
    except OSError:
        pass
    return out


def _phase(tmp: Path) -> str | None:
    for state in [*tmp.glob(".out.run-*/run.json"), tmp / "out" / "run.json"]:
        try:
            phases = json.loads(state.read_text(encoding="utf-8"))["phases"]
        except (OSError, ValueError, KeyError):
            continue
        running = [p for p in ("extract", "tables", "report") if phases.get(p) == "running"]
        if running:
            return "+".join(running)
    return None


def main() -> None:
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    corpus, extra = sys.argv[1], [a for a in sys.argv[2:] if a != "--"]
    with tempfile.TemporaryDirectory(prefix="run-phases-") as name:
        tmp = Path(name)
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "extractor", "run", corpus, "-o", str(tmp / "out"), "-q", *extra],
                                stderr=subprocess.PIPE, text=True)
        phases: dict[str, dict[str, float]] = {}
        current = "start"
        while proc.poll() is None:
            now = _phase(tmp) or current
            if now != current:
                current = now
            main_rss = _rss(proc.pid)
            kids = [_rss(k) for k in _children(proc.pid)]
            p = phases.setdefault(current, {"from": time.perf_counter() - start, "main": 0, "child": 0, "all": 0})
            p["to"] = time.perf_counter() - start
            p["main"], p["child"] = max(p["main"], main_rss), max(p["child"], max(kids, default=0))
            p["all"] = max(p["all"], main_rss + sum(kids))
            time.sleep(0.02)
        err = proc.stderr.read() if proc.stderr else ""
        wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"run failed ({proc.returncode}):\n{err}")
    mib = 2 ** 20
    print(f"whole run: {wall:.1f} s\n")
    print("| phase | s | run process peak RSS MiB | largest process under it MiB | all together MiB |")
    print("|---|---|---|---|---|")
    for name, p in phases.items():
        if name == "start":
            continue
        print(f"| {name} | {p['to'] - p['from']:.1f} | {p['main'] / mib:.0f} | {p['child'] / mib:.0f} | {p['all'] / mib:.0f} |")


if __name__ == "__main__":
    main()
