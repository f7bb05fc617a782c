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

from newsevents.ingest import DEFAULT_MAX_ARTICLE_BYTES, IngestFailure, input_kind, read_inputs
from newsevents.model import Article
from newsevents.pipeline import strip_language_layer
from newsevents.pipeline.default import default_pipeline


@dataclass(frozen=True)
class CodedFile:
    """One input file's coded articles and failures, in file order, shipped to the driver."""

    path: str
    items: tuple[Article | IngestFailure, ...]


def code_file(
    path: str, published: str | None = None, max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES
) -> CodedFile:
    """Read and code one file with the default pipeline; never raises for bad input."""
    items = list(read_inputs([path], published=published, max_article_bytes=max_article_bytes))
    positions = [i for i, item in enumerate(items) if isinstance(item, Article)]
    if positions:
        coded = default_pipeline().run_batch([items[i] for i in positions])  # type: ignore[misc]
        for position, article in zip(positions, coded, strict=True):
            items[position] = strip_language_layer(article)
    return CodedFile(path, tuple(items))


def expand_inputs(inputs: Sequence[str | Path]) -> list[str]:
    """Folders become their files (sorted) so Dask can spread files over workers."""
    files: list[str] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            files += sorted(
                str(p) for p in path.rglob("*") if p.is_file() and input_kind(p) is not None
            )
        else:
            files.append(str(path))
    return files


def code_in_parallel(
    inputs: Sequence[str | Path],
    *,
    published: str | None = None,
    max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES,
    num_workers: int | None = None,
    scheduler: Any = "processes",
) -> list[CodedFile]:
    """Code each input file on a Dask worker; results come back in input order."""
    files = expand_inputs(inputs)
    if not files:
        return []
    bag = db.from_sequence(files, npartitions=min(len(files), 64))  # type: ignore[no-untyped-call]
    results: list[CodedFile] = bag.map(
        code_file, published=published, max_article_bytes=max_article_bytes
    ).compute(scheduler=scheduler, num_workers=num_workers)
    return results
