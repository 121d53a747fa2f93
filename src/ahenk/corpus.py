"""The document corpus: a TOML manifest and one plain-text file per document and language.

Layout (``corpus/``)::

    manifest.toml          id, title, date, genre, language of every document
    en/<id>.txt            the source documents exactly as published
    az/<id>.txt, ru/<id>.txt   line-for-line translations (line N renders line N; blank stays blank)

The line-for-line convention is what makes the corpus usable as alignment gold at paragraph level
and what :func:`validate_corpus` enforces; sentences inside a line may merge or split freely.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import regex

from ahenk.diagnostics import Problem, Severity
from ahenk.errors import AhenkError, FormatError, ParseError, SchemaError
from ahenk.io import decode, read_bytes
from ahenk.model.langtag import LanguageTag
from ahenk.model.unit import Location

MANIFEST = "manifest.toml"
GENRES = ("open-letter", "statement", "interview", "news-article", "report", "other")
_ID = re.compile(r"^[0-9]{4}-[0-9]{2}(-[0-9]{2})?_[a-z0-9]+(-[a-z0-9]+)*$")
WORD = regex.compile(r"[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*")
_CYRILLIC = regex.compile(r"\p{Cyrillic}")
_LATIN = regex.compile(r"\p{Latin}")


@dataclass
class Document:
    id: str
    title: str
    date: str  # ISO date, or YYYY-MM when only the month is known
    genre: str
    language: LanguageTag
    source: str = ""
    location: Location | None = None

    def path(self, corpus_dir: Path, lang: str) -> Path:
        return corpus_dir / lang / f"{self.id}.txt"


@dataclass
class Corpus:
    root: Path
    title: str
    source_language: LanguageTag
    languages: list[LanguageTag]
    documents: list[Document] = field(default_factory=list)

    @property
    def manifest_path(self) -> Path:
        return self.root / MANIFEST

    @property
    def target_languages(self) -> list[LanguageTag]:
        return [lang for lang in self.languages if lang != self.source_language]

    def text(self, doc: Document, lang: str | LanguageTag) -> str:
        """The document's text in *lang*, decoded (BOM-aware; errors carry file and line)."""
        code = lang.language if isinstance(lang, LanguageTag) else lang
        return decode(read_bytes(doc.path(self.root, code)), doc.path(self.root, code))


def _document_lines(text: str) -> list[int]:
    """1-based line numbers of each ``[[document]]`` header, to locate manifest problems."""
    return [i for i, line in enumerate(text.splitlines(), 1) if line.strip() == "[[document]]"]


def load_corpus(root: str | Path) -> Corpus:
    """Read ``manifest.toml`` under *root*; bad entries raise :class:`ParseError` with a line."""
    root = Path(root)
    manifest = root / MANIFEST
    if root.is_file() and root.name == MANIFEST:
        manifest, root = root, root.parent
    raw = decode(read_bytes(manifest), manifest)
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line, col = (int(match.group(1)), int(match.group(2))) if match else (None, None)
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise ParseError(f"invalid TOML: {message}", manifest, line, col) from None
    head = data.get("corpus", {})
    try:
        source = LanguageTag.parse(str(head.get("source_language", "en")))
        languages = [LanguageTag.parse(str(x)) for x in head.get("languages", ["en", "az", "ru"])]
    except AhenkError as exc:
        raise SchemaError(f"[corpus]: {exc}", manifest) from None
    corpus = Corpus(root, str(head.get("title", "")), source, languages)
    lines = _document_lines(raw)
    entries = data.get("document", [])
    if not isinstance(entries, list) or not entries:
        raise SchemaError("the manifest lists no [[document]]", manifest)
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        loc = Location(str(manifest), lines[index] if index < len(lines) else None)
        corpus.documents.append(_document(entry, loc, seen))
    return corpus


def _document(entry: dict, loc: Location, seen: set[str]) -> Document:
    def fail(message: str) -> SchemaError:
        return SchemaError(f"[[document]]: {message}", loc.path, loc.line)

    for key in ("id", "title", "date", "genre", "language"):
        if key not in entry:
            raise fail(f"missing {key!r}")
    doc_id = str(entry["id"])
    if not _ID.match(doc_id):
        raise fail(f"id {doc_id!r} is not 'YYYY-MM-DD_topic-words' (lower case, digits, hyphens)")
    if doc_id in seen:
        raise fail(f"id {doc_id!r} is listed twice")
    seen.add(doc_id)
    date = entry["date"]
    if isinstance(date, dt.date):
        date_text = date.isoformat()
    elif isinstance(date, str) and re.fullmatch(r"\d{4}-\d{2}", date):
        date_text = date
    else:
        raise fail(f"date {date!r} is neither a TOML date nor 'YYYY-MM'")
    if not doc_id.startswith(date_text):
        raise fail(f"id {doc_id!r} does not start with its date {date_text}")
    genre = str(entry["genre"])
    if genre not in GENRES:
        raise fail(f"genre {genre!r} is not one of {', '.join(GENRES)}")
    try:
        language = LanguageTag.parse(str(entry["language"]))
    except AhenkError as exc:
        raise fail(str(exc)) from None
    return Document(doc_id, str(entry["title"]), date_text, genre, language,
                    str(entry.get("source", "")), loc)


# --- validation -------------------------------------------------------------------------------


def _problem(code: str, message: str, path: Path, line: int | None = None,
             column: int | None = None, severity: Severity = Severity.ERROR) -> Problem:
    return Problem(code, message, Location(str(path), line, column), severity)


