"""Contract tests generated from the registry: every termbase handler that writes passes them.

A new termbase format is tested the day it is registered. What a format cannot keep is declared
on its handler (``keeps``, ``writes_empty``, ``bilingual``), not in this file.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ahenk.errors import FormatError
from ahenk.formats import Kind, handlers
from ahenk.termbase import Concept, Term, Termbase, TermStatus
from tests.formats.termbase_views import AZ, EN, RU, keeps, options, sample, view

WRITERS = [h for h in handlers(Kind.TERMBASE) if h.can_write and h.can_read]
IDS = [h.name for h in WRITERS]
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def test_every_termbase_format_is_covered():
    names = {h.name for h in WRITERS}
    assert {"tbx", "tbx-v3", "termbase-tsv", "termbase-csv", "omegat-glossary"} <= names


def _ext(handler) -> str:
    return handler.extensions[0]


def _round_trip(handler, termbase: Termbase, tmp_path, name: str = "out") -> Termbase:
    path = tmp_path / f"{name}.{_ext(handler)}"
    handler.write(termbase, path, **options(handler))
    return handler.read(path, **options(handler))


@pytest.mark.parametrize("handler", WRITERS, ids=IDS)
def test_empty_termbase(handler, tmp_path):
    if getattr(handler, "writes_empty", True):
        again = _round_trip(handler, Termbase(), tmp_path)
        assert len(again) == 0
    else:
        path = tmp_path / f"empty.{_ext(handler)}"
        with pytest.raises(FormatError, match="empty"):
            handler.write(Termbase(), path, **options(handler))
        assert not path.exists()


@pytest.mark.parametrize("handler", WRITERS, ids=IDS)
def test_read_write_read_keeps_what_the_format_declares(handler, tmp_path):
    original = sample()
    again = _round_trip(handler, original, tmp_path)
    assert view(again, keeps(handler)) == view(original, keeps(handler))
    # and a second round trip changes nothing at all
    twice = _round_trip(handler, again, tmp_path, "twice")
    assert view(twice, keeps(handler)) == view(again, keeps(handler))


@pytest.mark.parametrize("handler", WRITERS, ids=IDS)
def test_unicode_survives_byte_for_byte(handler, tmp_path):
    again = _round_trip(handler, sample(), tmp_path)
    texts = {t.text for c in again for t in c.terms}
    assert "İstifadəçi" in texts
    if "allowed_terms" not in keeps(handler):
        assert {"счёт", "Bakı"} <= texts


@pytest.mark.parametrize("handler", WRITERS, ids=IDS)
def test_notes_and_definitions(handler, tmp_path):
    again = _round_trip(handler, sample(), tmp_path)
    account = again.concepts[0]
    kept = keeps(handler)
    if "concept_note" in kept:
        assert account.note == "Concept note\nwith a second line"
    if "definitions" in kept:
        assert account.definitions["az"] == "Pul qeydi: ə ğ ı İ ş."
        assert again.concepts[2].definitions == {"ru": "Столица Азербайджана."}
    if "term_note" in kept:
        assert [t.note for t in account.terms][-1] == "transliteration"


@pytest.mark.parametrize("handler", WRITERS, ids=IDS)
def test_write_is_deterministic(handler, tmp_path):
    a, b = tmp_path / f"a.{_ext(handler)}", tmp_path / f"b.{_ext(handler)}"
    handler.write(sample(), a, **options(handler))
    handler.write(sample(), b, **options(handler))
    assert a.read_bytes() == b.read_bytes()
    assert b"\r\n" not in a.read_bytes()


# --------------------------------------------------------------------------- hypothesis

_text = st.text(min_size=1, max_size=12).map(str.strip).filter(bool)
_optional = st.none() | _text


@st.composite
def termbases(draw, languages=(EN, AZ, RU)):
    ids = draw(st.lists(st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True), min_size=1,
                        max_size=3, unique=True))
    concepts = []
    for cid in ids:
        terms = draw(st.lists(
            st.builds(Term, text=_text, lang=st.sampled_from(languages),
                      status=st.sampled_from(list(TermStatus)), pos=_optional, type=_optional,
                      note=_optional),
            min_size=1, max_size=4))
        definitions = draw(st.dictionaries(st.sampled_from([lang.language for lang in languages]),
                                           _text, max_size=2))
        concepts.append(Concept(id=cid, terms=terms, subject=draw(_optional),
                                definitions=definitions, note=draw(_optional)))
    return Termbase(concepts=concepts)


def _strings(termbase: Termbase):
    for concept in termbase:
        yield from (concept.subject, concept.note, *concept.definitions.values())
        for term in concept.terms:
            yield from (term.text, term.pos, term.type, term.note)


@pytest.mark.parametrize("handler", [h for h in WRITERS if not getattr(h, "bilingual", False)],
                         ids=[h.name for h in WRITERS if not getattr(h, "bilingual", False)])
@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(termbase=termbases())
def test_hypothesis_round_trip(handler, termbase, tmp_path):
    """Any text round-trips, or the writer refuses it naming the concept — never a silent loss."""
    path = tmp_path / f"h.{_ext(handler)}"
    xml = handler.name.startswith("tbx")
    hostile = [s for s in _strings(termbase) if s and NOT_XML.search(s)]
    if xml and hostile:
        with pytest.raises(FormatError, match=r"concept '[a-z0-9-]+'.*cannot be written in XML"):
            handler.write(termbase, path)
        return
    handler.write(termbase, path)
    assert view(handler.read(path), keeps(handler)) == view(termbase, keeps(handler))


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(termbase=termbases(languages=(EN, AZ)))
def test_hypothesis_bilingual_round_trip(termbase, tmp_path):
    bilingual = [h for h in WRITERS if getattr(h, "bilingual", False)]
    for handler in bilingual:
        path = tmp_path / f"h.{_ext(handler)}"
        try:
            handler.write(termbase, path, **options(handler))
        except FormatError as exc:
            assert any(f"concept {c.id!r}" in str(exc) for c in termbase)
            continue
        again = handler.read(path, **options(handler))
        # groups of lines may merge when neighbouring concepts share a term and a comment,
        # so compare the set of (source, target) pairs, which is what OmegaT sees
        assert _pairs(again) == _pairs(termbase)


def _pairs(termbase: Termbase) -> set[tuple[str, str]]:
    return {(s.text, t.text) for c in termbase for s in c.allowed("en") for t in c.allowed("az")}
