"""The review page: one self-contained HTML file (inline CSS and JS, no network) to check a run's targets.

Targets are listed least sure first; choosing one shows its notice's cleaned text with the sentence
(`text[start:end]`) highlighted. Each can be accepted, corrected or rejected, and a target the extractor
missed is added by selecting its clause in the text. Decisions live in the browser's localStorage (a
reload keeps them) and are exported as one JSON file that `notice-extract review --apply` turns into gold.
"""
from __future__ import annotations

import hashlib
import json
from html import escape
from pathlib import Path
from typing import Any

from extractor.review.decisions import FORMAT, METADATA, gold_record
from extractor.review.sheet import sheet_rows

CSS = """
*{box-sizing:border-box}body{margin:0;font:14px/1.55 "Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#222;background:#f6f6f4}
header{position:sticky;top:0;z-index:2;background:#20323f;color:#fff;padding:8px 16px;display:flex;gap:16px;align-items:center;flex-wrap:wrap}
header h1{font-size:17px;margin:0}header .grow{flex:1}header button{font-size:14px}
#progress{font-variant-numeric:tabular-nums}
main{display:grid;grid-template-columns:minmax(340px,44%) 1fr;gap:12px;padding:12px}
#list{display:flex;flex-direction:column;gap:8px}
.card{background:#fff;border:1px solid #d6d6d0;border-left:6px solid #bbb;border-radius:4px;padding:8px 10px;cursor:pointer}
.card.active{outline:2px solid #2b6cb0}.card.accept{border-left-color:#2f855a}.card.correct{border-left-color:#b7791f}
.card.reject{border-left-color:#c53030;opacity:.7}
.top{display:flex;gap:8px;align-items:baseline}.conf{font-weight:bold;padding:0 6px;border-radius:3px;color:#fff;background:#777}
.conf.low{background:#c53030}.conf.mid{background:#b7791f}.conf.high{background:#2f855a}
.doc{color:#555;font-size:12px;flex:1;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}.status{font-size:12px;font-weight:bold}
.vals{margin:4px 0}.vals b{font-size:16px}.sentence{color:#444;font-size:13px;margin:4px 0;border-left:3px solid #ddd;padding-left:6px}
.actions button{margin-right:6px}form.fix,form#add-form{display:grid;grid-template-columns:auto 1fr;gap:4px 8px;margin-top:6px;background:#f0f4f8;padding:8px;border-radius:4px}
form[hidden]{display:none}form label{font-size:12px;color:#333;align-self:center}form .full{grid-column:1/3}
#doc{position:sticky;top:52px;align-self:start;max-height:calc(100vh - 64px);overflow:auto;background:#fff;border:1px solid #d6d6d0;border-radius:4px;padding:10px 14px}
#doc h2{font-size:16px;margin:0 0 4px}#doc .meta{font-size:12px;color:#555;margin-bottom:8px}
#doc-text{white-space:pre-wrap;font-size:14px;line-height:1.8}
mark{background:#fff3b0}mark.fact{background:#e6e6e6}mark.current{background:#ffb347;outline:2px solid #dd6b20}
#doc-tools{position:sticky;top:-10px;background:#fff;padding:6px 0;border-bottom:1px solid #eee;margin-bottom:8px;display:flex;gap:8px;flex-wrap:wrap}
#added li{margin:4px 0}.muted{color:#666;font-size:12px}
"""

