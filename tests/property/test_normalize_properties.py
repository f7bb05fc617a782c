"""Invariants of normalize_text over arbitrary text (Hypothesis)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsevents.stages.normalize import normalize_text

# Bias the alphabet towards the characters normalization touches.
TRICKY = st.sampled_from(
    list(" \t\n\r\u00a0\u2000\u2009\u200b\u200c\u200d\u2028\u2029\ufeff\u00ad\x00\x07\x85")
    + ["e", "\u0301", "\u0308", "A", "\u212b", "\u1100", "\u1161", "."]
)
TEXT = st.lists(st.one_of(TRICKY, st.characters()), max_size=60).map("".join) | st.text()


@given(TEXT)
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once


@given(TEXT)
def test_output_has_no_nbsp_cr_or_double_spaces(text: str) -> None:
    result = normalize_text(text)
    assert "\u00a0" not in result
    assert "\r" not in result
    assert "  " not in result
    assert "\n\n\n" not in result
    assert result == result.strip()