def _file_problems(path: Path, data: bytes) -> tuple[str | None, list[Problem]]:
    problems: list[Problem] = []
    try:
        text = decode(data, path)
    except FormatError as exc:
        return None, [_problem("undecodable", exc.message, path, exc.line, exc.column)]
    if data.startswith(b"\xef\xbb\xbf"):
        problems.append(_problem("byte-order-mark", "starts with a UTF-8 byte-order mark; "
                                 "corpus files are UTF-8 without BOM", path, 1, 1,
                                 Severity.WARNING))
    for number, line in enumerate(text.split("\n"), 1):
        if line.endswith("\r"):
            problems.append(_problem("line-ending", "CRLF line ending; corpus files use LF",
                                     path, number, len(line), Severity.WARNING))
            break
    for number, line in enumerate(text.split("\n"), 1):
        for col, char in enumerate(line.rstrip("\r"), 1):
            if unicodedata.category(char) == "Cc" and char != "\t":
                problems.append(_problem("control-character",
                                         f"control character U+{ord(char):04X}", path, number, col))
    if unicodedata.normalize("NFC", text) != text:
        problems.append(_problem("not-nfc", "text is not in Unicode NFC; write composed characters",
                                 path, severity=Severity.WARNING))
    return text, problems


def _script_problems(lang: str, lines: list[str], path: Path) -> list[Problem]:
    problems: list[Problem] = []
    letters_total = 0
    schwa = 0
    for number, line in enumerate(lines, 1):
        cyr = len(_CYRILLIC.findall(line))
        lat = len(_LATIN.findall(line))
        letters_total += cyr + lat
        schwa += line.count("ə") + line.count("Ə")
        if lang == "az" and cyr:
            col = _CYRILLIC.search(line).start() + 1
            problems.append(_problem("wrong-script", "Cyrillic letters in an Azerbaijani (Latin) "
                                     "text", path, number, col))
        if lang == "en" and cyr:
            col = _CYRILLIC.search(line).start() + 1
            problems.append(_problem("wrong-script", "Cyrillic letters in an English text",
                                     path, number, col, Severity.WARNING))
        if lang == "ru" and lat > 40 and cyr < lat / 4:
            problems.append(_problem("wrong-script", "line is mostly Latin in a Russian text; "
                                     "left untranslated?", path, number, 1))
    if lang == "az" and letters_total > 200 and schwa == 0:
        problems.append(_problem("wrong-script", "no 'ə' anywhere: this does not look like "
                                 "Azerbaijani in the Latin alphabet", path))
    return problems


def _structure_problems(src: list[str], tgt: list[str], tgt_path: Path,
                        src_path: Path) -> list[Problem]:
    problems: list[Problem] = []
    if len(src) != len(tgt):
        problems.append(_problem("line-count", f"{len(tgt)} lines, but the source {src_path.name} "
                                 f"has {len(src)}: translations render the source line for line",
                                 tgt_path, min(len(src), len(tgt)) + 1))
    for number, (s, t) in enumerate(zip(src, tgt, strict=False), 1):
        if bool(s.strip()) != bool(t.strip()):
            what = ("blank where the source has text" if s.strip()
                    else "text where the source is blank")
            problems.append(_problem("paragraph-mismatch", what, tgt_path, number, 1))
        elif s.strip() and s.strip() == t.strip() and len(WORD.findall(s)) >= 4 and \
                sum(1 for w in WORD.findall(s) if not w.isdigit()) >= 4:
            problems.append(_problem("untranslated-line", "identical to the source line",
                                     tgt_path, number, 1, Severity.WARNING))
    return problems


def validate_corpus(corpus: Corpus) -> list[Problem]:
    """Every problem of every file: encoding, script, and line-for-line structure."""
    problems: list[Problem] = []
    source = corpus.source_language.language
    for doc in corpus.documents:
        texts: dict[str, list[str]] = {}
        for lang in [source] + [t.language for t in corpus.target_languages]:
            path = doc.path(corpus.root, lang)
            if not path.is_file():
                problems.append(_problem("missing-file", f"document {doc.id!r} has no {lang} text",
                                         path))
                continue
            text, found = _file_problems(path, path.read_bytes())
            problems.extend(found)
            if text is None:
                continue
            lines = text.split("\n")
            if lines and lines[-1] == "":
                lines.pop()
            texts[lang] = lines
            problems.extend(_script_problems(lang, lines, path))
        if source not in texts:
            continue
        for lang, lines in texts.items():
            if lang != source:
                problems.extend(_structure_problems(texts[source], lines,
                                                    doc.path(corpus.root, lang),
                                                    doc.path(corpus.root, source)))
    listed = {doc.id for doc in corpus.documents}
    for lang in corpus.languages:
        folder = corpus.root / lang.language
        for path in sorted(folder.glob("*.txt")) if folder.is_dir() else []:
            if path.stem not in listed:
                problems.append(_problem("unlisted-file", "not listed in manifest.toml",
                                         path, severity=Severity.WARNING))
    return problems


# --- statistics -------------------------------------------------------------------------------


@dataclass
class TextStats:
    documents: int = 0
    paragraphs: int = 0
    words: int = 0
    characters: int = 0

    def add(self, text: str) -> None:
        self.documents += 1
        self.paragraphs += sum(1 for line in text.splitlines() if line.strip())
        self.words += len(WORD.findall(text))
        self.characters += len(text)


def corpus_stats(corpus: Corpus) -> dict[str, TextStats]:
    """Per-language counts over the files that exist (missing ones are validation's business)."""
    stats: dict[str, TextStats] = {}
    for lang in corpus.languages:
        entry = stats.setdefault(lang.language, TextStats())
        for doc in corpus.documents:
            path = doc.path(corpus.root, lang.language)
            if path.is_file():
                entry.add(corpus.text(doc, lang))
    return stats
