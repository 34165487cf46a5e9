"""The local engine: a pool of worker processes on this machine (the default engine).

Chunks are submitted in order and their results taken back in the same order, with at most
``inflight`` chunks submitted and not yet taken: memory stays bounded whatever the corpus size,
and the output is the same bytes whatever the number of workers. One worker, or input that fits
in one chunk, runs in this process without a pool.

Workers are forked on Linux when this process runs a single thread (they start at once and share
the rules compiled here), else started with ``spawn`` (forking a threaded process can deadlock).
They ignore Ctrl-C (the parent stops them after the chunks running finish) and exit by themselves
when the parent dies (``kill -9`` of the parent leaves no orphans behind).
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from .task import Chunk, ChunkResult, process_chunk, warm


class EngineError(RuntimeError):
    """The engine could not run the chunks (a worker died, a cluster is unreachable)."""


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(3)


def _init_worker(parent: int, rules_dir: str | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's graceful-stop handler
    # the parent's rules folder, whatever the environment the pool's processes started with
    if rules_dir is None:
        os.environ.pop("EXTRACT_RULES_DIR", None)
    else:
        os.environ["EXTRACT_RULES_DIR"] = rules_dir
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def default_workers() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


class LocalEngine:
    def __init__(self, workers: int | None = None, inflight: int | None = None):
        self.workers = max(1, workers or default_workers())
        self.inflight = inflight or 2 * self.workers
        self.pool: ProcessPoolExecutor | None = None

    def _start(self) -> ProcessPoolExecutor:
        # native thread pools (torch's) are invisible to threading but unsafe to fork as well
        if sys.platform == "linux" and threading.active_count() == 1 and "torch" not in sys.modules:
            warm()  # the pipeline built once here, inherited by every worker
            context = multiprocessing.get_context("fork")
        else:
            context = multiprocessing.get_context("spawn")
        self.pool = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=context,
            initializer=_init_worker,
            initargs=(os.getpid(), os.environ.get("EXTRACT_RULES_DIR")),
        )
        return self.pool

    def run(self, chunks: Iterable[Chunk]) -> Iterator[ChunkResult]:
        it = iter(chunks)
        if self.workers == 1:
            for chunk in it:
                yield process_chunk(chunk)
            return
        first = next(it, None)
        if first is None:
            return
        second = next(it, None)
        if second is None:  # a pool would cost more than it saves
            yield process_chunk(first)
            return
        pending: deque[Future] = deque()
        try:
            pool = self._start()
            pending.append(pool.submit(process_chunk, first))
        except (OSError, NotImplementedError, ImportError) as exc:
            # no process support here (a sandbox without semaphores, a process limit): the same
            # records from this process, only slower
            print(
                f"extract: cannot start worker processes ({exc}); extracting in this process", file=sys.stderr
            )
            for chunk in itertools.chain((first, second), it):
                yield process_chunk(chunk)
            return
        try:
            for chunk in itertools.chain((second,), it):
                pending.append(pool.submit(process_chunk, chunk))
                if len(pending) >= self.inflight:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        except BrokenProcessPool as exc:
            raise EngineError(f"a worker process died ({exc})") from exc
        finally:
            for f in pending:
                f.cancel()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
