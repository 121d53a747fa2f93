"""OmegaT's tab-separated glossary: ``source<TAB>target<TAB>comment``, one entry per line.

The format is bilingual and carries no languages, so reading needs ``src_lang`` and
``tgt_lang`` (a :class:`~ahenk.errors.UsageError` without them). Lines starting with ``#`` are
comments; blank lines are skipped; a line without a tab or with an empty source or target, or
with more than three fields, is a :class:`~ahenk.errors.ParseError` (OmegaT skips such lines
silently; ``strict=False`` does the same).

Encoding, following OmegaT's GlossaryReaderTSV: a BOM always wins (UTF-8, UTF-16); ``.utf8``
is UTF-8; otherwise an Emacs-style magic comment on the first line (``-*- coding: utf-8 -*-``,
as OmegaT writes itself) names the encoding. Without either, ``.txt`` is UTF-8, while ``.tab``
is the legacy format that OmegaT reads in the *system* encoding of the machine — which a file
does not record. ahenk reads a ``.tab`` as UTF-8 when it decodes cleanly and otherwise stops with
an :class:`~ahenk.errors.EncodingError` asking for ``encoding=`` (``cp1254`` for Azerbaijani
Latin/Turkish, ``cp1251`` for Russian): guessing would corrupt ə, ğ, ı, İ, ş or ё silently.
OmegaT 3.6 ignores ``.tsv``; write ``.txt`` or ``.utf8``.

Reading groups consecutive lines with the same comment that share a source or a target term into
one concept (the writer's lines for a concept with synonyms); the first source and first target
term of a group are ``preferred``, later ones ``admitted``. The comment becomes the concept note.

Writing takes ``src_lang`` and ``tgt_lang`` and writes, per concept, one line per pair of an
allowed (preferred or admitted) source term and an allowed target term, preferred first. Every
line of a glossary is offered to the translator as a translation to insert, and OmegaT has no
status column, so deprecated and forbidden terms are not written: listing them would recommend
exactly the terms the client rejected. A concept without an allowed term on either side has no
line. The comment is built for display: the concept's definitions in the two languages and its
note, joined by `` | ``, with tabs and line breaks turned into spaces (the format has no quoting,
and a comment is not read back as data). A *term* containing a tab or line break, or a source
term starting with ``#``, cannot be represented and raises an error naming the concept. Output
is UTF-8 with LF; a ``.tab`` output gets a BOM so that OmegaT does not read it in the system
encoding.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, ClassVar

from ahenk.errors import EncodingError, FormatError, LanguageTagError, ParseError, UsageError
from ahenk.formats.registry import FormatHandler, Kind, register
from ahenk.io import decode, read_bytes, sniff_bom, write_bytes
from ahenk.model.langtag import LanguageTag, parse_language
from ahenk.model.unit import Location
from ahenk.termbase.model import Concept, Term, Termbase, TermStatus

_MAGIC = re.compile(rb"-\*-\s*coding:\s*([A-Za-z0-9_.\-]+)\s*-\*-")
_LINES = re.compile(r"\r\n|\r|\n")
_ONE_LINE = re.compile(r"[\t\r\n]+")
HEADER = "# Glossary in tab-separated format -*- coding: utf-8 -*-"


def _languages(options: dict[str, Any], verb: str) -> tuple[LanguageTag, LanguageTag]:
    src, tgt = options.pop("src_lang", None), options.pop("tgt_lang", None)
    if not src or not tgt:
        raise UsageError(f"omegat-glossary: {verb} needs src_lang and tgt_lang (the file "
                         "does not record its languages)")
    try:
        return parse_language(src), parse_language(tgt)
    except LanguageTagError as exc:
        raise UsageError(f"omegat-glossary: {exc}") from None


def _encoding(data: bytes, path: str | os.PathLike[str], given: str | None) -> tuple[str, bool]:
    """(encoding, whether it is only a guess that must decode cleanly)."""
    if given:
        return given, False
    if sniff_bom(data)[0]:
        return "utf-8", False  # decode() honours the BOM over this
    suffix = Path(path).suffix.lower()
    if suffix == ".utf8":
        return "utf-8", False
    first = data.split(b"\n", 1)[0]
    magic = _MAGIC.search(first)
    if magic:
        return magic.group(1).decode("ascii"), False
    return "utf-8", suffix == ".tab"


@register
class OmegatGlossaryHandler(FormatHandler):
    name = "omegat-glossary"
    description = "OmegaT glossary: source<TAB>target<TAB>comment (.txt, .utf8, legacy .tab)"
    extensions = ("txt", "utf8", "tab")
    kind = Kind.TERMBASE
    read_options: ClassVar[frozenset[str]] = frozenset(
        {"src_lang", "tgt_lang", "strict", "encoding"})
    write_options: ClassVar[frozenset[str]] = frozenset({"src_lang", "tgt_lang"})
    keeps: ClassVar[frozenset[str]] = frozenset({"allowed_terms"})
    writes_empty: ClassVar[bool] = True
    bilingual: ClassVar[bool] = True

    def sniff(self, head: bytes) -> bool:
        return b"# Glossary in tab-separated format" in head[:200]

    def read(self, path: str | os.PathLike[str], **options: Any) -> Termbase:
        src, tgt = _languages(options, "reading")
        strict = bool(options.pop("strict", True))
        encoding, guessed = _encoding(data := read_bytes(path), path, options.pop("encoding", None))
        if options:
            raise UsageError(f"omegat-glossary: unknown option(s) {', '.join(sorted(options))}")
        try:
            text = decode(data, path, encoding)
        except EncodingError as exc:
            if not guessed:
                raise
            raise EncodingError(
                f"{exc.message}; a .tab glossary is in the legacy system encoding of the machine "
                "that wrote it: name it with encoding= (e.g. cp1254 for Azerbaijani, cp1251 for "
                "Russian)", exc.path, exc.line, exc.column) from None
        termbase = Termbase(origin=os.fspath(path), format=self.name)
        group: tuple[Concept, str] | None = None
        for number, line in enumerate(_LINES.split(text), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            while len(fields) > 3 and fields[-1] == "":
                fields.pop()
            problem = None
            if len(fields) < 2:
                problem = "no tab: a line needs source<TAB>target"
            elif len(fields) > 3:
                problem = f"{len(fields)} fields; expected source<TAB>target<TAB>comment"
            elif not fields[0].strip() or not fields[1].strip():
                problem = "empty source or target term"
            if problem:
                if strict:
                    raise ParseError(problem, path, number)
                continue
            source, target = fields[0].strip(), fields[1].strip()
            comment = fields[2].strip() if len(fields) > 2 else ""
            location = Location(os.fspath(path), number)
            if group and group[1] == comment and _shares(group[0], source, target, src, tgt):
                concept = group[0]
            else:
                concept = termbase.add(Concept(id=str(len(termbase) + 1), note=comment or None,
                                               location=location))
                group = (concept, comment)
            _add(concept, source, src, location)
            _add(concept, target, tgt, location)
        return termbase

    def write(self, obj: Termbase, path: str | os.PathLike[str], **options: Any) -> None:
        src, tgt = _languages(options, "writing")
        if options:
            raise UsageError(f"omegat-glossary: unknown option(s) {', '.join(sorted(options))}")
        lines = [HEADER]
        for concept in obj:
            sources, targets = _ordered(concept, src), _ordered(concept, tgt)
            comment = _comment(concept, src, tgt)
            for term in sources + targets:
                if "\t" in term.text or "\n" in term.text or "\r" in term.text:
                    raise FormatError(f"concept {concept.id!r}: term {term.text!r} contains a tab "
                                      "or line break, which an OmegaT glossary cannot hold", path)
            for term in sources:
                if term.text.startswith("#"):
                    raise FormatError(f"concept {concept.id!r}: source term {term.text!r} starts "
                                      "with '#', which OmegaT reads as a comment line", path)
            for source in sources:
                for target in targets:
                    fields = [source.text, target.text] + ([comment] if comment else [])
                    lines.append("\t".join(fields))
        bom = b"\xef\xbb\xbf" if Path(path).suffix.lower() == ".tab" else b""
        write_bytes(path, bom + ("\n".join(lines) + "\n").encode("utf-8"))


def _comment(concept: Concept, src: LanguageTag, tgt: LanguageTag) -> str:
    """Definitions in both languages and the note, as the one line OmegaT displays."""
    parts = (concept.definitions.get(src.language), concept.definitions.get(tgt.language),
             concept.note)
    return " | ".join(_ONE_LINE.sub(" ", part).strip() for part in parts if part)


def _ordered(concept: Concept, lang: LanguageTag) -> list[Term]:
    allowed = concept.allowed(lang)
    return sorted(allowed, key=lambda t: t.status is not TermStatus.PREFERRED)


def _shares(concept: Concept, source: str, target: str, src: LanguageTag,
            tgt: LanguageTag) -> bool:
    return any(t.text == source for t in concept.terms_in(src)) or any(
        t.text == target for t in concept.terms_in(tgt))


def _add(concept: Concept, text: str, lang: LanguageTag, location: Location) -> None:
    existing = concept.terms_in(lang)
    if any(t.text == text for t in existing):
        return
    status = TermStatus.ADMITTED if existing else TermStatus.PREFERRED
    concept.terms.append(Term(text=text, lang=lang, status=status, location=location))
