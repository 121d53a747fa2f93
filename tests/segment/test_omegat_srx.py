"""OmegaT 3.6 loads ahenk's shipped SRX and segments with it exactly as ahenk does.

``omegat/SrxProbe.java`` is compiled at test time (into a temporary folder, against OmegaT.jar and
its libraries) and reads an SRX file the way OmegaT reads its bundled rules: OmegaT's JAXB classes
unmarshal it and every regex is compiled by ``java.util.regex`` into OmegaT's ``MapRule``/``Rule``
objects, so a pattern Java cannot read fails the load. OmegaT's ``Segmenter`` then splits each
paragraph, and the segments are compared with ahenk's. All paragraphs of one SRX file go through
one JVM.

Also compared: OmegaT's own ``defaultRules.srx`` (from ../shared) on the English cases, to show
that ahenk's engine reproduces OmegaT on OmegaT's rules.

Skipped, with the reason, when java, javac or OmegaT.jar is missing (``AHENK_OMEGAT_JAR`` names
another OmegaT.jar; the default is the Debian package's).

How OmegaT is compared: OmegaT returns the text between breaks trimmed with Java's
``Character.isWhitespace`` and may return an empty piece (its file filters drop those, so the
comparison does too). The tables contain ASCII spaces only, so their segments must be identical.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from ahenk.segment import SrxSegmenter, get_segmenter, load_srx, segment
from ahenk.segment.cases import read_case_tables
from tests.conftest import ROOT, shared_file

HERE = Path(__file__).parent
PROBE = HERE / "omegat" / "SrxProbe.java"
SHIPPED = ROOT / "src" / "ahenk" / "segment" / "data" / "ahenk.srx"
OMEGAT_JAR = Path(os.environ.get("AHENK_OMEGAT_JAR", "/usr/share/omegat/OmegaT.jar"))
LANGS = ("en", "az", "ru")
TABLES = read_case_tables(HERE)
CASES = [case for lang in LANGS for case in TABLES.get(lang, [])]
EN_CASES = TABLES.get("en", [])

# Table cases on which OmegaT legitimately segments otherwise than ahenk: case id -> reason.
# None so far: with the shipped rules every case of every table agrees ...
KNOWN_DIFFERENCES_SHIPPED: dict[str, str] = {}
# ... and so does every English case with OmegaT's own defaultRules.srx.
KNOWN_DIFFERENCES_OMEGAT_RULES: dict[str, str] = {}

# Beyond the tables: text with Unicode spaces, where Java reads regexes and whitespace otherwise
# than ICU. The shipped rules write [\s\p{Z}] rather than \s, so the breaks agree; what differs
# is only how OmegaT trims segments (see test_known_difference_omegat_keeps_no_break_spaces).
UNICODE_SPACES = [
    ("ru", "Он приехал в 2023\u00a0г. В ходе визита всё прошло хорошо."),
    ("ru", "Это было в г.\u00a0Москве. Потом в Казани."),
    ("ru", "Это важно, т.\u00a0е. необходимо. Так и было."),
    ("en", "See p.\u00a012 for details. Then stop."),
    ("en", "Hello world.\u2003Next one."),
    ("ru", "Итого 5\u202f000\u00a0тыс.\u00a0USD. Затем всё."),
    ("az", "Prof.\u00a0Əliyev gəldi. Sonra getdi."),
]
NBSP_AT_BREAK = "en:nbsp", "en", "Hello.\u00a0World is big."


@dataclass(frozen=True)
class Omegat:
    rules: int  # how many rules OmegaT applies to the paragraph's language
    segments: tuple[str, ...]  # as Segmenter.segment returns them


class Probe:
    """SrxProbe, compiled once; :meth:`run` segments many paragraphs in one JVM."""

    def __init__(self, java: str, classpath: str) -> None:
        self.java = java
        self.classpath = classpath

    def run(self, srx: Path, items: list[tuple[str, str, str]]) -> subprocess.CompletedProcess:
        for item in items:
            assert not any(c in field for field in item for c in "\t\r\n"), item
        lines = "".join(f"{key}\t{lang}\t{text}\n" for key, lang, text in items)
        return subprocess.run(
            [self.java, "-Djava.awt.headless=true", "-cp", self.classpath, "SrxProbe", str(srx)],
            input=lines.encode("utf-8"),
            capture_output=True,
            timeout=120,
        )

    def segments(self, srx: Path, items: list[tuple[str, str, str]]) -> dict[str, Omegat]:
        done = self.run(srx, items)
        assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
        results = {}
        for line in done.stdout.decode("ascii").splitlines():
            record = json.loads(line)
            results[record["id"]] = Omegat(record["rules"], tuple(record["segments"]))
        assert len(results) == len(items)
        return results


@pytest.fixture(scope="session")
def probe(tmp_path_factory: pytest.TempPathFactory) -> Probe:
    java, javac = shutil.which("java"), shutil.which("javac")
    if java is None or javac is None:
        pytest.skip("OmegaT comparison needs java and javac (a JDK) on PATH")
    if not OMEGAT_JAR.is_file():
        pytest.skip(f"OmegaT comparison needs OmegaT.jar: {OMEGAT_JAR} is absent")
    out = tmp_path_factory.mktemp("srxprobe")
    libs = os.pathsep.join([str(OMEGAT_JAR), str(OMEGAT_JAR.parent / "lib" / "*")])
    compiled = subprocess.run(
        [javac, "-encoding", "UTF-8", "-cp", libs, "-d", str(out), str(PROBE)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert compiled.returncode == 0, compiled.stderr
    return Probe(java, os.pathsep.join([libs, str(out)]))


def paragraph_items(key: str, lang: str, text: str) -> list[tuple[str, str, str]]:
    """One probe item per paragraph (ahenk's default: every line is a paragraph)."""
    return [(f"{key}#{n}", lang, p) for n, p in enumerate(text.split("\n"))]


def omegat_segments(results: dict[str, Omegat], key: str, text: str) -> tuple[str, ...]:
    return tuple(
        s
        for n in range(len(text.split("\n")))
        for s in results[f"{key}#{n}"].segments
        if s  # OmegaT's filters drop empty segments
    )


def corpus_paragraphs() -> list[tuple[str, str, str]]:
    items = []
    for lang in LANGS:
        for path in sorted((ROOT / "corpus" / lang).glob("*.txt")):
            lines = path.read_text(encoding="utf-8").splitlines()
            items += [(f"{lang}/{path.name}:{n}", lang, line) for n, line in enumerate(lines, 1)]
    return items


LANGUAGE_SPELLINGS = ("en", "EN-US", "en-GB", "az", "AZ-AZ", "ru", "RU-RU")


@pytest.fixture(scope="session")
def shipped(probe: Probe) -> dict[str, Omegat]:
    """OmegaT with ahenk.srx: every table case, the Unicode-space texts, the corpus, spellings."""
    items = [item for case in CASES for item in paragraph_items(case.id, case.lang, case.text)]
    items += [(f"unicode:{n}", lang, text) for n, (lang, text) in enumerate(UNICODE_SPACES)]
    items.append(NBSP_AT_BREAK)
    items += corpus_paragraphs()
    items += [(f"lang:{tag}", tag, "One. Two.") for tag in LANGUAGE_SPELLINGS]
    return probe.segments(SHIPPED, items)


@pytest.fixture(scope="session")
def omegat_rules() -> Path:
    return shared_file("interop", "srx", "omegat_defaultRules.srx")


@pytest.fixture(scope="session")
def with_omegat_rules(probe: Probe, omegat_rules: Path) -> dict[str, Omegat]:
    items = [item for case in EN_CASES for item in paragraph_items(case.id, "en", case.text)]
    return probe.segments(omegat_rules, items)


def assert_agree(case_id: str, ahenk: tuple[str, ...], omegat: tuple[str, ...], known: dict):
    if case_id in known:
        assert omegat != ahenk, f"{case_id} now agrees: remove it from the known differences"
        pytest.xfail(known[case_id])
    assert omegat == ahenk


def test_omegat_loads_the_shipped_rules_with_the_same_rules_per_language(shipped) -> None:
    document = load_srx(SHIPPED)
    segmenter = SrxSegmenter(document)
    for tag in LANGUAGE_SPELLINGS:
        names = segmenter.rule_names(tag)
        expected = sum(len(document.language_rules[name].rules) for name in names)
        assert shipped[f"lang:{tag}"].rules == expected, (tag, names)
        assert shipped[f"lang:{tag}"].segments == ("One.", "Two.")


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_omegat_segments_the_tables_as_ahenk_does(shipped, case) -> None:
    ahenk = tuple(s.text for s in segment(case.text, case.lang))
    assert ahenk == case.expected  # the table is the reference for both
    assert_agree(
        case.id, ahenk, omegat_segments(shipped, case.id, case.text), KNOWN_DIFFERENCES_SHIPPED
    )


@pytest.mark.parametrize("number", range(len(UNICODE_SPACES)))
def test_omegat_breaks_text_with_unicode_spaces_as_ahenk_does(shipped, number) -> None:
    lang, text = UNICODE_SPACES[number]
    ahenk = tuple(s.text for s in segment(text, lang))
    assert len(ahenk) > 1
    assert shipped[f"unicode:{number}"].segments == ahenk


def test_known_difference_omegat_keeps_no_break_spaces_at_segment_edges(shipped) -> None:
    """Not a rule matter: OmegaT's Segmenter trims with Character.isWhitespace, which leaves out
    U+00A0, U+2007 and U+202F by definition; SRX 2.0 says nothing about trimming, and ahenk trims
    every Unicode space. Both break at the same place."""
    key, lang, text = NBSP_AT_BREAK
    assert tuple(s.text for s in segment(text, lang)) == ("Hello.", "World is big.")
    assert shipped[key].segments == ("Hello.", "\u00a0World is big.")


@pytest.mark.parametrize("lang", LANGS)
def test_omegat_breaks_the_corpus_as_ahenk_does(shipped, lang) -> None:
    """Every paragraph of corpus/<lang>/: same segments, once OmegaT's edges are trimmed of the
    no-break spaces it keeps (the known difference above)."""
    items = [item for item in corpus_paragraphs() if item[1] == lang]
    assert items
    differ = []
    for key, _, paragraph in items:
        ahenk = tuple(s.text for s in segment(paragraph, lang))
        omegat = tuple(s.strip() for s in shipped[key].segments if s.strip())
        if omegat != ahenk:
            differ.append((key, ahenk, omegat))
    assert not differ


@pytest.mark.shared
@pytest.mark.parametrize("case", EN_CASES, ids=[case.id for case in EN_CASES])
def test_ahenk_reproduces_omegat_on_omegat_rules(with_omegat_rules, omegat_rules, case) -> None:
    segmenter = get_segmenter(omegat_rules)
    ahenk = tuple(s.text for s in segmenter.segment(case.text, "en"))
    omegat = omegat_segments(with_omegat_rules, case.id, case.text)
    assert_agree(case.id, ahenk, omegat, KNOWN_DIFFERENCES_OMEGAT_RULES)


def test_omegat_refuses_a_pattern_java_cannot_compile(probe, tmp_path) -> None:
    """The load is a real check: ahenk reads this unbounded lookbehind, Java refuses it."""
    broken = SHIPPED.read_text(encoding="utf-8").replace(
        "<beforebreak>[.?!…]", "<beforebreak>(?&lt;=(?:\\p{L}\\.)+)[.?!…]", 1
    )
    path = tmp_path / "broken.srx"
    path.write_text(broken, encoding="utf-8")
    assert segment("One. Two.", "en", rules=path)  # fine for ahenk
    done = probe.run(path, [("1", "en", "One. Two.")])
    assert done.returncode == 2
    assert "Look-behind" in done.stderr.decode("utf-8", "replace")
