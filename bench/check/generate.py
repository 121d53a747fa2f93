"""Seeded generator of a 10k-concept en/az/ru termbase and of bilingual units that use it.

Termbase (:func:`termbase`): the real concepts of ``glossaries/termbase.tsv`` plus synthetic
ones built from a small trilingual vocabulary, so every term inflects as the language really
does:

* adjective + noun and adjective + adjective + noun ("regional office" / "regional ofis" /
  "региональный офис"), Russian adjectives agreeing with the noun;
* compounds ("monitoring office" / izafet "monitorinq ofisi" / "офис мониторинга"), with or
  without an adjective, some with an admitted English synonym ("office for monitoring");
* place names (properNoun) with Azerbaijani diacritics and a Russian transliteration, which
  the units decline as masculine nouns by their ending (:func:`ru_name`), not as whatever
  pymorphy3 takes them for;
* deprecated and forbidden calques for some concepts (az "reqional", ru "областной").

Units (:func:`units`): the hand-aligned corpus sentence pairs (``corpus/align``, 1:1 beads of
the gold), each extended with 0–3 clauses that use a term inflected as the clause demands
(az locative, genitive, ablative, plural, izafet with the n-buffer; ru cases by pymorphy3; en
plural and possessive), half en→az and half en→ru. Planted errors at known rates: a term left
out, a rejected term used, a term misspelt (lost diacritics, one wrong letter; in the stem of
the inflected term, :func:`_misspell`), a number changed, end punctuation dropped, an
untranslated target (which undoes what was planted in the target before), a repeated source
translated differently.

    python bench/check/generate.py 100000 --out /tmp/ahenk-bench   # termbase + files

writes ``termbase.tsv``, ``en-az.tmx``, ``en-ru.tmx`` (streamed), ``units.tsv`` (en, lang,
target per line, for the bare scan), ``planted.tsv`` (unit id, the kinds of error planted in
it, for :mod:`score`) and, with ``--po N``, ``en-az.po``/``en-ru.po`` holding the
first N units of each (written through the format registry).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "src"))

from ahenk.formats import registry  # noqa: E402
from ahenk.formats.tmx_write import write_units  # noqa: E402
from ahenk.glossary import load_termbase  # noqa: E402
from ahenk.lang.base import Role  # noqa: E402
from ahenk.lang.ru import roles as ru_roles  # noqa: E402
from ahenk.model.langtag import parse_language  # noqa: E402
from ahenk.model.unit import Header, Segment, Store, Unit  # noqa: E402
from ahenk.termbase.model import Concept, Term, Termbase, TermStatus  # noqa: E402

SEED = 11
CONCEPTS = 10000
#: Bumped when the generator's output changes, so data generated before is not reused.
VERSION = 5

# (en, az, ru masculine nominative); az adjectives do not inflect
ADJECTIVES = [
    ("regional", "regional", "региональный"), ("national", "milli", "национальный"),
    ("independent", "müstəqil", "независимый"), ("public", "ictimai", "общественный"),
    ("international", "beynəlxalq", "международный"), ("legal", "hüquqi", "правовой"),
    ("social", "sosial", "социальный"), ("economic", "iqtisadi", "экономический"),
    ("civil", "mülki", "гражданский"), ("military", "hərbi", "военный"),
    ("humanitarian", "humanitar", "гуманитарный"), ("local", "yerli", "местный"),
    ("central", "mərkəzi", "центральный"), ("special", "xüsusi", "специальный"),
    ("permanent", "daimi", "постоянный"), ("temporary", "müvəqqəti", "временный"),
    ("medical", "tibbi", "медицинский"), ("scientific", "elmi", "научный"),
    ("environmental", "ekoloji", "экологический"), ("administrative", "inzibati",
                                                    "административный"),
    ("technical", "texniki", "технический"), ("digital", "rəqəmsal", "цифровой"),
    ("cultural", "mədəni", "культурный"), ("political", "siyasi", "политический"),
    ("penitentiary", "penitensiar", "пенитенциарный"), ("preventive", "preventiv",
                                                       "превентивный"),
    ("advisory", "məşvərətçi", "консультативный"), ("federal", "federal", "федеральный"),
    ("joint", "birgə", "совместный"), ("mobile", "mobil", "мобильный"),
    ("statistical", "statistik", "статистический"), ("democratic", "demokratik",
                                                     "демократический"),
    ("ethnic", "etnik", "этнический"), ("religious", "dini", "религиозный"),
    ("strategic", "strateji", "стратегический"), ("analytical", "analitik", "аналитический"),
    ("operational", "operativ", "оперативный"), ("global", "qlobal", "глобальный"),
    ("electronic", "elektron", "электронный"), ("additional", "əlavə", "дополнительный"),
    ("main", "əsas", "основной"), ("general", "ümumi", "общий"), ("annual", "illik",
                                                                   "ежегодный"),
    ("official", "rəsmi", "официальный"), ("confidential", "məxfi", "конфиденциальный"),
]
# (en, az, ru nominative singular)
NOUNS = [
    ("office", "ofis", "офис"), ("committee", "komitə", "комитет"),
    ("commission", "komissiya", "комиссия"), ("council", "şura", "совет"),
    ("agency", "agentlik", "агентство"), ("centre", "mərkəz", "центр"),
    ("service", "xidmət", "служба"), ("department", "şöbə", "отдел"),
    ("inspection", "yoxlama", "инспекция"), ("mechanism", "mexanizm", "механизм"),
    ("programme", "proqram", "программа"), ("report", "hesabat", "доклад"),
    ("strategy", "strategiya", "стратегия"), ("court", "məhkəmə", "суд"),
    ("institution", "təsisat", "учреждение"), ("fund", "fond", "фонд"),
    ("network", "şəbəkə", "сеть"), ("register", "reyestr", "реестр"), ("plan", "plan", "план"),
    ("body", "orqan", "орган"), ("authority", "hakimiyyət", "власть"),
    ("policy", "siyasət", "политика"), ("assistance", "yardım", "помощь"),
    ("monitoring", "monitorinq", "мониторинг"), ("protection", "müdafiə", "защита"),
    ("system", "sistem", "система"), ("directorate", "idarə", "управление"),
    ("mission", "missiya", "миссия"), ("group", "qrup", "группа"),
    ("project", "layihə", "проект"), ("archive", "arxiv", "архив"),
    ("budget", "büdcə", "бюджет"), ("initiative", "təşəbbüs", "инициатива"),
    ("procedure", "prosedur", "процедура"), ("treaty", "müqavilə", "договор"),
    ("declaration", "bəyannamə", "декларация"), ("hospital", "xəstəxana", "больница"),
    ("prison", "həbsxana", "тюрьма"), ("school", "məktəb", "школа"),
    ("university", "universitet", "университет"), ("laboratory", "laboratoriya",
                                                   "лаборатория"),
    ("ministry", "nazirlik", "министерство"), ("bank", "bank", "банк"),
    ("market", "bazar", "рынок"), ("port", "liman", "порт"), ("camp", "düşərgə", "лагерь"),
    ("shelter", "sığınacaq", "убежище"), ("station", "stansiya", "станция"),
    ("route", "marşrut", "маршрут"), ("border", "sərhəd", "граница"),
    ("region", "region", "регион"), ("district", "rayon", "район"), ("road", "yol", "дорога"),
    ("river", "çay", "река"), ("bridge", "körpü", "мост"), ("standard", "standart", "стандарт"),
    ("index", "indeks", "индекс"), ("survey", "sorğu", "опрос"),
    ("study", "tədqiqat", "исследование"), ("forum", "forum", "форум"),
    ("conference", "konfrans", "конференция"), ("union", "ittifaq", "союз"),
    ("association", "assosiasiya", "ассоциация"), ("partnership", "tərəfdaşlıq",
                                                   "партнёрство"),
    ("reform", "islahat", "реформа"), ("law", "qanun", "закон"), ("code", "məcəllə", "кодекс"),
    ("freedom", "azadlıq", "свобода"), ("security", "təhlükəsizlik", "безопасность"),
    ("transport", "nəqliyyat", "транспорт"), ("energy", "enerji", "энергия"),
]
# rejected calques: adjective -> (az, ru)
CALQUES = {
    "regional": ("reqional", "областной"), "national": ("nasional", "общенациональный"),
    "independent": ("independent", "самостоятельный"), "public": ("publik", "публичный"),
    "international": ("internasional", "межгосударственный"),
    "legal": ("leqal", "юридический"), "social": ("sosyal", "общественно-социальный"),
    "central": ("sentral", "главный"), "local": ("lokal", "локальный"),
    "special": ("spesial", "особый"), "permanent": ("permanent", "перманентный"),
    "temporary": ("temporar", "провизорный"), "official": ("ofisial", "служебный"),
}
# syllables of place names: (en, az, ru)
SYLLABLES = [
    ("sha", "şə", "ша"), ("ken", "kən", "кен"), ("de", "də", "де"), ("li", "li", "ли"),
    ("gu", "qu", "гу"), ("ba", "ba", "ба"), ("chay", "çay", "чай"), ("gol", "göl", "гёль"),
    ("ma", "ma", "ма"), ("ra", "ra", "ра"), ("zer", "zər", "зер"), ("tu", "tu", "ту"),
    ("sa", "sa", "са"), ("ly", "lı", "лы"), ("nar", "nar", "нар"), ("dash", "daş", "даш"),
    ("bul", "bul", "бул"), ("ag", "ağ", "аг"), ("ka", "qa", "ка"), ("ha", "ha", "ха"),
    ("yur", "yur", "юр"), ("go", "qo", "го"), ("ze", "zə", "зе"), ("lan", "lan", "лан"),
    ("jal", "cal", "джал"), ("khan", "xan", "хан"), ("bey", "bəy", "бей"), ("ter", "tər", "тер"),
]

BACK, FRONT = frozenset("aıou"), frozenset("eəiöü")
VOWELS = BACK | FRONT
FOUR = {"a": "ı", "ı": "ı", "o": "u", "u": "u", "e": "i", "ə": "i", "i": "i", "ö": "ü",
        "ü": "ü"}


# -- Azerbaijani inflection (the generator's own, independent of ahenk.lang.az) ---------------

def _last_vowel(word: str) -> str:
    return next((c for c in reversed(word) if c in VOWELS), "a")


def _a(word: str) -> str:
    return "a" if _last_vowel(word) in BACK else "ə"


def _i(word: str) -> str:
    return FOUR[_last_vowel(word)]


def _soft(word: str) -> str:
    """Final q → ğ, k → y before a vowel, in polysyllables (sığınacaq → sığınacağ-)."""
    if sum(c in VOWELS for c in word) > 1 and word[-1] in "qk" and word[-2] in VOWELS:
        return word[:-1] + ("ğ" if word[-1] == "q" else "y")
    return word


def az_possessive(word: str) -> str:
    """3rd-person possessive, the izafet head: ofis → ofisi, komitə → komitəsi."""
    return word + "s" + _i(word) if word[-1] in VOWELS else _soft(word) + _i(word)


def az_inflect(word: str, case: str, possessed: bool = False) -> str:
    """*word* in *case* (NOM GEN DAT ACC LOC ABL PL PLLOC); *possessed*: it ends in the
    3rd-person possessive, so cases take the n-buffer and the plural goes before it."""
    if case == "NOM":
        return word
    if possessed:
        bare = word[:-2] if word.endswith(("sı", "si", "su", "sü")) and word[-3] in VOWELS \
            else word[:-1]
        if bare.endswith(("ğ", "y")) and not word.endswith(("sı", "si", "su", "sü")):
            bare = bare[:-1] + ("q" if bare[-1] == "ğ" else "k")
        if case in ("PL", "PLLOC"):
            plural = bare + "l" + _a(bare) + "r"
            plural += _i(plural)
            return plural + ("nd" + _a(plural) if case == "PLLOC" else "")
        ending = {"GEN": "n" + _i(word) + "n", "DAT": "n" + _a(word), "ACC": "n" + _i(word),
                  "LOC": "nd" + _a(word), "ABL": "nd" + _a(word) + "n"}[case]
        return word + ending
    vowel_final = word[-1] in VOWELS
    if case == "PL":
        return word + "l" + _a(word) + "r"
    if case == "PLLOC":
        plural = word + "l" + _a(word) + "r"
        return plural + "d" + _a(plural)
    if case == "LOC":
        return word + "d" + _a(word)
    if case == "ABL":
        return word + "d" + _a(word) + "n"
    if case == "GEN":
        return word + "n" + _i(word) + "n" if vowel_final else _soft(word) + _i(word) + "n"
    if case == "DAT":
        return word + "y" + _a(word) if vowel_final else _soft(word) + _a(word)
    if case == "ACC":
        return word + "n" + _i(word) if vowel_final else _soft(word) + _i(word)
    raise ValueError(case)


# -- Russian inflection through pymorphy3 ------------------------------------------------------

@lru_cache(maxsize=1)
def _morph():  # noqa: ANN202 - pymorphy3 has no types
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@cache
def ru_inflect(text: str, case: str, plural: bool = False) -> str:
    """A Russian term in *case* (pymorphy3 grammemes), the words the matcher inflects only."""
    words = text.split(" ")
    lowered = tuple(w.lower().replace("ё", "е") for w in words)
    try:
        role = ru_roles(lowered)
    except Exception:  # noqa: BLE001 - a word pymorphy3 cannot read: leave the term as it is
        return text
    morph = _morph()
    head_gender = None
    for word, r in zip(words, role, strict=True):
        if r is Role.INFLECTS:
            parse = morph.parse(word.lower())[0]
            if parse.tag.POS == "NOUN" and parse.tag.gender:
                head_gender = parse.tag.gender
                break
    out = []
    for word, r in zip(words, role, strict=True):
        if r is not Role.INFLECTS or (case == "nomn" and not plural) \
                or not _CYRILLIC_WORD.fullmatch(word):
            out.append(word)  # a name in Latin letters (Human Rights Watch) is not declined
            continue
        parse = morph.parse(word.lower())[0]
        grammemes = {case, "plur" if plural else "sing"}
        if parse.tag.POS in ("ADJF", "PRTF") and not plural and head_gender:
            grammemes.add(head_gender)
        form = parse.inflect(grammemes) if parse.is_known else None
        if form is None and not parse.is_known and word[-1:].isalpha() \
                and word[-1] not in "аеёиоуыэюяь":  # an unknown name: regular endings
            form_text = word + {"gent": "а", "datv": "у", "ablt": "ом", "loct": "е",
                                "accs": ""}.get(case, "")
            out.append(form_text if not plural else word + "ы")
            continue
        word_form = form.word if form is not None else word.lower()
        out.append(_cased_as(word_form, word))
    return " ".join(out)


_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff'’-]+")


def _cased_as(form: str, word: str) -> str:
    """*form* with the capitals of *word* where the two agree letter for letter (О'Флаэрти
    keeps its second capital in О'Флаэрти-ом, not О'флаэрти)."""
    return "".join(c.upper() if i < len(word) and word[i].isupper() and word[i].lower() == c
                   else c for i, c in enumerate(form))


#: endings of a masculine noun declined by its last letter: hard consonant, й, ь
_NAME_ENDINGS = {
    "hard": {"nomn": "", "gent": "а", "datv": "у", "accs": "", "ablt": "ом", "loct": "е"},
    "soft": {"nomn": "", "gent": "я", "datv": "ю", "accs": "", "ablt": "ем", "loct": "е"},
}


def ru_name(word: str, case: str) -> str:
    """A synthetic place name (one word, ending in a consonant, й or ь) in *case*, declined as
    an inanimate masculine noun by its ending: Бахан → Бахана, Гёльтербей → Гёльтербеем; the
    stress on the last syllable, as in Turkic names (Кендашом, like Агдашом).
    pymorphy3 would read some of them as other words' forms (бахан: a short participle of
    бахать; гёльтербей: a genitive plural) and inflect them as those."""
    if word[-1] in "йь":
        stem, endings = word[:-1], _NAME_ENDINGS["soft"]
    else:
        stem, endings = word, _NAME_ENDINGS["hard"]
    ending = endings[case]
    return (stem if word[-1] in "йь" and ending else word) + ending


# -- the termbase -------------------------------------------------------------------------------

@dataclass
class Entry:
    """A concept as the unit generator uses it: terms by language and status, inflection."""

    id: str
    terms: dict[str, list[tuple[str, TermStatus]]] = field(default_factory=dict)
    possessed: bool = False  # the az term ends in an izafet possessive
    name: bool = False


def _term(text: str, lang: str, status: TermStatus, pos: str, kind: str) -> Term:
    return Term(text, parse_language(lang), status, pos, kind)


def termbase(size: int = CONCEPTS, seed: int = SEED) -> tuple[Termbase, list[Entry]]:
    """The real glossary plus synthetic concepts up to *size*, and the generator's view."""
    rng = random.Random(seed)
    real = load_termbase(ROOT / "glossaries" / "termbase.tsv")
    concepts = list(real.concepts)
    entries: list[Entry] = []
    for concept in concepts:
        entry = Entry(concept.id)
        for term in concept.terms:
            entry.terms.setdefault(term.lang.language, []).append((term.text, term.status))
        last = concept.preferred("az")
        if last is not None and " " in last.text:
            tail = last.text.rsplit(" ", 1)[1]
            entry.possessed = tail[-1:] in "ıiuü" and len(tail) > 3
        entry.name = any(t.pos == "properNoun" for t in concept.terms)
        if all(lang in entry.terms for lang in ("en", "az", "ru")):
            entries.append(entry)
    seen = {t.text.lower() for c in concepts for t in c.terms}
    # a synthetic phrase that the real sentences use ("environmental protection") would be a
    # concept with a made-up translation, reported missing where the corpus is right
    corpus = " ".join(text for lang in ("az", "ru") for pair in corpus_pairs(lang)
                      for text in pair).lower()
    names_left = size // 5
    attempts = 0
    while len(concepts) < size and attempts < size * 20:
        attempts += 1
        if names_left > 0 and rng.random() < 0.25:
            made = _place(rng)
            names_left -= 1
        else:
            made = _phrase(rng)
        if made is None or made[0][0][0].lower() in seen or any(
                text.lower() in corpus for text, *_ in made[0] if " " in text):
            continue
        terms, entry_kind = made
        seen.update(t[0].lower() for t in terms)
        cid = f"syn-{len(concepts):05d}"
        pos = "properNoun" if entry_kind == "name" else "noun"
        concept = Concept(cid, [_term(text, lang, status, pos, kind)
                                for text, lang, status, kind in terms], subject="synthetic")
        concepts.append(concept)
        entry = Entry(cid, possessed=entry_kind == "izafet", name=entry_kind == "name")
        for text, lang, status, _ in terms:
            entry.terms.setdefault(lang, []).append((text, status))
        entries.append(entry)
    return Termbase.from_concepts(concepts), entries


