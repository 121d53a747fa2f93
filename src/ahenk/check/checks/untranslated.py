"""Untranslated units: an empty target, a placeholder in its place ("xxx", "TODO", "???"), or a
target that is still the source text."""

from __future__ import annotations

from collections.abc import Iterable

import regex

from ahenk.check.base import Check, CheckContext, Pair
from ahenk.check.checks._text import EMAIL, URL, mask
from ahenk.check.finding import Finding
from ahenk.check.registry import register
from ahenk.diagnostics import Severity
from ahenk.lang.casing import fold

_WORD = regex.compile(r"[\p{L}\p{M}]+(?:['’\-][\p{L}\p{M}]+)*")


def _translatable_words(text: str) -> list[str]:
    """Words that would need translating: not in URLs, e-mails, placeholders; not acronyms,
    not codes with digits."""
    words = _WORD.findall(mask(text))
    return [w for w in words if not (len(w) > 1 and w.isupper())]


@register
class Untranslated(Check):
    id = "untranslated"
    name = "Untranslated"
    description = (
        "The unit has source text but no target, or an empty one (an untranslated PO entry, a "
        "TMX unit without the target language, an empty XLIFF target), or a placeholder where "
        "the translation belongs: punctuation alone (\"???\", \"...\"), one letter typed over "
        "and over (\"RRRRRRRR\"; not WWW), or a marker (TODO, TBD, FIXME, xxx) for a source "
        "of two words or more."
    )
    version = 2
    severity = Severity.ERROR
    needs_target = False
    related = ("pofilter: untranslated", "Weblate: translated (inverse)")
    examples = (("en", "The report was published today.", "ru", "TODO"),)

    def applies(self, pair: Pair, context: CheckContext) -> bool:
        return pair.tgt_tag is not None and super().applies(pair, context)

    def _check(self, pair: Pair, context: CheckContext) -> Iterable[Finding]:
        if not pair.source_text.strip():
            return
        if pair.target is None or pair.target.is_empty:
            what = "no target" if pair.target is None else "an empty target"
            yield self.finding(pair, f"the unit has {what} in {pair.tgt}")
            return
        junk = placeholder(pair)
        if junk is not None:
            yield self.finding(pair, f"the target is a placeholder, not a translation: «{junk}»",
                               found=junk)


#: What translators and tools type where a translation is still to come.
_MARKERS = frozenset({"todo", "tbd", "fixme", "xxx", "tba"})
_NOT_WORD = regex.compile(r"[\W_]+")


def placeholder(pair: Pair) -> str | None:
    """The target of *pair* when it holds a placeholder rather than a translation: nothing but
    punctuation, one letter over and over (four times or more: WWW is a name), or a marker such
    as TODO or xxx,
    where the source has two words or more to translate. None otherwise."""
    target = (pair.target_text or "").strip()
    if not target or len(target) > 24 or len(_translatable_words(pair.source_text)) < 2:
        return None
    core = _NOT_WORD.sub("", target)
    if not core:
        return target  # ???, ..., ---
    if core.isalpha() and len(core) >= 4 and len(set(core.casefold())) == 1:
        return target  # RRRRRRRR, not WWW
    if core.casefold() in _MARKERS and fold(target, pair.tgt) != fold(pair.source_text, pair.src):
        return target
    return None


@register
class Unchanged(Check):
    id = "unchanged"
    name = "Target same as source"
    description = (
        "The target is the source text, unchanged (case and spacing aside), though the source "
        "has words to translate. Texts that are only names in capitals, acronyms, numbers, "
        "URLs, e-mail addresses or placeholders are left alone, and so are texts whose every word "
        "is capitalised (names such as Human Rights Watch may stay as they are). A source "
        "that is itself in the target language (an Azerbaijani view counter left in an "
        "English page) is left alone: it reads as the target language, or, too short to "
        "judge, has letters only the target language writes (ə; Cyrillic for Russian). "
        "Source and target are compared by the source language's casing rules, so an "
        "English copy with a capital I is the same text in an Azerbaijani target."
    )
    version = 2
    severity = Severity.WARNING
    related = ("pofilter: unchanged", "Weblate: same")
    examples = (("en", "The report was published today.", "az",
                 "The report was published today."),)

    def _check(self, pair: Pair, context: CheckContext) -> Iterable[Finding]:
        if unchanged(pair):
            yield self.finding(pair, "the target is the source text, untranslated",
                               found=(pair.target_text or "").strip())


def unchanged(pair: Pair) -> bool:
    """Whether *pair*'s target is its source left untranslated, as :class:`Unchanged` judges
    it (the term checks ask too, to stay silent on such a target)."""
    target = pair.target_text or ""
    # one casing rule for both: the source's (English I is no Azerbaijani ı in a copy)
    if fold(pair.source_text, pair.src) != fold(target, pair.src):
        return False
    words = _translatable_words(pair.source_text)
    if not words or all(w[:1].isupper() for w in words):  # names: Human Rights Watch
        return False
    if not _WORD.search(URL.sub("", EMAIL.sub("", target))):
        return False
    # the source may already be in the target language: nothing to translate then
    return not (pair.tgt and _written_in(pair.source_text, pair.tgt, pair.src))


def untranslated(pair: Pair) -> bool:
    """Whether *pair*'s target is its source left in place: the source text unchanged (as the
    ``unchanged`` check judges it), a placeholder (as ``untranslated`` judges it) or a text that
    reads as the source language (as ``wrong-language`` judges it). The term and number checks
    ask it only when about to report on the target, and stay silent then: the unit's one
    finding says all there is to say, and the language detector is the dearer part."""
    from ahenk.check.checks.language import JUDGED, diagnose

    target, tgt = pair.target_text, pair.tgt
    if not target or not tgt:
        return False
    if unchanged(pair) or placeholder(pair) is not None:
        return True
    if tgt not in JUDGED:  # the languages wrong-language judges
        return False
    judged = diagnose(target, tgt, pair.tgt_tag.script if pair.tgt_tag else None)
    return judged is not None and judged[0] == pair.src


def _written_in(text: str, lang: str, src: str) -> bool:
    """Whether *text* (the source, in *src* by its unit) is in fact in *lang*."""
    from ahenk.check.checks.language import detect

    if lang == src:
        return False
    judged = detect(text)
    if judged:
        best, confidence = judged[0]
        return best == lang and confidence >= 0.6
    letters = [c for c in text if c.isalpha()]
    if lang == "az":
        return any(c in "əƏ" for c in letters)
    if lang == "ru":
        return sum("\u0400" <= c <= "\u04ff" for c in letters) * 2 > len(letters)
    return False
