"""Dated duties without a number (GOLD_FORMAT.md "Rules for hard cases").

A clause counts when a due phrase governs it and it has an action on a concrete deliverable
(`到2025年基本建成三级服务体系`, `于10月底前报省厅`, `第3季度进行检查`). Outcomes and states (`空气质量明显
改善`, `机制更加完善`, `取得阶段性成效`) and visions (`…新格局基本形成`) do not count, nor do clauses that only
introduce what follows (`工作目标是`). Word lists: `gazetteers/keywords/actions.toml`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractor import gazetteers
from extractor.extractors import cues
from extractor.extractors.mentions import SentenceView

TITLE = re.compile(r"《[^《》]*》")


@lru_cache(maxsize=65536)
def _is_action(word: str) -> bool:
    """An action verb token, or a compound opening with one (建立健全, 建成投用)."""
    actions = frozenset(gazetteers.words("actions", "actions"))
    return word in actions or any(word[:n] in actions for n in (2, 3, 4) if len(word) > n)


def _state(clause_text: str) -> bool:
    """An outcome, state or vision rather than a deliverable."""
    if cues.has("actions", "state_phrases", clause_text):
        return True
    adverbs = cues.alternation("actions", "state_adverbs")
    predicates = cues.alternation("actions", "state_predicates")
    if re.search(rf"(?:{adverbs})(?:得到)?(?:{predicates})", clause_text):
        return True
    return bool(re.search(rf"(?:{cues.alternation('actions', 'vision_nouns')})[^，,；;。]{{0,4}}(?:基本|初步|逐步|全面)?形成", clause_text))


def _lead(clause_text: str) -> bool:
    return clause_text.rstrip().endswith(gazetteers.words("actions", "lead_endings"))


def action_clauses(view: SentenceView) -> list[tuple[int, int]]:
    """Clauses of the sentence with an action on a deliverable and no value of their own."""
    out = []
    weak = frozenset(gazetteers.words("actions", "weak_actions"))
    qpos = [q.start for q in view.quantities]
    for c in view.sent.clauses:
        if any(c[0] <= p < c[1] for p in qpos):
            continue
        clause_text = TITLE.sub(lambda m: " " * len(m.group(0)), view.text[c[0] : c[1]])
        words = [w for p, w in view.words_in(c[0], c[1]) if " " not in clause_text[p - c[0] : p - c[0] + len(w)]]
        actions = [w for w in words if _is_action(w)]
        if not actions or _state(clause_text) or _lead(clause_text):
            continue
        if all(w in weak for w in actions) and not cues.has("actions", "deliverables", clause_text):
            continue
        out.append(c)
    return out