Made = tuple[list[tuple[str, str, TermStatus, str]], str]


def _phrase(rng: random.Random) -> Made | None:
    shape = rng.choices(("adj", "adj2", "compound", "adjcompound"), (4, 2, 3, 2))[0]
    pref, adm, dep = TermStatus.PREFERRED, TermStatus.ADMITTED, TermStatus.DEPRECATED
    adjs = rng.sample(ADJECTIVES, 2)
    n1, n2 = rng.sample(NOUNS, 2)  # n1 modifies n2 in a compound
    terms: list[tuple[str, str, TermStatus, str]] = []
    if shape in ("adj", "adj2"):
        used = adjs[:1] if shape == "adj" else adjs
        en = " ".join(a[0] for a in used) + " " + n2[0]
        az = " ".join(a[1] for a in used) + " " + n2[1]
        ru = " ".join(a[2] for a in used) + " " + n2[2]
        ru = _agree(ru)
        if ru is None:
            return None
        terms += [(en, "en", pref, "fullForm"), (az, "az", pref, "fullForm"),
                  (ru, "ru", pref, "fullForm")]
        calque = CALQUES.get(used[0][0])
        if calque and rng.random() < 0.35:
            status = dep if rng.random() < 0.7 else TermStatus.FORBIDDEN
            rest_az = az.split(" ", 1)[1]
            terms.append((calque[0] + " " + rest_az, "az", status, "variant"))
            rest_ru = ru.split(" ", 1)[1]
            rejected = _agree(calque[1] + " " + rest_ru)
            if rejected:
                terms.append((rejected, "ru", status, "variant"))
        return terms, "phrase"
    prefix = adjs[:1] if shape == "adjcompound" else []
    en = " ".join([*(a[0] for a in prefix), n1[0], n2[0]])
    az = " ".join([*(a[1] for a in prefix), n1[1], az_possessive(n2[1])])
    head = " ".join([*(a[2] for a in prefix), n2[2]])
    head = _agree(head) if prefix else head
    if head is None:
        return None
    genitive = _morph().parse(n1[2])[0].inflect({"gent", "sing"})
    if genitive is None:
        return None
    ru = head + " " + genitive.word
    terms += [(en, "en", pref, "fullForm"), (az, "az", pref, "fullForm"),
              (ru, "ru", pref, "fullForm")]
    if not prefix and rng.random() < 0.3:
        terms.append((f"{n2[0]} for {n1[0]}", "en", adm, "variant"))
    return terms, "izafet"


