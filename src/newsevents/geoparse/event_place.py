"""Event place: which resolved place in a sentence is where the event named by a trigger happened.

The choice follows the dependency tree ("liberated Rawa", "fighting in Bukamal"), not the first
place in the article: a place that only describes another noun ("Syria's eastern province of
Dayr al-Zawr") costs more, and a finer place wins over the country around it at equal cost.
"""

from __future__ import annotations

import re

from newsevents.model import Article, Place, Span, Token

# Finer places say more about where an event happened than the country around them.
PRECISION_RANK = {"city": 0, "admin2": 1, "admin1": 2, "country": 3, "region": 4}
# Dependency links that attach a place to an event as its location or object.
LOCATIVE_DEPS = frozenset({"dobj", "pobj", "obj", "nsubjpass", "npadvmod", "attr", "oprd"})
# A place in these roles describes another noun ("Syria's province"), not where it happened.
DESCRIPTIVE_DEPS = frozenset({"poss", "compound", "amod", "appos", "relcl", "acl"})
# Nouns that name the kind of place they follow: "Kunduz province" is a place phrase headed by
# "province", so the link to the event is measured from that noun.
PLACE_KIND_NOUNS = frozenset({
    "province", "governorate", "district", "county", "region", "state", "city", "town",
    "village", "municipality", "prefecture", "oblast", "department", "area", "camp",
})
# A country named on its diplomatic mission ("outside the Russian Embassy", "the embassy of
# Armenia") is not where the event happened: the mission stands in the host country.
MISSION_NOUNS = frozenset({"embassy", "consulate", "legation", "mission", "chancery"})
# A dateline ("KABUL, March 3 (Reuters) -") says where the report was filed, not where the
# event happened: it is used only when the sentence links no other place to the event.
DATELINE_PENALTY = 6.0
_DATELINE_END = re.compile(r"\s(?:-|–|—|--)\s|\)\s*[-–—:]")
DATELINE_WINDOW = 80


def tokens_in(article: Article, span: Span) -> list[Token]:
    return [t for t in article.tokens if t.span.overlaps(span)]


def syntactic_head(tokens: list[Token]) -> Token | None:
    """The token of a multi-token span whose head lies outside the span."""
    indices = {t.i for t in tokens}
    for token in tokens:
        if token.head not in indices or token.head == token.i:
            return token
    return tokens[0] if tokens else None


def _place_phrase_head(article: Article, head: Token) -> Token:
    """Climb from "Kunduz" to "province" in "Kunduz province" (and "the city of Homs")."""
    by_index = {t.i: t for t in article.tokens}
    parent = by_index.get(head.head)
    if head.dep == "compound" and parent is not None and parent.lemma.lower() in PLACE_KIND_NOUNS:
        return parent
    if head.dep == "pobj" and parent is not None and parent.text.lower() == "of":
        kind = by_index.get(parent.head)
        if kind is not None and kind.lemma.lower() in PLACE_KIND_NOUNS:
            return kind
    return head


def names_a_foreign_mission(article: Article, place: Place) -> bool:
    """True for a country that only names whose embassy or consulate it is."""
    if place.span is None or place.precision not in {"country", "region"}:
        return False
    head = syntactic_head(tokens_in(article, place.span))
    if head is None:
        return False
    by_index = {t.i: t for t in article.tokens}
    governor = by_index.get(head.head)
    if head.dep == "pobj" and governor is not None and governor.text.lower() == "of":
        governor = by_index.get(governor.head)
    elif head.dep not in {"compound", "amod", "poss", "nmod"}:
        return False
    return governor is not None and governor.lemma.lower() in MISSION_NOUNS


def is_dateline(article: Article, place: Place) -> bool:
    """True for a place in the dateline that opens a line: "BAGHDAD (AFP) -",
    "MOSUL, Iraq (AP) -", "KABUL, March 3 (Reuters) -"."""
    if place.span is None:
        return False
    line_start = article.text.rfind("\n", 0, place.span.start) + 1
    head = article.text[line_start : line_start + DATELINE_WINDOW]
    dash = _DATELINE_END.search(head)
    if dash is None or place.span.end > line_start + dash.start() + 1:
        return False
    opening = head[: dash.start() + 1]
    first_word = opening.split(",")[0].split("(")[0].strip()
    # A wire credit in brackets, or a capitalised place word, marks a dateline rather than
    # a sentence that happens to contain a dash.
    return "(" in opening or (len(first_word) >= 3 and first_word.isupper())


