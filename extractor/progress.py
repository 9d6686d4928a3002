"""Promise and delivery: link each target to the progress later reported on it.

A target (`到2020年新建5G基站2万个`) and a report (`截至9月底新建开通5G基站20046个`) are linked when they share the
indicator the extraction gave them, the region and the level of government, and the report's figure refers to a
date (`as_of`) inside the target's period. Only the extraction's fields are read (indicator, value in the base
unit, deadline, region); the words that date a figure and the plan periods are in gazetteers/progress.toml.

- A report is a `fact`, or a target whose deadline is before its page's issue date (a figure stated as reached).
- The period of a five-year target runs from 1 January of the plan's first year (十四五: 2021; else four years
  before the deadline's year) to its deadline; an annual target's (deadline in the year it was issued, or
  worded 今年/年度) over that calendar year. What is added in a year (the `+新增` variant) reports on an annual
  target of the same indicator; cumulative and annual figures are otherwise kept apart by their indicator ids.
- Status (../shared/eval/progress/README.md): `met` when progress ≥ target (≤ for a cap: worded as one, or a
  target without a comparator of an indicator marked `falling` in the taxonomy); else `on_track` when
  progress has reached the straight line from a baseline printed in the target's own document to the target at
  its deadline, or, without a baseline, when progress ÷ target reaches the elapsed share of the period at
  `as_of`; else `behind`; `unknown` when a value is missing or zero.
"""
from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from extractor import cells as safe
from extractor import gazetteers, taxonomy

STATUSES = ("met", "on_track", "behind", "unknown")
INCREMENT = "+新增"
TASK_SHARE = "[年度任务%]"  # the variant of an indicator whose figure is a share of the year's task (task_of)
FIELDS = ("region", "level", "indicator", "indicator_label", "status", "share",
          "target_value", "target_unit", "target_comparator", "target_deadline", "period_start",
          "progress_value", "progress_unit", "as_of", "baseline_value", "baseline_as_of",
          "target_source", "target_doc_id", "target_id", "target_sentence",
          "progress_source", "progress_doc_id", "progress_id", "progress_sentence")


@dataclass(frozen=True)
class Dating:
    patterns: tuple[re.Pattern[str], ...]
    relative: dict[str, int]
    now: tuple[str, ...]
    plans: dict[str, tuple[int, int]]
    annual: tuple[str, ...]
    annual_patterns: tuple[re.Pattern[str], ...]
    max_ratio: int
    review: tuple[re.Pattern[str], ...]
    plan_words: tuple[str, ...]
    done_words: tuple[str, ...]
    cumulative_words: tuple[str, ...]
    several_provinces: int
    review_reports: tuple[str, ...]
    part_months: dict[str, int]
    base_year: re.Pattern[str]
    task_share: re.Pattern[str]


@lru_cache(maxsize=1)
def _dating() -> Dating:
    data = gazetteers.progress()
    return Dating(tuple(re.compile(p) for p in data["as_of"]), dict(data["relative_years"]), tuple(data["as_of_now"]),
                  {k: (int(v[0]), int(v[1])) for k, v in data["plans"].items()}, tuple(data["annual_words"]),
                  tuple(re.compile(p) for p in data["annual_patterns"]), int(data["max_ratio"]),
                  tuple(re.compile(p) for p in data["review_years"]), tuple(data["plan_words"]), tuple(data["done_words"]),
                  tuple(data["cumulative_words"]), int(data["several_provinces"]), tuple(data["review_reports"]),
                  dict(data["part_months"]), re.compile(data["base_year"]),
                  re.compile(data["task_share"]))


def _year_of(iso: str | None) -> int | None:
    m = re.match(r"^(\d{4})-", iso or "")
    return int(m.group(1)) if m else None


def _end_of(year: int, month: int = 12) -> str:
    return date(year, month, calendar.monthrange(year, month)[1]).isoformat()


