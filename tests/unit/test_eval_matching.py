"""Shared scorer helpers: offset alignment, name folding, distance, sentences, digests."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from newsevents.evaluation.matching import (
    OffsetMap,
    files_digest,
    fold,
    haversine_km,
    ratio,
    split_sentences,
)


def test_identical_texts_map_to_themselves() -> None:
    offsets = OffsetMap("abc def", "abc def")
    assert offsets.span(4, 7) == (4, 7)


def test_collapsed_whitespace_shifts_later_spans() -> None:
    raw = "One.\u00a0\u00a0 Two  words here."
    normalized = "One. Two words here."
    offsets = OffsetMap(raw, normalized)
    start, end = offsets.span(raw.index("words"), raw.index("words") + 5)
    assert normalized[start:end] == "words"


def test_replaced_characters_keep_their_place() -> None:
    raw = "He said \u201cno\u201d twice."
    normalized = 'He said "no" twice.'
    offsets = OffsetMap(raw, normalized)
    assert normalized[slice(*offsets.span(8, 12))] == '"no"'


words = st.lists(st.text(alphabet="abcxyz", min_size=1, max_size=6), min_size=1, max_size=12)
gaps = st.lists(st.sampled_from([" ", "  ", "\u00a0", " \n "]), min_size=12, max_size=12)


@given(words, gaps)
def test_every_word_survives_whitespace_collapsing(tokens: list[str], spaces: list[str]) -> None:
    raw = "".join(token + space for token, space in zip(tokens, spaces, strict=False))
    normalized = re.sub(r"\s+", " ", raw)
    offsets = OffsetMap(raw, normalized)
    position = 0
    for token in tokens:
        start = raw.index(token, position)
        position = start + len(token)
        mapped = offsets.span(start, position)
        assert normalized[mapped[0] : mapped[1]] == token


def test_fold_ignores_case_accents_quotes_and_spacing() -> None:
    assert fold("Rāwah") == fold("rawah")
    assert fold("Hashd al-Sha\u2019abi") == fold("hashd  al-sha'abi")
    assert fold(None) == ""


def test_haversine_known_distance() -> None:
    # Rawa to Abu Kamal is roughly 92 km along the Euphrates valley.
    assert 85 < haversine_km(34.47, 41.92, 34.45, 40.92) < 100
    assert haversine_km(10.0, 10.0, 10.0, 10.0) == 0.0


def test_sentences_cover_the_text_and_split_after_quotes() -> None:
    text = "He hailed the \u201cgreat victory.\u201d The Leader agreed. (Source: wire) Done"
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "He hailed the \u201cgreat victory.",
        "The Leader agreed.",
        "(Source: wire) Done",
    ]


def test_ratio_of_nothing_is_zero() -> None:
    assert ratio(0, 0) == 0.0
    assert ratio(1, 4) == 0.25


def test_digest_changes_with_content_not_order(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "b.txt").write_text("y", encoding="utf-8")
    files = [tmp_path / "a.txt", tmp_path / "b.txt"]
    first = files_digest(tmp_path, files)
    assert files_digest(tmp_path, list(reversed(files))) == first
    (tmp_path / "b.txt").write_text("z", encoding="utf-8")
    assert files_digest(tmp_path, files) != first


quoted_words = st.lists(
    st.text(alphabet="ab\u201c\u201d", min_size=1, max_size=5), min_size=1, max_size=12
)


@given(quoted_words, gaps)
def test_words_survive_quote_straightening(tokens: list[str], spaces: list[str]) -> None:
    raw = "".join(token + space for token, space in zip(tokens, spaces, strict=False))
    normalized = re.sub(r"\s+", " ", raw.replace("\u201c", '"').replace("\u201d", '"'))
    offsets = OffsetMap(raw, normalized)
    position = 0
    for token in tokens:
        start = raw.index(token, position)
        position = start + len(token)
        mapped = offsets.span(start, position)
        straight = token.replace("\u201c", '"').replace("\u201d", '"')
        assert normalized[mapped[0] : mapped[1]] == straight
