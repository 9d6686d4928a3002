"""Who is responsible for a task, as notices say it: `由X负责/牵头`, a note after the task
(`（省发展改革委牵头，省财政厅配合）`), or a paragraph that is only a note (`责任单位：省教育厅。`).

Which strings are agency names is `agencies.py`'s decision; this module finds where a notice assigns them.
Word lists: `gazetteers/keywords/agencies.toml` (`by_words`, `responsibility_words`).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from extractor import gazetteers, patterns
from extractor.extractors import cues
from extractor.extractors.agencies import is_actor_noun, is_agency_name, split_bodies
from extractor.extractors.clauses import Sentence
from extractor.extractors.memo import per_document

NOTE = re.compile(r"[（(〔【\[]([^（()）〔〕【】\[\]\n]{2,200})(?:[)）〕】\]]|(?=\n)|$)")


def _labels() -> str:
    return cues.alternation("agencies", "responsibility_labels")


@lru_cache(maxsize=1)
def note_line() -> re.Pattern[str]:
    """A paragraph that is only a responsibility note (`责任单位：省教育厅。`)."""
    return re.compile(patterns.fill("responsibility_line", labels=_labels()))


@per_document
def by_clause_agencies(text: str, start: int, end: int) -> tuple[str, ...]:
    """`由X负责/牵头/明确/承担`: the body after 由 is responsible."""
    out = []
    by = cues.alternation("agencies", "by_words")
    for m in re.finditer(patterns.fill("by_clause", by=by), text[start:end]):
        names = split_bodies(m.group(1))
        if names and all(is_agency_name(n) or is_actor_noun(n) for n in names):
            out += names
    return tuple(out)


@dataclass(frozen=True)
class Note:
    """A responsibility note after a task (`（省发展改革委牵头，省财政厅配合）`, `责任单位：…`)."""

    start: int
    end: int
    names: tuple[str, ...]


def _note_names(body: str) -> list[str]:
    role = "|".join(re.escape(w) for w in gazetteers.words("agencies", "responsibility_words"))
    body = re.sub(patterns.fill("responsibility_label", labels=_labels()), "", body.strip())
    names = []
    label = re.compile(patterns.fill("responsibility_label", labels=_labels()))
    orgs = gazetteers.words("agencies", "note_org_endings")
    for chunk in patterns.PHRASE_BREAK.split(body):
        chunk = label.sub("", chunk.strip())  # every chunk may open with its own label (`;配合单位:市财政局`)
        chunk = re.sub(patterns.fill("note_role_tail", role=role), "", chunk).strip()
        chunk = patterns.NOTE_CONTACT_TAIL.sub("", chunk)
        for part in split_bodies(chunk):
            part = patterns.NOTE_PART_LEAD.sub(lambda m: m.group(0) if m.group(0) == "各" else "", part.strip())
            if part and (is_agency_name(part) or is_actor_noun(part) or (len(part) >= 4 and part.endswith(orgs))):
                names.append(part)
    return names


def responsibility_notes(text: str) -> list[Note]:
    """Every note naming the bodies responsible for the task before it."""
    role = cues.pattern("agencies", "responsibility_words")
    out = []
    for m in NOTE.finditer(text):
        if role.search(m.group(1)):
            names = _note_names(m.group(1))
            if names:
                out.append(Note(m.start(), m.end(), tuple(dict.fromkeys(names))))
    for m in re.finditer(patterns.fill("responsibility_paragraph", labels=_labels()), text):
        names = _note_names(m.group(1))
        if names:
            out.append(Note(m.start(1), m.end(1), tuple(dict.fromkeys(names))))
    return sorted(out, key=lambda n: n.start)


def notes_by_sentence(text: str, sents: list[Sentence]) -> dict[int, list[str]]:
    """Sentence index -> the bodies of the responsibility note that closes its task: a note in the same
    paragraph after the task, or a paragraph that is only a note (`责任单位：省教育厅。`) after the task's
    paragraph(s), back to the previous note or heading."""
    out: dict[int, list[str]] = {}
    notes = responsibility_notes(text)
    starts = [n.start for n in notes]
    by_para: dict[int, list[Sentence]] = {}
    for s in sents:
        by_para.setdefault(s.para, []).append(s)
    paras = sorted(by_para)
    note_paras: dict[int, list[str]] = {}
    for para in paras:
        ss = by_para[para]
        start, end = ss[0].start, ss[-1].end
        prev = start
        for n in notes[bisect_left(starts, start) : bisect_right(starts, end)]:
            if note_line().match(text[start:end]):
                note_paras[para] = note_paras.get(para, []) + [x for x in n.names if x not in note_paras.get(para, [])]
                continue
            for s in ss:
                if prev <= s.start < n.end and s.index not in out:
                    out[s.index] = list(n.names)
            prev = n.end
    for i, para in enumerate(paras):
        if para not in note_paras or (i > 0 and paras[i - 1] in note_paras):
            continue
        names = list(note_paras[para])
        k = i + 1
        while k < len(paras) and paras[k] in note_paras:  # 牵头单位: … then 责任单位: …
            names += [x for x in note_paras[paras[k]] if x not in names]
            k += 1
        j = i - 1
        while j >= 0 and paras[j] not in note_paras and not by_para[paras[j]][0].is_heading:
            for s in by_para[paras[j]]:
                out.setdefault(s.index, names)
            j -= 1
    return out
