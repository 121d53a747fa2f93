"""Streaming validation of a TMX file against the TMX 1.4 DTD, one ``<tu>`` at a time.

The DTD is not shipped with ahenk: ``tmx14.dtd`` ("-//LISA OSCAR:1998//DTD for Translation
Memory eXchange//EN") carries no licence header of its own, so whether it may be redistributed
is unclear. :func:`find_dtd` looks for a copy the user names, then for the one in the
project's reference folder (``../shared``, or ``$AHENK_SHARED``); without one, callers skip
DTD validation and say so.

lxml validates a whole tree, which a 1 GB file is not kept as: the header and every ``<tu>``
are validated as subtrees while ``iterparse`` streams, then dropped; what lies between them
(the ``<tmx>`` attributes and its children, the children of ``<body>``) is checked here
against the same content models. Problems carry the code ``dtd-invalid`` and the line libxml2
reports.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

import ahenk
from ahenk.diagnostics import Problem, Severity
from ahenk.errors import FormatError
from ahenk.formats.tmx_read import _HARDENED, _syntax_error
from ahenk.model import Location

#: Where the reference copy lives inside ``../shared``.
SHARED_DTD = Path("interop") / "schemas" / "omegat" / "tmx14.dtd"
DTD_CODE = "dtd-invalid"


def find_dtd(explicit: str | os.PathLike[str] | None = None) -> Path | None:
    """The TMX 1.4 DTD to validate against: *explicit*, else ``../shared``'s copy, else None.

    ``../shared`` is the folder beside the source checkout, or ``$AHENK_SHARED`` when set.
    """
    if explicit is not None:
        path = Path(explicit)
        if not path.is_file():
            raise FormatError("no such DTD file", path)
        return path
    shared = os.environ.get("AHENK_SHARED")  # as the test suite: it replaces ../shared
    root = Path(shared) if shared else Path(ahenk.__file__).resolve().parents[2].parent / "shared"
    candidate = root / SHARED_DTD
    return candidate if candidate.is_file() else None


def load_dtd(path: str | os.PathLike[str]) -> etree.DTD:
    try:
        return etree.DTD(os.fspath(path))
    except (etree.DTDParseError, OSError) as exc:
        raise FormatError(f"cannot load the DTD: {exc}", path) from None


def dtd_problems(path: str | os.PathLike[str], dtd: etree.DTD) -> Iterator[Problem]:
    """Yield a ``dtd-invalid`` problem for every DTD violation in *path*, in file order."""
    name = os.fspath(path)

    def problem(message: str, line: int | None) -> Problem:
        return Problem(DTD_CODE, f"not valid TMX 1.4: {message}", Location(name, line),
                       Severity.ERROR)

    try:
        handle = open(name, "rb")  # noqa: SIM115 - closed by the with below
    except OSError as exc:
        raise FormatError(exc.strerror or "cannot open", name) from None
    with handle:
        events = etree.iterparse(handle, events=("start", "end"),
                                 tag=("tmx", "header", "body", "tu"), **_HARDENED)
        try:
            for event, element in events:
                tag = element.tag
                if event == "start":
                    if tag == "tmx":
                        yield from _root_attributes(element, problem)
                    continue
                if tag in ("header", "tu"):
                    parent = element.getparent()
                    if tag == "tu" and parent is not None:
                        if parent.tag != "body":
                            yield problem(f"<tu> is not allowed in <{parent.tag}>",
                                          element.sourceline)
                        yield from _strays(element, problem)
                    if not dtd.validate(element):
                        for entry in dtd.error_log:
                            if "xmlns:xml" not in entry.message:  # lxml's fake-root artefact
                                yield problem(plain(entry.message),
                                              entry.line or element.sourceline)
                    element.clear(keep_tail=False)
                    if tag == "tu" and parent is not None:
                        while element.getprevious() is not None:
                            del parent[0]
                elif tag == "body":
                    yield from _strays(None, problem, element)
                elif tag == "tmx":
                    children = [c.tag for c in element if isinstance(c.tag, str)]
                    if children != ["header", "body"]:
                        found = ", ".join(f"<{c}>" for c in children) or "nothing"
                        yield problem(f"<tmx> must hold <header> then <body>, not {found}",
                                      element.sourceline)
        except etree.XMLSyntaxError as exc:
            raise _syntax_error(exc, name) from None


_PLAIN = (
    (re.compile(r"^No declaration for attribute (\S+) of element (\S+)$"),
     r"<\2> has an attribute \1 that TMX 1.4 does not define"),
    (re.compile(r"^Element (\S+) does not carry attribute (\S+)$"),
     r"<\1> lacks the required attribute \2"),
    (re.compile(r"^Element (\S+) required attribute (\S+) has no prefix$"),
     r"<\1> lacks the required attribute \2"),
    (re.compile(r"^Element (\S+) is not declared in (\S+) list of possible children$"),
     r"<\1> is not allowed inside <\2>"),
    (re.compile(r"^No declaration for element (\S+)$"),
     r"<\1> is not a TMX 1.4 element"),
    (re.compile(r"^Element (\S+) content does not follow the DTD, expecting (.*), got (.*)$"),
     r"the content of <\1> is not what TMX 1.4 allows: expected \2, found \3"),
)


def plain(message: str) -> str:
    """libxml2's DTD message in words a translator can act on (unknown ones as they are)."""
    message = message.strip()
    for pattern, replacement in _PLAIN:
        if pattern.match(message):
            return pattern.sub(replacement, message)
    return message


def _root_attributes(element, problem) -> Iterator[Problem]:  # type: ignore[no-untyped-def]
    for key in element.attrib:
        if key != "version":
            yield problem(f"<tmx> has an attribute {key} that TMX 1.4 does not define",
                          element.sourceline)
    version = element.get("version")
    if version is None:
        yield problem("<tmx> lacks the required attribute version", element.sourceline)
    elif version != "1.4":
        yield problem(f"this is TMX version {version!r}; the TMX 1.4 DTD requires \"1.4\"",
                      element.sourceline)


def _strays(tu, problem, body=None) -> Iterator[Problem]:  # type: ignore[no-untyped-def]
    """Elements other than <tu> directly in <body> (before *tu*, or all left at its end)."""
    siblings = list(body) if body is not None else []
    if tu is not None:
        sibling = tu.getprevious()
        while sibling is not None:
            siblings.insert(0, sibling)
            sibling = sibling.getprevious()
    for sibling in siblings:
        if isinstance(sibling.tag, str) and sibling.tag != "tu":
            yield problem(f"<{sibling.tag}> is not allowed in <body>", sibling.sourceline)
