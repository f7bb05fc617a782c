"""Resolution order: which rule runs first, and which candidate wins a span.

Knowledge-base mentions claim their tokens first; role nouns, unknown people, descriptions and
coreference fill what is left; unnamed role actors then take their sentence's country.  A
candidate inside a longer one already taken is dropped (a ``state`` candidate of a
distributed demonym or "the two countries" is kept: several actors share that span), and
nothing inside a wire credit is an actor.
"""

from __future__ import annotations

import dataclasses

from newsevents.actorcoding.compounds import role_candidates
from newsevents.actorcoding.context import (
    description_candidates,
    person_candidates,
    with_context_country,
)
from newsevents.actorcoding.coreference import coreference_candidates
from newsevents.actorcoding.credits import credit_spans
from newsevents.actorcoding.document import ArticleView
from newsevents.actorcoding.mentions import kb_candidates
from newsevents.knowledge.actors import ActorKnowledge, load_actor_knowledge
from newsevents.model import Actor, Article, Span


def resolve_actors(article: Article, kb: ActorKnowledge | None = None) -> tuple[Actor, ...]:
    """Every actor mention in the article, in text order (needs tokens from the nlp stage)."""
    if not article.tokens:
        return ()
    doc = ArticleView.build(article, kb or load_actor_knowledge())
    base = kb_candidates(doc)
    covered = {k for c in base for k in range(c.start, c.end)}
    # Tokens of KB matches that did not become actors (a place "in Iraq") still belong to no role.
    roles = role_candidates(doc, covered)
    base += roles
    covered |= {k for c in roles for k in range(c.start, c.end)}
    persons = person_candidates(doc, covered | set(doc.match_at), base)
    base += persons
    covered |= {k for c in persons for k in range(c.start, c.end)}
    base += description_candidates(doc, base, covered)
    base += coreference_candidates(doc, base)
    base = [with_context_country(doc, cand) for cand in base]
    base.sort(key=lambda c: (c.start, -(c.end - c.start)))
    credits = credit_spans(article.text)
    actors: list[Actor] = []
    taken: list[tuple[int, int]] = []
    for cand in base:
        first, last = doc.tokens[cand.start].span, doc.tokens[cand.end - 1].span
        if any(first.start < c.end and c.start < last.end for c in credits):
            continue  # "GENEVA (AP) -", "(Source: presstv)": a wire credit, not an actor
        if any(s <= cand.start and cand.end <= e for s, e in taken) and cand.kind != "state":
            continue
        taken.append((cand.start, cand.end))
        actors.append(cand.to_actor(doc.tokens, article.text))
    return tuple(actors)


def analyse_actors(article: Article) -> Article:
    return dataclasses.replace(article, actors=resolve_actors(article))


def actor_at(article: Article, span: Span) -> Actor | None:
    """The actor mention covering or overlapping ``span``: covering ones first, then longest."""
    best: Actor | None = None
    best_key: tuple[int, int] | None = None
    for actor in article.actors:
        if actor.span is None or not actor.span.overlaps(span):
            continue
        key = (1 if actor.span.contains(span) else 0, actor.span.end - actor.span.start)
        if best_key is None or key > best_key:
            best, best_key = actor, key
    return best