def _agree(phrase: str) -> str | None:
    """Russian adjectives put in the gender of the last word (the noun)."""
    words = phrase.split(" ")
    morph = _morph()
    noun = morph.parse(words[-1])[0]
    gender = noun.tag.gender
    if gender is None:
        return None
    out = []
    for word in words[:-1]:
        if gender == "masc":
            out.append(word)
            continue
        parts = []
        for part in word.split("-"):
            form = morph.parse(part)[0].inflect({gender, "nomn", "sing"})
            if form is None:
                return None
            parts.append(form.word)
        out.append("-".join(parts))
    return " ".join([*out, words[-1]])


def _place(rng: random.Random) -> Made:
    parts = [rng.choice(SYLLABLES) for _ in range(rng.choice((2, 2, 3)))]
    en = "".join(p[0] for p in parts).capitalize()
    az = "".join(p[1] for p in parts)
    az = ("İ" + az[1:] if az[0] == "i" else az[:1].upper() + az[1:])
    ru = "".join(p[2] for p in parts).capitalize()
    if ru[-1] in "аеёиоуыэюяь":
        ru += "н"
        en += "n"
        az += "n"
    terms = [(en, "en", TermStatus.PREFERRED, "fullForm"),
             (az, "az", TermStatus.PREFERRED, "fullForm"),
             (ru, "ru", TermStatus.PREFERRED, "fullForm")]
    if rng.random() < 0.1:  # an old Russian spelling, no longer used
        terms.append((ru[:-1] + ru[-1] + "ь", "ru", TermStatus.DEPRECATED, "variant"))
    return terms, "name"


