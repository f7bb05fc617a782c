"""Turn a candidate into a TIMEX3 value and type, anchored on the publication date.

Anchoring rules (ours, documented in the issue-6 notes):
* A weekday in a past or present-perfect clause is the most recent such day on or before
  publication: "on Tuesday" in a past-tense sentence of a Tuesday article is the publication
  day itself (news of the day).  In a future clause it is the next such day after
  publication (the same weekday means a week later).  Without tense it is the nearest one.
* A month and day without a year takes the year that puts it on the right side of the
  publication date for the tense (past: not after; future: not before; else the nearest).
* "last/next/this" + unit count from the publication date; "two days later", "the next day"
  count from the reference date (the latest day resolved earlier in the text).
* Without a publication date everything that needs an anchor keeps value None.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from newsevents.knowledge.temporal import TemporalLexicon, load_temporal_lexicon
from newsevents.temporal.recognize import Candidate
from newsevents.temporal.values import (
    add_months,
    at_granularity,
    day_value,
    month_value,
    shift,
    value_interval,
    week_value,
)

PAST_TENSES = frozenset({"past", "perfect"})
UNIT_ORDER = "DWMQY"  # finest to coarsest calendar granularity


@dataclass(frozen=True)
class Context:
    published: date | None
    tense: str  # past | perfect | present | future | none
    reference: str | None  # value of the latest resolved date before this expression


@dataclass(frozen=True)
class Normalized:
    value: str | None
    type: str


def _count(raw: str, lex: TemporalLexicon) -> float | None:
    """A number from digits or words ("two", "twenty-five", "two and a half"); None if vague."""
    text = raw.lower().strip()
    half = 0.0
    if text.endswith("and a half"):
        half, text = 0.5, text[: -len("and a half")].strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text) + half
    total = 0
    for word in re.split(r"[- ]", text):
        if word not in lex.number_words:
            return None
        total += lex.number_words[word]
    return total + half


def _number_text(amount: float) -> str:
    return str(int(amount)) if amount == int(amount) else f"{amount:g}"


def _unit(name: str, lex: TemporalLexicon) -> tuple[str, bool, int]:
    spec = lex.units[name.lower().rstrip("s") if name.lower() != "hours" else "hour"]
    return spec.letter, spec.clock, spec.factor


def duration_value(count: float | None, unit_name: str, lex: TemporalLexicon) -> str:
    letter, clock, factor = _unit(unit_name, lex)
    amount = "X" if count is None else _number_text(count * factor)
    return f"PT{amount}{letter}" if clock else f"P{amount}{letter}"


def resolve_weekday(published: date, weekday: int, tense: str, rel: str | None) -> date:
    back = published - timedelta(days=(published.isoweekday() - weekday) % 7)
    ahead = published + timedelta(days=(weekday - published.isoweekday()) % 7)
    rel = (rel or "").lower().replace("the ", "")
    if rel in {"last", "previous"}:
        return back if back != published else published - timedelta(days=7)
    if rel in {"next", "coming", "following"}:
        return ahead if ahead != published else published + timedelta(days=7)
    if tense in PAST_TENSES:
        return back
    if tense == "future":
        return ahead if ahead != published else published + timedelta(days=7)
    return back if (published - back) <= (ahead - published) else ahead


def _pick_year(published: date, tense: str, make: Callable[[int], date | None]) -> date | None:
    """The year that puts a month-day on the tense's side of publication.

    Only the simple past points back for sure; a present perfect often reports a plan
    ("a June 3 hearing has been scheduled"), so it takes the nearest year like the present.
    """
    options = [d for d in (make(y) for y in (published.year - 1, published.year, published.year + 1)) if d]
    if not options:
        return None
    if tense == "past":
        before = [d for d in options if d <= published]
        return max(before) if before else None
    if tense == "future":
        after = [d for d in options if d >= published]
        return min(after) if after else None
    return min(options, key=lambda d: abs((d - published).days))


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_number(word: str, lex: TemporalLexicon) -> int:
    return lex.months[word.lower().rstrip(".")]


def _year_of_month(published: date, month: int, tense: str, rel: str | None) -> int:
    rel = (rel or "").lower()
    if rel in {"last", "previous"}:
        return published.year if month < published.month else published.year - 1
    if rel in {"next", "coming"}:
        return published.year if month > published.month else published.year + 1
    if tense == "past" and month > published.month:
        return published.year - 1
    if tense == "future" and month < published.month:
        return published.year + 1
    return published.year


def _reference_date(ctx: Context) -> tuple[date, str] | None:
    """The chaining anchor: the reference value's first day and its granularity letter."""
    if ctx.reference:
        interval = value_interval(ctx.reference)
        if interval:
            letter = {10: "D", 8: "W", 7: "M", 4: "Y"}.get(len(ctx.reference), "Y")
            if "-Q" in ctx.reference:
                letter = "Q"
            return interval[0], letter
    if ctx.published:
        return ctx.published, "D"
    return None


def _coarser(a: str, b: str) -> str:
    return a if UNIT_ORDER.index(a) >= UNIT_ORDER.index(b) else b


