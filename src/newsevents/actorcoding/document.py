"""The shared ground of actor coding: candidates, the parsed-article view and small helpers.

Every rule module builds :class:`Candidate` mentions over the token positions of one
:class:`ArticleView` (tokens, dependency heads and the knowledge-base name matches of an
article); :mod:`newsevents.actorcoding.resolve` turns the surviving candidates into
:class:`~newsevents.model.Actor` records.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsevents.knowledge.actors import (
    HYPHENS,
    ActorKnowledge,
    AliasMatch,
    KbEntry,
    code_for,
    find_alias_matches,
    normalize_name,
)
from newsevents.model import Actor, Article, Span, Token

# The ``extractor`` of each rule (see the package docstring for what each one does).
KB = "kb:actors-v1"
COMPOUND = "rule:actors-compound-v1"
METONYMY = "rule:actors-metonymy-v1"
APPOSITION = "rule:actors-apposition-v1"
COREF = "rule:actors-coref-v1"
FUZZY = "kb:actors-fuzzy-v1"
DISTRIBUTED = "rule:actors-distributed-demonym-v1"
CONTEXT = "rule:actors-context-country-v1"
UNKNOWN = "rule:actors-unknown-v1"

# Prepositions that attach a country to a role noun ("forces in Iraq", "president of Syria").
ROLE_PREPS = frozenset({"in", "of", "from", "for", "inside", "throughout"})
POSSESSIVE = frozenset({"'s", "\u2019s", "'", "\u2019"})
NOUNS = frozenset({"NOUN", "PROPN"})
STANCE_PREFIXES = frozenset({"anti", "pro"})
NP_MODIFIER_DEPS = frozenset(
    {"amod", "compound", "poss", "nmod", "case", "nummod", "hmod", "punct", "advmod", "npadvmod", "conj", "cc"}
)
LOCATIVE_CONTEXT_PREPS = frozenset({"in", "at", "near", "across", "throughout", "inside", "around"})
DIRECTED_PREPS = frozenset({"to", "from", "toward", "towards", "into", "against", "with", "for", "by"})


@dataclass
class Candidate:
    """A candidate actor mention over tokens [start, end) (positions in the token tuple)."""

    start: int
    end: int
    name: str
    actor_id: str | None
    country: str | None
    role: str | None
    extractor: str
    kind: str  # person | group | country | compound | unknown_person | state
    entry: KbEntry | None = None
    title_words: frozenset[str] = frozenset()
    code_prefix: str | None = None  # IGO/IMG/NGO for a person of a transnational body
    surname: str | None = None

    def to_actor(self, tokens: Sequence[Token], text: str) -> Actor:
        span = Span(tokens[self.start].span.start, tokens[self.end - 1].span.end)
        code: str | None
        if self.country is None and self.code_prefix:
            code = self.code_prefix + (self.role or "") if self.role != self.code_prefix else self.code_prefix
        else:
            code = code_for(self.country, self.role, self.entry)
        return Actor(
            span=span,
            text=span.of(text),
            name=self.name,
            actor_id=self.actor_id,
            country=self.country,
            role=self.role,
            code=code,
            extractor=self.extractor,
        )


@dataclass
class ArticleView:
    """Token-level view of one article with parse helpers."""

    article: Article
    kb: ActorKnowledge
    tokens: tuple[Token, ...]
    position: dict[int, int]  # Token.i -> index in tokens
    heads: list[int]
    children: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    match_at: dict[int, AliasMatch] = field(default_factory=dict)

    @classmethod
    def build(cls, article: Article, kb: ActorKnowledge) -> ArticleView:
        tokens = article.tokens
        position = {t.i: k for k, t in enumerate(tokens)}
        heads = [position.get(t.head, k) for k, t in enumerate(tokens)]
        doc = cls(article, kb, tokens, position, heads)
        for k, head in enumerate(heads):
            if head != k:
                doc.children[head].append(k)
        rows = [(t.text, t.span.start, t.span.end, t.sent) for t in tokens]
        for match in find_alias_matches(kb, rows, article.text):
            for k in range(match.start, match.end):
                doc.match_at[k] = match
        return doc

    def lower(self, k: int) -> str:
        return self.tokens[k].text.casefold()

    def kids(self, k: int, *deps: str) -> list[int]:
        return [c for c in self.children.get(k, []) if not deps or self.tokens[c].dep in deps]

    def is_possessive(self, k: int) -> bool:
        """Token k (or the match ending at k) carries a possessive 's."""
        return any(self.tokens[c].text in POSSESSIVE for c in self.kids(k, "case")) or (
            k + 1 < len(self.tokens) and self.tokens[k + 1].text in POSSESSIVE
            and self.tokens[k + 1].dep == "case"
        )

    def match_head(self, match: AliasMatch) -> int:
        """The syntactic head of a multi-token match: the token whose head lies outside it."""
        for k in range(match.end - 1, match.start - 1, -1):
            if not match.start <= self.heads[k] < match.end or self.heads[k] == k:
                return k
        return match.end - 1

    def country_of(self, k: int) -> tuple[str | None, KbEntry | None]:
        """Country (or a transnational group) a token names, via the KB or the ruler places."""
        match = self.match_at.get(k)
        if match is not None and match.hit is not None:
            entry = match.hit.entry
            if entry.kind == "country":
                return entry.country, entry
            if entry.kind == "group":
                return entry.country, entry
        place = self.kb.place_country(self.tokens[k].text)
        if place:
            return place, None
        return None, None

    def role_phrase_at(self, k: int) -> tuple[int, str] | None:
        """(start, sector) of a role phrase whose last token is k ("armed forces" -> MIL)."""
        token = self.tokens[k]
        if token.pos not in NOUNS:
            return None
        if k > 0:
            two = f"{self.lower(k - 1)} {self.lower(k)}"
            if two in self.kb.roles:
                return k - 1, self.kb.roles[two]
        sector = self.kb.roles.get(self.lower(k)) or self.kb.roles.get(token.lemma.casefold())
        return (k, sector) if sector else None


