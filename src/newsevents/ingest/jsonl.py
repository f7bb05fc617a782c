"""JSON Lines: one article per line, ``{"id", "text" or "html", "url", "outlet", "published"}``.

The file is streamed line by line, so a file of any size with normal-sized records reads in
constant memory; a single line over the article limit is skipped without being held whole.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from newsevents.errors import InputError, MalformedInputError
from newsevents.ingest.article import Limits, build_article, clean_metadata, empty, too_large
from newsevents.ingest.decode import decode_bytes
from newsevents.ingest.failure import IngestFailure
from newsevents.ingest.files import GZIP_ERRORS, open_binary, truncated_gzip
from newsevents.ingest.html import extract_html
from newsevents.model import Article

SKIP_CHUNK = 1 << 20


def _skip_rest_of_line(stream: IO[bytes]) -> int:
    """Read past the end of an over-long line without keeping it; returns bytes skipped."""
    skipped = 0
    while True:
        chunk = stream.readline(SKIP_CHUNK)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


def _lines(stream: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, the line or None when over ``limit``, its size) for each line."""
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            yield number, None, len(line) + _skip_rest_of_line(stream)
        else:
            yield number, line, len(line)


def _malformed(path: str, record: str, what: str) -> MalformedInputError:
    return MalformedInputError(
        what,
        path=path,
        record=record,
        hint="fix or remove this line; the other lines were read",
    )


def parse_record(line: bytes, *, path: str, record: str) -> Article:
    decoded = decode_bytes(line, path=path, record=record)
    try:
        raw = json.loads(decoded.text)
    except json.JSONDecodeError as error:
        raise _malformed(path, record, f"the line is not valid JSON ({error.msg})") from error
    if not isinstance(raw, dict):
        raise _malformed(path, record, "the line is not a JSON object")
    metadata = clean_metadata(raw)
    text = raw.get("text")
    html = raw.get("html")
    if isinstance(text, str) and text.strip():
        body = text
    elif isinstance(html, str) and html.strip():
        extracted = extract_html(html, path=path, record=record, url=metadata.get("url"))
        body = extracted.text
        metadata = {**extracted.metadata, **{k: v for k, v in metadata.items() if v}}
    else:
        raise empty('the record (no "text" or "html" field)', path=path, record=record)
    notes = [decoded.note] if decoded.note else []
    return build_article(body, metadata, path=path, record=record, notes=notes)


def read_jsonl_file(path: Path, limits: Limits) -> Iterator[Article | IngestFailure]:
    name = str(path)
    last_record: str | None = None
    saw_content = False
    try:
        with open_binary(path) as stream:
            for number, line, size in _lines(stream, limits.max_article_bytes):
                record = f"line {number}"
                last_record = record
                if line is None:
                    error = too_large(size, limits.max_article_bytes, path=name, record=record)
                    yield IngestFailure(name, record, error)
                    continue
                if not line.strip():
                    continue  # blank lines separate nothing in JSONL; skip them quietly
                saw_content = True
                try:
                    yield parse_record(line, path=name, record=record)
                except InputError as input_error:
                    yield IngestFailure(name, record, input_error)
    except GZIP_ERRORS as error:
        where = f"after {last_record}" if last_record else None
        yield IngestFailure(name, where, truncated_gzip(name, where, error))
        return
    except OSError as error:
        yield IngestFailure(name, last_record, _malformed(name, last_record or "", str(error)))
        return
    if not saw_content:
        yield IngestFailure(name, None, empty("the file", path=name, record=None))
