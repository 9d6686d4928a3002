"""Loads the language data in `gazetteers/` once per process, and checks it before anything runs.

Everything a rule needs to know about Chinese (cue words, units, time words, admin divisions,
agencies) lives in data files so that it can be extended without touching code. A missing file, an
unknown key, a value of the wrong type, a bad regular expression or a bad CSS selector is a
`GazetteerError` naming the file and line: a silent empty list would quietly cost recall.
"""
from __future__ import annotations

import csv
import os
import re
import sys
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from extractor.lexicon_schema import (CSV_FILES, KEYWORD_FILES, LINE_FILES, NOT_DATA, OWN_CHECK_FILES, OWN_CHECK_FOLDERS, SITE,
                                       SITE_FILES, TABLE_FILES, TSV_FILES)


class GazetteerError(Exception):
    """Language data that cannot be used, named by file (and line where one can be given)."""


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


def _path(name: str) -> Path:
    path = data_dir() / name
    if not path.is_file():
        raise GazetteerError(f"{path}: language data file missing (set NOTICE_EXTRACT_GAZETTEERS or reinstall)")
    return path


class _TomlIndex:
    """Where each table and key of a TOML file stands (1-based lines), so that a problem found in the parsed data
    can be named FILE:LINE. Tables are paths of names; the n-th `[[name]]` is the path (name, n)."""

    _ARRAY = re.compile(r"\[\[\s*([^\]]+?)\s*\]\]")
    _TABLE = re.compile(r"\[\s*([^\]]+?)\s*\]")
    _KEY = re.compile(r'([A-Za-z0-9_\-]+|"[^"]*"|\'[^\']*\')\s*=')

    def __init__(self, path: Path, text: str) -> None:
        self.path, self.text = path, text
        self.tables: dict[tuple[Any, ...], int] = {(): 1}
        self.keys: dict[tuple[tuple[Any, ...], str], int] = {}
        table: tuple[Any, ...] = ()
        counts: dict[tuple[str, ...], int] = {}
        for n, line in enumerate(text.splitlines(), 1):
            stripped = line.strip()
            if (m := self._ARRAY.match(stripped)) is not None:
                name = tuple(k.strip().strip("\"'") for k in m.group(1).split("."))
                counts[name] = counts.get(name, -1) + 1
                table = (*name, counts[name])
            elif (m := self._TABLE.match(stripped)) is not None:
                table = tuple(k.strip().strip("\"'") for k in m.group(1).split("."))
            elif (m := self._KEY.match(stripped)) is not None:
                self.keys.setdefault((table, m.group(1).strip("\"'")), n)
                continue
            else:
                continue
            self.tables.setdefault(table, n)

    def at(self, table: tuple[Any, ...], key: str | None = None, value: str | None = None) -> str:
        """`FILE:LINE` of a key of a table (or of the table), or of a value written after that key."""
        line = self.keys.get((table, key), self.tables.get(table, 1)) if key is not None else self.tables.get(table, 1)
        if value is not None:
            lines = self.text.splitlines()
            for form in (value, value.replace("\\", "\\\\").replace('"', '\\"')):
                hit = next((i for i in range(line - 1, len(lines)) if form in lines[i]), None)
                if hit is not None:
                    line = hit + 1
                    break
        return f"{self.path}:{line}"


def _load_toml(path: Path) -> tuple[dict[str, Any], _TomlIndex]:
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"at line (\d+)", str(exc))
        raise GazetteerError(f"{path}:{line.group(1) if line else 1}: not valid TOML: {exc}") from exc
    return data, _TomlIndex(path, text)


