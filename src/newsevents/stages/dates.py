"""Dates stage: time expressions with TIMEX3 values, and the date of each event.

``newsevents.dates.v1`` fills ``Article.timexes``.  ``event_date`` is what the events stage
calls to date one event from its sentence and trigger.

Event date rules (issue 6):
1. A dated time expression in the event's sentence gives the date; when there are several,
   the one closest to the trigger in the dependency tree (then in characters) wins.  Basis
   ``explicit`` when the text states the date ("in 2014", "Nov. 17, 2017"), ``relative``
   when it was counted from the publication or a previous date ("On Friday", "Two days later").
2. Otherwise, a sentence about the present (present or present-perfect tense) or a speech
   act ("said") is dated to the publication day, basis ``publication``.
3. Otherwise the date is unknown: ``DateRef(None, "unknown", None)``.
A past-tense event never gets a date after publication; such a value becomes unknown.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from functools import lru_cache

from newsevents.knowledge.temporal import load_temporal_lexicon
from newsevents.model import Article, DateRef, Span, Timex, Token
from newsevents.pipeline.stage import FunctionStage, register_stage
from newsevents.temporal.annotate import annotate_text, is_explicit, parse_published
from newsevents.temporal.normalize import PAST_TENSES
from newsevents.temporal.recognize import Candidate
from newsevents.temporal.tense import tense_at, tense_from_words
from newsevents.temporal.values import precision_of, value_interval

STAGE_NAME = "newsevents.dates.v1"
# Nouns a four-digit number may count without being a year ("2014 soldiers" is not a year).
_TIME_NOUNS = frozenset({"year", "season", "budget", "election", "census", "olympics", "cup",
                         "games", "summit", "war", "crisis", "campaign", "report", "fiscal"})


def _by_index(tokens: Sequence[Token]) -> dict[int, Token]:
    return {t.i: t for t in tokens}


def _year_is_count(candidate: Candidate, tokens: Sequence[Token], by_index: Mapping[int, Token]) -> bool:
    """True for "2014 soldiers": a number modifying a plural noun that is not about time."""
    for token in tokens:
        if token.span.start == candidate.start + candidate.text.find(candidate.groups.get("year", "#")):
            head = by_index.get(token.head)
            return (
                token.dep == "nummod"
                and head is not None
                and head.tag in {"NNS", "NNPS"}
                and head.lemma.lower() not in _TIME_NOUNS
            )
    return False


def find_timexes(article: Article) -> tuple[Timex, ...]:
    """The article's time expressions, using the parse for tense when the article has one."""
    tokens = article.tokens
    by_index = _by_index(tokens)

    def keep(candidate: Candidate) -> bool:
        return not (candidate.kind == "year" and tokens and _year_is_count(candidate, tokens, by_index))

    return tuple(
        annotate_text(
            article.text,
            article.provenance.published,
            tense_at=(lambda span: tense_at(span, tokens, by_index)) if tokens else None,
            sentences=article.sentences,
            keep=keep,
        )
    )


def add_timexes(article: Article) -> Article:
    return dataclasses.replace(article, timexes=find_timexes(article))


@register_stage(STAGE_NAME)
def make_dates_stage() -> FunctionStage:
    return FunctionStage(
        name=STAGE_NAME,
        requires=("sentences", "tokens"),
        provides=("timexes",),
        function=add_timexes,
        languages=("en",),
    )


# --- event dates -------------------------------------------------------------------------

_DATED_TYPES = frozenset({"DATE", "TIME"})


def _tree_distance(a: Token, b: Token, by_index: Mapping[int, Token]) -> int:
    """Edges between two tokens through their lowest common ancestor (large if unrelated)."""
    def ancestors(token: Token) -> list[int]:
        chain = [token.i]
        current = token
        for _ in range(50):
            parent = by_index.get(current.head)
            if parent is None or parent.i == current.i:
                break
            chain.append(parent.i)
            current = parent
        return chain

    up_a, up_b = ancestors(a), ancestors(b)
    position_b = {index: depth for depth, index in enumerate(up_b)}
    for depth_a, index in enumerate(up_a):
        if index in position_b:
            return depth_a + position_b[index]
    return 1000


def _tokens_in(span: Span, tokens: Sequence[Token]) -> list[Token]:
    return [t for t in tokens if span.start <= t.span.start < span.end]


def _head_token(span: Span, tokens: Sequence[Token]) -> Token | None:
    inside = _tokens_in(span, tokens)
    ids = {t.i for t in inside}
    return next((t for t in inside if t.head not in ids), inside[0] if inside else None)


def _trigger_tense(article: Article, sentence: Span, trigger: Span, by_index: Mapping[int, Token]) -> str:
    if article.tokens:
        return tense_at(trigger, article.tokens, by_index)
    return tense_from_words(article.text[sentence.start : sentence.end])


@lru_cache(maxsize=1)
def _reporting_lemmas() -> frozenset[str]:
    return load_temporal_lexicon().reporting_verbs


def _trigger_lemma(article: Article, trigger: Span) -> str:
    head = _head_token(trigger, article.tokens)
    if head is not None:
        return head.lemma.lower()
    return article.text[trigger.start : trigger.end].lower()


def event_date(article: Article, sentence: Span, trigger: Span) -> DateRef:
    """When the event whose trigger lies in ``sentence`` happened (see the module rules).

    Reads ``article.timexes``: callers run after the dates stage (the events stage declares
    that it requires "timexes"), so an empty tuple means the text states no time.
    """
    timexes = article.timexes
    by_index = _by_index(article.tokens)
    published = parse_published(article.provenance.published)
    tense = _trigger_tense(article, sentence, trigger, by_index)

    in_sentence = [
        t for t in timexes
        if sentence.start <= t.span.start < sentence.end
        and t.type in _DATED_TYPES
        and (t.value is None or value_interval(t.value.split("T")[0]) is not None)
    ]
    if in_sentence:
        trigger_token = _head_token(trigger, article.tokens)

        def closeness(timex: Timex) -> tuple[int, int]:
            chars = min(abs(timex.span.start - trigger.end), abs(trigger.start - timex.span.end))
            head = _head_token(timex.span, article.tokens)
            if trigger_token is None or head is None:
                return (0, chars)
            return (_tree_distance(trigger_token, head, by_index), chars)

        best = min(in_sentence, key=closeness)
        if best.value is None:
            return DateRef(None, "unknown", None, best.span)
        day_part = best.value.split("T")[0]
        interval = value_interval(day_part)
        if published and interval and tense in PAST_TENSES and interval[0] > published:
            return DateRef(None, "unknown", None, best.span)
        basis = "explicit" if is_explicit(best) else "relative"
        return DateRef(day_part, precision_of(day_part), basis, best.span)

    speech_act = _trigger_lemma(article, trigger) in _reporting_lemmas()
    if published and (tense in {"present", "perfect"} or speech_act):
        value = published.isoformat()
        return DateRef(value, precision_of(value), "publication", None)
    return DateRef(None, "unknown", None, None)
