"""``ahenk check --jobs``: unit checks in worker processes give the serial run's report.

The unit checks run in forked workers a batch of units at a time (:mod:`ahenk.check.parallel`);
here a batch is a few dozen units, so a few hundred units make many batches, some spanning
files. Serial and parallel runs must render the same JSON, byte for byte: on the shipped
corpus (TMX, and the English originals as text), on files with inline suppressions (PO, XLIFF,
TMX), and on a generated TMX of 800 units with suppressions, units that wait for their
file's languages, ``--tgt-lang`` and a baseline. An error ends both runs alike: one in
the input, one raised by a check in a worker (the earliest wins), a worker that dies, Ctrl-C;
and no worker is left behind.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from click.testing import CliRunner

from ahenk.check import CheckContext, check_paths, check_stores, found, parallel, runner
from ahenk.check.checks.numbers import NumberMismatch
from ahenk.check.runner import read_store
from ahenk.cli import main
from ahenk.errors import AhenkError, FormatError, ParseError, UsageError
from ahenk.formats import registry
from ahenk.glossary import load_termbase
from ahenk.report import render

ROOT = Path(__file__).resolve().parents[2]
TERMBASE = ROOT / "glossaries" / "termbase.tsv"
SUPPRESS = Path(__file__).resolve().parent / "data" / "suppress"

pytestmark = pytest.mark.skipif(not parallel.can_fork(), reason="workers are forked")


@pytest.fixture(scope="module")
def termbase():  # type: ignore[no-untyped-def]
    return load_termbase(TERMBASE)


#: The workers started, a run at a time.
STARTED: list[int] = []


@pytest.fixture(autouse=True)
def small_batches(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(parallel, "BATCH", 25)
    start = parallel.Workers._start

    def counted(self):  # type: ignore[no-untyped-def]
        STARTED.append(self.jobs)
        start(self)

    monkeypatch.setattr(parallel.Workers, "_start", counted)
    yield
    assert not multiprocessing.active_children()  # every worker ended and waited for


def same(paths, termbase=None, **options) -> str:  # type: ignore[no-untyped-def]
    """The JSON report of *paths*, asserted the same with one process and with two workers."""
    serial = render(check_paths(paths, termbase, **options), "json")
    runs = len(STARTED)
    assert render(check_paths(paths, termbase, jobs=2, **options), "json") == serial
    assert len(STARTED) == runs + 1, "no worker was started"
    return serial


def test_corpus(termbase):  # type: ignore[no-untyped-def]
    assert '"check": "term-forbidden"' in same([ROOT / "tmx"], termbase)
    assert '"check": "term-forbidden"' in same([ROOT / "corpus" / "en"], termbase, src_lang="en")


def test_suppression_in_every_format(termbase, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(parallel, "BATCH", 1)  # a few units a file
    report = same(sorted(SUPPRESS.iterdir()), termbase, src_lang="en", tgt_lang="az")
    assert '"inline": 0' not in report


# -- a generated memory ---------------------------------------------------------------------------

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence"
 o-tmf="x" adminlang="en" srclang="en" datatype="plaintext"/><body>
"""
BROKEN = '<tu tuid="broken"><tuv xml:lang="en"><seg>Cut short</tuv></tu>\n'


def corpus_units() -> list[tuple[str, dict[str, str]]]:
    """The source and targets by language of every unit of the shipped en/az/ru memory."""
    store = registry.read(ROOT / "tmx" / "en-az-ru.tmx")
    return [(u.source.text, {t.lang.language: t.text for t in u.targets if t.lang})
            for u in store]


def generated(path: Path, units: int, *, broken_at: int | None = None) -> Path:
    """*units* units tiled from the corpus memory: some edited (a number changed, text
    added), some with a suppressing note, the first few without a target (they wait until the
    file shows its second target language)."""
    base = corpus_units()
    out = [HEAD]
    for i in range(units):
        if i == broken_at:
            out.append(BROKEN)
        source, targets = base[i % len(base)]
        if i % 11 == 0:
            targets = {lang: text + f" ({i})" for lang, text in targets.items()}
        if i % 13 == 0:
            targets = {lang: text.replace("2", "3") for lang, text in targets.items()}
        note = '<note>ahenk: ignore term-missing</note>' if i % 17 == 0 else ""
        if i % 19 == 0:
            note += '<note>ahenk: ignore=all</note>'
        tuvs = "".join(f'<tuv xml:lang="{lang}"><seg>{escape(text)}</seg></tuv>'
                       for lang, text in targets.items()) if i >= 5 else ""
        out.append(f'<tu tuid="u{i}">{note}<tuv xml:lang="en"><seg>{escape(source)}</seg>'
                   f'</tuv>{tuvs}</tu>\n')
    out.append("</body></tmx>\n")
    path.write_text("".join(out), encoding="utf-8")
    return path


#: Every check but the slowest (term-variant's near-miss search), to keep the tests quick.
QUICK = "term-variant"


