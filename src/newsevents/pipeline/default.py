"""The default stage order of ``newsevents code``."""

from __future__ import annotations

import importlib

from newsevents.pipeline.runner import Pipeline

# Modules whose import registers the stages below.
STAGE_MODULES = (
    "newsevents.stages.nlp",
)

DEFAULT_STAGES = (
    "newsevents.nlp.v1",
)


def default_pipeline() -> Pipeline:
    for module in STAGE_MODULES:
        importlib.import_module(module)
    return Pipeline.from_names(DEFAULT_STAGES)
