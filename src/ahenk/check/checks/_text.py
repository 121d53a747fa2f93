"""Shared text patterns of the checks: URLs, e-mail addresses, placeholders, markup.

Format-agnostic: these read the plain text of a segment. Inline codes a format adapter already
turned into :class:`~ahenk.model.Span` objects are compared separately (placeholders.py).
"""

from __future__ import annotations

import regex

URL = regex.compile(r"(?:https?://|ftp://|www\.)[^\s<>\"«»“”]+[^\s<>\"«»“”.,;:!?)\]]", regex.I)
EMAIL = regex.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", regex.I)

#: printf: %s, %d, %1$s, %-5.2f, %(name)s; not "%%", not "50% of" (no space flag), not "%25",
#: not Azerbaijani "50%-i" (a minus flag needs a width).
PRINTF = regex.compile(
    r"%(?!%)(?:\(\w+\)|\d+\$)?[+0#]*(?:-?\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|q|j|z|t)?"
    r"[diouxXeEfFgGcrsaAp@]"
    r"(?![\p{L}\p{N}])"
)
#: Python/ICU/.NET braces: {0}, {name}, {count, plural, ...} opening, {{name}} (mustache).
BRACE = regex.compile(r"\{\{\s*[\w.]+\s*\}\}|\{[\w.]*(?:[,:!][^{}]*)?\}")
#: ${var}, $var$ (a few template languages).
DOLLAR = regex.compile(r"\$\{\w+\}|\$\w+\$")
#: An HTML/XML tag written as text: <b>, </a>, <br/>, <a href="…">.
TAG = regex.compile(r"</?[A-Za-z][\w:.-]*(?:\s+[^<>]*)?/?>")

PLACEHOLDER_PATTERNS = (("printf", PRINTF), ("brace", BRACE), ("dollar", DOLLAR), ("tag", TAG))


#: What each default pattern's match contains: a text without any has nothing to mask.
_MASKABLE = regex.compile(r"://|www\.|[@%{$<]", regex.I)


def mask(text: str, *patterns: regex.Pattern[str], fill: str = " ") -> str:
    """*text* with every match of *patterns* (URLs, e-mails and placeholders by default)
    replaced by *fill* characters (offsets kept): spaces, or a character that is neither
    space nor word where the spacing around the match is what is judged."""
    if not patterns and _MASKABLE.search(text) is None:
        return text  # most segments: one search instead of six substitutions
    for pattern in patterns or (URL, EMAIL, *(p for _, p in PLACEHOLDER_PATTERNS)):
        text = pattern.sub(lambda m: fill * len(m.group()), text)
    return text


def letters(text: str) -> int:
    return sum(map(str.isalpha, text))