def _check_value(ix: _TomlIndex, table: tuple[Any, ...], key: str, kind: str, value: Any, seen_ids: set[str]) -> None:
    """One key of a TOML table against its declared kind (see lexicon_schema)."""
    where = ix.at(table, key)
    name = _dotted((*table, key))
    if kind == "template":
        if not isinstance(value, str) or not value:
            raise GazetteerError(f"{where}: `{name}` must be a non-empty string")
        return  # checked once expanded with its fields (_check_patterns)
    if kind in ("words", "patterns", "selectors", "urls"):
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise GazetteerError(f"{where}: `{name}` must be a list of non-empty strings")
        if kind == "urls" and not value:
            raise GazetteerError(f"{where}: `{name}` must list at least one URL")
        for v in value:
            _check_string(ix, table, key, name, kind.rstrip("s"), v)
    elif kind in ("pattern", "selector", "string", "id", "url"):
        if not isinstance(value, str) or (kind in ("id", "selector", "url") and not value):
            raise GazetteerError(f"{where}: `{name}` must be a{' non-empty' if kind != 'string' else ''} string")
        if kind == "id":
            if value in seen_ids:
                raise GazetteerError(f"{where}: `{name}` {value!r} is used twice")
            seen_ids.add(value)
        _check_string(ix, table, key, name, kind, value)
    elif kind in ("map", "numbers"):
        if not isinstance(value, dict):
            raise GazetteerError(f"{where}: `{name}` must be a table")
        want = (int, float) if kind == "numbers" else (str,)
        for k, v in value.items():
            if not isinstance(v, want) or isinstance(v, bool):
                raise GazetteerError(f"{ix.at(table, key, k)}: `{name}.{k}` must be a {'number' if kind == 'numbers' else 'string'}")
    elif kind == "int":
        if not isinstance(value, int) or isinstance(value, bool):
            raise GazetteerError(f"{where}: `{name}` must be an integer")
    elif kind == "unit_factors":
        if not isinstance(value, dict):
            raise GazetteerError(f"{where}: `{name}` must be a table")
        for k, v in value.items():
            ok = (isinstance(v, list) and len(v) == 2 and isinstance(v[0], str) and v[0]
                  and isinstance(v[1], (int, float)) and not isinstance(v[1], bool) and v[1] > 0)
            if not ok:
                raise GazetteerError(f"{ix.at((*table, key), k)}: `{name}.{k}` must be [unit, positive factor]")
    else:  # a kind lexicon_schema uses but this checker does not know: a bug, named as one
        raise GazetteerError(f"{where}: `{name}` has the undeclared kind {kind!r} in extractor/lexicon_schema.py")


def _dotted(path: tuple[Any, ...]) -> str:
    """(`indicator`, 3, `patterns`) -> `indicator[3].patterns`."""
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")


def _check_string(ix: _TomlIndex, table: tuple[Any, ...], key: str, name: str, kind: str, value: str) -> None:
    """A regular expression compiles, a CSS selector parses, a URL is http(s)."""
    if kind == "pattern" and PATTERN_NAME.search(value):
        return  # names other patterns (`{year}`): checked once expanded (_check_patterns)
    if kind == "pattern":
        try:
            re.compile(value)
        except re.error as exc:
            raise GazetteerError(f"{ix.at(table, key, value)}: `{name}`: bad regular expression {value!r}: {exc}") from exc
    elif kind == "selector":
        import soupsieve

        try:
            soupsieve.compile(value)
        except (soupsieve.SelectorSyntaxError, TypeError) as exc:
            raise GazetteerError(f"{ix.at(table, key, value)}: `{name}`: bad CSS selector {value!r}: {str(exc).splitlines()[0]}") from exc
    elif kind == "url" and urlsplit(value).scheme not in ("http", "https"):
        raise GazetteerError(f"{ix.at(table, key, value)}: `{name}`: {value!r} is not an http(s) URL")