# -- the units ----------------------------------------------------------------------------------

# (English clause, az case, az clause, ru case, ru plural, ru clause)
CLAUSES = [
    ("together with the {}", "NOM", "{} ilə birlikdə", "ablt", False, "вместе с {}"),
    ("in the {}", "LOC", "{}", "loct", False, "в {}"),
    ("according to the {}", "GEN", "{} məlumatına görə", "gent", False, "по данным {}"),
    ("as addressed to the {}", "DAT", "{} ünvanlandığı kimi", "datv", False,
     "как было адресовано {}"),
    ("as stated by the {}", "ABL", "{} bildirildiyi kimi", "gent", False, "как сообщили от {}"),
    ("and the {} agreed", "NOM", "və {} razılaşdı", "nomn", False, "и {} согласился"),
    ("with all {PL}", "PL", "bütün {} ilə", "ablt", True, "со всеми {}"),
    ("in several {PL}", "PLLOC", "bir sıra {}", "loct", True, "в ряде {}"),
    ("regarding the {} itself", "ACC", "{} nəzərə alaraq", "accs", False, "учитывая {}"),
]
NAME_CLAUSES = [clause for clause in CLAUSES if "{PL}" not in clause[0]]
GENERIC = {"az": "bu qurum", "ru": "этот орган"}
#: Planted kinds an untranslated target (the source copied over it) undoes.
TARGET_KINDS = frozenset({"missing", "rejected", "misspelt", "number", "punctuation"})
_SKELETON = str.maketrans("əşçıöüğ", "escioug")


