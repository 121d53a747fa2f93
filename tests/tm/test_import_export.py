"""Import from every bilingual format of the registry, export and import again."""

from __future__ import annotations

from pathlib import Path

import pytest

from ahenk.errors import UsageError
from ahenk.formats import registry
from ahenk.formats.registry import Kind
from ahenk.tm import export_tm, import_files, open_store

DATA = Path(__file__).resolve().parents[1] / "data"


def pairs(db):
    with open_store(db, create=False) as store:
        return sorted((e.src_lang, e.tgt_lang, e.source, e.target, e.source_spans,
                       e.target_spans) for e in store.entries())


def test_tmx_every_target_is_a_pair(db):
    [stats] = import_files([DATA / "tmx" / "multilingual_az_ru_en.tmx"], db).values()
    assert stats.added == 4
    with open_store(db) as store:
        assert store.language_pairs() == [("en", "az", 2), ("en", "ru", 2)]
        [entry] = [e for e in store.entries("en", "az") if e.source.startswith("The")]
        assert entry.created == "2025-01-02T09:00:00Z"
        assert entry.origin == "multilingual_az_ru_en.tmx"


def test_tmx_only_the_target_asked_for(db):
    [stats] = import_files([DATA / "tmx" / "multilingual_az_ru_en.tmx"], db, tgt="ru").values()
    assert stats.added == 2


def test_po_and_xliff_keep_inline_codes(db):
    import_files([DATA / "po" / "az_plural_context.po", DATA / "xliff" / "inline_states.xlf"],
                 db)
    with open_store(db) as store:
        assert ("en", "az", 3) in store.language_pairs()
        [click] = [e for e in store.entries("en", "ru")]
        assert click.source == "Click Save now." and click.source_spans


def test_tsv_needs_languages(db, tmp_path):
    bitext = DATA / "tsv" / "source_target.tsv"
    with pytest.raises(UsageError, match="--src"):
        import_files([bitext], db)
    [stats] = import_files([bitext], db, src="en", tgt="az").values()
    assert stats.added > 0


@pytest.mark.parametrize("handler", [h.name for h in registry.handlers(Kind.BILINGUAL)])
def test_every_bilingual_format_round_trips(handler, tmp_path):
    db = tmp_path / "tm.sqlite"
    import_files([DATA / "tmx" / "multilingual_az_ru_en.tmx"], db, tgt="az")
    extension = registry.get(handler).extensions[0]
    out = tmp_path / f"export.{extension}"
    count, name = export_tm(out, db, src="en", tgt="az", to_format=handler)
    assert (count, name) == (2, handler)
    again = tmp_path / "again.sqlite"
    import_files([out], again, src="en", tgt="az", from_format=handler)
    assert [p[:4] for p in pairs(again)] == [p[:4] for p in pairs(db)]


def test_tmx_round_trip_keeps_everything(db, tmp_path):
    import_files([DATA / "tmx" / "multilingual_az_ru_en.tmx", DATA / "tmx" /
                  "inline_nested.tmx"], db)
    assert any(p[4] for p in pairs(db))  # inline codes
    out = tmp_path / "export.tmx"
    count, _ = export_tm(out, db)
    assert count == len(pairs(db))
    assert '<prop type="x-ahenk-tm">tm:' in out.read_text("utf-8")
    again = str(tmp_path / "again.sqlite")
    import_files([out], again)
    assert pairs(again) == pairs(db)


def test_bilingual_export_of_several_pairs_is_refused(tmp_path):
    db = tmp_path / "tm.sqlite"
    import_files([DATA / "tmx" / "multilingual_az_ru_en.tmx"], db)
    with pytest.raises(UsageError, match="several language pairs"):
        export_tm(tmp_path / "out.po", db)
