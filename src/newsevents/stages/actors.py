"""Actor resolution: every actor mention with its country, sector and CAMEO-style code.

Reads the spaCy-free language layer (tokens with dependencies) and the actor knowledge base
(:mod:`newsevents.knowledge.actors`).  Rules, each named in the ``extractor`` of what it makes:

* ``kb:actors-v1`` — a knowledge-base name: group, person, country (with titles, possessors and
  a following role noun folded in: "Major General Qassem Soleimani", "Lebanon's Hezbollah
  resistance movement", "Iran's IRGC").
* ``rule:actors-compound-v1`` — a role noun with a country from a demonym, possessor, compound or
  prepositional phrase: "Iraqi armed forces", "armed forces in Iraq", "US leaders",
  "the president of the United States"; unknown actors keep text, country and role.
* ``rule:actors-distributed-demonym-v1`` — demonyms on the first of coordinated nouns shared by
  the later role nouns: "the Iraqi and Syrian nations, governments, armies" → IRQGOV, SYRGOV,
  IRQMIL, SYRMIL (one actor per country on the same span).
* ``rule:actors-context-country-v1`` — an unnamed role actor with no country of its own takes
  the one country its sentence places it in ("in Liberia") or names ("Egyptian police
  dispersed demonstrators" → demonstrators EGY); none when the sentence names several.
* ``rule:actors-metonymy-v1`` — a capital or institution acting as the state ("Washington's
  destructive role", "the Kremlin said"); such spans are not places (see :func:`is_metonymy`).
* ``rule:actors-apposition-v1`` — relative clauses and appositions giving a person's country and
  role ("X, who commands the Quds Force of Iran's IRGC"), and a description naming a group
  ("the Takfiri terror group Daesh").
* ``rule:actors-coref-v1`` — within-article coreference in simple cases: repeated surnames,
  "the general", "the Leader", "he"/"she", and "the terror outfit" for the latest group.

Actor ids: ``cty:IRQ``, ``grp:<id>``, ``per:<id>`` from the knowledge base; ``cty:IRQ:MIL`` for a
country's sector ("Iraqi armed forces"); None for an unnamed actor without a country.
"""

from __future__ import annotations

import dataclasses
import itertools
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
    load_actor_knowledge,
    normalize_name,
)
from newsevents.model import Actor, Article, Span, Token
from newsevents.pipeline.stage import FunctionStage, register_stage

STAGE_NAME = "newsevents.actors.v1"
KB = "kb:actors-v1"
COMPOUND = "rule:actors-compound-v1"
METONYMY = "rule:actors-metonymy-v1"
APPOSITION = "rule:actors-apposition-v1"
COREF = "rule:actors-coref-v1"
FUZZY = "kb:actors-fuzzy-v1"
DISTRIBUTED = "rule:actors-distributed-demonym-v1"
CONTEXT = "rule:actors-context-country-v1"

# Prepositions whose object is where something happens, not who acts ("fighting in Iraq").
LOCATIVE_PREPS = frozenset(
    ["in", "at", "near", "across", "throughout", "inside", "into", "within", "from", "over", "toward", "towards", "to", "on", "around", "through", "outside", "between", "along", "under", "beyond", "off"]
)
# Prepositions that attach a country to a role noun ("forces in Iraq", "president of Syria").
ROLE_PREPS = frozenset({"in", "of", "from", "for", "inside", "throughout"})
# Nouns that a demonym turns into the state or nation acting ("the Iraqi nation").
STATE_NOUNS = frozenset({"nation", "nations", "state", "states", "side", "republic", "people", "peoples"})
# Adjectives allowed between a title and a country ("Lebanon's new President").
TITLE_ADJECTIVES = frozenset(
    ["new", "former", "ousted", "late", "then", "acting", "interim", "deputy", "top", "senior", "chief", "outgoing", "incoming", "exiled", "self-proclaimed", "powerful", "veteran"]
)
PRONOUNS = frozenset({"he", "she"})
SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson", "official", "representative"})
MOTION_LEMMAS = frozenset(
    ["travel", "go", "come", "fly", "return", "move", "head", "flee", "arrive", "visit", "drive", "sail", "march", "walk", "trip", "visit", "journey", "deport", "send", "deploy", "bring", "take", "extend", "spread", "cross", "escape", "migrate"]
)
BORDER_NOUNS = frozenset({"border", "frontier", "boundary", "borders"})
# "parts of Syria", "the capital of Iraq" are places, "a blockade of Serbia" an act on a state.
PART_NOUNS = frozenset(
    ["part", "parts", "north", "south", "east", "west", "centre", "center", "capital", "city", "town", "province", "region", "area", "areas", "territory", "territories", "rest", "side", "outskirts", "heart", "edge", "coast", "interior", "people", "citizens"]
)
POSSESSIVE = frozenset({"'s", "\u2019s", "'", "\u2019"})
NOUNS = frozenset({"NOUN", "PROPN"})
PERSON_WINDOW_SENTENCES = 4


