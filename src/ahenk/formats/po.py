"""Gettext PO/POT catalogues (``po``), read and written with polib.

Where PO goes in the model
--------------------------
===============================  ==============================================================
PO                               ahenk
===============================  ==============================================================
``msgid``                        ``Unit.source.text``
``msgstr`` / ``msgstr[0]``       ``Unit.target.text`` (a unit always has one target, maybe empty)
``msgid_plural``                 ``Unit.source.extra["plurals"] == [msgid, msgid_plural]``
``msgstr[n]``                    ``Unit.target.extra["plurals"] == [msgstr[0], …, msgstr[n-1]]``
                                 (every form, in index order; missing indexes are ``""``)
``msgctxt``                      ``Unit.attrs["msgctxt"]``
translator comment ``#``         ``Note(text, annotates="general")``, one per comment line
extracted comment ``#.``         ``Note(text, annotates="source")`` (written back as ``#.``)
references ``#:``                ``Unit.extra["po.references"]``: list of ``(file, line)``
flags ``#,``                     ``Unit.attrs["flags"]``: as in the file, ``"fuzzy, c-format"``
previous ``#|``                  ``Unit.extra["po.previous"]``: {msgctxt, msgid, msgid_plural}
obsolete ``#~``                  kept, ``Unit.attrs["obsolete"] == "yes"``
entry's line in the file         ``Unit.location``: the entry's first line (its first comment)
header fields                    ``Header.props`` in file order; ``Language`` →
                                 ``Header.target_langs``; ``Plural-Forms`` raw in
                                 ``Header.extra["plural_forms"]``, its count in
                                 ``Header.extra["nplurals"]`` (``None`` when not a number);
                                 ``X-Generator`` → ``Header.tool``; header comment →
                                 ``Header.notes``; a fuzzy header → ``Header.attrs["fuzzy"]``
===============================  ==============================================================

``Unit.id`` is gettext's own message key: ``msgid``, or ``msgctxt + "\\x04" + msgid`` when the
entry has a context (the EOT separator of GNU gettext's MO files and translate-toolkit; in JSON
it reads ``"ctx\\u0004text"``). Plural entries are keyed by their singular ``msgid``.

Reading options: ``src_lang`` (default ``"en"``: PO does not record the source language),
``tgt_lang`` (used when the header has no ``Language``), ``encoding`` (overrides the header's
charset), ``strict`` and ``problems`` as for TMX. The charset is taken from the header as
``msgfmt`` does: ``charset= koi8-r`` (a space after ``=``) names no charset, so the file is read
as UTF-8 with a ``po-charset`` warning, and bytes that are not UTF-8 stop reading with an
:class:`~ahenk.errors.EncodingError` at their line and column. polib's syntax errors become
:class:`~ahenk.errors.ParseError` with path and line. A ``Plural-Forms`` that is still the
template placeholder (``nplurals=INTEGER; plural=EXPRESSION;``) gives a ``po-plural-forms``
warning, and ``nplurals`` is ``None``.

Writing: UTF-8 (the Content-Type charset is rewritten to say so), polib's layout (wrapped at 78
columns), atomically. A unit whose source is empty (``msgid ""`` is the header) or that holds
NUL cannot be written: :class:`~ahenk.errors.FormatError` naming the unit. Inline spans have no
place in PO (placeholders are part of the text): they are left out with one ``po-spans-dropped``
warning.
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Callable
from typing import Any, ClassVar

import polib

from ahenk.diagnostics import Problem, Severity
from ahenk.errors import FormatError, LanguageTagError, ParseError, UsageError
from ahenk.formats._bilingual import file_target_language
from ahenk.formats.registry import FormatHandler, Kind, register
from ahenk.io import decode, read_bytes, sniff_bom, write_text
from ahenk.model import Header, LanguageTag, Location, Note, Segment, Store, Unit

CONTEXT_SEPARATOR = "\x04"
_CHARSET = re.compile(rb"charset=([^\s\"\\]*)")
_NPLURALS = re.compile(r"nplurals\s*=\s*([^;\s]*)")
_POLIB_LINE = re.compile(r"\(line (\d+)\)")
_EOL = re.compile(r"\r*\n")

ProblemSink = Callable[[Problem], None]


class PoWarning(UserWarning):
    """A located problem met while reading or writing PO; ``.problem`` holds the details."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def unit_id(msgid: str, msgctxt: str | None) -> str:
    """The ``Unit.id`` of an entry: ``msgid``, or ``msgctxt + "\\x04" + msgid``."""
    return msgid if msgctxt is None else f"{msgctxt}{CONTEXT_SEPARATOR}{msgid}"


