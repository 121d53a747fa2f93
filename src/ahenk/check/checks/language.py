"""Wrong language: a text that is not in the language its unit says (English left in place, a
Turkish or Russian text where Azerbaijani belongs, Azerbaijani typed in Cyrillic, Ukrainian
where Russian belongs).

Detection uses lingua-language-detector restricted to English, Azerbaijani, Russian and
Turkish (Turkish is there because it is what Azerbaijani is most often confused with), in
low-accuracy mode, built once per process on first use. What a text reads as is then named by
a wider model (:data:`OTHERS`: Ukrainian and the western European languages a source left in
place is most often in), which also catches French passing for English and Ukrainian for
Russian among the four. Azerbaijani in Cyrillic script, which lingua does not
know, is recognised by its letters (ә ғ ҹ ј һ ө ү). Before judging, URLs, e-mail addresses,
placeholders, digits and capitalised words (names: "Human Rights Watch" in an Azerbaijani
sentence) are set aside; a capitalised word counts as a sentence start only at the start of the
text or after . ! ? : ; …, not after an opening quote or bracket (“İnsan Hüquqları…”, (Ombudsman)
are names). The detector is not asked when the letters alone settle it (:func:`_plainly`).
What remains must have at least three content words (function words such as of, the,
və, и do not count) and fifteen letters, or the text is too short to judge and is skipped. A
text with ə in a lower-case judged word (və, ilə) is never Turkish (Turkish has no ə); an ə
in a capitalised word does not count, so a Turkish sentence naming Səltənət is still Turkish.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import regex

from ahenk.check.base import Check, CheckContext, Pair
from ahenk.check.checks._text import mask
from ahenk.check.finding import Finding, Side
from ahenk.check.registry import register
from ahenk.diagnostics import Severity

#: The languages whose texts the check judges.
JUDGED = frozenset({"en", "az", "ru"})
#: Languages the detector decides among (language subtag -> lingua's Language member name):
#: the judged ones and Turkish, what Azerbaijani is most often taken for.
DETECTABLE = {"en": "ENGLISH", "az": "AZERBAIJANI", "ru": "RUSSIAN", "tr": "TURKISH"}
#: Languages a text left in place is often in, which only name what a text reads as
#: (:func:`wide_detector`): restricted to the four above, lingua reads German as Turkish and
#: French as English. Asked after the decision, never in it: with eleven languages to share
#: it, the confidence of a short English text falls below what a verdict needs.
OTHERS = {"uk": "UKRAINIAN", "de": "GERMAN", "fr": "FRENCH", "es": "SPANISH",
          "it": "ITALIAN", "pt": "PORTUGUESE", "nl": "DUTCH"}
#: The lower-case letters each of :data:`OTHERS` writes: a text with a letter outside them
#: (ə, ı, ğ: an Azerbaijani view counter in an English page) is not named as that language,
#: whatever the wider model, unsure on mixed texts, says.
_LATIN_BASE = "abcdefghijklmnopqrstuvwxyz"
ALPHABETS = {
    "uk": frozenset("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"),
    "de": frozenset(_LATIN_BASE + "äöüß"),
    "fr": frozenset(_LATIN_BASE + "àâæçéèêëîïôœùûüÿ"),
    "es": frozenset(_LATIN_BASE + "áéíñóúü"),
    "it": frozenset(_LATIN_BASE + "àèéìíîòóùú"),
    "pt": frozenset(_LATIN_BASE + "áâãàçéêíóôõú"),
    "nl": frozenset(_LATIN_BASE + "áéèëíïóöúü"),
}
NAMES = {"en": "English", "az": "Azerbaijani", "ru": "Russian", "tr": "Turkish",
         "uk": "Ukrainian", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
         "pt": "Portuguese", "nl": "Dutch"}
#: Cyrillic letters of Ukrainian (and Belarusian) that Russian does not write.
NOT_RUSSIAN = frozenset("іїєґўІЇЄҐЎ")
#: Letters of the Azerbaijani Cyrillic alphabet that Russian does not have.
AZ_CYRILLIC = frozenset("әғҹјһөүӘҒҸЈҺӨҮ")
MIN_WORDS = 3
MIN_LETTERS = 15
#: Confidence the detected language needs, and the most the expected one may have, to report.
DETECTED_AT_LEAST = 0.6
EXPECTED_AT_MOST = 0.2

_WORD = regex.compile(r"[\p{L}\p{M}]+(?:['’\-][\p{L}\p{M}]+)*")
#: A word (as :data:`_WORD` finds it: not joined to the one before) that starts with a capital.
_CAPITALISED = regex.compile(r"(?<![\p{L}\p{M}])(?<![\p{L}\p{M}]['’\-])\p{Lu}[\p{L}\p{M}]*"
                             r"(?:['’\-][\p{L}\p{M}]+)*")
#: Matches (empty) where a sentence has just ended: after . ! ? : ; … and white space.
_AFTER_SENTENCE_END = regex.compile(r"(?<=[.!?:;…]\s+)")
#: Words that say little about the language on their own (not counted as content words).
FUNCTION_WORDS = frozenset("""
a an the of in on at to for by with from and or as is are was were be it its this that
və ilə üçün bu o da də ki bir hər ya həm isə kimi görə
и в во на с со по о об к от до из за не что это как а но или же ли
ve ile için bu bir de da ki gibi
""".split())


@lru_cache(maxsize=1)
def detector() -> Any:
    """The one lingua detector (English, Azerbaijani, Russian, Turkish; low-accuracy mode)."""
    from lingua import Language, LanguageDetectorBuilder

    languages = [getattr(Language, name) for name in DETECTABLE.values()]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


@lru_cache(maxsize=1)
def wide_detector() -> Any:
    """:func:`detector`'s languages and :data:`OTHERS`, built only when a verdict needs a name
    or an English or Russian text has letters its language does not write."""
    from lingua import Language, LanguageDetectorBuilder

    languages = [getattr(Language, name) for name in {**DETECTABLE, **OTHERS}.values()]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


@lru_cache(maxsize=4096)
def _other_language(judged: str, lang: str) -> str | None:
    """One of :data:`OTHERS` that *judged* surely reads as, rather than *lang*; else None."""
    letters = {c for c in judged.lower() if c.isalpha()}
    if not any(letters <= alphabet for alphabet in ALPHABETS.values()):
        return None  # no other language writes all its letters: leave it to the four
    by_name = {name: code for code, name in {**DETECTABLE, **OTHERS}.items()}
    values = wide_detector().compute_language_confidence_values(judged)
    best, confidence = by_name[values[0].language.name], values[0].value
    expected = next((v.value for v in values if by_name[v.language.name] == lang), 0.0)
    if best in OTHERS and letters <= ALPHABETS[best] and confidence >= DETECTED_AT_LEAST \
            and expected <= EXPECTED_AT_MOST:
        return best
    return None


@lru_cache(maxsize=4096)  # asked two or three times in a row for one text
def judged_text(text: str) -> str:
    """The words of *text* that tell its language: no names, codes, numbers or markup."""
    cleaned = mask(text)
    if not cleaned.islower():  # some capital: names and acronyms out (by C loops, mostly)
        cleaned = _CAPITALISED.sub(_set_aside, cleaned)
    return " ".join(_WORD.findall(cleaned))


def _set_aside(match: regex.Match[str]) -> str:
    """A capitalised word blanked out when it is a name inside a sentence or an acronym."""
    word, start = match.group(), match.start()
    if (start and not _AFTER_SENTENCE_END.match(match.string, start)) or (
            len(word) > 1 and word.isupper()):
        return " " * len(word)
    return word


def _script(text: str) -> tuple[int, int]:
    """(Latin letters, Cyrillic letters), each exact when both scripts are present and
    otherwise 0 or 1 (a letter of the one script there), all :func:`diagnose` compares. Most
    texts have one script, and a search stops at its first letter where counting would build a
    list of every letter."""
    if text.isascii():
        return int(_ASCII_LETTER.search(text) is not None), 0
    if _CYRILLIC.search(text) is None:
        return int(_LATIN.search(text) is not None), 0
    if _LATIN.search(text) is None:
        return 0, 1
    return len(_LATIN.findall(text)), len(_CYRILLIC.findall(text))


# the letters (str.isalpha) of each range, counted by C loops (the standard re is the faster here)
_ASCII_LETTER = re.compile("[A-Za-z]")
_LATIN = re.compile("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]")
_CYRILLIC = re.compile("[\u0400-\u0481\u048a-\u04ff]")
_AZ_CYRILLIC = re.compile("[" + "".join(sorted(AZ_CYRILLIC)) + "]")


@lru_cache(maxsize=65536)
def detect(text: str) -> tuple[tuple[str, float], ...]:
    """(language subtag, confidence) for *text*, most likely first; empty when too short."""
    judged = judged_text(text)
    content = [w for w in judged.split() if w.lower() not in FUNCTION_WORDS]
    if len(content) < MIN_WORDS or sum(map(str.isalpha, judged)) < MIN_LETTERS:
        return ()
    by_name = {name: code for code, name in DETECTABLE.items()}
    values = detector().compute_language_confidence_values(judged)
    return tuple((by_name[v.language.name], float(v.value)) for v in values)


def diagnose(text: str, lang: str, script: str | None = None) -> tuple[str, str] | None:
    """(what the text reads as, message) when *text* is not in *lang*; None when it is or
    when the text is too short to tell."""
    latin, cyrillic = _script(judged_text(text))
    az_letters = cyrillic and _AZ_CYRILLIC.search(text) is not None  # names count: ә is not Russian
    if lang == "az" and (script or "Latn") == "Latn" and cyrillic > latin and az_letters:
        return "az-Cyrl", "Azerbaijani in Cyrillic script; expected Latin script"
    if lang == "az" and script == "Cyrl":
        if latin > cyrillic and detect(text)[:1] and detect(text)[0][0] in ("az", "tr"):
            return "az-Latn", "Azerbaijani in Latin script; expected Cyrillic script"
        return None
    if lang == "ru" and cyrillic > latin and az_letters:
        return "az-Cyrl", "reads as Azerbaijani in Cyrillic script, not Russian"
    if _plainly(lang, text, latin, cyrillic):
        return None
    values = detect(text)
    if not values:
        return None
    best, confidence = values[0]
    judged = judged_text(text)
    if best == "tr" and any("ə" in w for w in judged.split() if not w[:1].isupper()):
        # Turkish has no ə; a capitalised word may be a name (Səltənət) in a Turkish text
        best = "az"  # Turkish has no ə: the low-accuracy model sometimes misses it
    if lang == "en" and best in ("az", "tr") and judged.isascii():
        return None  # not one letter English lacks: a short English text misread
    expected = dict(values).get(lang, 0.0)
    if best != lang and confidence >= DETECTED_AT_LEAST and expected <= EXPECTED_AT_MOST:
        if {best, lang} == {"az", "tr"} and not _confirmed(judged, best):
            return None  # the close pair, and the finer model does not agree
        if lang != "az" or best != "tr":  # Turkish for Azerbaijani is the finer model's word
            best = _other_language(judged, lang) or best  # German, not "Turkish"
        return best, f"reads as {NAMES[best]}, not {NAMES.get(lang, lang)}"
    if best == lang and lang != "az":
        # French passes for English, Ukrainian for Russian, among the four: name it if it is
        other = _other_language(judged, lang)
        if other is not None:
            return other, f"reads as {NAMES[other]}, not {NAMES.get(lang, lang)}"
    return None


@lru_cache(maxsize=1)
def fine_detector() -> Any:
    """Azerbaijani against Turkish in lingua's high-accuracy mode, loaded only when the fast
    model reads one as the other: on the few words left once names are set aside it takes
    Azerbaijani for Turkish («Ətraflı … bir sıra şura yardımlarında», «Səadət … hesabat
    laboratoriyasında»), where the finer model does not."""
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(Language.AZERBAIJANI,
                                                  Language.TURKISH).build()


@lru_cache(maxsize=4096)
def _confirmed(judged: str, best: str) -> bool:
    """Whether the high-accuracy model too reads *judged* as *best* (az or tr), surely."""
    values = fine_detector().compute_language_confidence_values(judged)
    by_code = {("az" if v.language.name == "AZERBAIJANI" else "tr"): v.value for v in values}
    return by_code.get(best, 0.0) >= DETECTED_AT_LEAST


def _plainly(lang: str, text: str, latin: int, cyrillic: int) -> bool:
    """Whether the letters alone show that *text* is in *lang*, so the detector (about 0.2 ms
    a text) need not be asked. English: every judged letter is ASCII, so the detector can only
    say English, Azerbaijani or Turkish, and the last two are not reported on ASCII text.
    Russian: Cyrillic only (Azerbaijani Cyrillic letters are handled before) and none of the
    letters Ukrainian and Belarusian write and Russian does not (і ї є ґ ў) outside names.
    Azerbaijani: at least a quarter of the lower-case content words have ə, q or x, letters
    Turkish does not write, and a quarter have ə, ı, ğ, ş, ç, ö or ü, letters English does not
    ("quite exact text" has the first but not the second)."""
    if lang == "en":  # the typographic apostrophe (Azerbaijan’s) is no letter
        return latin > 0 and not cyrillic and judged_text(text).replace("’", "'").isascii()
    if lang == "ru":
        return cyrillic > 0 and not latin and (
            NOT_RUSSIAN.isdisjoint(text) or NOT_RUSSIAN.isdisjoint(judged_text(text)))
    if lang == "az" and latin and not cyrillic:
        content = [w for w in judged_text(text).split()
                   if not w[:1].isupper() and w.lower() not in FUNCTION_WORDS]
        not_turkish = sum(1 for w in content if "ə" in w or "q" in w or "x" in w)
        not_english = sum(1 for w in content if not _ENGLISH_LETTERS.issuperset(w.lower()))
        return len(content) >= MIN_WORDS and 4 * min(not_turkish, not_english) >= len(content)
    return False


_ENGLISH_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz'’-")


@register
class WrongLanguage(Check):
    id = "wrong-language"
    name = "Wrong language"
    description = (
        "The text is not in the language the unit says: English left in place of the "
        "translation, Turkish or Russian where Azerbaijani belongs, Azerbaijani written in "
        "Cyrillic script, or a source segment in the wrong language (a misaligned memory). "
        "Both sides are checked; segments with fewer than three content words (function words "
        "such as of, və, и aside) after setting aside names, numbers and codes are too short "
        "to judge and are skipped; a capitalised word after an opening quote or bracket is a "
        "name, not a sentence start. Azerbaijani and Turkish, the close pair, are told apart "
        "twice: a text the fast model reads as the other is reported only when the "
        "high-accuracy model agrees."
    )
    version = 3
    severity = Severity.ERROR
    languages = JUDGED
    needs_target = False
    examples = (("en", "The Ombudsman visited the prison.", "az",
                 "Ombudsman cezaevini ziyaret etti ve mahkumlarla görüştü."),)

    def _check(self, pair: Pair, context: CheckContext) -> Iterable[Finding]:
        sides = [Side.SOURCE]
        if pair.target is not None and pair.target.text.strip():
            sides.append(Side.TARGET)
        for side in sides:
            lang, tag = pair.lang(side), pair.tag(side)
            if lang not in JUDGED:
                continue
            result = diagnose(pair.text(side), lang, tag.script if tag else None)
            if result is not None:
                found, message = result
                yield self.finding(pair, message, side=side, expected=lang, found=found)
