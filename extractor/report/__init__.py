"""One self-contained HTML report: per-indicator charts, the comparison table, and every notice's
cleaned text with its target sentences highlighted, so each number can be checked at its source.

Charts are inline SVG drawn here (no JavaScript library, no network); the small inline script only
adds conveniences (a table filter, highlighting the sentence a link jumps to). The page is written
to the file piece by piece and each notice's text is read from its run only when its section is
written, so memory does not grow with the texts of the run. The page is drawn from a `View`: of a
`RunData` in memory, or of a plan on disk (extractor.tables.plan), whose rows are read one indicator
or one notice at a time; both give the same page.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from extractor import taxonomy as taxonomy_module
from extractor.decide.reliability import HIGH
from extractor.model import SCHEMA_VERSION
from extractor.outputs import atomic_writer
from extractor.report.charts import DEFS, as_of, bar_chart, chart_scale, delivery_chart, svg_text, timeline, unit_family, year_colors
from extractor.report.documents import document_section, unsure
from extractor.tables import NATIONAL, RunData, UNKNOWN_REGION, region_of
from extractor.tables.rows import format_number
from extractor.tables.comparison import Cell, Column, Entry, year_label

if TYPE_CHECKING:
    from extractor.tables.plan import Plan

CSS = """
body{font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0 auto;max-width:1180px;padding:0 16px 40px;color:#222;line-height:1.55}
h1{font-size:1.6em;margin:.8em 0 .3em}h2{border-bottom:2px solid #ddd;padding-bottom:4px;margin-top:2em}h3{margin:1.4em 0 .3em}
.intro{background:#f6f8fa;border-left:4px solid #1f77b4;padding:8px 14px}
nav a{margin-right:1em}.muted{color:#777;font-size:.9em}
.toc a{display:inline-block;margin:2px 4px;padding:1px 8px;border:1px solid #cfd8e3;border-radius:10px;text-decoration:none;font-size:.85em}
.charts{display:flex;flex-wrap:wrap;gap:12px}.chart{border:1px solid #e3e3e3;background:#fff}
svg.chart{font-size:12px}svg text{font-family:inherit}svg text.muted{fill:#777}svg a:hover rect{opacity:.75}
table.cmp{border-collapse:collapse;font-size:.85em;display:block;overflow-x:auto}
table.cmp th,table.cmp td{border:1px solid #ddd;padding:3px 6px;vertical-align:top;white-space:nowrap}
table.cmp thead th{background:#f0f3f6}table.cmp tbody th{position:sticky;left:0;background:#fff;text-align:left}.conflict{color:#b00;font-weight:bold}
.doc{border-top:1px solid #ccc;margin-top:1.5em}.doc dl{display:grid;grid-template-columns:7em 1fr;gap:2px 8px;margin:.4em 0}
.doc dt{color:#666}.doc dd{margin:0}
ul.warnings{margin:.3em 0;padding-left:1.2em}.warnings li.problem{color:#b00}.warnings li.repair{color:#7a5b00}
.text{white-space:pre-wrap;background:#fcfcfc;border:1px solid #eee;padding:10px;max-height:32em;overflow-y:auto;font-size:.92em}
mark.target{background:#ffe98a}mark.fact{background:#e4e4e4}mark.unsure{background:#fff4c4;outline:1px dashed #b58900}
table.unsure{border-collapse:collapse;font-size:.85em}table.unsure td,table.unsure th{border:1px solid #ddd;padding:3px 6px;vertical-align:top}mark:target,mark.flash{outline:3px solid #d62728;background:#ffc9c9}
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
MAX_REGIONS_NAMED = 30


Document = tuple[dict[str, Any], list[dict[str, Any]]]


@dataclass
class View:
    """What the page shows, however the run is held: counts, the taxonomy, each indicator's targets
    (in the long table's order), the comparison region by region, and the notices in page order."""

    taxonomy: list[tuple[str, str, str]]  # id, label, label_en in file order
    notices: int
    regions: list[str]
    targets: int
    mapped: int
    unplaced: int
    facts: int
    colors: dict[str, str]
    present: set[str]
    indicator_rows: Callable[[str], list[dict[str, Any]]]
    columns: list[Column]
    region_cells: Callable[[], Iterator[tuple[dict[str, Any], dict[int, Cell]]]]
    documents: Callable[[], Iterator[Document]]
    delivery: dict[str, dict[str, Any]] = field(default_factory=dict)  # target id -> its latest linked progress

    @classmethod
    def of_data(cls, data: RunData) -> View:
        ind = taxonomy_module
        targets, notices, comp = data.rows.targets, data.index.notices, data.comparison
        by_indicator: dict[str, list[dict[str, Any]]] = {}
        for r in targets:
            by_indicator.setdefault(r["indicator"], []).append(r)
        order = sorted(notices, key=lambda k: (region_of(notices[k]).label, k))

        def region_cells() -> Iterator[tuple[dict[str, Any], dict[int, Cell]]]:
            for r in comp.regions:
                yield r, {k: comp.cells[(r["地区"], k)] for k in range(len(comp.columns)) if (r["地区"], k) in comp.cells}

        def documents() -> Iterator[Document]:
            with data.index.reader() as read:
                for key in order:
                    yield read(key), data.rows.by_doc[key]

        return cls(
            taxonomy=[(i.id, i.label, i.label_en) for i in ind.indicators()], notices=len(notices),
            regions=sorted({region_of(n).label for n in notices.values()} - {UNKNOWN_REGION}, key=lambda r: (r != NATIONAL, r)),
            targets=len(targets), mapped=sum(r["indicator"] != ind.OTHER for r in targets), unplaced=len(data.rows.unplaced),
            facts=len(data.rows.facts), colors=year_colors(year_label(r["deadline_year"]) for r in targets), present=set(by_indicator),
            indicator_rows=lambda i: by_indicator.get(i, []), columns=comp.columns, region_cells=region_cells,
            documents=documents, delivery=data.delivery)

    @classmethod
    def of_plan(cls, plan: Plan) -> View:
        fig = plan.figures

        def indicator_rows(indicator: str) -> list[dict[str, Any]]:
            return list(plan.row_stream(fig.by_indicator.get(indicator, ())))

        def region_cells() -> Iterator[tuple[dict[str, Any], dict[int, Cell]]]:
            for region, cells in plan.region_cells():
                yield region, {k: plan.cell_of(text, links) for k, (text, links) in cells.items()}

        return cls(
            taxonomy=[(i, label, label_en) for i, label, label_en, *_ in plan.taxonomy[:-1]], notices=fig.notices,
            regions=fig.regions, targets=fig.targets, mapped=fig.mapped, unplaced=fig.unplaced, facts=fig.facts,
            colors=year_colors(fig.years), present=set(fig.by_indicator),
            indicator_rows=indicator_rows, columns=plan.columns, region_cells=region_cells,
            documents=lambda: plan.documents(fig.documents), delivery=plan.delivery)


def indicator_order(view: View) -> list[tuple[str, int]]:
    """The indicators with targets (canonical, their variants, provisional keys) and how many regions set each:
    those set by two or more regions first, most regions first, then taxonomy order (variants after their
    indicator, provisional keys last)."""
    rank = {ident: k for k, (ident, _, _) in enumerate(view.taxonomy)}
    counts = []
    for ident in view.present - {taxonomy_module.OTHER}:
        regions = {r["region"] for r in view.indicator_rows(ident)}
        counts.append((ident, len(regions)))
    base = taxonomy_module.base_id
    return sorted(counts, key=lambda c: (c[1] < 2, -c[1], rank.get(base(c[0]), len(rank)), c[0] != base(c[0]), c[0]))


COMPARE_HEAD = ("地区", "数值", "单位", "比较", "期限", "进展", "完成情况", "约束性", "来源文件", "原文")
DELIVERY_ZH = {"met": "已完成", "on_track": "进度正常", "behind": "进度落后", "unknown": "无法判断"}


def comparison_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One indicator's targets as the comparison shows them: one row per region (the values of its latest
    notice first; several when a notice sets several), sorted by region, deadline and notice."""
    def key(r: dict[str, Any]) -> tuple[Any, ...]:
        return (r["region"] != NATIONAL, r["region"] or "", r["deadline"] or "9999", -(int((r["issue_date"] or "0").replace("-", "") or 0)),
                r["obligation_id"] or "")
    return sorted(rows, key=key)


def comparison_block(ident: str, rows: list[dict[str, Any]], delivery: dict[str, dict[str, Any]] | None = None) -> str:
    """The per-indicator table: region, value in the base unit, unit, comparator, deadline, the latest progress
    reported on the target and its delivery status (target vs reported progress by region, docs/progress.md),
    strength, source notice and sentence, each value linked to its sentence."""
    body = []
    for r in comparison_rows(rows):
        value = r["display"] if r["value"] is None else format_number(r["value"]) + ("–" + format_number(r["value_max"]) if r["value_max"] is not None else "")
        d = (delivery or {}).get(r["obligation_id"] or "")
        progress = "" if d is None or d["delivery_value"] is None else f'{format_number(d["delivery_value"])}（截至{d["delivery_as_of"]}）'
        status = "" if d is None else DELIVERY_ZH.get(d["delivery"], d["delivery"]) + (
            "" if d["delivery_share"] is None else f' {d["delivery_share"]:.0%}')
        body.append(
            f'<tr><th>{escape(r["region"] or "")}</th><td><a href="#ob-{escape(r["obligation_id"] or "")}">{escape(value)}</a></td>'
            f'<td>{escape(r["unit"] or "")}</td><td>{escape(r["comparator"] or "")}</td><td>{escape(r["deadline"] or "无期限")}</td>'
            f'<td class="progress">{escape(progress)}</td><td class="delivery" data-status="{escape(d["delivery"] if d else "")}">{escape(status)}</td>'
            f'<td>{escape(STRENGTH_ZH.get(r["strength"] or "", r["strength"] or ""))}</td><td>{escape(r["title"] or r["doc_id"] or "")}</td>'
            f'<td class="sentence">{escape((r["sentence"] or "")[:160])}</td></tr>')
    head = "".join(f"<th>{h}</th>" for h in COMPARE_HEAD)
    return (f'<table class="ind-compare" data-indicator="{escape(ident)}"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table>')


STRENGTH_ZH = {"binding": "约束性", "aspirational": "预期性", "encouraged": "鼓励性"}


def indicator_sections(view: View) -> Iterable[str]:
    """One section per indicator with targets (those set by two or more regions first): a bar chart per unit
    (units counted alike share one), each on its own scale, a deadline timeline (past deadlines measured against
    the report's date), and the comparison table, one row per region."""
    colors, today = view.colors, as_of()
    names = {ident: (label, label_en) for ident, label, label_en in view.taxonomy}
    for ident, nregions in indicator_order(view):
        rows = view.indicator_rows(ident)
        label = rows[0]["indicator_label"] if rows and rows[0]["indicator_label"] else taxonomy_module.label(ident)
        label_en = names.get(ident, ("", "provisional" if taxonomy_module.is_provisional(ident) else names.get(
            taxonomy_module.base_id(ident), ("", ""))[1]))[1]
        by_family: dict[str, list[dict[str, Any]]] = {}
        for r in rows:
            if r["value"] is not None:
                by_family.setdefault(unit_family(r["unit"] or ""), []).append(r)
        charts = [bar_chart(ident, "、".join(sorted({r["unit"] or "" for r in by_family[f]})), by_family[f],
                            chart_scale(by_family[f]), colors, label, today) for f in sorted(by_family)]
        line = timeline(ident, rows, label, today) + delivery_chart(ident, rows, view.delivery, label)
        qual = sum(r["value"] is None for r in rows)
        note = f'<p class="muted">另有 {qual} 项定性目标（无数值），见时间轴与原文。</p>' if qual else ""
        if not charts and not line:
            line = (f'<svg class="chart empty" data-indicator="{escape(ident)}" width="300" height="30">'
                    f'{svg_text(8, 20, "无可绘制的数值或期限")}</svg>')
        yield (f'<section class="indicator" id="ind-{escape(ident)}" data-regions="{nregions}"><h3>{escape(label)} <span class="muted">'
               f'{escape(ident)} · {escape(label_en)} · {nregions} 个地区 · {len(rows)} 项目标</span></h3>{note}'
               f'<div class="charts">{"".join(charts)}{line}</div>{comparison_block(ident, rows, view.delivery)}</section>\n')


def _value_links(entries: list[Entry]) -> str:
    return "、".join(f'<a href="#ob-{escape(e.row["obligation_id"] or "")}">{escape(e.text)}</a>' for e in entries)


def _cell_html(cell: Cell | None) -> str:
    if cell is None:
        return "<td></td>"
    html = _value_links(cell.first)
    if cell.conflict:
        html += f' <span class="conflict" title="其他文件给出不同的值">⚠ {_value_links(cell.others)}</span>'
    return f"<td{' class=conflict-cell' if cell.conflict else ''}>{html}</td>"


def comparison_table(view: View) -> Iterable[str]:
    """The matrix as an HTML table; each value links to its sentence."""
    groups: list[tuple[str, str, int]] = []
    for c in view.columns:
        if groups and groups[-1][0] == c.indicator:
            groups[-1] = (c.indicator, c.label, groups[-1][2] + 1)
        else:
            groups.append((c.indicator, c.label, 1))
    head1 = "".join(f'<th colspan="{n}"><a href="#ind-{escape(i)}">{escape(lab)}</a></th>' for i, lab, n in groups)
    head2 = "".join(f"<th>{escape(c.year)}</th>" for c in view.columns)
    yield (f'<table class="cmp" id="cmp"><thead><tr><th rowspan="2">地区</th><th rowspan="2">最新发文日期</th>{head1}</tr>'
           f"<tr>{head2}</tr></thead><tbody>")
    for r, row_cells in view.region_cells():
        cells = "".join(_cell_html(row_cells.get(k)) for k in range(len(view.columns)))
        yield f"<tr><th>{escape(r['地区'])}</th><td>{escape(r['最新发文日期'] or '未注明')}</td>{cells}</tr>\n"
    yield "</tbody></table>"


def unsure_section(view: View) -> Iterable[str]:
    """The targets with a low confidence, apart and least sure first: the ones to check before quoting them.
    They stay in the charts and the table (a user may filter them out with --min-confidence)."""
    rows = sorted((r for i in sorted(view.present) for r in view.indicator_rows(i) if unsure(r)),
                  key=lambda r: (r["confidence"], r["doc_id"] or "", r["obligation_id"] or ""))
    yield (f'<h2 id="unsure">待核对的目标</h2>\n<p class="muted">置信度低于 {HIGH:g} 的目标共 {len(rows)} 项（置信度是经过校准的概率：'
           f"高于 {HIGH:g} 的目标在训练数据中至少九成正确）。它们仍计入上面的图表与对比表；点击数值可跳到原文核对。</p>\n")
    if not rows:
        return
    yield '<table class="unsure"><thead><tr><th>置信度</th><th>通知</th><th>指标</th><th>目标</th><th>期限</th></tr></thead><tbody>'
    for r in rows:
        yield (f'<tr><td>{r["confidence"]:.2f}</td><td>{escape(r["title"] or r["doc_id"] or "")}</td><td>{escape(r["indicator_label"] or "")}</td>'
               f'<td><a href="#ob-{escape(r["obligation_id"] or "")}">{escape(r["display"] or "")}</a></td><td>{escape(r["deadline"] or "无")}</td></tr>\n')
    yield "</tbody></table>\n"


def _intro(view: View) -> str:
    named = "、".join(view.regions[:MAX_REGIONS_NAMED]) + (f" 等 {len(view.regions)} 个地区" if len(view.regions) > MAX_REGIONS_NAMED else "")
    pct = f"{100 * view.mapped / view.targets:.0f}%" if view.targets else "—"
    unplaced = (f"另有 {view.unplaced} 项目标所属地区未能识别，不参与比较（见“通知原文”与表格 unknown_region）。"
                if view.unplaced else "")
    return (f'<div class="intro"><p>本页汇总 {view.notices} 份政策通知（{escape(named)}）中的 {view.targets} 项目标，'
            f"按统一指标体系归类（{view.mapped} 项归入具体指标，{pct}），比较各地区的目标值与完成期限。{unplaced}"
            f"背景数据（截至、已、累计等，共 {view.facts} 项）不是目标，只在原文中以灰色标出。</p>"
            "<p>制作方法：notice-extract（输出格式 " + escape(SCHEMA_VERSION) + "）读取通知原文，清洗乱码与繁体，识别目标数值、"
            "单位、范围、期限与责任单位，再按 <code>gazetteers/indicators.toml</code> 的指标体系归类；本页由程序生成，不需联网。"
            "每幅图表有自己的数轴（从 0 到图中最大值，百分比为 0–100%），长短只在同一幅图内可比；个、家等同类单位合在一幅图中。"
            f"期限早于本页生成日期（{escape(as_of())}）的目标，条形加斜线、时间轴上为空心圆点。数值前是其范围（全省、每个乡镇……）。自动抽取可能出错："
            "点击任何数值可跳到原文中被高亮的句子核对。</p>"
            '<p class="muted" id="js-status">（脚本未运行：图表与链接仍可用。）</p></div>')


def render(source: RunData | View, fh: IO[str]) -> None:
    """Write the whole page to `fh`, one part at a time."""
    view = source if isinstance(source, View) else View.of_data(source)
    nav = "".join(f'<a href="#ind-{escape(i)}">{escape(label)}</a>' for i, label, _ in view.taxonomy if i in view.present)
    fh.write('<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
             '<meta name="viewport" content="width=device-width,initial-scale=1">'
             f"<title>政策通知目标对比报告</title><style>{CSS}</style></head>\n<body>\n{DEFS}\n<h1>政策通知目标对比报告</h1>\n")
    fh.write(_intro(view))
    fh.write('\n<nav><a href="#charts">指标图表</a><a href="#comparison">对比表</a><a href="#unsure">待核对</a><a href="#documents">通知原文</a></nav>\n'
             f'<h2 id="charts">各指标地区比较</h2><p class="toc">{nav}</p>\n')
    fh.writelines(indicator_sections(view))
    fh.write('<h2 id="comparison">对比表</h2>\n<p class="muted">每行一个地区，每列一个指标与期限年份；数值前是其范围；⚠ 表示不同文件对同一地区、'
             "指标、年份给出了不同的值（最新文件的值在前）。</p>\n")
    fh.writelines(comparison_table(view))
    fh.write("\n")
    fh.writelines(unsure_section(view))
    fh.write('\n<h2 id="documents">通知原文</h2>\n')
    for notice, rows in view.documents():
        fh.write(document_section(notice, rows))
    fh.write(f"<script>{SCRIPT}</script>\n</body></html>\n")


def render_report(data: RunData | View, out_path: Path) -> Path:
    """Write the report of `data` to out_path (atomically) and return its path."""
    out_path = Path(out_path)
    with atomic_writer(out_path) as fh:
        render(data, fh)
    return out_path


def write_report(inputs: Iterable[Path], out_path: Path) -> Path:
    """Read the runs `inputs` and write their report to out_path, one indicator and one notice at a time."""
    from extractor.tables import plan

    with plan.built(inputs) as p:
        return render_report(View.of_plan(p), out_path)