def as_of(sentence: str, issue_date: str | None, deadline: str | None = None, before: str = "", lead: str = "") -> str | None:
    """The date a reported figure refers to: the first dating words of its sentence (截至2020年9月底 -> 2020-09-30;
    2023年 -> 2023-12-31; 1-8月份, 前三季度, 截至9月底 -> that month's end in the page's year; “十四五”期间 -> 2025-12-31;
    去年 -> the year before the page's), else a deadline the
    extraction gave it, else the page's date for 截至目前, else the year of the reviewed work named in the text
    `before` it in its paragraph (the nearest) or in the page's `lead` (a work report reviewing 2024), else the
    year before the page's when it or the lead names a work report (政府工作报告说,…达86.5% in March 2023: 2022),
    else None."""
    d = _dating()
    issue_year = _year_of(issue_date)
    for p in d.patterns:
        m = p.search(sentence)
        if not m:
            continue
        groups = m.groupdict()
        month = d.part_months.get(groups.get("part") or "") or (int(groups["m"]) if groups.get("m") else None)
        if groups.get("y"):
            year = int(groups["y"])
            return _end_of(year, month) if month else _end_of(year)
        if month and issue_year:
            issued = re.match(r"^\d{4}-(\d{2})", issue_date or "")
            return _end_of(issue_year - (1 if issued and month > int(issued.group(1)) else 0), month)
        if groups.get("plan") and groups["plan"] in d.plans:
            return _end_of(d.plans[groups["plan"]][1])
        if groups.get("rel") in d.relative and issue_year:
            return _end_of(issue_year - d.relative[groups["rel"]])
    if deadline:
        return deadline
    if issue_date and any(w in sentence for w in d.now):
        return issue_date
    for text, nearest in ((before, -1), (lead, 0)):
        years = sorted((m.start(), int(m.group("y"))) for p in d.review for m in p.finditer(text))
        years = [y for _, y in years if issue_year is None or y <= issue_year]
        if years:
            return _end_of(years[nearest])
    if issue_year and any(w in sentence or w in lead for w in d.review_reports):
        return _end_of(issue_year - 1)
    return None


@lru_cache(maxsize=1)
def _province_names() -> tuple[re.Pattern[str], dict[str, str]]:
    """A pattern of every province's full and short name (广东省, 广东) and the full name of each."""
    full: dict[str, str] = {}
    for d in gazetteers.admin().divisions:
        if d.level == "province":
            full.setdefault(d.name, d.name)
            if len(d.short) >= 2:
                full.setdefault(d.short, d.name)
    return re.compile("|".join(sorted(map(re.escape, full), key=len, reverse=True))), full


def provinces_named(text: str) -> list[str]:
    """The provinces a text names (full names, in order of first mention)."""
    pattern, full = _province_names()
    return list(dict.fromkeys(full[m.group(0)] for m in pattern.finditer(text)))


def own_provinces(page: str, sentences: Iterable[str]) -> list[str | None]:
    """Per sentence, the province it names when the page names several (`several_provinces` or more) and the
    sentence exactly one (广东在表述上更为积极…110万人以上 on a page comparing six provinces); else None: the
    page's region applies."""
    if len(provinces_named(page)) < _dating().several_provinces:
        return [None for _ in sentences]
    return [named[0] if len(named := provinces_named(s)) == 1 else None for s in sentences]


def task_of(subject: str | None, sentence: str, value: float | None, unit: str | None) -> str | None:
    """The thing a share of the year's task counts (`城镇新增就业完成年度任务的82%`: 城镇新增就业): the subject without
    the words that name the task, when the sentence states the value as such a share; else None."""
    if unit not in ("%", "％") or value is None or not subject:
        return None
    for m in _dating().task_share.finditer(sentence):
        if abs(float(m.group("v")) - value) < 1e-9:
            thing = subject.replace(m.group("task").removesuffix("的"), "").strip()
            for w in ("完成", "达到", "占"):
                thing = thing.removesuffix(w)
            return thing if len(thing) >= 2 else None
    return None


def restates_a_plan(sentence: str) -> bool:
    """A sentence that says what is planned (计划, 预期目标) and not what was done: no report of progress."""
    d = _dating()
    return any(w in sentence for w in d.plan_words) and not any(w in sentence for w in d.done_words)


