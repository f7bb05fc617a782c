"""Stage protocol, registry, order check and the batch runner."""

from newsevents.pipeline.runner import Pipeline, strip_language_layer
from newsevents.pipeline.stage import (
    FunctionStage,
    Stage,
    check_order,
    make_stage,
    register_stage,
    registered_stages,
)

__all__ = [
    "FunctionStage",
    "Pipeline",
    "Stage",
    "check_order",
    "make_stage",
    "register_stage",
    "registered_stages",
    "strip_language_layer",
]
