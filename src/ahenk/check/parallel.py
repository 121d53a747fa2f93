"""The unit checks of a run, in this process or spread over worker processes (``--jobs N``).

The runner (:mod:`ahenk.check.runner`) reads and pairs every unit itself, feeds the store- and
corpus-scope checks (the consistency checks must see every pair in one place) and hands each
unit's pairs here for the unit-scope checks, the expensive part (term matching with
morphology). :class:`InProcess` runs them at once; :class:`Workers` gathers units into batches
of :data:`BATCH` and sends each to a free worker process, keeping at most one batch per worker
in flight and about one per worker ready, so memory stays flat in the number of units.

The parent sends the pairs, rather than each worker re-reading the files and taking every k-th
batch, because it costs less and keeps one reader. Measured on the benchmark's TMX files
(bench/check, 256-unit batches): reading and pairing costs about 25-30 µs a unit, pickling a
batch about 9 µs a unit and unpickling it about 25 µs, against 300-900 µs of checks. Sending
costs those ~35 µs once, whatever the number of workers; re-reading costs every worker the
whole read, so jobs × 30 µs of CPU, and each worker's wall time carries all of it, which caps
the speed-up as workers are added. One reader also means the input's errors and warnings are
raised where and as the serial run raises them, units waiting for their file's languages
(:mod:`ahenk.check.stream`) need no second handling, stores in memory (``check_stores``,
``--changed-since``) take the same path, and a batch may span files, so many small files
spread over the workers as well as one large file does. On that benchmark (20,000 units, two
cores, ``bench/check/run.py --jobs 2``) two workers give 1.6× the wall speed of one process for
the term checks and 1.5× for every check, for 6-13% more CPU time in all (each worker indexes a
language pair met after the fork, and loads its own language models).

A unit check keeps nothing from one pair to the next but caches
(:class:`~ahenk.check.base.CheckContext`), so which process checks a unit changes nothing.
Workers are forked (the "fork" start method; where it is missing, on macOS where forking a
process with system frameworks loaded is unsafe, and in a process running other threads, the
run is serial), so they inherit the checks, the termbase and the context's indexes
copy-on-write. The first batch is checked here before they start, and every check builds what
the termbase's languages need (:meth:`~ahenk.check.base.Check.prepare`: the term indexes), so
a language pair met only later (en-az.tmx, then en-ru.tmx) is not indexed again in each worker.
A run shorter than two batches never starts a worker.

A worker returns its findings with the place the serial run gives them, ``(0, file, unit
ordinal, n)``, and the suppression mark of their pair, so the sorted report is the serial
run's. An error comes back pickled whole (an :class:`~ahenk.errors.AhenkError` keeps its type
and location) and is raised here; the earliest in input order wins, batches before it are
finished first, as the serial run would have checked them before it failed. Ctrl-C is left to
this process, which ends the workers; a worker that dies is reported, never waited for.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import sys
import threading
import traceback
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from types import TracebackType

from ahenk.check.base import Check, CheckContext, Pair
from ahenk.check.found import Entry, Found
from ahenk.check.suppress import Mark
from ahenk.errors import AhenkError, UsageError

#: Units in a batch sent to a worker (read when a batch is made, so a test can set it low).
BATCH = 256
#: Units read between two looks for a worker that has finished, while a batch is made.
_POLL = 32
#: Seconds a worker is given to exit once its connection is closed.
_EXIT_WAIT = 5.0

#: One unit as handed to the unit checks: its file's index, its ordinal in the file, its pairs
#: and whether it is unchanged since ``--changed-since``.
Item = tuple[int, int, list[Pair], bool]


def termbase_languages(context: CheckContext) -> list[str]:
    """The languages of the run's termbase (language subtags, first-seen order), what the
    checks :meth:`~ahenk.check.base.Check.prepare` before the workers are forked."""
    seen: dict[str, None] = {}
    for concept in context.termbase.concepts if context.termbase is not None else ():
        for term in concept.terms:
            seen.setdefault(term.lang.language)
    return list(seen)


def resolve_jobs(jobs: int) -> int:
    """The number of processes *jobs* asks for: itself, or for 0 one per CPU this process may
    run on. A negative number (or not a number) is a :class:`~ahenk.errors.UsageError`."""
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 0:
        raise UsageError(f"jobs must be 0 (one per CPU) or a positive number, not {jobs!r}")
    if jobs:
        return jobs
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether workers can be forked here: where the system has fork (macOS aside, see the
    module's docstring) and this process runs one thread (a fork copies a lock another thread
    holds, locked for good)."""
    return ("fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin"
            and threading.active_count() == 1)


