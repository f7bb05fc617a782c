"""Text normalization: the canonical text every span points into."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from newsevents.model import Article, Span
from newsevents.stages.normalize import (
    STAGE_NAME,
    UNICODE_SPACES,
    make_normalize_stage,
    normalize_article,
    normalize_text,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Raqqah.\u00a0 (Source: presstv)", "Raqqah. (Source: presstv)"),
        ("a\r\nb\rc", "a\nb\nc"),
        ("one\u200btwo\ufeff", "onetwo"),
        ("tab\t\tand   spaces", "tab and spaces"),
        ("para one\n\n\n\n\npara two", "para one\n\npara two"),
        ("line end   \nnext", "line end\nnext"),
        ("  \n  padded text \n\n ", "padded text"),
        ("e\u0301cole", "\u00e9cole"),  # NFC composes
        ("bell\x07 and nul\x00", "bell and nul"),
        ("thin\u2009space and\u3000ideographic", "thin space and ideographic"),
        ("sep\u2028line", "sep\nline"),
        ("میشود\u200cها", "میشود\u200cها"),  # ZWNJ spells Persian words; kept
    ],
)
def test_normalize_examples(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


def test_every_unicode_space_separator_becomes_a_plain_space() -> None:
    separators = [
        chr(code)
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) == "Zs" and chr(code) != " "
    ]
    assert set(separators) <= set(UNICODE_SPACES)
    assert normalize_text("a" + "".join(separators) + "b") == "a b"


def test_zero_width_space_between_letter_and_accent_still_composes() -> None:
    assert normalize_text("e\u200b\u0301") == "\u00e9"


def test_stage_normalizes_an_api_article_and_title() -> None:
    article = Article(article_id="x", text=" Hello\u00a0world \r\n", title="A\u00a0title ")
    result = make_normalize_stage()(article)
    assert result.text == "Hello world"
    assert result.title == "A title"
    assert make_normalize_stage().name == STAGE_NAME


def test_stage_refuses_to_move_text_under_existing_spans() -> None:
    article = Article(article_id="x", text="a\u00a0 b", sentences=(Span(0, 4),))
    result = normalize_article(article)
    assert result.text == article.text
    assert result.problems and result.problems[0].stage == STAGE_NAME


def test_seed_article_loses_its_non_breaking_space(seed_article: Article) -> None:
    assert "\u00a0" in seed_article.text
    normalized = normalize_text(seed_article.text)
    assert "\u00a0" not in normalized
    assert normalized.endswith("Creative Commons Attribution 4.0 International License.")
