"""Delimited text (CSV/TSV) as rows with their line numbers, and rows back to text.

One quoting convention for both directions, Excel's: a field that holds the delimiter, a double
quote, CR or LF is enclosed in double quotes with inner quotes doubled. So tabs and newlines in a
note survive a round trip in TSV as well as CSV. (Python's csv writer leaves a lone CR unquoted,
which breaks the row on reading; :func:`format_row` quotes it.)
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator, Sequence

from ahenk.errors import ParseError

CANDIDATES = (",", ";", "\t")


def sniff_delimiter(text: str) -> str:
    """The delimiter of the first non-blank line: the candidate seen most outside quotes."""
    for line in text.splitlines():
        if not line.strip():
            continue
        counts = dict.fromkeys(CANDIDATES, 0)
        quoted = False
        for char in line:
            if char == '"':
                quoted = not quoted
            elif not quoted and char in counts:
                counts[char] += 1
        best = max(CANDIDATES, key=lambda c: counts[c])
        return best if counts[best] else ","
    return ","


def rows(text: str, delimiter: str, path: str | os.PathLike[str] | None,
         keep_whitespace: bool = False) -> Iterator[tuple[int, list[str]]]:
    """Yield (first line number, fields) for each record; blank records are skipped.

    A record is blank when every field is empty or, unless *keep_whitespace*, only whitespace.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"',
                        doublequote=True, strict=True)
    last = 0
    try:
        for fields in reader:
            start, last = last + 1, reader.line_num
            if not any(f if keep_whitespace else f.strip() for f in fields):
                continue
            yield start, fields
    except csv.Error as exc:
        raise ParseError(f"bad quoting: {exc}", path, reader.line_num) from None


def format_row(fields: Sequence[str], delimiter: str) -> str:
    out = []
    for value in fields:
        if any(c in value for c in (delimiter, '"', "\r", "\n")):
            value = '"' + value.replace('"', '""') + '"'
        out.append(value)
    return delimiter.join(out) + "\n"
