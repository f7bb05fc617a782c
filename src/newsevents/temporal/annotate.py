"""Find, normalise and chain the time expressions of one text.

Spans come from ``recognize``, values from ``normalize``; this module walks the text in
order so that "Two days later" counts from the latest day resolved before it, and keeps
past-tense relative values from landing after the publication date.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, datetime

from newsevents.model import Span, Timex
from newsevents.temporal.normalize import PAST_TENSES, Context, normalize
from newsevents.temporal.recognize import EXPLICIT_KINDS, Candidate, find_candidates
from newsevents.temporal.tense import tense_from_words
from newsevents.temporal.values import value_interval

EXTRACTOR_PREFIX = "rule:dates-v1"
# Values that may serve as the anchor of a later "two days later": resolved calendar dates.
_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_OWN_DAY = re.compile(r"today|tonight|yesterday|tomorrow|day\b", re.IGNORECASE)
# A preposition that puts its date in the past whatever the clause's tense.
POINTS_BACK = frozenset({"since"})
_CHAINABLE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?|-Q[1-4])?$")


def parse_published(published: str | None) -> date | None:
    """The publication day from an ISO date or datetime string; None when absent or unreadable."""
    if not published:
        return None
    text = published.strip()
    try:
        return datetime.fromisoformat(text).date()  # Python 3.11 reads a trailing Z
    except ValueError:
        pass
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    return None


def extractor_for(kind: str) -> str:
    return f"{EXTRACTOR_PREFIX}:{kind}"


def kind_of(timex: Timex) -> str:
    """The recogniser rule that produced a timex (from its extractor string)."""
    extractor = timex.extractor or ""
    return extractor.rsplit(":", 1)[-1] if extractor.startswith(EXTRACTOR_PREFIX) else ""


def is_explicit(timex: Timex) -> bool:
    """True when the value was read off the text, not counted from an anchor."""
    return kind_of(timex) in EXPLICIT_KINDS


def _sentence_text(text: str, span: Span, sentences: Sequence[Span]) -> str:
    for sentence in sentences:
        if sentence.start <= span.start < sentence.end:
            return text[sentence.start : sentence.end]
    # No sentence layer: the stretch between the nearest sentence-ending punctuation marks.
    start = max(text.rfind(". ", 0, span.start), text.rfind("\n", 0, span.start)) + 1
    end_candidates = [i for i in (text.find(". ", span.end), text.find("\n", span.end)) if i >= 0]
    return text[start : min(end_candidates) if end_candidates else len(text)]


def annotate_text(
    text: str,
    published: str | None,
    *,
    tense_at: Callable[[Span], str] | None = None,
    sentences: Sequence[Span] = (),
    keep: Callable[[Candidate], bool] | None = None,
) -> list[Timex]:
    """Every time expression in ``text`` with its TIMEX3 value, in text order.

    ``tense_at`` gives the tense governing a span (from the parse); without it the tense is
    guessed from the words of the sentence.  ``keep`` may veto candidates with more context
    (the stage uses it to drop counts such as "2014 soldiers").
    """
    anchor = parse_published(published)
    reference: str | None = None
    timexes: list[Timex] = []
    for candidate in find_candidates(text):
        if keep is not None and not keep(candidate):
            continue
        span = Span(candidate.start, candidate.end)
        tense = tense_at(span) if tense_at else tense_from_words(_sentence_text(text, span, sentences))
        if _word_before(text, candidate.start) in POINTS_BACK:
            tense = "past"  # "since November" is behind us whatever the verb says
        result = normalize(candidate, Context(published=anchor, tense=tense, reference=reference))
        if result is None:
            continue
        value = result.value
        interval = value_interval(value) if value else None
        if (
            value
            and anchor is not None
            and interval is not None
            and tense in PAST_TENSES
            and candidate.kind not in EXPLICIT_KINDS
            and interval[0] > anchor
        ):
            # A counted date after publication in a past-tense clause is a mis-anchoring.
            value = None
        if value and result.type in {"DATE", "TIME"} and _CHAINABLE.match(value.split("T")[0]):
            reference = value.split("T")[0]
        timexes.append(Timex(span, candidate.text, value, result.type, extractor_for(candidate.kind)))
    return _date_bare_times(text, timexes, sentences)


def _word_before(text: str, start: int) -> str:
    match = re.search(r"([A-Za-z]+)\W*$", text[max(0, start - 16) : start])
    return match.group(1).lower() if match else ""


def _sentence_bounds(text: str, span: Span, sentences: Sequence[Span]) -> tuple[int, int]:
    for sentence in sentences:
        if sentence.start <= span.start < sentence.end:
            return sentence.start, sentence.end
    start = max(text.rfind(". ", 0, span.start), text.rfind("\n", 0, span.start)) + 1
    ends = [i for i in (text.find(". ", span.end), text.find("\n", span.end)) if i >= 0]
    return start, min(ends) if ends else len(text)


def _date_bare_times(text: str, timexes: list[Timex], sentences: Sequence[Span]) -> list[Timex]:
    """A clock time with no day of its own ("at 16:15 UTC, June 1st") takes its sentence's day."""
    result: list[Timex] = []
    for timex in timexes:
        if kind_of(timex) == "time" and timex.value and not _OWN_DAY.search(timex.text):
            start, end = _sentence_bounds(text, timex.span, sentences)
            days = [
                other for other in timexes
                if other is not timex and start <= other.span.start < end and other.value
                and other.type == "DATE" and _DAY_VALUE.match(other.value)
            ]
            if days:
                nearest = min(days, key=lambda other: abs(other.span.start - timex.span.start))
                moved = nearest.value[:10] + timex.value[10:]  # type: ignore[index]
                timex = Timex(timex.span, timex.text, moved, timex.type, timex.extractor)
        result.append(timex)
    return result
