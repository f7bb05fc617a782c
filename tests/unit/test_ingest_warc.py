"""WARC / WARC.gz of HTTP responses: articles per response, damaged records reported, rest read."""

from __future__ import annotations

import gzip
from pathlib import Path

from newsevents.errors import InputTooLargeError, MalformedInputError
from newsevents.ingest import IngestFailure, read_inputs
from newsevents.model import Article

REPO = Path(__file__).resolve().parents[2]


def _page(number: int) -> bytes:
    sentence = (
        f"Story {number}: the council voted to close the old bridge on Monday, the mayor said. "
    )
    return f"<html><body><article><p>{sentence * 4}</p></article></body></html>".encode()


def _record(number: int, *, rec_type: str = "response", status: str = "200 OK",
            content_type: str = "text/html; charset=utf-8", body: bytes | None = None) -> bytes:  # fmt: skip
    payload = body if body is not None else _page(number)
    block = (f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n\r\n").encode() + payload
    headers = (
        "WARC/1.1\r\n"
        f"WARC-Type: {rec_type}\r\n"
        f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{number:012d}>\r\n"
        "WARC-Date: 2024-05-06T10:00:00Z\r\n"
        f"WARC-Target-URI: https://news.example/{number}\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(block)}\r\n\r\n"
    ).encode()
    return headers + block + b"\r\n\r\n"


def _write(path: Path, records: list[bytes], *, compress: bool) -> None:
    if compress:  # one gzip member per record, as crawlers write them
        path.write_bytes(b"".join(gzip.compress(r) for r in records))
    else:
        path.write_bytes(b"".join(records))


def _split(path: Path, **options: int) -> tuple[list[Article], list[IngestFailure]]:
    items = list(read_inputs([path], **options))  # type: ignore[arg-type]
    return ([i for i in items if isinstance(i, Article)],
            [i for i in items if isinstance(i, IngestFailure)])  # fmt: skip


def test_plain_and_gzipped_warc(tmp_path: Path) -> None:
    records = [_record(1), _record(2, rec_type="request"), _record(3, status="404 Not Found"),
               _record(4, content_type="image/png", body=b"\x89PNG"), _record(5)]  # fmt: skip
    for compress, name in ((False, "a.warc"), (True, "a.warc.gz")):
        path = tmp_path / name
        _write(path, records, compress=compress)
        articles, failures = _split(path)
        assert failures == []
        assert [a.text.split(":")[0] for a in articles] == ["Story 1", "Story 5"]
        assert articles[0].provenance.url == "https://news.example/1"
        assert articles[0].provenance.published == "2024-05-06"
        assert "urn:uuid" in (articles[0].provenance.source_record or "")


def test_malformed_record_is_reported_and_later_records_read(tmp_path: Path) -> None:
    for compress, name in ((False, "bad.warc"), (True, "bad.warc.gz")):
        path = tmp_path / name
        garbage = b"GARBAGE LINE\r\nnot a warc header\r\n\r\n"
        broken = garbage if not compress else gzip.compress(garbage)
        data = [_record(1), _record(2), _record(3)]
        if compress:
            path.write_bytes(gzip.compress(data[0]) + broken + gzip.compress(data[1])
                             + gzip.compress(data[2]))  # fmt: skip
        else:
            path.write_bytes(data[0] + broken + data[1] + data[2])
        articles, failures = _split(path)
        assert [a.text.split(":")[0] for a in articles] == ["Story 1", "Story 2", "Story 3"], name
        [failure] = failures
        assert isinstance(failure.error, MalformedInputError)
        assert str(path) in failure.message and "record offset" in failure.message


def test_truncated_warc_gz_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "cut.warc.gz"
    data = b"".join(gzip.compress(_record(n)) for n in range(1, 4))
    path.write_bytes(data[: len(data) - 60])
    articles, failures = _split(path)
    assert len(articles) == 2
    [failure] = failures
    assert isinstance(failure.error, MalformedInputError)
    assert "cut.warc.gz" in failure.message


def test_truncated_plain_warc_record_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "cut.warc"
    data = _record(1) + _record(2)
    path.write_bytes(data[:-60])
    articles, failures = _split(path)
    assert len(articles) == 1
    [failure] = failures
    assert "cut short" in failure.message and "urn:uuid" in failure.message


def test_oversized_record_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "big.warc"
    big = b"<html><body><p>" + b"word " * 3_000 + b"</p></body></html>"
    _write(path, [_record(1), _record(2, body=big), _record(3)], compress=False)
    articles, failures = _split(path, max_article_bytes=5_000)
    assert len(articles) == 2
    [failure] = failures
    assert isinstance(failure.error, InputTooLargeError)


def test_not_a_warc(tmp_path: Path) -> None:
    path = tmp_path / "junk.warc"
    path.write_bytes(b"hello, this is not a WARC file\n")
    articles, failures = _split(path)
    assert articles == [] and len(failures) >= 1
    assert all(isinstance(f.error, MalformedInputError) for f in failures)


def test_bundled_example_warc_has_two_articles() -> None:
    articles, failures = _split(REPO / "examples" / "crawl.warc.gz")
    assert failures == [] and len(articles) == 2
