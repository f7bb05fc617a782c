"""Within-article coreference in simple cases (``rule:actors-coref-v1``).

Walking the article in order: a repeated surname, "the general" / "the Leader" (a title of a
person named before), "he"/"she" (the latest person, within a few sentences), "the terror
outfit" (the latest group), and "the two countries" / "both states" (the pair of countries
named before).
"""

from __future__ import annotations

import itertools

from newsevents.actorcoding.document import (
    COREF,
    NOUNS,
    ArticleView,
    Candidate,
    copy_candidate,
    state_id,
)
from newsevents.knowledge.actors import KbEntry, normalize_name

PRONOUNS = frozenset({"he", "she"})
# How many sentences back a pronoun or title may reach for its person.
PERSON_WINDOW_SENTENCES = 4


def coreference_candidates(doc: ArticleView, base: list[Candidate]) -> list[Candidate]:
    """Walk the article in order: surnames, "the general", pronouns, "the terror outfit"."""
    by_start = sorted(base, key=lambda c: c.start)
    covered = {k for c in base for k in range(c.start, c.end)}
    persons: list[Candidate] = []
    groups: list[Candidate] = []
    out: list[Candidate] = []
    countries: list[tuple[int, str, KbEntry]] = []  # every country name so far, actor or place
    pointer = 0
    for k, token in enumerate(doc.tokens):
        match = doc.match_at.get(k)
        if (match is not None and match.start == k and match.hit is not None
                and match.hit.entry.kind == "country" and match.hit.entry.country):
            countries.append((k, match.hit.entry.country, match.hit.entry))
        pair = two_countries(doc, k, countries) if k not in covered else None
        if pair is not None:
            start, found = pair
            for country, entry in found:
                out.append(Candidate(start, k + 1, entry.name, state_id(country, None), country, None,
                                 COREF, "state", entry))
            covered.update(range(start, k + 1))
            continue
        while pointer < len(by_start) and by_start[pointer].start <= k:
            cand = by_start[pointer]
            if cand.kind in {"person", "unknown_person"}:
                persons.append(cand)
            elif cand.kind == "group":
                groups.append(cand)
            pointer += 1
        if k in covered:
            continue
        lower = token.text.casefold()
        if lower in PRONOUNS and token.pos == "PRON":
            target = recent_person(doc, persons, k)
            if target is not None:
                out.append(copy_candidate(target, k, k + 1, COREF))
            continue
        if token.pos not in NOUNS:
            continue
        dets = [d for d in doc.kids(k, "det") if doc.lower(d) == "the"]
        if token.pos == "PROPN" and not dets:
            surname = normalize_name(token.text)
            target = next((p for p in reversed(persons) if p.surname == surname), None)
            if target is not None and (k + 1 >= len(doc.tokens) or doc.tokens[k + 1].pos != "PROPN"):
                out.append(copy_candidate(target, k, k + 1, COREF))
            continue
        if not dets or doc.kids(k, "prep") and any(doc.lower(p) == "of" for p in doc.kids(k, "prep")):
            continue
        det = dets[0]
        lemma = token.lemma.casefold()
        if lemma in doc.kb.person_nouns or lower in doc.kb.person_nouns:
            if any(c > k for c in doc.kids(k, "appos", "compound")):
                continue
            target = next((p for p in reversed(persons) if lower in p.title_words or lemma in p.title_words), None)
            if target is not None and doc.tokens[k].sent - doc.tokens[target.start].sent <= PERSON_WINDOW_SENTENCES:
                out.append(copy_candidate(target, det, k + 1, COREF))
                covered.update(range(det, k + 1))
        elif lemma in doc.kb.group_nouns or lower in doc.kb.group_nouns:
            following = next((c for c in by_start if c.start > k and c.start <= k + 2 and c.kind == "group"), None)
            if following is not None:
                continue  # "the Takfiri terror group Daesh" is handled as an apposition
            target = next((g for g in reversed(groups) if g.start < k), None)
            if target is not None:
                out.append(copy_candidate(target, det, k + 1, COREF))
                covered.update(range(det, k + 1))
    return out


PAIR_NOUNS = frozenset({"country", "state", "nation"})


def two_countries(
    doc: ArticleView, k: int, countries: list[tuple[int, str, KbEntry]]
) -> tuple[int, list[tuple[str, KbEntry]]] | None:
    """"the two (neighbouring) countries", "both states": the pair of countries named before.

    The antecedent is the latest coordinated pair ("Armenia and Azerbaijan", "Iraq, Syria")
    before the phrase; without one, the last two distinct countries of earlier sentences (a
    country in the phrase's own sentence is usually another participant: "France urged the
    two countries").  Returns the start token of the phrase and the two countries in text
    order, or None when ``k`` is no such phrase or no pair was named.
    """
    token = doc.tokens[k]
    if token.pos != "NOUN" or token.tag != "NNS" or token.lemma.casefold() not in PAIR_NOUNS:
        return None
    determiners = doc.kids(k, "det", "nummod", "predet", "preconj")
    if not any(doc.lower(d) in {"two", "both"} for d in determiners):
        return None
    earlier = [c for c in countries if c[0] < k]
    distinct: list[tuple[str, KbEntry]] = []
    for (first, one, one_entry), (second, two, two_entry) in reversed(list(itertools.pairwise(earlier))):
        between = {doc.lower(m) for m in range(first + 1, second)}
        if one != two and second - first <= 4 and between & {"and", ",", "&"}:
            distinct = [(one, one_entry), (two, two_entry)]
            break
    if not distinct:
        for _, country, entry in reversed([c for c in earlier if doc.tokens[c[0]].sent < token.sent]):
            if all(country != seen for seen, _ in distinct):
                distinct.insert(0, (country, entry))
            if len(distinct) == 2:
                break
    if len(distinct) < 2:
        return None
    start = min([k, *determiners])
    if doc.lower(start) in {"the", "a"}:
        start += 1
    return start, distinct


def recent_person(doc: ArticleView, persons: list[Candidate], k: int) -> Candidate | None:
    if not persons:
        return None
    last = persons[-1]
    if doc.tokens[k].sent - doc.tokens[last.start].sent > PERSON_WINDOW_SENTENCES:
        return None
    return last
