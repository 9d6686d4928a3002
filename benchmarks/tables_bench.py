"""Time and peak memory of building the tables and the report from many distinct notices.

    python benchmarks/tables_bench.py [--notices 500,2000] [--source RUN/notices.jsonl]

Notices are generated from a real run (default `outputs/notices.jsonl`; when it is missing the bundled
corpora are extracted into a temporary folder first): each generated notice copies one real notice,
gets its own doc_id, a region drawn from the gazetteer, an issue date, and every digit of its text
redrawn (length-preserving, so sentences and offsets stay consistent and no two texts repeat). Values
are scaled so no two obligations carry the same number.

Each size and each step (`build_tables`, then `write_report`) runs in a fresh interpreter, so the peak
RSS printed is that step's own; it runs `--repeat` times and the fastest run is kept, since other work
on a shared machine only ever adds time. Seconds include the step's imports. Prints a Markdown table:
wall and CPU seconds, peak RSS (MiB), input size. The writers run one after another in the step's own
process (`build_tables(..., parallel=False)`), so each writer's CPU seconds can be told apart; a whole
run, writers side by side in their own processes, is measured by run_phases.py.
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _source_run(source: Path | None, tmp: Path) -> Path:
    """A notices.jsonl to draw from: the one given, outputs/ of `make run`, or a fresh run of corpora/."""
    for cand in (source, ROOT / "outputs" / "notices.jsonl"):
        if cand is not None and cand.exists():
            return cand
    out = tmp / "seed-run"
    subprocess.run([sys.executable, "-m", "extractor", "run", str(ROOT / "corpora"), "-o", str(out), "-q", "--no-tables"],
                   check=True, cwd=ROOT)
    return out / "notices.jsonl"


def _redraw_digits(text: str, rng: random.Random) -> str:
    """Every ASCII digit replaced by a random one: same length, so offsets into the text still hold."""
    return "".join(str(rng.randrange(10)) if "0" <= ch <= "9" else ch for ch in text)


def _regions() -> list[tuple[str, str | None, str]]:
    from extractor import gazetteers

    gaz = gazetteers.admin()
    out: list[tuple[str, str | None, str]] = [("全国", None, "national")]
    for d in gaz.divisions:
        if d.level == "province":
            out.append((d.name, None, "province"))
        elif d.level == "city":
            parent = gaz.province_of(d)
            if parent is not None:
                out.append((parent.name, d.name, "city"))
    return out


def _variant(base: dict[str, Any], k: int, rng: random.Random, regions: list[tuple[str, str | None, str]]) -> dict[str, Any]:
    """One distinct notice derived from `base`."""
    n = json.loads(json.dumps(base))
    doc_id = f"{k:016x}"
    n["doc_id"], n["source"] = doc_id, f"bench/{k:06d}_{Path(base['source']).name}"
    n["province"], n["city"], n["admin_level"] = rng.choice(regions)
    n["issue_date"] = f"{rng.randrange(2016, 2026)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
    n["text"] = _redraw_digits(n.get("text") or "", rng)
    for j, o in enumerate(n.get("obligations", []), 1):
        o["id"] = f"{doc_id}-{j:03d}"
        if isinstance(o.get("start"), int) and isinstance(o.get("end"), int):
            o["sentence"] = n["text"][o["start"]:o["end"]]
        scale = 0.5 + rng.random()
        for key in ("value", "value_max"):
            if isinstance(o.get(key), (int, float)):
                o[key] = round(o[key] * scale, 2)
    return n


def generate(source: Path, dest: Path, count: int, seed: int = 7) -> tuple[int, int]:
    """Write `count` distinct notices to dest; returns (obligations, bytes)."""
    bases = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    rng, regions = random.Random(seed), _regions()
    obligations = 0
    with dest.open("w", encoding="utf-8") as fh:
        for k in range(count):
            n = _variant(bases[k % len(bases)], k + 1, rng, regions)
            obligations += len(n.get("obligations", []))
            fh.write(json.dumps(n, ensure_ascii=False) + "\n")
    return obligations, dest.stat().st_size


def _time_writers(spent: dict[str, float]) -> None:
    """Record each table writer's CPU seconds (when extractor.tables runs writers through Built.attempt)."""
    import extractor.tables as tables

    attempt = getattr(getattr(tables, "Built", None), "attempt", None)
    if attempt is None:
        return

    def timed(self: Any, path: Path, write: Any) -> None:
        cpu = time.process_time()
        attempt(self, path, write)
        spent[path.name] = time.process_time() - cpu

    tables.Built.attempt = timed


def child(step: str, jsonl: Path, out: Path) -> None:
    """Run one step in this fresh process and print its seconds, peak RSS and per-writer CPU as JSON."""
    start, cpu = time.perf_counter(), time.process_time()
    writers: dict[str, float] = {}
    if step == "tables":
        _time_writers(writers)
        from extractor.exports import build_tables

        build_tables([jsonl], out, parallel=False)
    else:
        from extractor.report import write_report

        write_report([jsonl], out / "report.html")
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "cpu": cpu, "rss": rss, "writers": writers}))


def _measure(step: str, jsonl: Path, out: Path, repeat: int) -> dict[str, float]:
    """The fastest of `repeat` fresh-process runs (wall and CPU), with the largest peak RSS seen."""
    runs = []
    for _ in range(repeat):
        proc = subprocess.run([sys.executable, __file__, "--child", step, str(jsonl), str(out)],
                              capture_output=True, text=True, cwd=ROOT)
        if proc.returncode != 0:
            raise SystemExit(f"{step} failed:\n{proc.stderr}")
        runs.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    best = min(runs, key=lambda r: r["cpu"])
    return {**best, "seconds": min(r["seconds"] for r in runs), "rss": max(r["rss"] for r in runs)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--notices", default="500,2000", help="comma-separated numbers of notices (default 500,2000)")
    ap.add_argument("--source", type=Path, help="notices.jsonl of a real run (default outputs/notices.jsonl)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per step; the fastest is kept (default 3)")
    ap.add_argument("--child", nargs=3, metavar=("STEP", "JSONL", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        step, jsonl, out = args.child
        child(step, Path(jsonl), Path(out))
        return
    print("| notices | obligations | notices.jsonl MB | tables wall s | tables CPU s | tables peak RSS MiB "
          "| report wall s | report CPU s | report peak RSS MiB |")
    print("|---|---|---|---|---|---|---|---|---|")
    writers: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="tables-bench-") as tmp_name:
        tmp = Path(tmp_name)
        source = _source_run(args.source, tmp)
        for count in (int(x) for x in args.notices.split(",")):
            jsonl, out = tmp / f"n{count}.jsonl", tmp / f"out{count}"
            out.mkdir()
            obligations, size = generate(source, jsonl, count)
            t, r = _measure("tables", jsonl, out, args.repeat), _measure("report", jsonl, out, args.repeat)
            print(f"| {count} | {obligations} | {size / 1e6:.1f} | {t['seconds']:.2f} | {t['cpu']:.2f} | {t['rss']:.0f} | "
                  f"{r['seconds']:.2f} | {r['cpu']:.2f} | {r['rss']:.0f} |", flush=True)
            writers[count] = t.get("writers", {})
    if any(writers.values()):
        counts = [c for c in writers if writers[c]]
        print("\n| writer (CPU s) | " + " | ".join(f"{c} notices" for c in counts) + " |")
        print("|---|" + "---|" * len(counts))
        for name in writers[counts[-1]]:
            print(f"| {name} | " + " | ".join(f"{writers[c].get(name, 0):.2f}" for c in counts) + " |")


if __name__ == "__main__":
    main()
