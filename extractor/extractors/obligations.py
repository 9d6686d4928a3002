"""Obligation assembly: quantities and time phrases in a sentence become Obligation records.

Rules follow GOLD_FORMAT.md: one obligation per value (分别 lists paired in order, 各/均 shared values
split per thing), a dated duty with an action and no number counts, facts (截至, 已, 十三五时期, past
event dates) are kept apart as `kind: fact`, repeats of a target merge into one record.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from functools import lru_cache

from extractor import gazetteers
from extractor.extractors import agencies as agency_rules
from extractor.extractors.deadlines import find_times
from extractor.extractors.indicator_rows import IndicatorCell, indicator_rows
from extractor.extractors.metadata import Metadata
from extractor.extractors.quantities import find_quantities, masked
from extractor.extractors.structure import Sentence, TokenIndex
from extractor.model import Quantity, TimeExpr

LIST_SEP = re.compile(r"^\s*(?:、|和|及|与|,|，)\s*$")
SHARE_BEFORE = re.compile(r"(各|均|都)(?:拥有|有|配备|建成|建设|设立|达到|不少于|不低于|至少)?$")
OBJECT_VERBS = re.compile(r"(?:建设|建立|设立|培育|新建|配备|打造|开发|建成|创建|认定|扶持|招募|培养|组建|设置)")
SCOPE = re.compile(
    r"(?P<scope>全国|全省|全市|全区|全县|全州|各地|每个[\u4e00-\u9fff()（）、]{1,12}?(?=要|至少|应|都|均|配备|建|有|开发|不少于|不低于)"
    r"|每[千万百十]+(?:名|张|户|个)?(?:常住)?(?:人口|老年人|儿童|学生|在校生|[\u4e00-\u9fff]{0,6}?床位|人)"
    r"|每[千万百十]名?[\u4e00-\u9fff]{1,8}?(?=、|均|拥有|有|配备|至少)|平均每?\d+(?:\.\d+)?万?人)"
)


@dataclass
class Draft:
    """An obligation before ids, offsets to raw and merging are settled."""

    sentence: Sentence
    value: float | None
    value_max: float | None
    unit: str | None
    comparator: str | None
    deadline: TimeExpr | None
    pos: int
    end: int
    subject: str | None
    scope: str | None
    agencies: list[str]
    strength: str
    kind: str
    approx: bool = False
    recurrence: str | None = None
    evidence: list[tuple[int, int]] = field(default_factory=list)


@lru_cache(maxsize=1)
def _cues() -> dict[str, frozenset[str]]:
    data = gazetteers.keywords("cues")
    strength = gazetteers.keywords("strength")
    return {
        "forward": frozenset(data.get("forward", [])),
        "fact": frozenset(data.get("fact", [])),
        "past": frozenset(data.get("past_periods", [])),
        "actions": frozenset(data.get("actions", [])),
        "binding": frozenset(strength.get("binding", [])),
        "aspirational": frozenset(strength.get("aspirational", [])),
        "encouraged": frozenset(strength.get("encouraged", [])),
        "strong_fact": frozenset(data.get("strong_fact", [])),
        "modifier_status": frozenset(data.get("modifier_status", [])),
        "bare_verbs": frozenset(data.get("bare_verbs", [])),
    }


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@lru_cache(maxsize=1)
def _subject_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """`建成N个…` (object after the number) and `…达到N` (subject before it), from the cue data."""
    data = gazetteers.keywords("cues")
    object_end = re.compile(rf"(?:{_alternation(data.get('object_verbs', []))})(?:不少于|不低于|至少|超过)?$")
    link_end = re.compile(
        rf"(?:预期|预计|力争|争取|要|应|将|须)?(?:分别|均|都|各)?(?:总量|总数)?(?:{_alternation(data.get('link_verbs', []))})+$"
    )
    return object_end, link_end


@lru_cache(maxsize=1)
def _states() -> tuple[str, ...]:
    return tuple(gazetteers.keywords("cues").get("states", []))




def _clause_of(sent: Sentence, pos: int) -> tuple[int, int]:
    for c in sent.clauses:
        if c[0] <= pos < c[1]:
            return c
    return (sent.start, sent.end)


def _future_span(t: TimeExpr, base_year: int | None) -> bool:
    return t.kind == "span" and t.date is not None and (base_year is None or (t.year or 0) >= base_year)


def _governing(t: TimeExpr, base_year: int | None) -> bool:
    if t.kind not in ("deadline", "period", "duration", "year") or t.date is None:
        return False
    if t.kind == "year":
        return base_year is None or (t.year or 0) >= base_year
    return True


class DocMentions:
    """Time phrases and quantities found once over the whole document, looked up per sentence."""

    def __init__(self, text: str, base_year: int | None) -> None:
        self.times = find_times(masked(text), base_year)
        self.quantities = find_quantities(text)
        self._time_starts = [t.start for t in self.times]
        self._quantity_starts = [q.start for q in self.quantities]

    def times_in(self, start: int, end: int) -> list[TimeExpr]:
        lo, hi = bisect_left(self._time_starts, start), bisect_left(self._time_starts, end)
        return [t for t in self.times[lo:hi] if t.end <= end]

    def quantities_in(self, start: int, end: int) -> list[Quantity]:
        lo, hi = bisect_left(self._quantity_starts, start), bisect_left(self._quantity_starts, end)
        return [q for q in self.quantities[lo:hi] if q.end <= end]


class SentenceRules:
    """Everything the rules ask of one sentence; built once per sentence."""

    def __init__(self, text: str, sent: Sentence, tokens: TokenIndex, meta: Metadata, mentions: "DocMentions") -> None:
        self.text = text
        self.sent = sent
        self.tokens = tokens
        self.meta = meta
        self.times = mentions.times_in(sent.start, sent.end)
        spans = [(t.start, t.end) for t in self.times]
        self.quantities = [q for q in mentions.quantities_in(sent.start, sent.end) if not any(q.start < b and a < q.end for a, b in spans)]
        self.words = tokens.words(sent.start, sent.end)

    def words_in(self, start: int, end: int) -> list[str]:
        return [w for p, w in self.words if start <= p < end]

    def is_fact(self, pos: int) -> bool:
        """Past achievements, status and forecasts: a fact cue in the value's clause or the opening clause."""
        cues = _cues()
        clause = _clause_of(self.sent, pos)
        first = self.sent.clauses[0] if self.sent.clauses else clause

        def status_cue(words: list[str]) -> bool:
            # `对已建成的社工站,每站至少配备…`: a cue inside a `…的` modifier describes a noun, it states no fact
            for i, w in enumerate(words):
                modifier = w in cues["modifier_status"] and "的" in words[i + 1 : i + 4]
                if (w in cues["strong_fact"] or w in cues["past"]) and not modifier:
                    return True
            return False

        if status_cue(self.words_in(clause[0], pos)):
            return True
        if status_cue(self.words_in(first[0], min(first[1], pos))):
            return True
        if self.times and self.times[0].start < first[1] and self.times[0].start <= self.sent.start + 1:
            t = self.times[0]
            if t.kind == "event":
                return True
            if t.kind in ("period", "year") and t.year and self.meta.base_year and t.year < self.meta.base_year:
                return True
        for t in self.times:
            if t.start < pos and t.kind in ("period", "year") and t.year and self.meta.base_year and t.year < self.meta.base_year:
                if not any(g.start < pos and _governing(g, self.meta.base_year) and g.kind != "year" for g in self.times):
                    return True
        forward = cues["forward"] | cues["binding"] | cues["aspirational"] | cues["encouraged"]
        span = [(p, w) for p, w in self.words if self.sent.start <= p < clause[1]]
        # `明确了`, `提出了`: a cue in the perfective reports what a document did, it sets nothing
        if any(w in forward and not (i + 1 < len(span) and span[i + 1][1] == "了") for i, (_, w) in enumerate(span)):
            return False
        if any(q.start == pos and q.comparator in (">=", "<=") for q in self.quantities):
            return False
        if any(_governing(t, self.meta.base_year) for t in self.times):
            return False
        # under 主要目标 / 工作目标 a bare figure (`社会工作专业人才总量5万人`) is a goal, not a report
        return not self.sent.heading_goal

    def deadline_for(self, pos: int, inherited: TimeExpr | None) -> TimeExpr | None:
        """The governing time phrase before the value (a plan period such as “十四五”时期 counts for a
        value: 新增床位5万张 is due at the period's end), else one later in its clause, else the lead-in's."""
        clause = _clause_of(self.sent, pos)
        before = [t for t in self.times if t.start < pos and (_governing(t, self.meta.base_year) or _future_span(t, self.meta.base_year))]
        if before:
            return before[-1]
        after = [t for t in self.times if clause[0] <= t.start < clause[1] and _governing(t, self.meta.base_year)]
        if after:
            return after[0]
        return inherited

    def strength_at(self, pos: int) -> str:
        """Nearest modal cue before the value wins; then a cue later in its clause; then the heading."""
        cues = _cues()
        clause = _clause_of(self.sent, pos)
        ranked: list[tuple[int, str]] = []
        for p, w in self.words:
            for label in ("binding", "aspirational"):
                if w in cues[label]:
                    ranked.append((p, label))
            # encouragement (鼓励, 支持, 探索) scopes over its own clause only
            if w in cues["encouraged"] and clause[0] <= p < clause[1]:
                ranked.append((p, "encouraged"))
        for m in re.finditer("有条件的", self.text[clause[0] : clause[1]]):
            ranked.append((clause[0] + m.start(), "encouraged"))
        before = [r for r in ranked if r[0] < pos]
        if before:
            return max(before)[1]
        after = [r for r in ranked if clause[0] <= r[0] < clause[1]]
        if after:
            return min(after)[1]
        return "aspirational" if self.sent.heading_goal else "binding"

    def recurrence_at(self, pos: int) -> str | None:
        clause = _clause_of(self.sent, pos)
        for t in self.times:
            if t.kind == "recurrence" and clause[0] <= t.start < clause[1]:
                return t.recurrence
        return None

    def scope_at(self, pos: int) -> str | None:
        """The area or base population in the value's clause, else a 全省-style scope opening the sentence."""
        clause = _clause_of(self.sent, pos)
        found = list(SCOPE.finditer(self.text[clause[0] : pos]))
        if found:
            return found[-1].group("scope")
        lead = re.search(r"(全国|全省|全市|全区|全县|全州)", self.text[self.sent.start : pos])
        return lead.group(1) if lead else None

    def subject_at(self, q: Quantity | None, pos: int, end: int) -> str | None:
        """What is counted: the object after `建成N个…`, else the noun phrase before `…达到N`."""
        clause = _clause_of(self.sent, pos)
        later = [x.start for x in self.quantities if x.start >= end and x.start < clause[1]]
        run_start = pos
        for x in sorted(self.quantities, key=lambda x: -x.start):
            if x.end <= run_start and LIST_GAP.fullmatch(self.text[x.end : run_start]):
                run_start = x.start
        earlier = [x.end for x in self.quantities if x.end <= run_start and x.end > clause[0]]
        head = self.text[max([clause[0]] + earlier) : run_start]
        if run_start < pos:
            own_tail = re.split(r"[，,；;。]", self.text[end : min([clause[1]] + later)])[0].rstrip("、和及与")
            own_tail = re.sub(r"^(?:以上|以下|以内|左右|及以上)", "", own_tail)
            if len(own_tail.strip("的 ")) >= 2:
                return _tidy(own_tail.strip("的 "))
        tail = re.split(r"[，,；;。]", self.text[end : min([clause[1]] + later)])[0].rstrip("、和及与")
        tail = re.sub(r"^(?:以上|以下|以内|左右|及以上)?(?:[(（][^)）]{1,4}[)）])?", "", tail)
        if len(tail.strip("的 ")) < 2:
            # a member of `30%、50%、70%以上的乡镇…`: the words after the whole list name what is counted
            run_end = end
            for x in sorted(self.quantities, key=lambda x: x.start):
                if x.start >= run_end and LIST_GAP.fullmatch(self.text[run_end : x.start]):
                    run_end = x.end
            after = [x.start for x in self.quantities if x.start >= run_end and x.start < clause[1]]
            tail = re.split(r"[，,；;。]", self.text[run_end : min([clause[1]] + after)])[0]
            tail = re.sub(r"^(?:以上|以下|以内|左右|及以上)", "", tail)
        in_list = bool(earlier) and bool(re.search(r"[、和及与]$", head))
        head = head.lstrip("、和及与")
        object_end, link_end = _subject_patterns()
        verb_before = object_end.search(head) or in_list
        if q is not None and verb_before and len(tail.strip("的 ")) >= 2 and not tail.startswith(("、", "和", "的比例")):
            return _tidy(tail.strip("的 "))
        stripped = link_end.sub("", head)
        stripped = _tidy(stripped)
        if len(stripped) >= 2:
            return stripped
        if len(tail.strip("的 ")) >= 2:
            return _tidy(tail.strip("的 "))
        return self.text[clause[0] : clause[1]][:40] or None


