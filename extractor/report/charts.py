"""Inline SVG charts: an indicator's values by region, and its deadline timeline.

Each chart has its own scale, from 0 to the largest value it shows (0–100 for percentages up to 100), so
1 person is not a sliver on a 0–2,000,000 axis drawn for another indicator; the scale is written under
the plot. Units that are counted alike (个 and 家: gazetteers/keywords/report.toml) share one chart. Each
value is labelled with its scope (全省≥30%, 每个试点城市3–5个). A deadline already past on the report's
date (`as_of`) is told apart by more than colour: its bar is hatched and its timeline dot hollow, both
named in the chart's legend. Every label is measured (`layout`) and wrapped, shortened or moved to a free
line so that no two labels overlap; each bar and dot links to its sentence in the notice's text.
"""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from math import ceil
from typing import Any

from extractor.report.layout import LINE_HEIGHT, Lanes, fit, text_width, wrap
from extractor.tables.comparison import year_label
from extractor.tables.rows import UNDATED, format_number

WIDTH = 570
FONT = 12.0
SMALL = 11.0
LINE = ceil(FONT * LINE_HEIGHT)  # 18 px between lines of 12 px text
LEFT = 140  # region labels end 8 px before this x
PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"]

BAR_PLOT, BAR, BAR_STEP = 250, 14, 20
PAST = "past-deadline"  # the id of the hatch pattern of past deadlines (DEFS, written once at the top of the page)
DEFS = ('<svg width="0" height="0" style="position:absolute" aria-hidden="true"><defs>'
        f'<pattern id="{PAST}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect width="2.5" height="6" fill="#fff" fill-opacity=".75"/></pattern></defs></svg>')
BAR_LABEL = WIDTH - LEFT - BAR_PLOT - 12
TIME_LABEL = 112
TIME_PLOT = WIDTH - LEFT - TIME_LABEL - 14


def svg_text(x: float, y: float, text: str, anchor: str = "start", extra: str = "") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{" " + extra if extra else ""}>{escape(text)}</text>'


def titled(text: str, shown: str, element: str) -> str:
    """`element` inside a group whose tooltip is the full text, when the shown text was shortened."""
    return f"<g><title>{escape(text)}</title>{element}</g>" if shown != text else element


def year_colors(years: Iterable[str]) -> dict[str, str]:
    """One colour per deadline year, the same in every chart."""
    ordered = sorted(set(years), key=lambda y: (y == UNDATED, y))
    return {y: PALETTE[k % len(PALETTE)] for k, y in enumerate(ordered)}


def as_of() -> str:
    """The report's date, which tells past deadlines from future ones: SOURCE_DATE_EPOCH when set (a
    reproducible build), else today (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    when = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch.isdigit() else dt.datetime.now(dt.timezone.utc)
    return when.date().isoformat()


def is_past(row: dict[str, Any], today: str) -> bool:
    return bool(row.get("deadline")) and row["deadline"] < today


def unit_family(unit: str) -> str:
    """The family a unit is charted with (个, 家 → 个/家/所/处); the unit itself when it has none."""
    from extractor import gazetteers

    return gazetteers.keywords("report")["unit_families"].get(unit, unit)


def chart_scale(rows: Iterable[dict[str, Any]]) -> Scale:
    """The scale of one chart: 0 to its largest value (0–100 for percentages up to 100); the unit its ticks show
    (none when the chart mixes units of one family)."""
    rows = list(rows)
    units = sorted({r["unit"] or "" for r in rows})
    top = unit_tops(rows).values()
    largest = max(top, default=0.0)
    if units == ["%"] and largest <= 100:
        largest = 100.0
    return Scale(units[0] if len(units) == 1 else "", largest if largest > 0 else 1.0)


@dataclass(frozen=True)
class Scale:
    """One chart's axis: its unit and its top."""

    unit: str
    top: float

    def x(self, value: float) -> float:
        return BAR_PLOT * min(value, self.top) / self.top