@pytest.fixture(scope="module")
def memory(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    return generated(tmp_path_factory.mktemp("jobs") / "memory.tmx", 800)


def test_generated_memory(memory, termbase):  # type: ignore[no-untyped-def]
    report = same([memory], termbase, ignore=QUICK)
    assert '"units": 800' in report and '"inline": 0' not in report
    assert '"check": "inconsistent-target"' in report and '"check": "number-mismatch"' in report


def test_generated_memory_for_one_language(memory, termbase):  # type: ignore[no-untyped-def]
    same([memory], termbase, tgt_lang="ru", select="term-missing,untranslated,number-mismatch")


def test_baseline(memory, termbase, tmp_path):  # type: ignore[no-untyped-def]
    older = generated(tmp_path / "older.tmx", 500)
    baselines = []
    for jobs in (1, 2):
        baselines.append(tmp_path / f"baseline-{jobs}.json")
        check_paths([older], termbase, write_baseline=baselines[-1], jobs=jobs, ignore=QUICK)
    assert baselines[0].read_bytes() == baselines[1].read_bytes()
    older.write_bytes(memory.read_bytes())  # the memory grew: old findings stay in the baseline
    report = same([older], termbase, baseline=baselines[0], ignore=QUICK)
    assert '"baseline": 0' not in report and '"findings": []' not in report


def test_findings_on_disk(memory, termbase, monkeypatch):  # type: ignore[no-untyped-def]
    """Findings kept on disk (:mod:`ahenk.check.found`), as the workers send them back: the
    report of findings kept in memory, by one process."""
    serial = render(check_paths([memory], termbase, ignore=QUICK), "json")
    monkeypatch.setattr(found, "FINDINGS_IN_MEMORY", 20)
    with check_paths([memory], termbase, ignore=QUICK, jobs=2) as report:
        assert isinstance(report.findings, found.StoredFindings) and len(report) > 100
        assert render(report, "json") == serial
    assert report.findings.closed


def test_stores_in_memory(memory, termbase):  # type: ignore[no-untyped-def]
    stores = [read_store(memory), read_store(ROOT / "tmx" / "en-az.tmx")]
    serial = render(check_stores(stores, termbase, ignore=QUICK), "json")
    assert render(check_stores(stores, termbase, ignore=QUICK, jobs=2), "json") == serial


# -- errors ---------------------------------------------------------------------------------------

def raised(paths, jobs, **options) -> BaseException:  # type: ignore[no-untyped-def]
    with pytest.raises(BaseException) as info:
        check_paths(paths, jobs=jobs, **options)
    return info.value


def assert_same_error(paths, **options) -> BaseException:  # type: ignore[no-untyped-def]
    serial, parallel_ = (raised(paths, jobs, **options) for jobs in (1, 2))
    assert type(parallel_) is type(serial)
    assert str(parallel_) == str(serial)
    assert vars(parallel_) == vars(serial) or not isinstance(serial, AhenkError)
    return serial


def test_broken_unit_in_the_middle(tmp_path):  # type: ignore[no-untyped-def]
    path = generated(tmp_path / "broken.tmx", 800, broken_at=500)
    error = assert_same_error([path])
    assert isinstance(error, ParseError) and error.path == str(path) and error.line == 504


@pytest.fixture()
def failing_check(monkeypatch):  # type: ignore[no-untyped-def]
    """number-mismatch fails on units u300 (a FormatError) and u600 (a KeyError): in the
    workers too, which are forked after the patch."""
    real = NumberMismatch._check

    def check(self, pair, context):  # type: ignore[no-untyped-def]
        if pair.ref == "u300":
            raise FormatError("cannot check this unit", pair.file, pair.line)
        if pair.ref == "u600":
            raise KeyError("no such number")
        return real(self, pair, context)

    monkeypatch.setattr(NumberMismatch, "_check", check)


def test_error_in_a_worker_is_the_serial_runs(memory, failing_check):  # type: ignore[no-untyped-def]
    error = assert_same_error([memory], select="number-mismatch,inconsistent-target")
    assert "cannot check this unit" in str(error)
    assert isinstance(error, FormatError) and error.line is not None


def test_other_exception_in_a_worker(memory, failing_check, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(NumberMismatch, "applies", lambda self, pair, context: pair.ref != "u300")
    error = raised([memory], 2, select="number-mismatch")
    assert isinstance(error, KeyError) and "in a check worker" in error.__notes__[0]


def test_worker_that_dies(memory, monkeypatch):  # type: ignore[no-untyped-def]
    real = NumberMismatch._check
    parent = os.getpid()

    def check(self, pair, context):  # type: ignore[no-untyped-def]
        if pair.ref == "u500" and os.getpid() != parent:
            os._exit(3)
        return real(self, pair, context)

    monkeypatch.setattr(NumberMismatch, "_check", check)
    with pytest.raises(RuntimeError, match="exit code 3"):
        check_paths([memory], select="number-mismatch", jobs=2)


@pytest.mark.parametrize("stop", [KeyboardInterrupt, UsageError])
def test_stopped_while_workers_check(memory, monkeypatch, stop):  # type: ignore[no-untyped-def]
    real = runner.file_pairs

    def pairs(*args, **kwargs):  # type: ignore[no-untyped-def]
        for n, item in enumerate(real(*args, **kwargs)):
            if n == 400:
                raise stop("stop")
            yield item

    monkeypatch.setattr(runner, "file_pairs", pairs)
    with pytest.raises(stop):
        check_paths([memory], jobs=2)


# -- when workers are used ------------------------------------------------------------------------

def test_small_input_is_checked_here(termbase, monkeypatch):  # type: ignore[no-untyped-def]
    def no_workers(self):  # type: ignore[no-untyped-def]
        raise AssertionError("a worker was started")

    monkeypatch.setattr(parallel.Workers, "_start", no_workers)
    memory = ROOT / "tmx" / "en-az.tmx"
    monkeypatch.setattr(parallel, "BATCH", 256)
    check_paths([memory], termbase, jobs=4, select="number-mismatch")  # 210 units: one batch
    monkeypatch.setattr(parallel, "BATCH", 110)
    check_paths([memory], termbase, jobs=4, select="number-mismatch")  # the second here too
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    monkeypatch.setattr(parallel, "BATCH", 10)
    check_paths([memory], termbase, jobs=4, select="number-mismatch")


def test_no_fork_beside_other_threads():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not parallel.can_fork()
        assert isinstance(parallel.unit_runner([NumberMismatch()], CheckContext(), 2),
                          parallel.InProcess)
    finally:
        stop.set()
        thread.join()
    assert isinstance(parallel.unit_runner([NumberMismatch()], CheckContext(), 2),
                      parallel.Workers)


def test_jobs_values():
    assert parallel.resolve_jobs(0) == len(os.sched_getaffinity(0))
    assert parallel.resolve_jobs(3) == 3
    for bad in (-1, True, "2"):
        with pytest.raises(UsageError, match="jobs"):
            parallel.resolve_jobs(bad)  # type: ignore[arg-type]
    with pytest.raises(UsageError):
        check_paths([ROOT / "tmx" / "en-az.tmx"], jobs=-1)


def test_cli_jobs(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    args = ["check", "--no-config", str(ROOT / "tmx" / "en-az.tmx"), "--glossary", str(TERMBASE),
            "--format", "json", "--ignore", QUICK]
    serial = CliRunner().invoke(main, args)
    parallel_ = CliRunner().invoke(main, [*args, "--jobs", "2"])
    assert serial.exit_code == parallel_.exit_code == 1
    assert parallel_.output == serial.output
    bad = CliRunner().invoke(main, [*args, "--jobs", "-1"])
    assert bad.exit_code == 2 and "--jobs" in bad.output


def test_config_jobs(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    seen: list[int] = []
    real = check_paths

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(kwargs["jobs"])
        return real(*args, **kwargs)

    monkeypatch.setattr("ahenk.cli.check.check_paths", spy)
    monkeypatch.chdir(tmp_path)
    memory = ROOT / "tmx" / "en-az.tmx"
    (tmp_path / "ahenk.toml").write_text("jobs = 0\n", encoding="utf-8")
    CliRunner().invoke(main, ["check", str(memory)])
    CliRunner().invoke(main, ["check", str(memory), "-j", "2"])
    CliRunner().invoke(main, ["check", str(memory), "--no-config"])
    assert seen == [0, 2, 1]
    (tmp_path / "ahenk.toml").write_text("jobs = -2\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(memory)])
    assert result.exit_code == 2 and "'jobs'" in result.output


def test_the_workers_inherit_every_termbase_languages_indexes(termbase, monkeypatch, tmp_path):  # type: ignore[no-untyped-def]
    """Before the fork every check prepares the termbase's languages, so a language pair met
    later (en-az.tmx, then en-ru.tmx) is not indexed again in each worker."""
    from ahenk.termbase import match

    log = tmp_path / "built.txt"  # the workers' builds too: they are other processes
    real = match.TermIndex.__init__

    def spy(self, tb, lang):  # type: ignore[no-untyped-def]
        with log.open("a", encoding="utf-8") as out:
            out.write(f"{os.getpid()} {lang}\n")
        real(self, tb, lang)

    monkeypatch.setattr(match.TermIndex, "__init__", spy)
    select = "term-missing,term-forbidden,term-variant"
    serial = check_paths([ROOT / "tmx" / "en-az.tmx", ROOT / "tmx" / "en-ru.tmx"], termbase,
                         select=select)
    log.unlink()
    started = len(STARTED)
    report = check_paths([ROOT / "tmx" / "en-az.tmx", ROOT / "tmx" / "en-ru.tmx"], termbase,
                         select=select, jobs=2)
    assert len(STARTED) == started + 1 and render(report, "json") == render(serial, "json")
    built = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
    assert {pid for pid, _ in built} == {str(os.getpid())}  # no worker built one
    assert sorted(lang for _, lang in built) == ["az", "en", "ru"]
    assert parallel.termbase_languages(CheckContext(termbase=termbase)) == ["en", "az", "ru"]
