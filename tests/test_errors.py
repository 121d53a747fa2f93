"""Errors pickle whole, so one raised in a worker process (``ahenk check --jobs``) is raised in
the parent with the type, message and location the serial run gives it."""

from __future__ import annotations

import pickle

import pytest

from ahenk.errors import (
    AhenkError,
    EncodingError,
    FormatError,
    LanguageTagError,
    SchemaError,
    UsageError,
)


@pytest.mark.parametrize("error", [
    UsageError("--severity x: expected ID=LEVEL"),
    LanguageTagError("xx-!!"),  # an __init__ that takes other arguments than the message
    LanguageTagError("az", "no such region"),
    FormatError("unknown check 'nope' in the suppression", "memory.tmx", 12),
    SchemaError("<tu> without <tuv>", "memory.tmx", 3, 7),
    EncodingError("not UTF-8", "old.po"),
], ids=lambda e: type(e).__name__)
def test_error_pickles_whole(error: AhenkError):
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert (str(copy), copy.args, vars(copy)) == (str(error), error.args, vars(error))
