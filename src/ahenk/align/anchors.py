"""Anchor features: what two sentences share across languages, as weighted keys.

A *feature* turns one sentence into keys (strings) that its translation is likely to contain as
well: the same number however the locale writes it, the same rare token or acronym, the same name
in another script, the same sentence-final ``?``/``!``, the same termbase concept. Features are
pluggable: :class:`AnchorIndex` takes any sequence of :class:`Feature` objects, so a new kind of
evidence is a new small class, not a change in the dynamic programme.

:class:`AnchorIndex` keeps only keys found on *both* sides, weighs each by the feature's weight
times an inverse document frequency (a key in every sentence says nothing), interns keys as
ints, and gives every sentence a ``frozenset`` of them. The similarity of a sentence pair is the
summed weight of the keys they share.
"""

from __future__ import annotations

import hashlib
import math
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

import regex

from ahenk.align.translit import fold_accents, skeleton
from ahenk.lang.casing import lower
from ahenk.lang.numbers import extract_numbers
from ahenk.termbase.match import index_for
from ahenk.termbase.model import Termbase

_WORD = regex.compile(r"[\p{L}\p{M}][\p{L}\p{M}\p{N}'’]*")
#: The words of the sentence being indexed, shared by the features that read the original text.
_words = lru_cache(maxsize=8)(_WORD.findall)
_HAS_DIGIT = regex.compile(r"\d").search
_QUOTES = frozenset("\"«»„“”‘’‹›")
#: Keys kept per sentence (the heaviest).
MAX_KEYS = 16


class Feature(ABC):
    """One kind of anchor evidence. ``keys`` returns the sentence's keys (repeats ignored)."""

    name: str
    weight: float = 1.0

    @abstractmethod
    def keys(self, text: str, lang: str) -> Iterable[str]: ...

    def describe(self) -> str:
        """How the feature is configured, for the aligner's signature."""
        return f"{self.name}={self.weight:g}"


# -- numbers ------------------------------------------------------------------------------------

def _number_key(value: Decimal | str) -> str:
    """A locale-free key: ``Decimal('3400')`` → ``3400``, ``Decimal('2.50')`` → ``2.5``."""
    return format(value.normalize(), "f") if isinstance(value, Decimal) else str(value)


class Numbers(Feature):
    """Numbers compared by value across locales: 3,400 / 3 400 / 3400; 1991-ci / 1991-м.

    Reading numbers is :func:`ahenk.lang.numbers.extract_numbers`'s job (decimal marks and group
    separators per language, ordinal suffixes, dates); this feature only keys their values.
    """

    name = "numbers"

    def __init__(self, weight: float = 1.0) -> None:
        self.weight = weight

    def keys(self, text: str, lang: str) -> Iterable[str]:
        if not _HAS_DIGIT(text):
            return ()
        return [_number_key(token.value) for token in extract_numbers(text, lang)]


# -- tokens and names ---------------------------------------------------------------------------

class Tokens(Feature):
    """Identical words and acronyms (case-folded; length >= 2): names, codes, loanwords."""

    name = "tokens"

    def __init__(self, weight: float = 0.8) -> None:
        self.weight = weight

    def keys(self, text: str, lang: str) -> Iterable[str]:
        return [w for w in _WORD.findall(lower(text, lang)) if len(w) > 1]


class Names(Feature):
    """Capitalised words matched across scripts by their sound skeleton (Xankəndi / Ханкенди)."""

    name = "names"

    def __init__(self, weight: float = 0.8) -> None:
        self.weight = weight

    def keys(self, text: str, lang: str) -> Iterable[str]:
        out = []
        for word in _words(text):
            if word[0].isupper() and len(word) > 2:
                key = skeleton(word)
                if len(key) >= 2:
                    out.append(key)
        return out


class Cognates(Feature):
    """Words sharing their first four letters after accent folding (Simard's cognates)."""

    name = "cognates"

    def __init__(self, weight: float = 0.8, prefix: int = 4) -> None:
        self.weight = weight
        self.prefix = prefix

    def keys(self, text: str, lang: str) -> Iterable[str]:
        n = self.prefix
        return [fold_accents(w)[:n] for w in _words(text) if len(w) > n]

    def describe(self) -> str:
        return f"{self.name}={self.weight:g}/{self.prefix}"


class Punctuation(Feature):
    """Sentence-final ``?`` and ``!``, a leading dash (interview turns, list items), quotation
    marks and parentheses."""

    name = "punctuation"

    def __init__(self, weight: float = 0.5) -> None:
        self.weight = weight

    def keys(self, text: str, lang: str) -> Iterable[str]:
        stripped = text.rstrip(" \t\"»”’)")
        out = []
        if stripped.endswith(("?", "¿")):
            out.append("?")
        if stripped.endswith("!"):
            out.append("!")
        if text.lstrip()[:1] in ("-", "–", "—", "•"):
            out.append("dash")
        if not _QUOTES.isdisjoint(text):
            out.append("quote")
        if "(" in text:
            out.append("(")
        return out


