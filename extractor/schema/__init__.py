"""The published JSON Schema of a Notice, and validation for consumers (`notice-extract validate`).

The schema says what each field may hold (types, enums, closed objects, ISO date patterns); the
format checker makes dates real calendar dates (2025-13-45 fails). What JSON Schema cannot express
is checked here: offsets inside the text, sentences equal to the text they point at, obligation ids
that belong to the document and are unique.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema


@lru_cache(maxsize=1)
def notice_schema() -> dict[str, Any]:
    return json.loads(schema_text())


def schema_text() -> str:
    """The schema file as shipped (what `notice-extract schema` prints)."""
    return resources.files(__package__).joinpath("notice.schema.json").read_text(encoding="utf-8")


@lru_cache(maxsize=2)
def _validator(no_text: bool = False) -> jsonschema.Draft202012Validator:
    schema = notice_schema()
    if no_text:  # the no-text profile: `extract --no-text` leaves the cleaned text out
        schema = {**schema, "required": [k for k in schema["required"] if k != "text"]}
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def validation_errors(notice: Any, no_text: bool = False) -> list[str]:
    """Readable problems with one notice; empty when it is valid. `no_text`: the no-text profile, where a notice
    may lack `text` (offsets are then checked for order only, sentences against nothing)."""
    if not isinstance(notice, dict):
        return ["(document): not a JSON object"]
    errors = []
    for err in sorted(_validator(no_text).iter_errors(notice), key=lambda e: [str(p) for p in e.absolute_path]):
        where = "/".join(str(p) for p in err.absolute_path) or "(document)"
        errors.append(f"{where}: {err.message}")
    return errors or offset_errors(notice)


def _span_errors(where: str, span: dict[str, Any], length: int) -> list[str]:
    out = []
    if not span["start"] <= span["end"] <= length:
        out.append(f"{where}: offsets {span['start']}–{span['end']} not within the text (0–{length})")
    if "raw_start" in span and "raw_end" in span and span["raw_start"] > span["raw_end"]:
        out.append(f"{where}: raw_start {span['raw_start']} after raw_end {span['raw_end']}")
    return out


def offset_errors(notice: dict[str, Any]) -> list[str]:
    """Checks beyond the schema, for a notice that already matches it (without `text`: ids and offset order)."""
    doc_id = notice["doc_id"]
    text = notice.get("text")
    errors: list[str] = []
    seen: set[str] = set()
    for k, o in enumerate(notice["obligations"]):
        where = f"obligations/{k}"
        if not o["id"].startswith(doc_id + "-"):
            errors.append(f"{where}/id: {o['id']!r} does not start with the doc_id {doc_id!r} and '-'")
        if o["id"] in seen:
            errors.append(f"{where}/id: {o['id']!r} used twice")
        seen.add(o["id"])
        length = len(text) if text is not None else float("inf")
        span_errors = _span_errors(where, o, length)
        errors += span_errors
        if not span_errors and text is not None and text[o["start"]:o["end"]] != o["sentence"]:
            errors.append(f"{where}: sentence does not match text[start:end]")
        for j, span in enumerate(o.get("evidence", [])):
            errors += _span_errors(f"{where}/evidence/{j}", span, length)
    return errors


def _type_of(spec: dict[str, Any]) -> str:
    if "enum" in spec:
        return "one of " + ", ".join("null" if v is None else f"`{v}`" for v in spec["enum"])
    types = spec.get("type", "")
    text = " or ".join(types) if isinstance(types, list) else types
    if text.startswith("array") and "type" in spec.get("items", {}):
        text = f"array of {spec['items']['type']}"
    if spec.get("format") == "date":
        text += " (ISO date, a real calendar day)"
    return text


def _example(spec: dict[str, Any]) -> str:
    if spec.get("items", {}).get("type") == "object":
        return "objects, see below"
    return f"`{json.dumps(spec['examples'][0], ensure_ascii=False)}`" if spec.get("examples") else ""


def _rows(props: dict[str, Any], required: list[str], prefix: str) -> list[str]:
    rows = []
    for name, spec in props.items():
        need = "yes" if name in required else "no"
        description = spec.get("description", "").replace("|", "\\|").replace("\n", " ")
        example = _example(spec).replace("|", "\\|").replace("\n", "\\n")
        rows.append(f"| `{prefix}{name}` | {_type_of(spec)} | {need} | {description} | {example} |")
    return rows


def markdown() -> str:
    """Every field of the schema with its type, whether it is required, its meaning and an example
    (docs/schema.md embeds this table verbatim; a test keeps the two in step)."""
    schema = notice_schema()
    ob = schema["properties"]["obligations"]["items"]
    ev = ob["properties"]["evidence"]["items"]
    head = ["| field | type | required | meaning | example |", "|---|---|---|---|---|"]
    return "\n".join(
        ["### Notice", "", *head, *_rows(schema["properties"], schema["required"], ""), "",
         "### Obligation (each item of `obligations`)", "", *head, *_rows(ob["properties"], ob["required"], "obligations[]."), "",
         "### Evidence span (each item of `evidence`)", "", *head, *_rows(ev["properties"], ev["required"], "evidence[]."), ""])


@dataclass
class FileCheck:
    """What `validate` found in one file: documents read, problems as "LINE: what" (or "item K: what" in
    a JSON array), or why it cannot be read."""

    documents: int = 0
    invalid: int = 0
    problems: list[str] = field(default_factory=list)
    unreadable: str | None = None

    @property
    def exit_code(self) -> int:
        """0 valid, 1 invalid (including an empty file), 2 unreadable."""
        return 2 if self.unreadable else 1 if self.problems else 0


def _records(content: str) -> list[tuple[str, Any]] | str:
    """(where, value) for one JSON document, a JSON array of them, or JSON lines; a message for a bad line."""
    try:
        whole = json.loads(content)
    except ValueError:
        whole = None
    if isinstance(whole, list):
        return [(f"item {k}", v) for k, v in enumerate(whole)]
    if whole is not None:
        return [("1", whole)]
    out: list[tuple[str, Any]] = []
    for no, line in enumerate(content.splitlines(), 1):
        if line.strip():
            try:
                out.append((str(no), json.loads(line)))
            except ValueError as exc:
                out.append((str(no), _NotJson(str(exc))))
    return out


@dataclass
class _NotJson:
    reason: str


def check_file(path: Path | None, no_text: bool = False) -> FileCheck:
    """Validate every notice of a JSON or JSONL file (None: standard input) against the schema and the offset
    rules; `no_text`: the no-text profile (validation_errors)."""
    check = FileCheck()
    try:
        data = sys.stdin.buffer.read() if path is None else path.read_bytes()
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        check.unreadable = f"not UTF-8 text ({exc.reason} at byte {exc.start})"
        return check
    except OSError as exc:
        check.unreadable = exc.strerror or str(exc)
        return check
    if not content.strip():
        check.problems.append("empty file: no notice in it")
        return check
    first_line: dict[str, str] = {}
    for where, rec in _records(content):
        check.documents += 1
        problems = [f"not JSON: {rec.reason}"] if isinstance(rec, _NotJson) else validation_errors(rec, no_text)
        doc_id = rec.get("doc_id") if isinstance(rec, dict) else None
        if isinstance(doc_id, str):
            if doc_id in first_line:
                problems.append(f"doc_id: {doc_id!r} also at {first_line[doc_id]}")
            first_line.setdefault(doc_id, where)
        check.problems += [f"{where}: {p}" for p in problems]
        check.invalid += bool(problems)
    return check