LIST_GAP = re.compile(r"\s*(?:以上|以下)?\s*[、和及与]\s*")
SUBJECT_LEAD = re.compile(
    r"^[(（]?(?:(?:力争|争取|确保|要(?![素点求])|应(?![急用对届])|将(?![来士])|并(?![网购])|同时|其中|此外|实现|推动|到|至|在|于|对|获得)\s*)*"
    r"(?:(?:\d{4}年(?:底|末)?(?:前)?[、和]?|“?十[一二三四五六七八九]五”?(?:末|期末)?)+\s*[,，]?\s*)?"
    r"(?:全国|全省|全市|全区|全县|全州|各地)?(?:每[千万百十]?[名张个户]?[\u4e00-\u9fff]{0,6}?(?:拥有|有|配备)|平均每?[\d.]+万?人拥有)?"
)


def _tidy(phrase: str) -> str:
    phrase = SUBJECT_LEAD.sub("", phrase.strip())
    return phrase.strip("的 ")[:40]


def _list_groups(items: list, text: str) -> list[list]:
    """Consecutive items separated only by 、/和 form a list (30%、50%、70%)."""
    groups: list[list] = []
    for it in items:
        if groups and LIST_SEP.match(text[groups[-1][-1].end : it.start]):
            groups[-1].append(it)
        else:
            groups.append([it])
    return groups


