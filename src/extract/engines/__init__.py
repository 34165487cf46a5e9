"""Engines run the extraction of chunks of documents: ``local`` (a process pool, the default) and
``dask`` (a Dask cluster). Both run the same function, :func:`extract.engines.task.process_chunk`,
and give its results back in input order, with a bounded number of chunks in flight."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

from .task import Chunk, ChunkResult


class Engine(Protocol):
    """Runs chunks and yields their results in the order the chunks came."""

    def run(self, chunks: Iterable[Chunk]) -> Iterator[ChunkResult]: ...

    def close(self) -> None: ...


def make_engine(name: str, workers: int, scheduler: str | None = None) -> Engine:
    """The engine called ``name`` (``local`` or ``dask``) with ``workers`` processes."""
    if name == "local":
        from .local import LocalEngine

        return LocalEngine(workers)
    if name == "dask":
        from .dask import DaskEngine

        return DaskEngine(workers=workers, scheduler=scheduler)
    raise ValueError(f"unknown engine {name!r} (local or dask)")
