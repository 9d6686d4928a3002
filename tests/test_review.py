"""The review loop without a browser: decisions to gold (new files, merging, conflicts), the review sheet
(CSV and XLSX round trip, formula protection), and the page's self-contained HTML."""
from __future__ import annotations

import copy
import csv
import json
import re
from pathlib import Path

import pytest

from extractor.cli import main
from extractor.evaluate import load_gold, score
from extractor.review.decisions import Decision, Decisions, DocInfo, apply_decisions, from_json, gold_record
from extractor.review.page import page_data, write_page
from extractor.review.sheet import protect, read_sheet, sheet_decisions, unprotect, write_sheet

NOTICE = """某某省民政厅关于加快推进社会工作服务站建设的通知
各市民政局:
为加快社会工作发展,现将有关事项通知如下。
一、工作目标
到2025年底,全省乡镇(街道)社会工作服务站覆盖率达到100%。
到2023年底,每个县(市、区)至少建成1个社会工作指导中心。
各地要在2022年6月底前配备社会工作专业人才不少于500人。
力争社会工作者持证人数翻一番。
截至2020年底,全省已有社会工作者2000人。
某某省民政厅
2021年3月1日
"""
MISSED = "力争社会工作者持证人数翻一番"


def make_run(folder: Path) -> tuple[Path, dict]:
    """One notice with three targets and one background fact, extracted into folder/run."""
    src = folder / "notice.txt"
    src.write_text(NOTICE, encoding="utf-8")
    assert main(["run", str(src), "-o", str(folder / "run"), "-q", "--no-tables"]) == 0
    jsonl = folder / "run" / "notices.jsonl"
    notice = json.loads(jsonl.read_text(encoding="utf-8"))
    assert [o["kind"] for o in notice["obligations"]] == ["target", "target", "target", "fact"]
    for o in notice["obligations"]:  # equal confidence, whatever the shipped model says: pages keep document order
        o["confidence"] = 0.9
    jsonl.write_text(json.dumps(notice, ensure_ascii=False) + "\n", encoding="utf-8")
    return folder / "run", notice


@pytest.fixture()
def run(tmp_path) -> tuple[Path, dict]:
    return make_run(tmp_path)


def page_decisions(notice: dict, actions: dict[int, tuple[str, dict]], add: dict | None = None) -> Decisions:
    """What the page would export: decisions on targets by position, and optionally one added target."""
    data = page_data([notice])
    by_id = {it["id"]: it for it in data["items"]}
    targets = [o for o in notice["obligations"] if o["kind"] == "target"]
    out = {"format": data["format"], "documents": {d["doc_id"]: {"source": d["source"], "metadata": d["metadata"], "targets": d["targets"]}
                                                   for d in data["documents"]}, "decisions": []}
    for i, (action, change) in actions.items():
        it = by_id[targets[i]["id"]]
        out["decisions"].append({"doc_id": notice["doc_id"], "obligation_id": it["id"], "action": action,
                                 "record": {**it["record"], **change}, "original": it["record"]})
    if add:
        out["decisions"].append({"doc_id": notice["doc_id"], "obligation_id": None, "action": "add", "record": add, "original": None})
    return from_json(json.loads(json.dumps(out)))


ADDED = {"evidence": MISSED, "subject": "持证人数", "value": 2, "value_max": None, "unit": "倍", "comparator": "=",
         "deadline": None, "scope": None, "agencies": ["各市民政局"], "strength": "aspirational"}
REVIEW = {0: ("accept", {}), 1: ("correct", {"deadline": "2024-12-31"}), 2: ("reject", {})}


def test_gold_record_is_the_gold_format(run):
    _, notice = run
    rec = gold_record(notice["obligations"][0])
    assert list(rec) == ["evidence", "subject", "value", "value_max", "unit", "comparator", "deadline", "scope", "agencies", "strength"]
    assert rec["evidence"] == notice["obligations"][0]["sentence"] and rec["value"] == 100 and rec["unit"] == "%"


