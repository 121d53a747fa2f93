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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import regex

from ahenk.align.translit import fold_accents, skeleton
from ahenk.lang.casing import lower

_WORD = regex.compile(r"[\p{L}\p{M}][\p{L}\p{M}\p{N}'’]*")
_NUMBER = regex.compile(r"(?<![\p{L}\p{N}])\d+(?:[ \u00a0\u202f]\d{3}(?!\d))*(?:[.,]\d+)*")
_QUOTES = frozenset("\"«»„“”‘’‹›")


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

def _canonical_number(raw: str, lang: str) -> str:
    """``3,400`` (en), ``3 400``, ``3.400`` (de/az) and ``3400`` → ``3400``; ``3,5`` → ``3.5``."""
    text = regex.sub(r"[ \u00a0\u202f]", "", raw)
    commas, dots = text.count(","), text.count(".")
    group = "," if lang == "en" else "."
    if commas and dots:  # the later separator is the decimal mark: 1,234.5 / 1.234,5
        decimal = "." if text.rfind(".") > text.rfind(",") else ","
    elif commas + dots > 1:  # one separator used several times: grouping (1.000.000)
        decimal = None
    elif commas + dots == 1:
        sep = "," if commas else "."
        tail = text.split(sep)[1]
        decimal = None if (sep == group and len(tail) == 3) else sep
    else:
        decimal = None
    if decimal is None:
        whole, frac = text.replace(",", "").replace(".", ""), ""
    else:
        whole, _, frac = text.rpartition(decimal)
        whole = whole.replace(",", "").replace(".", "")
    whole = whole.lstrip("0") or "0"
    frac = frac.rstrip("0")
    return f"{whole}.{frac}" if frac else whole


def _own_numbers(text: str, lang: str) -> list[str]:
    return [_canonical_number(m.group(), lang) for m in _NUMBER.finditer(text)]


def _number_extractor() -> Callable[[str, str], list[str]]:
    """Use ``ahenk.lang.numbers`` when it is installed; otherwise the small parser above."""
    try:
        from ahenk.lang.numbers import extract_numbers  # type: ignore[import-not-found]
    except ImportError:
        return _own_numbers

    def extract(text: str, lang: str) -> list[str]:
        return [_format_value(tok.value) for tok in extract_numbers(text, lang)]

    return extract


def _format_value(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    return text.rstrip("0").rstrip(".") if "." in text else text


class Numbers(Feature):
    """Numbers compared by value across locales: 3,400 / 3 400 / 3400; 1991-ci / 1991-м."""

    name = "numbers"

    def __init__(self, weight: float = 1.0) -> None:
        self.weight = weight
        self._extract = _number_extractor()

    def keys(self, text: str, lang: str) -> Iterable[str]:
        return self._extract(text, lang)


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
        for word in _WORD.findall(text):
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
        return [fold_accents(w)[:n] for w in _WORD.findall(text) if len(w) > n]

    def describe(self) -> str:
        return f"{self.name}={self.weight:g}/{self.prefix}"


class Punctuation(Feature):
    """Sentence-final ``?`` and ``!``, quotation marks and parentheses."""

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
        if any(ch in _QUOTES for ch in text):
            out.append("quote")
        if "(" in text:
            out.append("(")
        return out


class Terms(Feature):
    """Termbase concepts found on both sides: the key is the concept id.

    *finder* maps ``(text, lang)`` to the ids of concepts whose terms occur in the text; the
    default is built from ``ahenk.termbase.match`` (inflection-aware). Without a termbase the
    aligner simply does not add this feature.
    """

    name = "terms"

    def __init__(self, finder: Callable[[str, str], Iterable[str]], fingerprint: str,
                 weight: float = 1.5) -> None:
        self.weight = weight
        self._finder = finder
        self.fingerprint = fingerprint

    def keys(self, text: str, lang: str) -> Iterable[str]:
        return self._finder(text, lang)

    def describe(self) -> str:
        return f"{self.name}={self.weight:g}@{self.fingerprint}"


def termbase_hash(termbase: object) -> str:
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
              features: Sequence[Feature], min_weight: float = 0.05) -> AnchorIndex:
        src_keys = [_sentence_keys(s, src_lang, features) for s in src]
        tgt_keys = [_sentence_keys(t, tgt_lang, features) for t in tgt]
        df_src = Counter(k for keys in src_keys for k in keys)
        df_tgt = Counter(k for keys in tgt_keys for k in keys)
        total = max(len(src) + len(tgt), 3)
        feature_weight = {f.name: f.weight for f in features}
        ids: dict[str, int] = {}
        weights: list[float] = []
        names: list[str] = []
        for key, ns in df_src.items():
            nt = df_tgt.get(key)
            if not nt:
                continue
            idf = 1.0 - math.log(ns + nt) / math.log(total)
            weight = feature_weight[key.split(":", 1)[0]] * min(1.0, max(0.0, idf))
            if weight >= min_weight:
                ids[key] = len(weights)
                weights.append(weight)
                names.append(key)

        def intern(keys: set[str]) -> frozenset[int]:
            return frozenset(ids[k] for k in keys if k in ids)

        return cls([intern(k) for k in src_keys], [intern(k) for k in tgt_keys], weights, names)

    def similarity(self, a: frozenset[int], b: frozenset[int]) -> float:
        if not a or not b:
            return 0.0
        w = self.weights
        return sum(w[k] for k in a & b)

    def shared(self, i: int, j: int) -> list[str]:
        """Readable keys shared by source sentence *i* and target sentence *j* (for reports)."""
        return sorted(self.names[k] for k in self.src[i] & self.tgt[j])


def _sentence_keys(text: str, lang: str, features: Sequence[Feature]) -> set[str]:
    return {f"{feature.name}:{key}" for feature in features for key in feature.keys(text, lang)}
