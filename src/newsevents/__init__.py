"""newsevents: turn news articles into auditable event records."""

from __future__ import annotations

from typing import Any

from newsevents import errors
from newsevents.errors import NewsEventsError
from newsevents.model import Article, Event, Span
from newsevents.pipeline import Pipeline

__version__ = "0.1.0"


def process(text: str, **metadata: Any) -> Article:
    """Code one text with the default pipeline (see :func:`newsevents.api.process`)."""
    from newsevents.api import process as process_text

    return process_text(text, **metadata)


__all__ = [
    "Article",
    "Event",
    "NewsEventsError",
    "Pipeline",
    "Span",
    "__version__",
    "errors",
    "process",
]
