"""PO: model mapping, plurals, contexts, interop files, located errors, round trips."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ahenk.errors import EncodingError, FormatError, ParseError
from ahenk.formats import Kind, detect, get
from ahenk.formats.po import _UNSAFE, _UNSAFE_COMMENT, PoWarning, read_store, unit_id, write_store
from ahenk.model import LanguageTag, Note, Segment, Store, Unit
from tests.conftest import shared_file

DATA = Path(__file__).resolve().parent.parent / "data" / "po"
F43 = ("translate-toolkit", "tests__translate__tools__data__pocount_syntax_errors__f43.tgif.fr.po")


def test_registered_as_bilingual():
    handler = get("po")
    assert handler.kind is Kind.BILINGUAL and handler.extensions == ("po", "pot")
    assert detect(DATA / "az_plural_context.po", kinds=(Kind.BILINGUAL,)) is handler


def test_mapping_of_a_small_catalogue():
    store = read_store(DATA / "az_plural_context.po")
    header = store.header
    assert header.source_lang == LanguageTag.parse("en")
    assert header.target_lang == LanguageTag.parse("az")
    assert header.extra["nplurals"] == 2
    assert ("Project-Id-Version", "ahenk-test") in header.props
    opened, files, user, obsolete = store.units
    assert opened.id == "menu\x04Open %s" == unit_id("Open %s", "menu")
    assert opened.attrs == {"msgctxt": "menu", "flags": "c-format"}
    assert [(n.text, n.annotates) for n in opened.notes] == [
        ("Translator: keep it short.", "general"), ("Menu item", "source")]
    assert opened.extra["po.references"] == [("src/menu.c", "12"), ("src/menu.c", "40")]
    assert opened.location.line == 11  # the entry starts at its first comment
    assert files.id == "%d file"
    assert files.source.extra["plurals"] == ["%d file", "%d files"]
    assert files.target.extra["plurals"] == ["%d fayl", "%d fayl"]
    assert files.attrs["flags"] == "fuzzy"
    assert user.extra["po.previous"] == {"msgid": "Old text"}
    assert user.target.text == ""
    assert obsolete.attrs["obsolete"] == "yes" and obsolete.target.text == "Köhnə"


def test_round_trip_is_equal_and_stable(tmp_path):
    store = read_store(DATA / "az_plural_context.po")
    out = tmp_path / "out.po"
    write_store(store, out)
    again = read_store(out)
    assert _view(again) == _view(store)
    write_store(again, tmp_path / "twice.po")
    assert (tmp_path / "twice.po").read_bytes() == out.read_bytes()
    assert "#~ msgid \"Obsolete\"" in out.read_text("utf-8")


def _view(store: Store):
    return [(u.id, u.source.text, u.source.extra, [t.text for t in u.targets],
             [t.extra for t in u.targets], u.attrs, [(n.text, n.annotates) for n in u.notes],
             u.extra) for u in store]


def test_syntax_error_is_located():
    with pytest.raises(ParseError) as info:
        read_store(DATA / "syntax_error.po")
    assert info.value.line == 9
    assert info.value.path.endswith("syntax_error.po")
    assert "unescaped double quote" in info.value.message


def test_weblate_russian_has_three_plural_forms():
    store = read_store(shared_file("interop", "po_weblate_ayatana", "ru.po"))
    assert store.header.target_lang.language == "ru"
    assert store.header.extra["nplurals"] == 3
    plurals = [u for u in store if "plurals" in u.source.extra]
    assert len(plurals) == 2
    assert plurals[0].target.extra["plurals"] == ["час", "часа", "часов"]
    assert all(len(u.target.extra["plurals"]) == 3 for u in plurals)


def test_untranslated_az_with_template_plural_forms_warns_not_crashes():
    with pytest.warns(PoWarning, match="nplurals=INTEGER") as record:
        store = read_store(shared_file("interop", "po_weblate_ayatana", "az.po"))
    assert record[0].message.problem.code == "po-plural-forms"
    assert store.header.target_lang.language == "az"
    assert store.header.extra["nplurals"] is None
    assert len(store) == 69
    assert all(u.target.text == "" for u in store)


def test_strict_makes_the_template_plural_forms_an_error():
    with pytest.raises(ParseError, match="Plural-Forms"):
        read_store(shared_file("interop", "po_weblate_ayatana", "az.po"), strict=True)


def test_belarusian_three_forms_and_charset_from_header():
    store = read_store(shared_file("interop", "omegat", "filters", "po",
                                   "file-POFilter-fuzzyCtx-plural.po"))
    assert store.header.extra["nplurals"] == 3
    assert store.header.target_lang.language == "be"
    be = read_store(shared_file("interop", "omegat", "filters", "po", "file-POFilter-be.po"))
    assert len(be) == 1028  # CP1251 decoded from the header's charset
    assert any("Ш" in u.target.text or "ш" in u.target.text for u in be)


def test_pootle_po_and_plural_po():
    store = read_store(shared_file("interop", "translate-toolkit",
                                   "tests__xliff_conformance__af-pootle.po"))
    assert len(store) == 341
    assert sum(1 for u in store if u.attrs.get("obsolete")) == 53
    assert store.header.tool == "Pootle 1.0rc1"
    plural = read_store(shared_file("interop", "translate-toolkit",
                                    "tests__cli__data__test_pocount_po_plurals__plural.po"))
    (unit,) = plural.units
    assert unit.target.extra["plurals"] == ["%d One", "%d Many", "%d Many many"]


def test_f43_undeclared_charset_is_a_located_encoding_error():
    path = shared_file("interop", *F43)
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        with pytest.raises(EncodingError) as info:
            read_store(path)
    assert (info.value.line, info.value.column) == (7, 21)  # "Français" in Latin-1
    assert any(w.message.problem.code == "po-charset" for w in record
               if isinstance(w.message, PoWarning))
    # told the real encoding, the CR CR LF file reads with the right line numbers
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        store = read_store(path, encoding="latin-1")
    assert len(store) == 321
    assert store.units[0].target.text == "Symétrie/Rotation"
    assert store.units[0].location.line == 12


def test_language_option_and_empty_source_refused(tmp_path):
    store = Store(units=[Unit(Segment(""), [Segment("x")], id="e")])
    with pytest.raises(FormatError, match="empty source"):
        write_store(store, tmp_path / "e.po")
    assert not (tmp_path / "e.po").exists()


_texts = st.text(min_size=1).filter(lambda s: "\x00" not in s)


@settings(max_examples=80, deadline=None, suppress_health_check=[
    HealthCheck.function_scoped_fixture])
@given(pairs=st.lists(st.tuples(_texts, st.text(), st.none() | st.text()), min_size=1,
                      max_size=5, unique_by=lambda p: p[0]))
def test_hypothesis_round_trip(pairs, tmp_path):
    """Any text survives (escapes included), or the writer refuses it naming the unit."""
    units = []
    for source, target, note in pairs:
        unit = Unit(Segment(source), [Segment(target)], id=source)
        if note:
            unit.notes.append(Note(note))
        units.append(unit)
    store = Store(units=units)
    path = tmp_path / "h.po"
    path.unlink(missing_ok=True)  # tmp_path is shared by the examples
    texts = [s for p in pairs for s in p[:2]] + [p[2] for p in pairs if p[2]]
    if any(_surrogate(s) or _UNSAFE.search(s) for s in texts) or any(
            _UNSAFE_COMMENT.search(p[2]) for p in pairs if p[2]):
        with pytest.raises(FormatError, match=r"unit ['\"].*(surrogate|cannot carry)"):
            write_store(store, path)
        assert not path.exists()
        return
    write_store(store, path)
    again = read_store(path)
    assert [(u.source.text, u.target.text) for u in again] == [(s, t) for s, t, _ in pairs]
    # PO comments are line-based: a note's line ends and leading/trailing spaces may change
    # comments are line-based (one Note per line) and polib strips each line's ends
    assert [any(x.text.strip() for x in u.notes) for u in again] == [
        bool(n and n.strip()) for _, _, n in pairs]


def _surrogate(value: str) -> bool:
    return any("\ud800" <= c <= "\udfff" for c in value)
