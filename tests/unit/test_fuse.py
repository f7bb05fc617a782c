from __future__ import annotations

from typing import Any

from newsevents.fuse import article_origins, fuse_events, same_event


def _event(event_id: str, article_id: str, *, day: str | None = "2017-11-17",
           place: tuple[float, float] | None = (34.47, 41.92), status: str = "asserted",
           source_country: str = "IRQ", event_type: str = "ASSAULT") -> dict[str, Any]:
    return {
        "event_id": event_id,
        "article_id": article_id,
        "type": event_type,
        "status": status,
        "source": {"name": "Iraqi forces", "actor_id": None, "country": source_country,
                   "role": "MIL", "code": f"{source_country}MIL", "span": [0, 5]},
        "target": {"name": "Islamic State", "actor_id": "grp:islamic_state", "country": None,
                   "role": "INS", "code": "IMGINS", "span": [10, 15]},
        "place": None if place is None else {"name": "Rawa", "geonames_id": 99134,
                                             "lat": place[0], "lon": place[1], "span": [20, 24]},
        "date": None if day is None else {"value": day, "precision": "day", "basis": "explicit"},
    }


ARTICLES = [
    {"article_id": "a", "outlet": "Reuters", "published": "2017-11-18", "syndicated_from": None},
    {"article_id": "b", "outlet": "Gulf Daily", "published": "2017-11-18",
     "syndicated_from": "Reuters"},
    {"article_id": "c", "outlet": "Al Sumaria", "published": "2017-11-19"},
    {"article_id": "d", "outlet": "Copy Site", "published": "2017-11-20", "duplicate_of": "c"},
]


def test_syndicated_and_duplicate_copies_count_once() -> None:
    events = [_event("e1", "a"), _event("e2", "b"), _event("e3", "c"), _event("e4", "d")]
    (fused,) = fuse_events(events, ARTICLES)
    assert fused["n_articles"] == 4
    assert fused["n_outlets"] == 4
    assert fused["n_independent_sources"] == 2
    assert fused["first_reported"] == "2017-11-18" and fused["last_reported"] == "2017-11-20"
    assert fused["member_event_ids"] == ["e1", "e2", "e3", "e4"]
    assert fused["conflicts"] == []


def test_disagreement_is_flagged_not_merged_silently() -> None:
    events = [_event("e1", "a"), _event("e3", "c", day="2017-11-18", status="claimed")]
    (fused,) = fuse_events(events, ARTICLES)
    fields = {c["field"]: c for c in fused["conflicts"]}
    assert set(fields) == {"date", "status"}
    assert {v["value"] for v in fields["date"]["values"]} == {"2017-11-17", "2017-11-18"}
    assert fields["status"]["values"][0]["outlets"]


def test_far_apart_or_different_actors_stay_separate() -> None:
    far = _event("e2", "c", place=(36.34, 43.13))
    other_actor = _event("e3", "c", source_country="SYR")
    late = _event("e4", "c", day="2017-11-25")
    base = _event("e1", "a")
    assert not same_event(base, far)
    assert not same_event(base, other_actor)
    assert not same_event(base, late)
    assert same_event(base, _event("e5", "c", day=None, place=None))
    assert len(fuse_events([base, far, other_actor, late], ARTICLES)) == 4


def test_origin_follows_syndication_and_duplicates() -> None:
    origins = article_origins(ARTICLES)
    assert origins["a"].origin == origins["b"].origin == "outlet:reuters"
    assert origins["d"].origin == origins["c"].origin