@dataclass
class _Cand:
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
class _Doc:
    """Token-level view of one article with parse helpers."""

    article: Article
    kb: ActorKnowledge
    tokens: tuple[Token, ...]
    position: dict[int, int]  # Token.i -> index in tokens
    heads: list[int]
    children: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    match_at: dict[int, AliasMatch] = field(default_factory=dict)

    @classmethod
    def build(cls, article: Article, kb: ActorKnowledge) -> _Doc:
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


def _left_context(doc: _Doc, start: int) -> tuple[int, list[str], str | None, KbEntry | None, str | None]:
    """Titles, a country and a body written before a name: "Lebanon's new President X".

    Returns (new start, title words, country, body entry, title sector)."""
    kb = doc.kb
    sentence = doc.tokens[start].sent
    p = start - 1
    new_start = start
    titles: list[str] = []
    country: str | None = None
    body: KbEntry | None = None
    title_sector: str | None = None
    while p >= 0 and doc.tokens[p].sent == sentence:
        found = False
        for length in range(min(kb.max_title_words + 2, p + 1), 0, -1):
            phrase = doc.article.text[doc.tokens[p - length + 1].span.start : doc.tokens[p].span.end]
            title = kb.title_of(phrase)
            if title is not None and doc.tokens[p - length + 1].text[:1].isupper():
                titles.append(normalize_name(phrase))
                if title_sector is None and title.sector:
                    title_sector = title.sector
                country = country or title.country
                p -= length
                new_start = p + 1
                found = True
                break
        if found:
            continue
        if doc.tokens[p].text in POSSESSIVE and p > 0:
            named, entry = doc.country_of(p - 1)
            if entry is not None:
                owner_match = doc.match_at[p - 1]
                country = country or named
                body = body or (entry if entry.kind == "group" else None)
                p = owner_match.start - 1
                new_start = p + 1
                continue
            break
        match = doc.match_at.get(p)
        if match is not None and match.hit is not None and match.hit.entry.kind in {"country", "group"}:
            entry = match.hit.entry
            country = country or entry.country
            body = body or (entry if entry.kind == "group" else None)
            p = match.start - 1
            new_start = p + 1
            continue
        if doc.lower(p) in TITLE_ADJECTIVES or doc.tokens[p].text in {"-", "\u2013"}:
            p -= 1
            continue
        break
    return new_start, titles, country, body, title_sector


def _title_words(titles: list[str]) -> frozenset[str]:
    return frozenset(word for title in titles for word in title.split())


