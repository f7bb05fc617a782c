"""Status and attribution (stages/claims.py). Depends on the nlp stage (spaCy model)."""

from __future__ import annotations

import pytest

from newsevents.model import Article
from newsevents.stages.claims import DependencyView, assess


def _status(text: str, trigger: str, *, speech_act: bool = False) -> tuple[str, str | None]:
    from newsevents.stages.nlp import analyse

    article = analyse(Article(article_id="t", text=text))
    view = DependencyView(article.tokens)
    token = next(t for t in article.tokens if t.text == trigger)
    decision = assess(view, token, speech_act=speech_act)
    return decision.status, decision.attributed_to.name if decision.attributed_to else None


@pytest.mark.parametrize(
    ("text", "trigger", "speech_act", "expected"),
    [
        ("The army attacked the town.", "attacked", False, ("asserted", None)),
        ("The minister praised the police.", "praised", True, ("reported", None)),
        (
            "The spokesman said the army attacked the town.",
            "attacked",
            False,
            ("claimed", "spokesman"),
        ),
        ("The army, he added, attacked the town.", "attacked", False, ("claimed", "he")),
        (
            "According to witnesses, the army attacked the town.",
            "attacked",
            False,
            ("claimed", "witnesses"),
        ),
        ("Moscow accused Kyiv of shelling the plant.", "shelling", False, ("claimed", "Moscow")),
        ("The army did not attack the town.", "attack", False, ("negated", None)),
        ("If talks fail, the army could attack the town.", "attack", False, ("hypothetical", None)),
        ("The army will attack the town.", "attack", False, ("future", None)),
        (
            "The rebels reportedly attacked the town.",
            "attacked",
            False,
            ("claimed", "unnamed source"),
        ),
    ],
)
def test_status(
    text: str,
    trigger: str,
    speech_act: bool,
    expected: tuple[str, str | None],
    nlp_available: bool,
) -> None:
    assert _status(text, trigger, speech_act=speech_act) == expected