def _enumerated_nouns(text: str, start: int, end: int, n: int) -> list[str] | None:
    """The n 、-separated things before a 分别 (助理社会工作师、社会工作师、高级社会工作师)."""
    seg = text[start:end]
    found = None
    for m in re.finditer(r"(?:[\u4e00-\u9fff()（）]{1,20}、){%d}[\u4e00-\u9fff()（）]{1,30}" % (n - 1), seg):
        parts = m.group(0).split("、")
        if len(parts) == n:
            found = parts
    return found


def _shared_things(text: str, clause_start: int, pos: int) -> list[str]:
    """Things sharing one value: `建设A和B各1000个`, `每千名老年人、每百张床位均拥有1名`."""
    seg = text[clause_start:pos]
    seg = re.sub(r"[(（][^)）]*[)）]", "", seg)
    m = SHARE_BEFORE.search(seg)
    if not m:
        return []
    seg = seg[: m.start()]
    verbs = list(OBJECT_VERBS.finditer(seg))
    if verbs:
        seg = seg[verbs[-1].end() :]
    seg = re.sub(r"^(?:实现|在|对)", "", seg)
    parts = [p for p in re.split(r"、|和|及|与", seg) if p.strip()]
    if len(parts) < 2:
        return []
    head = re.search(r"(站|中心|机构|组织|室|点|所|院)$", parts[-1])
    if head:
        parts = [p if p.endswith(head.group(1)) else p + head.group(1) for p in parts]
    return [p.strip() for p in parts]


