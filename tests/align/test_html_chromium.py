"""The alignment review page (``ahenk align --format html``) in headless Chromium.

A real corpus document aligned with the project termbase, its Azerbaijani side missing one
paragraph (an untranslated passage: the omissions are the low-confidence beads a reviewer must
find). ``--dump-dom`` shows what the page renders; the DevTools client of
:mod:`tests.report.chromium` drives the sort button, the text filter and the "low only" box.
Skipped when Debian's ``chromium`` is not installed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html as lxml_html

from ahenk.align import LOW_CONFIDENCE, Alignment, align_files
from ahenk.align.render import render
from ahenk.glossary import load_termbase
from tests.report import chromium

ROOT = Path(__file__).resolve().parents[2]
DOCUMENT = "2025-01_ombudsman-interview-report"
DROPPED_LINE = 20  # 0-based line of the Azerbaijani text left out
NEEDLE = "ombudsman"

pytestmark = pytest.mark.skipif(not chromium.available(),
                                reason=f"{chromium.CHROMIUM} not installed "
                                       "(apt-get install chromium)")


def band(confidence: float) -> str:
    return "low" if confidence < LOW_CONFIDENCE else "mid" if confidence < 0.8 else "high"


@pytest.fixture(scope="module")
def alignment(tmp_path_factory: pytest.TempPathFactory) -> Alignment:
    lines = (ROOT / "corpus" / "az" / f"{DOCUMENT}.txt").read_text("utf-8").split("\n")
    target = tmp_path_factory.mktemp("corpus") / f"{DOCUMENT}.az.txt"
    target.write_text("\n".join(lines[:DROPPED_LINE] + lines[DROPPED_LINE + 1:]), "utf-8")
    return align_files(ROOT / "corpus" / "en" / f"{DOCUMENT}.txt", target, "en", "az",
                       termbase=load_termbase(ROOT / "glossaries" / "termbase.tsv"))


@pytest.fixture(scope="module")
def page(alignment: Alignment, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("html") / "review.html"
    path.write_text(render(alignment, "html"), "utf-8")
    return path


@pytest.fixture(scope="module")
def browser(page: Path):
    browser = chromium.Browser()
    try:
        browser.open(chromium.file_url(page))
        yield browser
    finally:
        browser.close()


def test_the_fixture_has_every_confidence_band(alignment: Alignment):
    assert {band(b.confidence) for b in alignment.beads} == {"low", "mid", "high"}
    assert len(alignment.beads) > 100


def test_every_bead_is_rendered_with_its_class(alignment: Alignment, page: Path):
    tree = lxml_html.fromstring(chromium.dump_dom(chromium.file_url(page)))
    rows = tree.xpath("//tbody[@id='beads']/tr")
    assert len(rows) == len(alignment.beads)
    for row, bead in zip(rows, alignment.beads, strict=True):
        source, target = alignment.texts(bead, "\n")
        assert row.get("class") == band(bead.confidence)
        assert row.xpath("string(td[@class='src'])") == source
        assert row.xpath("string(td[@class='tgt'])") == target
        assert row.xpath("string(td[@class='conf'])") == f"{bead.confidence:.2f}"
        assert row.xpath("string(td[@class='kind'])") == bead.kind
    lows = sum(1 for b in alignment.beads if b.confidence < LOW_CONFIDENCE)
    assert tree.xpath("string(//span[@id='summary'])") == (
        f"{len(rows)} of {len(rows)} beads shown, {lows} below {LOW_CONFIDENCE}")


SHOWN = """[...document.querySelectorAll('#beads tr')].map(
    tr => [Number(tr.dataset.order), tr.className])"""


def shown(browser: chromium.Browser) -> list[tuple[int, str]]:
    return [tuple(row) for row in browser.evaluate(SHOWN)]


def test_confidence_colours_differ(browser: chromium.Browser):
    colours = browser.evaluate("""Object.fromEntries(['low', 'mid', 'high'].map(c => [c,
        getComputedStyle(document.querySelector('tr.' + c + ' td.conf')).backgroundColor]))""")
    assert len(set(colours.values())) == 3, colours


def test_sort_puts_the_lowest_confidence_first_and_back(browser: chromium.Browser,
                                                       alignment: Alignment):
    confidences = [b.confidence for b in alignment.beads]
    assert [k for k, _ in shown(browser)] == list(range(len(confidences)))
    browser.evaluate("document.getElementById('sort').click()")
    order = [k for k, _ in shown(browser)]
    assert sorted(order) == list(range(len(confidences)))
    assert confidences[order[0]] == min(confidences)
    assert [confidences[k] for k in order] == sorted(confidences)
    assert browser.evaluate("document.getElementById('sort').getAttribute('aria-pressed')") \
        == "true"
    browser.evaluate("document.getElementById('sort').click()")
    assert [k for k, _ in shown(browser)] == list(range(len(confidences)))


def test_text_filter_and_low_only_hide_the_rest(browser: chromium.Browser,
                                                alignment: Alignment):
    def matches(bead) -> bool:
        return NEEDLE in "\n".join(alignment.texts(bead, "\n")).lower()

    with_needle = [k for k, b in enumerate(alignment.beads) if matches(b)]
    low = [k for k, b in enumerate(alignment.beads) if b.confidence < LOW_CONFIDENCE]
    assert 0 < len(with_needle) < len(alignment.beads)

    def set_filter(text: str) -> None:
        browser.evaluate(f"""(() => {{ const f = document.getElementById('filter');
            f.value = {text!r}; f.dispatchEvent(new Event('input')); }})()""")

    set_filter(NEEDLE.upper())  # case does not matter
    assert [k for k, _ in shown(browser)] == with_needle
    set_filter("")
    browser.evaluate("document.getElementById('lowonly').click()")
    assert shown(browser) == [(k, "low") for k in low]
    set_filter(NEEDLE)  # both at once
    assert [k for k, _ in shown(browser)] == [k for k in low if k in with_needle]
    set_filter("no such text anywhere")
    assert shown(browser) == []
    assert browser.evaluate("document.getElementById('summary').textContent").startswith(
        f"0 of {len(alignment.beads)} beads shown")
    set_filter("")
    browser.evaluate("document.getElementById('lowonly').click()")
    assert len(shown(browser)) == len(alignment.beads)
