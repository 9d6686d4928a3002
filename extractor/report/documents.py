"""One notice's section of the report: metadata, warnings, and its text with every obligation marked."""
from __future__ import annotations

from html import escape
from typing import Any

from extractor import cells as safe
from extractor.decide.reliability import HIGH
from extractor.tables.rows import region_of

WARNING_LABELS = {
    "metadata": "元数据", "t2s": "繁简转换", "pinyin": "拼音注音", "width": "全角字符", "boilerplate": "网页杂项",
    "censored": "屏蔽字符", "brackets": "括号", "decode": "解码", "empty": "空文本", "garbled": "乱码修复", "mojibake": "乱码修复",
    "control": "控制字符",
}
PROBLEMS = ("metadata", "decode", "empty", "censored", "garbled", "mojibake")
Span = tuple[int, int, list[dict[str, Any]]]


def spans(text: str, rows: list[dict[str, Any]]) -> tuple[list[Span], list[dict[str, Any]]]:
    """Sentence spans in `text` (overlaps merged) with their obligation rows, and the rows not found."""
    placed: list[tuple[int, int, dict[str, Any]]] = []
    lost = []
    for r in rows:
        s, e, sentence = r["start"], r["end"], r["sentence"] or ""
        if s is None or e is None or not (0 <= s < e <= len(text)) or text[s:e] != sentence:
            s = text.find(sentence) if sentence else -1
            e = s + len(sentence)
        if s < 0:
            lost.append(r)
        else:
            placed.append((s, e, r))
    merged: list[Span] = []
    for s, e, r in sorted(placed, key=lambda t: (t[0], t[1])):
        if merged and s < merged[-1][1]:
            ms, me, rs = merged[-1]
            merged[-1] = (ms, max(me, e), rs + [r])
        else:
            merged.append((s, e, [r]))
    return merged, lost


def unsure(r: dict[str, Any]) -> bool:
    """A target whose confidence is known and below the line from which records are 90 % right: to check."""
    return r["kind"] == "target" and r.get("confidence") is not None and r["confidence"] < HIGH


def _mark_title(r: dict[str, Any]) -> str:
    kind = "目标" if r["kind"] == "target" else "背景数据"
    conf = f" · 置信度 {r['confidence']:.2f}" if r.get("confidence") is not None else ""
    return f"{kind} · {r['indicator_label']} · {r['display']} · 期限 {r['deadline'] or '无'}{conf}"


def _anchor(r: dict[str, Any]) -> str:
    return f'<span class="anchor" id="ob-{escape(r["obligation_id"] or "")}"></span>'


def marked_text(text: str, rows: list[dict[str, Any]]) -> str:
    """The text, escaped, with each obligation's sentence in a <mark> (yellow target, grey fact; a dashed
    outline when every target of the sentence has a low confidence)."""
    merged, lost = spans(text, rows)
    parts, pos = [], 0
    for s, e, rs in merged:
        first, rest = rs[0], rs[1:]
        kind = "target" if any(r["kind"] == "target" for r in rs) else "fact"
        if kind == "target" and all(unsure(r) for r in rs if r["kind"] == "target"):
            kind = "target unsure"
        title = "\n".join(_mark_title(r) for r in rs)
        parts.append(escape(text[pos:s]))
        parts.append(f'<mark class="{kind}" id="ob-{escape(first["obligation_id"] or "")}" title="{escape(title)}">'
                     f'{"".join(_anchor(r) for r in rest)}{escape(text[s:e])}</mark>')
        pos = e
    parts.append(escape(text[pos:]))
    out = f'<div class="text">{"".join(parts)}</div>'
    if lost:
        out = "".join(_anchor(r) for r in lost) + f'<p class="muted">{len(lost)} 条句子未能在文本中定位（偏移量与文本不符）。</p>' + out
    return out


def _warnings(warnings: list[str]) -> str:
    items = []
    for w in warnings:
        key = w.split(":", 1)[0].strip()
        cls = "problem" if key in PROBLEMS else "repair"
        items.append(f'<li class="{cls}"><b>{escape(WARNING_LABELS.get(key, key))}</b>：{escape(w)}</li>')
    return f'<ul class="warnings">{"".join(items)}</ul>' if items else '<p class="muted">无警告。</p>'


def _strings(v: Any) -> list[str]:
    return [safe.clean_text(x) for x in v if isinstance(x, str)] if isinstance(v, list) else []


def document_section(notice: dict[str, Any], rows: list[dict[str, Any]]) -> str:
    """Metadata, warnings and the cleaned text of one notice (its full record) with its rows marked."""
    text = safe.text(notice.get("text")) or ""
    doc_id = safe.text(notice.get("doc_id")) or ""
    meta = [("地区", region_of(notice).label), ("层级", safe.text(notice.get("admin_level"))),
            ("发文字号", safe.text(notice.get("doc_number"))), ("发文机关", "、".join(_strings(notice.get("issuers")))),
            ("主送机关", "、".join(_strings(notice.get("addressees")))), ("发文日期", safe.text(notice.get("issue_date")) or "未注明"),
            ("来源", safe.text(notice.get("source"))), ("文件编号", doc_id)]
    dl = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v) if v else '—'}</dd>" for k, v in meta)
    title = safe.text(notice.get("title")) or "（无标题）"
    return (f'<section class="doc" id="doc-{escape(doc_id)}"><h3>{escape(title)}</h3><dl>{dl}</dl>'
            f"<h4>处理记录与警告</h4>{_warnings(_strings(notice.get('warnings')))}<h4>清洗后的正文</h4>"
            f"{marked_text(text, rows)}</section>\n")
