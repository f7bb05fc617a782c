"""Events: who did what to whom, coded to PLOVER with CAMEO and ACLED, over the dependency parse.

For each sentence the stage finds triggers from ``data/events/lexicon.yaml`` (verbs with their
particles, prepositions and objects; light verbs with an event noun; event nouns), takes source
and target from the actors layer through the subject, object and prepositional arguments
(coordination gives one event per actor), lets frame verbs ("agreed to", "threatened to",
"demanded that") absorb the action they govern, and asks :mod:`newsevents.stages.claims` for
the status.  Every event keeps its evidence: trigger, sentence, actor spans, place, date and the
pattern id in ``extractor``.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from newsevents.knowledge.event_lexicon import EventLexicon, TriggerEntry, load_event_lexicon
from newsevents.knowledge.ontology import Ontology, load_ontology
from newsevents.model import (
    Actor,
    Article,
    Attribution,
    DateRef,
    Event,
    Place,
    Span,
    Token,
    Trigger,
)
from newsevents.pipeline.stage import FunctionStage, register_stage
from newsevents.stages.claims import PRONOUNS, DependencyView, StatusDecision, assess

STAGE_NAME = "newsevents.events.v1"
EXTRACTOR = "rule:events-v1"
MAX_PAIRS = 6  # one sentence never yields more than this many events from one trigger
ARMED_ROLES = frozenset({"MIL", "COP", "REB", "INS", "UAF", "SPY"})
ARMED_NOUNS = frozenset(
    {"adviser", "advisor", "force", "troop", "soldier", "fighter", "militia", "army", "militant"}
)
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
FALLBACK_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
COMPLEMENT_DEPS = ("xcomp", "ccomp", "dobj", "prep", "pobj", "pcomp", "acomp", "oprd", "dative")
ARGUMENT_CHILD_ORDER = ("compound", "appos", "amod", "nmod", "poss")


@dataclass
class Candidate:
    """A trigger found in a sentence before arguments and status are attached."""

    token: Token
    entry: TriggerEntry
    span: Span
    nominal: bool
    pattern_id: str
    type: str
    cameo: str | None
    mode: str | None
    object_token: Token | None = None
    light: bool = False  # a light verb whose object noun names the event
    absorbed: list[Candidate] = field(default_factory=list)


# --- actor lookup --------------------------------------------------------------------------


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

    def actor_at_token(self, token: Token) -> Actor | None:
        actor = self.lookup(token.span)
        if actor is not None and actor.span is None:
            actor = dataclasses.replace(actor, span=token.span)
        return actor

    def phrase_actors(self, head: Token, depth: int = 0) -> list[Actor]:
        """Actors named by the noun phrase headed by ``head`` (and its conjuncts)."""
        found: list[Actor] = []
        for conjunct in self.view.conjuncts(head):
            actor = self.actor_at_token(conjunct)
            if actor is not None:
                found.append(actor)
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
        return _unique(found)

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


def _unique(actors: Sequence[Actor]) -> list[Actor]:
    seen: set[tuple[object, ...]] = set()
    out = []
    for actor in actors:
        key = (actor.actor_id or actor.name, actor.span)
        if key not in seen:
            seen.add(key)
            out.append(actor)
    return out


def _is_passive(view: DependencyView, token: Token) -> bool:
    if view.children(token, "nsubjpass", "auxpass"):
        return True
    return (
        token.tag == "VBN" and token.dep in ("acl", "advcl") and bool(view.children(token, "agent"))
    )


def _agent_objects(view: DependencyView, token: Token) -> list[Token]:
    return [p for agent in view.children(token, "agent") for p in view.children(agent, "pobj")]


def _arguments(finder: ArgumentFinder, candidate: Candidate) -> tuple[list[Actor], list[Actor]]:
    """(sources, targets) of a trigger."""
    view, token, entry = finder.view, candidate.token, candidate.entry
    sources: list[Actor] = []
    targets: list[Actor] = []
    if candidate.nominal:
        return _nominal_arguments(finder, candidate)
    passive = _is_passive(view, token)
    if passive:
        for agent in _agent_objects(view, token):
            sources.extend(finder.phrase_actors(agent))
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
        return _unique(sources), _unique(targets)
    subject = view.subject(token) or _verbless_subject(view, token)
    if subject is not None:
        sources.extend(finder.phrase_actors(subject))
    targets = _target_actors(finder, candidate)
    return _unique(sources), _unique(targets)


def _verbless_subject(view: DependencyView, token: Token) -> Token | None:
    """Subject of a finite verb the parser attached as an adjective ("X, ..., liberated Y").

    The small parser sometimes makes the subject noun the ROOT and the verb an ``amod`` of
    its object; only then (a noun ROOT before the verb) is the root taken as the subject.
    """
    if token.dep != "amod" or token.tag not in ("VBD", "VBN"):
        return None
    root = next((t for t in view.tokens if t.dep == "ROOT"), None)
    if root is None or root.pos not in ("NOUN", "PROPN") or root.i > token.i:
        return None
    return root


def _target_actors(finder: ArgumentFinder, candidate: Candidate) -> list[Actor]:
    view, token, entry = finder.view, candidate.token, candidate.entry
    objects = view.children(token, "dobj") or view.children(token, "attr")
    if not objects and _verbless_subject(view, token) is not None:
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


def _complement_actors(
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
            if actor is not None and not any(_same(actor, e) for e in exclude):
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
        sources.extend(finder.phrase_actors(kid))
    for prep in view.children(token, "prep"):
        word = prep.text.lower()
        for pobj in view.children(prep, "pobj"):
            if word == "by":
                sources.extend(finder.phrase_actors(pobj))
            elif word == "of" and candidate.entry.holder_target:
                targets.extend(finder.holder_actors(pobj))
            elif word in ("on", "against", "of", "to", "with"):
                targets.extend(finder.phrase_actors(pobj))
    return _unique(sources), _unique(targets)


# --- trigger matching ----------------------------------------------------------------------


def _objects_of(view: DependencyView, token: Token) -> list[Token]:
    objects = view.children(token, "dobj")
    if not objects and _verbless_subject(view, token) is not None:
        head = view.head(token)
        objects = [head] if head is not None else []
    if _is_passive(view, token):
        objects = objects + view.children(token, "nsubjpass")
    expanded = []
    for obj in objects:
        expanded.extend(view.conjuncts(obj))
        # "a state of emergency", "swathes of land"
        for prep in view.children(obj, "prep"):
            if prep.text.lower() == "of":
                expanded.extend(view.children(prep, "pobj"))
    return expanded


def _particles(view: DependencyView, token: Token) -> set[str]:
    return {k.text.lower() for k in view.children(token, "prt", "advmod", "prep")}


def _preps(view: DependencyView, token: Token) -> set[str]:
    return {k.text.lower() for k in view.children(token, "prep", "prt", "dative", "agent")}


def _match_verb(
    view: DependencyView, token: Token, entries: Sequence[TriggerEntry]
) -> tuple[TriggerEntry, Token | None] | None:
    objects = _objects_of(view, token)
    object_lemmas = {o.lemma.lower(): o for o in objects}
    particles = _particles(view, token)
    preps = _preps(view, token)
    for entry in entries:
        if entry.particle and entry.particle not in particles:
            continue
        if entry.prep and entry.prep not in preps:
            continue
        matched_object = None
        if entry.objects:
            hits = [object_lemmas[o] for o in entry.objects if o in object_lemmas]
            if not hits:
                continue
            # The lexicon's object words are a set: pick by sentence order, not set order.
            matched_object = min(hits, key=lambda hit: hit.i)
        return entry, matched_object
    return None


def _polarity(view: DependencyView, token: Token, lexicon: EventLexicon) -> str | None:
    for obj in view.children(token, "dobj") + [
        p for prep in view.children(token, "prep") for p in view.children(prep, "pobj")
    ]:
        for word in view.subtree(obj):
            lemma = word.lemma.lower()
            if lemma in lexicon.speech.negative_evaluation:
                return "negative"
            if lemma in lexicon.speech.positive_evaluation:
                return "positive"
    return None


def find_candidates(
    view: DependencyView, lexicon: EventLexicon, ontology: Ontology
) -> list[Candidate]:
    """Every trigger in the sentence; nouns consumed by a verb pattern are not repeated."""
    candidates: list[Candidate] = []
    consumed: set[int] = set()
    for token in view.tokens:
        if token.pos != "VERB":
            continue
        if token.dep == "amod" and _verbless_subject(view, token) is None:
            continue  # "the striking miners", "the defeated party": a modifier, not an event
        lemma = lexicon.lemma(token.lemma)
        entries = lexicon.verbs.get(lemma, ())
        match = _match_verb(view, token, entries) if entries else None
        if match is not None:
            entry, obj = match
            plover_type, cameo, mode = entry.type, entry.cameo, entry.mode
            if entry.evaluative:
                polarity = _polarity(view, token, lexicon)
                if polarity is None:
                    match = None
                else:
                    plover_type, cameo, mode = (
                        ("ACCUSE", "111", "disapprove")
                        if polarity == "negative"
                        else ("SUPPORT", "051", None)
                    )
            if match is not None and plover_type is not None:
                end = obj.span.end if obj is not None and obj.i > token.i else token.span.end
                for kid in view.children(token, "prt"):
                    if entry.particle and kid.text.lower() == entry.particle:
                        end = max(end, kid.span.end)
                if obj is not None:
                    consumed.add(obj.i)
                candidates.append(
                    Candidate(
                        token=token,
                        entry=entry,
                        span=Span(token.span.start, end),
                        nominal=False,
                        pattern_id=entry.pattern_id,
                        type=plover_type,
                        cameo=cameo,
                        mode=mode,
                        object_token=obj,
                    )
                )
                continue
        if lemma in lexicon.light_verbs:
            for obj in _objects_of(view, token):
                noun_entry = _match_noun(view, obj, lexicon)
                if noun_entry is None:
                    continue
                consumed.add(obj.i)
                candidates.append(
                    Candidate(
                        token=token,
                        entry=noun_entry,
                        span=Span(token.span.start, max(token.span.end, obj.span.end)),
                        nominal=False,
                        pattern_id=f"light-{lemma}-{noun_entry.pattern_id}",
                        type=noun_entry.type or "",
                        cameo=noun_entry.cameo,
                        mode=noun_entry.mode,
                        object_token=obj,
                        light=True,
                    )
                )
                break
    verb_triggers = [c.token for c in candidates]
    for token in view.tokens:
        if token.pos not in ("NOUN",) or token.i in consumed:
            continue
        noun_match = _match_noun(view, token, lexicon)
        if noun_match is None or noun_match.type is None:
            continue
        noun_type: str = noun_match.type
        # A nominal event inside a verb event's arguments is part of that event.
        if any(view.in_subtree(token, verb) for verb in verb_triggers):
            continue
        start = token.span.start
        for kid in view.children(token, "compound"):
            if noun_match.compounds and kid.lemma.lower() in noun_match.compounds:
                start = min(start, kid.span.start)
        candidates.append(
            Candidate(
                token=token,
                entry=noun_match,
                span=Span(start, token.span.end),
                nominal=True,
                pattern_id=noun_match.pattern_id,
                type=noun_type,
                cameo=noun_match.cameo,
                mode=noun_match.mode,
            )
        )
    del ontology
    return candidates


def _match_noun(view: DependencyView, token: Token, lexicon: EventLexicon) -> TriggerEntry | None:
    if token.pos not in ("NOUN", "PROPN"):
        return None
    entries = lexicon.nouns.get(token.lemma.lower()) or lexicon.nouns.get(token.text.lower())
    if not entries:
        return None
    modifiers = {k.lemma.lower() for k in view.children(token, "compound", "amod", "nmod")}
    for entry in entries:
        if entry.compounds and not (entry.compounds & modifiers):
            continue
        return entry
    return None


# --- frames: intent, demand, refusal, threat ---------------------------------------------


def _governing_frame(
    view: DependencyView, candidate: Candidate, frames: dict[int, Candidate]
) -> Candidate | None:
    """The frame verb ("agreed to", "threatened to", "demanded that") governing a trigger."""
    for hops, (ancestor, child) in enumerate(view.ancestors(candidate.token), start=1):
        if hops > 3 or child.dep not in COMPLEMENT_DEPS + ("conj", "advcl", "acl"):
            return None
        if ancestor.i in frames and child.dep != "advcl":
            return frames[ancestor.i]
    return None


def _derive(
    ontology: Ontology, frame: Candidate, embedded: Candidate | None
) -> tuple[str, str | None, str | None]:
    """Type, CAMEO code and mode of a frame event given the action it governs."""
    kind = frame.entry.frame
    inner_cameo = embedded.cameo if embedded else None
    inner_quad = ontology.quad_class(embedded.type, embedded.cameo) if embedded else None
    if kind in ("intent", "agree"):
        if embedded is not None and inner_quad == 4 and kind == "intent":
            return "THREATEN", ontology.derived_code("threat", inner_cameo), _threat_mode(embedded)
        if embedded is not None and inner_quad == 3 and kind == "intent":
            return embedded.type, embedded.cameo, embedded.mode
        if embedded is not None and inner_quad in (1, 2):
            return "AGREE", ontology.derived_code("intent", inner_cameo), None
        return frame.type, frame.cameo, frame.mode
    if kind == "threaten":
        return (
            "THREATEN",
            ontology.derived_code("threat", inner_cameo),
            (_threat_mode(embedded) if embedded else frame.mode),
        )
    if kind == "refuse":
        return "REJECT", ontology.derived_code("refusal", inner_cameo), frame.mode
    if kind == "demand":
        return "REQUEST", ontology.derived_code("request", inner_cameo) or frame.cameo, frame.mode
    return frame.type, frame.cameo, frame.mode


def _threat_mode(embedded: Candidate | None) -> str | None:
    if embedded is None:
        return None
    return {
        "ASSAULT": "violence",
        "SANCTION": "relations",
        "COERCE": "restrict",
        "MOBILIZE": "violence",
        "PROTEST": "relations",
    }.get(embedded.type)


# --- the stage ---------------------------------------------------------------------------


def _event_place(article: Article, sentence: Span, trigger: Span) -> Place | None:
    # Imported here so loading the events module does not load the gazetteer code.
    from newsevents.stages.places import choose_event_place

    return choose_event_place(article, sentence, trigger)


def _event_date(article: Article, sentence: Span, trigger: Span) -> DateRef:
    from newsevents.stages.dates import event_date

    return event_date(article, sentence, trigger)


def event_id_for(
    article_id: str, plover_type: str, trigger: Span, source: Actor | None, target: Actor | None
) -> str:
    """Deterministic id: the same article, type, trigger and actors give the same id."""
    key = "|".join(
        [
            plover_type,
            f"{trigger.start}:{trigger.end}",
            (source.actor_id or source.name) if source else "",
            (target.actor_id or target.name) if target else "",
        ]
    )
    digest = hashlib.sha1(key.encode("utf-8"), usedforsecurity=False).hexdigest()[:12]
    return f"{article_id}:ev:{digest}"


class SentenceCoder:
    """Codes the events of one article, sentence by sentence."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.lexicon = load_event_lexicon()
        self.ontology = load_ontology()
        self.last_speaker: Attribution | None = None

    def resolve_speaker(self, finder: ArgumentFinder, token: Token) -> Attribution | None:
        actors = finder.phrase_actors(token)
        if actors:
            actor = actors[0]
            return Attribution(name=actor.name, span=actor.span or token.span)
        if token.text.lower() in PRONOUNS and self.last_speaker is not None:
            # An unresolved "he said" continues the last named speaker or source.
            return Attribution(name=self.last_speaker.name, span=token.span)
        return Attribution(name=token.text, span=token.span)

    def code(self) -> list[Event]:
        by_sentence: dict[int, list[Token]] = {}
        for token in self.article.tokens:
            by_sentence.setdefault(token.sent, []).append(token)
        events: list[Event] = []
        for number, sentence in enumerate(self.article.sentences):
            tokens = by_sentence.get(number, [])
            if tokens:
                events.extend(self.code_sentence(sentence, tokens))
        return events

    def code_sentence(self, sentence: Span, tokens: Sequence[Token]) -> list[Event]:
        view = DependencyView(tokens)
        finder = ArgumentFinder(self.article, view, self.lexicon)
        candidates = find_candidates(view, self.lexicon, self.ontology)
        frames = {c.token.i: c for c in candidates if c.entry.frame and not c.nominal}
        kept: list[Candidate] = []
        for candidate in candidates:
            frame = _governing_frame(view, candidate, frames)
            if frame is not None and frame is not candidate:
                frame.absorbed.append(candidate)
            else:
                kept.append(candidate)
        events: list[Event] = []
        for candidate in kept:
            events.extend(self.code_candidate(sentence, view, finder, candidate))
        return events

    def code_candidate(
        self, sentence: Span, view: DependencyView, finder: ArgumentFinder, candidate: Candidate
    ) -> list[Event]:
        ontology = self.ontology
        plover_type, cameo, mode = candidate.type, candidate.cameo, candidate.mode
        embedded = candidate.absorbed[0] if candidate.absorbed else None
        if candidate.entry.frame:
            plover_type, cameo, mode = _derive(ontology, candidate, embedded)
        sources, targets = _arguments(finder, candidate)
        if candidate.entry.frame and not targets and embedded is not None:
            targets = _arguments(finder, embedded)[1]
        if candidate.entry.frame and not targets:
            targets = _complement_actors(finder, candidate.token, sources)
        if candidate.entry.military_type and _is_armed(view, candidate, sources):
            plover_type, cameo, mode = candidate.entry.military_type
        act = candidate.entry.act or ontology.types[plover_type].act
        decision = assess(
            view,
            candidate.token,
            speech_act=act == "speech",
            resolve_speaker=lambda t: self.resolve_speaker(finder, t),
            cues=self.lexicon.speech,
        )
        plover_type, cameo, mode, status, sources, targets = self._modality(
            view, finder, candidate, decision, plover_type, cameo, mode, sources, targets
        )
        accuser = decision.reporting_verb
        if (
            not sources
            and accuser is not None
            and (self.lexicon.lemma(accuser.lemma) in self.lexicon.speech.accusation_verbs)
        ):
            # "Moscow accused Kyiv of shelling": the accused is the source of the claimed act.
            for obj in view.children(accuser, "dobj"):
                sources = finder.phrase_actors(obj)
        if candidate.nominal and not sources and not targets:
            place = _event_place(self.article, sentence, candidate.span)
            if place is None:
                return []  # a bare nominal with no participant or place is no event record
        quad = ontology.quad_class(plover_type, cameo)
        source_options: list[Actor | None] = list(sources) or [None]
        target_options: list[Actor | None] = list(targets) or [None]
        pairs = [(s, t) for s in source_options for t in target_options]
        pairs = [(s, t) for s, t in pairs if not (s and t and _same(s, t))][:MAX_PAIRS]
        place = _event_place(self.article, sentence, candidate.span)
        date = _event_date(self.article, sentence, candidate.span)
        events = []
        for source, target in pairs:
            acled = ontology.acled_for(
                plover_type,
                mode,
                candidate.entry.contexts,
                source.role if source else None,
                target.role if target else None,
            )
            events.append(
                Event(
                    event_id=event_id_for(
                        self.article.article_id, plover_type, candidate.span, source, target
                    ),
                    article_id=self.article.article_id,
                    type=plover_type,
                    status=status,
                    trigger=Trigger(self.article.span_text(candidate.span), candidate.span),
                    sentence_span=sentence,
                    extractor=f"{EXTRACTOR}:{candidate.pattern_id}",
                    confidence=_confidence(view, candidate, source, target),
                    mode=mode,
                    cameo=cameo,
                    quad_class=quad,
                    acled=acled,
                    attributed_to=decision.attributed_to if status == "claimed" else None,
                    source=source,
                    target=target,
                    place=place,
                    date=date,
                )
            )
        if sources and status in ("reported", "asserted") and act == "speech":
            first = sources[0]
            self.last_speaker = Attribution(first.name, first.span)
        elif decision.speaker is not None and decision.attributed_to is not None:
            self.last_speaker = decision.attributed_to
        return events

    def _modality(
        self,
        view: DependencyView,
        finder: ArgumentFinder,
        candidate: Candidate,
        decision: StatusDecision,
        plover_type: str,
        cameo: str | None,
        mode: str | None,
        sources: list[Actor],
        targets: list[Actor],
    ) -> tuple[str, str | None, str | None, str, list[Actor], list[Actor]]:
        """Recode statements of intent, obligation and refusal as CAMEO does.

        "X will provide aid" is an expressed intent (AGREE), "X will attack" a threat,
        "X will not accept" a refusal, and "Y must withdraw" in X's statement a demand by X.
        """
        ontology = self.ontology
        status = decision.status
        quad = ontology.quad_class(plover_type, cameo)
        own_statement = False
        if decision.reporting_verb is not None:
            subject = view.subject(candidate.token)
            own_statement = subject is not None and (
                subject.text.lower() in PRONOUNS
                or (decision.speaker is not None and subject.i == decision.speaker.i)
            )
        if own_statement and not sources and decision.speaker is not None:
            sources = finder.phrase_actors(decision.speaker)
        if candidate.entry.frame:
            return plover_type, cameo, mode, _frame_status(decision), sources, targets
        if decision.obligation and decision.speaker is not None:
            speakers = finder.phrase_actors(decision.speaker)
            return (
                "REQUEST",
                ontology.derived_code("request", cameo),
                None,
                "reported" if decision.reporting_verb is not None else status,
                speakers or sources,
                sources or targets,
            )
        stated = decision.reporting_verb is not None or _has_future_frame(view, candidate.token)
        if decision.future and not decision.hypothetical and stated:
            if decision.negated and quad in (1, 2):
                plover_type, cameo, mode = "REJECT", ontology.derived_code("refusal", cameo), None
            elif decision.negated:
                return plover_type, cameo, mode, status, sources, targets
            elif quad in (1, 2) and plover_type != "AGREE":
                plover_type, cameo, mode = "AGREE", ontology.derived_code("intent", cameo), None
            elif quad == 4:
                plover_type, cameo, mode = (
                    "THREATEN",
                    ontology.derived_code("threat", cameo),
                    _threat_mode(candidate),
                )
            else:
                return plover_type, cameo, mode, status, sources, targets
            if decision.reporting_verb is not None:
                status = "reported" if own_statement else "claimed"
            elif status == "future":
                status = "reported"  # the stated intent is the event; the action is future
        return plover_type, cameo, mode, status, sources, targets


