"""Find candidate time expressions in raw text with patterns built from the temporal lexicon.

Each pattern has a ``kind`` that tells the normaliser how to read its named groups.  When
candidates overlap, the longest wins (ties: the earlier one), as TIMEX3 annotates the
largest expression ("Friday, Nov. 17, 2017", not "Nov. 17").  Month and weekday names are
matched case-sensitively (Title or UPPER case) so that "may" the modal verb is never a month.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newsevents.knowledge.temporal import TemporalLexicon, load_temporal_lexicon

# Kinds whose value comes from the text alone, without the publication date.
EXPLICIT_KINDS = frozenset({"iso", "numeric", "mdy", "dmy", "my", "year", "year2", "decade", "quarter_year",
                            "season_year"})
# Words before a bare "May"/"March"/season that make it a time expression.
TIME_PREPOSITIONS = frozenset({
    "in", "since", "until", "till", "by", "during", "before", "after", "of", "from", "to",
    "through", "early", "late", "mid", "last", "next", "this", "that", "each", "every", "the",
    "between", "and", "or", "throughout", "around",
})
AMBIGUOUS_MONTHS = frozenset({"may", "march"})


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    kind: str
    groups: dict[str, str]
    text: str


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _cased(words: list[str]) -> str:
    """Title and UPPER forms, matched case-sensitively inside an otherwise case-blind pattern."""
    forms = [w.capitalize() for w in words] + [w.upper() for w in words]
    return f"(?-i:{_alternation(forms)})"


@lru_cache(maxsize=1)
def compiled_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    lex = load_temporal_lexicon()
    full_months = [w for w, n in lex.months.items() if len(w) > 3 or w in {"may", "june", "july"}]
    month_any = _cased(list(lex.months)) + r"\.?"
    month_full = _cased(full_months)
    weekday = _cased([w for w in lex.weekdays if len(w) >= 6])
    units = _alternation(list(lex.units))
    number_words = _alternation([w for w in lex.number_words if w not in {"a", "an", "single"}])
    number = rf"(?:\d+(?:\.\d+)?|(?:{number_words})(?:[- ](?:{number_words}))?)"
    counted = rf"(?:{number}(?:\s+and\s+a\s+half)?|an?|single|{_alternation(list(lex.vague_numbers))})"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b"
    year = r"(?P<year>1[5-9]\d\d|20\d\d)"
    year_guard = r"(?<![\d$£€.,/])(?<!\d-)"  # not part of a larger number or an amount
    year_end = r"(?![\d%]|,\d|\.\d|-\d)"
    modifier = r"(?:(?P<mod>early|late|mid|the end of|the beginning of|the start of|the middle of)[\s-]+)?"
    parts = _alternation(list(lex.parts_of_day))
    weekday_prefix = rf"(?:(?P<weekday>{weekday}),?\s+)?"
    deictic = _alternation(list(lex.deictic_days))
    references = _alternation(list(lex.references))
    sets = _alternation(list(lex.sets))
    rel = r"(?P<rel>last|past|previous|this|current|coming|next|following)"
    seasons = r"(?P<season>spring|summer|autumn|winter|fall)"
    approx = (r"(?:(?:about|around|nearly|almost|roughly|some|more than|less than|over|"
              r"at least|up to|just over|just under|the past|the last|the next|the first|"
              r"the coming|another|a further|the)\s+)?")
    tz = r"(?:\s*\(?\s*(?P<tz>UTC|GMT|Z)(?:\s*(?P<offset>[+-]\s*\d{1,2}))?(?:\s*\))?)?"
    day_after_time = rf"(?:\s+(?:(?P<dayword>today|tonight|yesterday|tomorrow)|(?:on\s+)?(?P<weekday>{weekday})))?"

    table = [
        ("iso", r"\b(?P<year>\d{4})-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?:T(?P<hour>[0-2]\d):(?P<minute>[0-5]\d))?\b"),
        ("numeric", r"\b(?P<a>[01]?\d)/(?P<b>[0-3]?\d)/(?P<y>\d{4}|\d{2})\b"),
        ("mdy", rf"{weekday_prefix}\b(?P<month>{month_any})\s+{day}(?:\s*,\s*|\s+){year}{year_end}"),
        ("dmy", rf"{weekday_prefix}\b{day}\s+(?:of\s+)?(?P<month>{month_any}),?\s+{year}{year_end}"),
        ("md", rf"{weekday_prefix}\b(?P<month>{month_any})\s+{day}(?!\s*%|,\d|\.\d)"),
        ("dm", rf"{weekday_prefix}\b{day}\s+(?:of\s+)?(?P<month>{month_any})(?![a-z])"),
        ("my", rf"{modifier}\b(?P<month>{month_any}),?\s+(?:of\s+)?{year}{year_end}"),
        ("month", rf"{modifier}(?:(?P<rel>last|next|this|previous|coming)\s+)?\b(?P<month>{month_full})\b"),
        ("year", rf"{modifier}(?:(?:the\s+)?(?:year|fiscal(?:\s+year)?)\s+)?{year_guard}\b{year}\b{year_end}"),
        ("year2", r"(?<![\w'’])['’](?P<yy>\d{2})\b(?!['’]?s\b)"),
        ("rel_unit", r"\b(?P<pos>the end of|the beginning of|the start of|the middle of|the rest of)\s+the\s+(?P<unit>week|month|year)\b"),
        ("decade", r"\b(?P<the>the\s+)?(?:(?P<mod>early|late|mid)[\s-]+)?(?P<apos>['’])?(?P<decade>1[5-9]\d0|20\d0|\d0)['’]?s\b"),
        ("weekday", rf"(?:(?P<mod>early|late)\s+)?(?:(?P<rel>last|next|this|coming|previous|the following|the previous)\s+)?\b(?P<weekday>{weekday})\b(?:\s+(?P<part>{parts})\b)?"),
        ("deictic", rf"\b(?P<deictic>{deictic})\b(?:\s+(?P<part>{parts})\b)?"),
        ("deictic", rf"\b(?P<part>{parts})\s+(?P<deictic>yesterday|today|tomorrow)\b"),
        ("rel_unit", rf"\b(?:(?P<pos>earlier|later|the end of|the beginning of|the start of|the middle of|the rest of|early|late)\s+)?(?:the\s+)?{rel}\s+(?P<unit>week|weekend|month|year|quarter|decade|century)\b"),
        ("rel_season", rf"\b(?P<rel>last|this|next|past|coming)\s+{seasons}\b"),
        ("weekend", r"\b(?P<the>the)\s+weekend\b"),
        # "before"/"after" count from a stated date only when nothing follows ("two days after,");
        # "three years after the war" is a duration attached to another event.
        ("ago", rf"\b(?P<num>{counted})\s+(?P<unit>{units})s?\s+(?P<dir>ago|earlier|later|afterwards?|(?:before|after|on)(?=\s*[,.;:]|\s*$))"),
        ("chain_day", r"\b(?P<phrase>the (?:next|following|previous|same) day|the day (?:before|after)|that day|the same day)\b"),
        ("duration", rf"\b{approx}(?P<num>{counted})\s+(?:(?:trading|business|working|straight|consecutive|calendar)\s+)?(?P<unit>{units})s?\b(?!\s+(?:consecutive|straight|time|round)\b)"),
        ("duration", rf"\b(?P<num>\d+|{number_words}|single)-(?P<unit>{units})(?:-old|-long)?\b"),
        ("vague_duration", r"\b(?:(?P<cue>for|over|within)\s+)?(?P<x>(?:(?P<lead>recent|many|several|the past few|the last few)\s+)?(?P<unit>years|decades|months|weeks)\b)"),
        ("quarter", rf"\b(?:the\s+)?(?P<ord>first|second|third|fourth|final|last)[\s-]+(?P<unit>quarter|half)(?:\s+of\s+(?:{year}|(?:the\s+)?(?P<rel>this|last|next|previous|current)\s+year))?\b"),
        ("quarter", rf"\bQ(?P<q>[1-4])(?:\s+{year})?\b"),
        ("season", rf"\b(?:(?P<mod>early|late)\s+)?{seasons}(?:\s+(?:of\s+)?{year})?\b"),
        ("reference", rf"\b(?P<ref>{references})\b"),
        ("set", rf"\b(?P<set>{sets})\b"),
        ("set", rf"\b(?P<every>every|each|per)\s+(?:(?P<num>{number})\s+)?(?P<unit>{units}|{weekday})s?\b"),
        ("set", rf"\b(?P<times>once|twice|{number}\s+times)\s+(?:a|per)\s+(?P<unit>{units})\b"),
        ("time", rf"\b(?P<hour>[0-2]?\d):(?P<minute>[0-5]\d)\s*(?P<ampm>[ap]\.?m\.?(?![a-z]))?{tz}{day_after_time}"),
        ("time", rf"\b(?P<hour>1[0-2]|[1-9])\s*(?P<ampm>[ap]\.m\.|[ap]m\b){tz}{day_after_time}"),
        ("time", rf"\b(?P<hour>[0-2]\d)(?P<minute>[0-5]\d)\s*(?P<tz>UTC|GMT)\b{day_after_time}"),
        ("time", rf"\b(?P<noon>noon|midnight)\b{day_after_time}"),
    ]
    return tuple((kind, re.compile(_single_line(pattern), re.IGNORECASE)) for kind, pattern in table)


def _single_line(pattern: str) -> str:
    """Whitespace inside an expression never crosses a line break (title, dateline, body)."""
    return pattern.replace(r"[\s-]", r"(?:[^\S\n]|-)").replace(r"\s", r"[^\S\n]")


def _previous_word(text: str, start: int) -> str:
    match = re.search(r"([A-Za-z]+)[\s-]*$", text[max(0, start - 20) : start])
    return match.group(1).lower() if match else ""


def _acceptable(kind: str, groups: dict[str, str], text: str, start: int, lex: TemporalLexicon) -> bool:
    """Context checks a regular expression cannot say neatly."""
    previous = _previous_word(text, start)
    if kind == "month" and groups["month"].lower() in AMBIGUOUS_MONTHS:
        return bool(groups.get("mod") or groups.get("rel")) or previous in TIME_PREPOSITIONS
    if kind in {"md", "dm"}:
        return 1 <= int(groups["day"]) <= 31
    if kind == "decade" and len(groups["decade"]) == 2:
        return bool(groups.get("the") or groups.get("apos"))
    if kind == "season":
        if groups.get("year") or groups.get("mod"):
            return not (groups["season"] == "fall" and not groups.get("year"))
        return groups["season"] != "fall" and previous in TIME_PREPOSITIONS
    if kind == "rel_season" and groups["season"] == "fall":
        return True
    if kind == "duration" and groups["num"].lower() in {"a", "an"}:
        # "a day" alone is too often "once a day" or an idiom; only after a cue of length.
        return previous in {"for", "within", "over", "in", "after", "than", "nearly", "almost",
                            "about", "lasted", "took", "spent", "past", "last", "next", "first"}
    if kind == "vague_duration":
        return bool(groups.get("cue") or groups.get("lead"))
    return True


def find_candidates(text: str) -> list[Candidate]:
    """All non-overlapping candidate time expressions in ``text``, in text order."""
    lex = load_temporal_lexicon()
    found: list[Candidate] = []
    for kind, pattern in compiled_patterns():
        for match in pattern.finditer(text):
            groups = {k: v for k, v in match.groupdict().items() if v is not None}
            # A pattern may name the extent "x" when it needs context it does not annotate.
            start, end = match.span("x") if "x" in groups else match.span()
            # Trailing spaces or punctuation caught by optional parts never belong to the extent.
            while end > start and text[end - 1] in " ,(":
                end -= 1
            if end <= start or not _acceptable(kind, groups, text, start, lex):
                continue
            found.append(Candidate(start, end, kind, groups, text[start:end]))
    found.sort(key=lambda c: (-(c.end - c.start), c.start))
    chosen: list[Candidate] = []
    for candidate in found:
        if all(candidate.end <= c.start or c.end <= candidate.start for c in chosen):
            chosen.append(candidate)
    return sorted(chosen, key=lambda c: c.start)