def _group_extension(doc: _Doc, match: AliasMatch) -> int:
    """End of "Hezbollah resistance movement" / "Daesh militants": a following head noun."""
    last = match.end - 1
    if match.end < len(doc.tokens) and doc.tokens[match.end].sent == doc.tokens[last].sent:
        following = doc.role_phrase_at(match.end)
        if following is not None and following[0] == match.end and doc.tokens[match.end].tag in {"NNS", "NN"}:
            return match.end + 1  # "IS militants" even when the parser misreads "IS" as a verb
    head = doc.heads[last]
    if head <= last or head - last > 3 or doc.tokens[last].dep not in {"compound", "nmod", "amod", "nsubj"}:
        return match.end
    lemma = doc.tokens[head].lemma.casefold()
    if (doc.role_phrase_at(head) is not None or lemma in doc.kb.group_nouns) and all(
        doc.heads[k] == head or doc.heads[doc.heads[k]] == head for k in range(match.end, head)
    ):
        return head + 1
    return match.end


def _kb_candidates(doc: _Doc) -> list[_Cand]:
    cands: list[_Cand] = []
    seen: set[int] = set()
    for match in doc.match_at.values():
        if match.start in seen or match.hit is None:
            continue
        seen.add(match.start)
        hit = match.hit
        entry = hit.entry
        head = doc.match_head(match)
        token = doc.tokens[head]
        if entry.kind == "person":
            start, titles, country, _body, title_sector = _left_context(doc, match.start)
            titles += [doc.lower(c) for a in doc.kids(head, "appos") for c in [a]
                       if doc.tokens[c].lemma.casefold() in doc.kb.person_nouns or doc.lower(c) in doc.kb.person_nouns]
            cands.append(_Cand(start, match.end, entry.name, entry.actor_id,
                               entry.country or country, entry.sector or title_sector, KB, "person",
                               entry, _title_words(titles) | _title_words([normalize_name(entry.name)]),
                               surname=normalize_name(doc.tokens[match.end - 1].text)))
        elif entry.kind == "group":
            start = match.start
            country = entry.country
            if match.start >= 2 and doc.tokens[match.start - 1].text in POSSESSIVE:
                named, owner = doc.country_of(match.start - 2)
                if owner is not None and owner.kind == "country":
                    start = doc.match_at[match.start - 2].start
                    country = country or named
            cands.append(_Cand(start, _group_extension(doc, match), entry.name, entry.actor_id,
                               country, entry.sector, KB, "group", entry))
        elif hit.form == "institution":
            cands.append(_Cand(_with_article(doc, match.start), match.end, entry.name, entry.actor_id,
                               entry.country, hit.sector, METONYMY, "country", entry))
        elif hit.form == "capital":
            if _acts(doc, head) or doc.is_possessive(head):
                cands.append(_Cand(match.start, match.end, entry.name, entry.actor_id,
                                   entry.country, "GOV", METONYMY, "country", entry))
        elif hit.form == "name":
            if (_acts(doc, head) and not _modifies_actor(doc, head)) or _owns_deed(doc, head):
                cands.append(_Cand(match.start, match.end, entry.name, entry.actor_id,
                                   entry.country, None, KB, "country", entry))
        elif hit.form == "demonym":
            cands.extend(_demonym_candidates(doc, match, entry, head, token))
    return cands


def _with_article(doc: _Doc, start: int) -> int:
    return start - 1 if start > 0 and doc.lower(start - 1) == "the" else start


def _acts(doc: _Doc, k: int) -> bool:
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
        return prep not in LOCATIVE_PREPS
    return dep in {"nsubj", "nsubjpass", "dobj", "agent", "appos", "ROOT", "dative", "attr", "npadvmod"}


def _modifies_actor(doc: _Doc, k: int) -> bool:
    head = doc.heads[k]
    return head != k and doc.tokens[k].dep in {"compound", "poss", "amod", "nmod"}


def _owns_deed(doc: _Doc, k: int) -> bool:
    """Token k is a country possessing an act or stance ("Sweden's decision"): the state acts."""
    head = doc.heads[k]
    return (
        head != k
        and doc.tokens[k].dep == "poss"
        and doc.is_possessive(k)
        and (doc.lower(head) in doc.kb.deed_nouns or doc.tokens[head].lemma.casefold() in doc.kb.deed_nouns)
    )


