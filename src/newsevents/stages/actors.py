"""The actor stage: every actor mention with its country, sector and CAMEO-style code.

A thin stage over :mod:`newsevents.actorcoding` (the rules, one module each); the public
helpers other stages call are re-exported here so ``newsevents.stages.actors`` stays the one
place to import them from.
"""

from __future__ import annotations

from newsevents.actorcoding import (
    actor_at,
    analyse_actors,
    credit_spans,
    is_metonymy,
    resolve_actors,
)
from newsevents.pipeline.stage import FunctionStage, register_stage

STAGE_NAME = "newsevents.actors.v1"

__all__ = [
    "STAGE_NAME",
    "actor_at",
    "analyse_actors",
    "credit_spans",
    "is_metonymy",
    "make_actors_stage",
    "resolve_actors",
]


@register_stage(STAGE_NAME)
def make_actors_stage() -> FunctionStage:
    return FunctionStage(
        name=STAGE_NAME,
        requires=("tokens", "entities"),
        provides=("actors",),
        function=analyse_actors,
        languages=("en",),
    )
