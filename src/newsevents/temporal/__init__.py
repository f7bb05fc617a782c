"""Time expressions: recognition, TIMEX3 normalization against the publication date, tense.

``annotate_text`` is the spaCy-free entry point; the ``newsevents.dates.v1`` stage calls it
with a tense function built from the language layer.
"""

from newsevents.temporal.annotate import annotate_text, parse_published
from newsevents.temporal.values import is_well_formed, precision_of, value_interval

__all__ = ["annotate_text", "is_well_formed", "parse_published", "precision_of", "value_interval"]
