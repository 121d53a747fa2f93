"""A common Latin skeleton for names written in English, Azerbaijani or Russian.

Names cross scripts and spelling systems: *Khankendi* / *Xankəndi* / *Ханкенди*,
*Aliyeva* / *Əliyeva* / *Алиева*, *Karabakh* / *Qarabağ* / *Карабах*. The aligner does not
need to transliterate faithfully, only to give the three spellings of one name the same key, so
:func:`skeleton` maps every letter to a coarse sound class (the idea of Soundex), keeps
consonant classes, drops vowels except a leading one, and truncates. Inflectional endings of
Azerbaijani and Russian fall mostly after the fourth consonant (*Xankəndidə*, *Алиевой*), so a
truncated skeleton matches inflected forms too.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

#: Multi-letter spellings first, so "kh" is read before "k" and "h".
_DIGRAPHS = (
    ("shch", "s"),
    ("dzh", "s"),
    ("дж", "s"),
    ("kh", "k"),
    ("zh", "s"),
    ("sh", "s"),
    ("ch", "s"),
    ("ts", "s"),
    ("gh", "k"),
    ("dj", "s"),
)

#: Sound class of each letter (Latin after accent folding, Azerbaijani, Cyrillic).
#: Vowels and glides map to "" and survive only at the start of a name (as "a").
_CLASSES: dict[str, str] = {}


def _classes(letters: str, cls: str) -> None:
    for letter in letters:
        _CLASSES[letter] = cls


_classes("aeiouyəıöüwаеёиоуыэюяйъь", "")
_classes("kqgğxhкгхґ", "k")
_classes("bpбп", "b")
_classes("fvфв", "v")
_classes("dtдт", "t")
_classes("szşçcjщшчцсзжџ", "s")
_classes("lл", "l")
_classes("rр", "r")
_classes("mм", "m")
_classes("nн", "n")
_VOWELS = frozenset(k for k, v in _CLASSES.items() if v == "")

#: How many consonant classes a skeleton keeps (endings beyond are cut off).
SKELETON_LENGTH = 4


@lru_cache(maxsize=1 << 18)
def fold_accents(text: str) -> str:
    """Lower-case and strip combining accents, keeping Azerbaijani ə, ı and Cyrillic й/ё."""
    out = []
    for ch in text.lower():
        if ch in "əıйё":
            out.append(ch)
            continue
        decomposed = unicodedata.normalize("NFD", ch)
        out.append("".join(c for c in decomposed if not unicodedata.combining(c)))
    return "".join(out)


@lru_cache(maxsize=1 << 18)
def skeleton(word: str, length: int = SKELETON_LENGTH) -> str:
    """The sound-class skeleton of *word*: a leading vowel as ``a``, then consonant classes.

    Repeated classes collapse (``Ll`` → ``l``), letters outside the table are ignored.
    >>> skeleton("Khankendi") == skeleton("Xankəndi") == skeleton("Ханкенди")
    True
    """
    text = fold_accents(word)
    for digraph, cls in _DIGRAPHS:
        if digraph in text:
            text = text.replace(digraph, "\x00" + cls)
    out: list[str] = []
    previous = None
    for index, ch in enumerate(text):
        if ch == "\x00":
            continue
        if index > 0 and text[index - 1] == "\x00":
            cls = ch  # already a class from a digraph
        else:
            cls = _CLASSES.get(ch)
            if cls is None:
                previous = None
                continue
        if cls == "":
            if not out and index == 0:
                out.append("a")
            previous = None
            continue
        if cls != previous:
            out.append(cls)
        previous = cls
        if len(out) - (1 if out and out[0] == "a" else 0) >= length:
            break
    return "".join(out)
