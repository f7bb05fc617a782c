"""The default stage order of ``newsevents code``."""

from __future__ import annotations

import importlib

from newsevents.pipeline.runner import Pipeline

# Modules whose import registers the stages below.
STAGE_MODULES = (
    "newsevents.stages.normalize",
    "newsevents.stages.provenance",
    "newsevents.stages.nlp",
    "newsevents.stages.actors",
    "newsevents.stages.places",
    "newsevents.stages.dates",
    "newsevents.stages.events",
    "newsevents.stages.framing",
)

DEFAULT_STAGES = (
    "newsevents.normalize.v1",
    "newsevents.provenance.v1",
    "newsevents.nlp.v1",
    "newsevents.actors.v1",
    "newsevents.places.v1",
    "newsevents.dates.v1",
    "newsevents.events.v1",
    "newsevents.framing.v1",
)


def default_pipeline() -> Pipeline:
    for module in STAGE_MODULES:
        importlib.import_module(module)
    return Pipeline.from_names(DEFAULT_STAGES)
