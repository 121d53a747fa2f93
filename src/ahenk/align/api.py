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
    (a blank line is an empty sentence; :func:`read_texts` turns blank lines into paragraph
    breaks when every file of an alignment has them). Without it the file is segmented by
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


def read_texts(files: Sequence[tuple[str | os.PathLike[str], str | LanguageTag]],
               one_per_line: bool, paragraphs: Paragraphs = "line",
               ) -> list[tuple[list[str], list[int] | None]]:
    """The sentences and paragraph numbers of the files of one alignment (``(path, lang)``).

    One sentence a line has no paragraphs, except that when *every* file has a blank line
    between two sentences, blank lines separate paragraphs (which then anchor the alignment)
    and are not sentences: sentence *k* is the *k*-th non-blank line. vecalign's and
    hunalign's inputs have no blank lines, so there nothing changes; and a blank line in only
    one file stays an empty sentence, keeping that file's line numbers.
    """
    texts = []
    for path, lang in files:
        sentences, numbers = read_sentences(path, lang, one_per_line, paragraphs)
        if not sentences:
            raise FormatError("the file is empty: no sentences to align", path)
        texts.append((sentences, numbers))
    if one_per_line and all(_has_blank_separator(sentences) for sentences, _ in texts):
        texts = [_blank_line_paragraphs(sentences) for sentences, _ in texts]
    return texts


def _is_blank(line: str) -> bool:
    return not line.strip()


def _has_blank_separator(lines: list[str]) -> bool:
    """Whether a blank line stands between two non-blank lines."""
    text = [k for k, line in enumerate(lines) if not _is_blank(line)]
    return bool(text) and any(_is_blank(line) for line in lines[text[0]:text[-1]])


def _blank_line_paragraphs(lines: list[str]) -> tuple[list[str], list[int]]:
    """Non-blank lines and their paragraph numbers; any run of blank lines is one break."""
    sentences: list[str] = []
    numbers: list[int] = []
    paragraph = 0
    for line in lines:
        if _is_blank(line):
            if numbers and numbers[-1] == paragraph:
                paragraph += 1
            continue
        sentences.append(line)
        numbers.append(paragraph)
    return sentences, numbers


def align_files(src: str | os.PathLike[str], tgt: str | os.PathLike[str],
                src_lang: str | LanguageTag, tgt_lang: str | LanguageTag, *,
                termbase: Termbase | None = None, one_per_line: bool = False,
                paragraphs: Paragraphs = "line", aligner: str = AnchorAligner.name) -> Alignment:
    """Read (and unless *one_per_line*, segment) two files and align them.

    *termbase* (an :class:`~ahenk.termbase.Termbase`, e.g. from ``--glossary``) adds concept
    anchors.
    """
    (src_sentences, src_par), (tgt_sentences, tgt_par) = read_texts(
        [(src, src_lang), (tgt, tgt_lang)], one_per_line, paragraphs)
    return align(src_sentences, tgt_sentences, src_lang, tgt_lang, termbase=termbase,
                 aligner=aligner, src_paragraphs=src_par, tgt_paragraphs=tgt_par)


def align_files_pivot(pivot: str | os.PathLike[str], pivot_lang: str | LanguageTag,
                      others: Sequence[tuple[str | os.PathLike[str], str | LanguageTag]], *,
                      termbase: Termbase | None = None, one_per_line: bool = False,
                      paragraphs: Paragraphs = "line",
                      aligner: str = AnchorAligner.name) -> MultiAlignment:
    """Align each of *others* (path, language) to the *pivot* file and join the beads."""
    files = [(pivot, pivot_lang), *others]
    texts = read_texts(files, one_per_line, paragraphs)
    (pivot_sentences, pivot_par), rest = texts[0], texts[1:]
    return align_pivot(pivot_sentences, pivot_lang,
                       [(sentences, lang, par)
                        for (sentences, par), (_, lang) in zip(rest, files[1:], strict=True)],
                       aligner=get_aligner(aligner, termbase), pivot_paragraphs=pivot_par)