def _en_plural(term: str) -> str:
    if term.endswith(("s", "x", "ch", "sh")):
        return term + "es"
    if term.endswith("y") and term[-2:-1] not in "aeiou":
        return term[:-1] + "ies"
    return term + "s"


_SWAP = {"е": "и", "и": "е", "о": "а", "а": "о", "e": "i", "i": "e", "o": "a", "a": "o"}


def _misspell(rng: random.Random, text: str, base: str, lang: str,
              avoid: frozenset[str] = frozenset()) -> str:
    """*text*, the term *base* as inflected, with one letter of a word's stem (the part the
    inflection kept) misspelt, so the ending stays a real one (полетическом, not
    полетическийом). Azerbaijani: the first diacritic lost (ə → e), if there is one;
    otherwise a letter changed, in the longest term word of six letters or more, not in its
    first two or last two letters, nor ё or й (whose loss is no misspelling). Never into a word
    of *avoid* (lower-cased words of the concept's terms in other languages: Delan is Dəlan's
    English name), nor, in Russian, into a word the dictionary knows (another word, not a
    misspelling). *text* unchanged when no letter qualifies."""
    words, bases = text.split(" "), base.split(" ")
    if len(words) != len(bases):
        return text
    stems = [len(os.path.commonprefix([w, b])) for w, b in zip(words, bases, strict=True)]

    def changed(k: int, at: int, letter: str) -> str | None:
        word = words[k][:at] + letter + words[k][at + 1:]
        if word.lower() in avoid or (lang == "ru" and _morph().word_is_known(word.lower())):
            return None
        return " ".join([*words[:k], word, *words[k + 1:]])

    if lang == "az":
        for k, word in enumerate(words):
            for at in range(stems[k]):
                if word[at] in "əşçıöüğ":
                    out = changed(k, at, word[at].translate(_SKELETON))
                    if out:
                        return out
    k = max(range(len(words)), key=lambda i: (len(bases[i]), -i))
    word = words[k]
    if len(bases[k]) < 6:  # one letter off a shorter word is often another word
        return text
    places = [at for at in range(2, min(stems[k], len(word) - 2))
              if word[at].isalpha() and word[at] not in "ёй"]
    rng.shuffle(places)
    for at in places:
        letter = _SWAP.get(word[at], "е" if lang == "ru" else "e")
        out = changed(k, at, letter) if letter != word[at] else None
        if out:
            return out
    return text


