"""Load and check the temporal vocabulary in ``newsevents/data/temporal/``.

The YAML files hold every word list the date recogniser uses, so adding an abbreviation
or a reporting verb never touches code.  A malformed file raises ``KnowledgeError`` naming
the file and the key at fault.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newsevents.errors import KnowledgeError
from newsevents.knowledge.datafiles import read_data_file

DATA_PACKAGE = "newsevents.data"
FOLDER = "temporal"
SPECIAL_REFERENCES = frozenset({"PRESENT_REF", "PAST_REF", "FUTURE_REF"})


@dataclass(frozen=True)
class Unit:
    letter: str
    clock: bool
    factor: int = 1


@dataclass(frozen=True)
class DeicticDay:
    offset: int
    part: str | None = None


@dataclass(frozen=True)
class TemporalLexicon:
    """Every word list the recogniser and the normaliser need, keyed by lower-case text."""

    months: dict[str, int]
    weekdays: dict[str, int]
    seasons: dict[str, str]
    parts_of_day: dict[str, str]
    units: dict[str, Unit]
    number_words: dict[str, int]
    vague_numbers: tuple[str, ...]
    ordinals: dict[str, int]
    deictic_days: dict[str, DeicticDay]
    references: dict[str, str]
    sets: dict[str, str]
    relative_modifiers: dict[str, int]
    reporting_verbs: frozenset[str]
    future_markers: frozenset[str]


def _read(name: str) -> dict[str, Any]:
    return read_data_file(FOLDER, name)


def _fail(file: str, key: str, problem: str) -> KnowledgeError:
    return KnowledgeError(
        f"key {key!r}: {problem}",
        path=f"{DATA_PACKAGE}/{FOLDER}/{file}",
        hint="fix the entry so it matches the shape the other entries have",
    )


def _numbered_names(raw: Any, file: str, key: str, top: int) -> dict[str, int]:
    if not isinstance(raw, dict):
        raise _fail(file, key, "must map numbers to lists of names")
    names: dict[str, int] = {}
    for number, words in raw.items():
        if not isinstance(number, int) or not 1 <= number <= top or not isinstance(words, list):
            raise _fail(file, key, f"entry {number!r} must be 1..{top} with a list of names")
        for word in words:
            names[str(word).lower()] = number
    if len(set(names.values())) != top:
        raise _fail(file, key, f"must name all {top} values")
    return names


def _str_map(raw: Any, file: str, key: str) -> dict[str, str]:
    if not isinstance(raw, dict) or not all(isinstance(v, str) for v in raw.values()):
        raise _fail(file, key, "must map words to strings")
    return {str(k).lower(): v for k, v in raw.items()}


def _int_map(raw: Any, file: str, key: str) -> dict[str, int]:
    if not isinstance(raw, dict) or not all(isinstance(v, int) for v in raw.values()):
        raise _fail(file, key, "must map words to integers")
    return {str(k).lower(): v for k, v in raw.items()}


def _str_list(raw: Any, file: str, key: str) -> tuple[str, ...]:
    if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
        raise _fail(file, key, "must be a list of strings")
    return tuple(v.lower() for v in raw)


@lru_cache(maxsize=1)
def load_temporal_lexicon() -> TemporalLexicon:
    """Read both YAML files once per process and check their shape."""
    cal_file, expr_file = "calendar.yaml", "expressions.yaml"
    calendar = _read(cal_file)
    expressions = _read(expr_file)

    units: dict[str, Unit] = {}
    for name, spec in (calendar.get("units") or {}).items():
        if not isinstance(spec, dict) or spec.get("letter") not in {"S", "M", "H", "D", "W", "Q", "Y"}:
            raise _fail(cal_file, f"units.{name}", "needs a TIMEX3 letter S, M, H, D, W, Q or Y")
        units[str(name)] = Unit(str(spec["letter"]), bool(spec.get("clock")), int(spec.get("factor", 1)))

    deictic: dict[str, DeicticDay] = {}
    for phrase, spec in (expressions.get("deictic_days") or {}).items():
        if not isinstance(spec, dict) or not isinstance(spec.get("offset"), int):
            raise _fail(expr_file, f"deictic_days.{phrase}", "needs an integer 'offset'")
        deictic[str(phrase).lower()] = DeicticDay(spec["offset"], spec.get("part"))

    references = _str_map(expressions.get("references"), expr_file, "references")
    bad = sorted(set(references.values()) - SPECIAL_REFERENCES)
    if bad:
        raise _fail(expr_file, "references", f"unknown values {bad}")

    return TemporalLexicon(
        months=_numbered_names(calendar.get("months"), cal_file, "months", 12),
        weekdays=_numbered_names(calendar.get("weekdays"), cal_file, "weekdays", 7),
        seasons=_str_map(calendar.get("seasons"), cal_file, "seasons"),
        parts_of_day=_str_map(calendar.get("parts_of_day"), cal_file, "parts_of_day"),
        units=units,
        number_words=_int_map(calendar.get("number_words"), cal_file, "number_words"),
        vague_numbers=_str_list(calendar.get("vague_numbers"), cal_file, "vague_numbers"),
        ordinals=_int_map(calendar.get("ordinals"), cal_file, "ordinals"),
        deictic_days=deictic,
        references=references,
        sets=_str_map(expressions.get("sets"), expr_file, "sets"),
        relative_modifiers=_int_map(
            expressions.get("relative_modifiers"), expr_file, "relative_modifiers"
        ),
        reporting_verbs=frozenset(
            _str_list(expressions.get("reporting_verbs"), expr_file, "reporting_verbs")
        ),
        future_markers=frozenset(
            _str_list(expressions.get("future_markers"), expr_file, "future_markers")
        ),
    )
