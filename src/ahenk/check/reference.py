"""Generate the check reference (docs/checks.md) and ``ahenk checks explain`` from the registry.

Never written by hand: ``python -m ahenk.check.reference > docs/checks.md`` regenerates it and a
test fails when the committed file is stale. Each check's section is anchored by its id.
"""

from __future__ import annotations

from ahenk.check.base import Check
from ahenk.check.registry import all_checks, get

_LANGUAGE_NAMES = {"en": "English", "az": "Azerbaijani", "ru": "Russian", "tr": "Turkish"}


def _languages(cls: type[Check]) -> str:
    if not cls.languages:
        return "all"
    return ", ".join(f"{_LANGUAGE_NAMES.get(c, c)} ({c})" for c in sorted(cls.languages))


def _facts(cls: type[Check]) -> list[tuple[str, str]]:
    facts = [("id", cls.id), ("default severity", cls.severity.value),
             ("scope", cls.scope.value), ("languages", _languages(cls)),
             ("needs a termbase", "yes" if cls.needs_termbase else "no"),
             ("version", str(cls.version))]
    if cls.related:
        facts.append(("similar to", "; ".join(cls.related)))
    return facts


def explain(check_id: str) -> str:
    """Plain-text explanation of one check (``ahenk checks explain ID``)."""
    cls = get(check_id)
    lines = [f"{cls.id}: {cls.name}", ""]
    width = max(len(k) for k, _ in _facts(cls))
    lines += [f"  {k.ljust(width)}  {v}" for k, v in _facts(cls)]
    lines += ["", cls.description]
    for src_lang, source, tgt_lang, target in cls.examples:
        lines += ["", "Example:", f"  source ({src_lang}): {source}",
                  f"  target ({tgt_lang}): {target}"]
    return "\n".join(lines) + "\n"


def checks_reference() -> str:
    """The Markdown of docs/checks.md."""
    out = ["# ahenk check reference", "",
           "Generated from the check registry by `python -m ahenk.check.reference`; "
           "do not edit by hand. The id is public API: it names the check in every report "
           "format and in `--select`/`--ignore`, and is never renamed.", "",
           "| id | name | severity | scope |", "| --- | --- | --- | --- |"]
    out += [f"| [`{c.id}`](#{c.id}) | {c.name} | {c.severity.value} | {c.scope.value} |"
            for c in all_checks()]
    out.append("")
    for cls in all_checks():
        out += [f'<a id="{cls.id}"></a>', "", f"## {cls.id}", "", f"**{cls.name}.** "
                f"{cls.description}", ""]
        out += [f"- {k}: {v}" for k, v in _facts(cls)[1:]]
        out.append("")
        if cls.examples:
            out += ["Reported, for example:", "", "| source | target |", "| --- | --- |"]
            for src_lang, source, tgt_lang, target in cls.examples:
                out.append(f"| {_cell(source)} ({src_lang}) | {_cell(target)} ({tgt_lang}) |")
            out.append("")
    return "\n".join(out)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("  ", "␣␣")


if __name__ == "__main__":  # pragma: no cover
    import sys

    sys.stdout.write(checks_reference())
