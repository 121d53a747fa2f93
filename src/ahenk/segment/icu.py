"""Translate ICU / Java regular expressions, as SRX files write them, into ``regex``'s dialect.

SRX 2.0 says its patterns follow ICU syntax; CAT tools written in Java feed them to
``java.util.regex``. The ``regex`` module in V1 mode already shares most of that syntax: nested
character classes with ``&&`` intersection, scoped inline flags (``a(?i:b)``, ``((?i)jan|feb)``),
possessive quantifiers, atomic groups, ``\\p{…}`` properties, variable-length lookbehind. What it
reads differently or not at all is rewritten here:

==============================  ============================================================
ICU / Java                      ``regex`` (V1)
==============================  ============================================================
``\\Q…\\E``                        the escaped literal
``\\x{h…}``, ``\\0ooo``, ``\\cX``     ``\\U0000hhhh`` (one code point)
``\\e``                           ``\\x1b``
``\\h`` ``\\H`` ``\\v`` ``\\V`` ``\\R``    explicit classes / groups (Java 8 meanings)
``\\z`` / ``\\Z``                   ``\\Z`` / end-before-final-line-terminator lookahead
``\\k<name>``                     ``(?P=name)``
``\\p{javaLowerCase}``, ``\\p{IsL}`` … ``\\p{Lowercase}``, ``\\p{L}`` …
inline flags ``u`` ``U`` ``d``      dropped: matching is always Unicode-aware and ``.`` already
                                stops only at ``\\n`` as under ``d``
==============================  ============================================================

Semantics that follow ICU rather than Java's defaults, on purpose: ``\\w``, ``\\b``, ``\\p{Punct}``
and ``(?i)`` are Unicode-aware (Java's are ASCII unless flagged), which is what rules for
Azerbaijani and Russian need.

Anything else that Python cannot compile — an unknown property, an unknown inline flag, ICU's
``(?w)`` word-boundary mode, ``\\b{…}``, a lone surrogate escape — raises
:class:`UntranslatableRegex`; the SRX loader turns that into a located
:class:`~ahenk.errors.ParseError` rather than dropping the rule.
"""

from __future__ import annotations

import regex

FLAGS = regex.V1 | regex.UNICODE

_JAVA_PROPERTIES = {
    "javalowercase": r"\p{Lowercase}",
    "javauppercase": r"\p{Uppercase}",
    "javatitlecase": r"\p{Lt}",
    "javawhitespace": r"[\t\n\x0b\f\r\x1c-\x1f\p{Zs}--[\xa0\u2007\u202f]]",
    "javaspacechar": r"\p{Z}",
    "javaletter": r"\p{L}",
    "javadigit": r"\p{Nd}",
    "javaletterordigit": r"[\p{L}\p{Nd}]",
    "javaalphabetic": r"\p{Alphabetic}",
    "javaideographic": r"\p{Ideographic}",
    "javamirrored": r"\p{Bidi_Mirrored}",
    "javadefined": r"\P{Cn}",
    "javaisocontrol": r"[\x00-\x1f\x7f-\x9f]",
}

_HSPACE = r"\t \xa0\u1680\u180e\u2000-\u200a\u202f\u205f\u3000"
_VSPACE = r"\n\x0b\f\r\x85\u2028\u2029"
_LINE_END = r"(?:\r\n|[\n\r\x85\u2028\u2029])"

# Escapes that mean the same in both dialects and are copied as they are.
_SAME = set("tnrfa dDsSwWbBAGX.\\^$|?*+()[]{}-/&!\"'#%,:;<=>@_`~ ")
_SAME.discard(" ")


class UntranslatableRegex(ValueError):
    """A construct with no faithful ``regex`` equivalent; ``offset`` is its index in the pattern."""

    def __init__(self, reason: str, offset: int) -> None:
        super().__init__(f"{reason} (at character {offset + 1} of the pattern)")
        self.reason = reason
        self.offset = offset


def translate(pattern: str) -> str:
    """Return *pattern* rewritten for ``regex``; raise :class:`UntranslatableRegex`."""
    out = _Translator(pattern).run()
    try:
        regex.compile(out, FLAGS)
    except regex.error as exc:
        offset = exc.pos if isinstance(exc.pos, int) else 0
        raise UntranslatableRegex(f"not a valid regular expression: {exc.msg}", offset) from None
    return out


