"""Role-noun actors: "Iraqi armed forces", "armed forces in Iraq", "the president of Syria".

``rule:actors-compound-v1``: a role noun (``roles.yaml``) with a country from a demonym,
possessor, compound or prepositional phrase; unknown actors keep their text, country and role.
``rule:actors-distributed-demonym-v1``: demonyms on the first of coordinated nouns are shared
by the later role nouns ("the Iraqi and Syrian nations, governments, armies" → IRQGOV, SYRGOV,
IRQMIL, SYRMIL: one actor per country on the same span).
"""

from __future__ import annotations

from newsevents.actorcoding.document import (
    COMPOUND,
    DISTRIBUTED,
    NOUNS,
    ROLE_PREPS,
    ArticleView,
    Candidate,
    left_edge,
    stance_prefixed,
    state_id,
)
from newsevents.knowledge.actors import KbEntry

# "the spokesman of the Iraqi army" speaks for the army, not for an unnamed country.
SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson", "official", "representative"})


def role_candidates(doc: ArticleView, covered: set[int]) -> list[Candidate]:
    cands: list[Candidate] = []
    for k, token in enumerate(doc.tokens):
        if k in covered or k in doc.match_at:
            continue
        if token.dep in {"compound"} and doc.role_phrase_at(doc.heads[k]) is not None:
            continue  # "army" in "army soldiers": the outer head speaks for both
        phrase = doc.role_phrase_at(k)
        if phrase is None:
            continue
        phrase_start, role = phrase
        start = min(left_edge(doc, k), phrase_start)
        outer = doc.heads[k]
        if token.dep in {"compound", "amod", "nmod"} and outer > k and start == left_edge(doc, k):
            # "Israeli army bulldozers": the demonym hangs from the outer noun, left of "army".
            start = min(start, left_edge(doc, outer))
        has_the = any(doc.lower(d) == "the" for d in doc.kids(k, "det"))
        if has_the and start == k and (doc.lower(k) in doc.kb.person_nouns or token.lemma.casefold() in doc.kb.person_nouns) \
                and not doc.kids(k, "prep"):
            continue  # "the Leader", "the general": left to coreference
        end = k + 1
        country: str | None = None
        body: KbEntry | None = None
        for m in range(start, k):
            if stance_prefixed(doc, m):
                continue  # "an anti-Syria journalist" is not Syrian
            named, entry = doc.country_of(m)
            if named or entry is not None:
                if entry is not None and entry.kind == "group":
                    body = body or entry
                    country = country or entry.country
                elif country is None:
                    country = named
        if country is None and body is None:
            for prep in doc.kids(k, "prep"):
                if doc.lower(prep) not in ROLE_PREPS or prep < k:
                    continue
                for obj in doc.kids(prep, "pobj"):
                    inner = doc.role_phrase_at(obj)
                    if inner is not None and token.lemma.casefold() in SPOKESPEOPLE:
                        # "the spokesman of the Iraqi army" speaks for the army.
                        role = inner[1]
                        for m in range(left_edge(doc, obj), obj):
                            named, entry = doc.country_of(m)
                            country = country or named
                        end = obj + 1
                        break
                    named, entry = doc.country_of(obj)
                    if named or entry is not None:
                        country = named
                        body = entry if entry is not None and entry.kind == "group" else None
                        match = doc.match_at.get(obj)
                        end = max(end, (match.end if match else obj + 1))
                        break
                if country or body:
                    break
        if any(m in covered for m in range(start, end)):
            start = k if k not in covered else start
            if any(m in covered for m in range(start, end)):
                continue
        if start < len(doc.tokens) and doc.lower(start) in {"the", "a", "an"}:
            start += 1
        if any(doc.lower(m) in doc.kb.irregular_modifiers for m in range(start, k)) and role == "UAF":
            role = "UAF"
        if role == "MIL" and any(doc.lower(m) in doc.kb.civilian_modifiers for m in range(start, k)):
            role = "CVL"  # "Russian civilian advisers" are civilians
        name = doc.article.text[doc.tokens[start].span.start : doc.tokens[end - 1].span.end]
        shared = shared_demonym_countries(doc, k) if country is None and body is None else []
        if shared:
            # "the Iraqi and Syrian nations, governments, armies": the demonyms of the first
            # conjunct qualify every coordinated role noun, one actor per country each.
            role_words = " ".join(doc.tokens[m].lemma.casefold() for m in range(start, end))
            for shared_country, demonym in shared:
                cand = Candidate(start, end, f"{demonym} {role_words}", state_id(shared_country, role), shared_country, role,
                             DISTRIBUTED, "state")
                cand.title_words = frozenset({doc.lower(k), token.lemma.casefold()})
                cands.append(cand)
            continue
        if body is not None and body.kind == "group" and body.country is None:
            cand = Candidate(start, end, name, None, None, role, COMPOUND, "compound", None,
                         code_prefix=(body.code or "IGO")[:3])
        else:
            cand = Candidate(start, end, name, state_id(country, role), country, role, COMPOUND, "compound")
        cand.title_words = frozenset({doc.lower(k), token.lemma.casefold()})
        cands.append(cand)
    return cands


def shared_demonym_countries(doc: ArticleView, k: int) -> list[tuple[str, str]]:
    """(country, demonym) of the demonyms on the first conjunct of a coordination that ``k`` ends.

    Only for a role noun that is itself a later conjunct ("nations, governments, armies") and
    has no country of its own; the countries come in text order, each once.
    """
    if doc.tokens[k].dep != "conj":
        return []
    first, steps = k, 0
    while doc.tokens[first].dep == "conj" and doc.heads[first] != first and steps < 8:
        first, steps = doc.heads[first], steps + 1
    if first >= k or doc.tokens[first].pos not in NOUNS:
        return []
    modifiers = [m for m in doc.kids(first, "amod", "compound", "nmod") if m < first]
    # "Iraqi and Syrian": the second demonym is a conjunct of the first.
    modifiers += [c for m in modifiers for c in doc.kids(m, "conj") if c < first]
    countries: list[tuple[str, str]] = []
    for m in sorted(set(modifiers)):
        named, entry = doc.country_of(m)
        if named and (entry is None or entry.kind == "country") and all(named != c for c, _ in countries):
            countries.append((named, doc.tokens[m].text))
    return countries