class Terms(Feature):
    """Termbase concepts found on both sides, inflected or not: the key is the concept id.

    Finding terms is :mod:`ahenk.termbase.match`'s job (an inflection-aware index per language,
    so *Ombudsmanın* and *омбудсмена* are found as the concept of *Ombudsman*).
    """

    name = "terms"

    def __init__(self, termbase: Termbase, weight: float = 1.5) -> None:
        self.weight = weight
        self.termbase = termbase
        self.fingerprint = termbase_hash(termbase)

    def keys(self, text: str, lang: str) -> Iterable[str]:
        return [m.concept for m in index_for(self.termbase, lang).find(text, nested=True)]

    def describe(self) -> str:
        return f"{self.name}={self.weight:g}@{self.fingerprint}"


def termbase_hash(termbase: Termbase) -> str:
    """A short stable hash of a termbase's concepts and terms (for signatures)."""
    digest = hashlib.sha256()
    for concept in getattr(termbase, "concepts", []):
        digest.update(str(concept.id).encode())
        for term in concept.terms:
            digest.update(f"\x1f{term.lang.language}\x1f{term.text}".encode())
        digest.update(b"\x1e")
    return digest.hexdigest()[:12]


def default_features() -> list[Feature]:
    return [Numbers(), Tokens(), Names(), Cognates(), Punctuation()]


# -- the index ----------------------------------------------------------------------------------

@dataclass
class AnchorIndex:
    """Interned anchor keys of both sides: ``src[i]``/``tgt[j]`` are frozensets of key ids."""

    src: list[frozenset[int]]
    tgt: list[frozenset[int]]
    weights: list[float]
    names: list[str]

    @classmethod
    def build(cls, src: Sequence[str], tgt: Sequence[str], src_lang: str, tgt_lang: str,
              features: Sequence[Feature], min_weight: float = 0.05,
              max_keys: int = MAX_KEYS) -> AnchorIndex:
        """Extract, weigh and intern the keys of both sides.

        Each sentence keeps at most *max_keys* keys, the heaviest: a long sentence's many
        frequent words add time and memory but little evidence.
        """
        vocabulary: dict[str, int] = {}
        src_raw = [_sentence_ids(s, src_lang, features, vocabulary) for s in src]
        tgt_raw = [_sentence_ids(t, tgt_lang, features, vocabulary) for t in tgt]
        df_src = Counter(k for keys in src_raw for k in keys)
        df_tgt = Counter(k for keys in tgt_raw for k in keys)
        total = max(len(src) + len(tgt), 3)
        feature_weight = {f.name: f.weight for f in features}
        key_names = list(vocabulary)
        del vocabulary
        ids: dict[int, int] = {}
        weights: list[float] = []
        names: list[str] = []
        for key, ns in df_src.items():
            nt = df_tgt.get(key)
            if not nt:
                continue
            idf = 1.0 - math.log(ns + nt) / math.log(total)
            name = key_names[key]
            weight = feature_weight[name.split(":", 1)[0]] * min(1.0, max(0.0, idf))
            if weight >= min_weight:
                ids[key] = len(weights)
                weights.append(weight)
                names.append(name)

        def intern(keys: tuple[int, ...]) -> frozenset[int]:
            found = [ids[k] for k in keys if k in ids]
            if len(found) > max_keys:
                found = heaviest(found, weights, max_keys)
            return frozenset(found)

        return cls([intern(k) for k in src_raw], [intern(k) for k in tgt_raw], weights, names)

    def similarity(self, a: frozenset[int], b: frozenset[int]) -> float:
        if not a or not b:
            return 0.0
        w = self.weights
        return sum(w[k] for k in a & b)

    def shared(self, i: int, j: int) -> list[str]:
        """Readable keys shared by source sentence *i* and target sentence *j* (for reports)."""
        return sorted(self.names[k] for k in self.src[i] & self.tgt[j])


def _sentence_ids(text: str, lang: str, features: Sequence[Feature],
                  vocabulary: dict[str, int]) -> tuple[int, ...]:
    keys = {f"{feature.name}:{key}" for feature in features for key in feature.keys(text, lang)}
    return tuple(vocabulary.setdefault(k, len(vocabulary)) for k in keys)


def heaviest(keys: Iterable[int], weights: Sequence[float], limit: int) -> list[int]:
    """The *limit* keys of highest weight (ties: lower id first)."""
    return sorted(keys, key=lambda k: (-weights[k], k))[:limit]