def _check_table(ix: _TomlIndex, table: tuple[Any, ...], schema: dict[str, Any], data: Any) -> None:
    """A TOML table against its schema: no unknown key, every key that is not optional present, each value of its
    kind; nested tables and arrays of tables recursively."""
    if not isinstance(data, dict):
        raise GazetteerError(f"{ix.at(table)}: `{_dotted(table)}` must be a table")
    keys = {k.rstrip("?"): spec for k, spec in schema.items()}
    for key, value in data.items():
        if key not in keys:
            where = f"in [{_dotted(table)}] " if table else ""
            raise GazetteerError(f"{ix.at(table, key)}: unknown key `{key}` {where}(known: {', '.join(sorted(keys))})")
    missing = [k for k in schema if not k.endswith("?") and k not in data]
    if missing:
        raise GazetteerError(f"{ix.at(table)}: missing key(s) {', '.join(missing)}")
    seen_ids: set[str] = set()
    for key, value in data.items():
        spec = keys[key]
        if isinstance(spec, dict):
            _check_table(ix, (*table, key), spec, value)
        elif isinstance(spec, list):
            if not isinstance(value, list):
                raise GazetteerError(f"{ix.at(table, key)}: `{key}` must be an array of tables ([[{key}]])")
            ids: set[str] = set()
            for i, entry in enumerate(value):
                _check_entry(ix, (*table, key, i), spec[0], entry, ids)
        else:
            _check_value(ix, table, key, spec, value, seen_ids)


def _check_entry(ix: _TomlIndex, table: tuple[Any, ...], schema: dict[str, Any], entry: Any, ids: set[str]) -> None:
    """One table of an array of tables; its `id` must be unique across the array."""
    plain = {k: v for k, v in schema.items() if v != "id"}
    _check_table(ix, table, plain | {k: "string" for k, v in schema.items() if v == "id"}, entry)
    for key in (k.rstrip("?") for k, v in schema.items() if v == "id"):
        if key in entry:
            _check_value(ix, table, key, "id", entry[key], ids)


def check_toml(path: Path, schema: dict[str, Any]) -> dict[str, Any]:
    """A TOML data file checked against its schema (lexicon_schema); its data, or GazetteerError naming FILE:LINE."""
    data, ix = _load_toml(path)
    _check_table(ix, (), schema, data)
    return data


PATTERN_NAME = re.compile(r"(?<!\\)\{([a-z_][a-z0-9_]*)\}")  # `{year}` in a pattern; `{2}`, `{1,3}` are quantifiers


def expand_pattern(name: str, table: dict[str, Any], fields: dict[str, str], seen: tuple[str, ...] = ()) -> str:
    """A pattern of a keyword file with each `{name}` replaced by that key's (expanded) pattern and each
    `{field}` of a template by `fields[field]`."""
    if name in seen:
        raise GazetteerError(f"`{name}` refers to itself through {' -> '.join(seen + (name,))}")

    def sub(m: re.Match[str]) -> str:
        key = m.group(1)
        if key in fields:
            return fields[key]
        if key in table and isinstance(table[key], str):
            return expand_pattern(key, table, fields, seen + (name,))
        raise GazetteerError(f"`{name}` names no pattern `{{{key}}}`")

    return PATTERN_NAME.sub(sub, table[name])


def _check_patterns(path: Path, text: str, data: dict[str, Any], schema: dict[str, str]) -> None:
    """Patterns that name other patterns (`{year}`) compile once expanded; a template's own fields
    (filled by the rule) are tried as a plain word."""
    for key, kind in schema.items():
        if kind not in ("pattern", "template") or "{" not in data[key]:
            continue
        fields = {}
        if kind == "template":
            fields = {f: "x" for f in PATTERN_NAME.findall(data[key]) if f not in data}
        try:
            re.compile(expand_pattern(key, data, fields))
        except GazetteerError as exc:
            raise GazetteerError(f"{_TomlIndex(path, text).at((), key)}: {exc}") from exc
        except re.error as exc:
            raise GazetteerError(f"{_TomlIndex(path, text).at((), key)}: `{key}`: bad regular expression once expanded: {exc}") from exc


