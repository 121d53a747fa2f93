"""Anchor features, driven by the translator-readable table ``anchor_cases.tsv``."""

from __future__ import annotations

from pathlib import Path

import pytest

from ahenk.align.anchors import AnchorIndex, Names, Numbers, Punctuation, Terms, Tokens
from ahenk.align.translit import skeleton
from ahenk.model import LanguageTag
from ahenk.termbase import Concept, Term, Termbase

FEATURES = {"numbers": Numbers, "names": Names, "tokens": Tokens, "punctuation": Punctuation}


def _cases() -> list:
    rows = []
    path = Path(__file__).with_name("anchor_cases.tsv")
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        feature, lang_a, text_a, lang_b, text_b, shared, note = line.split("\t")
        rows.append(pytest.param(feature, lang_a, text_a, lang_b, text_b, shared,
                                 id=f"{feature}-{note}"))
    return rows


@pytest.mark.parametrize(("feature", "lang_a", "text_a", "lang_b", "text_b", "shared"), _cases())
def test_anchor_table(feature, lang_a, text_a, lang_b, text_b, shared):
    f = FEATURES[feature]()
    common = set(f.keys(text_a, lang_a)) & set(f.keys(text_b, lang_b))
    if shared == "-":
        assert not common
    else:
        assert shared in common


@pytest.mark.parametrize("spellings", [
    ("Khankendi", "Xankəndi", "Ханкенди"),
    ("Aliyeva", "Əliyeva", "Алиева"),
    ("Ilham", "İlham", "Ильхам"),
    ("Karabakh", "Qarabağ", "Карабах"),
    ("Shusha", "Şuşa", "Шуша"),
])
def test_skeleton_is_shared_across_scripts(spellings):
    assert len({skeleton(s) for s in spellings}) == 1


def test_index_keeps_only_keys_found_on_both_sides():
    index = AnchorIndex.build(["In 1991 NATO met.", "Nothing here."],
                              ["1991-ci ildə NATO görüşdü.", "Heç nə."], "en", "az",
                              [Numbers(), Tokens()])
    assert index.shared(0, 0) == ["numbers:1991", "tokens:nato"]
    assert index.src[1] == frozenset() and index.tgt[1] == frozenset()
    assert index.similarity(index.src[0], index.tgt[0]) > 0


def test_frequent_keys_weigh_less_than_rare_ones():
    src = ["the cat sat."] * 8 + ["Zanzibar is far."]
    tgt = ["the kot sidel."] * 8 + ["Zanzibar daleko."]
    index = AnchorIndex.build(src, tgt, "en", "ru", [Tokens()])
    weight = dict(zip(index.names, index.weights, strict=True))
    assert weight["tokens:zanzibar"] > weight.get("tokens:the", 0.0)


def test_terms_feature_finds_inflected_terms():
    en, az, ru = (LanguageTag.parse(x) for x in ("en", "az", "ru"))
    termbase = Termbase([Concept("ombudsman", [Term("Ombudsman", en), Term("Ombudsman", az),
                                               Term("омбудсмен", ru)])])
    terms = Terms(termbase)
    assert list(terms.keys("Ombudsmanın hesabatı", "az")) == ["ombudsman"]
    assert list(terms.keys("доклад омбудсмена", "ru")) == ["ombudsman"]
    assert terms.describe().startswith("terms=1.5@")
