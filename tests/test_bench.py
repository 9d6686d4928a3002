"""benchmarks/bench.py's pure parts: corpora of distinct documents, the tree meter, tables, target checks.

No timing is asserted: the benchmark reports speed, the tests only check that it measures what it says.
"""
from __future__ import annotations

import hashlib
import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_under_test", ROOT / "benchmarks" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _size(mb: float, jieba: float, run: float, peer: float | None, rss: float, no_tables: float = 1.0) -> dict:
    def m(wall: float, peak: float = 100.0) -> dict:
        return {"wall_s": wall, "cpu_s": wall, "peak_rss_mb": peak}

    return {"megabytes": mb, "files": int(mb * 60), "bytes": int(mb * 1e6), "distinct": 1.0, "notes": [],
            "jieba": m(jieba), "peer": m(peer) if peer else None, "run": m(run, rss), "run_no_tables": m(no_tables),
            "stages": {"imports and models": 1.0, "clean": 2.0, "segment": 1.0}}


def test_generated_corpus_is_distinct_reproducible_and_cached(bench, tmp_path):
    folder = bench.corpus(0.05, 7, tmp_path / "a")
    files = bench.corpus_files(folder)
    assert len(files) >= 3 and bench.distinct_share(files) == 1.0
    assert sum(p.stat().st_size for p in files) >= 0.05e6
    seeds = {hashlib.sha256(p.read_bytes()).digest() for p in (ROOT / "corpora").rglob("*.txt")}
    assert not seeds & {hashlib.sha256(p.read_bytes()).digest() for p in files}, "a generated file copies a corpus file"
    again = bench.corpus_files(bench.corpus(0.05, 7, tmp_path / "b"))
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in files], "a fixed seed gives the same corpus"
    other = bench.corpus_files(bench.corpus(0.05, 8, tmp_path / "a"))
    assert other[0].parent != folder and other[0].read_bytes() != files[0].read_bytes()
    stamp = files[0].stat().st_mtime_ns
    assert bench.corpus_files(bench.corpus(0.05, 7, tmp_path / "a"))[0].stat().st_mtime_ns == stamp, "cached, not regenerated"


def test_distinct_share_counts_copies(bench, tmp_path):
    for name, text in (("a", "x"), ("b", "x"), ("c", "y"), ("d", "z")):
        (tmp_path / f"{name}.txt").write_text(text)
    assert bench.distinct_share(sorted(tmp_path.glob("*.txt"))) == 0.75


def test_measure_counts_a_child_process_memory(bench, tmp_path):
    code = ("import subprocess, sys; subprocess.run([sys.executable, '-c', "
            "'import time; b = bytearray(80_000_000); b[::4096] = b\"x\" * len(b[::4096]); time.sleep(0.3)'], check=True)")
    m = bench.measure([sys.executable, "-c", code], tmp_path / "log")
    assert m["returncode"] == 0
    assert m["peak_rss_mb"] >= 80 and m["largest_process_rss_mb"] >= 80
    assert m["wall_s"] > 0 and m["cpu_s"] >= 0
    failing = bench.measure([sys.executable, "-c", "import sys; print('boom', file=sys.stderr); sys.exit(3)"], tmp_path / "log2")
    assert failing["returncode"] == 3 and bench.tail(tmp_path / "log2") == "boom"


def test_targets_met_and_missed(bench):
    good = bench.targets([_size(2, jieba=10, run=14, peer=50, rss=200), _size(20, jieba=100, run=150, peer=450, rss=210)])
    assert [t["met"] for t in good] == [True, True, True, True]
    bad = bench.targets([_size(2, jieba=10, run=16, peer=40, rss=260), _size(20, jieba=100, run=140, peer=500, rss=300)])
    assert [t["met"] for t in bad] == [False, False, False, False]
    assert "1.60×" in bad[0]["measured"] and "2.50×" in bad[1]["measured"] and "+15.4%" in bad[3]["measured"]


def test_targets_without_peer_or_second_size(bench):
    res = bench.targets([_size(2, jieba=10, run=12, peer=None, rss=100)])
    assert res[0]["met"] is True
    assert res[1]["met"] is None and "not measured" in res[1]["measured"]
    assert res[3]["met"] is None


def test_render_has_every_table(bench):
    sizes = [_size(2, jieba=10, run=20, peer=30, rss=300), _size(20, jieba=100, run=200, peer=None, rss=310)]
    sizes[1]["notes"].append("peer stack skipped: not built")
    results = {"machine": {"CPU": "Test CPU", "cores": "2"}, "sizes": sizes}
    text = bench.render(results)
    assert "| CPU | Test CPU |" in text
    assert "| 2.0 MB | 120 | 10.00 | 30.00 | 20.00 | 1.00 | 2.00× | 0.10× | 1.50× | 6.0 | 0.100 |" in text
    assert "| 20.0 MB | 1200 | 100.00 | — | 200.00 |" in text
    assert "| clean | 2.00 s (50%) | 2.00 s (50%) |" in text
    assert "| whole run ≤ 1.5× bare jieba's time | 2.0 MB: 2.00× (CPU 2.00×), 20.0 MB: 2.00× (CPU 2.00×) | **no** |" in text
    assert "not measured" in text and "Note: peer stack skipped: not built" in text
    for line in text.splitlines():
        if line.startswith("|"):
            assert line.endswith("|")


def test_busy_note_names_the_busiest_measurement(bench):
    sizes = [_size(2, jieba=10, run=20, peer=30, rss=300), _size(20, jieba=100, run=200, peer=300, rss=310)]
    for s in sizes:
        for k in bench.TOOLS:
            s[k]["other_cores"] = 0.05
    assert bench.busy_note(sizes) == ""
    sizes[1]["run"]["other_cores"] = 0.9
    note = bench.busy_note(sizes)
    assert "0.90 cores" in note and "run on 20.0 MB" in note
    assert "Note: other processes" in bench.render({"machine": {}, "sizes": sizes})


def test_md_table_escapes_pipes(bench):
    assert bench.md_table(["a", "b"], [["x|y", 1]]) == "| a | b |\n|---|---|\n| x\\|y | 1 |"


def test_write_section_replaces_between_markers(bench, tmp_path):
    md = tmp_path / "doc.md"
    md.write_text("# Title\n\ntext\n", encoding="utf-8")
    bench.write_section(md, "first")
    bench.write_section(md, "second")
    text = md.read_text(encoding="utf-8")
    assert text.count(bench.MARK_START) == 1 and "second" in text and "first" not in text
    assert text.startswith("# Title\n\ntext\n")


def test_parse_sizes(bench):
    assert bench.parse_sizes("20, 2") == [2.0, 20.0]
    with pytest.raises(Exception):
        bench.parse_sizes("0")