def check_units(checks: Sequence[Check], context: CheckContext,
                items: Sequence[Item]) -> list[Entry]:
    """Every unit check on every pair of *items*: the findings, placed and marked.

    A unit's findings are numbered in the order the checks give them, pair by pair; the mark
    of a pair is taken with its first finding (a pair without findings needs none).
    """
    found: list[Entry] = []
    for f, ordinal, pairs, unchanged in items:
        n = 0
        for pair in pairs:
            mark = None
            for check in checks:
                for finding in check.run_pair(pair, context):
                    if mark is None:
                        mark = Mark.of(pair, unchanged)
                    found.append((finding, (0, f, ordinal, n), mark))
                    n += 1
    return found


class InProcess:
    """The unit checks run in this process, each unit as it comes (``jobs=1``); their
    findings go to *found*."""

    def __init__(self, checks: Sequence[Check], context: CheckContext,
                 found: Found | None = None) -> None:
        self.checks = checks
        self.context = context
        self.found = Found() if found is None else found

    def add(self, f: int, ordinal: int, pairs: list[Pair], unchanged: bool) -> None:
        self.found.extend(check_units(self.checks, self.context, [(f, ordinal, pairs, unchanged)]))

    def finish(self) -> None:
        pass

    def __enter__(self) -> InProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    batch: int | None = None  # the number of the batch it is checking


class Workers:
    """The unit checks run by *jobs* forked worker processes, a batch of units at a time.

    :meth:`add` units in input order, then :meth:`finish`: the findings go to *found* as the
    batches come back. Use it as a context manager, so the workers are ended whatever happens
    (an error in the input is raised after the batches before it are checked, unless one of
    those failed first).
    """

    def __init__(self, checks: Sequence[Check], context: CheckContext, jobs: int,
                 found: Found | None = None) -> None:
        self.checks = checks
        self.context = context
        self.jobs = jobs
        self.found = Found() if found is None else found
        self.workers: list[_Worker] = []
        self.batch: list[Item] = []
        self.made = 0  # batches made so far; a batch's number is its order in the input
        self.ready: deque[tuple[int, bytes]] = deque()  # pickled, waiting for a worker
        self.errors: dict[int, BaseException] = {}  # batch number → what checking it raised
        self.failed = False

    # -- what the runner calls --------------------------------------------------------------------

    def add(self, f: int, ordinal: int, pairs: list[Pair], unchanged: bool) -> None:
        self.batch.append((f, ordinal, pairs, unchanged))
        if len(self.batch) >= BATCH:
            self._submit()
        elif self.workers and len(self.batch) % _POLL == 0:
            self._collect(block=False)
            self._raise_first()

    def finish(self) -> None:
        """Wait until every batch is checked, its findings in :attr:`found`."""
        if self.batch:
            self._submit(last=True)
        self._drain()
        self._raise_first()

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        try:
            if isinstance(error, Exception) and not self.failed and self.workers:
                # the run failed here (the input, say): the units read before it come first
                if self.batch:
                    self._submit(last=True)
                self._drain()
                if self.errors:
                    self.failed = True
                    raise self.errors[min(self.errors)] from None
        finally:
            self._stop(graceful=error is None)

    # -- batches ----------------------------------------------------------------------------------

    def _submit(self, *, last: bool = False) -> None:
        """Send the batch being made to a worker (or queue it); check it here when it is the
        first (warming the indexes the workers will inherit) or the last of a short run."""
        batch, self.batch = self.batch, []
        number = self.made
        self.made += 1
        if not self.workers and (number == 0 or last):
            self.found.extend(check_units(self.checks, self.context, batch))
            return
        blob = pickle.dumps(batch, protocol=pickle.HIGHEST_PROTOCOL)
        if not self.workers:
            self._start()
        self.ready.append((number, blob))
        self._dispatch()
        while len(self.ready) >= self.jobs and not self.errors:  # far enough ahead
            self._collect(block=True)
        self._raise_first()

    def _dispatch(self) -> None:
        """Give ready batches to idle workers; after an error, only batches before it."""
        for worker in self.workers:
            if not self.ready:
                return
            if worker.batch is None and not (self.errors and self.ready[0][0] > min(self.errors)):
                number, blob = self.ready.popleft()
                worker.conn.send_bytes(blob)
                worker.batch = number

    def _collect(self, *, block: bool) -> None:
        """Take in the results of the workers that have finished (waiting for one if *block*),
        and give them their next batch."""
        busy = {w.conn: w for w in self.workers if w.batch is not None}
        if not busy:
            return
        ends = {w.process.sentinel: w for w in busy.values()}
        for ready in wait([*busy, *ends], timeout=None if block else 0):
            worker = busy[ready] if isinstance(ready, Connection) else ends[ready]
            if worker.batch is None:  # both its connection and its sentinel were ready
                continue
            try:
                entries, error, fresh = pickle.loads(worker.conn.recv_bytes())
            except (EOFError, OSError):
                worker.process.join(_EXIT_WAIT)
                self.failed = True
                raise RuntimeError(f"a check worker (pid {worker.process.pid}) stopped with "
                                   f"exit code {worker.process.exitcode} while checking; run "
                                   "again with --jobs 1 to check in one process") from None
            if error is not None:
                self.errors[worker.batch] = error
            else:
                self.found.extend(entries)
                if fresh:
                    self.context.segment_cache.absorb(fresh)
            worker.batch = None
        self._dispatch()

    def _drain(self) -> None:
        """Wait until no batch is in flight, giving out the ready ones (before any error)."""
        self._dispatch()
        while any(w.batch is not None for w in self.workers):
            self._collect(block=True)

    def _raise_first(self) -> None:
        """Raise the earliest error once every batch before it is checked."""
        if not self.errors:
            return
        self._drain()
        self.failed = True
        raise self.errors[min(self.errors)] from None

    # -- processes --------------------------------------------------------------------------------

    def _start(self) -> None:
        fork = multiprocessing.get_context("fork")
        parent_ends: list[Connection] = []
        # the indexes of every termbase language, built once here for all the workers: a
        # language pair met after the fork (en-az.tmx, then en-ru.tmx) was indexed in each
        for check in self.checks:
            check.prepare(self.context, termbase_languages(self.context))
        if self.context.segment_cache is not None:  # read once, shared by the workers
            self.context.segment_cache.preload()
        # what exists now the workers only read: out of the collector's sight, their garbage
        # collections leave its pages shared instead of writing to every object's header (the
        # context gives it back when the run ends)
        self.context.freeze()
        for _ in range(self.jobs):
            here, there = fork.Pipe()
            process = fork.Process(target=_serve, name="ahenk-check", daemon=True,
                                   args=(there, self.checks, self.context,
                                         [*parent_ends, here]))
            process.start()
            there.close()
            parent_ends.append(here)
            self.workers.append(_Worker(process, here))

    def _stop(self, *, graceful: bool) -> None:
        """End the workers: a closed connection tells an idle one to exit; any other (or
        every one, after an error or Ctrl-C) is terminated. Each is waited for: no zombie."""
        workers, self.workers = self.workers, []
        for worker in workers:
            worker.conn.close()
            if not graceful or worker.batch is not None:
                worker.process.terminate()
        for worker in workers:
            worker.process.join(_EXIT_WAIT)
            if worker.process.exitcode is None:
                worker.process.kill()
                worker.process.join()
            worker.process.close()