@lru_cache(maxsize=None)
def keywords(name: str) -> dict[str, Any]:
    """A validated keyword table from `gazetteers/keywords/<name>.toml`."""
    schema = KEYWORD_FILES.get(name)
    if schema is None:
        raise GazetteerError(f"keywords/{name}.toml: no such keyword file is declared in extractor/lexicon_schema.py")
    path = _path(f"keywords/{name}.toml")
    data = check_toml(path, schema)
    _check_patterns(path, path.read_text(encoding="utf-8"), data, schema)
    return data


@lru_cache(maxsize=None)
def words(name: str, key: str) -> tuple[str, ...]:
    """A word list, longest first (so alternations built from it prefer the longest match)."""
    return tuple(sorted(dict.fromkeys(keywords(name)[key]), key=lambda w: (-len(w), w)))


def _data_lines(path: Path) -> list[tuple[int, str]]:
    """(line number, line) of a file's lines that are neither blank nor `#` comments."""
    return [(n, line) for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=None)
def _csv_rows(name: str) -> list[dict[str, str]]:
    """A CSV file's rows, checked against lexicon_schema.CSV_FILES: the header row, the number of fields in every
    row, the columns that must be filled and the values a column may take, each problem named FILE:LINE."""
    path = _path(name)
    spec = CSV_FILES.get(name)
    if spec is None:
        raise GazetteerError(f"{path}:1: no such CSV file is declared in extractor/lexicon_schema.py")
    lines = _data_lines(path)
    if not lines:
        raise GazetteerError(f"{path}:1: no header row and no rows")
    n, header = lines[0]
    columns = next(csv.reader([header]))
    if columns != spec["columns"]:
        raise GazetteerError(f"{path}:{n}: header {','.join(columns)}, expected {','.join(spec['columns'])}")
    if len(lines) == 1:
        raise GazetteerError(f"{path}:{n}: no rows after the header")
    rows = []
    for n, line in lines[1:]:
        fields = next(csv.reader([line]))
        if len(fields) != len(columns):
            raise GazetteerError(f"{path}:{n}: {len(fields)} fields, expected {len(columns)} ({','.join(columns)})")
        row = dict(zip(columns, (v.strip() for v in fields)))
        for col in spec.get("required", ()):
            if not row[col]:
                raise GazetteerError(f"{path}:{n}: `{col}` is empty")
        for col, allowed in spec.get("values", {}).items():
            if row[col] and row[col] not in allowed:
                raise GazetteerError(f"{path}:{n}: `{col}` is {row[col]!r}, expected one of {', '.join(allowed)}")
        rows.append(row)
    return rows


@lru_cache(maxsize=None)
def _lines(name: str) -> list[str]:
    """A word list: one entry a line, `word` or `word<TAB>count`, no spaces inside a word."""
    path = _path(name)
    out = []
    for n, line in _data_lines(path):
        word, _, count = line.strip().partition("\t")
        if not word or re.search(r"\s", word) or (count and not count.strip().isdigit()):
            raise GazetteerError(f"{path}:{n}: expected a word, or a word, a tab and a count; got {line[:40]!r}")
        out.append(line.strip())
    if not out:
        raise GazetteerError(f"{path}:1: no entries")
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
        for r in _csv_rows("admin_divisions.csv") + _csv_rows("special_zones.csv")
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


_HAN = re.compile(r"[\u4e00-\u9fff]{2,}")


@lru_cache(maxsize=1)
def segmentation_words() -> tuple[tuple[str, int | None], ...]:
    """Words the segmenter must keep whole: policy terms, agency names, admin division names."""
    words: dict[str, int | None] = {}
    for term, freq in policy_terms():
        words[term] = freq
    for row in agencies():
        for name in [row.get("name", "")] + row.get("short_forms", "").split("|"):
            name = name.replace("{region}", "")
            if _HAN.fullmatch(name):
                words.setdefault(name, None)
    for div in admin().divisions:
        for name in (div.name, div.short):
            if _HAN.fullmatch(name):
                words.setdefault(name, None)
    return tuple(sorted(words.items(), key=lambda kv: kv[0]))


