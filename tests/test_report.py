"""The HTML report: self-contained, a chart per indicator, working links; rendered by headless Chromium."""
from __future__ import annotations

import json
import re
from html import unescape
import shutil
import subprocess
from pathlib import Path

import pytest

from extractor.report import write_report
from extractor.tables import load_notices, long_frame

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "notices-1.0.jsonl"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    from extractor.batch import outcomes, run_batch
    from extractor.ingest.sources import iter_inputs

    out = tmp_path_factory.mktemp("report")
    run_batch(outcomes([str(p) for p in iter_inputs([ROOT / "corpora" / "seeds"])]), out)
    jsonl = out / "notices.jsonl"
    path = write_report([jsonl], out / "report.html")
    return path, path.read_text(encoding="utf-8"), jsonl


def test_one_self_contained_file(report):
    path, html, _ = report
    assert [p.name for p in path.parent.glob("report*")] == ["report.html"]
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html, re.I)
    assert "<link" not in html and "@import" not in html and "<script src" not in html
    assert html.count("<svg") >= 5 and "<script>" in html


def test_a_chart_per_indicator_with_data(report):
    _, html, jsonl = report
    long = long_frame(load_notices([jsonl]))
    charted = set(re.findall(r'<svg class="chart[^"]*" data-indicator="([^"]+)"', html))
    assert set(long["indicator"]) - {"other"} <= charted
    with_values = set(long.loc[long["value"].notna(), "indicator"]) - {"other"}
    bars = set(re.findall(r'<svg class="chart bar" data-indicator="([^"]+)"', html))
    assert with_values <= bars
    for svg in re.findall(r'<svg class="chart bar".*?</svg>', html, re.S):
        assert "<rect" in svg and 'href="#ob-' in svg


def test_every_link_lands_and_sentences_are_marked(report):
    _, html, jsonl = report
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    targets = set(re.findall(r'href="#([^"]+)"', html))
    assert targets and targets <= ids, targets - ids
    notices = load_notices([jsonl])
    for n in notices:
        assert f'id="doc-{n["doc_id"]}"' in html
        for o in n["obligations"]:
            assert f'id="ob-{o["id"]}"' in html
    first = next(o for n in notices for o in n["obligations"] if o["kind"] == "target")
    mark = re.search(rf'<mark class="target" id="ob-{first["id"]}"[^>]*>(.*?)</mark>', html, re.S)
    assert mark and unescape(re.sub(r"<[^>]+>", "", mark.group(1))).startswith(first["sentence"])


def test_warnings_are_shown(report):
    _, html, jsonl = report
    text = unescape(html)
    for n in load_notices([jsonl]):
        for w in n["warnings"]:
            assert w in text
    assert "no issue date found" in html


def test_text_is_escaped(tmp_path):
    rec = json.loads(FIXTURE.read_text(encoding="utf-8").splitlines()[1])
    rec["title"] = "<script>alert(1)</script>"
    rec["obligations"][0]["subject"] = '"><img src=x>'
    src = tmp_path / "n.jsonl"
    src.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    html = write_report([src], tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    assert "<img src=x>" not in html


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(_chromium() is None, reason="no chromium binary (apt-get install chromium)")
def test_renders_in_headless_chromium(report, tmp_path):
    path, html, _ = report
    base = [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}"]
    url = path.resolve().as_uri()
    dom = subprocess.run(base + ["--dump-dom", url], capture_output=True, text=True, timeout=90, check=True).stdout
    assert 'data-js="ready"' in dom
    assert 'id="cmp-filter"' in dom
    assert "交互功能已启用" in dom
    assert dom.count('<svg class="chart') == html.count('<svg class="chart') > 0
    assert "<rect" in dom and "<mark" in dom
    shot = tmp_path / "report.png"
    subprocess.run(base + [f"--screenshot={shot}", "--window-size=1280,2000", url], capture_output=True, timeout=90, check=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
