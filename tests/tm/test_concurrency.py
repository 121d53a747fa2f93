"""Several processes importing overlapping files into one memory: nothing lost, nothing twice."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from ahenk.tm import TMStore, import_files, open_store

WORKERS = 4
PER_FILE = 1200


def _bitexts(folder: Path) -> list[Path]:
    """Four TSV files; each shares half its pairs with the next (and the last with the first)."""
    files = []
    for k in range(WORKERS):
        first = k * PER_FILE // 2
        lines = [f"Sentence number {i % (WORKERS * PER_FILE // 2)} of the report.\t"
                 f"Hesabatın {i % (WORKERS * PER_FILE // 2)} nömrəli cümləsi."
                 for i in range(first, first + PER_FILE)]
        path = folder / f"part{k}.tsv"
        path.write_text("\n".join(lines) + "\n", "utf-8")
        files.append(path)
    return files


def _import(db: str, paths: list[str], barrier) -> None:  # type: ignore[no-untyped-def]
    # many small transactions, so the writers interleave (backends may set their own size)
    from ahenk.tm.sqlite import SQLiteStore

    TMStore.batch_size = SQLiteStore.batch_size = 97
    barrier.wait()
    import_files(paths, db, src="en", tgt="az")


def _race(target, arguments) -> None:  # type: ignore[no-untyped-def]
    """One forked process per argument tuple, all released at once by a barrier (passed as the
    last argument); each must exit cleanly."""
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(len(arguments))
    workers = [context.Process(target=target, args=(*args, barrier)) for args in arguments]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
        assert worker.exitcode == 0


def test_concurrent_imports(db, tmp_path):
    """Four writers start at once on an empty memory (so they also race to create the tables),
    in batches small enough to interleave."""
    files = _bitexts(tmp_path)
    expected = {line for f in files for line in f.read_text("utf-8").splitlines()}
    _race(_import, [(db, [str(files[k]), str(files[(k + 1) % WORKERS])])
                    for k in range(WORKERS)])
    with open_store(db) as store:
        stored = [f"{e.source}\t{e.target}" for e in store.entries()]
        assert len(stored) == len(set(stored)) == store.count()
        assert set(stored) == expected
        # the index agrees with the table: every entry is found by its own text
        for line in sorted(expected)[:: PER_FILE // 4]:
            source = line.split("\t")[0]
            assert store.lookup(source, "en", "az", limit=1)[0].score == 100


SOURCES = 300


def _dated_tmx(folder: Path, k: int) -> Path:
    """Worker *k*'s translation of every source, dated 202k: worker 3's is the newest."""
    units = "".join(
        f'<tu creationdate="202{k}0101T000000Z"><tuv xml:lang="en"><seg>Sentence {i} of the '
        f'report.</seg></tuv><tuv xml:lang="az"><seg>Hesabatın {i} nömrəli cümləsi, '
        f'variant {k}.</seg></tuv></tu>' for i in range(SOURCES))
    path = folder / f"variant{k}.tmx"
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header '
                    'srclang="en" datatype="plaintext" segtype="sentence" adminlang="en" '
                    'o-tmf="x" creationtool="t" creationtoolversion="1"/><body>'
                    f"{units}</body></tmx>\n", "utf-8")
    return path


def _update(db: str, path: str, barrier) -> None:  # type: ignore[no-untyped-def]
    from ahenk.tm.sqlite import SQLiteStore

    TMStore.batch_size = SQLiteStore.batch_size = 37
    barrier.wait()
    import_files([path], db, update=True)


def test_concurrent_update_imports(db, tmp_path):
    """Four writers update the same sources at once: each source keeps one translation, the
    newest, whatever the order the batches interleave in."""
    files = [_dated_tmx(tmp_path, k) for k in range(WORKERS)]
    with open_store(db):  # the tables exist before the race: this test is about updates
        pass
    _race(_update, [(db, str(files[k])) for k in range(WORKERS)])
    with open_store(db) as store:
        targets = sorted(e.target for e in store.entries())
        assert targets == sorted(f"Hesabatın {i} nömrəli cümləsi, variant {WORKERS - 1}."
                                 for i in range(SOURCES))
        assert store.stats().alternatives == 0