def _path_to_root(article: Article, token: Token) -> list[Token]:
    by_index = {t.i: t for t in article.tokens}
    path = [token]
    seen = {token.i}
    current = token
    while current.head != current.i and current.head in by_index and current.head not in seen:
        current = by_index[current.head]
        seen.add(current.i)
        path.append(current)
    return path


def _link_cost(article: Article, place_head: Token, trigger_heads: set[int]) -> float:
    """Edges from the place up to the trigger, weighted so descriptive hops cost more.

    Returns infinity when the place does not hang below the trigger at all; then the place
    is at best a sibling of the event (for example in a separate clause).
    """
    path = _path_to_root(article, place_head)
    cost = 0.0
    for step, token in enumerate(path):
        if token.i in trigger_heads:
            return cost
        if step == 0 and token.dep in LOCATIVE_DEPS:
            cost += 1.0
        elif token.dep in DESCRIPTIVE_DEPS:
            cost += 2.5
        elif token.dep in {"prep", "pobj", "dobj", "obj", "nsubjpass", "agent"}:
            cost += 1.0
        else:
            cost += 1.5
    return float("inf")


def _tree_distance(article: Article, a: Token, b: Token) -> int:
    path_a = [t.i for t in _path_to_root(article, a)]
    path_b = [t.i for t in _path_to_root(article, b)]
    position_b = {index: depth for depth, index in enumerate(path_b)}
    for depth, index in enumerate(path_a):
        if index in position_b:
            return depth + position_b[index]
    return len(path_a) + len(path_b)


def choose_event_place(article: Article, sentence: Span, trigger: Span) -> Place | None:
    """The place where the event named by ``trigger`` happened, or None when none is stated.

    Among resolved places in ``sentence``, prefer the one attached to the trigger through
    its object or a preposition ("liberated Rawa", "fighting in Bukamal"); a place that only
    describes another noun ("Syria's eastern province of Dayr al-Zawr") costs more, and a
    finer place wins over the country around it at equal cost.  Unresolved candidates
    (no coordinates) are never chosen.
    """
    in_sentence = [
        p
        for p in article.places
        if p.span is not None
        and sentence.contains(p.span)
        and p.lat is not None
        and not p.span.overlaps(trigger)
        and not names_a_foreign_mission(article, p)
    ]
    if not in_sentence:
        return None
    trigger_tokens = tokens_in(article, trigger)
    if not article.tokens or not trigger_tokens:
        # No syntax to go by: the most specific place, then the one nearest the trigger.
        return min(
            in_sentence,
            key=lambda p: (
                PRECISION_RANK.get(p.precision or "", 5),
                abs((p.span.start if p.span else 0) - trigger.start),
            ),
        )
    trigger_heads = {t.i for t in trigger_tokens}
    trigger_head = syntactic_head(trigger_tokens) or trigger_tokens[0]

    def rank(place: Place) -> tuple[float, int, int]:
        assert place.span is not None
        place_tokens = tokens_in(article, place.span)
        head = syntactic_head(place_tokens)
        if head is None:
            return (float("inf"), 5, 0)
        head = _place_phrase_head(article, head)
        cost = _link_cost(article, head, trigger_heads)
        if cost == float("inf"):
            # Not below the trigger: fall back to distance in the tree, penalised.
            cost = 4.0 + _tree_distance(article, head, trigger_head)
        if is_dateline(article, place):
            cost += DATELINE_PENALTY
        specificity = PRECISION_RANK.get(place.precision or "", 5)
        # Half an edge per precision level: "liberated Rawa near the border with Syria" → Rawa.
        return (cost + 0.5 * specificity, specificity, abs(place.span.start - trigger.start))

    return min(in_sentence, key=rank)
