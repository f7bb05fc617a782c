"""WARC and WARC.gz files of HTTP responses (warcio) → one Article per HTML/text response.

Records are streamed, so a crawl file of any size reads in constant memory.  Request,
metadata and warcinfo records, non-2xx responses and non-text payloads (images, scripts) are
skipped quietly: they are normal in crawls.  A malformed record is reported and reading
resumes at the next record boundary, so the good records after it are not lost.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from newsevents.errors import InputError, MalformedInputError
from newsevents.ingest.article import Limits, build_article, empty, too_large
from newsevents.ingest.decode import decode_bytes
from newsevents.ingest.failure import IngestFailure
from newsevents.ingest.files import truncated_gzip
from newsevents.ingest.html import declared_charset, extract_html
from newsevents.model import Article

GZIP_MAGIC = b"\x1f\x8b\x08"
WARC_MAGIC = b"WARC/1."
TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
ARTICLE_RECORD_TYPES = ("response", "resource")
MAX_RESYNCS = 10_000
SCAN_CHUNK = 1 << 20


class TruncatedRecordError(MalformedInputError):
    """A record whose payload ends before its declared length: the file was cut short."""


def _content_type(record: Any) -> tuple[str, str | None]:
    """(media type, charset) of the payload, from the HTTP headers or the WARC header."""
    header = None
    if record.http_headers is not None:
        header = record.http_headers.get_header("Content-Type")
    header = header or record.rec_headers.get_header("Content-Type") or ""
    parts = [part.strip() for part in header.split(";")]
    charset = None
    for part in parts[1:]:
        if part.lower().startswith("charset="):
            charset = part.split("=", 1)[1].strip("\"' ")
    return parts[0].lower(), charset


def _is_article_record(record: Any) -> bool:
    if record.rec_type not in ARTICLE_RECORD_TYPES:
        return False
    if record.http_headers is not None and record.rec_type == "response":
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return False
    media_type, _ = _content_type(record)
    return media_type in TEXT_TYPES


def _record_label(offset: int, record: Any) -> str:
    record_id = record.rec_headers.get_header("WARC-Record-ID")
    return f"offset {offset} {record_id}" if record_id else f"offset {offset}"


def _article_from_record(record: Any, name: str, label: str, limits: Limits) -> Article:
    if record.length is not None and record.length > limits.max_article_bytes:
        raise too_large(record.length, limits.max_article_bytes, path=name, record=label)
    payload = record.content_stream().read(limits.max_article_bytes + 1)
    missing = record.raw_stream.limit if hasattr(record.raw_stream, "limit") else 0
    if missing:
        raise TruncatedRecordError(
            f"the record is cut short ({missing} bytes of it are missing)",
            path=name,
            record=label,
            hint="the file is truncated; re-download or re-crawl it",
        )
    if not payload.strip():
        raise empty("the response", path=name, record=label)
    media_type, charset = _content_type(record)
    html = media_type != "text/plain"
    declared = charset or (declared_charset(payload) if html else None)
    decoded = decode_bytes(payload, declared=declared, path=name, record=label)
    url = record.rec_headers.get_header("WARC-Target-URI")
    notes = [decoded.note] if decoded.note else []
    if not html:
        metadata: dict[str, str | None] = {"url": url}
        body = decoded.text
    else:
        extracted = extract_html(decoded.text, path=name, record=label, url=url)
        metadata, body = extracted.metadata, extracted.text
    if not metadata.get("published"):
        # The crawl date stands in for a publication date the page does not state.
        crawl_date = record.rec_headers.get_header("WARC-Date") or ""
        metadata = {**metadata, "published": crawl_date[:10] or None}
    return build_article(body, metadata, path=name, record=label, notes=notes)


def _next_boundary(stream: IO[bytes], start: int, magic: bytes) -> int | None:
    """Offset of the next record start after ``start``, or None at the end of the file."""
    position = start
    stream.seek(position)
    tail = b""
    while True:
        chunk = stream.read(SCAN_CHUNK)
        if not chunk:
            return None
        window = tail + chunk
        found = window.find(magic)
        if found >= 0:
            return position - len(tail) + found
        tail = window[-(len(magic) - 1) :]
        position += len(chunk)


def _malformed_record(name: str, offset: int, error: Exception) -> IngestFailure:
    label = f"offset {offset}"
    return IngestFailure(
        name,
        label,
        MalformedInputError(
            f"the WARC record is malformed ({str(error).strip() or type(error).__name__})",
            path=name,
            record=label,
            hint="the records around it were read; repair or re-crawl this record",
        ),
    )


def _starts_like_warc(path: Path, compressed: bool) -> bool:
    try:
        with gzip.open(path, "rb") if compressed else path.open("rb") as stream:
            return stream.read(64).lstrip().startswith(WARC_MAGIC)
    except (EOFError, OSError, zlib.error):
        return False


def _gzip_intact(path: Path) -> Exception | None:
    try:
        with gzip.open(path, "rb") as stream:
            while stream.read(SCAN_CHUNK):
                pass
    except (EOFError, OSError, zlib.error) as error:
        return error
    return None


def read_warc_file(path: Path, limits: Limits) -> Iterator[Article | IngestFailure]:
    from warcio.archiveiterator import ArchiveIterator

    name = str(path)
    with path.open("rb") as stream:
        head = stream.read(4)
        if not head.strip():
            yield IngestFailure(name, None, empty("the file", path=name, record=None))
            return
        compressed = head.startswith(GZIP_MAGIC[:2])
        magic = GZIP_MAGIC if compressed else WARC_MAGIC
        if not _starts_like_warc(path, compressed):
            yield IngestFailure(
                name,
                None,
                MalformedInputError(
                    "the file is not a WARC file (it does not start with 'WARC/1.')",
                    path=name,
                    hint="give WARC or WARC.gz crawl files here, or rename the file",
                ),
            )
            return
        start, records_seen, cut_short = 0, 0, False
        for _ in range(MAX_RESYNCS):
            stream.seek(start)
            iterator = ArchiveIterator(stream)
            try:
                for record in iterator:
                    records_seen += 1
                    if not _is_article_record(record):
                        continue
                    offset = iterator.offset  # the current record's start while it is read
                    label = _record_label(offset, record)
                    try:
                        yield _article_from_record(record, name, label, limits)
                    except InputError as error:
                        cut_short = cut_short or isinstance(error, TruncatedRecordError)
                        yield IngestFailure(name, label, error)
                break
            except Exception as error:  # noqa: BLE001 - warcio/zlib raise many types on bad records
                bad_at = iterator.offset
                cut_short = True
                yield _malformed_record(name, bad_at, error)
                resume = _next_boundary(stream, bad_at + 1, magic)
                if resume is None:
                    break
                start = resume
    if records_seen == 0 and not cut_short:
        yield IngestFailure(
            name,
            None,
            MalformedInputError(
                "no WARC record could be read",
                path=name,
                hint="check that this is a WARC file (it should start with 'WARC/1.')",
            ),
        )
    if compressed and not cut_short:
        damage = _gzip_intact(path)
        if damage is not None:
            yield IngestFailure(name, "end of file", truncated_gzip(name, "end of file", damage))