@dataclass(frozen=True)
class CharFrequency:
    counts: dict[str, int]
    total: int


@lru_cache(maxsize=1)
def char_frequency() -> CharFrequency:
    """Character counts of jieba's dictionary (char_frequency.tsv; comment lines start with `# `, since `#` is a
    character of the table too)."""
    path = _path("char_frequency.tsv")
    counts: dict[str, int] = {}
    total = 0
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("# total\t"):
            total = int(line.split("\t")[1]) if line.split("\t")[1].isdigit() else 0
            continue
        if line.startswith("# ") or not line:
            continue
        ch, _, count = line.partition("\t")
        if len(ch) != 1 or not count.isdigit():
            raise GazetteerError(f"{path}:{n}: expected one character, a tab and a count, got {line[:40]!r}")
        counts[ch] = int(count)
    if not counts or total <= 0:
        raise GazetteerError(f"{path}:1: no characters or no `# total` line")
    return CharFrequency(counts, total)


@lru_cache(maxsize=1)
def html_profiles() -> dict[str, Any]:
    """The HTML site profiles (html_profiles.toml), checked: known sections and keys, CSS selectors that parse,
    regular expressions that compile."""
    return check_toml(_path("html_profiles.toml"), TABLE_FILES["html_profiles.toml"])


def _where(path: Path, text: str, needle: str) -> str:
    """`FILE:LINE` of the first line of a data file that holds `needle` (line 1 when none does)."""
    pos = text.find(needle)
    return f"{path}:{text.count(chr(10), 0, pos) + 1 if pos >= 0 else 1}"


def _check_plain(path: Path, text: str, key: str, kind: str, value: Any, table: tuple[Any, ...] = ()) -> None:
    """One key of a TOML file checked by its declared kind (as check_toml checks each key)."""
    _check_value(_TomlIndex(path, text), table, key, kind, value, set())


INDICATOR_KEYS = {"id": str, "label": str, "label_en": str, "area": str, "definition": str, "family": (str, list),
                  "source": str, "units": list, "keywords": list, "patterns": list, "scopes": list, "falling": bool}
INDICATOR_REQUIRED = ("id", "label", "label_en", "area", "definition", "family", "source")


def _entry_line(text: str, ident: str) -> int | None:
    """Line of an indicator's `id = "…"` in its file."""
    m = re.search(r'^id\s*=\s*["\']' + re.escape(ident) + r'["\']', text, re.M)
    return text.count("\n", 0, m.start()) + 1 if m else None


RATE_PERIODS = ("月", "年", "季度", "半年", "周", "天", "小时")


def family_members(units: dict[str, Any], name: str) -> dict[str, float] | None:
    """Members of a unit family by name; `money/月` is a family per period (元/月, 万元/月), derived from `money`."""
    if name in units:
        return dict(units[name]["members"])
    head, sep, period = name.rpartition("/")
    if sep and head in units and period in RATE_PERIODS:
        return {f"{u}/{period}": f for u, f in units[head]["members"].items()}
    return None


