"""The review page in headless Chromium: accept, correct, reject, add by selecting text, reload (work kept),
export; the exported decisions applied to a gold folder, and the next eval scored against it.

Skips without Debian's chromium or the playwright package (which drives it; it never downloads a browser)."""
from __future__ import annotations

import json
import shutil

import pytest

from extractor.cli import main
from extractor.evaluate import load_gold
from test_review import MISSED, make_run

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]

SELECT = """(text) => {
  const box = document.getElementById('doc-text');
  const walk = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    const i = n.data.indexOf(text);
    if (i < 0) continue;
    const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + text.length);
    const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(r);
    box.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
    return true;
  }
  return false;
}"""


@pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary (apt-get install chromium)")
def test_review_page_round_trip(tmp_path, capsys):
    sync_api = pytest.importorskip("playwright.sync_api")
    run_dir, notice = make_run(tmp_path)
    page_path = tmp_path / "review.html"
    assert main(["review", str(run_dir), "-o", str(page_path)]) == 0
    targets = [o for o in notice["obligations"] if o["kind"] == "target"]
    exported = tmp_path / "decisions.json"
    with sync_api.sync_playwright() as pw:
        # playwright adds --headless and a fresh profile of its own
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS[1:], headless=True)
        try:
            context = browser.new_context(accept_downloads=True)
            page = context.new_page()
            page.goto(page_path.resolve().as_uri())
            page.wait_for_selector("body[data-js=ready]")
            assert page.locator("mark.current").first.inner_text() in targets[0]["sentence"]

            page.click(f"#card-{targets[0]['id']} button.accept")
            card = f"#card-{targets[1]['id']}"
            page.click(f"{card} button.correct")
            page.fill(f"{card} form.fix input[name=deadline]", "2024-12-31")
            page.click(f"{card} form.fix button.save")
            page.click(f"#card-{targets[2]['id']} button.reject")
            assert "已更正" in page.inner_text(f"{card} .status") and "2024-12-31" in page.inner_text(f"{card} .vals")

            assert page.evaluate(SELECT, MISSED)
            page.wait_for_selector("#add-btn:not([disabled])")
            page.click("#add-btn")
            assert page.inner_text("#add-evidence") == MISSED
            page.fill("#add-form input[name=value]", "2")
            page.fill("#add-form input[name=unit]", "倍")
            page.select_option("#add-form select[name=comparator]", "=")
            page.select_option("#add-form select[name=strength]", "aspirational")
            page.click("#add-form button.save")
            assert "3 / 3" in page.inner_text("#progress") and "1 新增" in page.inner_text("#progress")

            page.reload()
            page.wait_for_selector("body[data-js=ready]")
            assert "3 / 3" in page.inner_text("#progress"), "decisions survive a reload (localStorage)"

            with page.expect_download() as info:
                page.click("#export")
            info.value.save_as(exported)
        finally:
            browser.close()

    data = json.loads(exported.read_text(encoding="utf-8"))
    assert [d["action"] for d in data["decisions"]] == ["accept", "correct", "reject", "add"]
    gold = tmp_path / "gold"
    capsys.readouterr()
    assert main(["review", "--apply", str(exported), "--gold", str(gold)]) == 0
    (doc,) = load_gold(gold)
    assert [(o["value"], o["deadline"]) for o in doc["obligations"]] == [(100, "2025-12-31"), (1, "2024-12-31"), (2, None)]
    assert doc["obligations"][2]["evidence"] == MISSED and doc["obligations"][2]["unit"] == "倍"
    assert doc["rejected"][0]["value"] == 500 and (gold / doc["raw"]).exists()
    capsys.readouterr()
    assert main(["eval", "--gold", str(gold), "--json"]) == 0
    numbers = json.loads(capsys.readouterr().out)
    assert numbers["gold"] == 3 and numbers["predicted"] == 3 and numbers["matched"] == 2
    assert numbers["strict"]["precision"] == pytest.approx(0.3333, abs=1e-3)
