"""Actors the sentence around a mention describes: appositions, relative clauses, context.

``rule:actors-apposition-v1``: relative clauses and appositions giving a person's country and
role ("X, who commands the Quds Force of Iran's IRGC" → IRN, MIL), and a description naming
the group that follows it ("the Takfiri terror group Daesh").  People the knowledge base does
not know keep their name, and their title's sector where one is written
(``rule:actors-unknown-v1`` when nothing is known).
``rule:actors-context-country-v1``: an unnamed role actor with no country of its own takes the
one country its sentence places it in ("in Liberia") or names ("Egyptian police dispersed
demonstrators" → demonstrators EGY); none when the sentence names several.
"""

from __future__ import annotations

import dataclasses

from newsevents.actorcoding.document import (
    APPOSITION,
    CONTEXT,
    FUZZY,
    KB,
    UNKNOWN,
    ArticleView,
    Candidate,
    copy_candidate,
    left_edge,
    sentence_countries,
    state_id,
    subtree,
    unknown_id,
)
from newsevents.actorcoding.mentions import left_context, titles_to_words
from newsevents.knowledge.actors import normalize_name


def relative_clause_info(doc: ArticleView, head: int, known: list[Candidate]) -> tuple[str | None, str | None, str | None]:
    """Country and role a relative clause or apposition gives a person (who commands X of Y)."""
    for clause in doc.kids(head, "relcl", "appos", "acl"):
        inside = sorted(subtree(doc, clause))
        lo, hi = inside[0], inside[-1] + 1
        country: str | None = None
        role: str | None = None
        prefix: str | None = None
        for cand in known:
            if lo <= cand.start and cand.end <= hi and cand.kind != "person":
                country = country or cand.country
                role = role or cand.role
                if cand.entry is not None and cand.entry.country is None and cand.entry.code:
                    prefix = prefix or cand.entry.code[:3]
        for k in inside:
            title = doc.kb.title_of(doc.tokens[k].text)
            if role is None and title is not None and title.sector:
                role = title.sector
        if country or role:
            return country, role, prefix
    return None, None, None


def person_candidates(doc: ArticleView, covered: set[int], known: list[Candidate]) -> list[Candidate]:
    """PERSON entities not in the KB: titles, country modifiers, relative clauses, appositions."""
    cands: list[Candidate] = []
    for mention in doc.article.entities:
        if mention.label != "PERSON":
            continue
        ks = [k for k, t in enumerate(doc.tokens) if mention.span.start <= t.span.start < mention.span.end]
        if not ks or any(k in covered for k in ks):
            continue
        start, end = ks[0], ks[-1] + 1
        hit = doc.kb.fuzzy_lookup(mention.text)
        if hit is not None and hit.entry.kind in {"person", "group"}:
            entry = hit.entry
            cands.append(Candidate(start, end, entry.name, entry.actor_id, entry.country, entry.sector,
                               FUZZY, entry.kind, entry,
                               surname=normalize_name(doc.tokens[end - 1].text)))
            continue
        new_start, titles, country, body, title_sector = left_context(doc, start)
        head = max(ks, key=lambda k: 0 if doc.heads[k] in ks and doc.heads[k] != k else 1)
        clause_country, clause_role, prefix = relative_clause_info(doc, head, known)
        role = title_sector or clause_role
        extractor = APPOSITION if (clause_country or clause_role) and not title_sector else KB
        country = country or clause_country
        prefix = prefix or (body.code[:3] if body is not None and body.country is None and body.code else None)
        name = " ".join(t.text for t in doc.tokens[start:end])
        cands.append(Candidate(new_start, end, name, unknown_id("per", name), country, role,
                           extractor if (country or role) else UNKNOWN, "unknown_person",
                           None, titles_to_words(titles), code_prefix=prefix,
                           surname=normalize_name(doc.tokens[end - 1].text)))
    return cands


def description_candidates(doc: ArticleView, base: list[Candidate], covered: set[int]) -> list[Candidate]:
    """"the Takfiri terror group Daesh": the description names the group that follows it."""
    out: list[Candidate] = []
    for cand in base:
        if cand.kind != "group" or cand.start == 0:
            continue
        k = cand.start - 1
        if k in covered:
            continue
        lemma = doc.tokens[k].lemma.casefold()
        if lemma not in doc.kb.group_nouns and doc.lower(k) not in doc.kb.group_nouns:
            continue
        start = left_edge(doc, k)
        if start < len(doc.tokens) and doc.lower(start) in {"the", "a"}:
            start += 1
        start = min(start, k)
        out.append(copy_candidate(cand, start, k + 1, APPOSITION))
    return out


def with_context_country(doc: ArticleView, cand: Candidate) -> Candidate:
    """An unnamed role actor with no country takes the sentence's one country, if it has one.

    "demonstrators" in "Egyptian police dispersed demonstrators" → EGY; "refugees" in "aid to
    refugees fleeing the war in Liberia" → LBR.  The one country of a locative phrase ("in
    Liberia") wins; else the one country named in the sentence; with two or more, none.
    """
    if cand.kind != "compound" or cand.country is not None or cand.code_prefix or not cand.role:
        return cand
    if doc.lower(cand.end - 1) in doc.kb.weapon_roles:
        return cand  # "a drone strike on a Saudi facility": the weapon's owner is not told
    named_by_person = person_modifier_country(doc, cand)
    if named_by_person is not None:
        country = named_by_person[0]
        if country is None:
            return cand  # "the Bush administration": the leader tells, not the sentence
        return dataclasses.replace(cand, country=country, actor_id=state_id(country, cand.role))
    located, named_all = sentence_countries(doc, doc.tokens[cand.start].sent)
    choice = located if located else named_all
    if len(choice) != 1:
        return cand
    country = choice[0]
    return dataclasses.replace(
        cand, country=country, actor_id=state_id(country, cand.role), extractor=CONTEXT
    )


def person_modifier_country(doc: ArticleView, cand: Candidate) -> tuple[str | None] | None:
    """The country of a person naming a role noun ("the Obama administration" → USA).

    Returns a 1-tuple (the known person's country, or None for a person the knowledge base does
    not know: "the Bush administration"), or None when no person modifies the role noun.
    """
    head = cand.end - 1
    for kid in sorted(doc.kids(head, "compound", "poss")):
        if kid >= head:
            continue
        match = doc.match_at.get(kid)
        if match is not None and match.hit is not None and match.hit.entry.kind == "person":
            return (match.hit.entry.country,)
        if doc.tokens[kid].ent_type == "PERSON":
            return (None,)
    return None
