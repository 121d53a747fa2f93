"""``ahenk tmx validate``: DTD validity plus the semantic problems CAT tools trip on.

Two streaming passes over the file run side by side and their problems are merged by line:
the DTD pass (:mod:`ahenk.formats.tmx_dtd`) and the semantic pass below, which reads units
with the TMX adapter. Memory does not grow with the units' text: duplicate detection keeps
digests (about 30 bytes per unit in :class:`~ahenk.tmxops._common.DigestMap`), never units.

Problem codes (stable, public):

========================  ========  ================================================
code                      severity  what
========================  ========  ================================================
dtd-invalid               error     the file breaks the TMX 1.4 DTD
dtd-skipped               info      no DTD was found, so DTD validation did not run
missing-srclang           error     the header has no srclang
srclang-mismatch          error     no unit has a variant in the header's srclang
missing-source            error     a unit has no variant in the source language
bad-language-tag          error     a language tag is not BCP 47 as written
empty-segment             warning   a variant with no text
duplicate-unit            warning   same source and same translations as an earlier unit
conflicting-translation   warning   same source, different translation in one language
unpaired-code             error     a ``<bpt>`` without its ``<ept>`` (or the reverse)
single-language-unit      warning   a unit with text in one language only
control-character         error     a control character (U+007F-U+009F) in a segment
tmx-*                     error     what the reader could not use (unit skipped), as
                                    documented in :mod:`ahenk.formats.tmx`
========================  ========  ================================================
"""

from __future__ import annotations

import codecs
import heapq
import os
import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

import langcodes

from ahenk.diagnostics import Problem, Severity
from ahenk.formats import tmx_dtd
from ahenk.formats.tmx_read import ALL_LANGUAGES
from ahenk.io import sniff_bom
from ahenk.model import Header, Location, Segment, SpanKind, Unit
from ahenk.tmxops._common import (
    DigestMap,
    digest,
    lang_key,
    open_units,
    pack,
    segment_key,
    target_digest,
    unit_digest,
)

#: code -> default severity; the codes are public API and never renamed.
CODES: dict[str, Severity] = {
    "dtd-invalid": Severity.ERROR,
    "dtd-skipped": Severity.INFO,
    "missing-srclang": Severity.ERROR,
    "srclang-mismatch": Severity.ERROR,
    "missing-source": Severity.ERROR,
    "bad-language-tag": Severity.ERROR,
    "empty-segment": Severity.WARNING,
    "duplicate-unit": Severity.WARNING,
    "conflicting-translation": Severity.WARNING,
    "unpaired-code": Severity.ERROR,
    "single-language-unit": Severity.WARNING,
    "control-character": Severity.ERROR,
}
#: Unicode control characters (category Cc) but tab, line feed and carriage return.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def validate_tmx(path: str | os.PathLike[str], dtd: str | os.PathLike[str] | None = None,
                 check_dtd: bool = True) -> Iterator[Problem]:
    """Yield every problem in *path*, in line order, as the file is read.

    *dtd* names the TMX 1.4 DTD; by default :func:`~ahenk.formats.tmx_dtd.find_dtd` looks for
    one and, when there is none, a ``dtd-skipped`` note is yielded instead of DTD problems.
    Unusable input (malformed XML, not TMX) raises :class:`~ahenk.errors.FormatError`.
    """
    name = os.fspath(path)
    passes = [_semantic_problems(name)]
    if check_dtd:
        dtd_path = tmx_dtd.find_dtd(dtd)
        if dtd_path is None:
            yield Problem("dtd-skipped", "DTD validation skipped: the TMX 1.4 DTD (tmx14.dtd) "
                          "was not found; name it with --dtd", Location(name), Severity.INFO)
        else:
            passes.append(tmx_dtd.dtd_problems(name, tmx_dtd.load_dtd(dtd_path)))
    yield from heapq.merge(*passes, key=lambda p: (p.location.line or 0) if p.location else 0)


def _problem(code: str, message: str, path: str, line: int | None) -> Problem:
    return Problem(code, message, Location(path, line), CODES[code])


def _semantic_problems(path: str) -> Iterator[Problem]:
    pending: list[Problem] = []
    stream = open_units(path, pending.append)  # type: ignore[arg-type]
    header = stream.header
    header_line = _header_line(path)
    raw_srclang = header.attrs.get("srclang")
    if header.source_lang is None and raw_srclang is None:
        yield _problem("missing-srclang", "the header has no srclang: tools cannot tell which "
                       "language is the source", path, header_line)
    elif header.source_lang is None and raw_srclang.strip().lower() not in ALL_LANGUAGES:
        yield _problem("bad-language-tag", f"the header's srclang {raw_srclang!r} is not a "
                       "language tag", path, header_line)
    elif header.source_lang is not None:
        reason = _tag_trouble(header.source_lang.written())
        if reason:
            yield _problem("bad-language-tag", f"the header's srclang {reason}", path,
                           header_line)
    checker = _UnitChecker(path)
    units = with_source = 0
    stream_iter = iter(stream)
    while True:
        try:
            unit = next(stream_iter)
        except StopIteration:
            unit = None
        for problem in pending:
            yield _reader_problem(problem, header)
        pending.clear()
        if unit is None:
            break
        units += 1
        if not unit.extra.get("tmx.no_source"):
            with_source += 1
        yield from checker.check(unit)
    if units and not with_source and header.source_lang is not None:
        yield _problem("srclang-mismatch", f"no unit has a variant in the header's srclang "
                       f"{header.source_lang.written()!r}: the srclang does not match the "
                       "units' languages", path, header_line)