SCRIPT = r"""
(function(){
'use strict';
const DATA = JSON.parse(document.getElementById('review-data').textContent);
const KEY = 'notice-extract-review:' + DATA.page;
const docs = {}; DATA.documents.forEach(d => { docs[d.doc_id] = d; });
const items = {}; DATA.items.forEach(it => { items[it.id] = it; });
let state = {decisions: {}, added: [], next: 1};
try { const saved = JSON.parse(localStorage.getItem(KEY) || 'null'); if (saved && saved.decisions) state = saved; } catch (e) {}
let current = null, selection = null;
const $ = (sel, el) => (el || document).querySelector(sel);
const $$ = (sel, el) => Array.from((el || document).querySelectorAll(sel));

function save() { try { localStorage.setItem(KEY, JSON.stringify(state)); } catch (e) {} paint(); }
function num(s) { s = String(s == null ? '' : s).trim(); if (!s) return null; const x = Number(s); if (Number.isNaN(x)) throw new Error('不是数字 not a number: ' + s); return x; }
function txt(s) { s = String(s == null ? '' : s).trim(); return s || null; }
function agencies(s) { return String(s || '').split(/[；;\n]/).map(a => a.trim()).filter(Boolean); }
function describe(r) {
  const v = r.value == null ? '—' : (r.comparator && r.comparator !== '=' ? r.comparator + ' ' : '') + r.value + (r.value_max != null ? '–' + r.value_max : '') + (r.unit || '');
  return v + ' · ' + (r.deadline || '无期限') + ' · ' + (r.strength || '') + ' · ' + ((r.agencies || []).join('；') || '无责任单位');
}
function readForm(form, base) {
  const r = Object.assign({}, base);
  r.value = num(form.elements.value.value); r.value_max = num(form.elements.value_max.value);
  r.unit = txt(form.elements.unit.value); r.comparator = txt(form.elements.comparator.value);
  const d = txt(form.elements.deadline.value);
  if (d && !/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new Error('期限请写成 YYYY-MM-DD: ' + d);
  r.deadline = d; r.agencies = agencies(form.elements.agencies.value); r.strength = txt(form.elements.strength.value);
  return r;
}
function fillForm(form, r) {
  form.elements.value.value = r.value == null ? '' : r.value; form.elements.value_max.value = r.value_max == null ? '' : r.value_max;
  form.elements.unit.value = r.unit || ''; form.elements.comparator.value = r.comparator || '';
  form.elements.deadline.value = r.deadline || ''; form.elements.agencies.value = (r.agencies || []).join('；');
  form.elements.strength.value = r.strength || '';
}

function paint() {
  let done = 0;
  $$('.card').forEach(card => {
    const d = state.decisions[card.dataset.id];
    card.classList.remove('accept', 'correct', 'reject');
    $('.status', card).textContent = '';
    if (d) { done++; card.classList.add(d.action); $('.status', card).textContent = {accept: '已接受 accepted', correct: '已更正 corrected', reject: '已拒绝 rejected'}[d.action];
      $('.vals', card).innerHTML = ''; $('.vals', card).appendChild(document.createTextNode(describe(d.record))); }
    else { $('.vals', card).textContent = describe(items[card.dataset.id].record); }
  });
  $('#progress').textContent = '已决定 ' + done + ' / ' + DATA.items.length + ' decided, ' + state.added.length + ' 新增 added';
  const ul = $('#added'); ul.innerHTML = '';
  state.added.filter(a => current && a.doc_id === current.doc_id).forEach(a => {
    const li = document.createElement('li'); li.dataset.key = a.key;
    li.appendChild(document.createTextNode(describe(a.record) + ' «' + a.record.evidence.slice(0, 40) + '» '));
    const b = document.createElement('button'); b.type = 'button'; b.textContent = '删除 remove'; b.className = 'remove-added';
    b.onclick = () => { state.added = state.added.filter(x => x.key !== a.key); save(); showDoc(current.doc_id, current); };
    li.appendChild(b); ul.appendChild(li);
  });
}

function spans(doc, item) {
  const out = [];
  doc.facts.forEach(f => out.push([f[0], f[1], 'fact']));
  DATA.items.filter(it => it.doc_id === doc.doc_id).forEach(it => out.push([it.start, it.end, it === item ? 'current' : 'target']));
  state.added.filter(a => a.doc_id === doc.doc_id).forEach(a => out.push([a.start, a.end, 'target']));
  return out;
}
function showDoc(docId, item) {
  const doc = docs[docId]; const box = $('#doc-text');
  $('#doc-title').textContent = doc.title || doc.source; $('#doc-meta').textContent = doc.source + (doc.metadata.issue_date ? ' · ' + doc.metadata.issue_date : '');
  const marks = spans(doc, item); const cuts = new Set([0, doc.text.length]);
  marks.forEach(m => { cuts.add(m[0]); cuts.add(m[1]); });
  const pts = Array.from(cuts).sort((a, b) => a - b); box.innerHTML = '';
  const rank = {current: 3, target: 2, fact: 1};
  let first = null;
  for (let i = 0; i + 1 < pts.length; i++) {
    const a = pts[i], b = pts[i + 1]; if (a >= b) continue;
    let cls = null; marks.forEach(m => { if (m[0] <= a && b <= m[1] && (!cls || rank[m[2]] > rank[cls])) cls = m[2]; });
    const t = document.createTextNode(doc.text.slice(a, b));
    if (!cls) { box.appendChild(t); continue; }
    const mk = document.createElement('mark'); mk.className = cls; mk.appendChild(t); box.appendChild(mk);
    if (cls === 'current' && !first) { first = mk; mk.id = 'current-sentence'; }
  }
  current = {doc_id: docId, item: item};
  $('#accept-rest').disabled = false;
  paint();
  if (first) first.scrollIntoView({block: 'center'});
}
function offsetIn(box, node, off) {
  const r = document.createRange(); r.setStart(box, 0); r.setEnd(node, off); return r.toString().length;
}
function onSelect() {
  const sel = window.getSelection(); const box = $('#doc-text');
  selection = null;
  if (sel && sel.rangeCount && !sel.isCollapsed && current) {
    const r = sel.getRangeAt(0);
    if (box.contains(r.startContainer) && box.contains(r.endContainer)) {
      const s = offsetIn(box, r.startContainer, r.startOffset), e = offsetIn(box, r.endContainer, r.endOffset);
      if (e > s) selection = {doc_id: current.doc_id, start: s, end: e, text: docs[current.doc_id].text.slice(s, e)};
    }
  }
  $('#add-btn').disabled = !selection;
}

function decide(id, action, record) {
  state.decisions[id] = {action: action, record: record}; save();
}
$$('.card').forEach(card => {
  const id = card.dataset.id, it = items[id];
  card.addEventListener('click', ev => { if (ev.target.closest('form, button')) return; $$('.card.active').forEach(c => c.classList.remove('active')); card.classList.add('active'); showDoc(it.doc_id, it); });
  $('.accept', card).onclick = () => { decide(id, 'accept', Object.assign({}, it.record)); showDoc(it.doc_id, it); };
  $('.reject', card).onclick = () => { decide(id, 'reject', Object.assign({}, it.record)); showDoc(it.doc_id, it); };
  const form = $('form.fix', card);
  $('.correct', card).onclick = () => { const d = state.decisions[id]; fillForm(form, d ? d.record : it.record); form.hidden = false; showDoc(it.doc_id, it); };
  form.onsubmit = ev => { ev.preventDefault();
    try { decide(id, 'correct', readForm(form, it.record)); form.hidden = true; $('.error', form).textContent = ''; }
    catch (e) { $('.error', form).textContent = e.message; } };
  $('.cancel', form).onclick = () => { form.hidden = true; };
});
$('#accept-rest').onclick = () => {
  if (!current) return;
  DATA.items.filter(it => it.doc_id === current.doc_id && !state.decisions[it.id]).forEach(it => { state.decisions[it.id] = {action: 'accept', record: Object.assign({}, it.record)}; });
  save();
};
document.addEventListener('selectionchange', onSelect);
$('#doc-text').addEventListener('mouseup', onSelect);
const addForm = $('#add-form');
$('#add-btn').onclick = () => {
  if (!selection) return;
  addForm.dataset.sel = JSON.stringify(selection);
  $('#add-evidence').textContent = selection.text;
  const m = selection.text.match(/\d+(?:\.\d+)?/);
  const unit = m ? (selection.text.slice(m.index + m[0].length).match(/^(%|个百分点|万元|亿元|元|人|名|个|家|所|张|次)/) || [])[1] : null;
  fillForm(addForm, {value: m ? Number(m[0]) : null, unit: unit === '名' ? '人' : (unit || null), comparator: m ? '=' : null, deadline: null, agencies: docs[selection.doc_id].metadata.addressees || [], strength: 'binding'});
  addForm.hidden = false;
};
addForm.onsubmit = ev => { ev.preventDefault();
  const sel = JSON.parse(addForm.dataset.sel || 'null'); if (!sel) return;
  try {
    const rec = readForm(addForm, {evidence: sel.text, subject: null, scope: null});
    state.added.push({key: 'add-' + (state.next++), doc_id: sel.doc_id, start: sel.start, end: sel.end, record: rec});
    addForm.hidden = true; $('.error', addForm).textContent = ''; save(); showDoc(sel.doc_id, current && current.item);
  } catch (e) { $('.error', addForm).textContent = e.message; }
};
$('.cancel', addForm).onclick = () => { addForm.hidden = true; };

function exportJSON() {
  const out = {format: DATA.format, page: DATA.page, documents: {}, decisions: []};
  DATA.documents.forEach(d => { out.documents[d.doc_id] = {source: d.source, metadata: d.metadata, targets: d.targets}; });
  DATA.items.forEach(it => { const d = state.decisions[it.id]; if (d) out.decisions.push({doc_id: it.doc_id, obligation_id: it.id, action: d.action, record: d.record, original: it.record}); });
  state.added.forEach(a => out.decisions.push({doc_id: a.doc_id, obligation_id: null, action: 'add', record: a.record, original: null}));
  return out;
}
$('#export').onclick = () => {
  const blob = new Blob([JSON.stringify(exportJSON(), null, 1)], {type: 'application/json'});
  const a = $('#export-link'); if (a.href) URL.revokeObjectURL(a.href);
  a.href = URL.createObjectURL(blob); a.hidden = false; a.click();
};
$('#clear').onclick = () => { if (confirm('清除本页全部决定？ Clear every decision on this page?')) { state = {decisions: {}, added: [], next: 1}; save(); } };
paint();
const firstCard = $('.card'); if (firstCard) firstCard.click();
document.body.dataset.js = 'ready';
})();
"""