def _check_indicator(path: Path, text: str, n: int, row: Any, units: dict[str, Any], seen: dict[str, str],
                     line: int | None = None) -> None:
    """One [[indicator]] entry: its keys, kinds, family, units, regular expressions and a unique id."""
    ident = row.get("id") if isinstance(row, dict) else None
    line = line or (_entry_line(text, ident) if isinstance(ident, str) else None)
    where = f"{path}:{line}" if line else f"{path} (indicator #{n})"
    if not isinstance(row, dict):
        raise GazetteerError(f"{where}: an [[indicator]] must be a table")
    for key in INDICATOR_REQUIRED:
        if not row.get(key):
            raise GazetteerError(f"{where}: indicator {ident!r} lacks `{key}`")
    for key, value in row.items():
        if key not in INDICATOR_KEYS:
            raise GazetteerError(f"{where}: indicator {ident!r}: unknown key `{key}` (known: {', '.join(INDICATOR_KEYS)})")
        if not isinstance(value, INDICATOR_KEYS[key]):
            raise GazetteerError(f"{where}: indicator {ident!r}: `{key}` has the wrong kind of value")
        if isinstance(value, list) and not all(isinstance(v, str) and v for v in value):
            raise GazetteerError(f"{where}: indicator {ident!r}: `{key}` must be a list of non-empty strings")
    if not re.fullmatch(r"[a-z][a-z0-9_]*", ident):
        raise GazetteerError(f"{where}: indicator id {ident!r} must be snake_case ascii")
    if ident in seen:
        raise GazetteerError(f"{where}: indicator id {ident!r} already defined at {seen[ident]}")
    seen[ident] = where
    fams = row["family"] if isinstance(row["family"], list) else [row["family"]]
    members: set[str] = set()
    for fam in fams:
        found = family_members(units, fam) if isinstance(fam, str) else None
        if found is None:
            raise GazetteerError(f"{where}: indicator {ident!r}: unknown unit family {fam!r} (known: {', '.join(units)}, "
                                 f"or one of them per period: money/月)")
        members |= set(found)
    for unit in row.get("units", []):
        if unit not in members:
            raise GazetteerError(f"{where}: indicator {ident!r}: unit {unit!r} is not of family {'/'.join(fams)}")
    if not row.get("keywords") and not row.get("patterns"):
        raise GazetteerError(f"{where}: indicator {ident!r} has neither keywords nor patterns")
    for key in ("patterns", "scopes"):
        for p in row.get(key, []):
            try:
                re.compile(p)
            except re.error as exc:
                raise GazetteerError(f"{_where(path, text, p)}: indicator {ident!r}: bad regular expression {p!r}: {exc}") from exc


def _check_units(path: Path, text: str, units: Any) -> None:
    if not isinstance(units, dict) or not units:
        raise GazetteerError(f"{path}: no [units.<family>] tables")
    owner: dict[str, str] = {}
    for name, fam in units.items():
        where = _where(path, text, f"[units.{name}]")
        if not isinstance(fam, dict) or not isinstance(fam.get("base"), str) or not isinstance(fam.get("members"), dict) \
                or set(fam) - {"base", "members"}:
            raise GazetteerError(f"{where}: unit family {name!r} needs `base` (text) and `members` (unit = factor) only")
        for unit, factor in fam["members"].items():
            if isinstance(factor, bool) or not isinstance(factor, (int, float)) or factor <= 0:
                raise GazetteerError(f"{_where(path, text, unit)}: unit {unit!r} of family {name!r} needs a positive factor")
            if unit in owner:
                raise GazetteerError(f"{_where(path, text, unit)}: unit {unit!r} is in families {owner[unit]!r} and {name!r}")
            owner[unit] = name
        if fam["base"] and fam["members"].get(fam["base"]) != 1:
            raise GazetteerError(f"{where}: the base {fam['base']!r} of family {name!r} must be a member with factor 1")


KEY_KINDS = {"per_units": "map", "increments": "words", "strip": "patterns", "measure_suffixes": "words", "aliases": "map",
             "min_head": "int", "qualifiers": "words", "quantity_endings": "words",
             "min_cover_percent": "int", "increment_lead": "words", "growth_words": "words"}


def _check_keys(path: Path, text: str, keys: Any) -> None:
    """The [keys] table: what turns a subject into a provisional key (every key present, each of its kind)."""
    if not isinstance(keys, dict):
        raise GazetteerError(f"{path}: no [keys] table (per_units, increments, strip, measure_suffixes, aliases, min_head)")
    for key, kind in KEY_KINDS.items():
        if key not in keys:
            raise GazetteerError(f"{_where(path, text, '[keys]')}: [keys] lacks `{key}`")
        _check_plain(path, text, key, kind, keys[key], ("keys",))
    for key in keys:
        if key not in KEY_KINDS:
            raise GazetteerError(f"{_where(path, text, key)}: unknown key `{key}` in [keys] (known: {', '.join(KEY_KINDS)})")


