"""Acronyms paired with the expansions the texts spell out next to them.

"National Preventive Mechanism (NPM)" and "NPM (National Preventive Mechanism)": the letters
must be the initials of the expansion's content words, in order (a word may give more than its
initial: ECtHR, MoU; each hyphen part of a word may give its initial: Non-Aligned → NA).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import regex

from ahenk.mining.candidates import (
    MAX_WORDS,
    Candidate,
    _edge_ok,
    _inner_ok,
    _key,
    _Word,
    is_acronym,
    runs,
)


def pair_acronyms(texts: Sequence[str], lang: str,
                  groups: dict[tuple[str, ...], Candidate]) -> list[tuple[Candidate, Candidate]]:
    """Link acronyms to the expansions the texts spell out next to them in parentheses."""
    pairs: dict[tuple[tuple[str, ...], tuple[str, ...]], tuple[Candidate, Candidate]] = {}
    for text in texts:
        words = [w for run in runs(text, lang) for w in run]
        for i, word in enumerate(words):
            if not is_acronym(word.token.text):
                continue
            before = text[:word.token.start].rstrip()
            after = text[word.token.end:].lstrip()
            if before.endswith("(") and after.startswith(")"):  # expansion (ACR)
                found = _expansion(word.token.text, words[max(0, i - 2 * MAX_WORDS):i],
                                   text, backwards=True)
            elif after.startswith("(") and i + 1 < len(words):  # ACR (expansion)
                found = _expansion(word.token.text, words[i + 1:i + 1 + 2 * MAX_WORDS],
                                   text, backwards=False)
            else:
                continue
            if found is None:
                continue
            acronym, expansion = groups.get(_key([word], text)), groups.get(_key(found, text))
            if acronym is not None and expansion is not None:
                pairs[(acronym.key, expansion.key)] = (acronym, expansion)
    for acronym, expansion in pairs.values():
        if expansion.acronym is None and acronym.expansion is None:
            expansion.acronym, acronym.expansion = acronym, expansion
    return list(pairs.values())


def _expansion(acronym: str, window: Sequence[_Word], text: str,
               backwards: bool) -> list[_Word] | None:
    letters = "".join(c for c in acronym.lower() if c.isalpha())
    if len(letters) < 2:
        return None
    spans = ([window[i:] for i in range(len(window) - 1, -1, -1)] if backwards
             else [window[:j] for j in range(1, len(window) + 1)])
    for words in spans:
        if not _edge_ok(words[0]) or not _edge_ok(words[-1]):
            continue
        if text[words[0].token.start:words[-1].token.end].count(")") or not _inner_ok(words):
            continue
        if _spells(letters, tuple(_parts(w) for w in words)):
            return list(words)
    return None


def _parts(word: _Word) -> tuple[str, bool]:
    return word.folded, word.stop


@lru_cache(maxsize=4096)
def _spells(letters: str, words: tuple[tuple[str, bool], ...]) -> bool:
    """Whether *letters* are the initials of the content words (a word may give more letters
    after its initial, in order, and a stop word may give its initial or nothing)."""
    if not words:
        return not letters
    (word, stop), rest = words[0], words[1:]
    pieces = [p for p in regex.split(r"[-']", word) if p]
    if stop and _spells(letters, rest):
        return True
    if not letters or not pieces:
        return False
    # each hyphen part of a word may give its initial (Non-Aligned → NA) or only the first
    for take in _takes(letters, pieces):
        if _spells(letters[take:], rest):
            return True
    return False


def _takes(letters: str, pieces: list[str]) -> list[int]:
    """How many letters one word can give: its initial, further letters of it in order, and
    the initials of its hyphen parts."""
    word = "".join(pieces)
    if letters[0] != word[0]:
        return []
    out = {1}
    k, pos = 1, 1
    while k < len(letters):  # more letters of the same word, in order (ECtHR: Court → ct)
        found = word.find(letters[k], pos)
        if found < 0:
            break
        k, pos = k + 1, found + 1
        out.add(k)
    k = 1
    for piece in pieces[1:]:
        if k < len(letters) and piece[0] == letters[k]:
            k += 1
            out.add(k)
    return sorted(out, reverse=True)