def unit_tops(rows: Iterable[dict[str, Any]]) -> dict[str, float]:
    """The largest value (or upper end) per unit."""
    tops: dict[str, float] = {}
    for r in rows:
        if r["value"] is None:
            continue
        unit = r["unit"] or ""
        tops[unit] = max(tops.get(unit, 0.0), float(r["value_max"] if r["value_max"] is not None else r["value"]))
    return tops


def _label(indicator: str, label: str | None) -> str:
    if label is not None:
        return label
    from extractor import taxonomy

    return taxonomy.label(indicator)


def _header(svg_class: str, indicator: str, height: float, label: str, extra: str = "") -> str:
    return (f'<svg class="chart {svg_class}" data-indicator="{escape(indicator)}"{extra} width="{WIDTH}" height="{height:.0f}" '
            f'viewBox="0 0 {WIDTH} {height:.0f}" role="img" aria-label="{escape(label)}">')


def _title(text: str) -> str:
    shown = fit(text, WIDTH - 20, FONT + 1, bold=True)
    return titled(text, shown, svg_text(10, 18, shown, extra=f'font-weight="bold" font-size="{FONT + 1:g}"'))


def _legend(colors: dict[str, str], y: float, past: str | None = None) -> tuple[str, float]:
    """Colour keys placed left to right by their measured width, wrapping to new lines; then, when `past` (the
    report's date) is given, the key of the hatching that marks deadlines before it."""
    keys = [(f'<rect x="{{x:.1f}}" y="{{y:.1f}}" width="12" height="12" fill="{color}"/>', year if year == UNDATED else f"{year}年")
            for year, color in colors.items()]
    if past is not None:
        keys.append((f'<rect x="{{x:.1f}}" y="{{y:.1f}}" width="12" height="12" fill="#888"/>'
                     f'<rect x="{{x:.1f}}" y="{{y:.1f}}" width="12" height="12" fill="url(#{PAST})" stroke="#555" stroke-dasharray="2 1"/>',
                     f"斜线：期限已过（早于{past}）"))
    parts, x = [], 10.0
    for swatch, label in keys:
        w = 16 + text_width(label, FONT) + 14
        if x + w > WIDTH - 10 and x > 10:
            x, y = 10.0, y + LINE
        parts.append(swatch.format(x=x, y=y - 10) + svg_text(x + 16, y, label))
        x += w
    return "".join(parts), y + LINE


def _region_label(region: str, top: float, height: float | None = None) -> str:
    """Region name right-aligned before the plot, wrapped to two lines; centred on its rows when given
    their `height`, else its first line on the baseline `top`."""
    lines = wrap(region, LEFT - 16, FONT)
    y = top if height is None else top + (height - len(lines) * LINE) / 2 + LINE - 5
    texts = "".join(svg_text(LEFT - 8, y + k * LINE, line, "end") for k, line in enumerate(lines))
    return f'<g class="region"><title>{escape(region)}</title>{texts}</g>'


def _link(obligation_id: str, tip: str, body: str) -> str:
    return f'<a href="#ob-{escape(obligation_id)}"><title>{escape(tip)}</title>{body}</a>'


