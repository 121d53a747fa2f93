"""The segmenter: a template-method base and the SRX 2.0 engine.

:meth:`Segmenter.segment` is the one public algorithm: it validates the language, cuts the text
into paragraphs (a paragraph break always breaks), asks the subclass hook :meth:`_breaks` for the
break offsets inside each paragraph, and returns trimmed :class:`TextSegment`\\ s whose
``start``/``end`` index the original text, with 1-based line and column.

SRX semantics (SRX 2.0, §2): for a language, the rules of the first matching ``languagemap`` (or,
with ``cascade="yes"``, of every matching map in order) form one ordered list. At a position
between two characters the first rule whose ``beforebreak`` matches text ending there and whose
``afterbreak`` matches text starting there decides: break or not. No matching rule: no break.
An empty pattern matches everywhere.

How it is fast: only positions where some ``break="yes"`` rule matches can become breaks, so one
scan with the alternation of all break rules finds the candidates; consecutive rules with the same
decision are merged into one alternation (order between them cannot matter), so deciding a
candidate costs one match per run of rules, not one per rule. Each ``beforebreak`` is run as a
variable-length lookbehind, which is exactly "matches text ending here".
"""

from __future__ import annotations

import bisect
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import ClassVar, Literal

import regex

from ahenk import __version__, limits
from ahenk.errors import FormatError, ParseError, UsageError
from ahenk.model import LanguageTag, parse_language
from ahenk.segment import icu
from ahenk.segment.srx import Rule, SrxDocument

Paragraphs = Literal["line", "blank"]
PARAGRAPH_MODES: tuple[str, ...] = ("line", "blank")

_PARAGRAPH_BREAKS = {
    # every line is a paragraph: plain-text corpora, one paragraph per line
    "line": re.compile(r"\r\n|[\n\r\x0b\x0c\x85\u2028\u2029]"),
    # an empty or blank line (or U+2029) separates paragraphs; single line breaks are spaces
    "blank": re.compile(
        r"(?:\r\n|[\n\r])[ \t\f\v]*(?:\r\n|[\n\r])(?:[ \t\f\v]*(?:\r\n|[\n\r]))*|\u2029"
    ),
}


@dataclass(frozen=True)
class TextSegment:
    """A segment: ``text == source[start:end]``, trimmed of surrounding whitespace.

    ``line`` and ``column`` (1-based, in characters) locate ``start``; ``paragraph`` counts
    paragraphs from 0.
    """

    start: int
    end: int
    text: str
    line: int
    column: int
    paragraph: int


@dataclass(frozen=True)
class Signature:
    """What produced a segmentation, for reproducibility (sacrebleu style)."""

    name: str
    rules: str
    rules_hash: str
    paragraphs: str
    version: str = __version__

    def as_dict(self) -> dict[str, str]:
        return {
            "name": self.name,
            "rules": self.rules,
            "rules_hash": self.rules_hash,
            "paragraphs": self.paragraphs,
            "version": self.version,
        }

    def __str__(self) -> str:
        return (
            f"{self.name}|rules:{self.rules}|hash:sha256:{self.rules_hash[:12]}"
            f"|paragraphs:{self.paragraphs}|version:{self.version}"
        )


