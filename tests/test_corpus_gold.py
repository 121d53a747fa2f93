"""The sentence-alignment gold in corpus/align/ is current and well formed.

The gold (``<doc-id>.en-<lang>.gold``, vecalign beads) refers to sentence numbers fixed by the
sentence files ``<doc-id>.<lang>.sentences.txt``, which are the segmenter's output on the corpus.
A change to the segmentation rules or to the corpus makes them stale; these tests say so.
"""

import importlib.util
import re
from pathlib import Path

import pytest

from ahenk.align.score import read_vecalign

ROOT = Path(__file__).resolve().parent.parent
ALIGN = ROOT / "corpus" / "align"
REGENERATE = "python corpus/align/make_sentences.py"
MAX_PER_SIDE = 3
BEAD = re.compile(r"^\[(\d+(, \d+)*)?\]:\[(\d+(, \d+)*)?\]$")


def _load_maker():
    spec = importlib.util.spec_from_file_location("make_sentences", ALIGN / "make_sentences.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ms = _load_maker()
DOCUMENTS = ms.documents()
LANGUAGES = ms.languages()
TARGETS = [lang for lang in LANGUAGES if lang != "en"]


def _sentences(doc_id, lang):
    return ms.sentence_path(doc_id, lang).read_text("utf-8").splitlines()


def test_every_document_and_pair_has_files():
    assert len(DOCUMENTS) == 5 and LANGUAGES == ["en", "az", "ru"]
    missing = [
        str(p.relative_to(ROOT))
        for doc in DOCUMENTS
        for p in [ms.sentence_path(doc, lang) for lang in LANGUAGES]
        + [ms.gold_path(doc, lang) for lang in TARGETS]
        if not p.is_file()
    ]
    assert not missing, f"missing gold files {missing}; sentence files come from `{REGENERATE}`"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("doc_id", DOCUMENTS)
def test_sentence_files_are_the_current_segmentation(doc_id, lang):
    path = ms.sentence_path(doc_id, lang)
    expected = ms.sentences_text(doc_id, lang)
    current = path.read_text("utf-8")
    assert current == expected, (
        f"{path.relative_to(ROOT)} is stale: the segmenter ({ms.signature()}) no longer "
        f"produces it from corpus/{lang}/{doc_id}.txt. Regenerate with `{REGENERATE}`, then "
        f"re-check {doc_id}.en-*.gold by hand against the new numbering (corpus/align/README.md)."
    )


@pytest.mark.parametrize("lang", TARGETS)
@pytest.mark.parametrize("doc_id", DOCUMENTS)
def test_gold_covers_both_sides_exactly_once_in_order(doc_id, lang):
    path = ms.gold_path(doc_id, lang)
    lines = path.read_text("utf-8").splitlines()
    bad = [(n, line) for n, line in enumerate(lines, 1) if not BEAD.match(line)]
    assert not bad, f"{path.name}: not `[i, j]:[k]` beads at lines {bad}"
    beads = read_vecalign(path)
    n, m = len(_sentences(doc_id, "en")), len(_sentences(doc_id, lang))
    src = [i for s, _ in beads for i in s]
    tgt = [j for _, t in beads for j in t]
    assert src == list(range(n)), f"{path.name}: en indices must be 0..{n - 1}, each once, in order"
    assert tgt == list(range(m)), f"{path.name}: {lang} indices must be 0..{m - 1}, once, in order"
    for s, t in beads:
        assert s or t, f"{path.name}: empty bead"
        assert len(s) <= MAX_PER_SIDE and len(t) <= MAX_PER_SIDE, (
            f"{path.name}: bead {list(s)}:{list(t)} has more than {MAX_PER_SIDE} per side"
        )


@pytest.mark.parametrize("lang", TARGETS)
@pytest.mark.parametrize("doc_id", DOCUMENTS)
def test_every_non_1_1_bead_is_justified_in_the_readme(doc_id, lang):
    readme = (ALIGN / "README.md").read_text("utf-8")
    rows = [line for line in readme.splitlines() if doc_id in line and f"en-{lang}" in line]
    for s, t in read_vecalign(ms.gold_path(doc_id, lang)):
        if (len(s), len(t)) != (1, 1):
            bead = f"{list(s)}:{list(t)}"
            assert any(bead in row for row in rows), (
                f"{doc_id}.en-{lang}.gold: bead {bead} is not justified in corpus/align/README.md"
            )
