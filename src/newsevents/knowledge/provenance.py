"""Load and check the provenance knowledge in ``newsevents/data/provenance/``.

``outlets.yaml`` names outlets and agencies with their aliases, ``credits.yaml`` holds the
syndication credit patterns, ``licences.yaml`` the licence-line patterns.  Patterns are
compiled once; a malformed file raises ``KnowledgeError`` naming the file and the key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newsevents.errors import KnowledgeError
from newsevents.knowledge.datafiles import read_data_file

FOLDER = "provenance"
CREDIT_PLACES = frozenset({"head", "tail", "line"})


@dataclass(frozen=True)
class CreditPattern:
    id: str
    where: str  # head | tail | line
    window: int | None
    regex: re.Pattern[str]


@dataclass(frozen=True)
class CreativeCommons:
    elements: dict[str, str]
    order: tuple[str, ...]
    canonical: dict[str, str]
    patterns: tuple[re.Pattern[str], ...]  # prose, url, short


@dataclass(frozen=True)
class FixedLicence:
    licence: str
    regex: re.Pattern[str]


@dataclass(frozen=True)
class ProvenanceKnowledge:
    outlet_by_alias: dict[str, str]  # lower-case alias → canonical outlet name
    credits: tuple[CreditPattern, ...]
    creative_commons: CreativeCommons
    other_licences: tuple[FixedLicence, ...]


def _read(name: str) -> dict[str, Any]:
    # These tables name their sources in header comments rather than a `source` field.
    return read_data_file(FOLDER, name, require_source=False)


def _require(mapping: Any, key: str, kind: type, where: str) -> Any:
    if not isinstance(mapping, dict) or key not in mapping:
        raise KnowledgeError(f"{where}: key {key!r} is missing", hint="fix the data file")
    value = mapping[key]
    if not isinstance(value, kind):
        raise KnowledgeError(
            f"{where}: key {key!r} must be a {kind.__name__}, not {type(value).__name__}",
            hint="fix the data file",
        )
    return value


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as error:
        raise KnowledgeError(f"{where}: invalid regular expression: {error}") from error


def _outlets(data: dict[str, Any]) -> dict[str, str]:
    by_alias: dict[str, str] = {}
    for number, entry in enumerate(_require(data, "outlets", list, "outlets.yaml")):
        where = f"outlets.yaml outlets[{number}]"
        name = _require(entry, "name", str, where)
        for alias in [name, *_require(entry, "aliases", list, where)]:
            if not isinstance(alias, str) or not alias.strip():
                raise KnowledgeError(f"{where}: every alias must be a non-empty string")
            key = alias.strip().lower()
            if by_alias.get(key, name) != name:
                raise KnowledgeError(
                    f"{where}: alias {alias!r} already names {by_alias[key]!r}",
                    hint="an alias may name one outlet only",
                )
            by_alias[key] = name
    return by_alias


def _alias_alternation(aliases: list[str]) -> str:
    # Longest first so "press tv" wins over a shorter alias sharing its start.
    spaced = (re.escape(a).replace(r"\ ", r"\s+") for a in sorted(aliases, key=len, reverse=True))
    return "(?:" + "|".join(spaced) + ")"


def _credits(data: dict[str, Any], aliases: list[str]) -> tuple[CreditPattern, ...]:
    alternation = _alias_alternation(aliases)
    patterns = []
    for number, entry in enumerate(_require(data, "credits", list, "credits.yaml")):
        where = f"credits.yaml credits[{number}]"
        identifier = _require(entry, "id", str, where)
        place = _require(entry, "where", str, where)
        if place not in CREDIT_PLACES:
            raise KnowledgeError(f"{where}: 'where' must be one of {sorted(CREDIT_PLACES)}")
        window = entry.get("window")
        if place != "line" and not isinstance(window, int):
            raise KnowledgeError(f"{where}: a {place} pattern needs an integer 'window'")
        source = _require(entry, "pattern", str, where)
        if "{agency}" not in source or "(?P<agency>" not in source:
            raise KnowledgeError(f"{where}: the pattern must capture (?P<agency>{{agency}})")
        regex = _compile(source.replace("{agency}", alternation), where)
        patterns.append(CreditPattern(identifier, place, window, regex))
    return tuple(patterns)


def _licences(data: dict[str, Any]) -> tuple[CreativeCommons, tuple[FixedLicence, ...]]:
    cc = _require(data, "creative_commons", dict, "licences.yaml")
    where = "licences.yaml creative_commons"
    elements = {str(k).lower(): str(v) for k, v in _require(cc, "elements", dict, where).items()}
    order = tuple(str(code) for code in _require(cc, "order", list, where))
    canonical = {str(k): str(v) for k, v in _require(cc, "canonical", dict, where).items()}
    patterns = tuple(
        _compile(_require(cc, key, str, where), f"{where} {key}")
        for key in ("prose_pattern", "url_pattern", "short_pattern")
    )
    others = []
    for number, entry in enumerate(_require(data, "other", list, "licences.yaml")):
        entry_where = f"licences.yaml other[{number}]"
        others.append(
            FixedLicence(
                _require(entry, "licence", str, entry_where),
                _compile(_require(entry, "pattern", str, entry_where), entry_where),
            )
        )
    return CreativeCommons(elements, order, canonical, patterns), tuple(others)


@lru_cache(maxsize=1)
def provenance_knowledge() -> ProvenanceKnowledge:
    """Every provenance table, loaded and checked once per process."""
    outlet_by_alias = _outlets(_read("outlets.yaml"))
    credits = _credits(_read("credits.yaml"), list(outlet_by_alias))
    creative_commons, others = _licences(_read("licences.yaml"))
    return ProvenanceKnowledge(outlet_by_alias, credits, creative_commons, others)