# --- building candidates ----------------------------------------------------------------------



def stance_prefixed(doc: ArticleView, m: int) -> bool:
    """Token m is the country of an "anti-X" / "pro-X" modifier: a stance, not a nationality."""
    if m >= 2 and doc.tokens[m - 1].text in HYPHENS and doc.lower(m - 2) in STANCE_PREFIXES:
        return True
    text = doc.lower(m)
    return any(text.startswith(prefix + "-") for prefix in STANCE_PREFIXES)


def state_id(country: str | None, role: str | None) -> str | None:
    if country is None:
        return None
    return f"cty:{country}:{role}" if role else f"cty:{country}"


def unknown_id(kind: str, name: str) -> str | None:
    key = normalize_name(name).replace(" ", "_")
    return f"unk:{kind}:{key}" if key else None


def copy_candidate(target: Candidate, start: int, end: int, extractor: str) -> Candidate:
    return dataclasses.replace(target, start=start, end=end, extractor=extractor)


def span_text(doc: ArticleView, start: int, end: int) -> str:
    return doc.article.text[doc.tokens[start].span.start : doc.tokens[end - 1].span.end]


NP_MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod", "case", "nummod", "hmod", "punct", "advmod", "npadvmod", "conj", "cc"})


def left_edge(doc: ArticleView, head: int) -> int:
    """Leftmost token of the contiguous pre-modifiers of ``head`` (no determiner, no adverb
    of the head itself: "even the highest-ranking American official" -> "highest-ranking ...")."""
    edge = head
    while edge - 1 >= 0 and doc.tokens[edge - 1].sent == doc.tokens[head].sent:
        k = edge - 1
        token = doc.tokens[k]
        if token.dep not in NP_MODIFIER_DEPS or doc.heads[k] == head and token.dep in {"advmod", "npadvmod", "punct", "cc", "conj"}:
            break
        if token.dep == "punct" and token.text not in {"-", "‐"}:
            break
        # k must hang (through modifiers) from the head, inside [k, head].
        walk, steps = k, 0
        while walk != head and doc.heads[walk] != walk and doc.heads[walk] <= head and steps < 8:
            walk, steps = doc.heads[walk], steps + 1
        if walk != head:
            break
        edge = k
    return edge


def subtree(doc: ArticleView, k: int) -> set[int]:
    seen = {k}
    stack = [k]
    while stack:
        for c in doc.kids(stack.pop()):
            if c not in seen:
                seen.add(c)
                stack.append(c)
    return seen


LOCATIVE_CONTEXT_PREPS = frozenset({"in", "at", "near", "across", "throughout", "inside", "around"})


DIRECTED_PREPS = frozenset({"to", "from", "toward", "towards", "into", "against", "with", "for", "by"})


def sentence_countries(doc: ArticleView, sent: int) -> tuple[list[str], list[str]]:
    """(countries named in a locative phrase, all countries named) in one sentence, in order.

    Country names, demonyms, capitals and ruler places count; armed groups do not (their
    country is who they are, not where the sentence is).
    """
    located: list[str] = []
    named_all: list[str] = []
    for k, token in enumerate(doc.tokens):
        if token.sent != sent:
            continue
        named, entry = doc.country_of(k)
        if not named or (entry is not None and entry.kind != "country") or stance_prefixed(doc, k):
            continue
        walk, steps = k, 0
        while doc.tokens[walk].dep in {"compound", "poss", "amod", "nmod", "conj", "appos"} and steps < 4:
            walk, steps = doc.heads[walk], steps + 1
        head = doc.heads[walk]
        if doc.tokens[walk].dep == "pobj" and doc.lower(head) in LOCATIVE_CONTEXT_PREPS:
            if named not in located:
                located.append(named)
        elif doc.tokens[walk].dep == "pobj" and doc.lower(head) in DIRECTED_PREPS:
            continue  # "travel to Washington", "aid from Japan": another party, not the setting
        if named not in named_all:
            named_all.append(named)
    return located, named_all