def _time_value(groups: dict[str, str], ctx: Context, lex: TemporalLexicon) -> str | None:
    base = ctx.published
    if base is None:
        return None
    if "dayword" in groups:
        base = base + timedelta(days=lex.deictic_days[groups["dayword"].lower()].offset)
    elif "weekday" in groups:
        base = resolve_weekday(base, lex.weekdays[groups["weekday"].lower()], ctx.tense, None)
    if "noon" in groups:
        hour, minute = (12 if groups["noon"].lower() == "noon" else 0), 0
    else:
        hour, minute = int(groups["hour"]), int(groups.get("minute", "0"))
    ampm = groups.get("ampm", "").lower()
    if ampm.startswith("p") and hour < 12:
        hour += 12
    elif ampm.startswith("a") and hour == 12:
        hour = 0
    if hour > 23:
        return None
    zone = ""
    if "tz" in groups:
        zone = "Z"
        offset = int(re.sub(r"\s", "", groups.get("offset", "0")))
        moment = (hour * 60 + minute) - offset * 60
        base += timedelta(days=moment // (24 * 60))
        hour, minute = divmod(moment % (24 * 60), 60)
    return f"{day_value(base)}T{hour:02d}:{minute:02d}{zone}"


def normalize(candidate: Candidate, ctx: Context) -> Normalized | None:
    """Value and type of one candidate; None when the candidate is not a time expression after all."""
    lex = load_temporal_lexicon()
    g = candidate.groups
    pub = ctx.published
    kind = candidate.kind

    if kind == "iso":
        day = _safe_date(int(g["year"]), int(g["month"]), int(g["day"]))
        if day is None:
            return None
        if "hour" in g:
            return Normalized(f"{day_value(day)}T{g['hour']}:{g['minute']}", "TIME")
        return Normalized(day_value(day), "DATE")
    if kind == "numeric":
        first, second, year = int(g["a"]), int(g["b"]), int(g["y"])
        year = year + (2000 if year < 50 else 1900) if len(g["y"]) == 2 else year
        # US order (month/day) first, as in the English newswire this reads; day/month if it must.
        day = _safe_date(year, first, second) or _safe_date(year, second, first)
        return Normalized(day_value(day), "DATE") if day else None
    if kind in {"mdy", "dmy"}:
        day = _safe_date(int(g["year"]), _month_number(g["month"], lex), int(g["day"]))
        return Normalized(day_value(day), "DATE") if day else None
    if kind in {"md", "dm"}:
        month, day_number = _month_number(g["month"], lex), int(g["day"])
        if pub is None:
            return Normalized(None, "DATE")
        tense = ctx.tense
        if "weekday" in g:
            # "Friday, Nov. 17": the weekday fixes the year when it can.
            weekday = lex.weekdays[g["weekday"].lower()]
            for year in (pub.year, pub.year - 1, pub.year + 1):
                d = _safe_date(year, month, day_number)
                if d and d.isoweekday() == weekday:
                    return Normalized(day_value(d), "DATE")
        found = _pick_year(pub, tense, lambda y: _safe_date(y, month, day_number))
        return Normalized(day_value(found) if found else None, "DATE")
    if kind == "my":
        return Normalized(month_value(int(g["year"]), _month_number(g["month"], lex)), "DATE")
    if kind == "month":
        if pub is None:
            return Normalized(None, "DATE")
        month = _month_number(g["month"], lex)
        return Normalized(month_value(_year_of_month(pub, month, ctx.tense, g.get("rel")), month), "DATE")
    if kind == "year":
        return Normalized(g["year"], "DATE")
    if kind == "year2":
        two = int(g["yy"])
        this_century = (pub.year if pub else 2000) // 100 * 100
        year = this_century + two
        # "'82" is the past century unless it lies within ten years after publication ("Euro '12").
        return Normalized(str(year if pub is None or year <= pub.year + 10 else year - 100), "DATE")
    if kind == "decade":
        decade = g["decade"]
        if len(decade) == 2:
            century = "19" if pub is None or int(decade) > pub.year % 100 else str(pub.year // 100)
            decade = century + decade
        return Normalized(decade[:3], "DATE")
    if kind == "weekday":
        if pub is None:
            return Normalized(None, "TIME" if "part" in g else "DATE")
        day = resolve_weekday(pub, lex.weekdays[g["weekday"].lower()], ctx.tense, g.get("rel"))
        if "part" in g:
            return Normalized(f"{day_value(day)}T{lex.parts_of_day[g['part'].lower()]}", "TIME")
        return Normalized(day_value(day), "DATE")
    if kind == "deictic":
        spec = lex.deictic_days[g["deictic"].lower()]
        part = g.get("part", "").lower() or None
        part_code = lex.parts_of_day.get(part) if part else spec.part
        if pub is None:
            return Normalized(None, "TIME" if part_code else "DATE")
        day = pub + timedelta(days=spec.offset)
        if part_code:
            return Normalized(f"{day_value(day)}T{part_code}", "TIME")
        return Normalized(day_value(day), "DATE")
    if kind == "rel_unit":
        if pub is None:
            return Normalized(None, "DATE")
        rel = g.get("rel", "this").lower()
        unit = g["unit"].lower()
        step = lex.relative_modifiers[rel]
        anchor = pub
        if rel in {"following", "previous"}:
            chained = _reference_date(ctx)
            anchor = chained[0] if chained else pub
        if unit == "weekend":
            saturday = anchor + timedelta(days=(6 - anchor.isoweekday()) % 7 + 7 * step)
            return Normalized(f"{week_value(saturday)}-WE", "DATE")
        if unit in {"decade", "century"}:
            span_years = 10 if unit == "decade" else 100
            start = (anchor.year // span_years + step) * span_years
            return Normalized(str(start)[: 3 if span_years == 10 else 2], "DATE")
        letter = {"week": "W", "month": "M", "year": "Y", "quarter": "Q"}[unit]
        return Normalized(at_granularity(shift(anchor, step, letter), letter), "DATE")
    if kind in {"rel_season", "season"}:
        code = lex.seasons[g["season"].lower()]
        if "year" in g:
            return Normalized(f"{g['year']}-{code}", "DATE")
        if pub is None:
            return Normalized(None, "DATE")
        step = lex.relative_modifiers.get(g.get("rel", "this").lower(), 0)
        start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
        year = pub.year + step
        if step == 0 and g.get("rel") is None:
            year = _year_of_month(pub, start_month, ctx.tense, None)
        return Normalized(f"{year}-{code}", "DATE")
    if kind == "weekend":
        if pub is None:
            return Normalized(None, "DATE")
        back = ctx.tense in PAST_TENSES
        saturday = pub + timedelta(days=(6 - pub.isoweekday()) % 7 - (7 if back and pub.isoweekday() < 6 else 0))
        return Normalized(f"{week_value(saturday)}-WE", "DATE")
    if kind == "ago":
        count = _count(g["num"], lex)
        letter, clock, factor = _unit(g["unit"], lex)
        direction = g["dir"].lower()
        backwards = direction in {"ago", "earlier", "before"}
        if count is None:
            return Normalized("PAST_REF" if backwards else "FUTURE_REF", "DATE")
        if clock or letter not in UNIT_ORDER or count != int(count):
            return Normalized(duration_value(count, g["unit"], lex), "DURATION")
        amount = int(count) * factor * (-1 if backwards else 1)
        if direction == "ago":
            if pub is None:
                return Normalized(None, "DATE")
            return Normalized(at_granularity(shift(pub, amount, letter), letter), "DATE")
        reference = _reference_date(ctx)
        if reference is None:
            return Normalized(None, "DATE")
        granularity = _coarser(letter, reference[1])
        return Normalized(at_granularity(shift(reference[0], amount, letter), granularity), "DATE")
    if kind == "chain_day":
        phrase = g["phrase"].lower()
        offset = 1 if ("next" in phrase or "following" in phrase or "after" in phrase) else 0
        offset = -1 if ("previous" in phrase or "before" in phrase) else offset
        reference = _reference_date(ctx)
        if reference is None:
            return Normalized(None, "DATE")
        return Normalized(at_granularity(reference[0] + timedelta(days=offset), reference[1]), "DATE")
    if kind == "duration":
        count = _count(g["num"], lex)
        if count is None and g["num"].lower() not in set(lex.vague_numbers) | {"single"}:
            return None
        if g["num"].lower() == "single":
            count = 1
        return Normalized(duration_value(count, g["unit"], lex), "DURATION")
    if kind == "vague_duration":
        return Normalized(duration_value(None, g["unit"], lex), "DURATION")
    if kind == "quarter":
        if "q" in g:
            number, part = int(g["q"]), "Q"
        else:
            number = lex.ordinals[g["ord"].lower()]
            part = "Q" if g["unit"].lower() == "quarter" else "H"
            if part == "H" and number > 2:
                return None
        if "year" in g:
            return Normalized(f"{g['year']}-{part}{number}", "DATE")
        if pub is None:
            return Normalized(None, "DATE")
        year = pub.year + lex.relative_modifiers.get(g.get("rel", "this").lower(), 0)
        first_month = (number - 1) * (3 if part == "Q" else 6) + 1
        if "rel" not in g:
            if ctx.tense == "past" and date(year, first_month, 1) > pub:
                year -= 1
            elif ctx.tense == "future" and add_months(date(year, first_month, 1), 3 if part == "Q" else 6) <= pub:
                year += 1
        return Normalized(f"{year}-{part}{number}", "DATE")
    if kind == "reference":
        return Normalized(lex.references[g["ref"].lower()], "DATE")
    if kind == "set":
        if "set" in g:
            return Normalized(lex.sets[g["set"].lower()], "SET")
        unit = g["unit"].lower()
        if unit in lex.weekdays:
            return Normalized("P1W", "SET")
        count = _count(g["num"], lex) if "num" in g else 1.0
        return Normalized(duration_value(count, unit, lex), "SET")
    if kind == "time":
        return Normalized(_time_value(g, ctx, lex), "TIME")
    return None
