"""The library entry points behind ``ahenk align``: align lists, or align two files.

Keyword names match the CLI options (``src_lang``, ``glossary``, ``one_per_line``, ``aligner``).
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from ahenk.align.aligner import Aligner, AnchorAligner, GaleChurchAligner
from ahenk.align.model import Alignment
from ahenk.align.pivot import MultiAlignment, align_pivot
from ahenk.errors import FormatError, UsageError
from ahenk.io import read_text
from ahenk.model import LanguageTag, parse_language
from ahenk.segment import Paragraphs, segment_file
from ahenk.termbase.model import Termbase

#: Aligners by their public name (``--aligner``).
ALIGNERS: dict[str, type[Aligner]] = {
    AnchorAligner.name: AnchorAligner,
    GaleChurchAligner.name: GaleChurchAligner,
}


def get_aligner(name: str = AnchorAligner.name, termbase: Termbase | None = None) -> Aligner:
    try:
        cls = ALIGNERS[name]
    except KeyError:
        raise UsageError(f"unknown aligner {name!r}: choose one of {', '.join(ALIGNERS)}") from None
    if termbase is not None:
        if cls is not AnchorAligner:
            raise UsageError(f"aligner {name!r} does not use a glossary")
        return AnchorAligner(termbase=termbase)
    return cls()


def align(src_sentences: Sequence[str], tgt_sentences: Sequence[str],
          src_lang: str | LanguageTag, tgt_lang: str | LanguageTag, *,
          termbase: Termbase | None = None, aligner: str = AnchorAligner.name,
          src_paragraphs: Sequence[int] | None = None,
          tgt_paragraphs: Sequence[int] | None = None) -> Alignment:
    """Align two sentence lists with the named aligner (default ``ahenk``)."""
    return get_aligner(aligner, termbase).align(
        src_sentences, tgt_sentences, src_lang, tgt_lang,
        src_paragraphs=src_paragraphs, tgt_paragraphs=tgt_paragraphs)


def read_sentences(path: str | os.PathLike[str], lang: str | LanguageTag,
                   one_per_line: bool, paragraphs: Paragraphs = "line",
                   ) -> tuple[list[str], list[int] | None]:
    """Sentences of a file and each one's paragraph number (None when one per line).

    With *one_per_line*, line *k* (0-based) is sentence *k*, so vecalign's line numbers hold
    (a blank line is an empty sentence). Without it the file is segmented by
    :mod:`ahenk.segment`; *paragraphs* says what separates paragraphs there (every line break,
    or blank lines only, for hard-wrapped text).
    """
    parse_language(lang)
    if one_per_line:
        text = read_text(path)
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        sentences = [line.rstrip("\r") for line in lines]
        if sentences and not any(s.strip() for s in sentences):
            raise FormatError("the file has only blank lines: no sentences to align", path)
        return sentences, None
    found = segment_file(path, lang, paragraphs=paragraphs)
    return [s.text for s in found.segments], [s.paragraph for s in found.segments]


def align_files(src: str | os.PathLike[str], tgt: str | os.PathLike[str],
                src_lang: str | LanguageTag, tgt_lang: str | LanguageTag, *,
                termbase: Termbase | None = None, one_per_line: bool = False,
                paragraphs: Paragraphs = "line", aligner: str = AnchorAligner.name) -> Alignment:
    """Read (and unless *one_per_line*, segment) two files and align them.

    *termbase* (an :class:`~ahenk.termbase.Termbase`, e.g. from ``--glossary``) adds concept
    anchors.
    """
    src_sentences, src_par = read_sentences(src, src_lang, one_per_line, paragraphs)
    tgt_sentences, tgt_par = read_sentences(tgt, tgt_lang, one_per_line, paragraphs)
    for path, sentences in ((src, src_sentences), (tgt, tgt_sentences)):
        if not sentences:
            raise FormatError("the file is empty: no sentences to align", path)
    return align(src_sentences, tgt_sentences, src_lang, tgt_lang, termbase=termbase,
                 aligner=aligner, src_paragraphs=src_par, tgt_paragraphs=tgt_par)


def align_files_pivot(pivot: str | os.PathLike[str], pivot_lang: str | LanguageTag,
                      others: Sequence[tuple[str | os.PathLike[str], str | LanguageTag]], *,
                      termbase: Termbase | None = None, one_per_line: bool = False,
                      paragraphs: Paragraphs = "line",
                      aligner: str = AnchorAligner.name) -> MultiAlignment:
    """Align each of *others* (path, language) to the *pivot* file and join the beads."""
    texts = []
    for path, lang in [(pivot, pivot_lang), *others]:
        sentences, _ = read_sentences(path, lang, one_per_line, paragraphs)
        if not sentences:
            raise FormatError("the file is empty: no sentences to align", path)
        texts.append((sentences, lang))
    return align_pivot(texts[0][0], pivot_lang, texts[1:],
                       aligner=get_aligner(aligner, termbase))