COMPARATOR_OPTIONS = ("", ">=", "<=", "=", "range")
STRENGTH_OPTIONS = ("binding", "aspirational", "encouraged")


def _fix_fields() -> str:
    """The correction inputs, shared by the correct and add forms."""
    cmp_opts = "".join(f'<option value="{escape(c)}">{escape(c) or "—"}</option>' for c in COMPARATOR_OPTIONS)
    str_opts = "".join(f'<option value="{s}">{s}</option>' for s in STRENGTH_OPTIONS)
    return (f'<label>数值 value</label><input name="value" inputmode="decimal">'
            f'<label>上限 value_max</label><input name="value_max" inputmode="decimal">'
            f'<label>单位 unit</label><input name="unit">'
            f'<label>比较 comparator</label><select name="comparator">{cmp_opts}</select>'
            f'<label>期限 deadline</label><input name="deadline" placeholder="YYYY-MM-DD">'
            f'<label>责任单位 agencies</label><input name="agencies" placeholder="以；分隔">'
            f'<label>强度 strength</label><select name="strength">{str_opts}</select>')


def _card(item: dict[str, Any], title: str) -> str:
    conf = item["confidence"]
    level = "none" if conf is None else ("low" if conf < 0.5 else "mid" if conf < 0.8 else "high")
    label = "—" if conf is None else f"{conf:.2f}"
    return (f'<article class="card" id="card-{escape(item["id"])}" data-id="{escape(item["id"])}" data-doc="{escape(item["doc_id"])}">'
            f'<div class="top"><span class="conf {level}" title="confidence">{label}</span><span class="doc">{escape(title)}</span>'
            f'<span class="status"></span></div><div class="vals"></div>'
            f'<div class="sentence">{escape(item["sentence"])}</div>'
            f'<div class="actions"><button type="button" class="accept">接受 Accept</button>'
            f'<button type="button" class="correct">更正 Correct</button><button type="button" class="reject">拒绝 Reject</button></div>'
            f'<form class="fix" hidden>{_fix_fields()}<span class="error full"></span>'
            f'<span class="full"><button type="submit" class="save">保存 Save</button> <button type="button" class="cancel">取消 Cancel</button></span></form>'
            f'</article>')