def bar_chart(indicator: str, unit: str, rows: list[dict[str, Any]], scale: Scale, colors: dict[str, str],
              label: str | None = None, today: str | None = None) -> str:
    """Horizontal bars of one indicator's values in one unit (or family of units), grouped by region, on the
    chart's own scale (`label`: the indicator's name, looked up in the taxonomy when not given); bars whose
    deadline is before `today` (default: the report's date) are hatched."""
    name = _label(indicator, label)
    today = today or as_of()
    by_region: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_region.setdefault(r["region"], []).append(r)
    used = {y: c for y, c in colors.items() if y in {year_label(r["deadline_year"]) for r in rows}}
    legend, y = _legend(used, 42, today if any(is_past(r, today) for r in rows) else None)
    note = f"刻度：本图自有数轴（0–{format_number(scale.top)}{scale.unit}），长短只在本图内可比"
    shown_note = fit(note, WIDTH - 20, SMALL)
    body = [titled(note, shown_note, svg_text(10, y, shown_note, extra=f'class="muted" font-size="{SMALL:g}"'))]
    y += LINE
    plot_top = y
    for region, items in by_region.items():
        items.sort(key=lambda r: (r["deadline_year"] is None, r["deadline_year"] or 0, r["obligation_id"] or ""))
        lines = len(wrap(region, LEFT - 16, FONT))
        height = max(len(items) * BAR_STEP, lines * LINE)
        body.append(_region_label(region, y, height))
        by = y + (height - len(items) * BAR_STEP) / 2 + (BAR_STEP - BAR) / 2
        for r in items:
            body.append(_bar(r, region, scale, used[year_label(r["deadline_year"])], by, is_past(r, today)))
            by += BAR_STEP
        y += height + 8
    body.append(f'<line x1="{LEFT}" y1="{plot_top - 4:.1f}" x2="{LEFT}" y2="{y:.1f}" stroke="#999"/>')
    body.append(_axis(scale, y))
    height = y + LINE + 8
    label = f"{name}（{unit}）按地区"
    return (_header("bar", indicator, height, label + "比较", f' data-unit="{escape(unit)}" data-scale="{format_number(scale.top)}"')
            + _title(label) + legend + "".join(body) + "</svg>")


def _bar(r: dict[str, Any], region: str, scale: Scale, color: str, y: float, past: bool = False) -> str:
    w = max(2.0, scale.x(float(r["value"])))
    shapes = f'<rect x="{LEFT}" y="{y:.1f}" width="{w:.1f}" height="{BAR}" fill="{color}"/>'
    if r["value_max"] is not None:
        w2 = max(w, scale.x(float(r["value_max"])))
        shapes += f'<rect x="{LEFT + w:.1f}" y="{y:.1f}" width="{w2 - w:.1f}" height="{BAR}" fill="{color}" opacity=".35"/>'
        w = w2
    if past:  # hatched and outlined, so a past deadline does not rest on its colour alone
        shapes += (f'<rect class="past" x="{LEFT}" y="{y:.1f}" width="{w:.1f}" height="{BAR}" fill="url(#{PAST})" '
                   'stroke="#555" stroke-dasharray="2 1"/>')
    label = fit(r["display"], BAR_LABEL, FONT)
    tip = f"{region} {year_label(r['deadline_year'])}：{r['display']}" + ("（期限已过）" if past else "") + f"\n{r['sentence'] or ''}"
    return _link(r["obligation_id"] or "", tip, shapes + svg_text(LEFT + w + 4, y + BAR - 2, label, extra='class="value"'))


def _axis(scale: Scale, y: float) -> str:
    """Ticks at 0, half and the top of the unit's scale, labelled below the plot."""
    parts = []
    for frac, anchor in ((0.0, "start"), (0.5, "middle"), (1.0, "middle")):
        x = LEFT + BAR_PLOT * frac
        label = fit(f"{format_number(scale.top * frac)}{scale.unit}", BAR_PLOT / 2 - 12, SMALL)
        parts.append(f'<line x1="{x:.1f}" y1="{y - 4:.1f}" x2="{x:.1f}" y2="{y:.1f}" stroke="#999"/>')
        parts.append(svg_text(x, y + 14, label, anchor, extra=f'font-size="{SMALL:g}"'))
    return "".join(parts)


