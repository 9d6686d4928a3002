"""The whole spine on the bundled corpora: run, files written, schema-valid, eval figures guarded."""
import csv
import json
import re
import subprocess
import sys

import pytest

from extractor.evaluate import load_gold, score
from extractor.schema import validation_errors
from conftest import CORPORA, ROOT


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("run")
    proc = subprocess.run([sys.executable, "-m", "extractor", "run", str(CORPORA), "-o", str(out), "--no-tables", "-q"],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "documents" in proc.stderr and "obligations" in proc.stderr
    return out


def notices(run_dir):
    return [json.loads(line) for line in (run_dir / "notices.jsonl").read_text(encoding="utf-8").splitlines()]


def test_every_seed_written_and_valid(run_dir):
    docs = notices(run_dir)
    assert len(docs) == 5
    for d in docs:
        assert validation_errors(d) == [], d["source"]


def test_provinces_and_no_pinyin_in_hubei(run_dir):
    by_name = {d["source"].rsplit("/", 1)[-1][:3]: d for d in notices(run_dir)}
    assert [by_name[k]["province"] for k in ("000", "001", "002", "003", "004")] == ["全国", "辽宁省", "湖北省", "河南省", "福建省"]
    assert not re.search(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]+\)", by_name["002"]["text"])


def test_csv_opens_in_excel(run_dir):
    data = (run_dir / "obligations.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(data.decode("utf-8-sig").splitlines()))
    assert len(rows) == sum(len(d["obligations"]) for d in notices(run_dir))
    assert {"省份", "数值", "单位", "期限", "原文句子"} <= set(rows[0])  # Chinese headers, as in the table CSVs
    assert {r["比较"] for r in rows} <= {"≥", "≤", "＝", "区间", ""} and "'=" not in data.decode("utf-8-sig")
    from extractor.outputs import OBLIGATION_COLUMNS, OBLIGATION_HEADERS
    from extractor.tables.columns import BY_ID

    assert list(OBLIGATION_HEADERS) == OBLIGATION_COLUMNS
    assert all(OBLIGATION_HEADERS[c] == BY_ID[c].zh for c in OBLIGATION_COLUMNS if c in BY_ID)  # one name per column


def test_eval_figures_do_not_regress(run_dir):
    gold = load_gold(CORPORA)
    predicted = {d["source"].rsplit("/", 1)[-1]: d for d in notices(run_dir)}
    n = score(gold, predicted).numbers()
    assert n["obligations"]["f1"] >= 0.95
    assert n["strict"]["f1"] >= 0.93
    for field in ("unit", "comparator", "deadline"):
        assert n["fields"][field] >= 0.95
    assert n["fields"]["strength"] >= 0.9 and n["fields"]["agencies"] >= 0.9
    assert n["metadata"]["province"] == 1.0 and n["metadata"]["title"] >= 0.8


def test_extract_and_validate_commands(tmp_path):
    src = next(CORPORA.glob("004_*.txt"))
    proc = subprocess.run([sys.executable, "-m", "extractor", "extract", str(src)], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0
    doc = json.loads(proc.stdout)
    assert doc["city"] == "厦门市"
    good = tmp_path / "one.json"
    good.write_text(proc.stdout, encoding="utf-8")
    ok = subprocess.run([sys.executable, "-m", "extractor", "validate", str(good)], capture_output=True, text=True, cwd=ROOT)
    assert ok.returncode == 0, ok.stderr
    doc["obligations"][0]["comparator"] = "about"
    del doc["title"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "extractor", "validate", str(bad)], capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 1
    assert "title" in res.stderr and "comparator" in res.stderr


def test_extract_names_bad_file(tmp_path):
    res = subprocess.run([sys.executable, "-m", "extractor", "extract", str(tmp_path / "missing.txt")], capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 2 and "missing.txt: no such file or folder" in res.stderr


def test_python_api_accepts_text():
    import extractor

    notice = extractor.extract("关于做好托育工作的通知\n各市卫生健康委:\n到2025年,每千人口拥有托位数达到4.5个。")
    assert notice.obligations[0].value == 4.5
    assert notice.to_dict()["schema_version"] == extractor.SCHEMA_VERSION
