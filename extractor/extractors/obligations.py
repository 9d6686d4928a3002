"""Obligation assembly: the rule steps in order, over the sentences of one document.

For each sentence: table rows become drafts directly; every value found in prose is checked (a count of the
notice's own parts or an eligibility condition is no value), paired (分别), given its kind (target or
background), due date, strength, subject, scope and agencies, and split per thing when several things share
it; then clauses with an action and a due date but no value become dated duties. A walk over the document
carries what one sentence sets for the next: the lead-in's due date, a goal lead-in, a background clause
continued after ；, the paragraph's actors. Repeats merge last.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractor import gazetteers, patterns
from extractor.extractors import agencies as agency_rules
from extractor.extractors import background, distribution, due_dates, duties, responsibility, strength, subjects
from extractor.extractors.clauses import Sentence, TokenIndex
from extractor.extractors.deadlines import is_due, is_future_span, is_past
from extractor.extractors.drafts import Draft
from extractor.extractors.glued_tables import GluedRow, Unsplit, glued_rows
from extractor.extractors.merge import merge_repeats
from extractor.extractors.mentions import DocContext, DocMentions, SentenceView
from extractor.extractors.table_rows import Row, parse_cell, table_rows
from extractor.extractors.walk import Walk, colon_comparator, goal_lead
from extractor.model import Quantity, TimeExpr
from extractor.outline import Grid, GridRow, Outline
from extractor.taxonomy import family_of


def _agencies(view: SentenceView, pos: int, notes: dict[int, list[str]], row: Row | None, walk: Walk) -> list[str]:
    """Bodies named in or near the clause, else the addressees, else the issuers (GOLD_FORMAT.md)."""
    doc = view.doc
    names = responsibility.by_clause_agencies(view.text, view.sent.start, view.sent.end)
    if not names:
        actors = [a for a in agency_rules.actors_in(view.text, view.sent.start, view.sent.end, view.tokens) if a.start < pos]
        if actors:
            group = [a.name for a in actors if view.sent.clause_index(a.start) == view.sent.clause_index(actors[-1].start)]
            roles = gazetteers.words("agencies", "responsibility_words")
            clause = {a.name: view.sent.clause_index(a.start) for a in actors}
            cast_clauses = {clause[a.name] for a in actors if view.text.startswith(roles, a.end)}
            cast = [a.name for a in actors if clause[a.name] in cast_clauses]
            if actors[-1].name in cast and len(cast) > len(group):
                group = list(dict.fromkeys(cast))  # `X牵头,Y、Z配合,…`: each body of the division of labour
            names = group
    names = names or notes.get(view.sent.index, []) or (row.agencies if row else []) or _paragraph_actors(view, walk)
    if names:
        resolved = agency_rules.resolve(names, doc.addressees, doc.issuers)
        return [agency_rules.expand(n, doc.province, doc.city, doc.admin_level) for n in resolved]
    return list(doc.addressees or doc.issuers)


def _paragraph_actors(view: SentenceView, walk: Walk) -> list[str]:
    """The actors of the paragraph's latest earlier sentence that names any: they carry to the sentences after
    it (`各地要…。到2025年…`). Looked up only when a record needs them; each sentence is scanned once (the walk
    keeps how far it got), so a paragraph of 100,000 sentences costs linear time, not a scan back per record."""
    sents, done, found = walk.actor_scan
    if sents is not walk.actor_sentences:  # a new paragraph: its list replaced the last one
        sents, done, found = walk.actor_sentences, 0, []
    for sent in sents[done:]:
        actors = agency_rules.actors_in(view.text, sent.start, sent.end, view.tokens)
        if actors:
            found = [a.name for a in actors]
    walk.actor_scan = (sents, len(sents), found)
    return list(found)


def _cell_kind(target: bool, year: int | None, doc: DocContext) -> tuple[str, str | None]:
    """The kind of a table cell and the rules' reason: a target column's cell is a target, except on a statistics
    page (its tables report figures) and in a column dated before the page's own year (the latest year of a
    bulletin's year-by-year series, `2006 | … | 2013` on a page of 2014, is a figure reached, not one to reach)."""
    if not target:
        return "fact", "base column"
    if doc.genre == "statistics":
        return "fact", "genre: statistics report"
    if year is not None and doc.base_year is not None and year < doc.base_year:
        return "fact", "base column: a year before the page's own"
    return "target", None


