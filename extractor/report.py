"""One self-contained HTML report: per-indicator charts, the comparison table, and every notice's
cleaned text with its target sentences highlighted, so each number can be checked at its source.

Charts are inline SVG drawn here (no JavaScript library, no network); the small inline script only
adds conveniences (a table filter, highlighting the sentence a link jumps to).
"""
from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

import pandas as pd

from extractor.extractors import indicators as ind
from extractor.model import SCHEMA_VERSION
from extractor.outputs import atomic_writer
from extractor.tables import NATIONAL, UNDATED, Cell, Entry, comparison, load_notices, long_frame, records, region_of, render_value
from extractor.tables import indicator_of as classify_obligation

WIDTH = 570
PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"]
WARNING_LABELS = {
    "metadata": "元数据", "t2s": "繁简转换", "pinyin": "拼音注音", "width": "全角字符", "boilerplate": "网页杂项",
    "censored": "屏蔽字符", "brackets": "括号", "decode": "解码", "empty": "空文本", "garbled": "乱码修复", "mojibake": "乱码修复",
}
PROBLEMS = ("metadata", "decode", "empty", "censored", "garbled", "mojibake")

CSS = """
body{font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0 auto;max-width:1180px;padding:0 16px 40px;color:#222;line-height:1.55}
h1{font-size:1.6em;margin:.8em 0 .3em}h2{border-bottom:2px solid #ddd;padding-bottom:4px;margin-top:2em}h3{margin:1.4em 0 .3em}
.intro{background:#f6f8fa;border-left:4px solid #1f77b4;padding:8px 14px}
nav a{margin-right:1em}.muted{color:#777;font-size:.9em}
.toc a{display:inline-block;margin:2px 4px;padding:1px 8px;border:1px solid #cfd8e3;border-radius:10px;text-decoration:none;font-size:.85em}
.charts{display:flex;flex-wrap:wrap;gap:12px}.chart{border:1px solid #e3e3e3;background:#fff}
svg text{font-size:12px;font-family:inherit}svg a:hover rect{opacity:.75}
table.cmp{border-collapse:collapse;font-size:.85em;display:block;overflow-x:auto}
table.cmp th,table.cmp td{border:1px solid #ddd;padding:3px 6px;vertical-align:top;white-space:nowrap}
table.cmp thead th{background:#f0f3f6}table.cmp tbody th{position:sticky;left:0;background:#fff;text-align:left}.conflict{color:#b00;font-weight:bold}
.doc{border-top:1px solid #ccc;margin-top:1.5em}.doc dl{display:grid;grid-template-columns:7em 1fr;gap:2px 8px;margin:.4em 0}
.doc dt{color:#666}.doc dd{margin:0}
ul.warnings{margin:.3em 0;padding-left:1.2em}.warnings li.problem{color:#b00}.warnings li.repair{color:#7a5b00}
.text{white-space:pre-wrap;background:#fcfcfc;border:1px solid #eee;padding:10px;max-height:32em;overflow-y:auto;font-size:.92em}
mark.target{background:#ffe98a}mark.fact{background:#e4e4e4}mark:target,mark.flash{outline:3px solid #d62728;background:#ffc9c9}
#cmp-filter{margin:6px 0;padding:4px 8px;width:20em}
"""

SCRIPT = """
(function(){
  var table=document.getElementById('cmp');
  if(table){
    var box=document.createElement('input');
    box.id='cmp-filter';box.type='search';box.placeholder='筛选地区…';
    box.addEventListener('input',function(){
      var q=box.value.trim();
      table.querySelectorAll('tbody tr').forEach(function(tr){tr.style.display=!q||tr.cells[0].textContent.indexOf(q)>=0?'':'none';});
    });
    table.parentNode.insertBefore(box,table);
  }
  function flash(){
    document.querySelectorAll('mark.flash').forEach(function(m){m.classList.remove('flash');});
    var id=decodeURIComponent(location.hash.slice(1));var el=id&&document.getElementById(id);
    var m=el&&(el.tagName==='MARK'?el:el.closest('mark'));if(m){m.classList.add('flash');}
  }
  window.addEventListener('hashchange',flash);flash();
  var n=document.querySelectorAll('svg.chart').length;
  var s=document.getElementById('js-status');if(s){s.textContent='交互功能已启用，共 '+n+' 幅图表。';}
  document.documentElement.setAttribute('data-js','ready');
})();
"""


