"""The outline as an indented tree for people debugging a page (`notice-extract outline FILE`), or as JSON."""
from __future__ import annotations

from typing import Any

from extractor.outline.blocks import Block, Context, Outline

WIDTH = 60


def _context_text(c: Context) -> str:
    parts = []
    if c.deadline is not None:
        parts.append(f"due {c.deadline.date} ({c.deadline.text})")
    if c.effective is not None:
        parts.append(f"effective {c.effective.date}")
    if c.goal:
        parts.append("goal")
    if c.background:
        parts.append("background")
    return "  {" + ", ".join(parts) + "}" if parts else ""


def _line(b: Block, depth: int) -> str:
    text = (b.label or b.text).replace("\n", " ")
    if len(text) > WIDTH:
        text = text[: WIDTH - 1] + "…"
    level = f" {b.level}" if b.kind == "heading" else ""
    return f"{'  ' * depth}{b.kind}{level} @{b.line + 1}: {text}{_context_text(b.context)}"


def render_tree(outline: Outline) -> str:
    """One line per block (`kind level @line: text {context}`), indented under its parent; a table's rows
    follow it with their cells typed."""
    out = []
    grids = iter(outline.grids)
    for b in outline.blocks:
        depth = len(outline.ancestors(b.parent))
        out.append(_line(b, depth))
        if b.kind == "table":
            grid = next(grids, None)
            if grid is None:
                continue
            for r in grid.rows:
                cells = ", ".join(f"{col.kind}{'' if col.year is None else ' ' + str(col.year)}={cell.key}"
                                  for col, cell in r.values)
                extra = "".join([f", unit={r.unit}" if r.unit else "", f", attribute={r.attribute}" if r.attribute else "",
                                 f", responsible={'、'.join(c.key for c in r.responsible)}" if r.responsible else ""])
                out.append(f"{'  ' * (depth + 1)}row @{r.lines.start + 1}: {r.label} [{cells}{extra}]")
    return "\n".join(out)


def to_json(outline: Outline) -> list[dict[str, Any]]:
    """The blocks as plain records (kind, level, line, offsets, text, parent, context)."""
    return [{
        "kind": b.kind, "level": b.level, "line": b.line + 1, "start": b.start, "end": b.end, "text": b.label or b.text,
        "parent": b.parent, "deadline": b.context.deadline.date if b.context.deadline else None,
        "effective": b.context.effective.date if b.context.effective else None,
        "goal": b.context.goal, "background": b.context.background,
    } for b in outline.blocks]
