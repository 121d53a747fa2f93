"""One contract for every handler that reads and writes a translation Store.

Generated from the registry: a bilingual or multilingual format registered tomorrow (PO,
XLIFF) is held to the same suite the day it registers. Stores used here have exactly one
target per unit so that bilingual formats can hold them.
"""

from __future__ import annotations

import warnings

import pytest

from ahenk.errors import FormatError
from ahenk.formats import Kind, handlers
from ahenk.model import Header, LanguageTag, Note, Segment, Store, Unit

HANDLERS = [h for h in handlers(Kind.MULTILINGUAL) + handlers(Kind.BILINGUAL)
            if h.can_read and h.can_write]
EN, AZ, RU = (LanguageTag.parse(t) for t in ("en", "az", "ru"))

pytestmark = pytest.mark.parametrize("handler", HANDLERS, ids=lambda h: h.name)


def path_for(handler, tmp_path, stem="store"):
    return tmp_path / f"{stem}.{handler.extensions[0]}"


def view(store: Store) -> list:
    return [
        (
            u.source.text,
            u.source.lang.language if u.source.lang else None,
            [(t.text, t.lang.language if t.lang else None) for t in u.targets],
            sorted(n.text for n in u.notes),
        )
        for u in store.units
    ]


def store_of(units: list[Unit], target: LanguageTag = AZ) -> Store:
    return Store(units=units, header=Header(source_lang=EN, target_langs=[target]))


UNICODE = [
    ("Human rights", "İnsan hüquqları"),
    ("Istanbul, Iğdır, ışıq", "İstanbul, Iğdır, ışıq — İI ıi"),
    ("“Quoted” & <angled> text", "«Цитата» & <угловые> скобки"),
    ("emoji 🙂 and combining é", "Əliyev, Şəki, Gəncə, Ağdam"),
    ("  spaces kept  ", "tab\there"),
]


def test_empty_store(handler, tmp_path):
    path = path_for(handler, tmp_path)
    handler.write(store_of([]), path)
    assert len(handler.read(path)) == 0


@pytest.mark.parametrize("target", [AZ, RU], ids=["az", "ru"])
def test_unicode_azerbaijani_and_russian(handler, tmp_path, target):
    units = [Unit(Segment(src, EN), [Segment(tgt, target)]) for src, tgt in UNICODE]
    path = path_for(handler, tmp_path)
    handler.write(store_of(units, target), path)
    back = handler.read(path)
    assert view(back) == view(store_of(units, target))


def test_mixed_target_languages_are_kept_or_refused(handler, tmp_path):
    """A unit whose target language differs from the file's: written exactly, or refused."""
    units = [Unit(Segment("Shusha", EN), [Segment("Şuşa", AZ)]),
             Unit(Segment("Shusha city", EN), [Segment("город Шуша", RU)])]
    path = path_for(handler, tmp_path)
    try:
        handler.write(store_of(units), path)
    except FormatError as exc:
        assert "'2'" in str(exc) or "Shusha" in str(exc) or "unit" in str(exc)
        assert not path.exists()
        return
    assert view(handler.read(path)) == view(store_of(units))


def test_notes(handler, tmp_path):
    unit = Unit(Segment("Ombudsman", EN), [Segment("Ombudsman", AZ)],
                notes=[Note("Title, not a name"), Note("Qeyd: müəllif yoxlayıb")])
    path = path_for(handler, tmp_path)
    handler.write(store_of([unit]), path)
    assert sorted(n.text for n in handler.read(path).units[0].notes) == sorted(
        ["Title, not a name", "Qeyd: müəllif yoxlayıb"]
    )


def test_read_write_read_is_stable(handler, tmp_path):
    units = [Unit(Segment(src, EN), [Segment(tgt, RU)], notes=[Note(f"n{i}")])
             for i, (src, tgt) in enumerate(UNICODE)]
    first = path_for(handler, tmp_path, "first")
    second = path_for(handler, tmp_path, "second")
    handler.write(store_of(units, RU), first)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        once = handler.read(first)
        handler.write(once, second)
        twice = handler.read(second)
    assert view(twice) == view(once) == view(store_of(units, RU))
