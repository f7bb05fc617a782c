"""The typed document model (see ``core``) and its record and Arrow forms."""

from newsevents.model.core import (
    AcledType,
    Actor,
    Article,
    Attribution,
    CodedBy,
    DateRef,
    Event,
    Mention,
    Place,
    Problem,
    Provenance,
    Span,
    Timex,
    Token,
    Trigger,
)
from newsevents.model.records import (
    article_from_dict,
    article_to_dict,
    event_from_dict,
    event_to_dict,
)

__all__ = [
    "AcledType",
    "Actor",
    "Article",
    "Attribution",
    "CodedBy",
    "DateRef",
    "Event",
    "Mention",
    "Place",
    "Problem",
    "Provenance",
    "Span",
    "Timex",
    "Token",
    "Trigger",
    "article_from_dict",
    "article_to_dict",
    "event_from_dict",
    "event_to_dict",
]
