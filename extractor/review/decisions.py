"""Reviewers' decisions (from the review page or a filled-in sheet) turned into gold files.

A decision says of one extracted target: accept it, correct it (value, unit, comparator, deadline,
agencies, strength), or reject it; or it adds a target the extractor missed. Gold files are written in
docs/annotation.md (`<name>.json` with `metadata` and `obligations`, the raw input copied beside it), merged
with what the folder already holds. A gold record, or an earlier rejection (kept under `rejected`), is
a human decision: a new decision that disagrees with it is reported as a conflict and left alone
unless `force` is set.
"""
from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.evaluate import load_gold, overlap, values_match

FORMAT = "notice-extract-review/1"
ACTIONS = ("accept", "correct", "reject", "add")
GOLD_FIELDS = ("evidence", "subject", "value", "value_max", "unit", "comparator", "deadline", "scope", "agencies", "strength")
COMPARED = ("value", "value_max", "unit", "comparator", "deadline", "agencies", "strength")
CORRECTABLE = ("value", "value_max", "unit", "comparator", "deadline", "agencies", "strength")
METADATA = ("title", "doc_number", "issuers", "addressees", "issue_date", "province", "city", "admin_level")


def gold_record(ob: dict[str, Any]) -> dict[str, Any]:
    """An extracted obligation in the gold format (its sentence is the evidence)."""
    rec = {f: ob.get(f) for f in GOLD_FIELDS}
    rec["evidence"] = ob.get("evidence") if isinstance(ob.get("evidence"), str) else ob.get("sentence", "")
    rec["agencies"] = list(ob.get("agencies") or [])
    return rec


@dataclass
class Decision:
    doc_id: str
    action: str
    record: dict[str, Any]
    obligation_id: str | None = None
    original: dict[str, Any] | None = None


@dataclass
class DocInfo:
    """What a gold file needs about a document: where its raw input is, its metadata, its targets' ids."""

    doc_id: str
    source: str
    metadata: dict[str, Any]
    targets: list[str] = field(default_factory=list)


@dataclass
class Decisions:
    docs: dict[str, DocInfo]
    items: list[Decision]

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "documents": {d.doc_id: {"source": d.source, "metadata": d.metadata, "targets": d.targets} for d in self.docs.values()},
            "decisions": [{"doc_id": x.doc_id, "obligation_id": x.obligation_id, "action": x.action, "record": x.record,
                           "original": x.original} for x in self.items],
        }


def from_json(data: dict[str, Any]) -> Decisions:
    """The review page's export (format notice-extract-review/1)."""
    if data.get("format") != FORMAT:
        raise ValueError(f"not a review decisions file ({FORMAT})")
    docs = {k: DocInfo(k, v["source"], v.get("metadata") or {}, list(v.get("targets") or [])) for k, v in data["documents"].items()}
    items = []
    for d in data.get("decisions") or []:
        if d.get("action") not in ACTIONS:
            raise ValueError(f"unknown decision {d.get('action')!r} (one of {', '.join(ACTIONS)})")
        items.append(Decision(d["doc_id"], d["action"], {f: d["record"].get(f) for f in GOLD_FIELDS},
                              d.get("obligation_id"), d.get("original")))
    return Decisions(docs, items)


def load_decisions(path: Path, notices: list[dict[str, Any]] | None = None) -> Decisions:
    """A decisions JSON file, or a filled-in review sheet (.csv/.xlsx; `notices` give the documents'
    metadata, else each source is extracted again)."""
    if path.suffix.lower() in (".csv", ".xlsx"):
        from extractor.review.sheet import sheet_decisions

        return sheet_decisions(path, notices)
    return from_json(json.loads(path.read_text(encoding="utf-8")))


