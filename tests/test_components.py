"""The stages as spaCy components, reusable on a researcher's own Doc."""
from extractor.extractors.components import build_nlp


def test_doc_extensions_carry_every_stage():
    nlp = build_nlp()
    assert nlp.pipe_names[-2:] == ["notice_metadata", "notice_obligations"]
    doc = nlp("关于做好养老服务工作的通知\n各市民政局:\n到2025年,全省养老机构护理型床位占比达到55%以上。\n吉林省民政厅\n2022年5月6日")
    assert doc._.notice_meta.province == "吉林省"
    assert [(q.value, q.unit, q.comparator) for q in doc._.quantities] == [(55, "%", ">=")]
    assert [t.date for t in doc._.time_exprs if t.kind != "event"][0] == "2025-12-31"
    (ob,) = [o for o in doc._.obligations if o.kind == "target"]
    assert (ob.value, ob.deadline.date, ob.agencies) == (55, "2025-12-31", ["各市民政局"])
    assert any(s.text.startswith("到2025年") for s in doc.sents)
