"""Repeated words: "the the", «в в», "və və", the typo every QA tool looks for.

pofilter has the same idea (``doublewords``), but it lower-cases with Python's rules (the
Azerbaijani İ is lost), splits on spaces only (so "the the." passes) and knows no language's
legitimate repetitions. This check reads words by letters, folds them by the target language's
casing (:func:`ahenk.lang.casing.fold`), and compares with the source: a repetition the source
also has (an interview's "no, no" put as «нет нет», a quoted "blah blah") is the text's own.

Azerbaijani and Russian write a reduplication with a hyphen (tez-tez, yavaş-yavaş; еле-еле,
чуть-чуть: both orthographies say so), so a word repeated across a space is reported there
whatever it is, and the message names the hyphen for the case it was meant. English has a few
grammatical repetitions ("had had", "that that") and reduplicated interjections ("blah blah"),
which are left alone. A capitalised word repeated as it is inside a sentence is a name (Bora Bora,
Walla Walla) and left alone too; in capitals (a headline) it is no name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import regex

from ahenk.check.base import Check, CheckContext, Pair
from ahenk.check.checks._text import mask
from ahenk.check.finding import Finding
from ahenk.check.registry import register
from ahenk.diagnostics import Severity
from ahenk.lang.casing import fold, lower

#: Two words (letters, with inner apostrophes or hyphens) with only spaces between them.
_DOUBLE = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}'’\-‐])([\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*)"
    r"([ \t\n\u00a0\u202f\u2009]+)"
    r"(?=([\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*)(?![\p{L}\p{M}\p{N}'’\-‐]))"
)
#: A word followed by a copy of itself, on the lower-cased text: every text with a repetition
#: (and a few more) has one. The standard library's engine runs this backreference four times
#: faster than ``regex`` with the lookbehind above, and most texts stop here.
_COPY = re.compile(r"\b(\w[\w'’\u0300-\u036f]*)\s+\1(?![\w'’\u0300-\u036f])")
#: Repetitions a language's grammar or usage makes, folded, by language.
VALID_REPEATS: dict[str, frozenset[str]] = {
    "en": frozenset({"had", "that", "blah", "bla", "yada", "ha"}),
}
#: Languages whose orthography hyphenates a reduplication (what the message then says).
_HYPHENATED = {"az": "tez-tez", "ru": "еле-еле"}
_SENTENCE_END = regex.compile(r"(?:^|[.!?…:;]\s*|[\n\"«“(]\s*)$")


def repeats(text: str, lang: str | None) -> Iterator[tuple[int, int, str]]:
    """(start, end, word) of each word that *text* repeats right after itself, across spaces
    only, compared by *lang*'s casing; a language's legitimate repetitions and names left out.
    "the the the" gives two."""
    if _COPY.search(lower(text, lang)) is None:
        return  # most texts: no word follows itself
    masked = mask(text)
    valid = VALID_REPEATS.get(lang or "", frozenset())
    for match in _DOUBLE.finditer(masked):
        first, second = match.group(1), match.group(3)
        word = fold(first, lang)
        if word != fold(second, lang) or word in valid:
            continue
        if first == second and first[:1].isupper() and not first.isupper() \
                and not _SENTENCE_END.search(masked, 0, match.start()):
            continue  # Bora Bora, Walla Walla: a name inside a sentence
        yield match.start(), match.end(2) + len(second), first


@register
class RepeatedWord(Check):
    id = "repeated-word"
    name = "Repeated word"
    description = (
        "The target repeats a word right after itself (\"the the\", «в в», \"və və\"), more "
        "often than the source does: usually a slip of editing. Words are compared by the "
        "target language's casing rules (Azerbaijani İ/i, I/ı); only spaces may stand "
        "between them, so \"no, no\" and a hyphenated reduplication (tez-tez, еле-еле) pass. "
        "Azerbaijani and Russian write a meant reduplication with a hyphen, so there any "
        "repetition across a space is reported; English \"had had\", \"that that\", "
        "\"blah blah\" and a capitalised name repeated inside a sentence (Bora Bora) are "
        "left alone. The expected text is the word once."
    )
    severity = Severity.WARNING
    related = ("pofilter: doublewords", "Xbench: repeated words",
               "Trados QA Checker: repeated words")
    examples = (("en", "The report was published in June.", "az",
                 "Hesabat iyun ayında ayında dərc olunub."),
                ("en", "He was detained in Baku.", "ru", "Он был задержан в в Баку."))

    def _check(self, pair: Pair, context: CheckContext) -> Iterable[Finding]:
        target = pair.target_text or ""
        found = list(repeats(target, pair.tgt))
        if not found or len(found) <= sum(1 for _ in repeats(pair.source_text, pair.src)):
            return
        from ahenk.check.checks.untranslated import untranslated

        if untranslated(pair):
            return  # the source left in place: its own findings say so
        hyphen = _HYPHENATED.get(pair.tgt or "")
        for start, end, word in found:
            doubled = target[start:end]
            message = f"«{doubled}»: a word repeated"
            if hyphen:
                message += f"; a reduplication is written with a hyphen ({hyphen})"
            yield self.finding(pair, message, expected=word, found=doubled, span=(start, end))
