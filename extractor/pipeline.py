"""One document, source -> Notice. Pure apart from the data loaded once per process."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from spacy.tokens import Doc

from extractor.clean.text import clean
from extractor.decide.apply import apply_decision
from extractor.decide.evidence import rule_evidence
from extractor.extractors.components import build_nlp, outline_of
from extractor.extractors.indicators import assign, growth_of
from extractor.extractors.drafts import Draft
from extractor.ingest.limits import EVIDENCE_CONTEXT, MAX_SENTENCE_CHARS
from extractor.ingest.sources import DEFAULT_MAX_BYTES, read_bytes, read_path
from extractor.model import CleanText, Notice, Obligation, RawDocument
from extractor.outline import Outline
from extractor.progress import TASK_SHARE, as_of, own_provinces, task_of
from extractor.taxonomy import OTHER, family_of, to_base


def doc_id_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def evidence_span(d: Draft) -> tuple[int, int]:
    """The span a record quotes: its sentence, or for a sentence over MAX_SENTENCE_CHARS a window around the value."""
    start, end = d.sentence.start, d.sentence.end
    if end - start <= MAX_SENTENCE_CHARS:
        return start, end
    lo = min(max(start, d.pos), end)
    hi = max(lo, min(end, d.end))
    ws, we = max(start, lo - EVIDENCE_CONTEXT), min(end, hi + EVIDENCE_CONTEXT)
    return ws, min(we, ws + MAX_SENTENCE_CHARS)


def _obligation(d: Draft, n: int, doc_id: str, ct: CleanText, sentences: dict[tuple[int, int], str]) -> Obligation:
    """One record, classified here once: its indicator (canonical, provisional or other) and its value in the unit
    family's base unit; tables and the report only read these fields."""
    start, end = evidence_span(d)
    raw_start, raw_end = ct.raw_span(start, end)
    sentence = sentences.setdefault((start, end), ct.text[start:end])  # one string for all records of a sentence
    column = assign(d.subject, sentence, d.unit, d.scope, value=d.value, listed=d.listed)
    value_base, unit_base = to_base(d.value, d.unit)
    return Obligation(
        id=f"{doc_id}-{n:03d}",
        sentence=sentence,
        start=start,
        end=end,
        raw_start=raw_start,
        raw_end=raw_end,
        subject=d.subject,
        value=d.value,
        value_max=d.value_max,
        unit=d.unit,
        comparator=d.comparator,
        deadline=d.deadline.date if d.deadline else None,
        deadline_text=d.deadline.text if d.deadline else None,
        scope=d.scope,
        agencies=list(d.agencies),
        strength=d.strength,
        kind=d.kind,
        approx=d.approx,
        recurrence=d.recurrence,
        indicator=column.id,
        evidence=[{"start": s, "end": e, "raw_start": ct.raw_span(s, e)[0], "raw_end": ct.raw_span(s, e)[1]} for s, e in d.evidence],
        outline_path=list(d.outline_path),
        indicator_label=column.label,
        indicator_provisional=column.provisional,
        unit_family=family_of(d.unit),
        value_base=value_base,
        value_max_base=to_base(d.value_max, d.unit)[0],
        unit_base=unit_base,
    )


LEAD_CHARS = 40  # a page's lead: its first lines up to this many characters (a dateline alone says little)


def page_lead(text: str) -> str:
    """The page's lead, whose reviewed year dates the figures after it: its first line, with the next ones while
    they come to fewer than LEAD_CHARS characters (`(2024年4月30日)` then `2023年是…开局之年`)."""
    end = 0
    while end < len(text):
        nl = text.find("\n", end)
        end = len(text) if nl < 0 else nl + 1
        if len(text[:end].strip()) >= LEAD_CHARS:
            break
    return text[:end].rstrip("\n")


def _same_indicator(drafts: list[Draft], obligations: list[Obligation], text: str) -> None:
    """A value whose clause names nothing of its own (`,到2025年达到5万个`) is in the column of the value it counts
    as, when their units are of one family: each (year, value) of a sentence is one target of one indicator; a
    percent after a growth word (`地区生产总值达到5万亿元,增长6%`) is in the growth column of that level."""
    made = {id(d): o for d, o in zip(drafts, obligations)}
    for d, o in zip(drafts, obligations):
        first = made.get(id(d.counts_as)) if d.counts_as is not None else None
        if first is None:
            continue
        if first.unit_family == o.unit_family:
            o.indicator, o.indicator_label, o.indicator_provisional = first.indicator, first.indicator_label, first.indicator_provisional
        elif o.unit_family == "percent" and (grown := growth_of(first.indicator, first.indicator_label, text[d.counts_as.end : d.pos])):
            o.indicator, o.indicator_label, o.indicator_provisional = grown.id, grown.label, grown.provisional


def segment(raw: RawDocument, ct: CleanText) -> Doc:
    """The spaCy Doc over the cleaned text, carrying the reader's hints for the metadata component."""
    doc = build_nlp().tokenizer(ct.text)
    doc._.title_hint = raw.title_hint
    doc._.date_hint = raw.date_hint
    doc._.raw_text = ct.raw
    doc._.header_lines = ct.header
    doc._.footer_lines = ct.footer
    return doc


