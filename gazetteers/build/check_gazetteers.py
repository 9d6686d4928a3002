#!/usr/bin/env python3
"""Sanity checks for the files in gazetteers/. Offline, stdlib only.

    python gazetteers/build/check_gazetteers.py

Parses every CSV with the csv module after skipping '#' lines, checks
columns, required fields, uniqueness, cross-references and sort order, and
that the generated CSVs match their generators. Prints one line per file and
exits 1 on the first group of failures.
"""
from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
GAZ = HERE.parent
errors: list[str] = []


def fail(msg: str) -> None:
    errors.append(msg)


def lines(name: str) -> list[str]:
    raw = (GAZ / name).read_bytes()
    text = raw.decode("utf-8")  # raises on non-UTF-8
    if not text.startswith("#"):
        fail(f"{name}: does not start with a '#' comment")
    if "\r" in text:
        fail(f"{name}: CR line endings")
    return text.splitlines()


def read_csv(name: str, columns: list[str]) -> list[dict[str, str]]:
    data = [ln for ln in lines(name) if not ln.startswith("#")]
    reader = csv.reader(data)
    header = next(reader)
    if header != columns:
        fail(f"{name}: header {header} != {columns}")
    rows = []
    for i, rec in enumerate(reader, 2):
        if len(rec) != len(columns):
            fail(f"{name}: data line {i} has {len(rec)} fields")
            continue
        if any(v != v.strip() for v in rec):
            fail(f"{name}: data line {i} has surrounding whitespace")
        rows.append(dict(zip(columns, rec)))
    return rows


def check_admin() -> list[dict[str, str]]:
    name = "admin_divisions.csv"
    rows = read_csv(name, ["code", "name", "short", "abbr", "level", "parent", "kind"])
    kinds = {
        "province": {"省", "自治区", "直辖市", "特别行政区"},
        "city": {"地级市", "自治州", "地区", "盟"},
        "county": {"区", "县", "县级市", "自治县", "旗", "自治旗", "林区", "特区"},
    }
    codes = [r["code"] for r in rows if r["code"]]
    if len(codes) != len(set(codes)):
        fail(f"{name}: duplicate codes")
    pairs = [(r["name"], r["parent"]) for r in rows]  # names alone repeat (朝阳区 x2)
    if len(pairs) != len(set(pairs)):
        fail(f"{name}: duplicate (name, parent)")
    by_level = {lv: [r for r in rows if r["level"] == lv] for lv in kinds}
    if sum(map(len, by_level.values())) != len(rows):
        fail(f"{name}: unknown level")
    provinces = {r["name"]: r for r in by_level["province"]}
    cities = {r["name"]: r for r in by_level["city"]}
    if len(provinces) != 34:
        fail(f"{name}: {len(provinces)} provinces, expected 34")
    if not 330 <= len(cities) <= 336:
        fail(f"{name}: {len(cities)} prefecture-level divisions")
    abbrs = [r["abbr"] for r in rows if r["abbr"]]
    if len(abbrs) != len(set(abbrs)):
        fail(f"{name}: duplicate abbr")
    for r in rows:
        lv = r["level"]
        if r["kind"] not in kinds.get(lv, ()):
            fail(f"{name}: {r['name']}: kind {r['kind']} for level {lv}")
        if r["code"] and not re.fullmatch(r"\d{6}", r["code"]):
            fail(f"{name}: bad code {r['code']}")
        if not r["name"] or not r["short"]:
            fail(f"{name}: empty name/short: {r}")
        if lv == "province":
            if r["parent"] or len(r["abbr"]) != 1 or not r["code"].endswith("0000"):
                fail(f"{name}: province row {r}")
        elif lv == "city":
            if r["parent"] not in provinces:
                fail(f"{name}: city {r['name']} parent {r['parent']}")
            elif r["code"][:2] != provinces[r["parent"]]["code"][:2]:
                fail(f"{name}: city {r['name']} code not under its province")
        else:
            parent = cities.get(r["parent"]) or provinces.get(r["parent"])
            if parent is None:
                fail(f"{name}: county {r['name']} parent {r['parent']}")
            elif r["code"] and r["code"][:2] != parent["code"][:2]:
                fail(f"{name}: county {r['name']} code not under its parent")
        if len(r["abbr"]) > 1:
            fail(f"{name}: abbr longer than one character: {r}")
    for required in ("济源市", "仙桃市", "潜江市", "天门市", "神农架林区", "恩施土家族苗族自治州",
                     "大兴安岭地区", "厦门市"):
        if not any(r["name"] == required for r in rows):
            fail(f"{name}: missing {required}")
    print(f"{name}: {len(rows)} rows ({len(provinces)} province, {len(cities)} city, "
          f"{len(by_level['county'])} county)")
    return rows