def _paragraph_actors(rules: SentenceRules) -> list[str]:
    return [a.name for a in agency_rules.actors_in(rules.text, rules.sent.start, rules.sent.end)]


def _agency_list(names: list[str], meta: Metadata) -> list[str]:
    if names:
        resolved = agency_rules.resolve(names, meta.addressees, meta.issuers)
        return [agency_rules.expand(n, meta.province, meta.city, meta.admin_level) for n in resolved]
    return list(meta.addressees or meta.issuers)


def table_agencies(text: str) -> dict[int, list[str]]:
    """Task tables (rows of TAB-separated cells): the 牵头单位/责任单位 cells of each row, by line index."""
    out: dict[int, list[str]] = {}
    columns: list[int] = []
    columns_named = tuple(gazetteers.keywords("doc_types").get("responsible_columns", []))
    for i, line in enumerate(text.split("\n")):
        if "\t" not in line:
            columns = []
            continue
        cells = [c.strip() for c in line.split("\t")]
        header = [j for j, c in enumerate(cells) if c.startswith(columns_named)]
        if header:
            columns = header
            continue
        names = []
        for j in columns:
            if j < len(cells):
                names += [n.strip() for n in re.split(r"[、，,；;/\s]+", cells[j]) if n.strip()]
        if names:
            out[i] = list(dict.fromkeys(names))
    return out


