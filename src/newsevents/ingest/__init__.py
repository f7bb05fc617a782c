"""Readers that turn input files into Articles, or into recorded failures.

``read_inputs(paths)`` walks files and folders (folders recursively, in sorted order) and
yields, for each article found, an :class:`~newsevents.model.Article` with normalized text,
or an :class:`IngestFailure` naming the file, the record and the cause.  One bad input or
record never stops the iteration, and the good records of a damaged file are still read.

| extension                           | reader                                  |
|-------------------------------------|-----------------------------------------|
| ``.txt`` (+ sidecar ``NAME.json``)  | :mod:`newsevents.ingest.text`           |
| ``.html``, ``.htm``                 | :mod:`newsevents.ingest.html`           |
| ``.jsonl``, ``.ndjson``             | :mod:`newsevents.ingest.jsonl`          |
| ``.xml``, ``.rss``, ``.atom``       | :mod:`newsevents.ingest.rss`            |
| ``.warc``, ``.warc.gz``             | :mod:`newsevents.ingest.warc`           |

Any of these may also be gzipped (``NAME.jsonl.gz``).  Nothing is ever downloaded.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from newsevents.errors import InputError, UnsupportedInputError
from newsevents.ingest.article import DEFAULT_MAX_ARTICLE_BYTES, Limits, article_id_for
from newsevents.ingest.failure import IngestFailure
from newsevents.ingest.html import read_html_file
from newsevents.ingest.jsonl import read_jsonl_file
from newsevents.ingest.rss import read_feed_file
from newsevents.ingest.sidecar import SIDECAR_SUFFIX, sidecar_path
from newsevents.ingest.text import read_text_file
from newsevents.ingest.warc import read_warc_file
from newsevents.model import Article
from newsevents.stages.normalize import normalize_text

Reader = Callable[[Path, Limits], Iterator[Article | IngestFailure]]

READERS: dict[str, Reader] = {
    ".txt": read_text_file,
    ".html": read_html_file,
    ".htm": read_html_file,
    ".jsonl": read_jsonl_file,
    ".ndjson": read_jsonl_file,
    ".xml": read_feed_file,
    ".rss": read_feed_file,
    ".atom": read_feed_file,
    ".warc": read_warc_file,
}
SIDECAR_OWNERS = (".txt", ".html", ".htm")


def input_kind(path: Path) -> str | None:
    """The reader key for ``path`` (".txt", ".warc", …), looking through a ``.gz`` suffix."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    if not suffixes:
        return None
    return suffixes[-1] if suffixes[-1] in READERS else None


def is_sidecar(path: Path) -> bool:
    """True for ``NAME.json`` lying beside ``NAME.txt`` or ``NAME.html``: metadata, not input."""
    if path.suffix.lower() != SIDECAR_SUFFIX:
        return False
    return any(
        sidecar_path(path.with_suffix(owner)) == path and path.with_suffix(owner).is_file()
        for owner in (*SIDECAR_OWNERS, *(o + ".gz" for o in SIDECAR_OWNERS))
    )


def _unsupported(path: Path) -> IngestFailure:
    known = ", ".join(sorted({*READERS, ".warc.gz"}))
    return IngestFailure(
        str(path),
        None,
        UnsupportedInputError(
            f"the file type {''.join(path.suffixes) or '(no extension)'} is not an input newsevents reads",
            path=str(path),
            hint=f"give files ending in {known} (optionally gzipped)",
        ),
    )


def _missing(path: Path) -> IngestFailure:
    return IngestFailure(
        str(path),
        None,
        InputError(
            "the input does not exist or cannot be read",
            path=str(path),
            hint="check the path and its permissions",
        ),
    )


def _walk(root: Path) -> Iterator[Path]:
    """Files under ``root``, recursively, in sorted order; hidden files and folders skipped."""
    for child in sorted(root.iterdir()):
        if child.name.startswith("."):
            continue
        if child.is_dir():
            yield from _walk(child)
        elif child.is_file():
            yield child


def _with_published(
    item: Article | IngestFailure, published: str | None
) -> Article | IngestFailure:
    if published is None or isinstance(item, IngestFailure):
        return item
    provenance = dataclasses.replace(item.provenance, published=published)
    return dataclasses.replace(item, provenance=provenance)


def _read_file(path: Path, limits: Limits) -> Iterator[Article | IngestFailure]:
    kind = input_kind(path)
    if kind is None:
        yield _unsupported(path)
        return
    try:
        yield from READERS[kind](path, limits)
    except InputError as error:
        yield IngestFailure(str(path), error.record, error)
    except OSError as error:
        yield IngestFailure(
            str(path),
            None,
            InputError(
                f"the file cannot be read ({error.strerror or error})",
                path=str(path),
                hint="check the file and its permissions",
            ),
        )


def read_inputs(
    paths: Sequence[str | Path],
    *,
    published: str | None = None,
    max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES,
) -> Iterator[Article | IngestFailure]:
    """Every article in ``paths`` (files or folders), or a failure for each unusable input.

    ``published`` replaces every article's publication date.  Folders are walked
    recursively in sorted order and files of unknown type inside them are skipped; a file
    named explicitly with an unknown type yields an UnsupportedInputError failure.
    """
    limits = Limits(max_article_bytes=max_article_bytes)
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for child in _walk(path):
                if input_kind(child) is not None and not is_sidecar(child):
                    for item in _read_file(child, limits):
                        yield _with_published(item, published)
        elif path.is_file():
            if is_sidecar(path):
                continue
            for item in _read_file(path, limits):
                yield _with_published(item, published)
        else:
            yield _missing(path)


__all__ = [
    "DEFAULT_MAX_ARTICLE_BYTES",
    "IngestFailure",
    "article_id_for",
    "input_kind",
    "normalize_text",
    "read_inputs",
]
