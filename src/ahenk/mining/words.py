"""Word-level knowledge term mining needs: stop words, linking words, and a stem per word.

The stem is a grouping key, not a lemma to show: English singular without the possessive,
Azerbaijani the shortest stem :func:`ahenk.lang.az.stem_candidates` allows (a word after an
apostrophe or hyphen suffix is the part before it: QHT-ləri → qht), Russian the most probable
pymorphy3 normal form (:func:`ahenk.lang.ru.lemma`). Words are folded first
(:meth:`~ahenk.lang.base.Language.fold`).

Besides the stop words, the candidate rules need a few small closed classes and word tests:

* :data:`NAME_OPENERS`: English ordinals and number words. They are stop words, but one that is
  capitalised before a capitalised word opens a name (Second Karabakh War, First Protocol).
* :data:`QUANTIFIERS`: English nouns of quantity or kind that, before ``of``, act as a
  determiner of the noun after them (a number of issues, a series of visits): the phrase is
  that noun's, not a term.
* :data:`EVALUATIVE`: English adjectives that evaluate or point rather than classify
  (relevant, competent, authorized, previous, main, important). A term names a kind of thing;
  "the relevant authorities" are the authorities the text is about, not a kind of authority,
  so no term starts with one. They stay content words for word alignment.
* :func:`is_attributive`: Russian words that can only be full adjectives or participles
  (гуманитарного, уполномоченные). They agree with a noun after them, so a Russian phrase never
  ends with one (международного гуманитарного права, not международного гуманитарного).
* :func:`is_light_verb`: Azerbaijani light verbs (et-/ed-, edil-, ol-, olun-), the verbal half
  of compound verbs (azad etmək, təmin edilmiş). They follow the noun they make a verb of, so a
  target phrase never starts with one (azad edilmiş ərazilər, never edilmiş ərazilər).
"""

from __future__ import annotations

from functools import lru_cache

import regex

_EN = """
a an the this that these those there here it its it's they them their theirs we us our ours
you your yours i me my mine he him his she her hers who whom whose which what when where why
how all any both each every either neither some such no nor not only own same so than too very
and or but if then else because as until while of at by for with about against between into
through during before after above below to from up down in out on off over under again further
once also just even still yet already ever never always often now however therefore thus hence
moreover furthermore although though whether since within without upon among amongst across
along around behind beyond toward towards via per despite unlike like
is am are was were be been being have has had having do does did doing done will would shall
should can could may might must ought let
said says say stated states noted notes note expressed express called calls call made make
makes take takes taken took give gives given gave including include includes included according
regarding concerning following follows followed based related held hold holds get got become
became see seen seem seems know known want wants need needs use used using provide provided
provides ensure ensured continue continues continued carry carried
one two three four five six seven eight nine ten first second third last next new other others
another many much more most less least few several various certain particular recent recently
well however etc e.g. i.e mr mrs ms dr dear sir madam yes
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
"""
_AZ = """
və ilə bu o bir da də ki üçün həm ya yaxud isə artıq belə hər bütün çox daha ən kimi görə qədər
sonra əvvəl olan olaraq olub olunub edib edən etmək edilib olmuşdur olunmuşdur edilmişdir
həmçinin habelə lakin amma ancaq onun onların onlar biz bizim siz sizin mən məni öz özü özünün
bunu buna bunun bunlar həmin digər eləcə eyni hansı necə nə niyə harada yalnız hələ indi bəzi
heç barədə haqqında üzrə dair qarşı tərəfindən zamanı ərzində arasında aid bağlı ilk son yeni
həmişə artıq isə əgər çünki baxmayaraq vasitəsilə əsasən ilə də hətta kimi şəkildə olduğu
olduğunu etdi etdiyi edir edirik olunur olunan olunması edilən edilməsi var yox deyil
"""
_RU = """
и в во на по с со о об обо для к ко от из за не ни что это как а но также его её ее их который
которая которое которые которых которым он она оно они мы вы я этот эта это эти тот та те так же
другой другая другое другие другого другой другую других другим другими другом
бы ли уже еще ещё был была были было быть есть является являются при до после под над между
через без у или все всех всё весь свой своих своей свои наш ваш их где когда чтобы если то
против более менее очень только лишь даже тоже кроме среди ряд г
"""