class _Reporter:
    def __init__(self, path: str | None, strict: bool, problems: ProblemSink | None) -> None:
        self.path, self.strict, self.problems = path, strict, problems

    def __call__(self, code: str, message: str, line: int | None = None) -> None:
        if self.strict:
            raise ParseError(message, self.path, line)
        problem = Problem(code, message, Location(self.path, line), Severity.WARNING)
        if self.problems is not None:
            self.problems(problem)
        else:
            warnings.warn(PoWarning(problem), stacklevel=4)


def _language(value: str | LanguageTag | None, what: str) -> LanguageTag | None:
    if value is None or isinstance(value, LanguageTag):
        return value
    try:
        return LanguageTag.parse(value)
    except LanguageTagError as exc:
        raise UsageError(f"po: {what}: {exc}") from None


# --------------------------------------------------------------------------- reading


def _charset(data: bytes, report: _Reporter) -> str:
    """The header's charset as msgfmt reads it; UTF-8 when absent or unknown."""
    head = data[: data.find(b"\n\n") if b"\n\n" in data[:8192] else 8192]
    match = _CHARSET.search(head)
    if match is None:
        return "utf-8"
    name = match.group(1).decode("ascii", errors="replace")
    line = head[: match.start()].count(b"\n") + 1
    if not name or name.upper() == "CHARSET":
        written = head[match.start():].split(b"\\n", 1)[0].decode("ascii", "replace")
        report("po-charset", f"the header names no charset ({written!r}); reading as UTF-8 "
               "(if it is not, name its encoding: --encoding, or encoding= in Python)", line)
        return "utf-8"
    try:
        "".encode(name)
    except LookupError:
        report("po-charset", f"unknown charset {name!r} in the header; reading as UTF-8", line)
        return "utf-8"
    return name


def read_store(path: str | os.PathLike[str], **options: Any) -> Store:
    src_lang = _language(options.pop("src_lang", "en"), "src_lang")
    tgt_lang = _language(options.pop("tgt_lang", None), "tgt_lang")
    encoding = options.pop("encoding", None)
    report = _Reporter(os.fspath(path), bool(options.pop("strict", False)),
                       options.pop("problems", None))
    if options:
        raise UsageError(f"po: unknown option(s) {', '.join(sorted(options))}")
    data = read_bytes(path)
    if encoding is None:
        encoding = "utf-8" if sniff_bom(data)[0] else _charset(data, report)
    text = decode(data, path, encoding)
    # polib counts lines itself: give it LF line ends (CRLF and the CR CR LF of some
    # Windows tools would shift the numbers), and make sure it never takes the text for a path
    text = _EOL.sub("\n", text).replace("\r", "\n")
    if "\n" not in text:
        text += "\n"
    try:
        catalogue = polib.pofile(text, wrapwidth=78)
    except (OSError, ValueError) as exc:
        message = str(exc)
        found = _POLIB_LINE.search(message)
        detail = message.split("): ", 1)[1] if "): " in message else "syntax error"
        raise ParseError(f"PO syntax error: {detail}", path,
                         int(found.group(1)) if found else None) from None
    header = _header(catalogue, src_lang, tgt_lang, report)
    store = Store(header=header, origin=os.fspath(path), format="po")
    target_lang = header.target_lang
    for entry in catalogue:
        store.add(_unit(entry, src_lang, target_lang, report.path))
    return store


