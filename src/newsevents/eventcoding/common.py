"""Shared pieces of event coding: constants, the trigger candidate, voice and actor helpers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from newsevents.knowledge.event_lexicon import TriggerEntry
from newsevents.model import Actor, Span, Token
from newsevents.stages.claims import DependencyView

EXTRACTOR = "rule:events-v1"
MAX_PAIRS = 10  # one sentence never yields more than this many events from one trigger
ARMED_ROLES = frozenset({"MIL", "COP", "REB", "INS", "UAF", "SPY"})
ARMED_NOUNS = frozenset(
    {"adviser", "advisor", "force", "troop", "soldier", "fighter", "militia", "army", "militant"}
)
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
FALLBACK_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
COMPLEMENT_DEPS = ("xcomp", "ccomp", "dobj", "prep", "pobj", "pcomp", "acomp", "oprd", "dative")
ARGUMENT_CHILD_ORDER = ("compound", "appos", "amod", "nmod", "poss")


@dataclass
class Candidate:
    """A trigger found in a sentence before arguments and status are attached."""

    token: Token
    entry: TriggerEntry
    span: Span
    nominal: bool
    pattern_id: str
    type: str
    cameo: str | None
    mode: str | None
    object_token: Token | None = None
    light: bool = False  # a light verb whose object noun names the event
    absorbed: list[Candidate] = field(default_factory=list)


def unique_actors(actors: Sequence[Actor]) -> list[Actor]:
    seen: set[tuple[object, ...]] = set()
    out = []
    for actor in actors:
        key = (actor.actor_id or actor.name, actor.span)
        if key not in seen:
            seen.add(key)
            out.append(actor)
    return out


def is_passive(view: DependencyView, token: Token) -> bool:
    if view.children(token, "nsubjpass", "auxpass"):
        return True
    return (
        token.tag == "VBN" and token.dep in ("acl", "advcl") and bool(view.children(token, "agent"))
    )


def agent_objects(view: DependencyView, token: Token) -> list[Token]:
    return [p for agent in view.children(token, "agent") for p in view.children(agent, "pobj")]


def verbless_subject(view: DependencyView, token: Token) -> Token | None:
    """Subject of a finite verb the parser attached as an adjective ("X, ..., liberated Y").

    The small parser sometimes makes the subject noun the ROOT and the verb an ``amod`` of
    its object; only then (a noun ROOT before the verb) is the root taken as the subject.
    """
    if token.dep != "amod" or token.tag not in ("VBD", "VBN"):
        return None
    root = next((t for t in view.tokens if t.dep == "ROOT"), None)
    if root is None or root.pos not in ("NOUN", "PROPN") or root.i > token.i:
        return None
    return root


def same_actor(a: Actor, b: Actor) -> bool:
    if a.actor_id and b.actor_id:
        return a.actor_id == b.actor_id
    return a.span == b.span