def corpus_pairs(lang: str) -> list[tuple[str, str]]:
    """The 1:1 beads of the hand-aligned corpus, en→*lang*."""
    pairs = []
    align = ROOT / "corpus" / "align"
    for gold in sorted(align.glob(f"*.en-{lang}.gold")):
        stem = gold.name[: -len(f".en-{lang}.gold")]
        en = (align / f"{stem}.en.sentences.txt").read_text(encoding="utf-8").splitlines()
        tgt = (align / f"{stem}.{lang}.sentences.txt").read_text(encoding="utf-8").splitlines()
        for line in gold.read_text(encoding="utf-8").splitlines():
            left, _, right = line.partition(":")
            src_ids = [int(x) for x in left.strip("[]").split(",") if x.strip()]
            tgt_ids = [int(x) for x in right.strip("[]").split(",") if x.strip()]
            if src_ids and tgt_ids:
                pairs.append((" ".join(en[i] for i in src_ids),
                              " ".join(tgt[i] for i in tgt_ids)))
    return pairs


class UnitMaker:
    """Units for one language pair: corpus pairs extended with inflected terms and errors."""

    def __init__(self, entries: list[Entry], lang: str, seed: int) -> None:
        self.rng = random.Random(seed)
        self.lang = lang
        self.pairs = corpus_pairs(lang)
        self.entries = [e for e in entries if "en" in e.terms and lang in e.terms]
        ranks = list(range(len(self.entries)))
        random.Random(seed + 1).shuffle(ranks)
        self.weights = [1.0 / (r + 10) ** 0.8 for r in ranks]  # Zipf-like term frequency
        self.recent: list[tuple[str, str, tuple[str, ...]]] = []
        self.planted = {"missing": 0, "rejected": 0, "misspelt": 0, "number": 0,
                        "punctuation": 0, "untranslated": 0, "inconsistent": 0}
        self.kinds: list[str] = []  # what the latest unit has planted (a repeat: its original's)

    def _plant(self, kind: str) -> None:
        self.planted[kind] += 1
        self.kinds.append(kind)

    def make(self) -> tuple[str, str]:
        rng = self.rng
        self.kinds = []
        if self.recent and rng.random() < 0.03:  # a repeated source
            src, tgt, kinds = rng.choice(self.recent)
            self.kinds = list(kinds)
            if rng.random() < 0.3:
                # the end punctuation replaced (added where a planted error dropped it):
                # cutting the last letter off would misspell the term that ends the target
                tgt = tgt.replace(" ", "  ", 1) if rng.random() < 0.5 else (
                    tgt[:-1] if tgt[-1:] in ".!?:;" else tgt) + "…"
                self._plant("inconsistent")
            return src, tgt
        src, tgt = rng.choice(self.pairs)
        clauses = rng.choices((0, 1, 2, 3), (3, 4, 2, 1))[0]
        for entry in rng.choices(self.entries, self.weights, k=clauses):
            src, tgt = self._insert(entry, src, tgt)
        if rng.random() < 0.01 and any(c.isdigit() for c in tgt):
            at = next(i for i, c in enumerate(tgt) if c.isdigit())
            tgt = tgt[:at] + str((int(tgt[at]) + 1) % 10) + tgt[at + 1:]
            self._plant("number")
        if rng.random() < 0.01:
            dropped = tgt.rstrip(".!?")
            if dropped != tgt:  # a heading or a list item has none to drop
                tgt = dropped
                self._plant("punctuation")
        if rng.random() < 0.003:
            tgt = src  # what was planted in the target is gone with it
            for kind in TARGET_KINDS.intersection(self.kinds):
                self.planted[kind] -= self.kinds.count(kind)
            self.kinds = [k for k in self.kinds if k not in TARGET_KINDS]
            self._plant("untranslated")
        if len(self.recent) < 2000:
            self.recent.append((src, tgt, tuple(self.kinds)))
        else:
            self.recent[rng.randrange(2000)] = (src, tgt, tuple(self.kinds))
        return src, tgt

    def _insert(self, entry: Entry, src: str, tgt: str) -> tuple[str, str]:
        rng = self.rng
        # a name is not counted in the plural ("in several Michael O'Flaherties")
        en_clause, az_case, az_clause, ru_case, plural, ru_clause = rng.choice(
            NAME_CLAUSES if entry.name else CLAUSES)
        en_terms = [t for t, s in entry.terms["en"] if s.allowed] or [entry.terms["en"][0][0]]
        en = rng.choice(en_terms)
        if "{PL}" in en_clause:
            en_text = en_clause.replace("{PL}", _en_plural(en))
        elif rng.random() < 0.1:
            en_text = f"with the {en}'s support"
        else:
            en_text = en_clause.format(en)
        allowed = [t for t, s in entry.terms[self.lang] if s.allowed]
        rejected = [t for t, s in entry.terms[self.lang] if not s.allowed]
        term = allowed[0] if allowed else entry.terms[self.lang][0][0]
        roll = rng.random()
        misspell = False
        if roll < 0.03:
            term = GENERIC[self.lang]
            self._plant("missing")
        elif roll < 0.06 and rejected:
            term = rng.choice(rejected)
            self._plant("rejected")
        elif 0.06 <= roll < 0.075:
            misspell = True  # after inflection, so that the ending is still a real one
        if self.lang == "az":
            head, _, last = term.rpartition(" ")
            case = az_case
            if entry.name and case != "NOM":
                last = last + "'" + az_inflect(last, case)[len(last):] if rng.random() < 0.1 \
                    else az_inflect(last, case)
            else:
                # the generic phrase (bu qurum) has no izafet of its own: qurumu, not qurumnu
                last = az_inflect(last, case,
                                  entry.possessed and bool(head) and term != GENERIC["az"])
            inflected = (head + " " + last).strip()
        elif entry.name and entry.id.startswith("syn-") and " " not in term:
            inflected = ru_name(term, ru_case)
        else:
            inflected = ru_inflect(term, ru_case, plural)
        if misspell:
            avoid = frozenset(w.lower() for lang, terms in entry.terms.items()
                              if lang != self.lang for t, _ in terms for w in t.split(" "))
            misspelt = _misspell(rng, inflected, term, self.lang, avoid)
            if misspelt != inflected:
                self._plant("misspelt")
            inflected = misspelt
        tgt_text = (az_clause if self.lang == "az" else ru_clause).format(inflected)
        src = _extend(src, en_text)
        tgt = _extend(tgt, tgt_text)
        return src, tgt