def _row_drafts(sent: Sentence, row: Row, doc: DocContext) -> list[Draft]:
    """Drafts from one indicator-table row: the target column is the target, base columns background."""
    out = []
    for v in row.values:
        year = TimeExpr(sent.start, sent.start, f"{v.year}年", f"{v.year}-12-31", kind="year", year=v.year) if v.year else None
        agencies = row.agencies or list(doc.addressees or doc.issuers)
        kind, reason = _cell_kind(v.target, v.year, doc)
        out.append(Draft(
            sentence=sent, value=v.cell.value, value_max=None, unit=v.cell.unit, comparator=v.cell.comparator,
            deadline=year, pos=sent.start, end=sent.end, subject=v.name, scope=None,
            agencies=agencies, strength=row.strength or ("aspirational" if sent.in_goal_section else "binding"),
            kind=kind, source="table", reason=reason,
        ))
    return out


def _value_drafts(view: SentenceView, walk: Walk, notes: dict[int, list[str]], row: Row | None) -> list[Draft]:
    out: list[Draft] = []
    if not view.quantities:
        return out
    pairs = distribution.pairings(view)
    # the sentence's own opening may name goals (`主要预期目标是,…`, `在…主要指标中,…`): its values are goals
    goal = (view.sent.in_goal_section or walk.goal or goal_lead(view)) and not view.sent.in_binding_section
    for q in view.quantities:
        if (background.is_measure_count(view, q) or background.is_condition(view, q) or background.in_quoted_name(view, q)
                or background.is_setting(view, q) or background.modifies_subject(view, q)):
            continue
        pairing = pairs.get(q.start, distribution.Pairing())
        own_due = due_dates.own_due(view, q.start)
        # on a review of a period, the period carried from an earlier sentence frames what it achieved, as its
        # own name does (`“十四五”期间,…。城市公交运营线路总长度达到175万公里`); a carried year or deadline still governs
        inherited = walk.carried is not None and not (view.doc.reviews_period and walk.carried.kind in ("span", "period"))
        reason = background.background_reason(view, q, carried=walk.carry_background, goal=goal,
                                              inherited_due=own_due is None and inherited)
        if reason is None and own_due is None and walk.carried_from in ("paragraph", "lead") and walk.carried is not None \
                and is_past(walk.carried, view.doc.base_year) and not background.has_due_time(view, q.start):
            reason = f"paragraph of a past period {walk.carried.text}"  # `在“十三五”期间,…。…比例均超过98%。`
        comparator = q.comparator if q.comparator == "range" else (pairing.comparator or q.comparator
                                                                   or colon_comparator(view, q.start) or walk.list_comparator or "=")
        unit = pairing.unit or _changed_unit(view, q)
        deadline = pairing.deadline or due_dates.deadline_for(view, q.start, walk.carried) or due_dates.effective_for(view, q.start)
        whole = _whole_of(view, q, out)
        restated = walk.stated.get((q.value, unit, deadline.date if deadline else None)) if reason in background.UNCUED_REASONS else None
        if restated is not None and restated.sentence is view.sent:
            restated = None
        if reason in background.UNCUED_REASONS and (restated is not None or (whole is not None and whole.kind == "target")):
            reason = None  # a target restated (`2020年,新建X 221个`) and the 其中 parts of a target are targets too
        if whole is not None and deadline is None and reason is None:
            deadline = whole.deadline
        base = dict(
            sentence=view.sent, value=q.value, value_max=q.value_max, unit=unit, comparator=comparator,
            deadline=deadline,
            pos=q.start, end=q.end, agencies=_agencies(view, q.start, notes, row, walk),
            strength=strength.strength_at(view, q.start, goal), kind="fact" if reason else "target", approx=q.approx,
            recurrence=due_dates.recurrence_at(view, q.start), reason=reason,
        )
        things = distribution.shared_things(view, q)
        if things:
            for thing in things:
                if thing.startswith("每"):
                    out.append(Draft(subject=subjects.subject_at(view, q, q.start, q.end), scope=thing, **base))
                else:
                    out.append(Draft(subject=thing, scope=subjects.scope_at(view, q.start), **base))
            continue
        subject = subjects.tidy(pairing.subject) if pairing.subject else subjects.subject_at(view, q, q.start, q.end)
        counts_as = None
        if out and out[-1].sentence is view.sent and not pairing.subject:
            if subjects.names_nothing(view, q):  # 到2020年X达到A,到2025年达到B: B is X's too, due 2025
                counts_as, subject = out[-1], out[-1].subject
            elif subjects.is_bare(subject) or (family_of(unit) == family_of(out[-1].unit)
                                               and subjects.names_nothing_between(view, out[-1].end, q)):
                subject = out[-1].subject  # (a value of another family, 9万亿元、增长9.8%, keeps its words)
        out.append(Draft(subject=subject, scope=subjects.scope_at(view, q.start), counts_as=counts_as,
                         listed=bool(pairing.subject), restates=restated, **base))
    return out


