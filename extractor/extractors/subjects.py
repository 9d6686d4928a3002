"""What a value counts (subject) and the population or area it applies to (scope).

The object after `建成N个…` when a verb of making stands before the number, else the noun phrase before
`…达到N`; a member of a list (`30%、50%、70%以上的乡镇…`) takes the words after the whole list.
Word lists: `gazetteers/keywords/subjects.toml`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractor import gazetteers, patterns
from extractor.extractors import cues
from extractor.extractors.mentions import SentenceView
from extractor.model import Quantity


@lru_cache(maxsize=1)
def _scope() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in gazetteers.keywords("subjects")["scope_patterns"]))


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    obj = re.compile(patterns.fill("object_before", objects=cues.alternation("subjects", "object_verbs")))
    link = re.compile(patterns.fill("link_before", modals=cues.alternation("subjects", "link_modals"),
                                    links=cues.alternation("subjects", "link_verbs")))
    lead = re.compile(patterns.fill("subject_lead", leads=cues.alternation("subjects", "subject_leads")))
    return obj, link, lead


def tidy(phrase: str) -> str:
    phrase = _patterns()[2].sub("", phrase.strip())
    return phrase.strip("的 ")[:40]


def scope_at(view: SentenceView, pos: int) -> str | None:
    """The area or base population in the value's clause, else a 全省-style scope opening the sentence."""
    clause = view.clause_at(pos)
    found = cues.find_pattern(_scope(), view.text, clause[0], pos)
    if found:
        return found[-1][1]
    lead = cues.find_pattern(patterns.WHOLE_AREA, view.text, view.sent.start, pos)
    return lead[0][1] if lead else None


def _tail(view: SentenceView, start: int, end: int) -> str:
    tail = patterns.PHRASE_BREAK.split(view.text[start:end])[0].rstrip("、和及与")
    return patterns.OBJECT_LEAD.sub("", tail).strip("的 ")


def subject_at(view: SentenceView, q: Quantity | None, pos: int, end: int) -> str | None:
    """What is counted: the object after `建成N个…`, else the noun phrase before `…达到N`."""
    text = view.text
    clause = view.clause_at(pos)
    later = view.quantities_between(end, clause[1])
    run_start = view.list_start(pos)
    earlier = view.last_end(clause[0], run_start)
    head = text[earlier if earlier is not None else clause[0] : run_start]
    tail = _tail(view, end, later[0].start if later else clause[1])
    if len(tail) < 2:
        run_end = view.list_end(end)
        after = view.quantities_between(run_end, clause[1])
        tail = _tail(view, run_end, after[0].start if after else clause[1])
    in_list = earlier is not None and bool(patterns.LIST_JOIN_END.search(head))
    head = head.lstrip("、和及与")
    obj, link, _ = _patterns()
    if q is not None and (obj.search(head) or in_list) and len(tail) >= 2 and not tail.startswith(("、", "和", "的比例")):
        return tidy(tail)
    stripped = tidy(link.sub("", head))
    if len(stripped) >= 2:
        return stripped
    if len(tail) >= 2:
        return tidy(tail)
    return text[clause[0] : clause[1]][:40] or None


@lru_cache(maxsize=1)
def _fillers() -> re.Pattern[str]:
    words = [w for key in ("link_verbs", "link_modals", "subject_leads", "bare_verbs", "clause_fillers")
             for w in gazetteers.words("subjects", key)]
    words += [w for key in ("ge_before", "ge_after", "le_before", "le_after") for w in gazetteers.words("comparators", key)]
    return re.compile("|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w))))


def names_nothing(view: SentenceView, q: Quantity) -> bool:
    """The value's clause names nothing of its own: only its date, linking and comparator words and the value
    (`,到2025年达到5万个`, `,2025年30万辆`, `2023年则为“110万人以上”`), so it counts what the value before it in
    the sentence counts: each (year, value) of `到2020年X达到A,到2025年达到B` is a target of X."""
    return says_nothing(view.clause_rest(*view.clause_at(q.start)))


def names_nothing_between(view: SentenceView, start: int, q: Quantity) -> bool:
    """Nothing is named from `start` (the end of the value before it) to this value, nor after it in its clause
    (`进出口总额突破9万亿元、增长9.8%`), unlike `2万个以上,实现14个市5G网络覆盖`, whose thing follows its value."""
    a, b = view.clause_at(q.start)
    after = view.quantities_between(q.end, b)
    return says_nothing(view.text[start : q.start]) and says_nothing(view.text[q.end : after[0].start if after else b])


@lru_cache(maxsize=1024)
def says_nothing(text: str) -> bool:
    """Only punctuation, linking, comparator and filler words (`、增长`, `,到2025年达到`): no thing of its own.
    Remembered: every value of a long clause asks about the same clause text."""
    words = "".join(ch for ch in text if ch.isalnum() or "\u4e00" <= ch <= "\u9fff")
    return len(_fillers().sub("", words)) < 2


def is_bare(subject: str | None) -> bool:
    return not subject or len(subject) < 2 or subject in gazetteers.words("subjects", "bare_verbs")