@dataclass(frozen=True)
class Record:
    """One target or report with what a link needs."""

    source: str | None
    doc_id: str | None
    id: str | None
    sentence: str
    indicator: str
    label: str
    province: str | None
    city: str | None
    level: str | None
    value: float | None
    unit: str | None
    comparator: str | None
    deadline: str | None
    deadline_text: str | None
    issue_date: str | None
    subject: str | None = None
    title: str | None = None

    @property
    def region(self) -> str:
        return " ".join(x for x in (self.province, self.city) if x) or "未知地区"

    @property
    def clause(self) -> str:
        """The clause of its sentence that names its subject (`同时城镇新增就业人数达到139.3万人` in a sentence whose
        other clause says `使总数增至4365万人`), else the whole sentence."""
        return self._clauses()[1]

    def _clauses(self) -> tuple[str, str]:
        """(the clause before its own, its own clause): see `clause`."""
        parts = re.split(r"[,，;；。:：]", self.sentence)
        for i, part in enumerate(parts):
            if self.subject and self.subject in part:
                return (parts[i - 1] if i else ""), part
        return "", self.sentence

    @property
    def base_year(self) -> int | None:
        """The year its change is measured from: in its own clause (比2020年下降16%), or in a clause of its own
        just before it (与2015年相比,万元GDP用水量…下降33.4%); None for a level."""
        before, own = self._clauses()
        pattern = _dating().base_year
        m = pattern.search(own) or (pattern.search(before) if before and len(pattern.sub("", before)) <= 4 else None)
        return int(m.group("y")) if m else None


def _record(notice: dict[str, Any], o: dict[str, Any]) -> Record:
    unit = safe.text(o.get("unit"))
    value = safe.number(o.get("value_base")) if "value_base" in o else taxonomy.to_base(safe.number(o.get("value")), unit)[0]
    own = safe.text(o.get("province"))
    own = own if own and own != safe.text(notice.get("province")) else None  # its own sentence's province
    return Record(
        source=safe.text(notice.get("source")), doc_id=safe.text(notice.get("doc_id")), id=safe.text(o.get("id")),
        sentence=safe.text(o.get("sentence")) or "", indicator=safe.text(o.get("indicator")) or taxonomy.OTHER,
        label=safe.text(o.get("indicator_label")) or taxonomy.label(safe.text(o.get("indicator"))),
        province=own or safe.text(notice.get("province")), city=None if own else safe.text(notice.get("city")),
        level="province" if own else safe.text(notice.get("admin_level")),
        value=value, unit=safe.text(o.get("unit_base")) if "unit_base" in o else taxonomy.to_base(None, unit)[1],
        comparator=safe.text(o.get("comparator")), deadline=safe.text(o.get("deadline")),
        deadline_text=safe.text(o.get("deadline_text")), issue_date=safe.text(notice.get("issue_date")),
        subject=safe.text(o.get("subject")), title=safe.text(notice.get("title")))


def is_report(r: Record, kind: str | None) -> bool:
    """A fact, or a target dated before its own page (至2022年底…达到2.57平方米 in a 2023 article); never a plan
    restated (广东省计划城镇新增就业人数达到110万人以上, read as a fact)."""
    return (kind == "fact" or bool(r.deadline and r.issue_date and r.deadline < r.issue_date)) and not restates_a_plan(r.sentence)


PLAN_YEARS = re.compile(r"(?P<a>(?:19|20)[0-9]{2})\s*年?\s*[-—–~至到]\s*(?P<b>(?:19|20)[0-9]{2})\s*年")


def period(t: Record) -> tuple[str, bool] | None:
    """(first day, annual?) of a target's period; None without a deadline. A plan named in its words or its
    document's title (十四五, 2021-2025年) runs from that plan's first year; an annual task over its year; any
    other target from four years before its deadline, or from its document's year when that is later (a 2023
    opinion's 2025 goal is not reported on by a figure of 2022)."""
    year = _year_of(t.deadline)
    if year is None:
        return None
    d = _dating()
    text = (t.deadline_text or "") + t.sentence + (t.title or "")
    for name, (first, last) in d.plans.items():
        if name in text and first <= year <= last:
            return f"{first}-01-01", False
    for m in PLAN_YEARS.finditer(text):
        if int(m.group("b")) == year and int(m.group("a")) < year:
            return f"{m.group('a')}-01-01", False
    worded = (t.deadline_text or "").strip()
    issued = _year_of(t.issue_date)
    if (issued == year or any(w in worded for w in d.annual)
            or any(p.search(worded) for p in d.annual_patterns)):
        return f"{year}-01-01", True
    return f"{max(year - 4, min(issued or 0, year))}-01-01", False


def _linked_id(indicator: str) -> str:
    """What a target and a report are grouped by before the rules compare them: the indicator without what is added
    (+新增) or a share of the year's task."""
    return indicator.replace(INCREMENT, "").removesuffix(TASK_SHARE)