def _whole_of(view: SentenceView, q: Quantity, drafts: list[Draft]) -> Draft | None:
    """The whole a `其中` breakdown divides (`新建养老设施221个,其中区县中心3个、日托中心63个`): the last value of
    the sentence before the breakdown word, when `q` stands after it."""
    at = patterns.BREAKDOWN.search(view.text, view.sent.start, q.start)
    if at is None:
        return None
    before = [d for d in drafts if d.sentence is view.sent and d.end <= at.start() and d.value is not None]
    return before[-1] if before else None


def _changed_unit(view: SentenceView, q: Quantity) -> str | None:
    """The new value of a changed standard keeps the period of the old one (`由每人每月1200元提高至1300元`: 元/月)."""
    if not q.unit or "/" in q.unit:
        return q.unit
    earlier = view.last_value_before(q)
    if earlier and earlier.unit and earlier.unit.startswith(q.unit + "/") and background.is_old_value(view, earlier):
        return earlier.unit
    return q.unit


def _duty_drafts(view: SentenceView, walk: Walk, notes: dict[int, list[str]], row: Row | None) -> list[Draft]:
    """One dated duty without a number per governing due phrase (到2025年基本建成…, 10月底前报省厅)."""
    if view.sent.is_heading or responsibility.note_line().match(view.sentence_text) or patterns.LIST_LEAD.search(view.sentence_text):
        return []  # a lead-in's duty is the list it opens (`到2023年底前,要完成以下任务:`)
    if patterns.YEAR_FRAMING.search(view.sentence_text):
        return []  # `2024年是…的关键一年` sets the scene
    if view.sentence_text.lstrip().startswith(gazetteers.words("actions", "outlook_leads")):
        return []  # `展望2035年,全面建成…`: a vision, not a duty
    inherited = walk.carried if walk.carried_from not in ("heading", "paragraph list") else None
    if inherited is not None and walk.carried_from in ("paragraph", "lead") and is_past(inherited, view.doc.base_year):
        inherited = None  # `在“十三五”期间,…。北斗系统开通。`: a past period's paragraph reports, it sets no duty
    if inherited is None and not any(is_due(t, view.doc.base_year) or is_future_span(t, view.doc.base_year)
                                     for t in view.times):
        return []  # no due phrase in the sentence and none carried: no clause of it can be a dated duty
    by_time: dict[int, list[tuple[int, int]]] = {}
    times: dict[int, TimeExpr] = {}
    # as for a value, the sentence's own goal lead-in (`总体目标是,到2025年,基本建成…`) makes its duties goals
    goal = (view.sent.in_goal_section or walk.goal or goal_lead(view)) and not view.sent.in_binding_section
    for clause in duties.action_clauses(view):
        t = due_dates.duty_deadline(view, clause, inherited)
        if t is None or t.date is None or t.kind == "effective":
            continue  # an effective date (`新标准从2017年1月1日起实施`) dates a standard, it sets no duty
        # (a goal the list's lead-in dates is no news report, as for a value: `发展目标:到2025年,…体系基本建立`)
        if background.background_reason(view, _Probe(clause[1], clause[1]), goal=goal) is not None:  # type: ignore[arg-type]
            continue
        key = t.start
        by_time.setdefault(key, []).append(clause)
        times[key] = t
    out = []
    for key, cls in by_time.items():
        first, last = cls[0], cls[-1]
        for t in _date_list(view, times[key]):
            out.append(Draft(
                sentence=view.sent, value=None, value_max=None, unit=None, comparator=None, deadline=t,
                pos=first[0], end=last[1], subject="，".join(view.text[a:b] for a, b in cls)[:60],
                scope=subjects.scope_at(view, first[0]), agencies=_agencies(view, first[1], notes, row, walk),
                strength=strength.strength_at(view, first[1] - 1, goal), kind="target",
                recurrence=due_dates.recurrence_at(view, first[1]),
            ))
    return out


