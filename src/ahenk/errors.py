"""One error hierarchy for everything ahenk reports about unusable input.

Callers never parse message strings: every error carries its location as attributes, and
the CLI boundary (``ahenk.cli``) turns any :class:`AhenkError` into a one-line message and
exit code 2. Findings of checks are *not* errors; they are data (``ahenk.check``). An error
pickles whole (type, message, location), so one raised in a worker process (``ahenk check
--jobs``) is raised in the parent exactly as the serial run raises it.
"""

from __future__ import annotations

from os import PathLike, fspath


class AhenkError(Exception):
    """Base of every error ahenk raises on purpose; the CLI maps it to exit code 2."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple:
        # Exception's own reduce calls ``type(self)(*self.args)``: a subclass whose __init__
        # takes other arguments than the message is rebuilt wrong (LanguageTagError) or not at all
        return _restore, (type(self), self.args, self.__dict__)


def _restore(cls: type[AhenkError], args: tuple, state: dict) -> AhenkError:
    """An :class:`AhenkError` unpickled: built without ``__init__``, attributes as they were."""
    error = cls.__new__(cls, *args)
    error.args = args
    error.__dict__.update(state)
    return error


class UsageError(AhenkError):
    """An option or argument value that cannot be used (unknown language, bad flag combination)."""


class LanguageTagError(UsageError):
    """A language tag that is not well-formed BCP 47 or names no known language."""

    def __init__(self, tag: str, reason: str = "not a valid BCP 47 language tag") -> None:
        super().__init__(f"{tag!r}: {reason}")
        self.tag = tag
        self.reason = reason


class FormatError(AhenkError):
    """A file that cannot be used, with where the trouble is.

    ``path``, ``line`` and ``column`` are 1-based where known. ``str()`` gives the
    conventional ``path:line:column: message`` form that editors and CI annotate.
    """

    def __init__(
        self,
        message: str,
        path: str | PathLike[str] | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.path = fspath(path) if path is not None else None
        self.line = line
        self.column = column

    @property
    def location(self) -> str:
        parts = [self.path or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class ParseError(FormatError):
    """The bytes are not valid in the format they claim (XML syntax, missing column, bad field)."""


class EncodingError(ParseError):
    """The bytes cannot be decoded in the encoding declared or detected."""


class UnknownFormatError(FormatError):
    """No registered format handler claims the file (by name, extension or content)."""


class SchemaError(ParseError):
    """Well-formed, but not the structure the format requires (missing element, bad value)."""
