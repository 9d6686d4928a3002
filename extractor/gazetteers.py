"""Loads the language data in `gazetteers/` once per process.

Everything a rule needs to know about Chinese (cue words, units, admin divisions, agencies) lives in
data files so that it can be extended without touching code.
"""
from __future__ import annotations

import csv
import os
import sys
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any


def data_dir() -> Path:
    """The gazetteer folder: $NOTICE_EXTRACT_GAZETTEERS, else the repository's `gazetteers/` (editable
    install), else the copy a wheel installs under `<prefix>/share/notice-extract/gazetteers`."""
    env = os.environ.get("NOTICE_EXTRACT_GAZETTEERS")
    if env:
        return Path(env)
    repo = Path(__file__).resolve().parent.parent / "gazetteers"
    if repo.is_dir():
        return repo
    return Path(sys.prefix) / "share" / "notice-extract" / "gazetteers"


def _toml(name: str) -> dict[str, Any]:
    path = data_dir() / name
    if not path.exists():
        return {}
    with path.open("rb") as fh:
        return tomllib.load(fh)


def _csv_rows(name: str) -> list[dict[str, str]]:
    path = data_dir() / name
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines)]


def _lines(name: str) -> list[str]:
    path = data_dir() / name
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


@dataclass(frozen=True)
class Division:
    name: str
    short: str
    abbr: str
    level: str
    parent: str
    kind: str


@dataclass
class AdminGazetteer:
    divisions: list[Division]
    by_name: dict[str, Division] = field(default_factory=dict)
    by_short: dict[str, list[Division]] = field(default_factory=dict)

    def province_of(self, div: Division) -> Division | None:
        seen = 0
        while div.level != "province" and div.parent and seen < 4:
            parent = self.by_name.get(div.parent)
            if parent is None:
                return None
            div = parent
            seen += 1
        return div if div.level == "province" else None

    def city_of(self, div: Division) -> Division | None:
        if div.level == "city":
            return div
        if div.level == "county":
            parent = self.by_name.get(div.parent)
            if parent is not None and parent.level == "city":
                return parent
        return None


@lru_cache(maxsize=1)
def admin() -> AdminGazetteer:
    divs = [
        Division(r["name"], r.get("short") or r["name"], r.get("abbr", ""), r["level"], r.get("parent", ""), r.get("kind", ""))
        for r in _csv_rows("admin_divisions.csv")
        if r.get("name") and r.get("level")
    ]
    gaz = AdminGazetteer(divs)
    for d in divs:
        # first entry wins for a duplicated full name (county names repeat across provinces)
        gaz.by_name.setdefault(d.name, d)
        if d.short and len(d.short) >= 2:
            gaz.by_short.setdefault(d.short, []).append(d)
    return gaz


@lru_cache(maxsize=1)
def doc_number_prefixes() -> list[dict[str, str]]:
    rows = _csv_rows("doc_number_prefixes.csv")
    return sorted(rows, key=lambda r: -len(r.get("prefix", "")))


@lru_cache(maxsize=1)
def agencies() -> list[dict[str, str]]:
    return _csv_rows("agencies.csv")


@lru_cache(maxsize=1)
def national_agency_names() -> frozenset[str]:
    names: set[str] = set()
    for row in agencies():
        if row.get("level") == "national":
            names.add(row["name"])
            names.update(s for s in row.get("short_forms", "").split("|") if s)
    return frozenset(names)


@lru_cache(maxsize=1)
def agency_suffixes() -> tuple[str, ...]:
    return tuple(sorted(set(_lines("agency_suffixes.txt")), key=lambda s: (-len(s), s)))


@lru_cache(maxsize=1)
def policy_terms() -> list[tuple[str, int | None]]:
    out: list[tuple[str, int | None]] = []
    for line in _lines("policy_terms.txt"):
        parts = line.split("\t")
        freq = int(parts[1]) if len(parts) > 1 and parts[1].strip().isdigit() else None
        out.append((parts[0].strip(), freq))
    return out


@lru_cache(maxsize=None)
def keywords(name: str) -> dict[str, Any]:
    """A keyword table from `gazetteers/keywords/<name>.toml`."""
    return _toml(f"keywords/{name}.toml")


@lru_cache(maxsize=1)
def indicators() -> dict[str, Any]:
    return _toml("indicators.toml")
