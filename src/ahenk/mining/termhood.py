"""Termhood: the C-value of source candidates, and the rules that make a candidate no term.

The score is the C-value of Frantzi, Ananiadou and Mima (2000), with ``log2(n + 1)`` in place
of ``log2(n)`` so single words are not zero (the variant of Barrón-Cedeño et al., 2009)::

    C(a) = log2(|a| + 1) * f(a)                                   if a is not nested
    C(a) = log2(|a| + 1) * (f(a) - sum(f(b) for b in T(a)) / |T(a)|)   otherwise

where f is the frequency of the group and T(a) the longer candidates containing a. A phrase
that only ever occurs inside one longer phrase ("Preventive Mechanism" inside "National
Preventive Mechanism") gets 0. Names and acronyms get a bonus factor :data:`NAME_BONUS`.

Three rules give 0 to candidates the C-value alone ranks too high. Each is a general property
of terms, documented on its function:

* :func:`truncated`: a fragment of longer terms. Frantzi's C-value discounts nested
  occurrences on average; a candidate that most often continues with one same word, or that
  never stands free (always juxtaposed to another content word, one of those longer compounds
  recurring), is a piece, not a term (rights protection, Armenian military).
* :func:`referential`: an English common-noun phrase with a definite article refers to
  something in the text, where a term names a class (activities of the Ombudsman).
* :func:`syntagm`: an English common noun whose prepositional complement is itself a more
  frequent candidate is a free syntagm of head and argument term (protection of human rights,
  cooperation with international organizations); the complement is the term.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict

from ahenk.mining.candidates import _ARTICLES, _CONJUNCTIONS, Candidate
from ahenk.mining.words import LINKING

#: Factor on the C-value of names (capitalised sequences) and acronyms.
NAME_BONUS = 1.5


def _is_name(candidate: Candidate) -> bool:
    if candidate.is_acronym:
        return True
    surface = candidate.text
    return all(w[:1].isupper() or w.isdigit() or w in LINKING.get(candidate.lang, ())
               for w in surface.split())


#: A candidate whose occurrences share one extension this often is a truncated term.
TRUNCATED = 0.66


def truncated(candidate: Candidate) -> bool:
    """Whether the candidate is part of a longer one: most of its occurrences (2 or more)
    continue with the same word on the same side (Rights Watch, Convention on the Rights); or
    none of them stands free, every one having a content word right next to it, and one of
    those longer compounds recurs (rights protection only in human rights protection, 5 times,
    and Children's Rights Protection Sector; Armenian military only before personnel, forces,
    formations). Neighbours seen once each are more likely verbs or loose words (support
    sustainable development) and keep the candidate. Or, for a single capitalised word, most
    occurrences modify a lower-case noun (Armenian, Azerbaijani)."""
    n = candidate.frequency
    if n < 2:
        return False
    for side in ("left", "right"):
        counts = Counter(getattr(o, side) for o in candidate.occurrences)
        counts.pop(None, None)
        if counts and counts.most_common(1)[0][1] >= TRUNCATED * n:
            return True
    if not candidate.is_acronym and all(o.beside for o in candidate.occurrences):
        neighbours = Counter(b for o in candidate.occurrences for b in o.beside)
        if neighbours.most_common(1)[0][1] >= 2:
            return True
    if len(candidate.key) == 1 and not candidate.is_acronym:
        return sum(o.modifies for o in candidate.occurrences) >= 0.5 * n
    return False


#: Prepositions that join a head noun to its complement inside a phrase.
_PREPOSITIONS: dict[str, frozenset[str]] = {
    lang: words - _CONJUNCTIONS - _ARTICLES for lang, words in LINKING.items()}


def referential(candidate: Candidate) -> bool:
    """English, a common-noun phrase (lower-case head) with a definite article inside: its
    complement refers to one thing in the text (attention of the world community, activities
    of the Ombudsman) where a term's names a class (rule of law). Names keep their articles
    (Office of the Ombudsman, Convention on the Rights of the Child)."""
    return (candidate.lang == "en" and len(candidate.key) > 2 and _lower_head(candidate)
            and any("the" in o.words for o in candidate.occurrences))


def syntagm(candidate: Candidate, groups: dict[tuple[str, ...], Candidate]) -> bool:
    """A common noun with a prepositional complement that is itself a candidate, seen more
    often on its own than in this phrase: the head takes the term as its argument (protection
    of human rights, cooperation with international organizations, statement of Amnesty
    International); the phrase is free, the complement is the term. A complement that is no
    candidate keeps the phrase (rule of law, persons of Armenian origin, prisoners of war)."""
    if not _lower_head(candidate):
        return False
    key = candidate.key
    prepositions = _PREPOSITIONS.get(candidate.lang, frozenset())
    for p, part in enumerate(key[1:-1], start=1):
        if part not in prepositions:
            continue
        for k in range(p + 1, len(key)):
            if key[k] in _ARTICLES:
                continue
            other = groups.get(key[k:])
            if other is not None and other.frequency > candidate.frequency:
                return True
        return False
    return False


def _lower_head(candidate: Candidate) -> bool:
    return candidate.text[:1].islower()


def c_value(groups: dict[tuple[str, ...], Candidate]) -> None:
    """Score every group in place (see the module docstring); truncated ones, referential
    and syntagmatic phrases score 0."""
    containing: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for key, candidate in groups.items():
        n = len(key)
        for i in range(n):
            for j in range(i + 1, n + 1):
                if j - i < n and key[i:j] in groups:
                    containing[key[i:j]].append(candidate.frequency)
    for key, candidate in groups.items():
        frequency = candidate.frequency
        nested = containing.get(key)
        if nested:
            frequency -= sum(nested) / len(nested)
        if truncated(candidate) or referential(candidate) or syntagm(candidate, groups):
            frequency = 0.0
        weight = math.log2(len(key) + 1)
        candidate.score = weight * max(frequency, 0.0) * (NAME_BONUS if _is_name(candidate)
                                                          else 1.0)