def same_target(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """The scorer's identity: overlapping evidence and the same value (or both null with one deadline)."""
    ea, eb = a.get("evidence") or "", b.get("evidence") or ""
    return max(overlap(ea, eb), overlap(eb, ea)) > 0 and values_match(a, b)


def same_content(a: dict[str, Any], b: dict[str, Any]) -> bool:
    def norm(rec: dict[str, Any], f: str) -> Any:
        v = rec.get(f)
        if f == "agencies":
            return sorted("".join(x.split()) for x in v or [])
        if f in ("value", "value_max") and v is not None:
            return round(float(v), 6)
        return v
    return all(norm(a, f) == norm(b, f) for f in COMPARED)


def describe(rec: dict[str, Any]) -> str:
    value = "—" if rec.get("value") is None else f"{rec.get('comparator') or ''}{rec['value']:g}{rec.get('unit') or ''}"
    return f"{value} by {rec.get('deadline') or 'no deadline'}, {rec.get('strength')}, {'；'.join(rec.get('agencies') or []) or 'no agency'}"


@dataclass
class ApplyReport:
    written: list[Path] = field(default_factory=list)
    added: int = 0
    replaced: int = 0
    removed: int = 0
    rejected: int = 0
    unchanged: int = 0
    conflicts: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def render(self) -> str:
        lines = [f"gold files written {len(self.written)}: {self.added} targets added, {self.replaced} replaced, "
                 f"{self.removed} removed, {self.rejected} rejections recorded, {self.unchanged} already there"]
        lines += [f"  {p}" for p in self.written]
        if self.conflicts:
            lines.append(f"conflicts with earlier decisions, left unchanged ({len(self.conflicts)}; --force replaces them):")
            lines += [f"  {c}" for c in self.conflicts]
        if self.skipped:
            lines.append(f"documents skipped ({len(self.skipped)}):")
            lines += [f"  {s}" for s in self.skipped]
        return "\n".join(lines)


def doc_id_of_file(path: Path) -> str | None:
    """The pipeline's doc_id (sha256 of the raw bytes, 16 hex digits) of a file, None if unreadable."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    except OSError:
        return None


def existing_gold(gold_dir: Path) -> dict[str, dict[str, Any]]:
    """The folder's gold files by the doc_id of the raw input each points at."""
    out = {}
    for g in load_gold(gold_dir):
        doc_id = doc_id_of_file(Path(g["_path"]).parent / g["raw"])
        if doc_id:
            out.setdefault(doc_id, g)
    return out


def _new_gold(info: DocInfo, gold_dir: Path) -> dict[str, Any] | str:
    """A fresh gold document with the raw input copied beside it, or the reason it cannot be made."""
    src = Path(info.source)
    if not src.is_file():
        return f"{info.source}: raw input not found (run review --apply where the run's sources are)"
    stem, suffix = src.stem, src.suffix
    name = stem
    if (gold_dir / f"{name}.json").exists() or ((gold_dir / f"{name}{suffix}").exists() and doc_id_of_file(gold_dir / f"{name}{suffix}") != info.doc_id):
        name = f"{stem}-{info.doc_id[:8]}"
    raw = gold_dir / f"{name}{suffix}"
    if not raw.exists():
        shutil.copyfile(src, raw)
    return {"doc_id": name, "raw": raw.name, "metadata": {k: info.metadata.get(k) for k in METADATA}, "obligations": [], "rejected": [],
            "_path": str(gold_dir / f"{name}.json")}


def _merge(gold: dict[str, Any], decisions: list[Decision], force: bool, rep: ApplyReport, name: str) -> bool:
    """Apply one document's decisions to its gold; True when the gold changed."""
    obs: list[dict[str, Any]] = gold.setdefault("obligations", [])
    rejected: list[dict[str, Any]] = gold.setdefault("rejected", [])
    changed = False
    fresh: set[int] = set()
    for d in decisions:
        keys = [d.record] + ([d.original] if d.original else [])
        hit = next((i for i, g in enumerate(obs) if any(same_target(g, k) for k in keys)), None)
        was_rejected = next((i for i, g in enumerate(rejected) if any(same_target(g, k) for k in keys)), None)
        evidence = (d.record.get("evidence") or "")[:40]
        if d.action == "reject":
            if hit is not None:
                if not force:
                    rep.conflicts.append(f"{name}: reject «{evidence}»: gold has it as a target ({describe(obs[hit])})")
                    continue
                obs.pop(hit)
                rep.removed += 1
            if was_rejected is None:
                rejected.append(d.original or d.record)
                rep.rejected += 1
                changed = True
            elif hit is None:
                rep.unchanged += 1
            changed = changed or hit is not None
            continue
        if hit is not None:
            if same_content(obs[hit], d.record):
                rep.unchanged += 1
            elif force:
                obs[hit] = d.record
                rep.replaced += 1
                changed = True
            else:
                whose = "another decision in this file gives" if id(obs[hit]) in fresh else "gold has"
                rep.conflicts.append(f"{name}: {d.action} «{evidence}»: {whose} {describe(obs[hit])}; decision says {describe(d.record)}")
            continue
        if was_rejected is not None:
            if not force:
                rep.conflicts.append(f"{name}: {d.action} «{evidence}»: an earlier review rejected it")
                continue
            rejected.pop(was_rejected)
        obs.append(d.record)
        fresh.add(id(d.record))
        rep.added += 1
        changed = True
    return changed


def _write(gold: dict[str, Any]) -> Path:
    path = Path(gold["_path"])
    data = {k: v for k, v in gold.items() if not k.startswith("_")}
    if not data.get("rejected"):
        data.pop("rejected", None)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def apply_decisions(decisions: Decisions, gold_dir: Path, force: bool = False) -> ApplyReport:
    """Write or merge one gold file per decided document; see the module docstring for the rules."""
    gold_dir.mkdir(parents=True, exist_ok=True)
    rep = ApplyReport()
    existing = existing_gold(gold_dir)
    by_doc: dict[str, list[Decision]] = {}
    for d in decisions.items:
        by_doc.setdefault(d.doc_id, []).append(d)
    for doc_id, items in by_doc.items():
        info = decisions.docs.get(doc_id)
        if info is None:
            rep.skipped.append(f"{doc_id}: decisions for a document the file does not describe")
            continue
        gold = existing.get(doc_id)
        if gold is None:
            decided = {d.obligation_id for d in items if d.obligation_id}
            open_ids = [t for t in info.targets if t not in decided]
            if open_ids:
                rep.skipped.append(f"{info.source}: {len(open_ids)} of {len(info.targets)} targets undecided "
                                   "(a new gold file needs every target decided)")
                continue
            made = _new_gold(info, gold_dir)
            if isinstance(made, str):
                rep.skipped.append(made)
                continue
            gold = made
        if _merge(gold, items, force, rep, Path(gold["_path"]).name) or not Path(gold["_path"]).exists():
            rep.written.append(_write(gold))
    return rep