def _serve(conn: Connection, checks: Sequence[Check], context: CheckContext,
           inherited: list[Connection]) -> None:
    """A worker: check each batch received on *conn* and send back its findings (or what
    checking it raised), until the connection is closed."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's: it ends us
    for other in inherited:  # the parent's ends: only the parent may hold them open
        other.close()
    if context.segment_cache is not None:  # what this worker computes goes back to the parent
        context.segment_cache.hand_on = True
    while True:
        try:
            blob = conn.recv_bytes()
        except EOFError:
            return
        try:
            findings = check_units(checks, context, pickle.loads(blob))
            # the term lookups this batch computed, for the parent to keep between runs
            fresh = context.segment_cache.take_fresh() if context.segment_cache else None
            reply = pickle.dumps((findings, None, fresh), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # noqa: BLE001 - handed to the parent, which raises it
            reply = pickle.dumps((None, _portable(exc), None), protocol=pickle.HIGHEST_PROTOCOL)
        conn.send_bytes(reply)


def _portable(error: Exception) -> BaseException:
    """*error* as it can cross to the parent: an AhenkError whole (the serial run's message
    and location); anything else with the worker's traceback as a note, or, when it cannot be
    pickled, as a RuntimeError naming it."""
    if not isinstance(error, AhenkError):
        error.add_note("in a check worker:\n" + traceback.format_exc().rstrip())
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:  # noqa: BLE001 - whatever makes it unpicklable
        return RuntimeError(f"{type(error).__name__}: {error}")
    return error


def unit_runner(checks: Sequence[Check], context: CheckContext, jobs: int = 1,
                found: Found | None = None) -> InProcess | Workers:
    """What runs the unit *checks* of a run, their findings going to *found*: worker
    processes when *jobs* (0: one per CPU) asks for more than one, there are unit checks and
    workers can be forked; else this process."""
    count = resolve_jobs(jobs)
    if count > 1 and checks and can_fork():
        return Workers(checks, context, count, found)
    return InProcess(checks, context, found)
