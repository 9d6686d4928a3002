"""Confidence: features from the output record, the JSON model applied with NumPy, calibration figures,
deterministic training, the pipeline hook and --min-confidence."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from extractor import gazetteers
from extractor.cli import main
from extractor.confidence.features import NoticeContext, clause_around, feature_names, features, locate
from extractor.confidence.filter import filter_notice, filtered_inputs
from extractor.confidence.model import Calibration, ConfidenceModel, Head, load_model, score_notice
from extractor.confidence.reliability import reliability, render

ROOT = Path(__file__).resolve().parents[1]
SENTENCE = "截至2020年底,全省已有社工站100个,力争到2025年底达到200个以上。"


def notice_of(*obs: dict, **meta) -> dict:
    text = "一、工作目标\n" + "".join(o["sentence"] for o in obs)
    pos = len("一、工作目标\n")
    out = []
    for o in obs:
        rec = {"kind": "target", "start": pos, "end": pos + len(o["sentence"]), "raw_start": pos,
               "raw_end": pos + len(o["sentence"]), "evidence": [], **o}
        pos += len(o["sentence"])
        out.append(rec)
    return {"text": text, "issue_date": "2021-03-01", "warnings": ["pinyin: 3 glosses removed"], "genre": None,
            "title": "关于…的通知", "issuers": ["某省民政厅"], "doc_number": None, "obligations": out, **meta}


def target(**kw) -> dict:
    base = {"sentence": SENTENCE, "value": 200, "unit": "个", "comparator": ">=", "deadline": "2025-12-31",
            "deadline_text": "力争到2025年底", "agencies": ["各市民政局"], "strength": "aspirational", "subject": "社工站"}
    return {**base, **kw}


def test_every_named_feature_is_computed_and_bounded():
    n = notice_of(target())
    f = features(n["obligations"][0], NoticeContext.of(n))
    assert set(f) == set(feature_names())
    assert all(0.0 <= v <= 1.0 for v in f.values())


def test_cues_in_sentence_and_in_the_value_clause():
    n = notice_of(target())
    ob = n["obligations"][0]
    assert clause_around(ob["sentence"], locate(ob)) == "力争到2025年底达到200个以上"
    f = features(ob, NoticeContext.of(n))
    assert f["sentence:strong_fact"] == 1.0 and f["clause:strong_fact"] == 0.0  # 截至/已有 only in the other clause
    assert f["clause:aspirational"] == 1.0 and f["clause:cmp_ge"] == 1.0
    assert f["value_found"] == 1.0 and f["deadline_text_in_sentence"] == 1.0
    assert f["warning:pinyin"] == 1.0 and f["warning:garble"] == 0.0
    assert f["lead_in_near"] > 0.9 and f["has_title"] == 1.0 and f["no_issue_date"] == 0.0


def test_cue_lists_are_read_from_the_keyword_files():
    own = gazetteers.keywords("confidence")
    n = notice_of(target(sentence=f"{own['reported_speech'][0]},到2025年底达到200个。"))
    f = features(n["obligations"][0], NoticeContext.of(n))
    assert f["sentence:reported"] == 1.0
    one_char = notice_of(target(sentence="需要到2025年底达到200个。", deadline_text="到2025年底"))
    # 要 is a binding cue but only as a word of its own: not inside 需要
    assert features(one_char["obligations"][0], NoticeContext.of(one_char))["sentence:binding"] == 0.0


def test_record_level_features():
    table = target(sentence="社工站数量\t个\t100\t200", deadline_text=None)
    old = target(deadline="2019-12-31")
    n = notice_of(table, old, target(value=50))
    n["obligations"][2].update(start=n["obligations"][1]["start"], end=n["obligations"][1]["end"])
    ctx = NoticeContext.of(n)
    a, b, c = (features(o, ctx) for o in n["obligations"])
    assert a["table_row"] == 1.0 and b["table_row"] == 0.0
    assert b["deadline_before_issue"] == 1.0 and c["deadline_before_issue"] == 0.0
    assert b["same_sentence"] > 0 and a["same_sentence"] == 0.0  # two records from one sentence
    n["obligations"][1]["raw_end"] += 7  # a repair (pinyin removed) inside the sentence
    assert features(n["obligations"][1], ctx)["repaired_span"] == 1.0


def test_value_is_located_in_its_written_form():
    assert locate({"sentence": "全省社会工作专业人才达到5万人", "value": 50000}) is not None
    assert locate({"sentence": "到2030年建成", "value": 30}) is None  # not the 30 inside 2030


def two_feature_model(cal: Calibration) -> ConfidenceModel:
    head = Head(mean=[0.5, 0.0], scale=[0.5, 1.0], weights=[2.0, -1.0], bias=0.25, calibration=cal)
    return ConfidenceModel(["has:deadline", "table_row"], {"target": head, "fact": head})


def test_model_applies_weights_and_calibration_with_numpy():
    rows = np.array([[1.0, 0.0], [0.0, 1.0]])
    raw = np.array([2.0 * 1 + 0.25, 2.0 * -1 - 1.0 + 0.25])
    sig = two_feature_model(Calibration("sigmoid", a=-1.5, b=0.2))
    assert np.allclose(sig.predict(rows, "target"), 1 / (1 + np.exp(-1.5 * raw + 0.2)))
    iso = two_feature_model(Calibration("isotonic", x=[-3.0, 0.0, 3.0], y=[0.1, 0.5, 0.9]))
    assert np.allclose(iso.predict(rows, "target"), np.interp(raw, [-3, 0, 3], [0.1, 0.5, 0.9]))
    back = ConfidenceModel.from_json(json.loads(json.dumps(iso.to_json())))
    assert np.allclose(back.predict(rows, "target"), iso.predict(rows, "target"))
    bad = iso.to_json()
    bad["heads"]["target"]["weights"] = [1.0]
    with pytest.raises(ValueError, match="1 weights for 2 features"):
        ConfidenceModel.from_json(bad)


def test_shipped_model_matches_the_feature_code():
    model = load_model()
    assert model is not None, "extractor/confidence/model.json is shipped"
    assert model.features == list(feature_names()), "retrain: notice-extract train --gold corpora --holdout even"


def test_runtime_equals_scikit_learn():
    pytest.importorskip("sklearn")
    from extractor.training.train import _fit, fit_head

    rng = np.random.default_rng(0)
    x = rng.random((120, 4))
    y = (x[:, 0] + 0.3 * rng.standard_normal(120) > 0.5).astype(int)
    groups = [f"doc{i // 4}" for i in range(120)]
    for method in ("sigmoid", "isotonic"):
        head, chosen = fit_head(x, y, groups, (method,), (0.5,))
        assert chosen == {"calibration": method, "C": 0.5}
        z = (x - np.array(head.mean)) / np.array(head.scale)
        expected = _fit(z, y, groups, method, 0.5).predict_proba(z)[:, 1]
        assert np.allclose(head.predict(x), expected, atol=1e-4)


def test_reliability_table_and_ece():
    rel = reliability([0.05, 0.15, 0.95, 0.95, 1.0, None], [0, 0, 1, 0, 1, 1])
    assert [(b.low, b.count) for b in rel.bins] == [(0.0, 1), (0.1, 1), (0.9, 3)]
    last = rel.bins[-1]
    assert last.precision == pytest.approx(2 / 3) and last.mean_confidence == pytest.approx(2.9 / 3)
    assert rel.ece == pytest.approx((0.05 + 0.15 + 3 * abs(2 / 3 - 2.9 / 3)) / 5)
    assert rel.high_count == 3 and rel.high_precision == pytest.approx(2 / 3)
    assert rel.unscored == 1 and "ECE" in render(rel)


def test_filter_notice():
    n = notice_of(target(confidence=0.95), target(value=50, confidence=0.4), target(value=60, confidence=None))
    kept = filter_notice(n, 0.5)
    assert [o["value"] for o in kept["obligations"]] == [200]
    assert kept["warnings"][-1] == "confidence: 2 obligations below 0.5 left out"
    assert len(n["obligations"]) == 3 and filter_notice(n, None) is n


def test_filtered_inputs_for_table_and_report(tmp_path):
    run = tmp_path / "notices.jsonl"
    run.write_text(json.dumps({**notice_of(target(confidence=0.95), target(value=50, confidence=0.4)), "doc_id": "x"}) + "\n")
    assert filtered_inputs([run], None) == [run]
    (out,) = filtered_inputs([run], 0.9)
    assert len(json.loads(out.read_text())["obligations"]) == 1


def test_pipeline_sets_confidence(seed_notices):
    for notice in seed_notices.values():
        d = notice.to_dict()
        assert all(o["confidence"] is not None and 0 <= o["confidence"] <= 1 for o in d["obligations"])
        assert [o["confidence"] for o in d["obligations"]] == score_notice(d)


def test_no_model_leaves_confidence_null(monkeypatch):
    from extractor.pipeline import extract

    monkeypatch.setenv("NOTICE_EXTRACT_CONFIDENCE_MODEL", "")
    notice = extract("到2025年,全省建成社工站200个。", source="t.txt")
    assert notice.obligations and all(o.confidence is None for o in notice.obligations)


def test_run_min_confidence(tmp_path, capsys):
    src = next((ROOT / "corpora" / "seeds").glob("002_*.txt"))
    assert main(["run", str(src), "-o", str(tmp_path), "--no-tables", "-q", "--min-confidence", "0.6"]) == 0
    (rec,) = [json.loads(line) for line in (tmp_path / "notices.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rec["obligations"] and all(o["confidence"] >= 0.6 for o in rec["obligations"])
    assert any(w.startswith("confidence: ") for w in rec["warnings"])
    with pytest.raises(SystemExit):
        main(["run", str(src), "--min-confidence", "1.5"])


@pytest.fixture(scope="module")
def small_gold(tmp_path_factory) -> Path:
    """Twelve web pages with their gold: enough for both classes, small enough to train in a second."""
    gold = tmp_path_factory.mktemp("gold")
    for name in [f"A{i:02d}" for i in range(1, 13)]:
        for ext in (".json", ".txt"):
            shutil.copyfile(ROOT / "corpora" / "web" / f"{name}{ext}", gold / f"{name}{ext}")
    # some wrong records whatever the extractor's quality: two odd pages' gold values are changed
    for name in ("A03", "A05"):
        path = gold / f"{name}.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        for ob in data["obligations"][:2]:
            ob["value"] = (ob["value"] or 0) * 3 + 1
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return gold


def test_training_is_deterministic_and_reports_the_held_out_half(small_gold, tmp_path, capsys, monkeypatch):
    pytest.importorskip("sklearn")
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    assert main(["train", "--gold", str(small_gold), "--holdout", "even", "-o", str(one), "--calibration", "sigmoid", "--C", "0.1"]) == 0
    out = capsys.readouterr().out
    assert "held-out even half" in out and "ECE" in out and "precision at ≥ 0.9" in out
    assert main(["train", "--gold", str(small_gold), "--holdout", "even", "-o", str(two), "--calibration", "sigmoid", "--C", "0.1"]) == 0
    assert one.read_bytes() == two.read_bytes()
    model = json.loads(one.read_text())
    assert model["info"]["held_out"] == "even" and model["info"]["documents"] == 6
    assert model["heads"]["target"]["calibration"]["method"] == "sigmoid"
    monkeypatch.setenv("NOTICE_EXTRACT_CONFIDENCE_MODEL", str(one))
    capsys.readouterr()
    assert main(["eval", "--gold", str(small_gold), "--half", "even", "--brief", "--reliability"]) == 0
    assert "reliability (" in capsys.readouterr().out
