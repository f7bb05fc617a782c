"""Country names as actors: metonymy and the actor-or-place decision.

A country name, capital or institution is an actor only where it acts: "Iraq said", "aid to
Serbia", "Washington's destructive role", "the Kremlin said" (``rule:actors-metonymy-v1`` for
a capital or institution standing for the government).  "in Iraq", "traveled to Syria", "the
border with Syria" and "parts of Syria" are places, left to the places stage.
"""

from __future__ import annotations

from newsevents.actorcoding.document import KB, METONYMY, NOUNS, ROLE_PREPS, ArticleView, Candidate
from newsevents.knowledge.actors import AliasHit, AliasMatch
from newsevents.model import Article, Span

# Prepositions whose object is where something happens, not who acts ("fighting in Iraq").
LOCATIVE_PREPS = frozenset(
    ["in", "at", "near", "across", "throughout", "inside", "into", "within", "from", "over", "toward", "towards",
     "to", "on", "around", "through", "outside", "between", "along", "under", "beyond", "off"]
)
# The narrower set that makes an institution's seat a place: "to", "from" and "into" do not
# ("a letter to the White House" is addressed to the administration).
SITE_PREPS = frozenset(["in", "at", "near", "outside", "inside", "around", "across", "within",
                        "beyond", "along", "throughout"])
MOTION_LEMMAS = frozenset(
    ["travel", "go", "come", "fly", "return", "move", "head", "flee", "arrive", "visit", "drive", "sail", "march",
     "walk", "trip", "visit", "journey", "deport", "send", "deploy", "bring", "take", "extend", "spread", "cross",
     "escape", "migrate"]
)
BORDER_NOUNS = frozenset({"border", "frontier", "boundary", "borders"})
# "parts of Syria", "the capital of Iraq" are places, "a blockade of Serbia" an act on a state.
PART_NOUNS = frozenset(
    ["part", "parts", "north", "south", "east", "west", "centre", "center", "capital", "city", "town", "province",
     "region", "area", "areas", "territory", "territories", "rest", "side", "outskirts", "heart", "edge", "coast",
     "interior", "people", "citizens"]
)


def state_name_candidate(doc: ArticleView, match: AliasMatch, hit: AliasHit, head: int) -> Candidate | None:
    """The state a country's name, capital or institution (``hit``) stands for where it acts."""
    entry = hit.entry
    if hit.form == "institution":
        if is_located(doc, head):
            return None  # "protesters outside the White House": where, not who
        return Candidate(with_article(doc, match.start), match.end, entry.name, entry.actor_id,
                         entry.country, hit.sector, METONYMY, "country", entry)
    if hit.form == "capital":
        if acts(doc, head) or doc.is_possessive(head):
            return Candidate(match.start, match.end, entry.name, entry.actor_id,
                             entry.country, "GOV", METONYMY, "country", entry)
        return None
    if leads_role_noun(doc, head):
        return None  # "French-led forces": the role noun's compound carries the country
    if hit.form == "name" and (
        (acts(doc, head) and not modifies_actor(doc, head)) or owns_deed(doc, head)
    ):
        return Candidate(match.start, match.end, entry.name, entry.actor_id,
                         entry.country, None, KB, "country", entry)
    return None


def leads_role_noun(doc: ArticleView, k: int) -> bool:
    """Token k is the leader in "<X>-led <role noun>" ("Vietnamese-led forces")."""
    led = doc.heads[k]
    if led == k or doc.lower(led) != "led" or doc.tokens[k].dep not in {"npadvmod", "compound", "amod"}:
        return False
    noun = doc.heads[led]
    return noun != led and doc.tokens[led].dep == "amod" and doc.role_phrase_at(noun) is not None


def with_article(doc: ArticleView, start: int) -> int:
    return start - 1 if start > 0 and doc.lower(start - 1) == "the" else start


def acts(doc: ArticleView, k: int) -> bool:
    """Is token k an actor slot rather than a location ("Iraq said" vs "in Iraq")?"""
    token = doc.tokens[k]
    dep = token.dep
    while dep == "conj":
        k = doc.heads[k]
        token = doc.tokens[k]
        dep = token.dep
    if dep == "pobj":
        prep = doc.lower(doc.heads[k])
        governor = doc.tokens[doc.heads[doc.heads[k]]]
        lemma = governor.lemma.casefold()
        # "agreed with Jordan", "aid to Serbia" are actors; "the border with Syria", "traveled
        # to Syria", "fighting in Iraq" are places.
        if prep in {"to", "from", "toward", "towards"}:
            return lemma not in MOTION_LEMMAS and governor.pos != "PROPN"
        if prep == "with":
            return lemma not in BORDER_NOUNS
        if prep in ROLE_PREPS and doc.role_phrase_at(doc.heads[doc.heads[k]]) is not None:
            return False  # "the president of the United States": the role noun speaks
        if prep == "of":
            return governor.pos in NOUNS and lemma not in PART_NOUNS and lemma not in BORDER_NOUNS
        if prep == "between":
            # "mediation between Ethiopia and Eritrea" names parties; "the border between" places.
            return governor.pos == "NOUN" and lemma not in BORDER_NOUNS | PART_NOUNS | MOTION_LEMMAS
        return prep not in LOCATIVE_PREPS
    return dep in {"nsubj", "nsubjpass", "dobj", "agent", "appos", "ROOT", "dative", "attr", "npadvmod"}


def is_located(doc: ArticleView, k: int) -> bool:
    """Token k is the object of a locative preposition that makes it a place: "outside the
    White House", "at the Kremlin" (but not "a letter to the White House", which acts)."""
    while doc.tokens[k].dep == "conj" and doc.heads[k] != k:
        k = doc.heads[k]
    return doc.tokens[k].dep == "pobj" and doc.lower(doc.heads[k]) in SITE_PREPS


def modifies_actor(doc: ArticleView, k: int) -> bool:
    head = doc.heads[k]
    return head != k and doc.tokens[k].dep in {"compound", "poss", "amod", "nmod"}


def owns_deed(doc: ArticleView, k: int) -> bool:
    """Token k is a country possessing an act or stance ("Sweden's decision"): the state acts."""
    head = doc.heads[k]
    return (
        head != k
        and doc.tokens[k].dep == "poss"
        and doc.is_possessive(k)
        and (doc.lower(head) in doc.kb.deed_nouns or doc.tokens[head].lemma.casefold() in doc.kb.deed_nouns)
    )


def is_metonymy(article: Article, span: Span) -> bool:
    """True where a capital or institution in ``span`` stands for a government, not a place."""
    return any(
        a.span is not None and a.span.overlaps(span) and a.extractor == METONYMY for a in article.actors
    )
