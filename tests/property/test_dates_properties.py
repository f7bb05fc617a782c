"""Invariants of date resolution (Hypothesis), on the words-only path so no model is needed."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from newsevents.temporal import annotate_text, is_well_formed, value_interval

RELATIVE_PHRASES = [
    "on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday",
    "on Sunday", "last Friday", "yesterday", "last week", "last month", "last year",
    "three days ago", "two weeks ago", "a year ago", "in March", "in December", "on Nov. 17",
    "on 30 December", "earlier this month", "in the fourth quarter", "last summer",
]
PAST_SENTENCES = [
    "Troops captured the town {when}.",
    "The rebels attacked the convoy {when}.",
    "{when}, the minister resigned.",
    "Protesters gathered outside parliament {when}, police said.",
]
days = st.dates(min_value=date(1995, 1, 1), max_value=date(2035, 12, 31))


@settings(max_examples=300, deadline=None)
@given(published=days, phrase=st.sampled_from(RELATIVE_PHRASES), template=st.sampled_from(PAST_SENTENCES))
def test_past_tense_never_after_publication(published: date, phrase: str, template: str) -> None:
    sentence = template.format(when=phrase)
    sentence = sentence[0].upper() + sentence[1:]
    timexes = annotate_text(sentence, published.isoformat())
    assert timexes, sentence
    for timex in timexes:
        assert timex.value is not None, (sentence, timex)
        interval = value_interval(timex.value.split("T")[0])
        assert interval is not None
        assert interval[0] <= published, (sentence, published, timex.value)


@settings(max_examples=200, deadline=None)
@given(published=days, phrase=st.sampled_from(RELATIVE_PHRASES), future=st.booleans())
def test_values_are_well_formed_and_spans_valid(published: date, phrase: str, future: bool) -> None:
    sentence = f"The army {'will enter' if future else 'entered'} the city {phrase}."
    for timex in annotate_text(sentence, published.isoformat()):
        assert timex.span.of(sentence) == timex.text
        assert timex.value is None or is_well_formed(timex.value), timex.value


@settings(max_examples=200, deadline=None)
@given(published=days, weekday=st.sampled_from(["Monday", "Tuesday", "Wednesday", "Thursday",
                                                  "Friday", "Saturday", "Sunday"]))
def test_future_weekday_is_within_the_next_week(published: date, weekday: str) -> None:
    (timex,) = annotate_text(f"The talks will resume on {weekday}.", published.isoformat())
    assert timex.value is not None
    resolved = date.fromisoformat(timex.value)
    assert published < resolved <= published + timedelta(days=7)
    assert resolved.strftime("%A") == weekday


@settings(max_examples=100, deadline=None)
@given(phrase=st.sampled_from(RELATIVE_PHRASES))
def test_without_publication_relative_values_stay_unresolved(phrase: str) -> None:
    for timex in annotate_text(f"Troops captured the town {phrase}.", None):
        assert timex.value is None
