"""TIMEX3 value strings: building them from dates, reading them back, checking their shape."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}

# Every value shape the recogniser may produce (TIMEX3 1.2.1 subset used in news).
_WELL_FORMED = re.compile(
    r"""^(?:
        \d{4}(?:-\d{2}(?:-\d{2}(?:T(?:\d{2}:\d{2}(?::\d{2})?Z?|MO|AF|EV|NI))?)?)?   # date / time
      | \d{4}-W\d{2}(?:-WE)?                                                        # week
      | \d{4}-Q[1-4] | \d{4}-H[12] | \d{4}-(?:SP|SU|FA|WI)                          # parts of year
      | \d{2,3}                                                                     # century, decade
      | P(?:\d+(?:\.\d+)?|X)[DWMQY] | PT(?:\d+(?:\.\d+)?|X)[HMS]                    # durations
      | PRESENT_REF | PAST_REF | FUTURE_REF
    )$""",
    re.VERBOSE,
)
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_DECADE = re.compile(r"^(\d{3})$")
_CENTURY = re.compile(r"^(\d{2})$")


def is_well_formed(value: str) -> bool:
    """True for a TIMEX3 value of a known shape whose calendar parts exist (no month 13)."""
    if not _WELL_FORMED.match(value):
        return False
    if value[:1].isdigit() and len(value) >= 7:
        try:
            return value_interval(value.split("T")[0]) is not None
        except ValueError:
            return False
    return True


def day_value(day: date) -> str:
    return day.isoformat()


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def week_value(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def shift(day: date, amount: int, unit_letter: str) -> date:
    """Move ``day`` by ``amount`` units (D, W, M, Q, Y)."""
    if unit_letter == "D":
        return day + timedelta(days=amount)
    if unit_letter == "W":
        return day + timedelta(weeks=amount)
    if unit_letter == "M":
        return add_months(day, amount)
    if unit_letter == "Q":
        return add_months(day, 3 * amount)
    if unit_letter == "Y":
        return add_months(day, 12 * amount)
    raise ValueError(f"unknown unit {unit_letter}")


def at_granularity(day: date, unit_letter: str) -> str:
    """The value naming the unit that contains ``day``: a day, a week, a month, a quarter, a year."""
    if unit_letter == "D":
        return day_value(day)
    if unit_letter == "W":
        return week_value(day)
    if unit_letter == "M":
        return month_value(day.year, day.month)
    if unit_letter == "Q":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    return f"{day.year:04d}"


def precision_of(value: str | None) -> str:
    """DateRef precision for a value: day, month or year; ``unknown`` for the rest.

    A week counts as ``month`` precision and a quarter, half or season as ``year``: the
    coarser calendar unit that a reader can rely on (ACLED codes weeks and months alike).
    """
    if not value:
        return "unknown"
    if _DAY.match(value):
        return "day"
    if _MONTH.match(value) or _WEEK.match(value):
        return "month"
    if _YEAR.match(value) or _QUARTER.match(value) or _HALF.match(value) or _SEASON.match(value):
        return "year"
    return "unknown"


def value_interval(value: str) -> tuple[date, date] | None:
    """First and last calendar day a date value covers; None for durations and references."""
    if match := _DAY.match(value):
        day = date(int(match[1]), int(match[2]), int(match[3]))
        return day, day
    if match := _MONTH.match(value):
        year, month = int(match[1]), int(match[2])
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    if match := _WEEK.match(value):
        monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
        return monday, monday + timedelta(days=6)
    if match := _QUARTER.match(value):
        year, quarter = int(match[1]), int(match[2])
        first = date(year, 3 * quarter - 2, 1)
        return first, add_months(first, 3) - timedelta(days=1)
    if match := _HALF.match(value):
        year, half = int(match[1]), int(match[2])
        first = date(year, 6 * half - 5, 1)
        return first, add_months(first, 6) - timedelta(days=1)
    if match := _SEASON.match(value):
        year = int(match[1])
        start_month, end_month = SEASON_MONTHS[match[2]]
        end_year = year + 1 if end_month < start_month else year
        end = date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])
        return date(year, start_month, 1), end
    if match := _YEAR.match(value):
        year = int(match[1])
        return date(year, 1, 1), date(year, 12, 31)
    if match := _DECADE.match(value):
        first_year = int(match[1]) * 10
        return date(max(first_year, 1), 1, 1), date(first_year + 9, 12, 31)
    if match := _CENTURY.match(value):
        first_year = int(match[1]) * 100
        return date(max(first_year, 1), 1, 1), date(first_year + 99, 12, 31)
    return None