@lru_cache(maxsize=65536)
def _is_action(word: str, actions: frozenset[str]) -> bool:
    """An action verb token, or a compound opening with one (建立健全, 建成投用)."""
    return word in actions or any(word[:n] in actions for n in (2, 3, 4) if len(word) > n)


def _null_value_clauses(rules: SentenceRules) -> list[tuple[TimeExpr | None, tuple[int, int]]]:
    """Clauses with an action and no number, with the time phrase governing each."""
    cues = _cues()
    out = []
    qpos = [q.start for q in rules.quantities]
    for c in rules.sent.clauses:
        if any(c[0] <= p < c[1] for p in qpos):
            continue
        words = rules.words_in(c[0], c[1])
        clause_text = rules.text[c[0] : c[1]]
        if not any(_is_action(w, cues["actions"]) for w in words):
            continue
        if any(s in clause_text for s in _states()):
            continue
        governing = [t for t in rules.times if t.start < c[1] and _governing(t, rules.meta.base_year)]
        out.append((governing[-1] if governing else None, c))
    return out


def build_drafts(text: str, sents: list[Sentence], tokens: TokenIndex, meta: Metadata) -> list[Draft]:
    drafts: list[Draft] = []
    para = -1
    para_actors: list[str] = []
    inherited: TimeExpr | None = None
    table = table_agencies(text)
    indicators = indicator_rows(text)
    mentions = DocMentions(text, meta.base_year)
    for sent in sents:
        if sent.para != para:
            para, para_actors, inherited = sent.para, [], None
        if sent.para in indicators:
            drafts.extend(_indicator_drafts(sent, indicators.pop(sent.para), _agency_list(table.get(sent.para, []), meta)))
            continue
        rules = SentenceRules(text, sent, tokens, meta, mentions)
        actors = _paragraph_actors(rules)
        agencies = _agency_list(table.get(sent.para) or actors or para_actors, meta)
        if actors:
            para_actors = actors
        before = len(drafts)
        drafts.extend(_value_drafts(rules, agencies, inherited))
        drafts.extend(_duty_drafts(rules, agencies, inherited))
        own = [t for t in rules.times if _governing(t, meta.base_year)]
        if len(drafts) == before and own and own[0].start - sent.start <= 12 and not rules.quantities:
            inherited = own[0]
        elif own:
            inherited = None
    return drafts


