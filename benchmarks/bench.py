"""Throughput, peak memory and per-stage time of a batch run, against bare jieba on the same text.

    python benchmarks/bench.py [--sizes 2,20] [--quick] [--write docs/benchmark.md]

The bundled corpora are replicated into a temporary folder up to each size (copies differ only in a
trailing whitespace line, so every copy has its own doc_id but costs the same work). Each size runs in
a fresh subprocess so one size's peak memory cannot hide another's. In that subprocess:

1. end to end: `batch.outcomes` + `batch.run_batch` (one process) into a temporary output folder, after
   one warm-up pass over the seeds (lazy tables load once per process); the peak RSS is read right after;
2. stages, called directly: read_path (decode) -> clean -> make_doc (segment) -> the pipeline's
   components (extract) -> Notice dict + JSON line (write);
3. bare segmentation of the same decoded text: the project's private jieba tokenizer and `jieba.lcut`.

Targets: end-to-end MB/s at least 45% of bare jieba's; peak RSS within 20% from the smallest size to the
largest. MB here is 10**6 bytes of input. Ratios and stage times use CPU time of the process, so other load
on a shared machine does not skew them; docs/s and MB/s are wall-clock.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
STAGES = ("decode", "clean", "segment", "extract", "write")
TARGET_SPEED = 0.45
TARGET_MEMORY = 0.20
MARK_START, MARK_END = "<!-- bench:start -->", "<!-- bench:end -->"


def replicate(src: Path, dest: Path, megabytes: float) -> int:
    """Copy src/*.txt into dest until `megabytes` of input; returns the number of files."""
    seeds = [(p.stem, p.read_bytes()) for p in sorted(src.glob("*.txt"))]
    total, n = 0, 0
    while total < megabytes * 1e6:
        stem, data = seeds[n % len(seeds)]
        copy = n // len(seeds)
        tail = format(copy, "b").replace("0", " ").replace("1", "\t").encode()
        blob = data + b"\n" + tail + b"\n"
        (dest / f"{copy:05d}_{stem}.txt").write_bytes(blob)
        total += len(blob)
        n += 1
    return n


def _peak_rss_mb() -> float:
    """Peak resident set size of this process so far (ru_maxrss is KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(folder: Path) -> dict[str, Any]:
    """All measurements for one corpus folder, in this (fresh) process."""
    import jieba
    import psutil

    from extractor.batch import load_models, outcomes, process_path, run_batch
    from extractor.clean.text import clean
    from extractor.extractors.components import build_nlp
    from extractor.ingest.sources import read_path
    from extractor.nlp.segment import jieba_tokenizer
    from extractor.pipeline import build_notice, segment

    paths = [str(p) for p in sorted(folder.glob("*.txt"))]
    size = sum(os.path.getsize(p) for p in paths)
    load_models()
    for p in paths[:10]:
        process_path(p)  # one-off lazy tables (OpenCC, garble frequencies) are not throughput
    jieba.initialize()
    base_rss = psutil.Process().memory_info().rss / 2**20
    with tempfile.TemporaryDirectory() as out:
        t, cpu = time.perf_counter(), time.process_time()
        summary = run_batch(outcomes(paths, 1), Path(out))
        e2e, e2e_cpu = time.perf_counter() - t, time.process_time() - cpu
    peak = _peak_rss_mb()

    nlp = build_nlp()
    stage = dict.fromkeys(STAGES, 0.0)
    pipes: dict[str, float] = {name: 0.0 for name in nlp.pipe_names}
    seg_cpu = {"private": 0.0, "lcut": 0.0}
    tok = jieba_tokenizer()
    with tempfile.TemporaryFile("w", encoding="utf-8") as sink:
        for i, p in enumerate(paths):
            t0 = time.process_time()
            raw = read_path(p)
            t1 = time.process_time()
            ct = clean(raw)
            t2 = time.process_time()
            doc = segment(raw, ct)
            t3 = time.process_time()
            for name, proc in nlp.pipeline:
                s = time.process_time()
                doc = proc(doc)
                pipes[name] += time.process_time() - s
            t4 = time.process_time()
            record = build_notice(raw, ct, doc).to_dict()
            sink.write(json.dumps(record, ensure_ascii=False) + "\n")
            t5 = time.process_time()
            for key, dt in zip(STAGES, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4)):
                stage[key] += dt
            if i == 0 and record != process_path(p).notice:
                print("bench: stage replay differs from process_path; update the stage replay", file=sys.stderr)
            s = time.process_time()
            list(tok.cut(raw.text))
            seg_cpu["private"] += time.process_time() - s
            s = time.process_time()
            jieba.lcut(raw.text)
            seg_cpu["lcut"] += time.process_time() - s
    return {
        "files": len(paths), "bytes": size, "documents": summary.documents, "errors": len(summary.errors),
        "e2e_s": e2e, "e2e_cpu_s": e2e_cpu, "peak_rss_mb": peak, "base_rss_mb": base_rss, "stages": stage, "pipes": pipes,
        "jieba_private_cpu_s": seg_cpu["private"], "jieba_lcut_cpu_s": seg_cpu["lcut"],
    }


def machine() -> dict[str, str]:
    import jieba
    import psutil
    import spacy

    cpu = platform.processor() or platform.machine()
    try:
        m = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.M)
        cpu = m.group(1).strip() if m else cpu
    except OSError:
        pass
    return {
        "CPU": cpu,
        "cores": f"{psutil.cpu_count(logical=True)} logical ({psutil.cpu_count(logical=False) or '?'} physical)",
        "RAM": f"{psutil.virtual_memory().total / 2**30:.1f} GiB",
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "jieba / spaCy": f"{jieba.__version__} / {spacy.__version__}",
    }


def render(results: list[tuple[float, dict[str, Any]]], info: dict[str, str]) -> str:
    """Markdown: machine, throughput and memory, per-stage CPU time, targets."""
    out = ["| machine | |", "|---|---|", *[f"| {k} | {v} |" for k, v in info.items()], ""]
    out += ["| input | files | wall s | docs/s | MB/s | CPU s | MB per CPU-s: pipeline | private jieba | jieba.lcut "
            "| pipeline vs private jieba | vs jieba.lcut | peak RSS |", "|---|" + "---|" * 11]
    for _, r in results:
        m = r["bytes"] / 1e6
        out.append(
            f"| {m:.1f} MB | {r['files']} | {r['e2e_s']:.1f} | {r['documents'] / r['e2e_s']:.1f} | {m / r['e2e_s']:.3f} "
            f"| {r['e2e_cpu_s']:.1f} | {m / r['e2e_cpu_s']:.3f} | {m / r['jieba_private_cpu_s']:.3f} | {m / r['jieba_lcut_cpu_s']:.3f} "
            f"| {_ratio(r, 'jieba_private_cpu_s'):.0%} | {_ratio(r, 'jieba_lcut_cpu_s'):.0%} | {r['peak_rss_mb']:.0f} MiB |"
        )
    pipe_names = list(results[0][1]["pipes"])
    out += ["", "Per-stage CPU seconds (share of the staged run); extract is split by pipeline component:", "",
            "| input | " + " | ".join(STAGES) + " | " + " | ".join(f"extract: {p}" for p in pipe_names) + " |",
            "|---|" + "---|" * (len(STAGES) + len(pipe_names))]
    for _, r in results:
        total = sum(r["stages"].values())
        cells = [f"{r['stages'][s]:.2f} ({r['stages'][s] / total:.0%})" for s in STAGES]
        cells += [f"{r['pipes'][p]:.2f} ({r['pipes'][p] / total:.0%})" for p in pipe_names]
        out.append(f"| {r['bytes'] / 1e6:.1f} MB | " + " | ".join(cells) + " |")
    small, large = results[0][1], results[-1][1]
    worst = min(_ratio(r, "jieba_private_cpu_s") for _, r in results)
    growth = large["peak_rss_mb"] / small["peak_rss_mb"] - 1
    speed_ok = "yes" if worst >= TARGET_SPEED else "no"
    memory_ok = "yes" if abs(growth) <= TARGET_MEMORY else "no"
    out += ["", "| target | measured | met |", "|---|---|---|",
            f"| pipeline ≥ {TARGET_SPEED:.0%} of private-jieba throughput | {worst:.0%} (worst size) | {speed_ok} |",
            f"| peak RSS within {TARGET_MEMORY:.0%}, {small['bytes'] / 1e6:.1f} → {large['bytes'] / 1e6:.1f} MB | "
            f"{small['peak_rss_mb']:.0f} → {large['peak_rss_mb']:.0f} MiB ({growth:+.0%}) | {memory_ok} |"]
    return "\n".join(out)


def _ratio(r: dict[str, Any], jieba_key: str) -> float:
    """Pipeline throughput as a share of bare segmentation's, both on CPU time (robust to other load)."""
    return r[jieba_key] / r["e2e_cpu_s"]


def write_section(path: Path, table: str) -> None:
    """Replace the generated part of a Markdown file (between the bench markers), or append it."""
    block = f"{MARK_START}\n{table}\n{MARK_END}"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if MARK_START in text and MARK_END in text:
        text = text[: text.index(MARK_START)] + block + text[text.index(MARK_END) + len(MARK_END):]
    else:
        text = f"{text.rstrip()}\n\n{block}\n" if text else block + "\n"
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="2,20", help="input sizes in MB, comma-separated (default 2,20)")
    ap.add_argument("--quick", action="store_true", help="tiny sizes (0.1,0.3 MB) to check the script")
    ap.add_argument("--corpora", default=str(ROOT / "corpora" / "seeds"), help="folder of seed .txt notices")
    ap.add_argument("--write", metavar="MD", help="also put the tables into this Markdown file (between bench markers)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(Path(args.child))))
        return 0
    sizes = [0.1, 0.3] if args.quick else [float(s) for s in args.sizes.split(",") if s.strip()]
    results = []
    for mb in sizes:
        with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
            n = replicate(Path(args.corpora), Path(tmp), mb)
            print(f"bench: {mb:g} MB ({n} files) ...", file=sys.stderr, flush=True)
            proc = subprocess.run([sys.executable, __file__, "--child", tmp], capture_output=True, text=True)
            if proc.returncode:
                print(proc.stderr, file=sys.stderr)
                return proc.returncode
            results.append((mb, json.loads(proc.stdout.strip().splitlines()[-1])))
    table = render(results, machine())
    print(table)
    if args.write:
        write_section(Path(args.write), table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