def _demonym_candidates(doc: _Doc, match: AliasMatch, entry: KbEntry, head: int, token: Token) -> list[_Cand]:
    """"the Iraqi nation", "Iraqi and Syrian nations", standalone "Iraqis"."""
    noun = doc.heads[head]
    anchor = head
    while doc.tokens[anchor].dep == "conj" and doc.heads[anchor] != anchor:
        anchor = doc.heads[anchor]
        noun = doc.heads[anchor]
    if token.dep in {"amod", "compound", "nmod"} or doc.tokens[anchor].dep in {"amod", "compound", "nmod"}:
        noun_token = doc.tokens[noun]
        if noun_token.lemma.casefold() in STATE_NOUNS or noun_token.text.casefold() in STATE_NOUNS:
            # Named for what it stands for ("the Iraqi nation"), not just the country.
            described = f"{_span_text(doc, match.start, match.end)} {noun_token.lemma.casefold()}"
            return [_Cand(match.start, match.end, described, entry.actor_id, entry.country, None,
                          COMPOUND, "state", entry)]
        # Several demonyms on one role noun ("Iraqi and Syrian armies"): one actor each.
        if anchor != head and doc.role_phrase_at(noun) is not None:
            sector = doc.role_phrase_at(noun)
            role = sector[1] if sector else None
            return [_Cand(match.start, match.end, entry.name, _state_id(entry.country, role),
                          entry.country, role, COMPOUND, "state", entry)]
        return []
    if token.pos in NOUNS and _acts(doc, head):
        plural = token.tag in {"NNS", "NNPS"} or token.text.endswith("s")
        start, country = _residence(doc, match, head, entry)
        actor_id = entry.actor_id if country == entry.country else _state_id(country, "CVL" if plural else None)
        return [_Cand(start, match.end, entry.name, actor_id, country,
                      "CVL" if plural else None, KB, "country", entry)]
    return []


def _residence(doc: _Doc, match: AliasMatch, head: int, entry: KbEntry) -> tuple[int, str | None]:
    """(start, country) of a people named by a demonym: the country they live in when told.

    CAMEO codes an ethnic group by the state it lives in: "Bosnian Serbs" are BIH (the
    country demonym before the people's own one wins), and "ethnic Albanians ... in Serbia"
    are SRB (with "ethnic", the one other country of the sentence's locative phrases).
    """
    for kid in doc.kids(head, "amod", "compound"):
        if kid >= match.start:
            continue
        named, other = doc.country_of(kid)
        if named and other is not None and other.kind == "country" and named != entry.country:
            return min(kid, match.start), named
    if any(doc.lower(kid) == "ethnic" for kid in doc.kids(head, "amod")):
        located, _ = _sentence_countries(doc, doc.tokens[head].sent)
        others = [c for c in located if c != entry.country]
        if len(others) == 1:
            return match.start, others[0]
    return match.start, entry.country


STANCE_PREFIXES = frozenset({"anti", "pro"})


def _stance_prefixed(doc: _Doc, m: int) -> bool:
    """Token m is the country of an "anti-X" / "pro-X" modifier: a stance, not a nationality."""
    if m >= 2 and doc.tokens[m - 1].text in HYPHENS and doc.lower(m - 2) in STANCE_PREFIXES:
        return True
    text = doc.lower(m)
    return any(text.startswith(prefix + "-") for prefix in STANCE_PREFIXES)


def _state_id(country: str | None, role: str | None) -> str | None:
    if country is None:
        return None
    return f"cty:{country}:{role}" if role else f"cty:{country}"


NP_MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod", "case", "nummod", "hmod", "punct", "advmod", "npadvmod", "conj", "cc"})


def _left_edge(doc: _Doc, head: int) -> int:
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