def page_data(notices: list[dict[str, Any]]) -> dict[str, Any]:
    """What the page's script works on: documents (text, metadata, target ids, fact spans) and the
    targets least sure first."""
    by_id = {n["doc_id"]: n for n in notices}
    order = [r["obligation_id"] for r in sheet_rows(notices)]
    obs = {o["id"]: (n, o) for n in notices for o in n.get("obligations") or []}
    items = [{"id": oid, "doc_id": obs[oid][0]["doc_id"], "confidence": obs[oid][1].get("confidence"),
              "start": obs[oid][1]["start"], "end": obs[oid][1]["end"], "sentence": obs[oid][1].get("sentence", ""),
              "record": gold_record(obs[oid][1])} for oid in order]
    documents = [{"doc_id": n["doc_id"], "source": n.get("source", ""), "title": n.get("title"), "text": n.get("text") or "",
                  "metadata": {k: n.get(k) for k in METADATA},
                  "targets": [o["id"] for o in n.get("obligations") or [] if o.get("kind", "target") == "target"],
                  "facts": [[o["start"], o["end"]] for o in n.get("obligations") or [] if o.get("kind", "target") != "target"]}
                 for n in by_id.values()]
    page = hashlib.sha256(json.dumps([d["doc_id"] for d in documents] + order).encode()).hexdigest()[:12]
    return {"format": FORMAT, "page": page, "documents": documents, "items": items}