@dataclass(frozen=True)
class _Probe:
    """A position standing in for a value when a rule asks about a clause without one."""

    start: int
    end: int
    value: float | None = None
    unit: str | None = None


def _date_list(view: SentenceView, t: TimeExpr) -> list[TimeExpr]:
    """`于3月25日、6月25日、9月25日前报告`: one duty per listed due date."""
    due = [x for x in view.times if is_due(x, view.doc.base_year)]
    for group in distribution.list_groups(due, view.text):
        if t in group and len(group) > 1:
            return group
    return [t]


def _same_line(sentence: str, headline: str) -> bool:
    strip = lambda s: re.sub(r"[\W_]+", "", s)  # noqa: E731 - compare without punctuation and decorations
    return bool(strip(headline)) and strip(headline) in strip(sentence) and len(strip(sentence)) <= len(strip(headline)) + 12


def _glued_drafts(sent: Sentence, rows: list[GluedRow], year: int | None, doc: DocContext) -> list[Draft]:
    """Drafts from indicator rows whose cells were glued together when the page was flattened."""
    out = []
    # a per-year series that reaches the page's year or later is a plan's schedule: its earlier years are milestones
    # of the plan, not figures reached (a series wholly before the page's year is a bulletin's: _cell_kind)
    reach = max((r.year for r in rows if r.year), default=None)
    for r in rows:
        # each row is its own clause: its evidence, and a restatement of it elsewhere in the same flattened table
        # block (a series row's final year, an indicator row) merges with it
        span = Sentence(start=r.start, end=r.end, para=sent.para, index=sent.index, line=sent.line,
                        clauses=[(r.start, r.end)], headings=sent.headings, in_goal_section=sent.in_goal_section)
        due = r.year or year  # a series row's own year, else the table's target year
        for cell, target in ((r.target, True), (r.base, False)):
            if cell is None:
                continue
            when = TimeExpr(r.start, r.end, f"{due}年", f"{due}-12-31", kind="year", year=due) if due and target else None
            kind, reason = _cell_kind(target, (reach if r.year else due) if target else None, doc)
            out.append(Draft(
                sentence=span, value=cell.value, value_max=None, unit=cell.unit, comparator=cell.comparator, deadline=when,
                pos=r.start, end=r.end, subject=r.name, scope=None, agencies=list(r.agencies) or list(doc.addressees or doc.issuers),
                strength="aspirational" if sent.in_goal_section else "binding", kind=kind, source="table", reason=reason,
            ))
    return out


def _grid_drafts(sent: Sentence, grid: Grid, row: GridRow, doc: DocContext, goal: bool,
                 due: TimeExpr | None = None) -> list[Draft]:
    """Drafts from one row of a table read by the outline's grid reader: a value per target column (dated by
    its year, else by the lead-in or heading that governs the table), background values from base columns;
    属性 sets the strength, a 责任单位 column the agencies."""
    # a transposed table's row is spread over several lines among other rows: it quotes its name cell, and its
    # evidence lists the cells it reads
    start, end = (row.name.start, row.name.end) if grid.transposed else (row.start, row.end)
    span = Sentence(start=start, end=end, para=sent.para, index=sent.index, line=sent.line,
                    clauses=[(start, end)], headings=sent.headings, in_goal_section=sent.in_goal_section)
    attr = row.attribute or ""
    strength_of_row = ("binding" if any(w in attr for w in gazetteers.words("tables", "binding_attributes"))
                       else "aspirational" if any(w in attr for w in gazetteers.words("tables", "aspirational_attributes"))
                       else "aspirational" if goal else "binding")
    names = [n for c in row.responsible for n in re.split(r"[、，,；;/\s]+", c.text) if n]
    agencies = names or list(doc.addressees or doc.issuers)
    out = []
    for col, cell in row.values:
        parsed = parse_cell(cell.key, row.unit)
        if parsed is None:
            continue
        target = col.kind == "target"
        year = col.year or (grid.caption_year if target else None)
        when = TimeExpr(cell.start, cell.end, f"{year}年", f"{year}-12-31", kind="year", year=year) if year and target else None
        if when is None and target and due is not None and due.date:
            when = due
        kind, reason = _cell_kind(target, year if target else None, doc)
        out.append(Draft(
            sentence=span, value=parsed.value, value_max=None, unit=parsed.unit, comparator=parsed.comparator,
            deadline=when, pos=cell.start, end=cell.end, subject=row.label, scope=None, agencies=agencies,
            strength=strength_of_row, kind=kind, source="table", reason=reason,
            evidence=[(c.start, c.end) for c in row.cells] if grid.transposed else [],
        ))
    return out