def _role_candidates(doc: _Doc, covered: set[int]) -> list[_Cand]:
    cands: list[_Cand] = []
    for k, token in enumerate(doc.tokens):
        if k in covered or k in doc.match_at:
            continue
        if token.dep in {"compound"} and doc.role_phrase_at(doc.heads[k]) is not None:
            continue  # "army" in "army soldiers": the outer head speaks for both
        phrase = doc.role_phrase_at(k)
        if phrase is None:
            continue
        phrase_start, role = phrase
        start = min(_left_edge(doc, k), phrase_start)
        outer = doc.heads[k]
        if token.dep in {"compound", "amod", "nmod"} and outer > k and start == _left_edge(doc, k):
            # "Israeli army bulldozers": the demonym hangs from the outer noun, left of "army".
            start = min(start, _left_edge(doc, outer))
        has_the = any(doc.lower(d) == "the" for d in doc.kids(k, "det"))
        if has_the and start == k and (doc.lower(k) in doc.kb.person_nouns or token.lemma.casefold() in doc.kb.person_nouns) \
                and not doc.kids(k, "prep"):
            continue  # "the Leader", "the general": left to coreference
        end = k + 1
        country: str | None = None
        body: KbEntry | None = None
        for m in range(start, k):
            if _stance_prefixed(doc, m):
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
                        for m in range(_left_edge(doc, obj), obj):
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
        name = doc.article.text[doc.tokens[start].span.start : doc.tokens[end - 1].span.end]
        shared = _shared_demonym_countries(doc, k) if country is None and body is None else []
        if shared:
            # "the Iraqi and Syrian nations, governments, armies": the demonyms of the first
            # conjunct qualify every coordinated role noun, one actor per country each.
            role_words = " ".join(doc.tokens[m].lemma.casefold() for m in range(start, end))
            for shared_country, demonym in shared:
                cand = _Cand(start, end, f"{demonym} {role_words}", _state_id(shared_country, role), shared_country, role,
                             DISTRIBUTED, "state")
                cand.title_words = frozenset({doc.lower(k), token.lemma.casefold()})
                cands.append(cand)
            continue
        if body is not None and body.kind == "group" and body.country is None:
            cand = _Cand(start, end, name, None, None, role, COMPOUND, "compound", None,
                         code_prefix=(body.code or "IGO")[:3])
        else:
            cand = _Cand(start, end, name, _state_id(country, role), country, role, COMPOUND, "compound")
        cand.title_words = frozenset({doc.lower(k), token.lemma.casefold()})
        cands.append(cand)
    return cands


def _span_text(doc: _Doc, start: int, end: int) -> str:
    return doc.article.text[doc.tokens[start].span.start : doc.tokens[end - 1].span.end]


def _shared_demonym_countries(doc: _Doc, k: int) -> list[tuple[str, str]]:
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


def _relative_clause_info(doc: _Doc, head: int, known: list[_Cand]) -> tuple[str | None, str | None, str | None]:
    """Country and role a relative clause or apposition gives a person (who commands X of Y)."""
    for clause in doc.kids(head, "relcl", "appos", "acl"):
        inside = sorted(_subtree(doc, clause))
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


def _subtree(doc: _Doc, k: int) -> set[int]:
    seen = {k}
    stack = [k]
    while stack:
        for c in doc.kids(stack.pop()):
            if c not in seen:
                seen.add(c)
                stack.append(c)
    return seen


def _person_candidates(doc: _Doc, covered: set[int], known: list[_Cand]) -> list[_Cand]:
    """PERSON entities not in the KB: titles, country modifiers, relative clauses, appositions."""
    cands: list[_Cand] = []
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
            cands.append(_Cand(start, end, entry.name, entry.actor_id, entry.country, entry.sector,
                               FUZZY, entry.kind, entry,
                               surname=normalize_name(doc.tokens[end - 1].text)))
            continue
        new_start, titles, country, body, title_sector = _left_context(doc, start)
        head = max(ks, key=lambda k: 0 if doc.heads[k] in ks and doc.heads[k] != k else 1)
        clause_country, clause_role, prefix = _relative_clause_info(doc, head, known)
        role = title_sector or clause_role
        extractor = APPOSITION if (clause_country or clause_role) and not title_sector else KB
        country = country or clause_country
        prefix = prefix or (body.code[:3] if body is not None and body.country is None and body.code else None)
        name = " ".join(t.text for t in doc.tokens[start:end])
        cands.append(_Cand(new_start, end, name, _unknown_id("per", name), country, role,
                           extractor if (country or role) else "rule:actors-unknown-v1", "unknown_person",
                           None, _title_words(titles), code_prefix=prefix,
                           surname=normalize_name(doc.tokens[end - 1].text)))
    return cands


