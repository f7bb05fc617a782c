"""JSON Lines reader: good records, broken lines, empty and over-long records, gzip."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from newsevents.errors import EmptyInputError, InputTooLargeError, MalformedInputError
from newsevents.ingest import IngestFailure, read_inputs
from newsevents.model import Article


def _record(number: int, **extra: str) -> str:
    fields = {"id": f"r{number}", "outlet": "Wire", "published": f"2024-01-0{number % 9 + 1}",
              "text": f"Story {number}: troops withdrew from the town on Monday."}  # fmt: skip
    return json.dumps({**fields, **extra})


def test_good_records_keep_id_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(_record(n) for n in range(1, 4)) + "\n", encoding="utf-8")
    articles = list(read_inputs([path]))
    assert [a.article_id for a in articles if isinstance(a, Article)] == ["r1", "r2", "r3"]
    first = articles[0]
    assert isinstance(first, Article)
    assert first.provenance.source_record == "line 1"
    assert first.provenance.outlet == "Wire"


def test_html_field_is_extracted(tmp_path: Path) -> None:
    html = ("<html><body><article><p>" + "Rebels shelled the airport on Friday, officials said. " * 6
            + "</p></article></body></html>")  # fmt: skip
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "h", "html": html}) + "\n", encoding="utf-8")
    [article] = read_inputs([path])
    assert isinstance(article, Article)
    assert article.text.startswith("Rebels shelled the airport")
    assert "<p>" not in article.text


def test_broken_and_empty_lines_are_reported_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    lines = [_record(1), '{"id": "r2", "text": "cut off', _record(3), "", '{"id": "r4"}',
             "[1, 2]", '{"id": "r6", "text": "   "}', _record(7)]  # fmt: skip
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_inputs([path]))
    assert [i.article_id for i in items if isinstance(i, Article)] == ["r1", "r3", "r7"]
    failures = {f.record: f for f in items if isinstance(f, IngestFailure)}
    assert set(failures) == {"line 2", "line 5", "line 6", "line 7"}
    assert isinstance(failures["line 2"].error, MalformedInputError)
    assert isinstance(failures["line 5"].error, EmptyInputError)
    assert isinstance(failures["line 6"].error, MalformedInputError)
    assert isinstance(failures["line 7"].error, EmptyInputError)
    for failure in failures.values():
        assert str(path) in failure.message and f"record {failure.record}" in failure.message


def test_over_long_line_is_skipped_and_the_next_read(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    path.write_text(
        _record(1) + "\n" + _record(2, text="x " * 5_000) + "\n" + _record(3) + "\n",
        encoding="utf-8",
    )
    items = list(read_inputs([path], max_article_bytes=2_000))
    assert [i.article_id for i in items if isinstance(i, Article)] == ["r1", "r3"]
    [failure] = [i for i in items if isinstance(i, IngestFailure)]
    assert failure.record == "line 2" and isinstance(failure.error, InputTooLargeError)


def test_cp1252_record_is_decoded_with_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    record = json.dumps(
        {"id": "c", "text": "Caf\u00e9 owners \u201cprotest\u201d."}, ensure_ascii=False
    )
    path.write_bytes(record.encode("cp1252") + b"\n" + _record(2).encode() + b"\n")
    items = list(read_inputs([path]))
    assert all(isinstance(i, Article) for i in items)
    first = items[0]
    assert isinstance(first, Article)
    assert first.text == "Caf\u00e9 owners \u201cprotest\u201d."
    assert "line 1" in first.problems[0].message


def test_truncated_gzip_keeps_the_records_before_the_cut(tmp_path: Path) -> None:
    body = "\n".join(_record(n) for n in range(1, 400)) + "\n"
    data = gzip.compress(body.encode("utf-8"))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) * 2 // 3])
    items = list(read_inputs([path]))
    articles = [i for i in items if isinstance(i, Article)]
    failures = [i for i in items if isinstance(i, IngestFailure)]
    assert len(articles) > 10
    assert isinstance(failures[-1].error, MalformedInputError)
    assert "truncated" in failures[-1].message and str(path) in failures[-1].message


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.ndjson"
    path.write_text("\n\n", encoding="utf-8")
    [failure] = read_inputs([path])
    assert isinstance(failure, IngestFailure) and isinstance(failure.error, EmptyInputError)
