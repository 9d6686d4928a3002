"""Dated duties without a number (GOLD_FORMAT.md "Rules for hard cases").

A clause counts when a due phrase governs it and it has an action on a concrete deliverable
(`到2025年基本建成三级服务体系`, `于10月底前报省厅`, `第3季度进行检查`). Outcomes and states (`空气质量明显
改善`, `机制更加完善`, `取得阶段性成效`) and visions (`…新格局基本形成`) do not count, nor do clauses that only
introduce what follows (`工作目标是`), nor clauses about a document, a speech or a
meeting (`在作…报告时`, `《…》是…发布的意见`, `提出…预期目标`). Word lists: `gazetteers/keywords/actions.toml`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractor import gazetteers, patterns
from extractor.extractors import background, cues
from extractor.extractors.mentions import SentenceView

TITLE = re.compile(r"《[^《》]*》")


@lru_cache(maxsize=65536)
def _is_action(word: str) -> bool:
    """An action verb token, or a compound opening with one (建立健全, 建成投用)."""
    actions = frozenset(gazetteers.words("actions", "actions"))
    return word in actions or any(word[:n] in actions for n in (2, 3, 4) if len(word) > n)


def _strong_action_before(clause_text: str, pos: int) -> bool:
    weak = gazetteers.words("actions", "weak_actions")
    return any(w not in weak for _, w in cues.find("actions", "actions", clause_text, 0, pos))


@lru_cache(maxsize=1)
def _state_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    adverbs = cues.alternation("actions", "state_adverbs")
    predicates = cues.alternation("actions", "state_predicates")
    return (re.compile(patterns.fill("state_phrase", adverbs=adverbs, predicates=predicates)),
            re.compile(patterns.fill("vision_formed", visions=cues.alternation("actions", "vision_nouns"))))


def _state(clause_text: str) -> bool:
    """An outcome, state or vision rather than a deliverable; a state word inside the object of a strong action
    (`基本建成与…相适应的服务体系`) does not count."""
    state, vision = _state_patterns()
    found = [(p, p + len(w)) for p, w in cues.find("actions", "state_phrases", clause_text)]
    found += [(m.start(), m.end()) for m in state.finditer(clause_text)]
    end = len(clause_text.rstrip("。；;，, "))
    if any(e >= end - 2 or not _strong_action_before(clause_text, p) for p, e in found):
        return True
    return bool(vision.search(clause_text))


@lru_cache(maxsize=1)
def _publish_verbs() -> re.Pattern[str]:
    return re.compile(f"(?:{cues.alternation('doc_types', 'publish_verbs')})")


@lru_cache(maxsize=1)
def _reported() -> re.Pattern[str]:
    return re.compile(patterns.fill("publication_reported", status=cues.alternation("background", "modifier_status")))


def _publication_report(view: SentenceView, clause: tuple[int, int]) -> bool:
    """`近日,湖北省发布…规划`: a report that the document was published is no duty."""
    m = _publish_verbs().search(view.text[clause[0] : clause[1]])
    if not m:
        return False
    before = view.text[view.sent.start : clause[0] + m.start()]
    return bool(_reported().search(before + view.text[clause[0] + m.end() : clause[0] + m.end() + 1]))


SELF_NAME_CHARS = 8


def _names_itself(view: SentenceView, clause_text: str) -> bool:
    """`结合全市实际,制定某某三年行动方案(2024—2026年)`: the notice naming its own making is no duty; its title's
    period is not a due date."""
    core = patterns.BRACKETED.sub("", view.doc.title or "").strip()
    return len(core) >= SELF_NAME_CHARS and core[:SELF_NAME_CHARS] in clause_text


def _soft_headed(clause_text: str, action_pos: int) -> bool:
    """`强化政策创制、人才培育…`: a strengthening verb heads the clause and the action words are its objects."""
    heads = cues.find("actions", "soft_heads", clause_text, 0, action_pos)
    return bool(heads) and action_pos - (heads[0][0] + len(heads[0][1])) > 2


def _lead(clause_text: str) -> bool:
    return clause_text.rstrip().endswith(gazetteers.words("actions", "lead_endings"))


def action_clauses(view: SentenceView) -> list[tuple[int, int]]:
    """Clauses of the sentence with an action on a deliverable and no value of their own."""
    out = []
    weak = frozenset(gazetteers.words("actions", "weak_actions"))
    values = [q for q in view.quantities if not background.is_setting(view, q)]  # `在5个试点的基础上建设…`: a base, no value
    qpos = [q.start for q in values]
    for c in view.sent.clauses:
        if any(c[0] <= p < c[1] for p in qpos):
            continue
        clause_text = view.text[c[0] : c[1]]
        if "《" in clause_text:
            clause_text = TITLE.sub(lambda m: " " * len(m.group(0)), clause_text)
        nominal = [(m.start() + c[0], m.end() + c[0]) for m in patterns.NOMINAL_FRAME.finditer(clause_text)]
        actions = [(p, w) for p, w in view.words_in(c[0], c[1]) if _is_action(w) and " " not in clause_text[p - c[0] : p - c[0] + len(w)]
                   and not any(a < p < b for a, b in nominal) and view.text[p + len(w) : p + len(w) + 1] not in (":", "：")]
        if not actions or _state(clause_text) or _lead(clause_text) or _publication_report(view, c) or _names_itself(view, clause_text):
            continue
        if patterns.TARGETS_MET.search(clause_text):
            continue  # `确保完成“十四五”节能减排目标`: meeting targets set elsewhere restates them, it names no deliverable
        if patterns.META_CLAUSE.search(clause_text):
            continue  # `在作…报告时`, `《…》是…发布的意见`: a clause about a document, speech or meeting sets nothing
        if _soft_headed(clause_text, actions[0][0] - c[0]):
            continue
        actions = [w for _, w in actions]
        if all(w in weak for w in actions) and (not cues.has("actions", "deliverables", clause_text) or any(p >= c[1] for p in qpos)):
            continue  # `实施银龄人才计划,年度目标为引进3600名…`: a weak action naming the programme of the values after it
        out.append(c)
    return out
