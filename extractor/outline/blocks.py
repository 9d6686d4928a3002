"""The notice as a tree of blocks, and the context each block passes down to what it governs.

Blocks, one or more per line of the cleaned text: `title`, `doc_number`, `addressee`, `heading` (一、 （一） 1.
（1） ① —— and their variants, by level), `lead_in` (a clause ending in `:`/`：`/`如下`, or a short line naming
goals with a time: `——到2020年底前要实现的数字型目标`), `item` (a line a lead-in governs), `table` and its
`row`s (outline/grid.py), `paragraph`, `signature` (the 落款 bodies and the date under them), `attachment`.
Each block knows its parent: a heading's parent is the nearest heading above it of a lower level; a lead-in
governs the lines after it up to the next heading of its level or above, or the next lead-in.

Context flows down by explicit rules (docs/annotation.md "deadline", "strength"): a lead-in's due date and
effective date date its items; a heading or lead-in that names goals (`主要目标`, `指标`) makes cue-less
targets under it aspirational; a heading of achievements (`发展基础`) makes figures under it background; a
table's target-year column dates its rows and its 属性 column sets their strength.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from extractor import gazetteers, patterns
from collections.abc import Callable

from extractor.model import TimeExpr
from extractor.outline.grid import Grid, IsBody, read_grids

FindTimes = Callable[[str], list[TimeExpr]]

SENTENCE_PUNCT = re.compile(r"[。，,；;：:！？!?]")


@dataclass(frozen=True)
class Context:
    """What a block passes to the blocks under it."""

    deadline: TimeExpr | None = None
    effective: TimeExpr | None = None
    goal: bool = False
    background: bool = False


@dataclass
class Block:
    kind: str
    start: int
    end: int
    line: int
    text: str
    level: int = 0
    parent: int | None = None
    context: Context = field(default_factory=Context)
    label: str = ""


@dataclass
class Outline:
    """The blocks in document order, the tables, and for each line the block that governs it."""

    blocks: list[Block]
    grids: list[Grid]
    by_line: dict[int, int]

    def block_at(self, line: int) -> Block | None:
        i = self.by_line.get(line)
        return self.blocks[i] if i is not None else None

    def ancestors(self, index: int | None) -> list[Block]:
        out = []
        while index is not None:
            out.append(self.blocks[index])
            index = self.blocks[index].parent
        return out[::-1]

    def path(self, line: int) -> list[str]:
        """The headings and lead-ins above a line, outermost first (the record's `outline_path`); a long
        lead-in is named by its last clause (`现就有关事项通知如下:`)."""
        i = self.by_line.get(line)
        if i is None:
            return []
        chain = self.ancestors(self.blocks[i].parent)
        return [_short_label(b.label or b.text) for b in chain if b.kind in ("heading", "lead_in", "table")]

    def context(self, line: int) -> Context:
        """The context the line inherits: the nearest governing block's, merged outward-in."""
        i = self.by_line.get(line)
        if i is None:
            return Context()
        ctx = Context()
        for b in self.ancestors(self.blocks[i].parent):
            c = b.context
            ctx = Context(
                deadline=c.deadline or ctx.deadline, effective=c.effective or ctx.effective,
                goal=(c.goal or ctx.goal) and not c.background, background=(c.background or ctx.background) and not c.goal,
            )
        return ctx


@lru_cache(maxsize=1)
def _markers() -> tuple[tuple[int, re.Pattern[str]], ...]:
    data = gazetteers.keywords("structure")
    return tuple((level, re.compile(p)) for level in (1, 2, 3, 4) for p in data[f"heading_level_{level}"])


def marker_level(line: str) -> tuple[int, int] | None:
    """(level, marker length) of a heading or list marker opening the line."""
    for level, pattern in _markers():
        m = pattern.match(line)
        if m:
            return level, m.end()
    return None


def _has_word(text: str, key: str, file: str = "structure") -> bool:
    return any(w in text for w in gazetteers.words(file, key))


def _due(text: str, times: FindTimes) -> TimeExpr | None:
    """The last forward time phrase of a lead-in or heading (`到2020年底前`, `“十四五”时期`, `2025年`)."""
    found = [t for t in times(text) if t.date and t.kind in ("deadline", "period", "span", "year", "duration")]
    return found[-1] if found else None


def _effective(text: str, times: FindTimes) -> TimeExpr | None:
    found = [t for t in times(text) if t.date and t.kind == "effective"]
    return found[-1] if found else None


def _short(line: str) -> bool:
    return len(line) <= gazetteers.keywords("structure")["max_heading_chars"]


def _is_lead_in(text: str, times: FindTimes) -> bool:
    """A clause that governs what follows: it ends in a colon or 如下, or it is a short line that names goals
    and a time (`——到2020年底前要实现的数字型目标`, `2025年主要目标`)."""
    if patterns.LEAD_IN_END.search(text):
        return True
    core = text.strip()
    return (_short(core) and not re.search(r"[。；;！？]", core) and _has_word(core, "goal_words")
            and _due(core, times) is not None and not patterns.NUMBER_NOT_YEAR.search(patterns.YEAR_SPAN.sub("", core)))


def _context_of(text: str, times: FindTimes) -> Context:
    goal = _has_word(text, "goal_words") or _has_word(text, "aspirational", "strength")
    background = _has_word(text, "background_headings")
    return Context(deadline=_due(text, times) if (goal or patterns.LEAD_IN_END.search(text)) else None, effective=_effective(text, times),
                   goal=goal and not background, background=background and not goal)


def _run_in_due(ctx: Context, rest: str, times: FindTimes) -> Context:
    """A goal heading run into its text (`(二)主要目标。到2025年,…`): the due phrase that opens the text dates the
    goals under the heading, as a lead-in's would."""
    if not ctx.goal or ctx.deadline is not None:
        return ctx
    body = rest.lstrip("。.:：,， ")
    offset = len(rest) - len(body)
    opening = [t for t in times(rest) if t.date and t.start - offset <= 4 and t.kind in ("deadline", "period", "span", "year")]
    return replace(ctx, deadline=opening[0]) if opening else ctx


def build_outline(text: str, times: FindTimes, is_body: IsBody) -> Outline:
    """The outline of one cleaned text. `times` finds the time phrases of a line and `is_body` tells a body's
    name: both are mention finders of the extraction layer, handed down so the outline imports nothing above."""
    grids = read_grids(text, is_body, times)
    table_lines: dict[int, Grid] = {}
    for g in grids:
        for ln in g.lines:
            table_lines.setdefault(ln, g)
    blocks: list[Block] = []
    by_line: dict[int, int] = {}
    stack: list[int] = []  # open headings and lead-ins, by index; their levels rise along the stack
    pos = 0
    seen_grids: set[int] = set()
    all_lines = text.split("\n")
    for line_no, line in enumerate(all_lines):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if not stripped:
            continue
        grid = table_lines.get(line_no)
        if grid is not None:
            if id(grid) not in seen_grids:
                seen_grids.add(id(grid))
                label = _table_label(grid)
                ctx = Context(goal=any(_has_word(c.label, "goal_words") for c in grid.columns))
                blocks.append(Block("table", start, end, line_no, stripped, level=9, parent=stack[-1] if stack else None,
                                    context=ctx, label=label))
            by_line[line_no] = len(blocks) - 1 if blocks[-1].kind == "table" else _last_table(blocks)
            continue
        frame = _frame_kind(all_lines, line_no, blocks, is_body)
        if frame is not None:
            blocks.append(Block(frame, start, end, line_no, stripped, parent=None))
            by_line[line_no] = len(blocks) - 1
            if frame in ("signature", "attachment"):
                stack = []
            continue
        mark = marker_level(stripped)
        level = mark[0] if mark else None
        if level is not None:
            while stack and _closes(blocks[stack[-1]], level):
                stack.pop()
        head_text = stripped[mark[1]:] if mark else stripped
        first = SENTENCE_PUNCT.split(head_text, maxsplit=1)[0]
        is_heading = mark is not None and (_short(stripped) or len(first) <= 24 and not patterns.NUMBER_NOT_YEAR.search(first))
        under_lead = bool(stack) and blocks[stack[-1]].kind == "lead_in"
        plain_heading = (mark is None and not under_lead and _short(stripped) and not SENTENCE_PUNCT.search(stripped)
                         and not patterns.NUMBER_NOT_YEAR.search(patterns.YEAR_CELL.sub("", stripped)))
        parent = stack[-1] if stack else None
        if _is_lead_in(stripped, times) or (is_heading and _is_lead_in(head_text, times)):
            blk = Block("lead_in", start, end, line_no, stripped, level=level or 5, parent=parent,
                        context=_context_of(stripped, times), label=head_text.strip() or stripped)
            if level is None:
                _close_items_of_lead(blocks, stack)
                while stack and blocks[stack[-1]].kind == "lead_in" and blocks[stack[-1]].level >= 5:
                    stack.pop()
                blk.parent = stack[-1] if stack else None
            blocks.append(blk)
            stack.append(len(blocks) - 1)
        elif is_heading or plain_heading:
            label = first.strip() if is_heading and len(first.strip()) >= 2 else head_text.strip()
            blocks.append(Block("heading", start, end, line_no, stripped, level=level or 1, parent=parent,
                                context=_run_in_due(_context_of(label, times), head_text[len(first):], times), label=label))
            if level is None:
                stack = []
                blocks[-1].parent = None
            stack.append(len(blocks) - 1)
        else:
            kind = "item" if parent is not None and blocks[parent].kind == "lead_in" else "paragraph"
            blocks.append(Block(kind, start, end, line_no, stripped, level=level or 0, parent=parent))
            lead = _trailing_lead(stripped)
            if lead:
                blocks.append(Block("lead_in", start, end, line_no, lead, level=5, parent=parent,
                                    context=_context_of(lead, times), label=lead))
                stack.append(len(blocks) - 1)
        by_line[line_no] = _governing(blocks, line_no)
    return Outline(blocks, grids, by_line)


def _close_items_of_lead(blocks: list[Block], stack: list[int]) -> None:
    """A lead-in without a marker of its own (`开放时间:`) after the numbered items of an earlier one (`建设目标:`
    then ①…⑤) is that lead-in's sibling, not a part of its last item: the items close."""
    k = len(stack)
    while k and blocks[stack[k - 1]].kind == "heading" and blocks[stack[k - 1]].level >= 3:
        k -= 1
    if k < len(stack) and k and blocks[stack[k - 1]].kind == "lead_in" and blocks[stack[k - 1]].level >= 5:
        del stack[k:]


def _frame_kind(lines: list[str], i: int, blocks: list[Block], is_body: IsBody) -> str | None:
    """The notice's frame around its body: title, 文号, 主送 line, 落款 (bodies and the date under them), 附件.
    The title and 主送 are looked for near the top (or right after a 文号); a signature is a line that is only
    a body's name with a date within the next lines, or a date alone on its line."""
    line = lines[i].strip()
    early = i < 12 or (bool(blocks) and blocks[-1].kind in ("doc_number", "title"))
    if patterns.DOC_NUMBER_LINE.match(line):
        return "doc_number"
    if (early and not SENTENCE_PUNCT.search(line) and len(line) <= 60 and not any(b.kind == "title" for b in blocks)
            and line.endswith(gazetteers.words("doc_types", "title_endings")) and ("关于" in line or i < 3)):
        return "title"
    if (early or line.startswith("各")) and re.search(r"[:：]$", line):
        names = [n for n in re.split(r"[、，,；;]", line[:-1]) if n.strip()]
        if names and sum(is_body(n.strip()) for n in names) * 2 >= len(names):
            return "addressee"
    if patterns.DATE_ONLY_LINE.match(line):
        return "signature"
    if len(line) <= 30 and is_body(line):
        ahead = [x.strip() for x in lines[i + 1 : i + 9] if x.strip()][:4]  # blank lines may part bodies and date
        if any(patterns.DATE_ONLY_LINE.match(x) for x in ahead[:3]) and all(patterns.DATE_ONLY_LINE.match(x) or is_body(x) for x in ahead[: next(
                (k for k, x in enumerate(ahead) if patterns.DATE_ONLY_LINE.match(x)), 0)]):
            return "signature"
    if patterns.ATTACHMENT_LINE.match(line) and len(line) <= 60:
        return "attachment"
    return None


def _short_label(text: str, limit: int = 40) -> str:
    if len(text) <= limit:
        return text
    tail = re.split(r"[，,；;。]", text.rstrip("，,；;。"))[-1]
    return tail if 0 < len(tail) <= limit else text[:limit] + "…"


def _closes(open_block: Block, level: int) -> bool:
    """A marked line of `level` closes an open heading or lead-in of that level or deeper; a lead-in without a
    marker of its own (`主要目标如下:`) keeps its numbered items and is closed by a 一、 or （一） heading."""
    if open_block.kind == "lead_in" and open_block.level >= 5:
        return level <= 2
    return open_block.level >= level


def _governing(blocks: list[Block], line_no: int) -> int:
    """The block a line's sentences belong to: its own first block (a trailing lead-in governs later lines)."""
    for i in range(len(blocks) - 1, -1, -1):
        if blocks[i].line != line_no:
            return i + 1
    return 0


def _last_table(blocks: list[Block]) -> int:
    return next(i for i in range(len(blocks) - 1, -1, -1) if blocks[i].kind == "table")


def _trailing_lead(line: str) -> str | None:
    """The last sentence of a paragraph when it ends in a colon (`…标准调整如下:`) and lists nothing after it."""
    if not patterns.LEAD_IN_END.search(line):
        return None
    parts = re.split(r"(?<=[。；;！？])", line)
    return parts[-1].strip() if len(parts) > 1 and parts[-1].strip() else None


def _table_label(grid: Grid) -> str:
    names = [c.label for c in grid.columns if c.kind != "skip"]
    return "表格: " + " | ".join(names)


def with_row_context(ctx: Context, year: int | None) -> Context:
    """A table row's context: the target column's year dates it."""
    if year is None:
        return ctx
    return replace(ctx, deadline=TimeExpr(0, 0, f"{year}年", f"{year}-12-31", kind="year", year=year))
