"""Events: who did what to whom, coded to PLOVER with CAMEO and ACLED, over the dependency parse.

For each sentence the stage finds triggers from ``data/events/lexicon.yaml`` (verbs with their
particles, prepositions and objects; light verbs with an event noun; event nouns), takes source
and target from the actors layer through the subject, object and prepositional arguments
(coordination gives one event per actor), lets frame verbs ("agreed to", "threatened to",
"demanded that") absorb the action they govern, and asks :mod:`newsevents.stages.claims` for
the status.  Every event keeps its evidence: trigger, sentence, actor spans, place, date and the
pattern id in ``extractor``.
"""

from __future__ import annotations

import dataclasses

from newsevents.eventcoding.coding import SentenceCoder, event_id_for
from newsevents.eventcoding.common import EXTRACTOR
from newsevents.eventcoding.triggers import find_candidates
from newsevents.model import Article
from newsevents.pipeline.stage import FunctionStage, register_stage

STAGE_NAME = "newsevents.events.v1"


def extract_events(article: Article) -> Article:
    """The article with ``events`` filled from its tokens and actors layers."""
    if not article.tokens:
        return article
    events = SentenceCoder(article).code()
    return dataclasses.replace(article, events=tuple(events))


@register_stage(STAGE_NAME)
def make_events_stage() -> FunctionStage:
    return FunctionStage(
        name=STAGE_NAME,
        requires=("tokens", "actors", "places", "timexes"),
        provides=("events",),
        function=extract_events,
        languages=("en",),
    )


__all__ = ["EXTRACTOR", "STAGE_NAME", "event_id_for", "extract_events", "find_candidates"]
