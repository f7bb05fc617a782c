"""Knowledge-base mentions: people, groups and demonyms named in the actor knowledge base.

``kb:actors-v1``: a knowledge-base name, with titles, possessors and a following role noun
folded in ("Major General Qassem Soleimani", "Lebanon's Hezbollah resistance movement", "Iran's
IRGC"); a demonym standing for its people or state ("Iraqis", "the Iraqi nation", "Bosnian
Serbs" → BIH).  Country names, capitals and institutions are decided in
:mod:`newsevents.actorcoding.metonymy`.
"""

from __future__ import annotations

from newsevents.actorcoding.document import (
    COMPOUND,
    KB,
    NOUNS,
    POSSESSIVE,
    ArticleView,
    Candidate,
    sentence_countries,
    span_text,
    state_id,
)
from newsevents.actorcoding.metonymy import acts, leads_role_noun, state_name_candidate
from newsevents.knowledge.actors import AliasMatch, KbEntry, normalize_name
from newsevents.model import Token

# Nouns that a demonym turns into the state or nation acting ("the Iraqi nation").
STATE_NOUNS = frozenset({"nation", "nations", "state", "states", "side", "republic", "people", "peoples"})
# Adjectives allowed between a title and a country ("Lebanon's new President").
TITLE_ADJECTIVES = frozenset(
    ["new", "former", "ousted", "late", "then", "acting", "interim", "deputy", "top", "senior", "chief", "outgoing",
     "incoming", "exiled", "self-proclaimed", "powerful", "veteran"]
)


def kb_candidates(doc: ArticleView) -> list[Candidate]:
    """One candidate per knowledge-base match that names an actor here, in match order."""
    cands: list[Candidate] = []
    seen: set[int] = set()
    for match in doc.match_at.values():
        if match.start in seen or match.hit is None:
            continue
        seen.add(match.start)
        entry = match.hit.entry
        head = doc.match_head(match)
        if entry.kind == "person":
            cands.append(person_candidate(doc, match, entry, head))
        elif entry.kind == "group":
            cands.append(group_candidate(doc, match, entry))
        elif match.hit.form == "demonym":
            cands.extend(demonym_candidates(doc, match, entry, head, doc.tokens[head]))
        else:
            state = state_name_candidate(doc, match, match.hit, head)
            if state is not None:
                cands.append(state)
    return cands


def person_candidate(doc: ArticleView, match: AliasMatch, entry: KbEntry, head: int) -> Candidate:
    """A known person with the titles and country written around the name."""
    start, titles, country, _body, title_sector = left_context(doc, match.start)
    titles += [doc.lower(c) for a in doc.kids(head, "appos") for c in [a]
               if doc.tokens[c].lemma.casefold() in doc.kb.person_nouns or doc.lower(c) in doc.kb.person_nouns]
    return Candidate(start, match.end, entry.name, entry.actor_id,
                     entry.country or country, entry.sector or title_sector, KB, "person",
                     entry, titles_to_words(titles) | titles_to_words([normalize_name(entry.name)]),
                     surname=normalize_name(doc.tokens[match.end - 1].text))


def group_candidate(doc: ArticleView, match: AliasMatch, entry: KbEntry) -> Candidate:
    """A known group, with a possessing country ("Iran's IRGC") and a following head noun."""
    start = match.start
    country = entry.country
    if match.start >= 2 and doc.tokens[match.start - 1].text in POSSESSIVE:
        named, owner = doc.country_of(match.start - 2)
        if owner is not None and owner.kind == "country":
            start = doc.match_at[match.start - 2].start
            country = country or named
    return Candidate(start, group_extension(doc, match), entry.name, entry.actor_id,
                     country, entry.sector, KB, "group", entry)


def left_context(doc: ArticleView, start: int) -> tuple[int, list[str], str | None, KbEntry | None, str | None]:
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


def titles_to_words(titles: list[str]) -> frozenset[str]:
    return frozenset(word for title in titles for word in title.split())


def group_extension(doc: ArticleView, match: AliasMatch) -> int:
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




def demonym_candidates(doc: ArticleView, match: AliasMatch, entry: KbEntry, head: int, token: Token) -> list[Candidate]:
    """"the Iraqi nation", "Iraqi and Syrian nations", standalone "Iraqis"."""
    noun = doc.heads[head]
    anchor = head
    while doc.tokens[anchor].dep == "conj" and doc.heads[anchor] != anchor:
        anchor = doc.heads[anchor]
        noun = doc.heads[anchor]
    if leads_role_noun(doc, head):
        return []  # "Vietnamese-led forces": the role noun's compound carries the country
    if token.dep in {"amod", "compound", "nmod"} or doc.tokens[anchor].dep in {"amod", "compound", "nmod"}:
        noun_token = doc.tokens[noun]
        if anchor == head and (
            noun_token.text.casefold() in doc.kb.deed_nouns or noun_token.lemma.casefold() in doc.kb.deed_nouns
        ):
            # "Moroccan rule", "Turkish air raids": the state owns the deed, as "Sweden's decision".
            return [Candidate(match.start, match.end, entry.name, entry.actor_id, entry.country, None,
                              KB, "country", entry)]
        if noun_token.lemma.casefold() in STATE_NOUNS or noun_token.text.casefold() in STATE_NOUNS:
            # Named for what it stands for ("the Iraqi nation"), not just the country.
            described = f"{span_text(doc, match.start, match.end)} {noun_token.lemma.casefold()}"
            return [Candidate(match.start, match.end, described, entry.actor_id, entry.country, None,
                          COMPOUND, "state", entry)]
        # Several demonyms on one role noun ("Iraqi and Syrian armies"): one actor each.
        if anchor != head and doc.role_phrase_at(noun) is not None:
            sector = doc.role_phrase_at(noun)
            role = sector[1] if sector else None
            return [Candidate(match.start, match.end, entry.name, state_id(entry.country, role),
                          entry.country, role, COMPOUND, "state", entry)]
        return []
    plural = token.tag in {"NNS", "NNPS"} or token.text.endswith("s")
    # A people ("Palestinians") is never a place, even after "on" or "in".
    if token.pos in NOUNS and (acts(doc, head) or plural):
        start, country = residence(doc, match, head, entry)
        actor_id = entry.actor_id if country == entry.country else state_id(country, "CVL" if plural else None)
        return [Candidate(start, match.end, entry.name, actor_id, country,
                      "CVL" if plural else None, KB, "country", entry)]
    return []


def residence(doc: ArticleView, match: AliasMatch, head: int, entry: KbEntry) -> tuple[int, str | None]:
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
    for prep in doc.kids(head, "prep"):
        if doc.lower(prep) not in {"of", "in"}:
            continue
        for obj in doc.kids(prep, "pobj"):
            named, other = doc.country_of(obj)
            if named and other is not None and other.kind == "country" and named != entry.country:
                return match.start, named  # "the Albanians of southern Serbia" live in Serbia
    if any(doc.lower(kid) == "ethnic" for kid in doc.kids(head, "amod")):
        located, _ = sentence_countries(doc, doc.tokens[head].sent)
        others = [c for c in located if c != entry.country]
        if len(others) == 1:
            return match.start, others[0]
    return match.start, entry.country
