"""newsevents: turn news articles into auditable event records."""

from newsevents import errors
from newsevents.errors import NewsEventsError
from newsevents.model import Article, Event, Span
from newsevents.pipeline import Pipeline

__version__ = "0.1.0"

__all__ = ["Article", "Event", "NewsEventsError", "Pipeline", "Span", "__version__", "errors"]
