"""Cross-article fusion: one real-world event from many reports of it.

Two article-level events are taken to report the same real event when they have the same
PLOVER type, compatible actors (same actor id, or same country and role), dates no more than
``MAX_DAYS_APART`` apart (or one undated), and places no more than ``MAX_KM_APART`` apart
(or one unplaced).  Members are grouped by single linkage; the fused record takes the value
most independent sources give for each field and lists every disagreement in ``conflicts``
instead of silently picking one.  Syndicated copies and near-duplicate articles count once as
sources: they are one report, printed many times.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

MAX_DAYS_APART = 1
MAX_KM_APART = 50.0
FUSED_FIELDS = ("type", "source", "target", "place", "date", "status")

Record = dict[str, Any]


@dataclass(frozen=True)
class ArticleInfo:
    """What fusion needs to know of an event's article."""

    outlet: str | None
    published: str | None
    origin: str  # the independent source this article's text comes from


def article_origins(articles: Iterable[Mapping[str, Any]]) -> dict[str, ArticleInfo]:
    """Map article ids to outlet, date and independent origin.

    The origin is the credited original outlet for syndicated copies, the original's origin
    for near-duplicates, else the outlet itself (or the article when the outlet is unknown).
    """
    records = {str(a["article_id"]): a for a in articles}

    def origin_of(article_id: str, depth: int = 0) -> str:
        record = records[article_id]
        original = record.get("duplicate_of")
        if original and original in records and depth < 10:
            return origin_of(str(original), depth + 1)
        credited = record.get("syndicated_from") or record.get("outlet")
        return f"outlet:{str(credited).casefold()}" if credited else f"article:{article_id}"

    return {
        article_id: ArticleInfo(record.get("outlet"), record.get("published"), origin_of(article_id))
        for article_id, record in records.items()
    }


def _day(event: Record) -> date | None:
    value = (event.get("date") or {}).get("value")
    if not value:
        return None
    try:
        parts = [int(p) for p in str(value).split("-")]
    except ValueError:
        return None
    if len(parts) != 3:
        return None
    try:
        return date(*parts)
    except ValueError:
        return None


def _km(a: Record, b: Record) -> float | None:
    pa, pb = a.get("place") or {}, b.get("place") or {}
    if pa.get("lat") is None or pb.get("lat") is None:
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (pa["lat"], pa["lon"], pb["lat"], pb["lon"]))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _actor_key(actor: Mapping[str, Any] | None) -> tuple[str | None, str | None, str | None]:
    if not actor:
        return (None, None, None)
    return (actor.get("actor_id"), actor.get("country"), actor.get("role"))


def _actors_compatible(a: Mapping[str, Any] | None, b: Mapping[str, Any] | None) -> bool:
    ka, kb = _actor_key(a), _actor_key(b)
    if ka == (None, None, None) or kb == (None, None, None):
        return True  # one report names no actor: not evidence of a different event
    if ka[0] and kb[0]:
        return ka[0] == kb[0]
    return (ka[1], ka[2]) == (kb[1], kb[2]) and ka[1] is not None


def same_event(a: Record, b: Record) -> bool:
    """Could these two article-level events report one real event?"""
    if a["type"] != b["type"] or a["article_id"] == b["article_id"]:
        return False
    if not (_actors_compatible(a.get("source"), b.get("source"))
            and _actors_compatible(a.get("target"), b.get("target"))):
        return False
    day_a, day_b = _day(a), _day(b)
    if day_a and day_b and abs((day_a - day_b).days) > MAX_DAYS_APART:
        return False
    km = _km(a, b)
    return km is None or km <= MAX_KM_APART


def _clusters(events: list[Record]) -> list[list[Record]]:
    """Single-linkage groups; blocked by type so the pairwise pass stays small."""
    parent = list(range(len(events)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_type: dict[str, list[int]] = defaultdict(list)
    for index, event in enumerate(events):
        by_type[event["type"]].append(index)
    for indices in by_type.values():
        for pos, i in enumerate(indices):
            for j in indices[pos + 1 :]:
                if find(i) != find(j) and same_event(events[i], events[j]):
                    parent[find(j)] = find(i)
    groups: dict[int, list[Record]] = defaultdict(list)
    for index, event in enumerate(events):
        groups[find(index)].append(event)
    return list(groups.values())


def _field_value(event: Record, field_name: str) -> Any:
    """The comparable core of a field (ids and values, not spans)."""
    value = event.get(field_name)
    if field_name in ("source", "target"):
        return None if not value else (value.get("code") or value.get("name"))
    if field_name == "place":
        return None if not value else (value.get("geonames_id") or value.get("name"))
    if field_name == "date":
        return None if not value else value.get("value")
    return value


def _fuse(members: list[Record], infos: Mapping[str, ArticleInfo]) -> Record:
    def origin(event: Record) -> str:
        info = infos.get(event["article_id"])
        return info.origin if info else f"article:{event['article_id']}"

    fused: Record = {}
    conflicts = []
    for field_name in FUSED_FIELDS:
        # Each independent source votes once per value, so copies cannot outvote a rival.
        votes: dict[Any, set[str]] = defaultdict(set)
        holders: dict[Any, list[Record]] = defaultdict(list)
        for event in members:
            key = _field_value(event, field_name)
            votes[key].add(origin(event))
            holders[key].append(event)
        stated = [k for k in votes if k is not None]
        ranked = sorted(stated, key=lambda k: (-len(votes[k]), str(k)))
        winner = ranked[0] if ranked else None
        fused[field_name] = holders[winner][0].get(field_name) if winner is not None else None
        if field_name in ("source", "target", "place") and fused[field_name]:
            fused[field_name] = {k: v for k, v in fused[field_name].items() if k != "span"}
        if field_name == "date" and fused[field_name]:
            fused[field_name] = {k: v for k, v in fused[field_name].items() if k != "span"}
        if len(stated) > 1:
            conflicts.append({
                "field": field_name,
                "values": [
                    {
                        "value": key,
                        "event_ids": [e["event_id"] for e in holders[key]],
                        "outlets": sorted({
                            str(infos[e["article_id"]].outlet)
                            for e in holders[key]
                            if e["article_id"] in infos and infos[e["article_id"]].outlet
                        }),
                    }
                    for key in ranked
                ],
            })
    member_ids = sorted(e["event_id"] for e in members)
    article_ids = {e["article_id"] for e in members}
    published = sorted(
        str(infos[a].published) for a in article_ids if a in infos and infos[a].published
    )
    fused_id = "fev:" + hashlib.sha1("|".join(member_ids).encode("utf-8")).hexdigest()[:16]
    return {
        "fused_id": fused_id,
        "member_event_ids": member_ids,
        **fused,
        "conflicts": conflicts,
        "n_articles": len(article_ids),
        "n_outlets": len({infos[a].outlet for a in article_ids if a in infos and infos[a].outlet}),
        "n_independent_sources": len({origin(e) for e in members}),
        "first_reported": published[0] if published else None,
        "last_reported": published[-1] if published else None,
    }


def fuse_events(events: Iterable[Record], articles: Iterable[Mapping[str, Any]]) -> list[Record]:
    """``fused_events.jsonl`` records for these article-level events, largest groups first."""
    infos = article_origins(articles)
    groups = _clusters(list(events))
    fused = [_fuse(group, infos) for group in groups]
    fused.sort(key=lambda r: (-r["n_independent_sources"], -r["n_articles"], r["fused_id"]))
    return fused

