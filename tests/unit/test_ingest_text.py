"""Plain text + sidecar, folder walking, encodings, and the bad-input cases of any file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsevents.errors import (
    BinaryInputError,
    EmptyInputError,
    InputError,
    InputTooLargeError,
    UnsupportedInputError,
)
from newsevents.ingest import IngestFailure, article_id_for, normalize_text, read_inputs
from newsevents.model import Article

REPO = Path(__file__).resolve().parents[2]
BODY = "Police arrested three men in the capital on Monday, officials said.\u00a0 More follows."


def _split(items: list[Article | IngestFailure]) -> tuple[list[Article], list[IngestFailure]]:
    articles = [i for i in items if isinstance(i, Article)]
    failures = [i for i in items if isinstance(i, IngestFailure)]
    return articles, failures


def test_text_with_sidecar(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    meta = {"id": "a-1", "outlet": "Daily", "url": "http://x/a", "published": "2024-01-02",
            "language": "en", "title": "Arrests"}  # fmt: skip
    (tmp_path / "a.json").write_text(json.dumps(meta), encoding="utf-8")
    articles, failures = _split(list(read_inputs([tmp_path])))
    assert failures == []
    [article] = articles
    assert article.article_id == "a-1"
    assert article.text == normalize_text(BODY)
    assert "\u00a0" not in article.text
    assert article.title == "Arrests"
    assert article.provenance.outlet == "Daily"
    assert article.provenance.published == "2024-01-02"
    assert article.provenance.source_path == str(tmp_path / "a.txt")


def test_text_without_sidecar_gets_a_stable_hash_id(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text(BODY, encoding="utf-8")
    [first] = read_inputs([tmp_path / "b.txt"])
    [second] = read_inputs([tmp_path / "b.txt"])
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.article_id == second.article_id == article_id_for(BODY, None)
    assert first.article_id.startswith("sha1:") and len(first.article_id) == 5 + 16


def test_published_override_and_sidecar_named_explicitly(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "a.json").write_text('{"published": "2020-01-01"}', encoding="utf-8")
    items = list(read_inputs([tmp_path / "a.txt", tmp_path / "a.json"], published="2024-05-05"))
    [article] = items
    assert isinstance(article, Article)
    assert article.provenance.published == "2024-05-05"


def test_broken_sidecar_keeps_the_article_with_a_problem(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "a.json").write_text("{not json", encoding="utf-8")
    [article] = read_inputs([tmp_path])
    assert isinstance(article, Article)
    assert "sidecar" in article.problems[0].message


def test_folder_walk_is_sorted_recursive_and_skips_unknown_types(tmp_path: Path) -> None:
    (tmp_path / "z").mkdir()
    (tmp_path / "z" / "c.txt").write_text("Third article text.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Second article text.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("First article text.", encoding="utf-8")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04 binary")
    texts = [i.text for i in read_inputs([tmp_path]) if isinstance(i, Article)]
    assert texts == ["First article text.", "Second article text.", "Third article text."]


def test_explicit_unknown_type_is_unsupported(tmp_path: Path) -> None:
    path = tmp_path / "notes.docx"
    path.write_bytes(b"whatever")
    [failure] = read_inputs([path])
    assert isinstance(failure, IngestFailure)
    assert isinstance(failure.error, UnsupportedInputError)
    assert str(path) in failure.message


def test_missing_path_is_a_failure_not_a_crash(tmp_path: Path) -> None:
    [failure] = read_inputs([tmp_path / "nope.txt"])
    assert isinstance(failure, IngestFailure) and isinstance(failure.error, InputError)


def test_empty_and_blank_files(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text(" \n\u00a0\n\t", encoding="utf-8")
    (tmp_path / "good.txt").write_text(BODY, encoding="utf-8")
    articles, failures = _split(list(read_inputs([tmp_path])))
    assert len(articles) == 1
    assert {type(f.error) for f in failures} == {EmptyInputError}
    assert {Path(f.path).name for f in failures} == {"empty.txt", "blank.txt"}
    assert all(f.path in f.message and "NE201" in f.message for f in failures)


def test_binary_file(tmp_path: Path) -> None:
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "controls.txt").write_bytes(bytes([1, 2, 3, 4, 5, 6, 14, 15]) * 50)
    failures = [i for i in read_inputs([tmp_path]) if isinstance(i, IngestFailure)]
    assert len(failures) == 2
    assert all(isinstance(f.error, BinaryInputError) for f in failures)


def test_article_over_the_limit_is_refused_with_the_flag_to_raise_it(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * 2_000)
    [failure] = read_inputs([big], max_article_bytes=5_000)
    assert isinstance(failure, IngestFailure)
    assert isinstance(failure.error, InputTooLargeError)
    assert "5,000" in failure.message and "--max-article-bytes" in failure.message
    [article] = read_inputs([big], max_article_bytes=20_000)
    assert isinstance(article, Article)


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        (
            "cp1252",
            "The minister\u2019s \u201cgreat victory\u201d in the caf\u00e9 \u2014 na\u00efve.",
        ),
        (
            "latin-1",
            "Le pr\u00e9sident a d\u00e9clar\u00e9 mardi que la r\u00e9forme serait adopt\u00e9e.",
        ),
        (
            "latin-1",
            "Der Au\u00dfenminister \u00e4u\u00dferte sich \u00fcber die Lage in K\u00f6ln.",
        ),
    ],
)
def test_mislabelled_western_encodings_decode_right_with_a_problem(
    tmp_path: Path, encoding: str, text: str
) -> None:
    (tmp_path / "a.txt").write_bytes(text.encode(encoding))
    [article] = read_inputs([tmp_path / "a.txt"])
    assert isinstance(article, Article)
    assert article.text == text
    [problem] = article.problems
    assert "not valid UTF-8" in problem.message and "cp1252" in problem.message


def test_utf8_with_bom_and_utf16(tmp_path: Path) -> None:
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + BODY.encode("utf-8"))
    (tmp_path / "wide.txt").write_bytes(BODY.encode("utf-16"))
    articles = [i for i in read_inputs([tmp_path]) if isinstance(i, Article)]
    assert [a.text for a in articles] == [normalize_text(BODY)] * 2
    assert all(a.problems == () for a in articles)


def test_gzipped_text_and_truncated_gzip(tmp_path: Path) -> None:
    import gzip

    data = gzip.compress(BODY.encode("utf-8") * 50)
    (tmp_path / "a.txt.gz").write_bytes(data)
    (tmp_path / "cut.txt.gz").write_bytes(data[: len(data) // 2])
    items = list(read_inputs([tmp_path]))
    articles, failures = _split(items)
    assert len(articles) == 1
    [failure] = failures
    assert failure.path.endswith("cut.txt.gz") and "truncated" in failure.message


def test_examples_folder_reads_cleanly() -> None:
    items = list(read_inputs([REPO / "examples"]))
    articles, failures = _split(items)
    assert failures == []
    assert len(articles) >= 6
    assert all(a.text == normalize_text(a.text) and a.text for a in articles)
    ids = [a.article_id for a in articles]
    assert len(ids) == len(set(ids))
    assert "seed-000" in ids
