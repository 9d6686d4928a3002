"""Documents per second of `run --engine dask` on a real Dask cluster on loopback, for 1, 2 and 4 worker processes.

    python benchmarks/cluster_bench.py [--workers 1,2,4] [--megabytes 1] [--repeat 2]

For each count N: `dask scheduler` and `dask worker --nworkers N --nthreads 1`, started in a temporary folder of
their own (the inputs are not there: the run sends the documents' bytes); the workers are warmed (models
loaded, as a long-lived cluster's are), then `notice-extract run CORPUS --engine dask --scheduler ADDRESS
--no-tables -q` is timed from the client's folder, best of --repeat; a local run (`--workers 1`, no cluster) of the
same corpus is timed once for reference. The corpus is benchmarks/corpus_gen.py's
(distinct generated documents, seeded). Prints a Markdown table for docs/scale.md.
"""
from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
DASK = Path(sys.executable).with_name("dask")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _cluster(workers: int, folder: Path) -> tuple[str, list[subprocess.Popen]]:
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    opts = dict(cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    procs = [subprocess.Popen([str(DASK), "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"], **opts)]
    procs.append(subprocess.Popen([str(DASK), "worker", address, "--nworkers", str(workers), "--nthreads", "1",
                                   "--no-dashboard", "--local-directory", str(folder / "work")], **opts))
    from distributed import Client

    from extractor.batch import load_models

    with Client(address, timeout=60) as client:
        client.wait_for_workers(workers, timeout=120)
        client.run(load_models)
    return address, procs


def _stop(procs: list[subprocess.Popen]) -> None:
    for proc in procs:
        os.killpg(proc.pid, signal.SIGTERM)
    for proc in procs:
        proc.wait(timeout=30)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workers", default="1,2,4", help="worker process counts (default 1,2,4)")
    ap.add_argument("--megabytes", type=float, default=1.0, help="size of the generated corpus (default 1)")
    ap.add_argument("--repeat", type=int, default=2, help="runs per count; the fastest is reported (default 2)")
    args = ap.parse_args(argv)
    from corpus_gen import generate

    with tempfile.TemporaryDirectory(prefix="notice-extract-cluster-") as tmp:
        tmp_path = Path(tmp)
        corpus = tmp_path / "client" / "corpus"
        files = generate(corpus, args.megabytes)
        size = sum(p.stat().st_size for p in files)
        rows = []
        start = time.perf_counter()  # the same corpus without a cluster, for reference: one local worker process
        local = subprocess.run([sys.executable, "-m", "extractor", "run", "corpus", "-o", "local", "--no-tables", "-q"],
                               cwd=tmp_path / "client", capture_output=True, text=True)
        local_s = time.perf_counter() - start
        if local.returncode != 0:
            print(local.stderr, file=sys.stderr)
            return 1
        for n in (int(x) for x in args.workers.split(",")):
            elsewhere = tmp_path / f"cluster{n}"
            elsewhere.mkdir()
            address, procs = _cluster(n, elsewhere)
            try:
                best = None
                for k in range(args.repeat):
                    start = time.perf_counter()
                    done = subprocess.run([sys.executable, "-m", "extractor", "run", "corpus", "-o", f"out{n}-{k}",
                                           "--engine", "dask", "--scheduler", address, "--no-tables", "-q"],
                                          cwd=tmp_path / "client", capture_output=True, text=True)
                    took = time.perf_counter() - start
                    if done.returncode != 0:
                        print(done.stderr, file=sys.stderr)
                        return 1
                    best = took if best is None else min(best, took)
            finally:
                _stop(procs)
            rows.append((n, best))
            print(f"{n} worker processes: {len(files)} documents in {best:.1f} s", file=sys.stderr)
    print(f"{len(files)} distinct documents, {size / 1e6:.2f} MB, {os.cpu_count()} CPUs; best of {args.repeat}\n")
    print("| worker processes | seconds | docs/s | speed-up |\n|---:|---:|---:|---:|")
    print(f"| local run, 1 (no cluster) | {local_s:.1f} | {len(files) / local_s:.1f} | |")
    for n, took in rows:
        print(f"| {n} | {took:.1f} | {len(files) / took:.1f} | {rows[0][1] / took:.2f}× |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