def _header(catalogue: polib.POFile, src_lang: LanguageTag | None,
            tgt_lang: LanguageTag | None, report: _Reporter) -> Header:
    header = Header(source_lang=src_lang)
    header.props = [(k, v) for k, v in catalogue.metadata.items()]
    metadata = dict(catalogue.metadata)
    if catalogue.header:
        header.notes.append(Note(catalogue.header))
    if catalogue.metadata_is_fuzzy:
        header.attrs["fuzzy"] = "yes"
    header.tool = metadata.get("X-Generator") or None
    language = (metadata.get("Language") or "").strip()
    if language:
        try:
            header.target_langs = [LanguageTag.parse(language)]
        except LanguageTagError:
            report("po-language", f"the header's Language {language!r} is not a language tag; "
                   "ignored")
    if not header.target_langs and tgt_lang is not None:
        header.target_langs = [tgt_lang]
    plural_forms = metadata.get("Plural-Forms")
    header.extra["nplurals"] = None
    if plural_forms is not None:
        header.extra["plural_forms"] = plural_forms
        found = _NPLURALS.search(plural_forms)
        if found and found.group(1).isdigit():
            header.extra["nplurals"] = int(found.group(1))
        else:
            report("po-plural-forms", f"Plural-Forms {plural_forms!r} gives no number of plural "
                   "forms (the template placeholder?); plural checks cannot use it")
    return header


def _unit(entry: polib.POEntry, src_lang: LanguageTag | None, tgt_lang: LanguageTag | None,
          path: str | None) -> Unit:
    source = Segment(entry.msgid, src_lang)
    target = Segment(entry.msgstr, tgt_lang)
    if entry.msgid_plural:
        source.extra["plurals"] = [entry.msgid, entry.msgid_plural]
        forms = entry.msgstr_plural
        count = max(forms) + 1 if forms else 0
        target.extra["plurals"] = [forms.get(i, "") for i in range(count)]
        target.text = target.extra["plurals"][0] if count else ""
    unit = Unit(source=source, targets=[target], id=unit_id(entry.msgid, entry.msgctxt),
                location=Location(path, entry.linenum))
    if entry.msgctxt is not None:
        unit.attrs["msgctxt"] = entry.msgctxt
    if entry.flags:
        unit.attrs["flags"] = ", ".join(entry.flags)
    if entry.obsolete:
        unit.attrs["obsolete"] = "yes"
    # gettext has comment *lines*, not notes: each line is one Note
    unit.notes.extend(Note(line) for line in entry.tcomment.split("\n") if entry.tcomment)
    unit.notes.extend(Note(line, annotates="source") for line in entry.comment.split("\n")
                      if entry.comment)
    if entry.occurrences:
        unit.extra["po.references"] = [tuple(o) for o in entry.occurrences]
    previous = {k: getattr(entry, f"previous_{k}") for k in ("msgctxt", "msgid", "msgid_plural")}
    previous = {k: v for k, v in previous.items() if v is not None}
    if previous:
        unit.extra["po.previous"] = previous
    return unit


# --------------------------------------------------------------------------- writing