def has_backreference(pattern: str) -> bool:
    """True when the translated *pattern* refers back to a group (lookbehind cannot run it)."""
    return bool(regex.search(r"(?<!\\)(?:\\\\)*\\(?:[1-9]|g<)|\(\?P=", pattern))


class _Translator:
    def __init__(self, pattern: str) -> None:
        self.src = pattern
        self.pos = 0
        self.out: list[str] = []
        self.class_depth = 0

    def run(self) -> str:
        src = self.src
        while self.pos < len(src):
            char = src[self.pos]
            if char == "\\":
                self._escape()
            elif char == "[":
                self.class_depth += 1
                self.out.append(char)
                self.pos += 1
                # A ']' or '^]' right after '[' is a literal in Java and ICU.
                if src.startswith("^", self.pos):
                    self.out.append("^")
                    self.pos += 1
                if src.startswith("]", self.pos):
                    self.out.append(r"\]")
                    self.pos += 1
            elif char == "]" and self.class_depth:
                self.class_depth -= 1
                self.out.append(char)
                self.pos += 1
            elif char == "(" and not self.class_depth and src.startswith("(?", self.pos):
                self._group_opening()
            else:
                self.out.append(char)
                self.pos += 1
        return "".join(self.out)

    # -- groups and inline flags ------------------------------------------------------------

    def _group_opening(self) -> None:
        src, start = self.src, self.pos
        rest = src[start + 2 :]
        for fixed in (":", "=", "!", "<=", "<!", ">", "#"):
            if rest.startswith(fixed):
                self.out.append("(?" + fixed)
                self.pos += 2 + len(fixed)
                return
        if rest.startswith("<"):  # named group (?<name>…)
            self.out.append("(?<")
            self.pos += 3
            return
        match = regex.match(r"([A-Za-z]*)(?:-([A-Za-z]*))?([:)])", rest)
        if not match:
            raise UntranslatableRegex("unknown group construct", start)
        on, off, end = match.group(1), match.group(2) or "", match.group(3)
        kept_on = self._flags(on, start)
        kept_off = self._flags(off, start)
        if not kept_on and not kept_off:
            self.out.append("(?:" if end == ":" else "")
        else:
            self.out.append("(?" + kept_on + ("-" + kept_off if kept_off else "") + end)
        self.pos += 2 + match.end()

    @staticmethod
    def _flags(flags: str, offset: int) -> str:
        kept = []
        for flag in flags:
            if flag in "imsx":
                kept.append(flag)
            elif flag in "uUd":
                continue  # always Unicode; '.' already excludes only '\n'
            elif flag == "w":
                raise UntranslatableRegex(
                    "ICU flag (?w) (Unicode word boundaries) is not supported", offset
                )
            else:
                raise UntranslatableRegex(f"unknown inline flag {flag!r}", offset)
        return "".join(kept)

    # -- escapes --------------------------------------------------------------------------

    def _escape(self) -> None:
        src, start = self.src, self.pos
        if start + 1 >= len(src):
            raise UntranslatableRegex("pattern ends with a lone backslash", start)
        code = src[start + 1]
        self.pos += 2
        in_class = self.class_depth > 0
        if code == "Q":
            end = src.find(r"\E", self.pos)
            literal = src[self.pos :] if end < 0 else src[self.pos : end]
            self.pos = len(src) if end < 0 else end + 2
            self.out.append("".join(_literal(ch) for ch in literal))
        elif code == "E":
            pass  # a stray \E outside \Q is ignored by Java
        elif code == "x" and src.startswith("{", self.pos):
            end = src.find("}", self.pos)
            digits = src[self.pos + 1 : end] if end > 0 else ""
            if not regex.fullmatch(r"[0-9A-Fa-f]{1,6}", digits):
                raise UntranslatableRegex(r"malformed \x{…} escape", start)
            self.pos = end + 1
            self.out.append(_codepoint(int(digits, 16), start))
        elif code == "x":
            digits = src[self.pos : self.pos + 2]
            if not regex.fullmatch(r"[0-9A-Fa-f]{2}", digits):
                raise UntranslatableRegex(r"malformed \x escape", start)
            self.pos += 2
            self.out.append(r"\x" + digits)
        elif code == "u":
            digits = src[self.pos : self.pos + 4]
            if not regex.fullmatch(r"[0-9A-Fa-f]{4}", digits):
                raise UntranslatableRegex(r"malformed \u escape", start)
            self.pos += 4
            value = int(digits, 16)
            if 0xD800 <= value <= 0xDBFF and regex.match(
                r"\\u[dD][c-fC-F][0-9A-Fa-f]{2}", src[self.pos :]
            ):
                low = int(src[self.pos + 2 : self.pos + 6], 16)
                self.pos += 6
                value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
            self.out.append(_codepoint(value, start))
        elif code == "U":
            digits = src[self.pos : self.pos + 8]
            if not regex.fullmatch(r"[0-9A-Fa-f]{8}", digits):
                raise UntranslatableRegex(r"malformed \U escape", start)
            self.pos += 8
            self.out.append(_codepoint(int(digits, 16), start))
        elif code == "0":
            digits = regex.match(r"[0-3]?[0-7]{1,2}", src[self.pos :])
            if not digits:
                raise UntranslatableRegex(r"malformed octal escape \0", start)
            self.pos += digits.end()
            self.out.append(_codepoint(int(digits.group(), 8), start))
        elif code == "c":
            if self.pos >= len(src):
                raise UntranslatableRegex(r"\c needs a control letter", start)
            self.out.append(_codepoint(ord(src[self.pos]) ^ 64, start))
            self.pos += 1
        elif code == "e":
            self.out.append(r"\x1b")
        elif code in "hH":
            self.out.append(_class(_HSPACE, negated=code == "H"))
        elif code in "vV":
            self.out.append(_class(_VSPACE, negated=code == "V"))
        elif code == "R":
            if in_class:
                raise UntranslatableRegex(r"\R inside a character class", start)
            self.out.append(_LINE_END)
        elif code == "z":
            self.out.append(r"\Z")
        elif code == "Z":
            self.out.append(rf"(?={_LINE_END}?\Z)")
        elif code == "k":
            name = regex.match(r"<([A-Za-z][A-Za-z0-9]*)>", src[self.pos :])
            if not name:
                raise UntranslatableRegex(r"malformed \k<name> back reference", start)
            self.pos += name.end()
            self.out.append(f"(?P={name.group(1)})")
        elif code in "pP":
            self._property(code, start)
        elif code == "b" and src.startswith("{", self.pos):
            raise UntranslatableRegex(r"ICU boundary \b{…} is not supported", start)
        elif code == "N" and src.startswith("{", self.pos):
            end = src.find("}", self.pos)
            self.out.append(src[start : end + 1])
            self.pos = end + 1
        elif code.isdigit() or code in _SAME or not code.isascii() or not code.isalnum():
            self.out.append("\\" + code)
        else:
            raise UntranslatableRegex(f"unknown escape \\{code}", start)

    def _property(self, code: str, start: int) -> None:
        src = self.src
        if src.startswith("{", self.pos):
            end = src.find("}", self.pos)
            if end < 0:
                raise UntranslatableRegex("unterminated \\p{…}", start)
            name = src[self.pos + 1 : end]
            self.pos = end + 1
        else:
            name = src[self.pos : self.pos + 1]
            self.pos += 1
        negated = code == "P"
        if name.startswith("^"):
            name, negated = name[1:], not negated
        self.out.append(_property(name, negated, start))


def _literal(char: str) -> str:
    return regex.escape(char, special_only=False) if not char.isalnum() else char


def _codepoint(value: int, offset: int) -> str:
    if 0xD800 <= value <= 0xDFFF:
        raise UntranslatableRegex(f"lone surrogate U+{value:04X}", offset)
    if value > 0x10FFFF:
        raise UntranslatableRegex(f"code point U+{value:X} is out of range", offset)
    return f"\\U{value:08X}"


def _class(body: str, negated: bool) -> str:
    return f"[{'^' if negated else ''}{body}]"


def _property(name: str, negated: bool, offset: int) -> str:
    key = name.replace(" ", "").replace("_", "").lower()
    if key in _JAVA_PROPERTIES:
        body = _JAVA_PROPERTIES[key]
        return f"[^{body}]" if negated else body
    candidates = [name]
    if key.startswith("is") and len(name) > 2:
        candidates.append(name[2:])  # Java's \p{IsL}, \p{IsLatin}
    letter = "P" if negated else "p"
    for candidate in candidates:
        text = f"\\{letter}{{{candidate}}}"
        try:
            regex.compile(text, FLAGS)
        except regex.error:
            continue
        return text
    raise UntranslatableRegex(f"unknown Unicode property {name!r}", offset)
