"""The HTML report: self-contained, a chart per indicator on its own scale, past deadlines marked, scopes shown, working links;
rendered by headless Chromium, which also measures every chart label to prove none overlap."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest

from extractor.report import write_report
from extractor.tables import RunData, load_notices

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "notices-1.0.jsonl"
LONG_REGIONS = [("新疆维吾尔自治区", "昌吉回族自治州"), ("广西壮族自治区", "防城港市"), ("内蒙古自治区", "锡林郭勒盟"), ("河南省", None)]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    from extractor.batch import outcomes, run_batch
    from extractor.ingest.sources import iter_inputs

    out = tmp_path_factory.mktemp("report")
    run_batch(outcomes([str(p) for p in iter_inputs([ROOT / "corpora" / "seeds"])]), out)
    jsonl = out / "notices.jsonl"
    path = write_report([jsonl], out / "report.html")
    return path, path.read_text(encoding="utf-8"), jsonl


def crowded_run(path: Path) -> Path:
    """Notices built to crowd a chart: a qualitative goal every year 2015–2035 in one region, several values
    in one year, long scopes and long region names."""
    base = json.loads(FIXTURE.read_text(encoding="utf-8").splitlines()[0])
    records = []
    for k, (province, city) in enumerate(LONG_REGIONS):
        n = json.loads(json.dumps(base))
        n["doc_id"] = f"crowd{k:011d}"
        n["province"], n["city"], n["admin_level"] = province, city, "city" if city else "province"
        obs = []
        for year in range(2015, 2036):
            obs.append({"value": None, "unit": None, "scope": None, "deadline": f"{year}-12-31"})
        for j, value in enumerate((3, 5, 12, 100, 2000)):
            obs.append({"value": value * (k + 1), "unit": "个", "scope": "每个县(市、区)和每个城乡社区" if j % 2 else "全省",
                        "deadline": "2025-12-31"})
        obs.append({"value": 1, "unit": "人", "scope": "每个社区", "deadline": "2030-12-31"})
        n["obligations"] = [{**base["obligations"][4], **o, "id": f"{n['doc_id']}-{j + 1:03d}", "kind": "target",
                             "indicator": "sw_orgs" if o["unit"] != "人" else "sw_professionals", "comparator": "="}
                            for j, o in enumerate(obs)]
        records.append(n)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_one_self_contained_file(report):
    path, html, _ = report
    assert [p.name for p in path.parent.glob("report*")] == ["report.html"]
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html, re.I)
    assert "<link" not in html and "@import" not in html and "<script src" not in html
    assert html.count("<svg") >= 5 and "<script>" in html


def test_a_chart_per_indicator_with_data(report):
    _, html, jsonl = report
    targets = RunData.read([jsonl]).rows.targets
    charted = set(re.findall(r'<svg class="chart[^"]*" data-indicator="([^"]+)"', html))
    assert {r["indicator"] for r in targets} - {"other"} <= charted
    with_values = {r["indicator"] for r in targets if r["value"] is not None} - {"other"}
    bars = set(re.findall(r'<svg class="chart bar" data-indicator="([^"]+)"', html))
    assert with_values <= bars
    for svg in re.findall(r'<svg class="chart bar".*?</svg>', html, re.S):
        assert "<rect" in svg and 'href="#ob-' in svg


def _bar_widths(html: str, indicator: str) -> list[float]:
    svg = re.search(rf'<svg class="chart bar" data-indicator="{indicator}".*?</svg>', html, re.S).group()
    return [float(w) for w in re.findall(r'<rect x="140" y="[^"]+" width="([^"]+)"', svg)]


def test_each_chart_has_its_own_scale(report):
    """1 person is not a sliver on another indicator's 0–50000 axis: each chart runs from 0 to its own largest value
    (0–100 for percentages), written under it."""
    _, html, jsonl = report
    targets = RunData.read([jsonl]).rows.targets
    charts = re.findall(r'<svg class="chart bar" data-indicator="([^"]+)" data-unit="([^"]*)" data-scale="([^"]+)"', html)
    assert charts
    for indicator, units, scale in charts:
        values = [r["value_max"] if r["value_max"] is not None else r["value"] for r in targets
                  if r["indicator"] == indicator and r["value"] is not None and (r["unit"] or "") in units.split("、")]
        top = max(values)
        assert float(scale) == (100.0 if units == "%" and top <= 100 else top), (indicator, units, scale)
    one, many = max(_bar_widths(html, "station_staff")), max(_bar_widths(html, "sw_professionals"))
    assert one >= 200 and many >= 200  # both fill their own chart
    assert "本图自有数轴" in html


def _synthetic(tmp_path: Path, obligations: list[dict]) -> str:
    """The report of one notice with these obligations (on top of a fixture obligation), as of 2026-06-30."""
    import os

    base = json.loads(FIXTURE.read_text(encoding="utf-8").splitlines()[0])
    n = json.loads(json.dumps(base))
    n["doc_id"] = "synthetic000001"
    n["obligations"] = [{**base["obligations"][4], "comparator": "=", "kind": "target", "scope": None, "value_max": None,
                         **o, "id": f"synthetic000001-{j + 1:03d}"} for j, o in enumerate(obligations)]
    jsonl = tmp_path / "n.jsonl"
    jsonl.write_text(json.dumps(n, ensure_ascii=False) + "\n", encoding="utf-8")
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = "1782777600"  # 2026-06-30
    try:
        return write_report([jsonl], tmp_path / "r.html").read_text(encoding="utf-8")
    finally:
        if old is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


def test_past_deadlines_are_hatched_and_hollow_not_only_coloured(tmp_path):
    html = _synthetic(tmp_path, [{"value": 10, "unit": "个", "indicator": "sw_orgs", "deadline": "2025-12-31"},
                                 {"value": 20, "unit": "个", "indicator": "sw_orgs", "deadline": "2027-12-31"}])
    bar = re.search(r'<svg class="chart bar" data-indicator="sw_orgs".*?</svg>', html, re.S).group()
    assert bar.count('class="past"') == 1 and 'fill="url(#past-deadline)"' in bar and "期限已过（早于2026-06-30）" in bar
    assert '<pattern id="past-deadline"' in html and html.count('<pattern id="past-deadline"') == 1
    past = re.search(r'<a href="#ob-synthetic000001-001">.*?</a>', bar, re.S).group()
    assert 'class="past"' in past and "（期限已过）" in past
    line = re.search(r'<svg class="chart timeline" data-indicator="sw_orgs".*?</svg>', html, re.S).group()
    assert line.count('<circle class="past"') == 1 and 'fill="#fff"' in line and '<line class="today"' in line
    assert "○ 期限已过" in line


def test_units_of_one_family_share_a_chart(tmp_path):
    html = _synthetic(tmp_path, [{"value": 3, "unit": "个", "indicator": "sw_orgs", "deadline": "2027-12-31"},
                                 {"value": 2, "unit": "家", "indicator": "sw_orgs", "deadline": "2027-12-31"},
                                 {"value": 50, "unit": "人", "indicator": "sw_orgs", "deadline": "2027-12-31"}])
    charts = re.findall(r'<svg class="chart bar" data-indicator="sw_orgs" data-unit="([^"]*)" data-scale="([^"]+)"', html)
    assert charts == [("个、家", "3"), ("人", "50")]


def test_scope_is_shown_next_to_each_value(report):
    _, html, jsonl = report
    svg = re.search(r'<svg class="chart bar" data-indicator="sw_station_coverage".*?</svg>', html, re.S).group()
    labels = [unescape(t) for t in re.findall(r'<text[^>]*class="value"[^>]*>([^<]+)</text>', svg)]
    assert {"全省≥30%", "全省≥50%", "全省≥70%"} <= set(labels)
    scoped = [r for r in RunData.read([jsonl]).rows.targets if r["scope"] and r["value"] is not None]
    assert scoped and all(escape_html(r["display"]) in html and r["display"].startswith(r["scope"]) for r in scoped)


def escape_html(s: str) -> str:
    from html import escape

    return escape(s)


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
    rec["obligations"][0]["scope"] = "<b>全市</b>"
    src = tmp_path / "n.jsonl"
    src.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    html = write_report([src], tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    assert "<img src=x>" not in html and "<b>全市" not in html


def test_crowded_timeline_moves_labels_to_free_lines(tmp_path):
    html = write_report([crowded_run(tmp_path / "n.jsonl")], tmp_path / "r.html").read_text(encoding="utf-8")
    svg = re.search(r'<svg class="chart timeline" data-indicator="sw_orgs".*?</svg>', html, re.S).group()
    rows = {(x, y) for x, y in re.findall(r'<text x="([\d.]+)" y="([\d.]+)" text-anchor="start" class="value"', svg)}
    assert len(rows) == len(LONG_REGIONS) * (21 + 5)
    years = re.findall(r'text-anchor="middle" font-size="11">(20\d\d)</text>', svg)
    assert "2015" in years and len(years) < 21


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


# Measures every <text> of every chart after layout and stores what overlaps in a body attribute.
LABEL_CHECK = """<script>
(function(){
  var bad=[], n=0;
  document.querySelectorAll('svg.chart').forEach(function(svg){
    var box=svg.getBoundingClientRect();
    var t=[].map.call(svg.querySelectorAll('text'),function(e){var r=e.getBoundingClientRect();
      return {l:r.left,r:r.right,t:r.top,b:r.bottom,s:e.textContent};});
    n+=t.length;
    for(var i=0;i<t.length;i++){
      var a=t[i];
      if(a.l<box.left-0.5||a.r>box.right+0.5||a.t<box.top-0.5||a.b>box.bottom+0.5){bad.push(['outside',a.s]);}
      for(var j=i+1;j<t.length;j++){
        var b=t[j];
        if(Math.min(a.r,b.r)-Math.max(a.l,b.l)>0.5&&Math.min(a.b,b.b)-Math.max(a.t,b.t)>0.5){bad.push([a.s,b.s]);}
      }
    }
  });
  document.body.setAttribute('data-label-check',JSON.stringify({texts:n,bad:bad.slice(0,20),count:bad.length}));
})();
</script></body>"""


def _browser(tmp_path: Path) -> list[str]:
    return [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}"]


def label_check(html_path: Path, tmp_path: Path) -> dict:
    """Render a copy of the page with LABEL_CHECK appended and read its verdict from the DOM."""
    probe = tmp_path / f"probe-{html_path.name}"
    probe.write_text(html_path.read_text(encoding="utf-8").replace("</body>", LABEL_CHECK), encoding="utf-8")
    dom = subprocess.run(_browser(tmp_path) + ["--dump-dom", probe.resolve().as_uri()], capture_output=True, text=True,
                         timeout=120, check=True).stdout
    return json.loads(unescape(re.search(r'data-label-check="([^"]*)"', dom).group(1)))


@pytest.mark.skipif(_chromium() is None, reason="no chromium binary (apt-get install chromium)")
def test_renders_in_headless_chromium(report, tmp_path):
    path, html, _ = report
    url = path.resolve().as_uri()
    dom = subprocess.run(_browser(tmp_path) + ["--dump-dom", url], capture_output=True, text=True, timeout=90, check=True).stdout
    assert 'data-js="ready"' in dom
    assert 'id="cmp-filter"' in dom
    assert "交互功能已启用" in dom
    assert dom.count('<svg class="chart') == html.count('<svg class="chart') > 0
    assert "<rect" in dom and "<mark" in dom
    shot = tmp_path / "report.png"
    subprocess.run(_browser(tmp_path) + [f"--screenshot={shot}", "--window-size=1280,2000", url], capture_output=True,
                   timeout=90, check=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000


@pytest.mark.skipif(_chromium() is None, reason="no chromium binary (apt-get install chromium)")
def test_no_chart_labels_overlap_in_the_browser(report, tmp_path):
    seeds = label_check(report[0], tmp_path)
    assert seeds["texts"] > 100 and seeds["count"] == 0, seeds["bad"]
    crowded = write_report([crowded_run(tmp_path / "n.jsonl")], tmp_path / "crowded.html")
    result = label_check(crowded, tmp_path)
    assert result["texts"] > 150 and result["count"] == 0, (result["texts"], result["bad"])


def test_indicators_set_by_several_regions_come_first_with_their_table(report):
    """One section per indicator (canonical, variant or provisional), those set by two or more regions first, each
    with the table across regions: value, unit, comparator, deadline, strength, source notice and sentence."""
    _, html, _ = report
    sections = re.findall(r'<section class="indicator" id="ind-([^"]+)" data-regions="(\d+)">(.*?)</section>', html, re.S)
    assert sections
    counts = [int(n) for _, n, _ in sections]
    assert counts[0] >= 2 and [c >= 2 for c in counts] == sorted((c >= 2 for c in counts), reverse=True)
    for ident, n, body in sections:
        table = re.search(r'<table class="ind-compare" data-indicator="([^"]+)">(.*?)</table>', body, re.S)
        assert table and unescape(table.group(1)) == unescape(ident)
        head = re.findall(r"<th>([^<]+)</th>", table.group(2).split("</thead>")[0])
        assert head == ["地区", "数值", "单位", "比较", "期限", "进展", "完成情况", "约束性", "来源文件", "原文"]
        regions = re.findall(r"<tr><th>([^<]*)</th>", table.group(2).split("</thead>")[1])
        assert len(set(regions)) == int(n) and regions == sorted(regions, key=lambda r: (r != "全国", r))
