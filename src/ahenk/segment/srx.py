"""Read SRX 2.0 files into a small rule model that remembers where each rule came from.

The model mirrors the standard: a header (``cascade``), named ``languagerule``\\ s holding ordered
``rule``\\ s (``break`` yes/no, ``beforebreak``, ``afterbreak``), and ordered ``maprules``
(``languagemap``: a regex on the language code naming a language rule). Rules keep their file
and line so an untranslatable regex or a surprising decision can be traced to its source.

Parsing uses the standard library's expat (the one XML dependency of the segmenter is the
format-neutral parser, not lxml): document type declarations are refused, which rules out entity
expansion attacks, and element positions come with the events.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

from ahenk.errors import ParseError, SchemaError
from ahenk.io import read_bytes

SRX_NS = "http://www.lisa.org/srx20"
_SEP = "\x1f"  # expat namespace separator; never legal in XML names
#: Limits for untrusted rule files, as the lxml readers have them (see ahenk.limits).
MAX_DEPTH = 256
MAX_TEXT = 100_000  # characters in one element (a regex) or attribute


@dataclass(frozen=True)
class Rule:
    """One ``<rule>``: a break (or no-break) decision where *before* ends and *after* begins."""

    breaks: bool
    before: str
    after: str
    line: int | None = None


@dataclass(frozen=True)
class LanguageRule:
    name: str
    rules: tuple[Rule, ...]
    line: int | None = None


@dataclass(frozen=True)
class LanguageMap:
    pattern: str
    rule_name: str
    line: int | None = None


@dataclass(frozen=True)
class SrxDocument:
    """A parsed SRX file. ``sha256`` is the hash of the exact bytes it was read from."""

    language_rules: dict[str, LanguageRule]
    maps: tuple[LanguageMap, ...]
    cascade: bool = False
    path: str | None = None
    sha256: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return Path(self.path).name if self.path else "<srx>"


def load_srx(path: str | os.PathLike[str]) -> SrxDocument:
    """Read and parse the SRX file at *path*; errors name the file and line."""
    return parse_srx(read_bytes(path), path)


def parse_srx(data: bytes, path: str | os.PathLike[str] | None = None) -> SrxDocument:
    root = _Tree.parse(data, path)
    where = os.fspath(path) if path is not None else None
    if root.name != "srx" or root.ns not in (SRX_NS, ""):
        raise SchemaError(f"root element is <{root.name}>, not SRX 2.0 <srx>", where, root.line)
    version = root.attrs.get("version", "")
    if version != "2.0":
        raise SchemaError(
            f"SRX version {version or '(none)'} is not supported; need 2.0", where, root.line
        )
    header = root.child("header")
    body = root.child("body")
    if header is None or body is None:
        raise SchemaError("<srx> needs <header> and <body>", where, root.line)
    rules_el = body.child("languagerules")
    maps_el = body.child("maprules")
    if rules_el is None or maps_el is None:
        raise SchemaError("<body> needs <languagerules> and <maprules>", where, body.line)

    language_rules: dict[str, LanguageRule] = {}
    for lr in rules_el.children("languagerule"):
        name = lr.attrs.get("languagerulename")
        if not name:
            raise SchemaError("<languagerule> without languagerulename", where, lr.line)
        if name in language_rules:
            raise SchemaError(f"languagerule {name!r} is defined twice", where, lr.line)
        rules = []
        for rule in lr.children("rule"):
            flag = rule.attrs.get("break", "yes")
            if flag not in ("yes", "no"):
                raise SchemaError(f"break={flag!r}: must be yes or no", where, rule.line)
            before, after = rule.child("beforebreak"), rule.child("afterbreak")
            rules.append(
                Rule(
                    breaks=flag == "yes",
                    before=before.text if before is not None else "",
                    after=after.text if after is not None else "",
                    line=rule.line,
                )
            )
        language_rules[name] = LanguageRule(name, tuple(rules), lr.line)

    maps = []
    for lm in maps_el.children("languagemap"):
        pattern = lm.attrs.get("languagepattern")
        target = lm.attrs.get("languagerulename")
        if pattern is None or target is None:
            raise SchemaError(
                "<languagemap> needs languagepattern and languagerulename", where, lm.line
            )
        if target not in language_rules:
            raise SchemaError(
                f"languagemap names undefined languagerule {target!r}", where, lm.line
            )
        maps.append(LanguageMap(pattern, target, lm.line))

    return SrxDocument(
        language_rules=language_rules,
        maps=tuple(maps),
        cascade=header.attrs.get("cascade", "no") == "yes",
        path=where,
        sha256=hashlib.sha256(data).hexdigest(),
    )


@dataclass
class _Element:
    ns: str
    name: str
    attrs: dict[str, str]
    line: int
    parts: list[str] = field(default_factory=list)
    kids: list[_Element] = field(default_factory=list)
    size: int = 0

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def children(self, name: str) -> list[_Element]:
        return [k for k in self.kids if k.name == name and k.ns in (SRX_NS, "")]

    def child(self, name: str) -> _Element | None:
        found = self.children(name)
        return found[0] if found else None


class _Tree:
    """A minimal expat tree builder keeping element line numbers."""

    @staticmethod
    def parse(data: bytes, path: str | os.PathLike[str] | None) -> _Element:
        where = os.fspath(path) if path is not None else None
        parser = expat.ParserCreate(namespace_separator=_SEP)
        stack: list[_Element] = []
        roots: list[_Element] = []

        def start(tag: str, attrs: dict[str, str]) -> None:
            if len(stack) >= MAX_DEPTH:
                raise ParseError(f"elements nested deeper than {MAX_DEPTH}", where,
                                 parser.CurrentLineNumber)
            ns, _, name = tag.rpartition(_SEP)
            if any(len(value) > MAX_TEXT for value in attrs.values()):
                raise ParseError(f"an attribute of <{name}> holds more than {MAX_TEXT:,} "
                                 "characters", where, parser.CurrentLineNumber)
            element = _Element(ns, name, attrs, parser.CurrentLineNumber)
            (stack[-1].kids if stack else roots).append(element)
            stack.append(element)

        def end(_tag: str) -> None:
            stack.pop()

        def chars(text: str) -> None:
            if stack:
                stack[-1].parts.append(text)
                stack[-1].size += len(text)
                if stack[-1].size > MAX_TEXT:
                    raise ParseError(f"<{stack[-1].name}> holds more than {MAX_TEXT:,} "
                                     "characters", where, parser.CurrentLineNumber)

        def doctype(*_args: object) -> None:
            raise ParseError(
                "document type declarations are not allowed in SRX", where, parser.CurrentLineNumber
            )

        parser.StartElementHandler = start
        parser.EndElementHandler = end
        parser.CharacterDataHandler = chars
        parser.StartDoctypeDeclHandler = doctype
        try:
            parser.Parse(data, True)
        except expat.ExpatError as exc:
            raise ParseError(
                f"not well-formed XML: {expat.ErrorString(exc.code)}",
                where,
                exc.lineno,
                exc.offset + 1,
            ) from None
        except LookupError as exc:  # an encoding expat does not know, found by fuzzing
            raise ParseError(f"cannot read the XML: {exc}", where, 1) from None
        if not roots:  # pragma: no cover - expat rejects documents without an element
            raise ParseError("no root element", where)
        return roots[0]