def link_key(indicator: str, annual: bool) -> str:
    """What must be equal to link: the indicator; for an annual target, what is added that year counts too."""
    return indicator.replace(INCREMENT, "") if annual else indicator


def status_of(t: Record, progress: float | None, start: str, at: str,
              baseline: tuple[float, str] | None = None) -> tuple[str, float | None]:
    """(status, share) by the README's rule: `met` when the target is reached (≤ for a cap); else, with a
    baseline (value, date) printed in the target's own document, `on_track` when progress has come at least as
    far as the straight line from the baseline to the target at its deadline; without one, when progress ÷ target
    reaches the elapsed share of the period; else `behind`."""
    if t.value is None or progress is None or t.value == 0 or t.deadline is None:
        return "unknown", None
    share = round(progress / t.value, 4)
    cap = is_cap(t)
    if (progress <= t.value) if cap else (progress >= t.value):
        return "met", share
    last, now = date.fromisoformat(t.deadline), date.fromisoformat(at)
    if baseline is not None:
        value, since = baseline
        first = date.fromisoformat(since)
        elapsed = min(max((now - first).days / max((last - first).days, 1), 0.0), 1.0)
        line = value + (t.value - value) * elapsed
        falling = t.value < value
        return ("on_track" if (progress <= line if falling else progress >= line) else "behind"), share
    if cap:
        return "behind", share
    first = date.fromisoformat(start)
    elapsed = (now - first).days / max((last - first).days, 1)
    return ("on_track" if share >= elapsed else "behind"), share


def is_cap(t: Record) -> bool:
    """A ceiling: worded as one (控制在…以内, ≤), or a target worded without a comparator (城镇调查失业率5.5%左右)
    of an indicator the taxonomy marks `falling` (lower is better)."""
    return t.comparator == "<=" or (t.comparator in (None, "=") and taxonomy.is_falling(t.indicator))


def baseline(t: Record, start: str, reports: list[tuple[Record, str]], annual: bool) -> tuple[float, str] | None:
    """(value, as_of) of the baseline printed in the target's own document: a figure of the same indicator,
    region and level dated before the target's deadline (2020年…2.2平方米 in a plan to 2025; 截至2022年… in a plan
    issued in 2023), the latest one; None when the document prints none (the elapsed-share rule decides then)."""
    key = link_key(t.indicator, annual)
    found = [(at, r.value) for r, at in reports
             if r.doc_id == t.doc_id and r.id != t.id and r.value is not None and at < (t.deadline or start)
             and link_key(r.indicator, annual) == key]
    if not found:
        return None
    at, value = max(found)
    return value, at


@dataclass
class Links:
    rows: list[dict[str, Any]] = field(default_factory=list)
    targets: int = 0
    reports: int = 0


