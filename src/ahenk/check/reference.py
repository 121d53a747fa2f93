"""Generate the check reference (docs/checks.md) and ``ahenk checks explain`` from the registry.

Never written by hand: ``python -m ahenk.check.reference > docs/checks.md`` regenerates it and a
test fails when the committed file is stale. Each check's section is anchored by its id.
"""

from __future__ import annotations

from ahenk.check.base import Check
from ahenk.check.baseline import BASELINE_VERSION
from ahenk.check.config import CACHE_FOLDER, CONFIG_FILES, KEYS
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
           "format, in `--select`/`--ignore`, the configuration, inline suppressions and "
           "baselines, and is never renamed.", "",
           "| id | name | severity | scope |", "| --- | --- | --- | --- |"]
    out += [f"| [`{c.id}`](#{c.id}) | {c.name} | {c.severity.value} | {c.scope.value} |"
            for c in all_checks()]
    out += ["", *usage(), ""]
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


def usage() -> list[str]:
    """The sections on running checks: exit codes, configuration, suppression, baselines."""
    from ahenk.report import names

    keys = [f"| `{key}` | {_cell(what)} |" for key, what in KEYS.items()]
    return [
        "## Running the checks", "",
        "`ahenk check PATH…` checks files and folders (PO, XLIFF, TMX, TSV/CSV bitexts, text); "
        f"`--format` is one of {', '.join(f'`{n}`' for n in names())}. `--format html` writes "
        "one standalone page (no server, no network) with the findings grouped by file and "
        "check, the matched text highlighted, and menus that filter by check and severity "
        "(kept in the address, e.g. `report.html#check=term-missing&severity=error`).", "",
        "### Exit codes", "",
        "| code | meaning |", "| --- | --- |",
        "| 0 | no finding at or above `--fail-on` (default `error`); also after "
        "`--write-baseline` |",
        "| 1 | at least one finding at or above `--fail-on` |",
        "| 2 | an input, option or configuration file cannot be used (the message names the "
        "file, and the key or line) |", "",
        "### Configuration", "",
        "`ahenk check` reads its options from the first of " + " or ".join(
            f"`{name}`" for name in CONFIG_FILES) + " found in the current directory or "
        "above it; in `pyproject.toml` the keys are under `[tool.ahenk]`, in `ahenk.toml` at "
        "the top level. Paths are relative to the file's folder. Command-line options "
        "override the file key by key (`--severity` adds to its `severity` table); "
        "`--config FILE` names the file, `--no-config` ignores it. An unknown key or a bad "
        "value stops the run with exit code 2, naming the file and the key.", "",
        "| key | value |", "| --- | --- |", *keys, "",
        "```toml", "[tool.ahenk]", 'glossary = "glossaries/termbase.tsv"', 'src-lang = "en"',
        'tgt-lang = "az"', 'ignore = ["length-ratio"]', 'fail-on = "warning"',
        'baseline = "ahenk-baseline.json"', "", "[tool.ahenk.severity]",
        '"term-variant" = "error"', "", "[tool.ahenk.per-path-ignores]",
        '"legacy/*.po" = ["untranslated", "term-missing"]', '"vendor/" = ["all"]', "```", "",
        "### Inline suppression", "",
        "A note of the unit whose whole text is `ahenk: ignore ID[,ID…]` (or "
        "`ahenk: ignore=ID,…`; `all` for every check) suppresses those checks' findings on "
        "that unit:", "",
        "- PO: a translator comment, `# ahenk: ignore term-missing` or `# ahenk: ignore=all`;",
        "- XLIFF 1.2 and 2.0: a `<note>` of the unit with the same text;",
        "- TMX: a `<note>` of the `<tu>` (all its languages) or of one `<tuv>` (the source's "
        "covers every pair, a target's only its own);",
        "- plain text and TSV/CSV bitexts have no comment that is not text, so a trailing "
        "comment is not possible there: use a baseline or `per-path-ignores`.", "",
        "An unknown check id in a suppression is an error (exit 2) naming the file and line. "
        "The text report's summary counts suppressed findings.", "",
        "### Baselines", "",
        "`--write-baseline FILE` records the findings of a run (and exits 0); `--baseline FILE` "
        "(or `baseline` in the configuration) then drops the findings recorded in it and the "
        "summary says how many. A finding is matched by a fingerprint of its check id, its "
        "file (relative to the baseline's folder), its unit key, the term or text it found, "
        "its side and a hash of the source and target with white space normalised: not by "
        "line, message or severity, so moving or editing other entries keeps it matched, and "
        "editing the unit's text makes it new. The file is JSON "
        f'(`{{"version": {BASELINE_VERSION}, "tool": "ahenk", "findings": [...]}}`), sorted by '
        "file, check and unit so its diffs can be reviewed, and written atomically.", "",
        "### Only what changed", "",
        "`--changed-since REV` reports only findings on entries added or changed since git "
        "revision REV: each file is read as it was at REV (`git show`) with the same format "
        "reader, and units are compared by key (PO msgctxt and msgid, XLIFF id, TMX tuid, else "
        "the source text) and target text, so re-wrapped lines and moved entries are no "
        "change. A file new since REV is all new. Every unit is still checked (a new "
        "translation inconsistent with an old one is reported). Outside a git repository, or "
        "with an unknown REV, the exit code is 2.", "",
        "### The cache", "",
        "Finding the terms of each segment, inflected and misspelt, is most of what a run "
        "costs. `ahenk check` keeps what it found per segment in a folder (by default "
        f"`{CACHE_FOLDER}` beside the configuration file, or in the current directory; "
        "`--cache-dir DIR`, `$AHENK_CACHE_DIR` or `cache-dir` set another; `--no-cache` or "
        "`cache = false` none), one file per termbase content, ahenk source and version of "
        "the morphology libraries, each answer under a hash of its language and text. A run "
        "over segments met before takes their answers from the file and builds no term index "
        "for them; every check still runs on every unit, and the report is the same as "
        "without the cache. The folder holds a `.gitignore` of `*` and a `CACHEDIR.TAG`. In "
        "CI, keep the folder between runs (GitHub Actions: `actions/cache` with `path: "
        f"{CACHE_FOLDER}` and a key of the glossary's hash). A file that cannot be read or written "
        "is a warning, never a failed run.", "",
        "### pre-commit", "",
        "The repository's `.pre-commit-hooks.yaml` defines the hook `ahenk-check` for "
        "PO, XLIFF and TMX files (`files: \\.(po|xlf|xliff|tmx)$`). In a project's "
        "`.pre-commit-config.yaml`:", "",
        "```yaml", "repos:", "  - repo: <the ahenk repository>", "    rev: <a tag>",
        "    hooks:", "      - id: ahenk-check", "        args: [--glossary, glossary.tbx]",
        "```", "",
        "The hook runs `ahenk check` on the staged files with the project's configuration, "
        "in one process (`require_serial`), so the consistency checks see all of them.",
        "", "## Checks",
    ]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("  ", "␣␣")


if __name__ == "__main__":  # pragma: no cover
    import sys

    sys.stdout.write(checks_reference())
