"""Safe XML reading and checked XML writing, shared by the XML format adapters.

Reading: one parser configuration for every XML format ahenk reads, closed to hostile input —
no entity expansion, no DTD loading, no network, no huge trees. An entity reference that the
parser therefore leaves unexpanded is reported, not silently dropped. Syntax errors become
:class:`~ahenk.errors.ParseError` with the file, line and column lxml reports.

Writing: XML 1.0 cannot hold most C0 control characters, lone surrogates, U+FFFE or U+FFFF.
:func:`check_text` finds them before lxml does, so the error names the concept and field.
"""

from __future__ import annotations

import os
import re

from lxml import etree

from ahenk.errors import FormatError, ParseError

#: Characters that XML 1.0 cannot carry, even as character references.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_LANG = f"{{{XML_NS}}}lang"


#: The parser options every XML reader uses, whole-tree or streaming: entities are never
#: expanded, no DTD is loaded (from disk or network), libxml2's size and depth limits stay on.
HARDENED: dict[str, bool] = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
}


def safe_parser() -> etree.XMLParser:
    return etree.XMLParser(**HARDENED, remove_blank_text=False)


def parse(data: bytes, path: str | os.PathLike[str] | None) -> etree._Element:
    """Parse *data* with :func:`safe_parser`; return the root element or raise located errors."""
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as exc:
        line, column = (exc.position if exc.position else (exc.lineno, None))
        message = (exc.msg or str(exc)).strip()
        message = plain_message(re.sub(r",\s*line \d+,\s*column \d+\s*$", "", message))
        raise ParseError(f"not well-formed XML: {message}", path, line or None, column) from None
    except ValueError as exc:  # e.g. an unsupported declared encoding
        raise ParseError(f"cannot parse XML: {exc}", path) from None
    if root is None:
        raise ParseError("no XML document found", path)
    for entity in root.iter(etree.Entity):
        raise ParseError(
            f"entity reference {entity.text} is not expanded (entities are disabled for safety)",
            path,
            entity.sourceline,
        )
    return root


_HUGE_HINT = re.compile(r",?\s*(?:use|try) XML_PARSE_HUGE(?: option)?", re.I)


def plain_message(message: str) -> str:
    """libxml2's message on one line, its ``XML_PARSE_HUGE`` hint replaced by what it means."""
    message = " ".join(message.split())
    if _HUGE_HINT.search(message):
        message = _HUGE_HINT.sub("", message) + " (a limit ahenk keeps for untrusted XML)"
    if "xmlCtxtSetMaxAmplification" in message:
        message = "entity expansion too large (an entity expansion attack): refused"
    return message


def local(element: etree._Element) -> str:
    """The local name of an element, without namespace; '' for comments and PIs."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def namespace(element: etree._Element) -> str:
    tag = element.tag
    if isinstance(tag, str) and tag.startswith("{"):
        return tag[1:].split("}", 1)[0]
    return ""


def children(element: etree._Element) -> list[etree._Element]:
    """Element children only (no comments, PIs or entity nodes)."""
    return [c for c in element if isinstance(c.tag, str)]


def text_of(element: etree._Element) -> str:
    """All text inside *element* (inline markup flattened), stripped at both ends."""
    return "".join(element.itertext()).strip()


def lang_of(element: etree._Element) -> str | None:
    """The xml:lang in scope for *element* (its own or the nearest ancestor's)."""
    node: etree._Element | None = element
    while node is not None:
        value = node.get(XML_LANG)
        if value is not None:
            return value
        node = node.getparent()
    return None


def check_text(text: str, what: str, path: str | os.PathLike[str]) -> str:
    """Return *text* if XML 1.0 can hold it, else raise a FormatError naming *what*."""
    bad = _NOT_XML.search(text)
    if bad:
        char = bad.group()
        raise FormatError(
            f"{what}: character U+{ord(char):04X} cannot be written in XML 1.0 "
            f"(at offset {bad.start()}); remove it from the termbase",
            path,
        )
    return text


_NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")


def is_ncname(value: str) -> bool:
    """Whether *value* is a safe xs:ID (an ASCII subset of XML NCName)."""
    return bool(_NCNAME.match(value))
