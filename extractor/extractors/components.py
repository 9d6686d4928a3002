"""The extraction stages as spaCy components, so researchers can reuse them on their own Docs.

    nlp = extractor.extractors.components.build_nlp()
    doc = nlp(cleaned_text)
    doc._.notice_meta, doc._.quantities, doc._.time_exprs, doc._.agencies, doc._.obligations
"""
from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from extractor.extractors.agencies import actors_in
from extractor.extractors.deadlines import find_times
from extractor.extractors.metadata import extract_metadata
from extractor.extractors.obligations import build_drafts, merge_repeats
from extractor.extractors.quantities import find_quantities
from extractor.extractors.structure import TokenIndex, sentences
from extractor.nlp.segment import doc_text, get_nlp

for _name in ("notice_meta", "obligations", "title_hint", "date_hint", "raw_text"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
if not Doc.has_extension("quantities"):
    Doc.set_extension("quantities", getter=lambda doc: find_quantities(doc.text))
if not Doc.has_extension("time_exprs"):
    Doc.set_extension("time_exprs", getter=lambda doc: find_times(doc.text, doc._.notice_meta.base_year if doc._.notice_meta else None))
if not Doc.has_extension("agencies"):
    Doc.set_extension("agencies", getter=lambda doc: actors_in(doc.text, 0, len(doc.text)))


@Language.component("notice_metadata")
def notice_metadata(doc: Doc) -> Doc:
    """Title, 发文字号, issuers, addressees, date and region -> Doc._.notice_meta."""
    doc._.notice_meta = extract_metadata(doc_text(doc), doc._.title_hint, doc._.date_hint, doc._.raw_text or "")
    return doc


@Language.component("notice_obligations")
def notice_obligations(doc: Doc) -> Doc:
    """Obligation drafts (targets and facts), repeats merged -> Doc._.obligations."""
    text = doc_text(doc)
    meta = doc._.notice_meta or extract_metadata(text)
    drafts = build_drafts(text, sentences(text), TokenIndex.from_doc(doc), meta)
    doc._.obligations = merge_repeats(drafts, text)
    return doc


@lru_cache(maxsize=1)
def build_nlp() -> Language:
    """jieba tokens + notice sentences + metadata + obligations, built once per process."""
    nlp = get_nlp()
    if "notice_metadata" not in nlp.pipe_names:
        nlp.add_pipe("notice_metadata")
        nlp.add_pipe("notice_obligations")
    return nlp