class Segmenter(ABC):
    """Base of every segmenter; subclasses fill :meth:`_prepare` and :meth:`_breaks`."""

    name: ClassVar[str] = "segmenter"

    def __init__(self, paragraphs: Paragraphs = "line") -> None:
        if paragraphs not in PARAGRAPH_MODES:
            raise UsageError(
                f"paragraphs={paragraphs!r}: choose one of {', '.join(PARAGRAPH_MODES)}"
            )
        self.paragraphs = paragraphs
        self._prepared: dict[str, object] = {}

    def segment(self, text: str, lang: str | LanguageTag) -> list[TextSegment]:
        if not isinstance(text, str):
            raise TypeError(f"segment() needs str, not {type(text).__name__}")
        prepared = self.prepare(lang)
        lines = _LineIndex(text)
        result = []
        for number, (p_start, p_end) in enumerate(self._paragraph_spans(text)):
            chunk = text[p_start:p_end]
            cuts = [0, *sorted(set(self._breaks(chunk, prepared))), len(chunk)]
            for a, b in zip(cuts, cuts[1:], strict=False):
                start, end = _trim(chunk, a, b)
                if start < end:
                    line, column = lines.locate(p_start + start)
                    result.append(
                        TextSegment(
                            p_start + start, p_start + end, chunk[start:end], line, column, number
                        )
                    )
        return result

    def prepare(self, lang: str | LanguageTag) -> object:
        """Validate *lang* and return the compiled rules for it (cached per language)."""
        tag = parse_language(lang)
        key = tag.tag
        if key not in self._prepared:
            self._prepared[key] = self._prepare(tag)
        return self._prepared[key]

    @abstractmethod
    def signature(self) -> Signature: ...

    @abstractmethod
    def _prepare(self, tag: LanguageTag) -> object:
        """Compile what :meth:`_breaks` needs for *tag*; raise UsageError if it has no rules."""

    @abstractmethod
    def _breaks(self, paragraph: str, prepared: object) -> Iterable[int]:
        """Offsets inside *paragraph* (0 < offset < len) where a segment ends."""

    def _paragraph_spans(self, text: str) -> Iterator[tuple[int, int]]:
        start = 0
        for match in _PARAGRAPH_BREAKS[self.paragraphs].finditer(text):
            yield start, match.start()
            start = match.end()
        yield start, len(text)


@dataclass(frozen=True)
class _RuleRun:
    breaks: bool
    pattern: regex.Pattern[str]


@dataclass(frozen=True)
class _Compiled:
    candidates: regex.Pattern[str] | None
    runs: tuple[_RuleRun, ...]
    rule_names: tuple[str, ...]


class SrxSegmenter(Segmenter):
    """Applies an SRX 2.0 document; ``SrxSegmenter()`` uses ahenk's shipped rules."""

    name = "ahenk-srx"

    def __init__(self, rules: SrxDocument | None = None, paragraphs: Paragraphs = "line") -> None:
        super().__init__(paragraphs)
        from ahenk.segment.rules import shipped_rules

        shipped = shipped_rules()
        if rules is None:
            rules = shipped
        self.rules = rules
        # A user's rule file may hold a rule that backtracks without end: bound its time per
        # paragraph. The shipped rules are tested and take microseconds, so they run unbounded
        # (the regex module's timeout bookkeeping costs them about 40% of their speed).
        self._timeout = None if rules.sha256 == shipped.sha256 else limits.REGEX_TIMEOUT_SECONDS
        self._by_rule_names: dict[tuple[str, ...], _Compiled] = {}

    def signature(self) -> Signature:
        return Signature(self.name, self.rules.name, self.rules.sha256, self.paragraphs)

    def rule_names(self, lang: str | LanguageTag) -> tuple[str, ...]:
        """The names of the language rules applied to *lang*, in order."""
        return self.prepare(lang).rule_names  # type: ignore[attr-defined]

    def _prepare(self, tag: LanguageTag) -> _Compiled:
        doc = self.rules
        names = _matching_rule_names(doc, tag)
        if not names:
            known = ", ".join(doc.language_rules)
            raise UsageError(
                f"no segmentation rules for language {tag.written()!r} in {doc.name} "
                f"(its language rules: {known})"
            )
        key = tuple(names)
        if key in self._by_rule_names:  # az, az-AZ and aze share one compilation
            return self._by_rule_names[key]
        rules = [rule for name in names for rule in doc.language_rules[name].rules]
        pieces = [(rule, _zero_width(rule, doc)) for rule in rules]
        runs: list[_RuleRun] = []
        for breaks, group in _runs(pieces):
            runs.append(_RuleRun(breaks, _compile(group, doc)))
        yes = [piece for piece in pieces if piece[0].breaks]
        candidates = _compile(yes, doc) if yes else None
        compiled = _Compiled(candidates, tuple(runs), key)
        self._by_rule_names[key] = compiled
        return compiled

    def _breaks(self, paragraph: str, prepared: object) -> Iterator[int]:
        assert isinstance(prepared, _Compiled)
        if prepared.candidates is None:
            return
        size = len(paragraph)
        runs = prepared.runs
        timeout = self._timeout
        try:
            for match in prepared.candidates.finditer(paragraph, timeout=timeout):
                position = match.start()
                if position == 0 or position >= size:
                    continue
                for run in runs:
                    if run.pattern.match(paragraph, position, timeout=timeout):
                        if run.breaks:
                            yield position
                        break
        except TimeoutError:
            raise FormatError(
                f"the segmentation rules ({', '.join(prepared.rule_names)}) took longer than "
                f"{timeout:g} s on one paragraph of {size} characters: a rule backtracks "
                "catastrophically; fix or remove it") from None