def _indicator_drafts(sent: Sentence, cells: list[IndicatorCell], agencies: list[str]) -> list[Draft]:
    """Drafts from one indicator-table row: the target-year cell is the target, earlier years facts."""
    out = []
    for c in cells:
        year = TimeExpr(sent.start, sent.start, f"{c.year}年", f"{c.year}-12-31", kind="year", year=c.year)
        out.append(Draft(
            sentence=sent, value=c.value, value_max=None, unit=c.unit, comparator=c.comparator, deadline=year,
            pos=sent.start, end=sent.end, subject=c.name, scope=None, agencies=agencies,
            strength=c.strength or ("aspirational" if sent.heading_goal else "binding"),
            kind="target" if c.target else "fact",
        ))
    return out


def _value_drafts(rules: SentenceRules, agencies: list[str], inherited: TimeExpr | None) -> list[Draft]:
    text, sent = rules.text, rules.sent
    out: list[Draft] = []
    sentence_text = text[sent.start : sent.end]
    paired: dict[int, tuple[TimeExpr | None, str | None, str | None]] = {}
    respectively = [sent.start + m.start() for m in re.finditer("分别", sentence_text)]
    for group in _list_groups(rules.quantities, text):
        if len(group) < 2:
            continue
        comparator = next((q.comparator for q in reversed(group) if q.comparator not in (None, "range")), None)
        if comparator:
            for q in group:
                paired[id(q)] = (None, None, comparator)
        resp = [p for p in respectively if p < group[0].start and group[0].start - p <= 20]
        if not resp:
            continue
        n = len(group)
        time_groups = [g for g in _list_groups([t for t in rules.times if t.start < resp[-1] and _governing(t, rules.meta.base_year)], text) if len(g) == n]
        nouns = None if time_groups else _enumerated_nouns(text, sent.start, resp[-1], n)
        for i, q in enumerate(group):
            t = time_groups[-1][i] if time_groups else None
            paired[id(q)] = (t, nouns[i] if nouns else None, comparator)
    for q in rules.quantities:
        deadline_override, subject_override, comparator_override = paired.get(id(q), (None, None, None))
        kind = "fact" if rules.is_fact(q.start) else "target"
        deadline = deadline_override or rules.deadline_for(q.start, inherited)
        comparator = q.comparator if q.comparator == "range" else (comparator_override or q.comparator or "=")
        clause = _clause_of(sent, q.start)
        things = _shared_things(text, clause[0], q.start)
        base = dict(
            sentence=sent,
            value=q.value,
            value_max=q.value_max,
            unit=q.unit,
            comparator=comparator,
            deadline=deadline,
            pos=q.start,
            end=q.end,
            agencies=agencies,
            strength=rules.strength_at(q.start),
            kind=kind,
            approx=q.approx,
            recurrence=rules.recurrence_at(q.start),
        )
        if things:
            for thing in things:
                if thing.startswith("每"):
                    out.append(Draft(subject=rules.subject_at(q, q.start, q.end), scope=thing, **base))
                else:
                    out.append(Draft(subject=thing, scope=rules.scope_at(q.start), **base))
            continue
        subject = _tidy(subject_override) if subject_override else rules.subject_at(q, q.start, q.end)
        if (not subject or len(subject) < 2 or subject in _cues()["bare_verbs"]) and out and out[-1].sentence is sent:
            subject = out[-1].subject  # `…分别有30%…,到2024年实现全覆盖`: the same thing, fully covered
        out.append(Draft(subject=subject, scope=rules.scope_at(q.start), **base))
    return out