def _has_future_frame(view: DependencyView, token: Token) -> bool:
    """Intent stated by a frame word ("ready to", "plans to"), not by a bare "will"."""
    from newsevents.knowledge.event_lexicon import load_speech_cues

    frames = load_speech_cues().future_frames
    for ancestor, child in view.ancestors(token):
        if child.dep != "xcomp":
            return False
        if ancestor.lemma.lower() in frames:
            return True
    return False


def _frame_status(decision: StatusDecision) -> str:
    if decision.status == "claimed" or decision.negated or decision.hypothetical:
        return decision.status
    return "reported"


def _same(a: Actor, b: Actor) -> bool:
    if a.actor_id and b.actor_id:
        return a.actor_id == b.actor_id
    return a.span == b.span


def _is_armed(view: DependencyView, candidate: Candidate, sources: Sequence[Actor]) -> bool:
    if any(s.role in ARMED_ROLES for s in sources):
        return True
    for agent in _agent_objects(view, candidate.token):
        for conjunct in view.conjuncts(agent):
            if conjunct.lemma.lower() in ARMED_NOUNS:
                return True
    subject = view.subject(candidate.token)
    return subject is not None and subject.lemma.lower() in ARMED_NOUNS


def _confidence(
    view: DependencyView, candidate: Candidate, source: Actor | None, target: Actor | None
) -> float:
    score = candidate.entry.confidence
    if candidate.nominal:
        score -= 0.15
    if candidate.token.dep not in ("ROOT", "conj"):
        score -= 0.1
        if candidate.token.dep in ("advcl", "xcomp", "acl", "relcl"):
            score -= 0.1  # purpose and modifier clauses rarely carry the main event
    elif candidate.entry.frame:
        score += 0.05
    if source is None:
        score -= 0.15
    if target is None:
        score -= 0.05
    return round(min(max(score, 0.05), 0.99), 3)


def extract_events(article: Article) -> Article:
    """The article with ``events`` filled from its tokens and actors layers."""
    if not article.tokens:
        return article
    events = SentenceCoder(article).code()
    return dataclasses.replace(article, events=tuple(events))


@register_stage(STAGE_NAME)
def make_events_stage() -> FunctionStage:
    return FunctionStage(
        name=STAGE_NAME,
        requires=("tokens", "actors", "places", "timexes"),
        provides=("events",),
        function=extract_events,
        languages=("en",),
    )


__all__ = ["STAGE_NAME", "event_id_for", "extract_events", "find_candidates"]