def _matching_rule_names(doc: SrxDocument, tag: LanguageTag) -> list[str]:
    """Language rule names for *tag*: first matching map, or all matching ones with cascade.

    A map's ``languagepattern`` must match a whole spelling of the tag, case-insensitively (SRX
    files write ``EN.*``, ``(en|EN).*`` and ``[Ee][Nn].*`` alike): the tag as written, its
    normalised BCP 47 form with ``-`` or ``_``, or the bare language subtag.
    """
    spellings = {tag.written(), tag.tag, tag.tag.replace("-", "_"), tag.language}
    names: list[str] = []
    for lm in doc.maps:
        try:
            pattern = regex.compile(icu.translate(lm.pattern), icu.FLAGS | regex.IGNORECASE)
        except icu.UntranslatableRegex as exc:
            raise ParseError(f"languagepattern {lm.pattern!r}: {exc}", doc.path, lm.line) from None
        if any(pattern.fullmatch(s) for s in spellings):
            if lm.rule_name not in names:
                names.append(lm.rule_name)
            if not doc.cascade:
                break
    return names


def _zero_width(rule: Rule, doc: SrxDocument) -> str:
    parts = []
    for side, text in (("beforebreak", rule.before), ("afterbreak", rule.after)):
        if not text:
            continue
        try:
            translated = icu.translate(text)
        except icu.UntranslatableRegex as exc:
            raise ParseError(f"{side} {text!r}: {exc}", doc.path, rule.line) from None
        if icu.has_backreference(translated):
            # Rules are matched as lookbehinds and merged into alternations, where group
            # numbers shift and a lookbehind runs backwards: refuse rather than mis-match.
            raise ParseError(
                f"{side} {text!r}: back references are not supported", doc.path, rule.line
            )
        parts.append(f"(?<={translated})" if side == "beforebreak" else f"(?={translated})")
    return "".join(parts)


def _runs(pieces: list[tuple[Rule, str]]) -> Iterator[tuple[bool, list[tuple[Rule, str]]]]:
    group: list[tuple[Rule, str]] = []
    for piece in pieces:
        if group and group[-1][0].breaks != piece[0].breaks:
            yield group[0][0].breaks, group
            group = []
        group.append(piece)
    if group:
        yield group[0][0].breaks, group


def _compile(group: list[tuple[Rule, str]], doc: SrxDocument) -> regex.Pattern[str]:
    body = "|".join(f"(?:{text})" for _, text in group)
    try:
        return regex.compile(body, icu.FLAGS)
    except regex.error as exc:  # pragma: no cover - each piece compiled alone already
        raise ParseError(f"rules cannot be combined: {exc}", doc.path, group[0][0].line) from None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


class _LineIndex:
    """Offsets of line starts, for 1-based line and column of any offset."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [
            m.end() for m in re.finditer(r"\r\n|[\n\r\x0b\x0c\x85\u2028\u2029]", text)
        ]

    def locate(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index] + 1
