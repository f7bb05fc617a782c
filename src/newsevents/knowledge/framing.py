"""Loader and schema check for the loaded-language patterns (``data/framing``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from newsevents.errors import KnowledgeError

DATA_FILE = "loaded_language.yaml"


@dataclass(frozen=True)
class FramingPattern:
    pattern_id: str
    category: str
    regex: re.Pattern[str]


def _fail(message: str) -> KnowledgeError:
    return KnowledgeError(
        message,
        path=f"newsevents/data/framing/{DATA_FILE}",
        hint="fix the entry; each needs id, a known category and a valid regex",
    )


def parse_patterns(document: Any) -> tuple[FramingPattern, ...]:
    if not isinstance(document, dict) or "patterns" not in document:
        raise _fail("expected a mapping with 'categories' and 'patterns'")
    categories = set(document.get("categories") or {})
    patterns = []
    seen = set()
    for entry in document["patterns"]:
        pattern_id = entry.get("id")
        category = entry.get("category")
        if not pattern_id or pattern_id in seen:
            raise _fail(f"pattern id missing or repeated: {pattern_id!r}")
        if category not in categories:
            raise _fail(f"pattern {pattern_id}: unknown category {category!r}")
        try:
            compiled = re.compile(rf"(?<!\w){entry['regex']}(?!\w)", re.IGNORECASE)
        except (KeyError, re.error) as error:
            raise _fail(f"pattern {pattern_id}: bad regex ({error})") from error
        seen.add(pattern_id)
        patterns.append(FramingPattern(pattern_id, category, compiled))
    return tuple(patterns)


@lru_cache(maxsize=1)
def load_framing_patterns() -> tuple[FramingPattern, ...]:
    text = resources.files("newsevents.data.framing").joinpath(DATA_FILE).read_text("utf-8")
    return parse_patterns(yaml.safe_load(text))