STOP: dict[str, frozenset[str]] = {
    "en": frozenset(_EN.split()),
    "az": frozenset(_AZ.split()),
    "ru": frozenset(_RU.replace("ё", "е").split()),
}
#: Stop words allowed inside a term, between its content words.
LINKING: dict[str, frozenset[str]] = {
    "en": frozenset({"of", "for", "on", "the", "and", "to", "against", "in", "with", "from",
                     "by", "under", "after"}),
    "az": frozenset({"və", "haqqında", "üzrə", "dair", "qarşı", "ilə"}),
    "ru": frozenset({"по", "о", "об", "для", "с", "против", "и", "в", "на", "при"}),
}

NAME_OPENERS: dict[str, frozenset[str]] = {
    "en": frozenset({"first", "second", "third", "fourth", "fifth", "sixth", "seventh",
                     "eighth", "ninth", "tenth", "one", "two", "three", "four", "five", "six",
                     "seven", "eight", "nine", "ten"}),
}
QUANTIFIERS: dict[str, frozenset[str]] = {
    "en": frozenset({"number", "numbers", "series", "range", "variety", "majority", "minority",
                     "part", "parts", "lot", "lots", "kind", "kinds", "type", "types", "sort",
                     "amount", "total", "couple", "dozen", "dozens", "hundreds", "thousands",
                     "millions", "set", "group", "groups", "host", "plenty", "rest", "share",
                     "half", "portion", "percent", "bulk", "handful"}),
}

EVALUATIVE: dict[str, frozenset[str]] = {
    "en": frozenset("""relevant respective appropriate competent authorized authorised concerned
    previous main necessary possible serious important significant numerous huge additional
    entire whole""".split()),
}

_AZ_LIGHT_VERB = regex.compile(
    r"^(?:et(?:mək|məy|mə|miş|di|dik|diy|sə|məli|məz)|ed(?:ir|ib|ən|ər|əcək|ərək|ə|in)"
    r"|edil(?:ir|ib|ən|ər|əcək|ərək|mək|məy|mə|miş|di|dik|diy|sə|məli|məz|məsi)"
    r"|ol(?:ur|ub|an|ar|acaq|araq|maq|ma|muş|du|duq|duğ|sa|malı|maz|ması)"
    r"|olun(?:ur|ub|an|ar|acaq|araq|maq|ma|muş|du|duq|duğ|sa|malı|maz|ması))")


@lru_cache(maxsize=65536)
def is_attributive(folded: str, lang: str) -> bool:
    """Whether *folded* is, in every reading, a Russian full adjective or participle."""
    if lang != "ru" or not any("а" <= c <= "я" for c in folded):
        return False
    from ahenk.lang.ru import parses

    options = parses(folded)
    return bool(options) and all(p.tag.POS in ("ADJF", "PRTF") for p in options)


def is_light_verb(folded: str, lang: str) -> bool:
    """Whether *folded* is a form of an Azerbaijani light verb (edilmiş, olunan, etdi)."""
    return lang == "az" and bool(_AZ_LIGHT_VERB.match(folded))


_EN_IRREGULAR = {"people": "person", "persons": "person", "children": "child",
                 "criteria": "criterion", "crises": "crisis", "analyses": "analysis",
                 "women": "woman", "men": "man", "data": "datum", "media": "medium"}


def is_stop(folded: str, lang: str) -> bool:
    return folded in STOP.get(lang, frozenset())


@lru_cache(maxsize=262144)
def stem(folded: str, lang: str) -> str:
    """The grouping key of a folded word in *lang*."""
    if lang == "en":
        return _en_stem(folded)
    if lang == "az":
        return _az_stem(folded)
    if lang == "ru":
        from ahenk.lang import ru

        return ru.lemma(folded) if any("а" <= c <= "я" for c in folded) else folded
    return folded


def _en_stem(word: str) -> str:
    for ending in ("'s", "'"):
        if word.endswith(ending) and len(word) > len(ending) + 1:
            word = word[: -len(ending)]
            break
    if word in _EN_IRREGULAR:
        return _EN_IRREGULAR[word]
    if word.endswith("men") and len(word) > 5:
        return word[:-3] + "man"
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def _az_stem(word: str) -> str:
    from ahenk.lang.az import stem_candidates

    for separator in "'-":
        head, found, _ = word.partition(separator)
        if found and head:
            return head
    usable = [s for s in stem_candidates(word) if len(s) >= 3]
    return usable[-1] if usable else word
