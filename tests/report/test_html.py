"""The HTML report: standalone, every finding shown, matched text highlighted, filters work.

The browser tests run the page in headless Chromium (Debian's ``chromium``; skipped when it is
not installed): ``--dump-dom`` for what the page shows, the DevTools protocol for the menus.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from lxml import html as lxml_html

from ahenk.check import Finding, Report, Side, check_paths
from ahenk.check.finding import summarize
from ahenk.diagnostics import Severity
from ahenk.report import render
from ahenk.report.html import highlight
from tests.report import chromium

DATA = Path(__file__).resolve().parents[1] / "check" / "data"
HOSTILE = 'Say <script>alert("x")</script> & "Şuşa" </dd>'

needs_chromium = pytest.mark.skipif(not chromium.available(),
                                    reason=f"{chromium.CHROMIUM} not installed "
                                           "(apt-get install chromium)")


def hostile_finding() -> Finding:
    start = HOSTILE.index("Şuşa")
    return Finding(check_id="term-variant", severity=Severity.INFO, message="<b>bold</b> & co",
                   file="po/<x>.po", line=3, unit="ctx\x04key", source="Visit Shusha <now>",
                   target=HOSTILE, side=Side.TARGET, term="Şuşa", expected="Şuşa",
                   found="Şuşa", span=(start, start + 4))


@pytest.fixture(scope="module")
def report() -> Report:
    checked = check_paths([DATA / "en-az-ru.tmx", DATA / "en-az.po"], DATA / "termbase.tsv")
    findings = [*checked.findings, hostile_finding()]
    return Report(findings, summarize(findings, files=3, units=8,
                                      checks=checked.summary["checks"]),
                  checked.signature, [*checked.files, "clean.po"])


@pytest.fixture(scope="module")
def page(report: Report, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(render(report, "html"), encoding="utf-8")
    return path


def test_highlight_escapes_and_merges():
    assert highlight("a<b>c & d", [(1, 4), (3, 5)]) == 'a<mark class="hl">&lt;b&gt;c</mark> &amp; d'
    assert highlight("abc", []) == "abc"


def test_standalone_and_escaped(report: Report, page: Path):
    text = page.read_text(encoding="utf-8")
    assert "<script>alert" not in text and "&lt;script&gt;alert" in text
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", text), "must not load anything"
    tree = lxml_html.fromstring(text)
    findings = tree.xpath("//article[@class='finding']")
    assert len(findings) == len(report.findings)
    assert Counter((a.get("data-check"), a.get("data-severity")) for a in findings) == Counter(
        (f.check_id, f.severity.value) for f in report.findings)
    # grouped by file, then by check
    files = [s.get("data-file") for s in tree.xpath("//section[@class='file']")]
    assert files == sorted(set(files), key=files.index) and "po/<x>.po" in files
    marks = [m.text_content() for m in tree.xpath("//mark[@class='hl']")]
    assert "Susaya" in marks and "Şuşa" in marks
    assert "clean.po" in tree.xpath("string(//p[@class='clean'])")


def test_empty_report():
    page = render(Report([], summarize([]), "sig", ["a.po"]), "html")
    assert 'id="no-findings"' in page and 'class="finding"' not in page


def _visible(dom: str) -> list[lxml_html.HtmlElement]:
    tree = lxml_html.fromstring(dom)
    return [a for a in tree.xpath("//article[contains(@class, 'finding')]")
            if a.get("hidden") is None]


@needs_chromium
def test_chromium_shows_every_finding_highlighted(report: Report, page: Path):
    dom = chromium.dump_dom(chromium.file_url(page))
    tree = lxml_html.fromstring(dom)
    assert tree.xpath("string(//body/@data-ready)") == "yes", "the script did not run"
    assert len(_visible(dom)) == len(report.findings)
    assert tree.xpath("string(//*[@id='shown'])") == str(len(report.findings))
    variant = tree.xpath("//article[@data-check='term-variant']//dd[@class='about']/mark")
    assert {m.text_content() for m in variant} >= {"Susaya", "Şuşa"}
    assert not tree.xpath("//script[contains(., 'alert')]")


@needs_chromium
def test_chromium_filter_from_address(report: Report, page: Path):
    dom = chromium.dump_dom(chromium.file_url(page, "severity=error"))
    errors = [f for f in report.findings if f.severity is Severity.ERROR]
    assert errors and len(errors) < len(report.findings)
    assert {a.get("data-severity") for a in _visible(dom)} == {"error"}
    assert len(_visible(dom)) == len(errors)


@needs_chromium
def test_chromium_filter_menus(report: Report, page: Path):
    browser = chromium.Browser()
    try:
        browser.open(chromium.file_url(page))
        count = "document.querySelectorAll('article.finding:not([hidden])').length"
        assert browser.evaluate(count) == len(report.findings)

        def choose(menu: str, value: str) -> None:
            browser.evaluate(f"(function () {{ var s = document.getElementById({menu!r}); "
                             f"s.value = {value!r}; s.dispatchEvent(new Event('change')); "
                             "})()")

        choose("filter-check", "term-variant")
        wanted = [f for f in report.findings if f.check_id == "term-variant"]
        assert browser.evaluate(count) == len(wanted) == 2
        assert browser.evaluate("document.getElementById('shown').textContent") == "2"
        assert browser.evaluate("location.hash") == "#check=term-variant"
        hidden_files = browser.evaluate(
            "Array.from(document.querySelectorAll('section.file[hidden]'))"
            ".map(function (s) { return s.dataset.file; })")
        with_variant = {f.file for f in wanted}
        assert hidden_files and not with_variant & set(hidden_files)

        choose("filter-severity", "info")
        assert browser.evaluate(count) == 1
        assert browser.evaluate(
            "document.querySelector('article.finding:not([hidden])').dataset.severity") == "info"

        choose("filter-check", "")
        choose("filter-severity", "")
        assert browser.evaluate(count) == len(report.findings)
        assert browser.evaluate("document.querySelectorAll('section[hidden]').length") == 0
    finally:
        browser.close()
