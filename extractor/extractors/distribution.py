"""One obligation per value (GOLD_FORMAT.md): 分别 lists paired in order, values shared by several things.

- `到2021年底、2022年底、2023年底…分别有30%、50%、70%以上` pairs each value with its deadline;
  `初级、中级、高级…分别给予200元、400元、600元` with its grade.
- a comparator written once after a list (`30%、50%、70%以上`) applies to every member.
- `A和B各1000个`, `每千名老年人、每百张床位均拥有1名` give one obligation per thing; so does
  `A和B实现全覆盖` (a 、-list inside A stays one thing: `县、乡、村三级设施和社区健身圈` is two).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractor import gazetteers, patterns
from extractor.extractors import cues
from extractor.extractors.deadlines import is_due
from extractor.extractors.mentions import SentenceView
from extractor.model import Quantity, TimeExpr

PAREN = re.compile(r"[(（][^)）]*[)）]")
SHARE_WINDOW = 200  # how far before a value its share word and bracketed notes are looked for


@dataclass(frozen=True)
class Pairing:
    deadline: TimeExpr | None = None
    subject: str | None = None
    comparator: str | None = None
    unit: str | None = None


def list_groups(items: list, text: str) -> list[list]:
    """Consecutive items separated only by 、/和 form a list (30%、50%、70%)."""
    groups: list[list] = []
    for it in items:
        if groups and patterns.LIST_SEP_ALONE.match(text[groups[-1][-1].end : it.start]):
            groups[-1].append(it)
        else:
            groups.append([it])
    return groups


def _enumerated_nouns(text: str, start: int, end: int, n: int) -> list[str] | None:
    """The n 、-separated things before a 分别 (助理社会工作师、社会工作师、高级社会工作师)."""
    found = None
    for m in re.finditer(r"(?:[\u4e00-\u9fff()（）]{1,20}、){%d}[\u4e00-\u9fff()（）]{1,30}" % (n - 1), text[start:end]):
        parts = m.group(0).split("、")
        if len(parts) == n:
            found = parts
    return found


def pairings(view: SentenceView) -> dict[int, Pairing]:
    """Per quantity start: the deadline, subject and comparator its list gives it."""
    text, sent = view.text, view.sent
    out: dict[int, Pairing] = {}
    respectively = [sent.start + m.start() for m in patterns.RESPECTIVELY.finditer(view.sentence_text)]
    for group in list_groups(view.quantities, text):
        if len(group) < 2:
            continue
        comparator = next((q.comparator for q in reversed(group) if q.comparator not in (None, "range")), None)
        rate = next((q.unit for q in group if q.unit and "/" in q.unit), None)
        unit = lambda q: rate if rate and q.unit == rate.split("/")[0] else None  # noqa: E731 - one list, one rate
        for q in group:
            out[q.start] = Pairing(comparator=comparator, unit=unit(q))
        resp = [p for p in respectively if p < group[0].start and group[0].start - p <= 20]
        if not resp:
            continue
        n = len(group)
        due = [t for t in view.times if t.start < resp[-1] and is_due(t, view.doc.base_year)]
        times = [g for g in list_groups(due, text) if len(g) == n]
        nouns = None if times else _enumerated_nouns(text, sent.start, resp[-1], n)
        for i, q in enumerate(group):
            out[q.start] = Pairing(times[-1][i] if times else None, nouns[i] if nouns else None, comparator, unit(q))
    return out


def shared_things(view: SentenceView, q: Quantity) -> list[str]:
    """Things sharing one value: `建设A和B各1000个`, `每千名老年人、每百张床位均拥有1名`, `A和B实现全覆盖`."""
    clause = view.clause_at(q.start)
    near = max(clause[0], q.start - SHARE_WINDOW)  # the share word stands right before the value (and its brackets)
    shared = patterns.SHARE_BEFORE.search(_blank(view.text[near : q.start]).rstrip("\0"))
    coverage = q.unit == "%" and q.value == 100 and (not re.search(r"\d", q.text) or bool(patterns.COVERAGE_AFTER.match(view.text, q.end)))
    if not shared and not coverage:
        return []
    seg = _blank(view.text[clause[0] : q.start])
    m = patterns.SHARE_BEFORE.search(seg.rstrip("\0"))
    if m:
        return _split_things(view.text[clause[0] : clause[0] + m.start()], seg[: m.start()], patterns.source("share_split"))
    if coverage and q.text in gazetteers.words("quantities", "quantifiers"):
        # a bare quantifier ranges over the things after it (`覆盖所有A和B`, `所有A和B以及70%的C具备…`), or the
        # objects its action makes (`全部制定A、B和C`); the words before it are no list of its things
        return _quantified_things(view, q, clause) or _objects_after(view, q, clause)
    if coverage:
        things = _split_things(view.text[clause[0] : q.start], seg, patterns.source("coverage_split"))
        if not things:  # `新建城区、新建居住区实现配套建设X全覆盖`: the things are the subjects before the predicate
            things = _subjects_before(view.text[clause[0] : q.start], seg)
        if not things and q.text.startswith(gazetteers.words("quantities", "quantifiers")):
            things = _objects_after(view, q, clause)  # `城乡社区全部制定A、B和C`: one per thing the action makes
        return things
    return []


def _glue_levels(parts: list[str]) -> list[str]:
    """`县、乡、村三级设施`: one-character members of a 、-list are administrative levels of the next thing."""
    out: list[str] = []
    pending = ""
    for p in parts:
        if len(p) <= 1:
            pending += p + "、"
            continue
        out.append(pending + p)
        pending = ""
    return out


def _subjects_before(raw: str, blanked: str) -> list[str]:
    """The listed subjects before the predicate of a coverage clause (`A、B实现…全覆盖`)."""
    m = patterns.COVERAGE_PREDICATE.search(blanked)
    if m is None or m.start() == 0:
        return []
    start = len(patterns.THINGS_LEAD.match(blanked).group(0))  # type: ignore[union-attr]
    parts = _glue_levels([raw[a:b].strip() for a, b in _pieces(blanked, start, m.start(), patterns.source("list_split"))])
    return parts if len(parts) >= 2 and all(len(p) >= 2 for p in parts) else []


def _objects_after(view: SentenceView, q: Quantity, clause: tuple[int, int]) -> list[str]:
    """The listed objects of the action after a quantifier (`全部制定A、B和C`), one thing each."""
    raw = view.text[q.end : clause[1]]
    blanked = _blank(raw)
    if q.text in gazetteers.words("quantities", "quantifiers"):  # the quantifier alone: its action follows it
        verb = cues.find("actions", "actions", blanked, 0, min(len(blanked), 4))
        if not verb:
            return []
        start = verb[0][0] + len(verb[0][1])
    else:
        start = 0  # `全部建立A和B`: the coverage phrase took the action
    parts = _glue_levels([raw[a:b].strip() for a, b in _pieces(blanked, start, len(raw), patterns.source("list_split"))])
    return parts if len(parts) >= 2 and all(len(p) >= 2 for p in parts) else []


def _quantified_things(view: SentenceView, q: Quantity, clause: tuple[int, int]) -> list[str]:
    """The listed things a bare quantifier ranges over (`所有医疗机构和医疗服务`), up to the verb or 均/都 that
    acts on them or the later item that counts its own share (`以及70%的村卫生室`): one target each."""
    end = clause[1]
    later = [x for x in view.quantities if q.end <= x.start < end]
    if later:
        item = patterns.SHARE_ITEM_BEFORE.search(view.text, max(q.end, later[0].start - 4), later[0].start)
        end = item.start() if item else later[0].start
    raw = view.text[q.end : end]
    blanked = _blank(raw)
    stops = [m.start() for m in (patterns.QUANTIFIER_CONFIRM.search(blanked),) if m]
    stops += [p for p, _ in cues.find("actions", "actions", blanked)[:1]]
    stops += [p for p, _ in cues.find("quantities", "quantifier_verbs", blanked)[:1]]
    stop = min(stops, default=len(raw))
    parts = _glue_levels([raw[a:b].strip() for a, b in _pieces(blanked, 0, stop, patterns.source("quantified_split"))])
    return parts if len(parts) >= 2 and all(len(p) >= 2 for p in parts) else []


def _pieces(blanked: str, start: int, end: int, separators: str) -> list[tuple[int, int]]:
    bounds = [start]
    for m in re.finditer(separators, blanked[start:end]):
        bounds += [start + m.start(), start + m.end()]
    bounds.append(end)
    return [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds) - 1, 2)]


def _blank(text: str) -> str:
    """Bracketed notes blanked out (same length), so words inside them are not read as the sentence's."""
    return PAREN.sub(lambda m: "\0" * len(m.group(0)), text)