def test_apply_writes_a_gold_file_that_eval_reads(run, tmp_path, capsys):
    _, notice = run
    gold = tmp_path / "gold"
    rep = apply_decisions(page_decisions(notice, REVIEW, ADDED), gold)
    assert not rep.conflicts and not rep.skipped and rep.added == 3 and rep.rejected == 1
    (doc,) = load_gold(gold)
    assert doc["raw"] == "notice.txt" and (gold / "notice.txt").read_text(encoding="utf-8") == NOTICE
    assert doc["metadata"]["issue_date"] == "2021-03-01" and doc["metadata"]["addressees"] == ["各市民政局"]
    assert [o["deadline"] for o in doc["obligations"]] == ["2025-12-31", "2024-12-31", None]
    assert doc["obligations"][2]["evidence"] == MISSED and doc["rejected"][0]["value"] == 500
    numbers = score([doc], {"notice.txt": notice}).numbers()
    assert numbers["matched"] == 2 and numbers["strict"]["precision"] == pytest.approx(1 / 3, abs=1e-3)
    assert main(["eval", "--gold", str(gold), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["matched"] == 2


def test_a_new_gold_file_needs_every_target_decided(run, tmp_path):
    _, notice = run
    rep = apply_decisions(page_decisions(notice, {0: ("accept", {})}), tmp_path / "gold")
    assert not rep.written and "2 of 3 targets undecided" in rep.skipped[0]


def test_reapplying_changes_nothing(run, tmp_path):
    _, notice = run
    gold = tmp_path / "gold"
    decisions = page_decisions(notice, REVIEW, ADDED)
    apply_decisions(decisions, gold)
    before = (gold / "notice.json").read_bytes()
    rep = apply_decisions(decisions, gold)
    assert rep.unchanged == 4 and not rep.written and not rep.conflicts
    assert (gold / "notice.json").read_bytes() == before


def test_conflicts_are_reported_and_left_unless_forced(run, tmp_path):
    _, notice = run
    gold = tmp_path / "gold"
    apply_decisions(page_decisions(notice, REVIEW, ADDED), gold)
    before = (gold / "notice.json").read_bytes()
    second = page_decisions(notice, {0: ("correct", {"comparator": ">="}), 1: ("reject", {}), 2: ("accept", {})})
    rep = apply_decisions(second, gold)
    assert len(rep.conflicts) == 3 and not rep.written
    assert "gold has =100" in rep.conflicts[0] and "decision says >=100" in rep.conflicts[0]
    assert "gold has it as a target" in rep.conflicts[1] and "earlier review rejected it" in rep.conflicts[2]
    assert (gold / "notice.json").read_bytes() == before
    rep = apply_decisions(second, gold, force=True)
    assert not rep.conflicts and rep.replaced == 1 and rep.removed == 1 and rep.added == 1
    (doc,) = load_gold(gold)
    assert sorted(o["value"] for o in doc["obligations"]) == [2, 100, 500]
    assert [r["value"] for r in doc["rejected"]] == [1]


def test_merges_into_an_existing_hand_made_gold_file(run, tmp_path):
    _, notice = run
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "X01.txt").write_text(NOTICE, encoding="utf-8")
    hand = {"doc_id": "X01", "raw": "X01.txt", "metadata": {"title": "手工标题"},
            "obligations": [{**gold_record(notice["obligations"][0]), "evidence": "全省乡镇(街道)社会工作服务站覆盖率达到100%"}]}
    (gold / "X01.json").write_text(json.dumps(hand, ensure_ascii=False), encoding="utf-8")
    rep = apply_decisions(page_decisions(notice, {0: ("accept", {}), 1: ("accept", {})}), gold)
    assert rep.unchanged == 1 and rep.added == 1 and rep.written == [gold / "X01.json"]
    (doc,) = load_gold(gold)
    assert doc["metadata"]["title"] == "手工标题" and len(doc["obligations"]) == 2
    assert not (gold / "notice.txt").exists()


def test_formula_protection():
    for danger in ("=1+1", "+86", "-5", "@SUM(A1)", "\tx"):
        assert protect(danger) == "'" + danger and unprotect(protect(danger)) == danger
    assert protect("社工站") == "社工站" and protect(5) == 5 and unprotect("'abc") == "'abc"


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_sheet_round_trip(run, tmp_path, suffix):
    _, notice = run
    evil = copy.deepcopy(notice)
    evil["obligations"][0]["subject"] = "=HYPERLINK(\"http://x\")"
    path = write_sheet([evil], tmp_path / f"review{suffix}")
    if suffix == ".csv":
        raw = path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf") and b"'=HYPERLINK" in raw
    rows = read_sheet(path)
    assert [r["obligation_id"] for r in rows] == [o["id"] for o in notice["obligations"][:3]]  # equal confidence: document order
    assert rows[0]["subject"].startswith("=HYPERLINK")
    decided = {0: ("accept", {}), 1: ("correct", {"new_deadline": "2024/12/31"}), 2: ("拒绝", {})}
    for i, (word, change) in decided.items():
        rows[i].update(decision=word, **change)
    rows.append({"decision": "add", "doc_id": notice["doc_id"], "source": notice["source"], "sentence": MISSED,
                 "new_value": "2", "new_unit": "倍", "new_comparator": "=", "new_agencies": "各市民政局", "new_strength": "aspirational"})
    filled = tmp_path / f"filled{suffix}"
    _write_rows(rows, filled)
    decisions = sheet_decisions(filled, [notice])
    assert [d.action for d in decisions.items] == ["accept", "correct", "reject", "add"]
    assert decisions.items[1].record["deadline"] == "2024-12-31" and decisions.items[1].original["deadline"] == "2023-12-31"
    assert decisions.items[3].record["value"] == 2.0 and decisions.items[3].record["evidence"] == MISSED
    assert decisions.docs[notice["doc_id"]].targets == [o["id"] for o in notice["obligations"][:3]]
    rep = apply_decisions(decisions, tmp_path / "gold")
    assert rep.added == 3 and rep.rejected == 1 and not rep.conflicts


def _write_rows(rows: list[dict], path: Path) -> None:
    """What a reviewer's spreadsheet program saves (apostrophe protection kept)."""
    from extractor.review.sheet import COLUMNS

    if path.suffix == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=COLUMNS)
            w.writeheader()
            w.writerows({k: protect("" if r.get(k) is None else r.get(k)) for k in COLUMNS} for r in rows)
        return
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(COLUMNS)
    for r in rows:
        ws.append([protect(r.get(k)) for k in COLUMNS])
    wb.save(path)


