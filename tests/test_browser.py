"""The HTML report in a real headless browser (Debian's chromium + chromedriver, via Selenium).

Checks what only a browser can: the highlights render (boxes, distinct colours per list), a click
shows a mention's fields, our script runs, and the ``<script>`` inside a document does not.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from test_review import build_corpus

from extract.cli import main

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1200,900",
]


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    assert os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER), (
        "install chromium and chromium-driver (see .ci/run)"
    )
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in [*FLAGS, f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"]:
        opts.add_argument(flag)
    # both paths given: Selenium Manager is not asked to find (or download) anything
    os.environ.setdefault("SE_OFFLINE", "true")
    driver = webdriver.Chrome(options=opts, service=Service(CHROMEDRIVER))
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("browser")
    texts, run = build_corpus(root)
    out = root / "report.html"
    assert main(["review", str(run), "--texts", str(texts), "-o", str(out), "--title", "review test"]) == 0
    return out


def _open(driver, report: Path, doc_id: str) -> None:
    driver.get(report.as_uri())
    anchor = driver.execute_script(f"return document.querySelector('section[data-doc-id=\"{doc_id}\"]').id")
    driver.get(f"{report.as_uri()}#{anchor}")


def test_highlights_render_in_distinct_colours_and_click_shows_fields(browser, report, tmp_path):
    _open(browser, report, "alpha")
    assert (
        browser.execute_script("return document.documentElement.dataset.reviewReady") == "1"
    )  # our script ran
    section = browser.find_element(By.CSS_SELECTOR, 'section[data-doc-id="alpha"]')
    assert section.is_displayed()
    assert not browser.find_element(By.ID, "index").is_displayed()  # one page at a time
    colours = {}
    for lst in ("references", "dates", "meetings", "figures", "doc_date"):
        marks = section.find_elements(By.CSS_SELECTOR, f"pre.doc mark.l-{lst}")
        assert marks, lst
        box = marks[0].rect
        assert box["width"] > 5 and box["height"] > 5, (lst, box)
        colours[lst] = browser.execute_script(
            "return getComputedStyle(arguments[0]).backgroundColor", marks[0]
        )
        assert colours[lst] not in ("rgba(0, 0, 0, 0)", "transparent"), lst
    assert len(set(colours.values())) == 5, colours
    # the period nested in the meeting is drawn inside the meeting's box
    inner = section.find_element(By.CSS_SELECTOR, "pre.doc mark.l-meetings mark.l-dates")
    outer = section.find_element(By.CSS_SELECTOR, "pre.doc mark.l-meetings")
    assert inner.text == "6 tháng đầu năm 2024"
    assert (
        outer.rect["x"] <= inner.rect["x"]
        and inner.rect["x"] + inner.rect["width"] <= outer.rect["x"] + outer.rect["width"] + 1
    )
    details = browser.find_element(By.ID, "details")
    assert not details.is_displayed()
    section.find_element(By.CSS_SELECTOR, "pre.doc mark.l-figures").click()
    assert details.is_displayed()
    assert "fig.pct.test" in details.text and "đảng viên" in details.text and "target" in details.text
    browser.save_screenshot(str(tmp_path / "alpha.png"))
    assert (tmp_path / "alpha.png").stat().st_size > 10_000


def test_script_in_a_document_shows_as_text_and_does_not_run(browser, report):
    _open(browser, report, "evil")
    pre = browser.find_element(By.CSS_SELECTOR, 'section[data-doc-id="evil"] pre.doc')
    assert '<script>document.title="PWNED"' in pre.text and "<img src=x onerror=" in pre.text
    assert browser.title == "review test"
    assert browser.find_elements(By.ID, "pwned") == []
    assert browser.find_elements(By.CSS_SELECTOR, "main img, main b") == []
    assert browser.execute_script("return document.documentElement.dataset.reviewReady") == "1"
    # and the DOM as the browser built it holds the markup only as text
    dom = browser.execute_script("return document.documentElement.outerHTML")
    assert "PWNED" not in dom.split("<main>")[0] and "&lt;script&gt;" in dom
