"""``ahenk tm``: import into, look up in, search, export, prune and count a translation
memory."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import TypeVar

import click

from ahenk.cli.options import output_format
from ahenk.formats.registry import Kind, handlers
from ahenk.tm import (
    DEFAULT_DB,
    ConcordanceHit,
    Match,
    TMStats,
    delete_entries,
    export_tm,
    import_files,
    memory_stats,
    open_store,
)
from ahenk.tm.similarity import Change

F = TypeVar("F", bound=Callable)

_KINDS = (Kind.MULTILINGUAL, Kind.BILINGUAL)


def _db_option(func: F) -> F:
    return click.option(
        "--db", "db", envvar="AHENK_TM_DB", default=None, metavar="PATH_OR_URL",
        help=f"The memory: a SQLite file or a postgresql:// URL (default: $AHENK_TM_DB, else "
             f"{DEFAULT_DB.as_posix()} in the current folder).")(func)


def _format_names(writing: bool = False) -> list[str]:
    return [h.name for kind in _KINDS for h in handlers(kind)
            if (h.can_write if writing else h.can_read)]


@click.group("tm")
def command() -> None:
    """Translation memory: fuzzy matches with a score, concordance, import and export."""


@command.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@_db_option
@click.option("--src", default=None, help="Source language, where the file does not say.")
@click.option("--tgt", default=None,
              help="Target language: where the file does not say; in a multilingual file, "
                   "the only target imported.")
@click.option("--from", "from_format", type=click.Choice(_format_names()), default=None,
              help="Input format (default: by extension, then by content).")
@click.option("--update", is_flag=True,
              help="Newest wins: keep only the most recent translation of each source the "
                   "files bring (by the unit's date; undated units count as new).")
def import_(files: tuple[str, ...], db: str | None, src: str | None, tgt: str | None,
            from_format: str | None, update: bool) -> None:
    """Add the translation pairs of FILES (TMX, XLIFF, PO, TSV/CSV bitexts) to the memory.

    A pair already in the memory is not added again. A new translation of a source the
    memory knows is kept beside the old one (lookups show the most recent first), unless
    --update is given: then the older translations of that source are removed, and an
    imported pair older than the memory's translation is not stored.
    """
    results = import_files(list(files), db, src=src, tgt=tgt, from_format=from_format,
                           update=update)
    for path, stats in results.items():
        click.echo(f"{path}: {stats.added} added, {stats.duplicates} already there"
                   + (f", {stats.replaced} replaced, {stats.outdated} outdated" if update
                      else "")
                   + (f", {stats.skipped} empty skipped" if stats.skipped else ""))


@command.command("lookup")
@click.argument("text")
@click.option("--src", required=True, help="Language of TEXT.")
@click.option("--tgt", required=True, help="Language of the translations wanted.")
@_db_option
@click.option("--min", "min_score", type=click.IntRange(0, 100), default=75, show_default=True,
              help="Lowest score shown (0-100).")
@click.option("-n", "limit", type=click.IntRange(1), default=5, show_default=True,
              help="Most matches shown.")
@output_format("text", "json")
def lookup(text: str, src: str, tgt: str, db: str | None, min_score: int, limit: int,
           output_format: str) -> int:
    """Fuzzy matches for TEXT: score, the memory's source with the differing words marked
    ([-in the memory-]{+in TEXT+}), its full translation, and any numbers that differ.

    Exit 0 when a match is found, 1 when none is.
    """
    with open_store(db, create=False) as memory:
        matches = memory.lookup(text, src, tgt, min_score=min_score, limit=limit)
        signature = memory.signature()
    if output_format == "json":
        click.echo(json.dumps({"query": text, "signature": signature,
                               "matches": [_match_json(m) for m in matches]},
                              ensure_ascii=False, indent=2))
    else:
        for match in matches:
            click.echo(render_match(match))
        if not matches:
            click.echo(f"no match of {min_score}% or more")
    return 0 if matches else 1


@command.command("concordance")
@click.argument("words")
@click.option("--lang", required=True, help="Language of WORDS (en, az, ru).")
@_db_option
@click.option("-n", "limit", type=click.IntRange(1), default=20, show_default=True,
              help="Most entries shown.")
@output_format("text", "json")
def concordance(words: str, lang: str, db: str | None, limit: int, output_format: str) -> int:
    """Entries whose LANG side contains WORDS, inflected forms too (Ombudsman finds
    Ombudsmanın, омбудсмен finds омбудсмена), with the found words in [brackets].

    Exit 0 when something is found, 1 when nothing is.
    """
    with open_store(db, create=False) as memory:
        hits = memory.concordance(words, lang, limit=limit)
    if output_format == "json":
        click.echo(json.dumps({"query": words, "lang": lang,
                               "hits": [_hit_json(h) for h in hits]},
                              ensure_ascii=False, indent=2))
    else:
        for hit in hits:
            click.echo(render_hit(hit))
        if not hits:
            click.echo(f"{words!r} not found")
    return 0 if hits else 1


@command.command("export")
@click.argument("output", type=click.Path(dir_okay=False))
@_db_option
@click.option("--src", default=None, help="Only entries from this language.")
@click.option("--tgt", default=None, help="Only entries into this language.")
@click.option("--to", "to_format", type=click.Choice(_format_names(writing=True)),
              default=None, help="Output format (default: by the output file's extension).")
def export(output: str, db: str | None, src: str | None, tgt: str | None,
           to_format: str | None) -> None:
    """Write the memory (or one language pair of it) to OUTPUT: TMX, XLIFF, PO, TSV, CSV."""
    count, name = export_tm(output, db, src=src, tgt=tgt, to_format=to_format)
    click.echo(f"{output}: {count} entries written ({name})")


@command.command("delete")
@_db_option
@click.option("--id", "ids", type=int, multiple=True, metavar="N",
              help="An entry's number (as lookup and concordance show it); repeatable.")
@click.option("--src", default=None, help="Only entries from this language.")
@click.option("--tgt", default=None, help="Only entries into this language.")
@click.option("--source", default=None, metavar="TEXT", help="Only entries with this source text.")
@click.option("--target", default=None, metavar="TEXT",
              help="Only entries with this translation.")
@click.option("--origin", default=None, metavar="FILE",
              help="Only entries imported from this file (its name, as `tm stats` lists it).")
@click.option("--before", default=None, metavar="DATE",
              help="Only entries created before DATE (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ).")
@click.option("--since", default=None, metavar="DATE",
              help="Only entries created on or after DATE.")
@click.option("--dry-run", is_flag=True, help="Count the entries, delete nothing.")
def delete(db: str | None, ids: tuple[int, ...], src: str | None, tgt: str | None,
           source: str | None, target: str | None, origin: str | None, before: str | None,
           since: str | None, dry_run: bool) -> None:
    """Remove the entries meeting every option given (of several --id, any one).

    At least one option is needed: deleting everything is `rm` of the file.
    """
    count = delete_entries(db, ids=ids, src=src, tgt=tgt, source=source, target=target,
                           origin=origin, before=before, since=since, dry_run=dry_run)
    click.echo(f"{count} {'entry' if count == 1 else 'entries'} "
               + ("would be deleted (dry run)" if dry_run else "deleted"))


@command.command("stats")
@_db_option
@output_format("text", "json")
def stats(db: str | None, output_format: str) -> None:
    """What the memory holds: entries per language pair and per origin file, the dates they
    span, sources with several translations, and its signature."""
    result = memory_stats(db)
    if output_format == "json":
        click.echo(json.dumps(_stats_json(result), ensure_ascii=False, indent=2))
    else:
        click.echo(render_stats(result))


@command.command("info")
@_db_option
def info(db: str | None) -> None:
    """How many entries the memory holds per language pair, and its signature."""
    with open_store(db, create=False) as memory:
        pairs = memory.language_pairs()
        click.echo(f"{sum(n for *_, n in pairs)} entries")
        for src, tgt, n in pairs:
            click.echo(f"  {src} → {tgt}: {n}")
        click.echo(f"signature: {memory.signature()}")


# -- rendering -----------------------------------------------------------------------------------


def render_changes(changes: Sequence[Change]) -> str:
    """The memory's source with [-its words-] and {+the query's+} where they differ, spaced as
    the texts are (no space before a comma that had none)."""
    out = []
    for change in changes:
        if change.op == "equal":
            piece = change.old
        else:
            piece = " ".join(p for p in (f"[-{change.old}-]" if change.old else "",
                                         f"{{+{change.new}+}}" if change.new else "") if p)
        if piece:
            out.append((" " if change.space and out else "") + piece)
    return "".join(out)


def render_match(match: Match) -> str:
    entry = match.entry
    lines = [f"{match.score:3d}%  #{entry.id}" + (f"  {entry.origin}" if entry.origin else ""),
             f"  {entry.src_lang}: {render_changes(match.changes)}",
             f"  {entry.tgt_lang}: {entry.target}"]
    if match.numbers:
        lines.append("  numbers: " + ", ".join(f"{old or '–'} → {new or '–'}"
                                               for old, new in match.numbers))
    return "\n".join(lines)


def _mark(text: str, spans: Sequence[tuple[int, int]]) -> str:
    out, last = [], 0
    for start, end in spans:
        out.append(text[last:start] + "[" + text[start:end] + "]")
        last = end
    return "".join(out) + text[last:]


def render_hit(hit: ConcordanceHit) -> str:
    entry = hit.entry
    other_lang = entry.tgt_lang if hit.side == "source" else entry.src_lang
    return (f"#{entry.id}  {hit.lang}: {_mark(hit.text, hit.spans)}\n"
            f"{' ' * (len(str(entry.id)) + 3)}{other_lang}: {hit.other}")


def render_stats(stats: TMStats) -> str:
    lines = [f"{stats.entries} entries"]
    lines += [f"  {src} → {tgt}: {n}" for src, tgt, n in stats.pairs]
    if stats.oldest:
        lines.append(f"created: {stats.oldest} – {stats.newest}")
    lines.append(f"sources with several translations: {stats.alternatives}")
    if stats.origins:
        lines.append("origins:")
        lines += [f"  {origin or '(none)'}: {n}" for origin, n in stats.origins]
    lines.append(f"signature: {stats.signature}")
    return "\n".join(lines)


def _stats_json(stats: TMStats) -> dict:
    return {"entries": stats.entries,
            "pairs": [{"src_lang": a, "tgt_lang": b, "entries": n} for a, b, n in stats.pairs],
            "origins": [{"origin": o, "entries": n} for o, n in stats.origins],
            "oldest": stats.oldest, "newest": stats.newest,
            "sources_with_several_translations": stats.alternatives,
            "signature": stats.signature}


def _match_json(match: Match) -> dict:
    entry = match.entry
    return {"score": match.score, "id": entry.id, "src_lang": entry.src_lang,
            "tgt_lang": entry.tgt_lang, "source": entry.source, "target": entry.target,
            "origin": entry.origin, "created": entry.created or None,
            "changes": [{"op": c.op, "memory": c.old, "query": c.new} for c in match.changes],
            "numbers": [{"memory": a, "query": b} for a, b in match.numbers]}


def _hit_json(hit: ConcordanceHit) -> dict:
    entry = hit.entry
    return {"id": entry.id, "side": hit.side, "lang": hit.lang, "text": hit.text,
            "translation": hit.other, "spans": [list(s) for s in hit.spans],
            "src_lang": entry.src_lang, "tgt_lang": entry.tgt_lang, "origin": entry.origin}
