"""The public aligner: validation, bad input, signature, paragraphs, termbase, confidence."""

from __future__ import annotations

import pytest

from ahenk.align import AnchorAligner, GaleChurchAligner, align, get_aligner
from ahenk.errors import LanguageTagError, UsageError
from ahenk.model import LanguageTag
from ahenk.termbase import Concept, Term, Termbase

EN = ["The Ombudsman met Aliyeva in Khankendi in 1991.", "It cost 3,400 dollars.", "Why?"]
AZ = ["Ombudsman 1991-ci ildə Xankəndidə Əliyeva ilə görüşdü.", "Bu 3 400 dollara başa gəldi.",
      "Niyə?"]


def test_small_trilingual_example():
    result = align(EN, AZ, "en", "az")
    assert [b.vecalign() for b in result.beads] == ["[0]:[0]", "[1]:[1]", "[2]:[2]"]
    assert all(b.confidence > 0.9 for b in result.beads)
    assert result.src_lang == LanguageTag.parse("en")


@pytest.mark.parametrize(("src", "tgt", "message"), [
    ([], [], "both sides are empty"),
    ([], ["Salam."], "source side is empty"),
    (["Hello."], [], "target side is empty"),
])
def test_empty_sides_are_usage_errors(src, tgt, message):
    with pytest.raises(UsageError, match=message):
        align(src, tgt, "en", "az")


def test_a_string_instead_of_a_list_is_refused():
    with pytest.raises(UsageError, match="list of strings"):
        align("Hello.", ["Salam."], "en", "az")
    with pytest.raises(UsageError, match="sentence 1 is int"):
        align(["Hello.", 3], ["Salam."], "en", "az")


def test_bad_language_tag():
    with pytest.raises(LanguageTagError):
        align(["Hello."], ["Salam."], "en", "not a tag!")


def test_unknown_aligner_name():
    with pytest.raises(UsageError, match="unknown aligner"):
        get_aligner("vecalign")


def test_wildly_different_sizes_align_with_a_warning():
    src = [f"Sentence number {k} is here." for k in range(60)]
    tgt = [f"Cümlə {k} buradadır." for k in range(0, 60, 10)]
    result = align(src, tgt, "en", "az")
    assert any("differ widely in size" in w for w in result.warnings)
    assert sum(len(b.src_indices) for b in result.beads) == 60
    assert sum(len(b.tgt_indices) for b in result.beads) == 6
    assert result.low_confidence()  # the omissions are easy to find


def test_low_confidence_beads_come_least_confident_first():
    src = EN + ["A long remark that the translator left out, about nothing in particular."]
    result = align(src, AZ, "en", "az")
    low = result.low_confidence()
    assert low and low[0][1].src_indices == (3,) and low[0][1].tgt_indices == ()
    assert [b.confidence for _, b in low] == sorted(b.confidence for _, b in low)


def test_signature_names_aligner_parameters_termbase_and_version():
    plain = AnchorAligner().signature()
    assert plain.name == "ahenk" and plain.termbase_hash == "none"
    assert "lexical=" in plain.parameters and "numbers=" in plain.parameters
    assert str(plain).startswith("ahenk|") and str(plain).endswith("|version:0.1.0")
    en, az = LanguageTag.parse("en"), LanguageTag.parse("az")
    termbase = Termbase([Concept("c1", [Term("Ombudsman", en), Term("Ombudsman", az)])])
    with_terms = AnchorAligner(termbase=termbase).signature()
    assert with_terms.termbase_hash != "none" and "terms=" in with_terms.parameters
    assert GaleChurchAligner().signature().parameters == "c=1,s2=6.8,beads=gc6"


def test_termbase_concepts_are_anchors():
    en, az = LanguageTag.parse("en"), LanguageTag.parse("az")
    termbase = Termbase([Concept("cab", [Term("Cabinet of Ministers", en),
                                         Term("Nazirlər Kabineti", az)])])
    src = ["The Cabinet of Ministers decided.", "Nothing more."]
    tgt = ["Nazirlər Kabinetinin qərarı belədir.", "Başqa heç nə."]
    plain = align(src, tgt, "en", "az")
    anchored = align(src, tgt, "en", "az", termbase=termbase)
    assert anchored.beads[0].cost < plain.beads[0].cost


def test_paragraph_boundaries_are_strong_anchors():
    src = ["Short one.", "A second sentence of the first paragraph, rather long in fact.",
           "Third."]
    tgt = ["Qısa birinci cümlə, birinci abzasın ikinci cümləsi ilə birlikdə uzun.",
           "Üçüncü abzas."]
    free = align(src, tgt, "en", "az")
    fenced = align(src, tgt, "en", "az", src_paragraphs=[0, 0, 1], tgt_paragraphs=[0, 1])
    assert [b.vecalign() for b in fenced.beads] == ["[0, 1]:[0]", "[2]:[1]"]
    assert len(free.beads) >= 2


def test_paragraph_numbers_must_cover_every_sentence():
    with pytest.raises(UsageError, match="every sentence"):
        align(EN, AZ, "en", "az", src_paragraphs=[0], tgt_paragraphs=[0, 1, 2])


def test_to_store_has_one_unit_per_paired_bead():
    src = EN + ["A long remark that the translator left out, about nothing in particular."]
    result = align(src, AZ, "en", "az")
    store = result.to_store()
    assert len(store) == 3
    assert store.units[0].target.text == AZ[0]
    assert store.units[0].prop("x-align-confidence") is not None
    assert len(result.to_store(include_unpaired=True)) == 4