def _extend(sentence: str, clause: str) -> str:
    body = sentence.rstrip()
    end = ""
    while body and body[-1] in ".!?:;»”\"":
        end = body[-1] + end
        body = body[:-1]
    return f"{body}, {clause}{end or '.'}"


def planted_units(entries: list[Entry], n: int, lang: str,
                  seed: int = SEED) -> Iterator[tuple[Unit, tuple[str, ...]]]:
    """*n* en→*lang* units, streamed, each with the kinds of error planted in it."""
    maker = UnitMaker(entries, lang, seed + (1 if lang == "az" else 2))
    en, tgt_tag = parse_language("en"), parse_language(lang)
    for i in range(n):
        src, tgt = maker.make()
        yield (Unit(Segment(src, en), [Segment(tgt, tgt_tag)], id=f"{lang}-{i + 1}"),
               tuple(dict.fromkeys(maker.kinds)))
    units.planted[lang] = dict(maker.planted)  # type: ignore[attr-defined]


def units(entries: list[Entry], n: int, lang: str, seed: int = SEED) -> Iterator[Unit]:
    """*n* en→*lang* units, streamed."""
    for unit, _ in planted_units(entries, n, lang, seed):
        yield unit


units.planted = {}  # type: ignore[attr-defined]


def write_termbase(tb: Termbase, path: Path) -> None:
    registry.write(tb, path, "termbase-tsv")