def _reader_problem(problem: Problem, header: Header) -> Problem:
    loc = problem.location
    if problem.code == "tmx-no-source-variant":
        lang = header.source_lang.written() if header.source_lang else header.attrs.get(
            "srclang", "?")
        return Problem("missing-source", f"this unit has no variant in the source language "
                       f"({lang}), so tools looking it up by source text will not find it", loc,
                       CODES["missing-source"])
    return Problem(problem.code, problem.message, loc, Severity.ERROR)


class _UnitChecker:
    """Per-unit checks plus the digests that find repeated and conflicting units."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.units = DigestMap(1, "I")  # unit digest -> line of its first occurrence
        self.pairs = DigestMap(1, "Q")  # (source, target language) -> target digest | line

    def check(self, unit: Unit) -> Iterator[Problem]:
        path = self.path
        line = unit.location.line if unit.location else None
        variants = list(unit.targets) if unit.extra.get("tmx.no_source") else \
            list(unit.segments())
        for segment in variants:
            yield from self._segment(segment, line)
        languages = {_language(s) for s in variants}
        if len(languages) == 1:
            yield _problem("single-language-unit", f"this unit has text in one language only "
                           f"({_shown(variants[0])}), so it translates nothing", path, line)
        first = self.units.setdefault(unit_digest(unit), min(line or 0, 0xFFFFFFFF))
        if first is not None:
            yield _problem("duplicate-unit", f"this unit repeats the unit at line {first[0]} "
                           "(same source text, same translations)", path, line)
            return
        if unit.extra.get("tmx.no_source"):
            return
        source = unit.source
        seen: set[int] = set()
        for target in unit.targets:
            pair = digest(lang_key(source), segment_key(source), _language(target))
            if pair in seen:
                continue
            seen.add(pair)
            text = target_digest(target) >> 32
            earlier = self.pairs.setdefault(pair, pack(text, line or 0))
            if earlier is not None and earlier[0] >> 32 != text:
                yield _problem("conflicting-translation", f"the source text "
                               f"{_clip(source.text)!r} is translated into {_shown(target)} "
                               f"differently at line {earlier[0] & 0xFFFFFFFF}", path, line)

    def _segment(self, segment: Segment, line: int | None) -> Iterator[Problem]:
        path = self.path
        raw = segment.extra.get("tmx.lang")
        if segment.lang is None and raw is not None:
            yield _problem("bad-language-tag", f"the language tag {raw!r} is not a language "
                           "tag tools understand", path, line)
        elif segment.lang is not None:
            reason = _tag_trouble(segment.lang.written())
            if reason:
                yield _problem("bad-language-tag", f"the language tag {reason}", path, line)
        if segment.is_empty:
            yield _problem("empty-segment", f"the {_shown(segment)} text of this unit is "
                           "empty", path, line)
        control = _CONTROL.search(segment.text)
        if control:
            yield _problem("control-character", f"the {_shown(segment)} text holds the "
                           f"control character U+{ord(control.group()):04X}, which many tools "
                           "reject or show as garbage", path, line)
        if segment.spans:
            yield from self._pairs(segment, line)

    def _pairs(self, segment: Segment, line: int | None) -> Iterator[Problem]:
        begins = Counter(s.attr("i") for s in segment.spans if s.kind is SpanKind.BEGIN)
        ends = Counter(s.attr("i") for s in segment.spans if s.kind is SpanKind.END)
        for i in sorted((begins | ends).keys(), key=str):
            if begins[i] != ends[i]:
                missing, present = ("ept", "bpt") if begins[i] > ends[i] else ("bpt", "ept")
                yield _problem("unpaired-code", f"in the {_shown(segment)} text, <{present} "
                               f"i=\"{i}\"> has no matching <{missing} i=\"{i}\">; paired "
                               "codes must open and close in the same segment", self.path,
                               line)


@lru_cache(maxsize=256)
def _tag_trouble(written: str) -> str | None:
    """Why a tag that ahenk could read is still not BCP 47 as written, or None."""
    tag = written.strip()
    if any(c in tag for c in "_.@") or not langcodes.tag_is_valid(tag):
        return f"{written!r} is not BCP 47 (write {_suggest(tag)!r})"
    language = tag.split("-", 1)[0].lower()
    canonical = langcodes.standardize_tag(tag, macro=True).split("-", 1)[0]
    if language != canonical:
        return f"{written!r} uses the code {language!r}; tools expect {canonical!r}"
    return None


def _suggest(tag: str) -> str:
    try:
        from ahenk.model import LanguageTag

        return LanguageTag.parse(tag).tag
    except Exception:  # noqa: BLE001 - only a hint
        return tag


def _language(segment: Segment) -> str:
    return segment.lang.language if segment.lang is not None else lang_key(segment)


def _shown(segment: Segment) -> str:
    if segment.lang is not None:
        return segment.lang.written()
    return str(segment.extra.get("tmx.lang", "?"))


def _clip(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _header_line(path: str) -> int | None:
    with open(path, "rb") as handle:
        head = handle.read(65536)
    encoding, skip = sniff_bom(head)
    if encoding is None and head[:2] in (b"<\x00", b"\x00<"):
        encoding = "utf-16-le" if head[:1] == b"<" else "utf-16-be"
    text = codecs.decode(head[skip:], encoding or "utf-8", errors="replace")
    at = text.find("<header")
    return text.count("\n", 0, at) + 1 if at >= 0 else None
