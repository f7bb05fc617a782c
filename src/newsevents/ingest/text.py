"""Plain-text articles: ``NAME.txt`` with an optional sidecar ``NAME.json``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from newsevents.errors import InputError
from newsevents.ingest.article import Limits, build_article, empty
from newsevents.ingest.decode import decode_bytes
from newsevents.ingest.failure import IngestFailure
from newsevents.ingest.files import read_whole
from newsevents.ingest.sidecar import read_sidecar
from newsevents.model import Article


def read_text_file(path: Path, limits: Limits) -> Iterator[Article | IngestFailure]:
    name = str(path)
    try:
        data = read_whole(path, limits.max_article_bytes)
        if not data.strip():
            raise empty("the file", path=name, record=None)
        decoded = decode_bytes(data, path=name)
        metadata, sidecar_notes = read_sidecar(path)
        notes = [*([decoded.note] if decoded.note else []), *sidecar_notes]
        yield build_article(decoded.text, metadata, path=name, record=None, notes=notes)
    except InputError as error:
        yield IngestFailure(name, None, error)
