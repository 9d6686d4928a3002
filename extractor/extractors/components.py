"""The extraction stages as spaCy components, so researchers can reuse them on their own Docs.

    nlp = extractor.extractors.components.build_nlp()
    doc = nlp(cleaned_text)
    doc._.notice_meta, doc._.quantities, doc._.time_exprs, doc._.agencies, doc._.obligations
"""
from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from extractor.gazetteers import check_gazetteers
from extractor.extractors.agencies import actors_in, is_agency_name
from extractor.extractors.clauses import TokenIndex, sentences
from extractor.extractors.metadata import Metadata, extract_metadata
from extractor.extractors.mentions import DocContext, DocMentions
from extractor.extractors.obligations import build_drafts
from extractor.extractors.time_phrases import find_times
from extractor.nlp.segment import doc_text, get_nlp
from extractor.outline import Outline, build_outline

for _name in ("notice_meta", "obligations", "title_hint", "date_hint", "raw_text", "header_lines", "footer_lines",
              "rule_warnings"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def _mentions(doc: Doc) -> DocMentions:
    """The mentions the obligation rules read (titles and cited numbers masked), computed once per Doc."""
    if "mentions" not in doc.user_data:
        meta = doc._.notice_meta
        # 今年, 10月底前 and 用3年时间 count from the notice's date or a year its text names for the work
        # (GOLD_FORMAT.md); a plan period's first year is a guess that dates no relative phrase
        doc.user_data["mentions"] = DocMentions(doc_text(doc), meta.base_year if meta and not meta.year_of_plan else None)
    return doc.user_data["mentions"]


if not Doc.has_extension("quantities"):
    Doc.set_extension("quantities", getter=lambda doc: _mentions(doc).quantities)
if not Doc.has_extension("time_exprs"):
    Doc.set_extension("time_exprs", getter=lambda doc: _mentions(doc).times)
def outline_of(doc: Doc) -> Outline:
    """The notice's outline (headings, lead-ins, tables), built once per Doc."""
    if "outline" not in doc.user_data:
        doc.user_data["outline"] = build_outline(doc_text(doc), lambda line: find_times(line, None), is_agency_name)
    return doc.user_data["outline"]


if not Doc.has_extension("outline"):
    Doc.set_extension("outline", getter=outline_of)
if not Doc.has_extension("agencies"):
    Doc.set_extension("agencies", getter=lambda doc: actors_in(doc_text(doc), 0, len(doc_text(doc))))


@Language.component("notice_metadata")
def notice_metadata(doc: Doc) -> Doc:
    """Title, 发文字号, issuers, addressees, date and region -> Doc._.notice_meta."""
    doc._.notice_meta = extract_metadata(doc_text(doc), doc._.title_hint, doc._.date_hint, doc._.header_lines or [], outline_of(doc),
                                         doc._.footer_lines or [])
    return doc


@Language.component("notice_obligations")
def notice_obligations(doc: Doc) -> Doc:
    """Obligation drafts (targets and facts), repeats merged -> Doc._.obligations; what the rules left unread
    -> Doc._.rule_warnings."""
    text = doc_text(doc)
    meta = doc._.notice_meta or extract_metadata(text)
    doc._.notice_meta = meta
    warnings: list[str] = []
    doc._.obligations = build_drafts(text, sentences(text), TokenIndex.from_doc(doc), doc_context(meta), _mentions(doc),
                                     outline_of(doc), warnings)
    doc._.rule_warnings = warnings
    return doc


def doc_context(meta: Metadata) -> DocContext:
    """What the obligation rules need from the metadata."""
    return DocContext(
        base_year=meta.base_year, issue_date=meta.issue_date, genre=meta.genre, addressees=list(meta.addressees),
        issuers=list(meta.issuers), province=meta.province, city=meta.city, admin_level=meta.admin_level,
        headline=meta.headline, title=meta.title, dated=meta.dated, names_no_goal=meta.names_no_goal,
        reviews_period=meta.reviews_period, reported_through=None if meta.dated else meta.reported_through,
    )


@lru_cache(maxsize=1)
def build_nlp() -> Language:
    """jieba tokens + notice sentences + metadata + obligations, built once per process, after every
    language data file has been checked (a broken file stops here, named, before any document is read)."""
    check_gazetteers()
    nlp = get_nlp()
    if "notice_metadata" not in nlp.pipe_names:
        nlp.add_pipe("notice_metadata")
        nlp.add_pipe("notice_obligations")
    return nlp