def test_sheet_rejects_an_unknown_decision(run, tmp_path):
    _, notice = run
    path = write_sheet([notice], tmp_path / "r.csv")
    rows = read_sheet(path)
    rows[0]["decision"] = "maybe"
    _write_rows(rows, path)
    with pytest.raises(ValueError, match="row 2: decision 'maybe'"):
        sheet_decisions(path, [notice])


def test_review_command_writes_page_and_sheet_and_applies(run, tmp_path, capsys):
    run_dir, notice = run
    assert main(["review", str(run_dir), "-o", str(tmp_path / "review.html"), "--sheet", str(tmp_path / "review.xlsx")]) == 0
    assert (tmp_path / "review.html").exists() and (tmp_path / "review.xlsx").exists()
    decisions = tmp_path / "decisions.json"
    decisions.write_text(json.dumps(page_decisions(notice, REVIEW, ADDED).to_json(), ensure_ascii=False), encoding="utf-8")
    assert main(["review", "--apply", str(decisions), "--gold", str(tmp_path / "gold")]) == 0
    assert "3 targets added" in capsys.readouterr().out
    conflicting = page_decisions(notice, {0: ("reject", {})})
    decisions.write_text(json.dumps(conflicting.to_json(), ensure_ascii=False), encoding="utf-8")
    assert main(["review", "--apply", str(decisions), "--gold", str(tmp_path / "gold")]) == 1
    assert main(["review", "--apply", str(decisions)]) == 2


def test_page_is_self_contained_and_lists_targets_least_sure_first(run, tmp_path):
    _, notice = run
    low = copy.deepcopy(notice)
    low["obligations"][2]["confidence"] = 0.01
    low["obligations"][0]["sentence"] = "</script><script>alert(1)</script>"
    html = write_page([low], tmp_path / "review.html").read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html, re.I)
    assert "<link" not in html and "<script src" not in html and "<script>alert(1)" not in html
    cards = re.findall(r'<article class="card" id="card-([^"]+)"', html)
    assert cards[0] == notice["obligations"][2]["id"] and len(cards) == 3
    data = json.loads(re.search(r'<script type="application/json" id="review-data">(.*?)</script>', html, re.S).group(1))
    assert data["documents"][0]["text"] == notice["text"] and data["documents"][0]["facts"]
    assert data["items"][0]["confidence"] == 0.01


def test_decisions_file_round_trip():
    d = Decisions({"a": DocInfo("a", "x.txt", {"title": "t"}, ["a-001"])},
                  [Decision("a", "accept", gold_record({"sentence": "s", "value": 1}), "a-001", None)])
    back = from_json(json.loads(json.dumps(d.to_json())))
    assert back.docs["a"].targets == ["a-001"] and back.items[0].record["evidence"] == "s"
    with pytest.raises(ValueError):
        from_json({"format": "other"})