def generate(n: int, out: Path, seed: int = SEED, po: int = 0,
             concepts: int = CONCEPTS) -> dict[str, Path]:
    """Write the termbase and *n* units (half en→az, half en→ru) under *out*."""
    out.mkdir(parents=True, exist_ok=True)
    tb, entries = termbase(concepts, seed)
    paths = {"termbase": out / "termbase.tsv", "tsv": out / "units.tsv",
             "planted": out / "planted.tsv"}
    write_termbase(tb, paths["termbase"])
    with paths["tsv"].open("w", encoding="utf-8", newline="") as tsv, \
            paths["planted"].open("w", encoding="utf-8") as planted:
        writer = csv.writer(tsv, delimiter="\t", quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        for lang, count in (("az", n - n // 2), ("ru", n // 2)):
            path = paths[lang] = out / f"en-{lang}.tmx"
            po_units: list[Unit] = []

            def stream(lang: str = lang, count: int = count,
                       po_units: list[Unit] = po_units) -> Iterator[Unit]:
                for unit, kinds in planted_units(entries, count, lang, seed):
                    writer.writerow((unit.source.text, lang, unit.targets[0].text))
                    planted.write(f"{unit.id}\t{','.join(kinds)}\n")
                    if len(po_units) < po:
                        po_units.append(unit)
                    yield unit

            header = Header(source_lang=parse_language("en"),
                            target_langs=[parse_language(lang)], tool="ahenk-bench")
            write_units(stream(), path, header)
            if po:
                paths[f"po-{lang}"] = out / f"en-{lang}.po"
                store = Store(po_units, header=header)
                registry.write(store, paths[f"po-{lang}"], "po")
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("units", type=int, nargs="?", default=10000)
    parser.add_argument("--out", type=Path, default=Path("/tmp/ahenk-bench-check"))
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--po", type=int, default=0, help="units per language written as PO")
    parser.add_argument("--concepts", type=int, default=CONCEPTS)
    args = parser.parse_args()
    paths = generate(args.units, args.out, args.seed, args.po, args.concepts)
    for name, path in paths.items():
        print(f"{name:10} {path}")
    print("planted:", units.planted)  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
