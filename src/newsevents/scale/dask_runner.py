"""Code many input files in parallel with Dask, writing through the one embedded store.

Workers read and code whole files (stages are pure, so any worker can run any file) and
return plain records; only the driver writes to DuckDB, which allows a single writer. Point
``scheduler`` at a ``distributed.Client`` address's ``get`` to use a cluster; the default,
``"processes"``, uses local cores.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dask.bag as db

from newsevents.ingest import IngestFailure, read_inputs
from newsevents.model import Article
from newsevents.pipeline import strip_language_layer
from newsevents.pipeline.default import default_pipeline


@dataclass(frozen=True)
class CodedFile:
    """One input file's result, shipped from a worker back to the driver."""

    path: str
    articles: tuple[Article, ...]
    failures: tuple[tuple[str | None, str, str], ...]  # (record, code, message)


def code_file(path: str, published: str | None = None) -> CodedFile:
    """Read and code one file with the default pipeline; never raises for bad input."""
    articles: list[Article] = []
    failures: list[tuple[str | None, str, str]] = []
    for item in read_inputs([path], published=published):
        if isinstance(item, IngestFailure):
            failures.append((item.record, item.error.code, str(item.error)))
        else:
            articles.append(item)
    coded = default_pipeline().run_batch(articles) if articles else []
    return CodedFile(path, tuple(strip_language_layer(a) for a in coded), tuple(failures))


def expand_inputs(inputs: Sequence[str | Path]) -> list[str]:
    """Folders become their files (sorted) so Dask can spread files over workers."""
    files: list[str] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            files += sorted(str(p) for p in path.rglob("*") if p.is_file() and p.suffix != ".json")
        else:
            files.append(str(path))
    return files


def code_in_parallel(
    inputs: Sequence[str | Path],
    *,
    published: str | None = None,
    partitions: int | None = None,
    scheduler: Any = "processes",
) -> list[CodedFile]:
    """Code each input file on a Dask worker; results come back in input order."""
    files = expand_inputs(inputs)
    if not files:
        return []
    bag = db.from_sequence(files, npartitions=partitions or min(len(files), 32))
    results: list[CodedFile] = bag.map(code_file, published=published).compute(
        scheduler=scheduler
    )
    return results