def _embed(data: dict[str, Any]) -> str:
    """JSON safe inside a <script> element."""
    return json.dumps(data, ensure_ascii=False).replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def write_page(notices: list[dict[str, Any]], out_path: Path) -> Path:
    """Write the review page for the notices of a run."""
    data = page_data(notices)
    titles = {d["doc_id"]: d["title"] or Path(d["source"]).name for d in data["documents"]}
    cards = "".join(_card(it, titles[it["doc_id"]]) for it in data["items"]) or '<p class="muted">这次运行没有抽取到目标。No targets in this run.</p>'
    html = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>审核抽取结果 Review</title><style>{CSS}</style></head>
<body>
<header><h1>审核抽取结果 Review</h1><span id="progress"></span><span class="grow"></span>
<button type="button" id="export">导出决定 Export decisions</button><a id="export-link" download="review-decisions.json" hidden>review-decisions.json</a>
<button type="button" id="clear">清除 Clear</button></header>
<main>
<section id="list" aria-label="targets, least sure first">
<p class="muted">{len(data["items"])} 项目标，把握最小的在前。接受、更正或拒绝每一项；在右侧原文中选中文字可添加遗漏的目标。决定保存在本浏览器中，完成后导出为 JSON，再运行
<code>notice-extract review --apply review-decisions.json --gold DIR</code>。</p>
{cards}
</section>
<section id="doc"><h2 id="doc-title"></h2><div class="meta" id="doc-meta"></div>
<div id="doc-tools"><button type="button" id="add-btn" disabled>添加遗漏目标 Add missed target (select text first)</button>
<button type="button" id="accept-rest" disabled>本文其余全部接受 Accept the rest of this notice</button></div>
<form id="add-form" hidden><span class="full muted">选中的文字 selected: <q id="add-evidence"></q></span>{_fix_fields()}<span class="error full"></span>
<span class="full"><button type="submit" class="save">添加 Add</button> <button type="button" class="cancel">取消 Cancel</button></span></form>
<ul id="added"></ul>
<div id="doc-text"></div></section>
</main>
<script type="application/json" id="review-data">{_embed(data)}</script>
<script>{SCRIPT}</script>
</body></html>
"""
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(html, encoding="utf-8")
    return out_path
