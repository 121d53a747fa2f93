"""The term lookups kept between runs (ahenk.check.segment_cache): the same report from the
cache as without it, and a cache that cannot be used never costs the report."""

from __future__ import annotations

import marshal
import os
import time
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner

from ahenk.check.checks import _variants
from ahenk.check.runner import check_paths
from ahenk.check.segment_cache import FILES_KEPT, CacheWarning, SegmentCache, fingerprint
from ahenk.cli import main
from ahenk.glossary import load_termbase
from ahenk.termbase import match

ROOT = Path(__file__).resolve().parents[2]
TMX = ROOT / "tmx" / "en-az-ru.tmx"
TERMBASE = ROOT / "glossaries" / "termbase.tsv"
DATA = Path(__file__).resolve().parent / "data"


def _report(cache_dir: Path | None, **options) -> list[tuple]:  # type: ignore[no-untyped-def]
    with check_paths([TMX], TERMBASE, cache_dir=cache_dir, **options) as report:
        return sorted((f.check_id, f.unit, f.side, f.term, f.expected, f.found, f.message)
                      for f in report.findings)


def test_a_second_run_is_answered_by_the_cache(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    plain = _report(None)
    assert plain, "the built memory has findings to compare"
    assert _report(tmp_path) == plain  # the first run fills the cache
    files = list(tmp_path.glob("terms-*.marshal"))
    assert len(files) == 1
    assert (tmp_path / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (tmp_path / "CACHEDIR.TAG").read_text().startswith(
        "Signature: 8a477f597d28d172789f06886806bc55")
    written = files[0].stat().st_mtime_ns

    def fail(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("a term lookup the cache should have answered")

    monkeypatch.setattr(match.TermIndex, "find", fail)
    monkeypatch.setattr(match.TermIndex, "__init__", fail)  # no index built either
    monkeypatch.setattr(_variants.VariantIndex, "find", fail)
    monkeypatch.setattr(_variants.VariantIndex, "__init__", fail)
    assert _report(tmp_path) == plain
    assert files[0].stat().st_mtime_ns == written  # nothing new: not written again


def test_answers_from_workers_are_kept(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ahenk.check.parallel import can_fork

    if not can_fork():
        pytest.skip("no fork here")
    plain = _report(None)
    assert _report(tmp_path, jobs=2) == plain

    def fail(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("a term lookup the cache should have answered")

    monkeypatch.setattr(match.TermIndex, "find", fail)
    monkeypatch.setattr(_variants.VariantIndex, "find", fail)
    assert _report(tmp_path) == plain


def test_another_termbase_is_another_file(tmp_path: Path) -> None:
    one, other = load_termbase(TERMBASE), load_termbase(DATA / "termbase.tsv")
    assert fingerprint(one) != fingerprint(other)
    assert fingerprint(one) == fingerprint(load_termbase(TERMBASE))
    _report(tmp_path)
    with check_paths([TMX], other, cache_dir=tmp_path):
        pass
    assert len(list(tmp_path.glob("terms-*.marshal"))) == 2


def test_only_the_newest_files_are_kept(tmp_path: Path) -> None:
    old = []
    for n in range(FILES_KEPT + 2):
        path = tmp_path / f"terms-old{n}.marshal"
        path.write_bytes(b"x")
        os.utime(path, (time.time() - 1000 + n, time.time() - 1000 + n))
        old.append(path)
    _report(tmp_path)
    left = sorted(p.name for p in tmp_path.glob("terms-*.marshal"))
    assert len(left) == FILES_KEPT
    assert all(p.name in left for p in old[-(FILES_KEPT - 1):])  # the newest old ones


def test_a_damaged_file_is_replaced_with_a_warning(tmp_path: Path) -> None:
    plain = _report(tmp_path)
    [path] = tmp_path.glob("terms-*.marshal")
    path.write_bytes(path.read_bytes()[:100])
    with pytest.warns(CacheWarning, match="not a cache file"):
        assert _report(tmp_path) == plain
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert _report(tmp_path) == plain  # rewritten whole


def test_a_damaged_entry_is_found_afresh(tmp_path: Path) -> None:
    termbase = load_termbase(TERMBASE)
    cache = SegmentCache(tmp_path, termbase)
    text = "The Ombudsman visited Shusha."
    index = match.TermIndex(termbase, "en")
    found = cache.matches("en", text, False, text, lambda: index.find(text))
    assert [m.concept for m in found]
    key = next(iter(cache._used))
    cache._used[key] = marshal.dumps(((10**6, 0, 0, 3),))  # no such concept
    again = cache.matches("en", text, False, text, lambda: index.find(text))
    assert [(m.concept, m.start, m.end) for m in again] == \
        [(m.concept, m.start, m.end) for m in found]


def test_an_unwritable_folder_warns_and_reports(tmp_path: Path) -> None:
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the folder would be")
    with pytest.warns(CacheWarning) as caught:
        assert _report(blocked) == _report(None)
    said = " ".join(str(w.message) for w in caught)
    assert "cache not read" in said and "cache not written" in said
    assert blocked.read_text() == "a file where the folder would be"


def test_no_termbase_no_cache(tmp_path: Path) -> None:
    with check_paths([TMX], None, cache_dir=tmp_path):
        pass
    assert not list(tmp_path.iterdir())


# -- the command line ---------------------------------------------------------------------------

def _check(cwd: Path, *args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    old = Path.cwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, ["check", str(TMX), "--glossary", str(TERMBASE), *args],
                                  env=env)
    finally:
        os.chdir(old)


def test_cli_default_folder_is_beside_the_configuration(tmp_path: Path) -> None:
    (tmp_path / "ahenk.toml").write_text('select = ["term-missing"]\n')
    inner = tmp_path / "po"
    inner.mkdir()
    result = _check(inner, env={"AHENK_CACHE_DIR": ""})
    assert result.exit_code in (0, 1), result.output
    assert list((tmp_path / ".ahenk_cache").glob("terms-*.marshal"))
    assert not (inner / ".ahenk_cache").exists()


def test_cli_options_and_configuration(tmp_path: Path) -> None:
    env = {"AHENK_CACHE_DIR": ""}
    _check(tmp_path, "--no-config", "--no-cache", "--select", "term-missing", env=env)
    assert not (tmp_path / ".ahenk_cache").exists()
    _check(tmp_path, "--no-config", "--cache-dir", "here", "--select", "term-missing", env=env)
    assert list((tmp_path / "here").glob("terms-*.marshal"))
    _check(tmp_path, "--no-config", "--select", "term-missing",
           env={"AHENK_CACHE_DIR": str(tmp_path / "from-env")})
    assert list((tmp_path / "from-env").glob("terms-*.marshal"))
    (tmp_path / "ahenk.toml").write_text("cache = false\n")
    _check(tmp_path, "--select", "term-missing", env=env)
    assert not (tmp_path / ".ahenk_cache").exists()
    (tmp_path / "ahenk.toml").write_text('cache-dir = "kept"\n')
    _check(tmp_path, "--select", "term-missing", env=env)
    assert list((tmp_path / "kept").glob("terms-*.marshal"))
    (tmp_path / "ahenk.toml").write_text('cache = "no"\n')
    result = _check(tmp_path, "--select", "term-missing", env=env)
    assert result.exit_code == 2 and "cache" in result.output


def test_the_code_is_known_by_its_content_not_its_times(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import ahenk

    package = tmp_path / "ahenk"
    (package / "lang").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    source = package / "lang" / "az.py"
    source.write_text("SUFFIXES = ('da', 'də')\n")
    monkeypatch.setattr(ahenk, "__file__", str(package / "__init__.py"))
    termbase = load_termbase(TERMBASE)
    first = fingerprint(termbase)
    os.utime(source, (1, 1))  # a fresh install of the same release
    assert fingerprint(termbase) == first
    source.write_text("SUFFIXES = ('da', 'də', 'ta', 'tə')\n")  # an edited checkout
    assert fingerprint(termbase) != first


def test_a_run_answered_whole_by_the_cache_writes_nothing(tmp_path: Path) -> None:
    _report(tmp_path)
    [path] = tmp_path.glob("terms-*.marshal")
    before = path.stat()
    with check_paths([TMX], TERMBASE, cache_dir=tmp_path, select="term-missing"):
        pass  # a subset of the answers, all from the file: nothing to write
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_the_answers_kept_are_bounded(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ahenk.check import segment_cache

    monkeypatch.setattr(segment_cache, "MAX_ENTRIES", 5)
    plain = _report(None)
    assert _report(tmp_path) == plain  # the answers past the bound are found, not kept
    termbase = load_termbase(TERMBASE)
    assert len(SegmentCache(tmp_path, termbase)._old) == 5
    assert _report(tmp_path) == plain