def _next_occurrence(t: TimeExpr, recurrence: str | None, meta: Metadata) -> TimeExpr:
    """`每年1月底前` in a notice of April: the first due date is next January, not one already past."""
    if not recurrence or not t.date or not meta.issue_date or re.search(r"\d{4}|[〇零]", t.text) or t.date >= meta.issue_date:
        return t
    y, rest = t.date.split("-", 1)
    date = f"{int(y) + 1}-{rest}" if rest != "02-29" else f"{int(y) + 1}-02-28"
    return replace(t, date=date, year=(t.year or int(y)) + 1)


def _duty_drafts(rules: SentenceRules, agencies: list[str], inherited: TimeExpr | None) -> list[Draft]:
    """One dated duty without a number per governing time phrase (到2025年基本建成…, 10月底前报省厅)."""
    by_time: dict[int, list[tuple[int, int]]] = {}
    times: dict[int, TimeExpr] = {}
    for t, clause in _null_value_clauses(rules):
        t = t or inherited
        if t is None:
            continue
        if rules.is_fact(clause[0]):
            continue
        key = t.start if t in rules.times else -1
        by_time.setdefault(key, []).append(clause)
        times[key] = t
    out = []
    for key, cls in by_time.items():
        first, last = cls[0], cls[-1]
        recurrence = rules.recurrence_at(first[0])
        subject = "，".join(rules.text[a:b] for a, b in cls)[:60]
        out.append(
            Draft(
                sentence=rules.sent,
                value=None,
                value_max=None,
                unit=None,
                comparator=None,
                deadline=_next_occurrence(times[key], recurrence, rules.meta),
                pos=first[0],
                end=last[1],
                subject=subject,
                scope=rules.scope_at(first[0]),
                agencies=agencies,
                strength=rules.strength_at(first[0]),
                kind="target",
                recurrence=recurrence,
            )
        )
    return out


def _grams(s: str, n: int = 4) -> set[str]:
    s = re.sub(r"[\W_]+", "", s)
    return {s[i : i + n] for i in range(max(0, len(s) - n + 1))}


def _similar(a: str, b: str) -> bool:
    ga, gb = _grams(a), _grams(b)
    if not ga or not gb:
        return a == b
    return len(ga & gb) / min(len(ga), len(gb)) >= 0.5


def merge_repeats(drafts: list[Draft], text: str) -> list[Draft]:
    """The same target stated twice (lead paragraph, body, 解读) becomes one record with all evidence."""
    kept: list[Draft] = []
    for d in drafts:
        d.evidence = d.evidence or [(d.sentence.start, d.sentence.end)]
        match = None
        for k in kept:
            if k.kind != d.kind or k.sentence is d.sentence:
                continue
            if k.value != d.value or k.value_max != d.value_max or k.unit != d.unit:
                continue
            kd = k.deadline.date if k.deadline else None
            dd = d.deadline.date if d.deadline else None
            if kd and dd and kd != dd:
                continue
            if k.comparator != d.comparator and "=" not in (k.comparator, d.comparator):
                continue
            if d.value is None and kd != dd:
                continue
            ka = text[_clause_of(k.sentence, k.pos)[0] : _clause_of(k.sentence, k.end - 1)[1]]
            da = text[_clause_of(d.sentence, d.pos)[0] : _clause_of(d.sentence, d.end - 1)[1]]
            if _similar(ka, da) or (k.subject and d.subject and k.subject == d.subject):
                match = k
                break
        if match is None:
            kept.append(d)
            continue
        match.evidence.append((d.sentence.start, d.sentence.end))
        if _specificity(d) > _specificity(match):
            evidence = match.evidence
            kept[kept.index(match)] = d
            d.evidence = evidence
    return kept


def _specificity(d: Draft) -> int:
    return (2 if d.deadline is not None else 0) + (1 if d.comparator not in (None, "=") else 0)