def _read_toml(path: Path) -> tuple[str, dict[str, Any]]:
    data, ix = _load_toml(path)
    return ix.text, data


def _entry_lines(text: str) -> list[int]:
    """For each [[indicator]] of a file, the line of its `id = …` (or of its header when it has none)."""
    lines = text.splitlines()
    heads = [i for i, line in enumerate(lines) if line.strip() == "[[indicator]]"]
    out = []
    for k, h in enumerate(heads):
        stop = heads[k + 1] if k + 1 < len(heads) else len(lines)
        out.append(next((i + 1 for i in range(h, stop) if re.match(r"\s*id\s*=", lines[i])), h + 1))
    return out


@lru_cache(maxsize=1)
def indicators() -> dict[str, Any]:
    """The unit families and every canonical indicator: `indicators.toml` (families and the first entries), then
    `indicators/*.toml` in name order. Each entry is checked; the first problem stops the run naming FILE:LINE."""
    path = _path("indicators.toml")
    text, data = _read_toml(path)
    unknown = set(data) - {"units", "indicator", "keys"}
    if unknown:
        raise GazetteerError(f"{_where(path, text, sorted(unknown)[0])}: unknown table {sorted(unknown)[0]!r} (known: units, indicator)")
    units = data.get("units")
    _check_units(path, text, units)
    keys = data.get("keys")
    _check_keys(path, text, keys)
    rows: list[dict[str, Any]] = []
    seen: dict[str, str] = {}
    files = [(path, text, data)]
    folder = data_dir() / "indicators"
    for extra in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
        extra_text, extra_data = _read_toml(extra)
        if set(extra_data) - {"indicator", "defaults"}:
            bad = sorted(set(extra_data) - {"indicator", "defaults"})[0]
            raise GazetteerError(f"{_where(extra, extra_text, bad)}: unknown table {bad!r} (an area file holds [defaults] and [[indicator]] only)")
        defaults = extra_data.get("defaults", {})
        if not isinstance(defaults, dict) or set(defaults) - {"area", "source"} or not all(isinstance(v, str) for v in defaults.values()):
            raise GazetteerError(f"{_where(extra, extra_text, '[defaults]')}: [defaults] may give `area` and `source` (text) only")
        for row in extra_data.get("indicator", []) if isinstance(extra_data.get("indicator"), list) else []:
            if isinstance(row, dict):
                for key, value in defaults.items():
                    row.setdefault(key, value)
        files.append((extra, extra_text, extra_data))
    for file, file_text, file_data in files:
        entries = file_data.get("indicator", [])
        if not isinstance(entries, list):
            raise GazetteerError(f"{file}: `indicator` must be an array of tables ([[indicator]])")
        lines = _entry_lines(file_text)
        for n, row in enumerate(entries, 1):
            _check_indicator(file, file_text, n, row, units, seen, lines[n - 1] if n <= len(lines) else None)
            rows.append(row)
    return {"units": units, "indicator": rows, "keys": keys}


PROGRESS_KINDS = {"as_of": "patterns", "relative_years": "numbers", "as_of_now": "words", "plans": "plans", "annual_words": "words",
                  "annual_patterns": "patterns", "max_ratio": "int", "review_years": "patterns", "plan_words": "words",
                  "done_words": "words", "cumulative_words": "words", "review_reports": "words", "part_months": "numbers", "base_year": "pattern", "task_share": "pattern",
                  "several_provinces": "int"}