def annotate(doc: Doc) -> Doc:
    """Run the extraction components (metadata, obligations) on a segmented Doc."""
    for _, proc in build_nlp().pipeline:
        doc = proc(doc)
    return doc


def outline(raw: RawDocument) -> Outline:
    """The outline of one document (`notice-extract outline`): cleaned and segmented as for extraction."""
    return outline_of(segment(raw, clean(raw)))


def extract_raw(raw: RawDocument) -> Notice:
    """Clean, segment and extract one RawDocument."""
    ct = clean(raw)
    return build_notice(raw, ct, annotate(segment(raw, ct)))


def build_notice(raw: RawDocument, ct: CleanText, doc: Doc) -> Notice:
    """The Notice record from the stages' results, after the trained decision (target or fact, confidence)."""
    notice, evidence = build_candidates(raw, ct, doc)
    notice = apply_decision(notice, evidence)
    lead = page_lead(ct.text)
    for o, province in zip(notice.obligations, own_provinces(ct.text, (o.sentence for o in notice.obligations))):
        o.province = province
    for o in notice.obligations:
        thing = task_of(o.subject, o.sentence, o.value, o.unit)
        if thing is not None:  # 完成年度任务的82%: a share of the year's task of 城镇新增就业 (docs/progress.md)
            column = assign(thing, o.sentence, None, o.scope)
            if column.id != OTHER and not column.provisional:
                o.indicator, o.indicator_label = column.id + TASK_SHARE, f"{column.label}(占年度任务%)"
                o.indicator_provisional = False
        if o.kind == "fact" and o.value is not None:  # the date a reported figure refers to (docs/progress.md)
            paragraph = ct.text.rfind("\n", 0, o.start) + 1
            o.as_of = as_of(o.sentence, notice.issue_date, o.deadline, before=ct.text[paragraph:o.start],
                            lead=lead if paragraph > 0 else "")
    return notice


def candidates_raw(raw: RawDocument) -> tuple[Notice, list[dict]]:
    """The rules' candidates of one RawDocument and their evidence, before the decision (what `train` learns from)."""
    ct = clean(raw)
    return build_candidates(raw, ct, annotate(segment(raw, ct)))


def build_candidates(raw: RawDocument, ct: CleanText, doc: Doc) -> tuple[Notice, list[dict]]:
    """The Notice as the rules left it (ids, offsets back to the raw text, warnings) and each record's evidence."""
    meta = doc._.notice_meta
    doc_id = doc_id_of(raw.data or raw.text.encode("utf-8"))
    drafts = sorted(doc._.obligations, key=lambda d: (d.sentence.start, d.pos))
    sentences: dict[tuple[int, int], str] = {}
    obligations = [_obligation(d, i + 1, doc_id, ct, sentences) for i, d in enumerate(drafts)]
    _same_indicator(drafts, obligations, ct.text)
    warnings = list(ct.warnings) + list(doc._.rule_warnings or [])
    windowed = sum(1 for d in drafts if d.sentence.end - d.sentence.start > MAX_SENTENCE_CHARS)
    if windowed:
        warnings.append(f"evidence: {windowed} records are in sentences longer than {MAX_SENTENCE_CHARS:,} characters; "
                        f"each quotes {EVIDENCE_CONTEXT} characters either side of its value (start/end give that window)")
    if not ct.text.strip():
        warnings.append("empty: no notice text found")
    if meta.issue_date is None:
        warnings.append("metadata: no issue date found")
    notice = Notice(
        doc_id=doc_id,
        source=raw.source,
        title=meta.title,
        doc_number=meta.doc_number,
        issuers=meta.issuers,
        addressees=meta.addressees,
        issue_date=meta.issue_date,
        province=meta.province,
        city=meta.city,
        admin_level=meta.admin_level,
        text=ct.text,
        warnings=warnings,
        obligations=obligations,
        media_type=raw.media_type,
        region_evidence=meta.region_evidence,
        genre=meta.genre,
    )
    return notice, [rule_evidence(d) for d in drafts]


def extract(text: str | Path, source: str | None = None) -> Notice:
    """Public API: a notice's text (str) -> Notice. A `Path` is read as a file; a str is never taken for a path."""
    if isinstance(text, Path):
        return extract_file(text)
    if not isinstance(text, str):
        raise TypeError(f"extract() takes the notice text as str, not {type(text).__name__}: "
                        "use extract_bytes(data, source=...) for bytes or extract_file(path) for a file")
    return extract_raw(RawDocument(source=source or "<text>", data=text.encode("utf-8", "surrogatepass"),
                                   media_type="text/plain", text=text))


def extract_file(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> Notice:
    """Public API: one file (text, HTML, PDF, DOCX) -> Notice; a missing or bad file is an ExtractorError naming it."""
    return extract_raw(read_path(os.fspath(path), max_bytes))


def extract_bytes(data: bytes, source: str = "<bytes>") -> Notice:
    """Public API: a document's bytes (any supported format, found from the content) -> Notice."""
    return extract_raw(read_bytes(bytes(data), source))
