"""Arguments of a trigger: source and target phrases resolved to actors from the actors layer.

Subjects, objects, agents, datives and prepositional objects are followed (coordination gives one
actor per conjunct); holders of a place ("under Daesh's control") are the target of a recapture.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from newsevents.eventcoding.common import (
    ARGUMENT_CHILD_ORDER,
    EXTRACTOR,
    FALLBACK_LABELS,
    PLACE_LABELS,
    Candidate,
    agent_objects,
    is_passive,
    same_actor,
    unique_actors,
    verbless_subject,
)
from newsevents.knowledge.actors import (
    AliasMatch,
    KbEntry,
    find_alias_matches,
    load_actor_knowledge,
)
from newsevents.knowledge.event_lexicon import EventLexicon
from newsevents.model import Actor, Article, Span, Token
from newsevents.stages.claims import DependencyView


def _actor_lookup(article: Article) -> Callable[[Span], Actor | None]:
    """``actors.actor_at`` when the actors stage is installed, else a span-overlap lookup."""
    try:
        from newsevents.stages.actors import actor_at
    except ImportError:
        return lambda span: _overlapping_actor(article, span)
    return lambda span: actor_at(article, span)


def _overlapping_actor(article: Article, span: Span) -> Actor | None:
    best: Actor | None = None
    for actor in article.actors:
        if actor.span is None or not actor.span.overlaps(span):
            continue
        if (
            best is None
            or best.span is None
            or (actor.span.end - actor.span.start < best.span.end - best.span.start)
        ):
            best = actor
    if best is None and not article.actors:
        # Without an actors layer, a named entity stands in so the event keeps its evidence.
        for mention in article.entities:
            if mention.label in FALLBACK_LABELS and mention.span.overlaps(span):
                return Actor(
                    span=mention.span,
                    text=mention.text,
                    name=mention.text,
                    extractor=f"{EXTRACTOR}:ner-fallback",
                )
    return best


class ArgumentFinder:
    """Source/target phrases of a trigger, resolved to actors."""

    def __init__(self, article: Article, view: DependencyView, lexicon: EventLexicon) -> None:
        self.article = article
        self.view = view
        self.lexicon = lexicon
        self.lookup = _actor_lookup(article)
        self.entity_labels: dict[int, str] = {t.i: t.ent_type for t in view.tokens if t.ent_type}
        self._territories: dict[int, AliasMatch] | None = None

    def territory_match(self, token: Token) -> AliasMatch | None:
        """The knowledge-base country, capital or known place covering ``token``, if any.

        The sentence is matched once, on first use, so sentences without a place target pay
        nothing.
        """
        if self._territories is None:
            tokens = list(self.view.tokens)
            rows = [(t.text, t.span.start, t.span.end, t.sent) for t in tokens]
            matches = find_alias_matches(
                load_actor_knowledge(), rows, self.article.text, with_places=True
            )
            self._territories = {
                tokens[k].i: match for match in matches for k in range(match.start, match.end)
            }
        return self._territories.get(token.i)

    def actor_at_token(self, token: Token) -> Actor | None:
        actor = self.lookup(token.span)
        if actor is not None and actor.span is None:
            actor = dataclasses.replace(actor, span=token.span)
        return actor

    def actors_at_token(self, token: Token) -> list[Actor]:
        """The actor at ``token`` and every other actor on exactly its span.

        One span can stand for several actors ("the two countries" → IRQ and SYR; "Iraqi and
        Syrian ... armies" → IRQMIL and SYRMIL); each gets its own event.
        """
        actor = self.actor_at_token(token)
        if actor is None or actor.span is None:
            return [] if actor is None else [actor]
        same_span = [
            other
            for other in self.article.actors
            if other.span == actor.span and other is not actor and not same_actor(other, actor)
        ]
        return [actor, *same_span]

    def phrase_actors(self, head: Token, depth: int = 0) -> list[Actor]:
        """Actors named by the noun phrase headed by ``head`` (and its conjuncts)."""
        found: list[Actor] = []
        for conjunct in self.view.conjuncts(head):
            at_token = self.actors_at_token(conjunct)
            if at_token:
                found.extend(at_token)
                continue
            for dep in ARGUMENT_CHILD_ORDER:
                kids = [
                    k
                    for child in self.view.children(conjunct, dep)
                    for k in self.view.conjuncts(child)
                ]
                actors = [a for a in (self.actor_at_token(k) for k in kids) if a is not None]
                if actors:
                    found.extend(actors)
                    break
            else:
                if depth < 2:
                    for prep in self.view.children(conjunct, "prep"):
                        if prep.text.lower() in ("of", "in", "from", "within", "for", "with"):
                            for pobj in self.view.children(prep, "pobj"):
                                found.extend(self.phrase_actors(pobj, depth + 1))
                    # "the president of the United States": appositive inside the phrase
        return unique_actors(found)

    def holder_actors(self, place_head: Token) -> list[Actor]:
        """The actor that held a place: "under Daesh's control", "Daesh's last stronghold"."""
        for token in self.view.subtree(place_head):
            lemma = token.lemma.lower()
            if (
                lemma in self.lexicon.holder_cues
                and token.i != place_head.i
                or (lemma in self.lexicon.holder_cues and token.dep in ("appos", "attr"))
            ):
                for dep in ("poss", "compound", "amod"):
                    for kid in self.view.children(token, dep):
                        actors = self.phrase_actors(kid)
                        if actors:
                            return actors
                for prep in self.view.children(token, "prep"):
                    if prep.text.lower() in ("of", "by"):
                        for pobj in self.view.children(prep, "pobj"):
                            actors = self.phrase_actors(pobj)
                            if actors:
                                return actors
            if lemma in self.lexicon.holder_verbs and token.pos == "VERB":
                for agent in self.view.children(token, "agent"):
                    for pobj in self.view.children(agent, "pobj"):
                        actors = self.phrase_actors(pobj)
                        if actors:
                            return actors
                subject = self.view.subject(token)
                if subject is not None and subject.tag not in ("WDT", "WP"):
                    actors = self.phrase_actors(subject)
                    if actors:
                        return actors
        return []

    def is_place(self, token: Token) -> bool:
        return token.ent_type in PLACE_LABELS or any(
            p.span is not None and p.span.overlaps(token.span) for p in self.article.places
        )


def arguments(finder: ArgumentFinder, candidate: Candidate) -> tuple[list[Actor], list[Actor]]:
    """(sources, targets) of a trigger."""
    view, token, entry = finder.view, candidate.token, candidate.entry
    sources: list[Actor] = []
    targets: list[Actor] = []
    if candidate.nominal:
        return _nominal_arguments(finder, candidate)
    passive = is_passive(view, token)
    if passive:
        for agent in agent_objects(view, token):
            sources.extend(finder.phrase_actors(agent) or weapon_source(finder, agent))
        patients = view.children(token, "nsubjpass")
        if not patients and token.dep in ("acl",):
            head = view.head(token)
            patients = [head] if head is not None else []
        if not patients and token.dep == "advcl":
            subject = view.subject(view.head(token) or token)
            patients = [subject] if subject is not None else []
        for patient in patients:
            targets.extend(finder.phrase_actors(patient))
        if not targets:
            targets = _prep_targets(finder, token, entry.target_preps)
        return unique_actors(sources), unique_actors(targets)
    subject = view.subject(token) or verbless_subject(view, token)
    if subject is not None:
        sources.extend(finder.phrase_actors(subject) or weapon_source(finder, subject))
    if not sources:
        sources.extend(clause_antecedent(finder, token))
    targets = _target_actors(finder, candidate)
    return unique_actors(sources), unique_actors(targets)


# A finite verb with no subject anywhere up its clause chain is a mangled parse ("its campaign,
# which was the terror outfit make gains"): the actor named just before it is its subject.
FINITE_TAGS = frozenset({"VBD", "VBP", "VBZ"})
ANTECEDENT_DEPS = frozenset({"nsubj", "nsubjpass", "attr", "appos", "ROOT"})


def clause_antecedent(finder: ArgumentFinder, token: Token) -> list[Actor]:
    """The actor of the nearest preceding subject-like noun phrase, for a subjectless finite verb.

    Walks back from the verb inside its sentence; a noun phrase qualifies when its head is a
    subject, a predicate noun or an apposition (not an object or a prepositional object, which
    are what the clause acts on).  A possessor qualifies through its phrase: in "Daesh's
    campaign ... the outfit make gains" the nearest, "the outfit", is taken.
    """
    view = finder.view
    if token.pos != "VERB" or view.children(token, "nsubj", "nsubjpass", "expl", "csubj"):
        return []
    if token.dep == "conj":
        # A true conjunct shares its head's subject; a bare "make" joined to a past-tense
        # "ended" with no auxiliary is a clause the parser attached to the wrong verb.
        head = view.head(token)
        if token.tag not in ("VB", "VBP") or head is None or head.tag != "VBD":
            return []
        if view.children(token, "aux", "auxpass"):
            return []
    elif token.tag not in FINITE_TAGS:
        return []
    for word in reversed([t for t in view.tokens if t.i < token.i]):
        if word.dep not in ANTECEDENT_DEPS or word.pos not in ("NOUN", "PROPN"):
            continue
        actors = finder.phrase_actors(word)
        if actors:
            return actors
    return []


def _target_actors(finder: ArgumentFinder, candidate: Candidate) -> list[Actor]:
    view, token, entry = finder.view, candidate.token, candidate.entry
    objects = view.children(token, "dobj") or view.children(token, "attr")
    if not objects and verbless_subject(view, token) is not None:
        head = view.head(token)
        objects = [head] if head is not None else []
    datives = view.children(token, "dative")
    if entry.holder_target:
        for prep in view.children(token, "prep"):
            if prep.text.lower() == "from":
                for pobj in view.children(prep, "pobj"):
                    actors = finder.phrase_actors(pobj)
                    if actors:
                        return actors
        clause = [k for k in view.children(token) if k.dep not in ("nsubj", "nsubjpass", "advcl")]
        for part in objects + [k for k in clause if k not in objects]:
            actors = finder.holder_actors(part)
            if actors:
                return actors
        for obj in objects:
            if not finder.is_place(obj):
                actors = [
                    a for a in finder.phrase_actors(obj)
                    if not (a.span and any(finder.is_place(t) for t in view.tokens
                                           if t.span.overlaps(a.span)))
                ]  # fmt: skip
                if actors:
                    return actors
        return []
    for dative in datives:
        actors = finder.phrase_actors(dative)
        if actors:
            return actors
    for obj in objects:
        if (
            candidate.light
            and candidate.object_token is not None
            and (obj.i == candidate.object_token.i)
        ):
            # Light verb: "paid homage to X" - the target is in the noun's or verb's prep.
            actors = _prep_targets(finder, obj, entry.target_preps)
            if actors:
                return actors
            continue
        if entry.type == "RETREAT" and _own_possession(view, obj):
            continue  # "withdrew its troops from X": its own forces are not what it acts on
        actors = finder.phrase_actors(obj)
        if actors:
            return actors
    actors = _prep_targets(finder, token, entry.target_preps)
    if actors:
        return actors
    for obj in objects:  # "imposed a curfew on the capital"
        actors = _prep_targets(finder, obj, entry.target_preps)
        if actors:
            return actors
    # Frame complements: "demanded that the US cancel", "urged X to".
    for complement in view.children(token, "ccomp", "xcomp"):
        subject = view.subject(complement, passive_ok=True)
        if subject is not None and subject.i != (view.subject(token) or token).i:
            actors = finder.phrase_actors(subject)
            if actors:
                return actors
    return []


POSSESSIVE_PRONOUNS = frozenset({"its", "their", "his", "her", "our"})


def _own_possession(view: DependencyView, obj: Token) -> bool:
    """The object is owned by the clause's own subject: "its troops", "their forces"."""
    return any(kid.text.lower() in POSSESSIVE_PRONOUNS for kid in view.children(obj, "poss"))


def complement_actors(
    finder: ArgumentFinder, token: Token, exclude: Sequence[Actor]
) -> list[Actor]:
    """First actor named in a frame's complement ("threatened to cut power to X")."""
    view = finder.view
    subjects = [s for s in view.children(token, "nsubj", "nsubjpass")]
    for complement in view.children(token, "xcomp", "ccomp", "prep", "dobj"):
        for word in view.subtree(complement):
            if any(view.in_subtree(word, s) for s in subjects):
                continue
            actor = finder.actor_at_token(word)
            if actor is not None and not any(same_actor(actor, e) for e in exclude):
                return [actor]
    return []


def _prep_targets(finder: ArgumentFinder, token: Token, preps: Sequence[str]) -> list[Actor]:
    view = finder.view
    for prep in view.children(token, "prep", "dative"):
        if prep.text.lower() in preps:
            for pobj in view.children(prep, "pobj"):
                actors = finder.phrase_actors(pobj)
                if actors:
                    return actors
    return []


def _nominal_arguments(
    finder: ArgumentFinder, candidate: Candidate
) -> tuple[list[Actor], list[Actor]]:
    view, token = finder.view, candidate.token
    sources: list[Actor] = []
    targets: list[Actor] = []
    for kid in view.children(token, "poss", "compound", "amod"):
        if kid.lemma.lower() in finder.lexicon.weapon_nouns:
            # "a drone strike": the weapon is the means; only its own country names a force.
            sources.extend(weapon_source(finder, kid))
            continue
        sources.extend(finder.phrase_actors(kid))
    if not sources and candidate.type == "ASSAULT":
        sources.extend(weapon_source(finder, token))  # "Israeli air strikes on Gaza"
    for prep in view.children(token, "prep"):
        word = prep.text.lower()
        for pobj in view.children(prep, "pobj"):
            if word == "by":
                sources.extend(finder.phrase_actors(pobj))
            elif word == "of" and candidate.entry.holder_target:
                targets.extend(finder.holder_actors(pobj))
            elif word in ("on", "against", "of", "to", "with"):
                targets.extend(finder.phrase_actors(pobj))
    return unique_actors(sources), unique_actors(targets)


PLACE_TARGET = f"{EXTRACTOR}:place-target"
# Nouns a territory modifies or governs without being an actor: "Montenegro province",
# "the capital city of Algiers", "the town of Samarra".
TERRITORY_NOUN_DEPS = ("compound", "amod", "nmod", "poss")


def territory_actor(finder: ArgumentFinder, token: Token, depth: int = 0) -> Actor | None:
    """The state a place phrase headed by ``token`` stands for, as an actor.

    An actor already there (with a country) is taken as it is; otherwise a country name, a
    capital or a place the actor knowledge base knows the country of gives a country actor on
    the place's own span, marked with the ``place-target`` extractor.
    """
    view = finder.view
    existing = finder.actor_at_token(token)
    if existing is not None and existing.country:
        return existing
    candidates = [token, *view.children(token, *TERRITORY_NOUN_DEPS)]
    for word in candidates:
        match = finder.territory_match(word)
        if match is None:
            continue
        actor = _country_actor(finder, match)
        if actor is not None:
            return actor
    if depth < 1:
        for prep in view.children(token, "prep"):
            if prep.text.lower() == "of":
                for pobj in view.children(prep, "pobj"):
                    actor = territory_actor(finder, pobj, depth + 1)
                    if actor is not None:
                        return actor
    return None


def _country_actor(finder: ArgumentFinder, match: AliasMatch) -> Actor | None:
    entry: KbEntry | None = None
    if match.hit is not None:
        if match.hit.entry.kind == "country" and match.hit.form in ("name", "alias", "capital"):
            entry = match.hit.entry
    elif match.place is not None:
        # A known city or province: the state it lies in.
        entry = load_actor_knowledge().countries_by_code.get(match.place.country)
    if entry is None or entry.country is None:
        return None
    country = entry.country
    tokens = finder.view.tokens  # the sequence the sentence was matched over
    span = Span(tokens[match.start].span.start, tokens[match.end - 1].span.end)
    return Actor(
        span=span,
        text=finder.article.span_text(span),
        name=entry.name,
        actor_id=entry.actor_id,
        country=country,
        code=country,
        extractor=PLACE_TARGET,
    )


def place_targets(
    finder: ArgumentFinder, triggers: Sequence[tuple[Token, str]], exclude: Sequence[Actor]
) -> list[Actor]:
    """Territory targets of triggers (token, PLOVER type) that found no actor target.

    Only types listed under ``place_targets`` in the lexicon qualify, and only places attached
    to the trigger, or to its direct object ("imposed a curfew in Sudan"), through the listed
    prepositions; the first trigger with one wins.
    """
    view = finder.view
    for token, plover_type in triggers:
        preps = finder.lexicon.place_preps(plover_type)
        if not preps:
            continue
        found: list[Actor] = []
        for head in [token, *view.children(token, "dobj")]:
            for prep in view.children(head, "prep"):
                if prep.text.lower() not in preps:
                    continue
                # "out of Lebanon": the object hangs from a second preposition.
                objects = view.children(prep, "pobj") or [
                    p for inner in view.children(prep, "prep") for p in view.children(inner, "pobj")
                ]
                for pobj in objects:
                    for conjunct in view.conjuncts(pobj):
                        actor = territory_actor(finder, conjunct)
                        if actor is not None and not any(same_actor(actor, e) for e in exclude):
                            found.append(actor)
            if found:
                return unique_actors(found)
    return []


OWNER_COUNTRY = f"{EXTRACTOR}:owner-country"
OWNER_DEPS = ("amod", "compound", "poss", "nmod")
OWNER_FORMS = frozenset({"name", "alias", "demonym", "capital"})


def owner_actor(finder: ArgumentFinder, head: Token, role: str | None) -> Actor | None:
    """The country a noun phrase's demonym, name or possessor names, as an actor.

    "Israeli air strikes" with ``role="MIL"`` gives ISRMIL (the force operating the weapon);
    "a Saudi oil facility" with no role gives SAU (the owner of the object attacked).  Only a
    country directly modifying ``head`` counts, so a country further off in the sentence (or a
    sentence-context guess) never stands in; the span runs from the modifier to the head.
    """
    kb = load_actor_knowledge()
    for kid in finder.view.children(head, *OWNER_DEPS):
        match = finder.territory_match(kid)
        if match is None or match.hit is None:
            continue
        entry = match.hit.entry
        if entry.kind != "country" or match.hit.form not in OWNER_FORMS or not entry.country:
            continue
        country = entry.country
        span = Span(min(kid.span.start, head.span.start), max(kid.span.end, head.span.end))
        name = kb.countries_by_code[country].name if country in kb.countries_by_code else country
        return Actor(
            span=span,
            text=finder.article.span_text(span),
            name=f"{name} ({role})" if role else name,
            actor_id=f"cty:{country}:{role}" if role else f"cty:{country}",
            country=country,
            role=role,
            code=country + (role or ""),
            extractor=OWNER_COUNTRY,
        )
    return None


def weapon_source(finder: ArgumentFinder, phrase: Token) -> list[Actor]:
    """The armed forces behind a weapon or attack noun with a country ("Russian missiles")."""
    lexicon = finder.lexicon
    if phrase.lemma.lower() not in lexicon.weapon_nouns and (
        phrase.text.lower() not in lexicon.weapon_nouns
    ):
        return []
    actor = owner_actor(finder, phrase, "MIL")
    return [actor] if actor is not None else []


OWNER_TARGET_PREPS = ("on", "against", "at", "upon", "of")


def owner_targets(
    finder: ArgumentFinder, candidate: Candidate, exclude: Sequence[Actor]
) -> list[Actor]:
    """The country owning what a trigger acts on: "struck a Saudi oil facility" -> SAU.

    Direct objects (and passive subjects) of a verb trigger, and objects of the target
    prepositions of the trigger (verb or noun) are tried in sentence order; a country that is
    already the source is not its own target.
    """
    view, token = finder.view, candidate.token
    heads: list[Token] = []
    if not candidate.nominal:
        heads.extend(view.children(token, "dobj", "nsubjpass"))
    for prep in view.children(token, "prep"):
        if prep.text.lower() in OWNER_TARGET_PREPS:
            heads.extend(view.children(prep, "pobj"))
    for head in sorted(heads, key=lambda t: t.i):
        for conjunct in view.conjuncts(head):
            actor = owner_actor(finder, conjunct, None)
            if actor is not None and not any(
                e.country == actor.country for e in exclude if e.country
            ):
                return [actor]
    return []