def _split_things(raw: str, blanked: str, separators: str) -> list[str]:
    """Split the things before a shared value at the separators outside parentheses, after the last verb."""
    verb_words = patterns.fill("things_verbs", objects=cues.alternation("subjects", "object_verbs"))
    trailing = re.search(rf"(?:{verb_words})\s*$", blanked)
    end = trailing.start() if trailing else len(blanked)
    raw, blanked = raw[:end], blanked[:end]
    verbs = list(re.finditer(verb_words, blanked))
    start = verbs[-1].end() if verbs else 0
    start += len(patterns.THINGS_LEAD.match(blanked[start:]).group(0))  # type: ignore[union-attr]
    bounds = [start]
    for m in re.finditer(separators, blanked[start:]):
        bounds += [start + m.start(), start + m.end()]
    bounds.append(len(raw))
    parts = [raw[bounds[i] : bounds[i + 1]].strip() for i in range(0, len(bounds) - 1, 2)]
    parts = [p for p in parts if len(p) >= 2]
    if len(parts) < 2:
        return []
    head = patterns.HEAD_NOUN.search(parts[-1])
    if head:  # `街道和乡镇综合服务中心`: a bare place before the last thing shares its head noun
        parts = [p if patterns.HEAD_NOUN.search(p) or p.startswith("每") or len(p) > 3 else p + head.group(1) for p in parts]
    return parts
