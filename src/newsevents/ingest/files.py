"""Opening inputs: gzip transparently, whole files under a size limit, errors named."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, cast

from newsevents.errors import MalformedInputError
from newsevents.ingest.article import too_large

CHUNK = 1 << 20


def is_gzip_name(path: Path) -> bool:
    return path.name.lower().endswith(".gz")


def truncated_gzip(path: str, record: str | None, error: Exception) -> MalformedInputError:
    return MalformedInputError(
        f"the gzip stream is truncated or corrupt ({error})",
        path=path,
        record=record,
        hint="the records before this point were read; re-download or re-compress the file",
    )


# Errors gzip raises on a damaged stream: EOFError when cut short, BadGzipFile and zlib
# errors when corrupt.
GZIP_ERRORS = (EOFError, gzip.BadGzipFile, zlib.error)


@contextmanager
def open_binary(path: Path) -> Iterator[IO[bytes]]:
    """The file's bytes, decompressed when its name ends in .gz."""
    if is_gzip_name(path):
        with gzip.open(path, "rb") as stream:
            yield cast(IO[bytes], stream)
    else:
        with path.open("rb") as stream:
            yield stream


def read_whole(path: Path, limit: int) -> bytes:
    """The whole (decompressed) file, refusing one over ``limit`` bytes before reading it."""
    name = str(path)
    if not is_gzip_name(path):
        size = path.stat().st_size
        if size > limit:
            raise too_large(size, limit, path=name, record=None)
    with open_binary(path) as stream:
        try:
            data = stream.read(limit + 1)
        except GZIP_ERRORS as error:
            raise truncated_gzip(name, None, error) from error
    if len(data) > limit:
        raise too_large(None, limit, path=name, record=None)
    return data