def check_prefixes(admin: list[dict[str, str]], agencies: set[str]) -> None:
    name = "doc_number_prefixes.csv"
    rows = read_csv(name, ["prefix", "issuer", "province", "city", "level"])
    provinces = {r["name"] for r in admin if r["level"] == "province"}
    city_parent = {r["name"]: r["parent"] for r in admin if r["level"] == "city"}
    prefixes = [r["prefix"] for r in rows]
    if len(prefixes) != len(set(prefixes)):
        fail(f"{name}: duplicate prefixes")
    for r in rows:
        if not r["prefix"] or not r["issuer"]:
            fail(f"{name}: empty field {r}")
        if r["level"] == "national":
            if r["province"] != "全国" or r["city"]:
                fail(f"{name}: national row {r}")
            for body in r["issuer"].split("、"):
                base = re.sub(r"(办公厅|办公室)$", "", body)
                if body not in agencies and base not in agencies:
                    fail(f"{name}: national issuer {body} not in agencies.csv")
        elif r["level"] == "province":
            if r["province"] not in provinces or r["city"]:
                fail(f"{name}: province row {r}")
        elif r["level"] == "city":
            if city_parent.get(r["city"]) != r["province"]:
                fail(f"{name}: city row {r}")
        else:
            fail(f"{name}: bad level {r}")
    for must in ("鄂民发", "辽民发", "豫民", "厦委文明办", "民发", "国发", "国办发", "全爱卫办发", "鄂发"):
        if must not in prefixes:
            fail(f"{name}: missing {must}")
    print(f"{name}: {len(rows)} rows")


def check_agencies() -> set[str]:
    name = "agencies.csv"
    rows = read_csv(name, ["name", "short_forms", "level", "domain"])
    names = [r["name"] for r in rows]
    if len(names) != len(set(names)):
        fail(f"{name}: duplicate names")
    rank = {"national": 0, "any": 1}
    keys = [(rank.get(r["level"], 9), r["name"]) for r in rows]
    if keys != sorted(keys):
        fail(f"{name}: not sorted by (level, name)")
    for r in rows:
        if r["level"] not in rank:
            fail(f"{name}: bad level {r}")
        if not re.fullmatch(r"[a-z_]+", r["domain"]):
            fail(f"{name}: bad domain {r}")
        shorts = r["short_forms"].split("|") if r["short_forms"] else []
        if "" in shorts or len(shorts) != len(set(shorts)) or r["name"] in shorts:
            fail(f"{name}: bad short_forms {r}")
        if (r["level"] == "any") != ("{region}" in r["name"]):
            fail(f"{name}: {{region}} placeholder vs level: {r}")
    print(f"{name}: {len(rows)} rows ({sum(r['level'] == 'national' for r in rows)} national)")
    return set(names)


def check_suffixes() -> None:
    name = "agency_suffixes.txt"
    items = [ln for ln in lines(name) if not ln.startswith("#")]
    if any(not s or s != s.strip() or " " in s for s in items):
        fail(f"{name}: blank or padded line")
    if len(items) != len(set(items)):
        fail(f"{name}: duplicates")
    if items != sorted(items, key=lambda s: (-len(s), s)):
        fail(f"{name}: not sorted longest first")
    print(f"{name}: {len(items)} suffixes")


def check_terms() -> None:
    name = "policy_terms.txt"
    groups: list[list[str]] = []
    for ln in lines(name):
        if ln.startswith("# --"):
            groups.append([])
        elif not ln.startswith("#"):
            if not groups:
                fail(f"{name}: term before the first '# --' group")
                groups.append([])
            groups[-1].append(ln)
    terms = [t for g in groups for t in g]
    if any(not t or re.search(r"\s", t) for t in terms):
        fail(f"{name}: blank line or whitespace inside a term")
    if len(terms) != len(set(terms)):
        fail(f"{name}: duplicate terms")
    if any(g != sorted(g) for g in groups):
        fail(f"{name}: a group is not sorted")
    if not 200 <= len(terms) <= 400:
        fail(f"{name}: {len(terms)} terms")
    print(f"{name}: {len(terms)} terms in {len(groups)} groups")


def check_generated() -> None:
    for script in ("build_admin_divisions.py", "build_doc_prefixes.py", "build_char_frequency.py"):
        res = subprocess.run([sys.executable, str(HERE / script), "--check"],
                             capture_output=True, text=True)
        if res.returncode:
            fail(f"{script} --check: {res.stderr.strip()}")


def main() -> int:
    admin = check_admin()
    agencies = check_agencies()
    check_prefixes(admin, agencies)
    check_suffixes()
    check_terms()
    check_generated()
    for e in errors:
        print("FAIL", e)
    print("OK" if not errors else f"{len(errors)} problem(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
