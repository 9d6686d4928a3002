"""Documents whose size in values is the attack (issue 28): one sentence of thousands of values (bounded evidence)
and a notice of thousands of one-value sentences (linear time)."""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from extractor.ingest.limits import EVIDENCE_CONTEXT, MAX_SENTENCE_CHARS
from extractor.pipeline import extract
from extractor.schema import validation_errors

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
sys.path.insert(0, str(Path(__file__).parent))
import hostile  # noqa: E402
import values_per_sentence  # noqa: E402


def test_records_of_a_sentence_over_the_limit_quote_a_window_around_their_value() -> None:
    notice = extract(hostile.long_sentence_text(400)).to_dict()
    obligations = notice["obligations"]
    assert len(obligations) == 400
    text = notice["text"]
    for o in obligations:
        assert text[o["start"]:o["end"]] == o["sentence"]  # what validate checks still holds
        assert len(o["sentence"]) <= 2 * EVIDENCE_CONTEXT + len("到2025年达到100%")
        assert "100%" in o["sentence"]
    assert any("evidence: 400 records are in sentences longer than" in w for w in notice["warnings"])
    assert validation_errors(notice) == []
    size = len(json.dumps(notice, ensure_ascii=False))
    assert size < 400 * 1500  # 400 x the 4,800-character sentence would be over 1.9 MB


def test_sentences_under_the_limit_are_quoted_whole() -> None:
    sentence = "到2025年," + "全省养老机构护理型床位" * 150 + "占比达到60%以上。"
    assert len(sentence) < MAX_SENTENCE_CHARS
    notice = extract("关于做好养老服务工作的通知\n各市民政局：\n" + sentence + "\n").to_dict()
    (o,) = notice["obligations"]
    assert o["sentence"] == sentence
    assert not any(w.startswith("evidence:") for w in notice["warnings"])


def test_one_value_sentences_cost_linear_time() -> None:
    """5,000 one-value sentences (each with its own subject, all in one paragraph): ten times 500 costs about
    ten times as much (quadratic code, a scan back over the paragraph per record, cost a hundred times)."""
    extract(values_per_sentence.notice(50, "sentences"))  # models loaded
    times = {}
    for n in (500, 5_000):
        start = time.process_time()
        notice = extract(values_per_sentence.notice(n, "sentences"))
        times[n] = time.process_time() - start
        assert len(notice.obligations) == n
    assert times[5_000] / times[500] < 25, times