def _metadata(store: Store) -> dict[str, str]:
    header = store.header
    metadata: dict[str, str] = {}
    if store.format == "po" or header.props:
        metadata.update((k, v) for k, v in header.props)
    defaults = {
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    if header.target_lang is not None:
        defaults["Language"] = header.target_lang.written()
    if header.extra.get("plural_forms"):
        defaults["Plural-Forms"] = header.extra["plural_forms"]
    for key, value in defaults.items():
        metadata.setdefault(key, value)
    content_type = metadata["Content-Type"]
    if _CHARSET.search(content_type.encode("utf-8", "replace")):
        metadata["Content-Type"] = re.sub(r"charset=\S*", "charset=UTF-8", content_type)
    else:
        metadata["Content-Type"] = content_type.rstrip("; ") + "; charset=UTF-8"
    return metadata


# Line separators that polib neither escapes nor reads back (it splits lines like
# str.splitlines); comments also cannot hold CR, VT or FF.
_UNSAFE = re.compile("[\x00\x1c\x1d\x1e\x85\u2028\u2029]")
_UNSAFE_COMMENT = re.compile("[\x00\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def _check(value: str, what: str, unit: Unit, index: int, path: str | os.PathLike[str]) -> str:
    unsafe = _UNSAFE_COMMENT if what in ("note", "flag") else _UNSAFE
    found = unsafe.search(value)
    if found:
        raise FormatError(f"unit {unit.id or index + 1!r}: {what} holds "
                          f"U+{ord(found.group()):04X}, which a PO file cannot carry (it would "
                          "break or end the line)", path)
    bad = re.search("[\ud800-\udfff]", value)
    if bad:
        raise FormatError(f"unit {unit.id or index + 1!r}: {what} holds a lone surrogate "
                          f"U+{ord(bad.group()):04X}, which UTF-8 cannot encode", path)
    return value


def _entry(unit: Unit, index: int, path: str | os.PathLike[str]) -> polib.POEntry:
    def check(value: str, what: str) -> str:
        return _check(value, what, unit, index, path)

    source = unit.source
    target = unit.target
    if not source.text:
        raise FormatError(f"unit {unit.id or index + 1!r}: an empty source cannot be written "
                          "to PO (msgid \"\" is the header)", path)
    entry = polib.POEntry(msgid=check(source.text, "source"))
    context = unit.attrs.get("msgctxt")
    if context is not None:
        entry.msgctxt = check(context, "msgctxt")
    plurals = source.extra.get("plurals")
    if plurals and len(plurals) > 1:
        entry.msgid_plural = check(plurals[1], "msgid_plural")
        forms = (target.extra.get("plurals") if target is not None else None) or [
            target.text if target is not None else ""]
        entry.msgstr_plural = {i: check(f, f"msgstr[{i}]") for i, f in enumerate(forms)}
    else:
        entry.msgstr = check(target.text, "target") if target is not None else ""
    flags = unit.attrs.get("flags")
    if flags:
        entry.flags = [check(f.strip(), "flag") for f in flags.split(",") if f.strip()]
    entry.obsolete = unit.attrs.get("obsolete") == "yes"
    general = [n.text for n in unit.notes if n.annotates != "source"]
    extracted = [n.text for n in unit.notes if n.annotates == "source"]
    entry.tcomment = check("\n".join(general), "note")
    entry.comment = check("\n".join(extracted), "note")
    entry.occurrences = [(str(f), str(n)) for f, n in unit.extra.get("po.references", ())]
    for key, value in unit.extra.get("po.previous", {}).items():
        setattr(entry, f"previous_{key}", check(value, f"previous {key}"))
    return entry


def write_store(store: Store, path: str | os.PathLike[str], **options: Any) -> None:
    problems: ProblemSink | None = options.pop("problems", None)
    if options:
        raise UsageError(f"po: unknown option(s) {', '.join(sorted(options))}")
    file_target_language(store, path, "PO")
    catalogue = polib.POFile(wrapwidth=78, encoding="utf-8")
    catalogue.metadata = _metadata(store)
    comment = "\n".join(n.text for n in store.header.notes)
    catalogue.header = comment
    catalogue.metadata_is_fuzzy = store.header.attrs.get("fuzzy") == "yes"
    spans = 0
    for index, unit in enumerate(store.units):
        catalogue.append(_entry(unit, index, path))
        spans += sum(len(seg.spans) for seg in unit.segments())
    if spans:
        problem = Problem("po-spans-dropped", f"{spans} inline code span(s) have no place in PO "
                          "and were not written", Location(os.fspath(path)), Severity.WARNING)
        if problems is not None:
            problems(problem)
        else:
            warnings.warn(PoWarning(problem), stacklevel=3)
    write_text(path, str(catalogue).rstrip("\n") + "\n")


@register
class PoHandler(FormatHandler):
    name = "po"
    description = "Gettext PO/POT catalogue (plurals, contexts, comments, obsolete entries)"
    extensions = ("po", "pot")
    kind = Kind.BILINGUAL
    read_options: ClassVar[frozenset[str]] = frozenset(
        {"src_lang", "tgt_lang", "encoding", "strict", "problems"})
    write_options: ClassVar[frozenset[str]] = frozenset({"problems"})

    def sniff(self, head: bytes) -> bool:
        encoding, skip = sniff_bom(head)
        text = head[skip:].decode(encoding or "utf-8", errors="ignore")
        return bool(re.search(r'^msgid\s+"', text, re.M)) and bool(
            re.search(r'^msgstr(\[\d+\])?\s+"', text, re.M))

    def read(self, path: str | os.PathLike[str], **options: Any) -> Store:
        return read_store(path, **options)

    def write(self, obj: Any, path: str | os.PathLike[str], **options: Any) -> None:
        write_store(obj, path, **options)