def link(notices: Iterable[dict[str, Any]]) -> Links:
    """Every (target, report) pair of the notices with the same indicator, region and level whose report is dated
    inside the target's period; sorted by region, indicator, target, as_of."""
    targets: list[tuple[Record, str, bool]] = []
    reports: dict[tuple[str, str, str | None], list[tuple[Record, str]]] = {}
    for n in notices:
        for o in n.get("obligations") or []:
            if not isinstance(o, dict):
                continue
            r = _record(n, o)
            if r.indicator == taxonomy.OTHER or r.value is None:
                continue
            if is_report(r, safe.text(o.get("kind"))):
                at = safe.text(o.get("as_of")) or as_of(r.sentence, r.issue_date, r.deadline)
                if at and r.issue_date and _year_of(at) > (_year_of(r.issue_date) or 0):
                    continue  # a figure for a later year than its page's is a plan, not progress
                if at and r.issue_date and re.match(r"^\d{4}-\d{2}-\d{2}$", r.issue_date):
                    at = min(at, r.issue_date)  # no page reports on a day after its own (2020年 in a May 2020 page)
                if at:
                    reports.setdefault((_linked_id(r.indicator), r.region, r.level), []).append((r, at))
            elif safe.text(o.get("kind")) == "target":
                p = period(r)
                if p:
                    targets.append((r, *p))
    out = Links(targets=len(targets), reports=sum(len(v) for v in reports.values()))
    ratio = _dating().max_ratio
    for t, start, annual in targets:
        key = link_key(t.indicator, annual)
        best: dict[str | None, tuple[Record, str]] = {}  # one report per target and page: its latest figure
        for r, at in reports.get((_linked_id(t.indicator), t.region, t.level), []):
            if r.indicator.endswith(TASK_SHARE):  # 完成年度任务的82%: 0.82 of the year's target
                if not annual or r.doc_id == t.doc_id or not (start <= at <= (t.deadline or "")) or not t.value:
                    continue
                r = replace(r, indicator=t.indicator, value=round((r.value or 0) / 100 * t.value, 4), unit=t.unit)
            if r.doc_id == t.doc_id or link_key(r.indicator, annual) != key or not (start <= at <= (t.deadline or "")):
                continue  # a figure printed beside the target is its baseline, not progress on it
            if annual and not r.indicator.endswith(INCREMENT) and (
                    t.indicator.endswith(INCREMENT) or any(w in r.clause for w in _dating().cumulative_words)):
                continue  # a running total (累计 in the figure's own clause) never reports on what a year adds
            if t.value and r.value and not (1 / ratio <= r.value / t.value <= ratio):
                continue
            if t.base_year != r.base_year:
                continue  # a fall since 2015 is no progress on a fall since 2020
            if r.doc_id in best:
                kept, kept_at = best[r.doc_id]
                # the latest figure; at one date, one that is not the target restated (超额完成2万个任务)
                if (at, r.value != t.value, r.value or 0) <= (kept_at, kept.value != t.value, kept.value or 0):
                    continue
            best[r.doc_id] = (r, at)
        base = baseline(t, start, reports.get((_linked_id(t.indicator), t.region, t.level), []), annual)
        for r, at in best.values():
            status, share = status_of(t, r.value, start, at, base)
            out.rows.append({
                "region": t.region, "level": t.level, "indicator": t.indicator, "indicator_label": t.label,
                "status": status, "share": share, "target_value": t.value, "target_unit": t.unit,
                "target_comparator": t.comparator, "target_deadline": t.deadline, "period_start": start,
                "progress_value": r.value, "progress_unit": r.unit, "as_of": at,
                "baseline_value": base[0] if base else None, "baseline_as_of": base[1] if base else None,
                "target_source": t.source, "target_doc_id": t.doc_id, "target_id": t.id, "target_sentence": t.sentence,
                "progress_source": r.source, "progress_doc_id": r.doc_id, "progress_id": r.id, "progress_sentence": r.sentence,
            })
    out.rows.sort(key=lambda x: (x["region"], x["indicator"], x["target_id"] or "", x["as_of"], x["progress_id"] or ""))
    return out


NOTICE_KEYS = ("doc_id", "source", "province", "city", "admin_level", "issue_date", "title")
OBLIGATION_KEYS = ("id", "kind", "indicator", "indicator_label", "value", "value_base", "unit", "unit_base", "comparator",
                   "deadline", "deadline_text", "sentence", "as_of", "province", "subject")


def slim(notice: dict[str, Any]) -> dict[str, Any]:
    """What `link` reads of a notice (its text left out, only the records with an indicator and a value), so a
    table build can keep every notice's share in memory."""
    kept = [{k: o.get(k) for k in OBLIGATION_KEYS if k in o} for o in notice.get("obligations") or []
            if isinstance(o, dict) and o.get("indicator") not in (None, taxonomy.OTHER) and o.get("value") is not None]
    return {**{k: notice.get(k) for k in NOTICE_KEYS}, "obligations": kept}


DELIVERY = ("delivery", "delivery_as_of", "delivery_share")


def delivery(links: Links) -> dict[str, dict[str, Any]]:
    """Per target obligation id: the status, as_of and share of its latest reported progress (the comparison
    views' delivery columns); targets without a report are absent."""
    out: dict[str, dict[str, Any]] = {}
    for r in sorted(links.rows, key=lambda x: (x["as_of"], x["share"] or 0)):
        if r["target_id"]:
            out[r["target_id"]] = {"delivery": r["status"], "delivery_as_of": r["as_of"], "delivery_share": r["share"],
                                   "delivery_value": r["progress_value"]}
    return out


