"""Actor resolution on the seed article and the tricky-mention table (needs the spaCy model)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from newsevents.model import Article, Span
from newsevents.stages.actors import actor_at, analyse_actors, is_metonymy, make_actors_stage
from newsevents.stages.nlp import analyse, analyse_batch

TABLE = Path(__file__).resolve().parents[1] / "data" / "actors" / "mentions.yaml"
ROWS: list[dict[str, Any]] = yaml.safe_load(TABLE.read_text(encoding="utf-8"))["mentions"]


@pytest.fixture(scope="module")
def seed_with_actors(seed_article: Article, nlp_available: bool) -> Article:
    return analyse_actors(analyse(seed_article))


@pytest.fixture(scope="module")
def table_articles(nlp_available: bool) -> list[Article]:
    articles = [Article(article_id=f"row{i}", text=row["sentence"]) for i, row in enumerate(ROWS)]
    return [analyse_actors(a) for a in analyse_batch(articles)]


def _gold(shared_dir: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((shared_dir / "corpus" / "seed" / "gold.yaml").read_text(encoding="utf-8"))
    return data


def _roles(value: Any) -> list[str] | None:
    if value is None:
        return None
    return list(value) if isinstance(value, list) else [value]


def test_table_has_enough_rows() -> None:
    assert len(ROWS) >= 60


def test_every_seed_gold_actor_is_found(seed_with_actors: Article, shared_dir: Path) -> None:
    text = seed_with_actors.text
    missing = []
    for key, gold in _gold(shared_dir)["actors"].items():
        roles = _roles(gold.get("role"))
        found_any = False
        aliases = [a for a in [gold["name"], *gold.get("aliases", [])] if a in text and a != "he"]
        if not aliases:
            # "Iraqi nation" is written "the Iraqi and Syrian nations": look at the demonym.
            aliases = [a.split()[0] for a in gold.get("aliases", []) if a.split()[0] in text]
        for alias in aliases:
            start = text.find(alias)
            while start >= 0:
                actor = actor_at(seed_with_actors, Span(start, start + len(alias)))
                if actor and actor.country == gold["country"] and (roles is None or actor.role in roles):
                    found_any = True
                start = text.find(alias, start + 1)
        if not found_any:
            missing.append(key)
    assert missing == []


def test_no_seed_place_is_a_person_or_organisation(seed_with_actors: Article, shared_dir: Path) -> None:
    wrong = []
    for gold in _gold(shared_dir)["places"].values():
        for alias in [gold["name"], *gold.get("aliases", [])]:
            for mention in seed_with_actors.entities:
                if mention.text == alias and mention.label in {"PERSON", "ORG"}:
                    wrong.append((alias, mention.label))
    assert wrong == []


def test_seed_coreference_and_metonymy(seed_with_actors: Article) -> None:
    text = seed_with_actors.text
    by_text = {(a.text, a.span.start if a.span else -1): a for a in seed_with_actors.actors}
    general = [a for (t, _), a in by_text.items() if t == "The general"]
    assert general and general[0].actor_id == "per:qassem_soleimani" and "coref" in (general[0].extractor or "")
    outfit = [a for (t, _), a in by_text.items() if t in {"The Takfiri outfit", "the terror outfit"}]
    assert len(outfit) == 2 and all(a.actor_id == "grp:islamic_state" for a in outfit)
    start = text.index("Washington")
    washington = actor_at(seed_with_actors, Span(start, start + len("Washington")))
    assert washington is not None and washington.code == "USAGOV" and "metonymy" in (washington.extractor or "")
    assert is_metonymy(seed_with_actors, Span(start, start + 10))
    assert not is_metonymy(seed_with_actors, Span(text.index("Rawa"), text.index("Rawa") + 4))


def test_every_actor_span_is_its_text(seed_with_actors: Article) -> None:
    for actor in seed_with_actors.actors:
        assert actor.span is not None and actor.span.of(seed_with_actors.text) == actor.text
        assert actor.extractor


@pytest.mark.parametrize("index", range(len(ROWS)), ids=[r["mention"] for r in ROWS])
def test_tricky_mention(index: int, table_articles: list[Article]) -> None:
    row, article = ROWS[index], table_articles[index]
    mention = row["mention"].removesuffix(" said")
    start = row["sentence"].index(mention)
    actor = actor_at(article, Span(start, start + len(mention)))
    assert actor is not None, f"no actor for {mention!r}"
    if "country" in row:
        assert actor.country == row["country"]
    roles = _roles(row.get("role"))
    if roles:
        assert actor.role in roles
    if "name" in row:
        assert actor.name == row["name"]
    if "code" in row:
        assert actor.code == row["code"]
    if "extractor" in row:
        assert row["extractor"] in (actor.extractor or "")


def test_a_place_after_in_is_not_an_actor(nlp_available: bool) -> None:
    article = analyse_actors(analyse(Article("p", "Fighting continued in Syria on Monday.")))
    start = article.text.index("Syria")
    assert actor_at(article, Span(start, start + 5)) is None


@pytest.mark.parametrize(("sentence", "mention", "is_actor"), [
    ("Protesters gathered outside the White House on Sunday.", "White House", False),
    ("Talks were held at the Kremlin on Monday.", "Kremlin", False),
    ("A statement from the Kremlin denied the report.", "Kremlin", True),
    ("He sent a letter to the White House.", "White House", True),
    ("White House spokesman Sean Spicer declined to comment.", "White House", True),
])
def test_an_institution_seat_after_a_site_preposition_is_a_place(
    nlp_available: bool, sentence: str, mention: str, is_actor: bool
) -> None:
    """"outside the White House" says where; "a letter to the White House" says to whom."""
    article = analyse_actors(analyse(Article("p", sentence)))
    start = article.text.index(mention)
    assert (actor_at(article, Span(start, start + len(mention))) is not None) is is_actor


def test_stage_declaration() -> None:
    stage = make_actors_stage()
    assert stage.requires == ("tokens", "entities") and stage.provides == ("actors",)
    assert stage(Article("empty", "")).actors == ()
