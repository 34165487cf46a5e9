"""The Dask engine: the same chunks and the same function, run on a Dask cluster.

``scheduler`` is the address of a running scheduler (``tcp://HOST:PORT``); without one a
``LocalCluster`` of ``workers`` single-threaded processes is started and stopped with the run.
Workers import ``extract`` by name, so every worker needs the package installed (the same version
and rules: each result carries the worker's rules and code hashes and the run stops on a mismatch).
The pipeline is built once per worker process (``engines.task``), not once per chunk.

Needs the optional extra: ``pip install 'extract[dask]'``.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator

from .local import EngineError
from .task import Chunk, ChunkResult, process_chunk


class DaskEngine:
    def __init__(self, workers: int | None = None, scheduler: str | None = None, inflight: int | None = None):
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise EngineError("the dask engine needs dask[distributed]: pip install 'extract[dask]'") from exc
        self.cluster = None
        try:
            if scheduler:
                self.client = Client(scheduler, timeout="10s")
            else:
                from .local import default_workers

                self.cluster = LocalCluster(
                    n_workers=workers or default_workers(),
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.WARNING,
                )
                self.client = Client(self.cluster)
        except OSError as exc:
            self.close()
            raise EngineError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from exc
        threads = sum(self.client.nthreads().values()) or (workers or 1)
        self.inflight = inflight or max(2, 2 * threads)

    def run(self, chunks: Iterable[Chunk]) -> Iterator[ChunkResult]:
        pending: deque = deque()
        try:
            for chunk in chunks:
                pending.append(self.client.submit(process_chunk, chunk, pure=False))
                if len(pending) >= self.inflight:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for f in pending:
                f.cancel()

    def close(self) -> None:
        client = getattr(self, "client", None)
        if client is not None:
            client.close()
            self.client = None
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None