def build_drafts(text: str, sents: list[Sentence], tokens: TokenIndex, doc: DocContext, mentions: DocMentions,
                 outline: Outline | None = None, warnings: list[str] | None = None) -> list[Draft]:
    """The drafts of one document, repeats merged; what the rules could not read (a glued table run no single
    cut fits) is added to `warnings` when given."""
    rows = table_rows(text)
    unsplit: list[Unsplit] = []
    glued_year, glued = glued_rows(text, unsplit)
    if warnings is not None:
        warnings.extend(u.warning() for u in unsplit)
    grid_rows: dict[int, list[tuple[Grid, GridRow]]] = {}
    grid_lines: set[int] = set()
    header_lines: set[int] = set()  # a table's header names columns (`2020年完成值`): no duty, whichever reader reads its rows
    for grid in outline.grids if outline is not None else []:
        header_lines.update(grid.header_lines)
        one_line = sum(len(rows[ln].values) for ln in grid.lines if rows.get(ln) is not None)
        grid_values = sum(1 for r in grid.rows for _, cell in r.values if parse_cell(cell.key, r.unit))
        attributes = any(r.attribute for r in grid.rows) and not any(rows[ln].strength for ln in grid.lines if rows.get(ln))
        # the grid reads every row when it reads more, or as much and each row's 属性; else the one-line reader keeps its rows
        grid_first = grid.transposed or grid_values > one_line or (grid_values == one_line and attributes)
        if not any(parse_cell(cell.key, r.unit) for r in grid.rows for _, cell in r.values):
            continue  # a task table: its rows are prose with responsible units (the one-line reader's `Row`)
        read = set() if grid_first else {ln for ln in grid.lines if rows.get(ln) is not None and rows[ln].values}
        grid_lines.update(ln for ln in grid.lines if ln not in read)  # a row the one-line reader took stays its
        for r in grid.rows:
            if not read.intersection(r.lines):
                grid_rows.setdefault(r.lines.start, []).append((grid, r))
    notes = responsibility.notes_by_sentence(text, sents)
    drafts: list[Draft] = []
    walk = Walk()
    done_rows: set[int] = set()
    for sent in sents:
        if sent.index < 12 and any(h and _same_line(text[sent.start : sent.end], h) for h in (doc.headline, doc.title)):
            sent.is_heading = True
        ctx = outline.context(sent.line) if outline is not None else None
        walk.enter(sent, text, ctx)
        if sent.line in grid_lines:
            for grid, grow in grid_rows.pop(sent.line, []):
                table = outline.block_at(sent.line) if outline is not None else None
                goal = bool(table and table.context.goal) or bool(ctx and ctx.goal)
                drafts.extend(_grid_drafts(sent, grid, grow, doc, goal, (ctx.deadline if ctx else None) or walk.carried))
            continue
        row = rows.get(sent.line)
        if sent.line in header_lines and not (row is not None and row.values):
            continue
        if row is not None and row.values:
            if sent.line not in done_rows:
                done_rows.add(sent.line)
                drafts.extend(_row_drafts(sent, row, doc))
            continue
        view = SentenceView.build(text, sent, tokens, mentions, doc)
        in_sent = [r for r in glued if sent.start <= r.start < sent.end]
        if in_sent:
            drafts.extend(_glued_drafts(sent, in_sent, glued_year, doc))
            view.quantities = [q for q in view.quantities if not any(r.start <= q.start < r.end for r in in_sent)]
        # a sentence that is a glued table's rows holds no duty of its own words (a row name such as 污水集中处理率)
        new = _value_drafts(view, walk, notes, row) + ([] if in_sent else _duty_drafts(view, walk, notes, row))
        drafts.extend(new)
        walk.actor_sentences.append(sent)
        walk.leave(view, new)
    if outline is not None:
        paths: dict[int, tuple[str, ...]] = {}
        for d in drafts:
            line = d.sentence.line
            if line not in paths:
                paths[line] = tuple(outline.path(line))
            d.outline_path = paths[line]
    return merge_repeats(drafts, text)