def _unknown_id(kind: str, name: str) -> str | None:
    key = normalize_name(name).replace(" ", "_")
    return f"unk:{kind}:{key}" if key else None


def _coreference(doc: _Doc, base: list[_Cand]) -> list[_Cand]:
    """Walk the article in order: surnames, "the general", pronouns, "the terror outfit"."""
    by_start = sorted(base, key=lambda c: c.start)
    covered = {k for c in base for k in range(c.start, c.end)}
    persons: list[_Cand] = []
    groups: list[_Cand] = []
    out: list[_Cand] = []
    countries: list[tuple[int, str, KbEntry]] = []  # every country name so far, actor or place
    pointer = 0
    for k, token in enumerate(doc.tokens):
        match = doc.match_at.get(k)
        if (match is not None and match.start == k and match.hit is not None
                and match.hit.entry.kind == "country" and match.hit.entry.country):
            countries.append((k, match.hit.entry.country, match.hit.entry))
        pair = _two_countries(doc, k, countries) if k not in covered else None
        if pair is not None:
            start, found = pair
            for country, entry in found:
                out.append(_Cand(start, k + 1, entry.name, _state_id(country, None), country, None,
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
            target = _recent_person(doc, persons, k)
            if target is not None:
                out.append(_copy(target, k, k + 1, COREF))
            continue
        if token.pos not in NOUNS:
            continue
        dets = [d for d in doc.kids(k, "det") if doc.lower(d) == "the"]
        if token.pos == "PROPN" and not dets:
            surname = normalize_name(token.text)
            target = next((p for p in reversed(persons) if p.surname == surname), None)
            if target is not None and (k + 1 >= len(doc.tokens) or doc.tokens[k + 1].pos != "PROPN"):
                out.append(_copy(target, k, k + 1, COREF))
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
                out.append(_copy(target, det, k + 1, COREF))
                covered.update(range(det, k + 1))
        elif lemma in doc.kb.group_nouns or lower in doc.kb.group_nouns:
            following = next((c for c in by_start if c.start > k and c.start <= k + 2 and c.kind == "group"), None)
            if following is not None:
                continue  # "the Takfiri terror group Daesh" is handled as an apposition
            target = next((g for g in reversed(groups) if g.start < k), None)
            if target is not None:
                out.append(_copy(target, det, k + 1, COREF))
                covered.update(range(det, k + 1))
    return out


PAIR_NOUNS = frozenset({"country", "state", "nation"})


def _two_countries(
    doc: _Doc, k: int, countries: list[tuple[int, str, KbEntry]]
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


LOCATIVE_CONTEXT_PREPS = frozenset({"in", "at", "near", "across", "throughout", "inside", "around"})
DIRECTED_PREPS = frozenset({"to", "from", "toward", "towards", "into", "against", "with", "for", "by"})


def _sentence_countries(doc: _Doc, sent: int) -> tuple[list[str], list[str]]:
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
        if not named or (entry is not None and entry.kind != "country") or _stance_prefixed(doc, k):
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


def _with_context_country(doc: _Doc, cand: _Cand) -> _Cand:
    """An unnamed role actor with no country takes the sentence's one country, if it has one.

    "demonstrators" in "Egyptian police dispersed demonstrators" → EGY; "refugees" in "aid to
    refugees fleeing the war in Liberia" → LBR.  The one country of a locative phrase ("in
    Liberia") wins; else the one country named in the sentence; with two or more, none.
    """
    if cand.kind != "compound" or cand.country is not None or cand.code_prefix or not cand.role:
        return cand
    if doc.lower(cand.end - 1) in doc.kb.weapon_roles:
        return cand  # "a drone strike on a Saudi facility": the weapon's owner is not told
    located, named_all = _sentence_countries(doc, doc.tokens[cand.start].sent)
    choice = located if located else named_all
    if len(choice) != 1:
        return cand
    country = choice[0]
    return dataclasses.replace(
        cand, country=country, actor_id=_state_id(country, cand.role), extractor=CONTEXT
    )


def _descriptions(doc: _Doc, base: list[_Cand], covered: set[int]) -> list[_Cand]:
    """"the Takfiri terror group Daesh": the description names the group that follows it."""
    out: list[_Cand] = []
    for cand in base:
        if cand.kind != "group" or cand.start == 0:
            continue
        k = cand.start - 1
        if k in covered:
            continue
        lemma = doc.tokens[k].lemma.casefold()
        if lemma not in doc.kb.group_nouns and doc.lower(k) not in doc.kb.group_nouns:
            continue
        start = _left_edge(doc, k)
        if start < len(doc.tokens) and doc.lower(start) in {"the", "a"}:
            start += 1
        start = min(start, k)
        out.append(_copy(cand, start, k + 1, APPOSITION))
    return out


def _recent_person(doc: _Doc, persons: list[_Cand], k: int) -> _Cand | None:
    if not persons:
        return None
    last = persons[-1]
    if doc.tokens[k].sent - doc.tokens[last.start].sent > PERSON_WINDOW_SENTENCES:
        return None
    return last


def _copy(target: _Cand, start: int, end: int, extractor: str) -> _Cand:
    return dataclasses.replace(target, start=start, end=end, extractor=extractor)


def resolve_actors(article: Article, kb: ActorKnowledge | None = None) -> tuple[Actor, ...]:
    """Every actor mention in the article, in text order (needs tokens from the nlp stage)."""
    if not article.tokens:
        return ()
    doc = _Doc.build(article, kb or load_actor_knowledge())
    base = _kb_candidates(doc)
    covered = {k for c in base for k in range(c.start, c.end)}
    # Tokens of KB matches that did not become actors (a place "in Iraq") still belong to no role.
    roles = _role_candidates(doc, covered)
    base += roles
    covered |= {k for c in roles for k in range(c.start, c.end)}
    persons = _person_candidates(doc, covered | set(doc.match_at), base)
    base += persons
    covered |= {k for c in persons for k in range(c.start, c.end)}
    base += _descriptions(doc, base, covered)
    base += _coreference(doc, base)
    base = [_with_context_country(doc, cand) for cand in base]
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


def credit_spans(text: str) -> list[Span]:
    """Spans of wire credits and datelines ("GENEVA (AP) -", "(Source: presstv)") in ``text``.

    Uses the credit patterns of :mod:`newsevents.knowledge.provenance` (the same ones the
    provenance stage reads the syndication credit with), over the same head/tail/line windows.
    """
    from newsevents.knowledge.provenance import provenance_knowledge

    found: list[Span] = []
    for credit in provenance_knowledge().credits:
        offset = 0
        if credit.window is not None and credit.where == "tail":
            offset = max(len(text) - credit.window, 0)
        region_end = credit.window if credit.where == "head" and credit.window is not None else len(text)
        for match in credit.regex.finditer(text[offset:region_end]):
            found.append(Span(offset + match.start(), offset + match.end()))
    return sorted(set(found), key=lambda span: (span.start, span.end))


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


def is_metonymy(article: Article, span: Span) -> bool:
    """True where a capital or institution in ``span`` stands for a government, not a place."""
    return any(
        a.span is not None and a.span.overlaps(span) and a.extractor == METONYMY for a in article.actors
    )


@register_stage(STAGE_NAME)
def make_actors_stage() -> FunctionStage:
    return FunctionStage(
        name=STAGE_NAME,
        requires=("tokens", "entities"),
        provides=("actors",),
        function=analyse_actors,
        languages=("en",),
    )