def timeline(indicator: str, rows: list[dict[str, Any]], label: str | None = None, today: str | None = None) -> str:
    """Deadlines of an indicator's dated targets by region on a year axis, each dot labelled with its value: a
    filled dot for a deadline still to come, a hollow one for a deadline before `today` (default: the report's
    date), which a dashed line marks on the axis."""
    name = _label(indicator, label)
    today = today or as_of()
    dated = [r for r in rows if r["deadline_year"] is not None]
    if not dated:
        return ""
    y0, y1 = min(r["deadline_year"] for r in dated), max(r["deadline_year"] for r in dated)
    if y0 == y1:
        y0, y1 = y0 - 1, y1 + 1
    xs = {y: LEFT + TIME_PLOT * (y - y0) / (y1 - y0) for y in range(y0, y1 + 1)}
    by_region: dict[str, list[dict[str, Any]]] = {}
    for r in sorted(dated, key=lambda r: (r["deadline"] or "", r["obligation_id"] or "")):
        by_region.setdefault(r["region"], []).append(r)
    past_any = any(is_past(r, today) for r in dated)
    key = f"● 期限未到　○ 期限已过（早于{today}）" if past_any else ""
    body, top = [svg_text(10, 34, key, extra=f'class="muted" font-size="{SMALL:g}"')] if key else [], 34.0 + (LINE if key else 0)
    grid_top = top - 4
    for region, items in by_region.items():
        lanes, marks = Lanes(), []
        dots = sorted({xs[r["deadline_year"]] for r in items})
        for r in sorted(items, key=lambda r: (xs[r["deadline_year"]], r["obligation_id"] or "")):
            x = xs[r["deadline_year"]]
            label = fit(r["display"], TIME_LABEL, SMALL)
            end = x + 7 + text_width(label, SMALL)
            covers_dot = any(x < d <= end + 6 for d in dots)
            lane = lanes.place(x + 7, end, first=1 if covers_dot else 0)
            marks.append((r, x, label, lane))
        height = max(lanes.count, len(wrap(region, LEFT - 16, FONT))) * LINE + 6
        cy = top + LINE / 2 + 2
        body.append(_region_label(region, cy + 4))
        body.append(f'<line x1="{LEFT}" y1="{cy:.1f}" x2="{LEFT + TIME_PLOT}" y2="{cy:.1f}" stroke="#ccc"/>')
        for r, x, label, lane in marks:
            past = is_past(r, today)
            tip = f"{region} {r['deadline']}：{r['display']}" + ("（期限已过）" if past else "")
            dot = (f'<circle class="past" cx="{x:.1f}" cy="{cy:.1f}" r="4.5" fill="#fff" stroke="#d62728" stroke-width="2"/>' if past
                   else f'<circle cx="{x:.1f}" cy="{cy:.1f}" r="5" fill="#d62728"/>')
            text = svg_text(x + 7, cy + 4 + lane * LINE, label, extra=f'class="value" font-size="{SMALL:g}"')
            body.append(_link(r["obligation_id"] or "", tip, dot + text))
        top += height
    axis_y = top + 4
    grid = [f'<line x1="{x:.1f}" y1="{grid_top:.1f}" x2="{x:.1f}" y2="{axis_y:.1f}" stroke="#eee"/>' for x in xs.values()]
    day = dt.date.fromisoformat(today)
    # a dot stands at the end of its deadline year (到2025年 → 2025-12-31), so the report's date is drawn that way too
    now = day.year - 1 + day.timetuple().tm_yday / (dt.date(day.year, 12, 31).timetuple().tm_yday)
    if y0 <= now <= y1:  # the report's date on the axis, dashed: dots left of it are past
        x = LEFT + TIME_PLOT * (now - y0) / (y1 - y0)
        grid.append(f'<line class="today" x1="{x:.1f}" y1="{grid_top:.1f}" x2="{x:.1f}" y2="{axis_y:.1f}" stroke="#555" '
                    'stroke-dasharray="4 3"/>')
    height = axis_y + LINE + 6
    label = f"{name}：完成期限"
    return (_header("timeline", indicator, height, label) + _title(label) + "".join(grid) + "".join(body)
            + _year_axis(xs, axis_y) + "</svg>")


def _year_axis(xs: dict[int, float], y: float) -> str:
    """Year labels, every k-th year when the years are too close for all of them."""
    years = sorted(xs)
    step_px = (xs[years[-1]] - xs[years[0]]) / max(1, len(years) - 1)
    every = max(1, ceil((text_width("2000", SMALL) + 8) / step_px))
    return "".join(svg_text(xs[yr], y + 14, str(yr), "middle", extra=f'font-size="{SMALL:g}"')
                   for k, yr in enumerate(years) if k % every == 0)