@lru_cache(maxsize=1)
def progress() -> dict[str, Any]:
    """progress.toml: the words that date a reported figure and the plan periods (extractor/progress.py)."""
    path = _path("progress.toml")
    text, data = _read_toml(path)
    for key, kind in PROGRESS_KINDS.items():
        if key not in data:
            raise GazetteerError(f"{path}: lacks `{key}`")
        if kind == "plans":
            value = data[key]
            if not isinstance(value, dict) or not all(
                    isinstance(v, list) and len(v) == 2 and all(isinstance(y, int) and not isinstance(y, bool) for y in v) and v[0] <= v[1]
                    for v in value.values()):
                raise GazetteerError(f"{_where(path, text, key)}: `{key}` maps a plan name to [first year, last year]")
        else:
            _check_plain(path, text, key, kind, data[key])
    for key in data:
        if key not in PROGRESS_KINDS:
            raise GazetteerError(f"{_where(path, text, key)}: unknown key `{key}` (known: {', '.join(PROGRESS_KINDS)})")
    return data




def check_site_file(path: Path) -> dict[str, Any]:
    """One crawl site definition (gazetteers/sites/*.toml, or a file given to `crawl --sites`), checked."""
    return check_toml(path, SITE)


def _undeclared_files() -> None:
    """Every file of the data folder is declared in lexicon_schema, so none escapes the checks."""
    root = data_dir()
    declared = {*(f"keywords/{k}.toml" for k in KEYWORD_FILES), *TABLE_FILES, *LINE_FILES, *TSV_FILES, *CSV_FILES, *OWN_CHECK_FILES}
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        if rel.split("/")[0] in NOT_DATA or rel in declared or path.name.startswith("."):
            continue
        if (rel.startswith(f"{SITE_FILES}/") or rel.split("/")[0] in OWN_CHECK_FOLDERS) and rel.endswith(".toml") and rel.count("/") == 1:
            continue
        raise GazetteerError(f"{path}:1: not a data file declared in extractor/lexicon_schema.py, so it would never be "
                             "checked (declare it, or move it out of the data folder)")


_checked_by_parent = False


def checked_by_parent() -> None:
    """This process's parent checks every data file before it sends any work (a run's prestarted worker: the run
    checks while the worker loads its models). `check_gazetteers` then has nothing to do here; each file this
    process reads is still validated as it is read, and the files it never needs (HTML profiles, sites, progress
    words for a folder of text files) are not read at all."""
    global _checked_by_parent
    _checked_by_parent = True


@lru_cache(maxsize=1)
def check_gazetteers() -> Path:
    """Load and validate every data file of the data folder once; raise GazetteerError on the first problem."""
    if _checked_by_parent:
        return data_dir()
    for name in KEYWORD_FILES:
        keywords(name)
    for name in LINE_FILES:
        _lines(name)
    for name in CSV_FILES:
        _csv_rows(name)
    admin()
    doc_number_prefixes()
    agencies()
    indicators()
    html_profiles()
    progress()
    char_frequency()
    for path in sorted((data_dir() / SITE_FILES).glob("*.toml")):
        check_site_file(path)
    _undeclared_files()
    return data_dir()


def clear_caches() -> None:
    """Forget every file read, so the next call reads the data folder again (tests that point
    NOTICE_EXTRACT_GAZETTEERS at a copy)."""
    for value in list(globals().values()):
        if callable(getattr(value, "cache_clear", None)):
            value.cache_clear()


def check_gazetteers_apart() -> None:
    """`check_gazetteers` in a forked child where the system can fork: the caller (a run that leaves extraction
    to worker processes) learns of the first problem the same way but keeps none of the data (13 MB)."""
    if not hasattr(os, "fork"):
        check_gazetteers()
        return
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: check, report, leave without running the parent's exit handlers
        os.close(read_end)
        try:
            check_gazetteers()
            message = b""
        except GazetteerError as exc:
            message = str(exc).encode("utf-8") or b"?"
        except BaseException as exc:  # noqa: BLE001 - anything else is reported, never raised in the copy
            message = f"language data check failed: {type(exc).__name__}: {exc}".encode("utf-8")
        os.write(write_end, message)
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as fh:
        message = fh.read()
    _, status = os.waitpid(pid, 0)
    if message:
        raise GazetteerError(message.decode("utf-8"))
    if status != 0:
        raise GazetteerError(f"the language data check ended with status {status}")