def _num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def _svg_text(x: float, y: float, text: str, anchor: str = "start", extra: str = "") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" {extra}>{escape(text)}</text>'


def _year_colors(years: list[str]) -> dict[str, str]:
    return {y: PALETTE[k % len(PALETTE)] for k, y in enumerate(sorted(years, key=lambda y: (y == UNDATED, y)))}


def _legend(colors: dict[str, str], x: float, y: float) -> tuple[str, float]:
    """Colour keys, wrapped to the chart width; returns the SVG and the y below it."""
    parts, per_line = [], max(1, int((WIDTH - x) // 80))
    for k, (year, color) in enumerate(colors.items()):
        lx, ly = x + (k % per_line) * 80, y + (k // per_line) * 18
        parts.append(f'<rect x="{lx:.1f}" y="{ly - 10:.1f}" width="12" height="12" fill="{color}"/>')
        parts.append(_svg_text(lx + 16, ly, year if year == UNDATED else f"{year}年"))
    return "".join(parts), y + ((len(colors) - 1) // per_line + 1) * 18


def _region_label(x: float, y: float, region: str) -> str:
    """Region name right-aligned before the plot; long names shortened, full name on hover."""
    short = region if len(region) <= 9 else region[:8] + "…"
    return f"<g><title>{escape(region)}</title>{_svg_text(x, y, short, 'end')}</g>"


def _year_label(y: Any) -> str:
    return UNDATED if pd.isna(y) else str(int(y))


def bar_chart(indicator: str, unit: str, rows: pd.DataFrame, palette: dict[str, str]) -> str:
    """Horizontal bars of values by region, one colour per deadline year (the same in every chart);
    each bar links to its sentence."""
    rows = rows.assign(year=[_year_label(y) for y in rows["deadline_year"]])
    regions = list(dict.fromkeys(rows["region"]))
    colors = {y: c for y, c in palette.items() if y in set(rows["year"])}
    top = max(float(v) for v in rows["value_max"].fillna(rows["value"]))
    top = 100.0 if unit == "%" and top <= 100 else top or 1.0
    left, plot, bar, gap = 120, 330, 16, 10
    legend, y = _legend(colors, left, 38)
    y0 = y = y - 4
    height = y + len(rows) * (bar + 3) + len(regions) * gap + 24
    out = [f'<svg class="chart bar" data-indicator="{escape(indicator)}" data-unit="{escape(unit)}" width="{WIDTH}" '
           f'height="{height:.0f}" viewBox="0 0 {WIDTH} {height:.0f}" role="img" aria-label="{escape(ind.label(indicator))}（{escape(unit)}）按地区比较">',
           _svg_text(10, 18, f"{ind.label(indicator)}（{unit}）按地区", extra='font-weight="bold"'), legend]
    for region in regions:
        sub = sorted(records(rows[rows["region"] == region]), key=lambda r: (r["year"] == UNDATED, r["year"], r["obligation_id"]))
        out.append(_region_label(left - 8, y + (len(sub) * (bar + 3)) / 2 + 4, region))
        for rec in sub:
            v, vmax = float(rec["value"]), rec["value_max"]
            w = max(1.0, plot * v / top)
            label = render_value(rec["value"], vmax, rec["unit"], rec["comparator"], rec["approx"])
            title = f"{region} {rec['year']}：{label}\n{rec['sentence']}"
            out.append(f'<a href="#ob-{escape(rec["obligation_id"])}"><title>{escape(title)}</title>'
                       f'<rect x="{left}" y="{y:.1f}" width="{w:.1f}" height="{bar}" fill="{colors[rec["year"]]}"/>')
            if vmax is not None:
                w2 = max(w, plot * float(vmax) / top)
                out.append(f'<rect x="{left + w:.1f}" y="{y:.1f}" width="{w2 - w:.1f}" height="{bar}" fill="{colors[rec["year"]]}" opacity=".35"/>')
                w = w2
            out.append(_svg_text(left + w + 4, y + bar - 3, label) + "</a>")
            y += bar + 3
        y += gap
    out.append(f'<line x1="{left}" y1="{y0 - 6:.1f}" x2="{left}" y2="{y:.1f}" stroke="#999"/>')
    out.append(_svg_text(left, y + 14, "0", "middle") + _svg_text(left + plot, y + 14, f"{_num(top)}{unit}", "middle"))
    out.append("</svg>")
    return "".join(out)


def timeline(indicator: str, rows: pd.DataFrame) -> str:
    """Deadlines of an indicator's targets by region on a year axis (dated targets only)."""
    dated = rows[rows["deadline_year"].notna()]
    if dated.empty:
        return ""
    years = [int(y) for y in dated["deadline_year"]]
    y0, y1 = min(years), max(years)
    if y0 == y1:
        y0, y1 = y0 - 1, y1 + 1
    regions = list(dict.fromkeys(dated["region"]))
    stack = dated.groupby(["region", "deadline_year"]).size().groupby(level=0).max()
    rows_h = {r: 30 + 12 * (int(stack[r]) - 1) for r in regions}
    left, plot = 120, 360
    axis_y = 40 + sum(rows_h.values())
    height = axis_y + 30
    xs = {y: left + plot * (y - y0) / (y1 - y0) for y in range(y0, y1 + 1)}
    out = [f'<svg class="chart timeline" data-indicator="{escape(indicator)}" width="{WIDTH}" '
           f'height="{height}" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{escape(ind.label(indicator))} 完成期限">',
           _svg_text(10, 18, f"{ind.label(indicator)}：完成期限", extra='font-weight="bold"')]
    for year, x in xs.items():
        out.append(f'<line x1="{x:.1f}" y1="32" x2="{x:.1f}" y2="{axis_y:.1f}" stroke="#eee"/>' + _svg_text(x, axis_y + 16, str(year), "middle"))
    top = 40.0
    for region in regions:
        cy, top = top + 15, top + rows_h[region]
        out.append(_region_label(left - 8, cy + 4, region) + f'<line x1="{left}" y1="{cy:.1f}" x2="{left + plot}" y2="{cy:.1f}" stroke="#ccc"/>')
        seen: dict[int, int] = {}
        for rec in records(dated[dated["region"] == region].sort_values(["deadline", "obligation_id"])):
            year = int(rec["deadline_year"])
            n = seen.get(year, 0)
            seen[year] = n + 1
            label = render_value(rec["value"], rec["value_max"], rec["unit"], rec["comparator"], rec["approx"])
            x, tip = xs[year], f"{region} {rec['deadline']}：{label}"
            out.append(f'<a href="#ob-{escape(rec["obligation_id"])}"><title>{escape(tip)}</title>'
                       f'<circle cx="{x:.1f}" cy="{cy:.1f}" r="5" fill="#d62728"/>'
                       + _svg_text(x + 7, cy - 4 + n * 12, label, extra='font-size="11"') + "</a>")
    out.append("</svg>")
    return "".join(out)


def _value_links(entries: list[Entry]) -> str:
    return "、".join(f'<a href="#ob-{escape(e.obligation_id)}">{escape(e.text)}</a>' for e in entries)


def _cell_html(cell: Cell | None) -> str:
    if cell is None:
        return "<td></td>"
    html = _value_links(cell.first)
    if cell.conflict:
        html += f' <span class="conflict" title="其他文件给出不同的值">⚠ {_value_links(cell.others)}</span>'
    return f"<td{' class=conflict-cell' if cell.conflict else ''}>{html}</td>"


def comparison_table(notices: list[dict[str, Any]], long: pd.DataFrame) -> str:
    comp = comparison(notices, long)
    groups: list[tuple[str, str, int]] = []
    for indicator, label, _ in comp.columns:
        if groups and groups[-1][0] == indicator:
            groups[-1] = (indicator, label, groups[-1][2] + 1)
        else:
            groups.append((indicator, label, 1))
    head1 = "".join(f'<th colspan="{n}"><a href="#ind-{escape(i)}">{escape(lab)}</a></th>' for i, lab, n in groups)
    head2 = "".join(f"<th>{escape(y)}</th>" for _, _, y in comp.columns)
    body = []
    for r in comp.rows:
        cells = "".join(_cell_html(comp.cells.get((r["地区"], k))) for k in range(len(comp.columns)))
        body.append(f"<tr><th>{escape(r['地区'])}</th><td>{escape(r['最新发文日期'] or '未注明')}</td>{cells}</tr>")
    return (f'<table class="cmp" id="cmp"><thead><tr><th rowspan="2">地区</th><th rowspan="2">最新发文日期</th>{head1}</tr>'
            f"<tr>{head2}</tr></thead><tbody>{''.join(body)}</tbody></table>")


def _spans(notice: dict[str, Any]) -> tuple[list[tuple[int, int, list[dict[str, Any]]]], list[dict[str, Any]]]:
    """Sentence spans in `text` (overlaps merged) with their obligations, and those not found."""
    text = notice.get("text") or ""
    placed: list[tuple[int, int, dict[str, Any]]] = []
    lost = []
    for o in notice.get("obligations", []):
        s, e, sentence = o.get("start"), o.get("end"), o.get("sentence") or ""
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text) and text[s:e] == sentence):
            s = text.find(sentence) if sentence else -1
            e = s + len(sentence)
        if s < 0:
            lost.append(o)
        else:
            placed.append((s, e, o))
    merged: list[tuple[int, int, list[dict[str, Any]]]] = []
    for s, e, o in sorted(placed, key=lambda t: (t[0], t[1])):
        if merged and s < merged[-1][1]:
            ms, me, obs = merged[-1]
            merged[-1] = (ms, max(me, e), obs + [o])
        else:
            merged.append((s, e, [o]))
    return merged, lost


def _mark_title(o: dict[str, Any]) -> str:
    value = render_value(o.get("value"), o.get("value_max"), o.get("unit"), o.get("comparator"), o.get("approx"))
    kind = "目标" if o.get("kind") == "target" else "背景数据"
    return f"{kind} · {ind.label(o.get('indicator') or ind.OTHER)} · {value} · 期限 {o.get('deadline') or '无'}"


def document_section(notice: dict[str, Any], indicator_of: dict[str, str]) -> str:
    """Metadata, warnings and the cleaned text with each obligation's sentence marked."""
    province, city, region = region_of(notice)
    text = notice.get("text") or ""
    spans, lost = _spans(notice)
    parts, pos = [], 0
    for s, e, obs in spans:
        first, rest = obs[0], obs[1:]
        kind = "target" if any(o.get("kind") == "target" for o in obs) else "fact"
        title = "\n".join(_mark_title({**o, "indicator": indicator_of.get(o["id"])}) for o in obs)
        anchors = "".join(f'<span class="anchor" id="ob-{escape(o["id"])}"></span>' for o in rest)
        parts.append(escape(text[pos:s]))
        parts.append(f'<mark class="{kind}" id="ob-{escape(first["id"])}" title="{escape(title)}">{anchors}{escape(text[s:e])}</mark>')
        pos = e
    parts.append(escape(text[pos:]))
    lost_html = "".join(f'<span class="anchor" id="ob-{escape(o["id"])}"></span>' for o in lost)
    if lost:
        lost_html += f'<p class="muted">{len(lost)} 条句子未能在文本中定位（偏移量与文本不符）。</p>'
    warnings = notice.get("warnings") or []
    items = []
    for w in warnings:
        key = w.split(":", 1)[0].strip()
        cls = "problem" if key in PROBLEMS else "repair"
        items.append(f'<li class="{cls}"><b>{escape(WARNING_LABELS.get(key, key))}</b>：{escape(w)}</li>')
    warn_html = f'<ul class="warnings">{"".join(items)}</ul>' if items else '<p class="muted">无警告。</p>'
    meta = [("地区", region), ("层级", notice.get("admin_level")), ("发文字号", notice.get("doc_number")),
            ("发文机关", "、".join(notice.get("issuers") or [])), ("主送机关", "、".join(notice.get("addressees") or [])),
            ("发文日期", notice.get("issue_date") or "未注明"), ("来源", notice.get("source")), ("文件编号", notice.get("doc_id"))]
    dl = "".join(f"<dt>{escape(k)}</dt><dd>{escape(str(v) if v else '—')}</dd>" for k, v in meta)
    return (f'<section class="doc" id="doc-{escape(notice["doc_id"])}"><h3>{escape(notice.get("title") or "（无标题）")}</h3>'
            f"<dl>{dl}</dl><h4>处理记录与警告</h4>{warn_html}{lost_html}<h4>清洗后的正文</h4>"
            f'<div class="text">{"".join(parts)}</div></section>')


def indicator_sections(long: pd.DataFrame) -> str:
    order = [i.id for i in ind.indicators() if i.id in set(long["indicator"])]
    palette = _year_colors(list(dict.fromkeys(_year_label(y) for y in long["deadline_year"])))
    out = []
    for i in order:
        rows = long[long["indicator"] == i]
        valued = rows[rows["value"].notna()]
        charts = [bar_chart(i, unit, g, palette) for unit, g in valued.groupby("unit", sort=True)]
        line = timeline(i, rows)
        qual = int(rows["value"].isna().sum())
        note = f'<p class="muted">另有 {qual} 项定性目标（无数值），见时间轴与原文。</p>' if qual else ""
        if not charts and not line:
            line = f'<svg class="chart empty" data-indicator="{escape(i)}" width="300" height="30">{_svg_text(8, 20, "无可绘制的数值或期限")}</svg>'
        info = ind.by_id()[i]
        out.append(f'<section class="indicator" id="ind-{escape(i)}"><h3>{escape(info.label)} <span class="muted">{escape(i)} · '
                   f'{escape(info.label_en)} · {len(rows)} 项目标</span></h3>{note}<div class="charts">{"".join(charts)}{line}</div></section>')
    return "".join(out)


def write_report(inputs: list[Path], out_path: Path) -> Path:
    """Write the report for the notices of `inputs` to out_path (atomically) and return its path."""
    notices = load_notices(inputs)
    long = long_frame(notices)
    indicator_of = dict(zip(long["obligation_id"], long["indicator"]))
    for n in notices:
        for o in n.get("obligations", []):
            indicator_of.setdefault(o["id"], classify_obligation(o))
    regions = sorted({region_of(n)[2] for n in notices}, key=lambda r: (r != NATIONAL, r))
    mapped = int((long["indicator"] != ind.OTHER).sum())
    pct = f"{100 * mapped / len(long):.0f}%" if len(long) else "—"
    nav = "".join(f'<a href="#ind-{escape(i)}">{escape(ind.label(i))}</a>' for i in dict.fromkeys(
        x.id for x in ind.indicators() if x.id in set(long["indicator"])))
    docs = "".join(document_section(n, indicator_of) for n in sorted(notices, key=lambda n: (region_of(n)[2], n["doc_id"])))
    html = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>政策通知目标对比报告</title><style>{CSS}</style></head>
<body>
<h1>政策通知目标对比报告</h1>
<div class="intro"><p>本页汇总 {len(notices)} 份政策通知（{escape("、".join(regions))}）中的 {len(long)} 项目标，
按统一指标体系归类（{mapped} 项归入具体指标，{pct}），比较各地区的目标值与完成期限。</p>
<p>制作方法：notice-extract（输出格式 {escape(SCHEMA_VERSION)}）读取通知原文，清洗乱码与繁体，识别目标数值、单位、期限与责任单位，
再按 <code>gazetteers/indicators.toml</code> 的指标体系归类；本页由程序生成，不需联网。自动抽取可能出错：
点击任何数值可跳到原文中被高亮的句子核对。背景数据（非目标）只在原文中以灰色标出。</p>
<p class="muted" id="js-status">（脚本未运行：图表与链接仍可用。）</p></div>
<nav><a href="#charts">指标图表</a><a href="#comparison">对比表</a><a href="#documents">通知原文</a></nav>
<h2 id="charts">各指标地区比较</h2><p class="toc">{nav}</p>
{indicator_sections(long)}
<h2 id="comparison">对比表</h2>
<p class="muted">每行一个地区，每列一个指标与期限年份；⚠ 表示不同文件对同一地区、指标、年份给出了不同的值（最新文件的值在前）。</p>
{comparison_table(notices, long)}
<h2 id="documents">通知原文</h2>
{docs}
<script>{SCRIPT}</script>
</body></html>
"""
    out_path = Path(out_path)
    with atomic_writer(out_path) as fh:
        fh.write(html)
    return out_path
