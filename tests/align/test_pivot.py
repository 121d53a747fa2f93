"""en–az–ru through the English pivot: multilingual units for TMX."""

from __future__ import annotations

from ahenk.align import align_pivot
from ahenk.align.model import Alignment, Bead, Signature
from ahenk.align.pivot import join
from ahenk.model import LanguageTag

EN = ["The Ombudsman met Aliyeva in Khankendi in 1991.", "It cost 3,400 dollars.", "Why?"]
AZ = ["Ombudsman 1991-ci ildə Xankəndidə Əliyeva ilə görüşdü.", "Bu 3 400 dollara başa gəldi.",
      "Niyə?"]
RU = ["Омбудсмен встретился с Алиевой в Ханкенди в 1991 году.", "Это стоило 3 400 долларов.",
      "Почему?"]


def test_three_languages_become_multilingual_units():
    multi = align_pivot(EN, "en", [(AZ, "az"), (RU, "ru")])
    assert [u.indices for u in multi.units] == [
        {"en": (k,), "az": (k,), "ru": (k,)} for k in range(3)]
    store = multi.to_store()
    assert len(store) == 3
    unit = store.units[1]
    assert unit.source.text == EN[1]
    assert unit.target_for("ru").text == RU[1] and unit.target_for("az").text == AZ[1]


def _alignment(tgt_lang: str, beads: list[tuple[tuple[int, ...], tuple[int, ...]]],
               n: int) -> Alignment:
    m = sum(len(t) for _, t in beads)
    return Alignment([f"en{k}" for k in range(n)], [f"{tgt_lang}{k}" for k in range(m)],
                     LanguageTag.parse("en"), LanguageTag.parse(tgt_lang),
                     [Bead(s, t, 0.0, 0.9) for s, t in beads], Signature("test", ""))


def test_units_are_cut_only_where_both_alignments_have_a_boundary():
    az = _alignment("az", [((0,), (0,)), ((1, 2), (1,)), ((3,), (2,))], 4)
    ru = _alignment("ru", [((0, 1), (0,)), ((2,), (1,)), ((), (2,)), ((3,), (3,))], 4)
    units = join([az, ru])
    assert [u.indices for u in units] == [
        {"en": (0, 1, 2), "az": (0, 1), "ru": (0, 1)},
        {"ru": (2,)},  # a Russian addition with no English: a unit of its own
        {"en": (3,), "az": (2,), "ru": (3,)},
    ]
