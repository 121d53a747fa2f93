"""Property tests: whatever text and markup, the writer round-trips it or refuses it loudly."""

from __future__ import annotations

import warnings

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ahenk.errors import FormatError
from ahenk.formats.tmx import read, write
from ahenk.formats.tmx_inline import bad_xml_char, parents_of
from ahenk.model import Header, LanguageTag, Note, Segment, Span, SpanKind, Store, Unit

EN, AZ = LanguageTag.parse("en"), LanguageTag.parse("az")
SETTINGS = settings(max_examples=100, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])

xml_text = st.text(st.characters(blacklist_categories=("Cs",), min_codepoint=0x20)
                   .filter(lambda c: bad_xml_char(c) is None), max_size=6)


def roundtrip(store: Store, path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        write(store, path)
        return read(path)


@SETTINGS
@given(source=st.text(), target=st.text(), note=st.text(), prop=st.text(), attr=st.text())
def test_any_text_is_written_exactly_or_refused(tmp_path, source, target, note, prop, attr):
    unit = Unit(Segment(source, EN), [Segment(target, AZ)], id="u1",
                notes=[Note(note)], props=[("x-p", prop)], attrs={"creationid": attr})
    path = tmp_path / "h.tmx"
    path.unlink(missing_ok=True)  # tmp_path is shared by the examples of one run
    hostile = [c for c in map(bad_xml_char, (source, target, note, prop, attr)) if c]
    if hostile:
        with pytest.raises(FormatError) as info:
            write(Store([unit], Header(source_lang=EN)), path)
        assert "unit tuid 'u1'" in info.value.message
        assert any(f"U+{ord(c):04X}" in info.value.message for c in hostile)
        assert not path.exists()
        return
    back = roundtrip(Store([unit], Header(source_lang=EN)), path).units[0]
    assert back.source.text == source
    assert back.targets[0].text == target
    assert [n.text for n in back.notes] == [note]
    assert back.props == [("x-p", prop)]
    assert back.attrs["creationid"] == attr


# an inline tree: text | (code kind, native code, [(sub children, tail code)]) | ("hi", children)
CODE_ATTRS = {
    SpanKind.BEGIN: (("i", "1"),),
    SpanKind.END: (("i", "1"),),
    SpanKind.ISOLATED: (("pos", "begin"),),
    SpanKind.PLACEHOLDER: (("x", "2"),),
    SpanKind.UNKNOWN: (),
}


def _nodes(leaf):
    def extend(children):
        code = st.tuples(st.sampled_from(list(CODE_ATTRS)), xml_text,
                         st.lists(st.tuples(st.lists(children, max_size=3), xml_text), max_size=2))
        hi = st.tuples(st.just("hi"), st.lists(children, max_size=3))
        return st.one_of(code, hi)

    return st.lists(st.recursive(leaf, extend, max_leaves=8), max_size=5)


def flatten(nodes) -> Segment:
    text: list[str] = []
    spans: list[Span | None] = []
    parents: list[int] = []
    length = [0]

    def walk(items, parent):
        for node in items:
            if isinstance(node, str):
                text.append(node)
                length[0] += len(node)
                continue
            index = len(spans)
            spans.append(None)
            parents.append(parent)
            start = length[0]
            if node[0] == "hi":
                walk(node[1], index)
                spans[index] = Span(SpanKind.HIGHLIGHT, start, length[0], "", (("type", "t"),))
                continue
            kind, code, subs = node
            for children, tail in subs:
                sub_index = len(spans)
                spans.append(None)
                parents.append(index)
                sub_start = length[0]
                walk(children, sub_index)
                spans[sub_index] = Span(SpanKind.SUB, sub_start, length[0], tail, ())
            spans[index] = Span(kind, start, length[0], code, CODE_ATTRS[kind])

    walk(nodes, -1)
    return Segment("".join(text), EN, tuple(spans), extra={"tmx.parents": tuple(parents)})


@SETTINGS
@given(tree=_nodes(xml_text))
def test_inline_markup_round_trips(tmp_path, tree):
    segment = flatten(tree)
    store = Store([Unit(segment, [Segment("t", AZ)])], Header(source_lang=EN))
    back = roundtrip(store, tmp_path / "i.tmx").units[0].source
    assert back.text == segment.text
    assert back.spans == segment.spans
    assert parents_of(back) == segment.extra["tmx.parents"]
