"""What every bilingual writer must refuse rather than silently lose.

PO, TSV/CSV and other bilingual files record one source and one target language per file and
one target per unit. A store whose units carry several targets (a multilingual TMX) or targets
in different languages cannot be written to them without dropping something, so the writer
raises a :class:`~ahenk.errors.FormatError` naming the first unit that does not fit. Callers that
want one language out of a multilingual store pick it first (``ahenk tmx convert --tgt-lang``).
"""

from __future__ import annotations

import os

from ahenk.errors import FormatError
from ahenk.model import LanguageTag, Store


def file_target_language(store: Store, path: str | os.PathLike[str],
                         format_name: str) -> LanguageTag | None:
    """The one target language of *store*, after checking every unit agrees with it."""
    expected = store.header.target_lang
    for index, unit in enumerate(store.units):
        name = unit.id if unit.id is not None else str(index + 1)
        if len(unit.targets) > 1:
            raise FormatError(f"unit {name!r} has {len(unit.targets)} targets; {format_name} "
                              "holds one per unit (choose a target language first)", path)
        target = unit.target
        if target is None or target.lang is None:
            continue
        if expected is None:
            expected = target.lang
        elif not target.lang.same_language(expected):
            raise FormatError(f"unit {name!r} has a {target.lang} target in a {expected} file; "
                              f"{format_name} holds one target language per file", path)
    return expected