def write(links: Links, out_dir: Path) -> list[Path]:
    """progress.jsonl and progress.csv (UTF-8 with BOM, Excel-friendly) in out_dir, each written whole or not at all."""
    import csv
    import json

    from extractor.outputs import atomic_writer

    out_dir.mkdir(parents=True, exist_ok=True)
    jsonl, table = out_dir / "progress.jsonl", out_dir / "progress.csv"
    with atomic_writer(jsonl) as fh:
        for row in links.rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    with atomic_writer(table, encoding="utf-8-sig", newline="") as fh:
        w = csv.DictWriter(fh, FIELDS)
        w.writeheader()
        for row in links.rows:
            w.writerow({k: "" if row[k] is None else row[k] for k in FIELDS})
    return [jsonl, table]


def render(links: Links) -> Iterator[str]:
    """The links as a text table, one line each."""
    yield f"targets {links.targets}  reports {links.reports}  links {len(links.rows)}"
    for r in links.rows:
        share = "" if r["share"] is None else f"{r['share']:.0%}"
        yield (f"{r['region']}\t{r['indicator_label']}\t{r['status']}\t{share}\t目标 {r['target_value']}{r['target_unit'] or ''}"
               f" 至 {r['target_deadline']}\t进展 {r['progress_value']}{r['progress_unit'] or ''} 截至 {r['as_of']}")


def same_document(gold_doc: str, source: str | None) -> bool:
    """A gold document name (`../web/B04.txt`, `P11`) names this source: the same file name without its
    extension and, when the gold gives a folder, the same folder name."""
    if not source:
        return False
    g, s = Path(gold_doc.replace("\\", "/")), Path(source.replace("\\", "/"))
    return g.stem == s.stem and (g.parent.name in ("", ".") or g.parent.name == s.parent.name)


@dataclass
class Score:
    """How a run's links compare with a gold file of links and decoys (../shared/eval/progress/README.md)."""

    links: int = 0
    found: int = 0
    right_status: int = 0
    decoys: int = 0
    decoys_linked: int = 0
    misses: list[str] = field(default_factory=list)

    def numbers(self) -> dict[str, Any]:
        return {"links": self.links, "found": self.found, "right_status": self.right_status,
                "decoys": self.decoys, "decoys_linked": self.decoys_linked}


def _matches(gold: dict[str, Any], row: dict[str, Any]) -> bool:
    """A link row is the gold pair: same target and progress documents, evidence overlapping each sentence, and the
    same progress value (relative difference under 1 %, so a rounded `超42%` and 42 agree)."""
    from extractor.evaluate import overlap

    if not (same_document(str(gold["target_doc"]), row["target_source"])
            and same_document(str(gold["progress_doc"]), row["progress_source"])):
        return False
    if not (overlap(gold["target_evidence"], row["target_sentence"] or "")
            and overlap(gold["progress_evidence"], row["progress_sentence"] or "")):
        return False
    want, got = safe.number(gold.get("target_value")), row["target_value"]
    return want is None or got is None or abs(got - want) <= 0.01 * abs(want)


def score(gold: Iterable[dict[str, Any]], links: Links) -> Score:
    """Per gold line: a link (`link` true) is found when a row matches it, right when its status is the gold's; a
    decoy (`link` false) counts as linked when any row matches it."""
    out = Score()
    for g in gold:
        rows = [r for r in links.rows if _matches(g, r)]
        name = f"{g['target_doc']} -> {g['progress_doc']}: {g['progress_evidence'][:40]}"
        if g.get("link"):
            out.links += 1
            out.found += bool(rows)
            right = any(r["status"] == g.get("status") for r in rows)
            out.right_status += right
            if not right:
                out.misses.append(f"missed {name}" if not rows else
                                  f"status {'/'.join(sorted({r['status'] for r in rows}))} not {g.get('status')}: {name}")
        else:
            out.decoys += 1
            out.decoys_linked += bool(rows)
            if rows:
                out.misses.append(f"decoy linked {name}")
    return out


def read_gold(path: Path) -> list[dict[str, Any]]:
    """The lines of a progress gold file (JSONL); a line that is no JSON object is an error naming FILE:LINE."""
    import json

    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            raise ValueError(f"{path}:{n}: not JSON ({e.msg})") from None
        missing = [k for k in ("target_doc", "target_evidence", "progress_doc", "progress_evidence", "link") if k not in row]
        if not isinstance(row, dict) or missing:
            raise ValueError(f"{path}:{n}: a progress gold line needs {', '.join(missing) or 'an object'}")
        out.append(row)
    return out