DELIVERY_COLORS = {"met": "#2ca02c", "on_track": "#1f77b4", "behind": "#d62728", "unknown": "#7f7f7f"}
DELIVERY_NAMES = {"met": "已完成", "on_track": "进度正常", "behind": "进度落后", "unknown": "无法判断"}


def delivery_chart(indicator: str, rows: list[dict[str, Any]], delivery: dict[str, dict[str, Any]],
                   label: str | None = None) -> str:
    """Target vs reported progress by region: one bar per target with linked progress, its length the progress as
    a share of the target on a scale from 0 to the largest share (at least 100 %, marked by a line), coloured
    by status and labelled with both figures and the date the progress refers to; '' when no target has any."""
    linked = [(r, delivery[r["obligation_id"]]) for r in rows
              if r["obligation_id"] in delivery and delivery[r["obligation_id"]]["delivery_share"] is not None]
    if not linked:
        return ""
    name = _label(indicator, label)
    top = max(1.0, max(d["delivery_share"] for _, d in linked))
    keys = {s: c for s, c in DELIVERY_COLORS.items() if s in {d["delivery"] for _, d in linked}}
    parts, x, y = [], 10.0, 42.0
    for status, color in keys.items():
        text = DELIVERY_NAMES[status]
        parts.append(f'<rect x="{x:.1f}" y="{y - 10:.1f}" width="12" height="12" fill="{color}"/>' + svg_text(x + 16, y, text))
        x += 16 + text_width(text, FONT) + 14
    y += LINE
    note = f"刻度：进展占目标的比例（0–{top:.0%}），竖线为目标（100%）"
    shown_note = fit(note, WIDTH - 20, SMALL)
    parts.append(titled(note, shown_note, svg_text(10, y, shown_note, extra=f'class="muted" font-size="{SMALL:g}"')))
    y += LINE
    plot_top = y
    for r, d in sorted(linked, key=lambda p: (p[0]["region"] or "", p[0]["deadline"] or "", p[0]["obligation_id"] or "")):
        lines = len(wrap(r["region"] or "", LEFT - 16, FONT))
        height = max(BAR_STEP, lines * LINE)
        parts.append(_region_label(r["region"] or "", y, height))
        by = y + (height - BAR) / 2
        w = max(2.0, BAR_PLOT * d["delivery_share"] / top)
        text = (f"{format_number(d['delivery_value'])}/{format_number(r['value'])}{r['unit'] or ''}"
                f" 截至{d['delivery_as_of']}")
        shown = fit(text, WIDTH - LEFT - w - 10, SMALL)
        tip = (f"{r['region']}：目标 {r['display']}（{r['deadline'] or '无期限'}），进展 {format_number(d['delivery_value'])}"
               f"（截至{d['delivery_as_of']}），{DELIVERY_NAMES.get(d['delivery'], d['delivery'])} {d['delivery_share']:.0%}")
        shapes = (f'<rect class="delivery" data-status="{escape(d["delivery"])}" x="{LEFT}" y="{by:.1f}" width="{w:.1f}" '
                  f'height="{BAR}" fill="{DELIVERY_COLORS.get(d["delivery"], "#7f7f7f")}"/>')
        parts.append(_link(r["obligation_id"] or "", tip, shapes + svg_text(LEFT + w + 4, by + BAR - 2, shown,
                                                                            extra=f'class="value" font-size="{SMALL:g}"')))
        y += height + 8
    goal = LEFT + BAR_PLOT / top
    parts.append(f'<line x1="{LEFT}" y1="{plot_top - 4:.1f}" x2="{LEFT}" y2="{y:.1f}" stroke="#999"/>')
    parts.append(f'<line class="goal" x1="{goal:.1f}" y1="{plot_top - 4:.1f}" x2="{goal:.1f}" y2="{y:.1f}" '
                 'stroke="#333" stroke-dasharray="3 2"/>')
    height = y + 8
    title = f"{name}：目标与进展按地区"
    return _header("delivery", indicator, height, title, "") + _title(title) + "".join(parts) + "</svg>"
