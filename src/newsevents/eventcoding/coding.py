"""Coding one article: triggers → frames → arguments → status → Event records with evidence."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Sequence

from newsevents.eventcoding.arguments import (
    PLACE_TARGET,
    ArgumentFinder,
    arguments,
    complement_actors,
    owner_targets,
    place_targets,
)
from newsevents.eventcoding.common import (
    ARMED_NOUNS,
    ARMED_ROLES,
    EXTRACTOR,
    MAX_PAIRS,
    Candidate,
    agent_objects,
    same_actor,
)
from newsevents.eventcoding.triggers import derive, find_candidates, governing_frame, threat_mode
from newsevents.knowledge.event_lexicon import SpeechCues, load_event_lexicon
from newsevents.knowledge.ontology import load_ontology
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
from newsevents.stages.claims import PRONOUNS, DependencyView, StatusDecision, assess


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
        return inherit_statement_dates(self.article, events)

    def code_sentence(self, sentence: Span, tokens: Sequence[Token]) -> list[Event]:
        view = DependencyView(tokens)
        finder = ArgumentFinder(self.article, view, self.lexicon)
        candidates = [
            c
            for c in find_candidates(view, self.lexicon, self.ontology)
            if not _denies_claim(view, c, self.lexicon.speech)
        ]
        frames = {c.token.i: c for c in candidates if c.entry.frame and not c.nominal}
        kept: list[Candidate] = []
        for candidate in candidates:
            frame = governing_frame(view, candidate, frames)
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
            plover_type, cameo, mode = derive(ontology, candidate, embedded)
        sources, targets = arguments(finder, candidate)
        if candidate.entry.frame and not targets and embedded is not None:
            targets = arguments(finder, embedded)[1]
        if candidate.entry.frame and not targets:
            targets = complement_actors(finder, candidate.token, sources)
        if candidate.entry.military_type and _is_armed(view, candidate, sources):
            plover_type, cameo, mode = candidate.entry.military_type
        act = candidate.entry.act or ontology.types[plover_type].act
        anchor = participial_anchor(view, candidate.token) if act == "speech" else None
        if anchor is not None:
            # ", accusing X of Y" is the main clause subject's own speech act, wherever the
            # parser hung it (often inside the reported or denied clause before the comma).
            main_subject = view.subject(anchor)
            main_sources = finder.phrase_actors(main_subject) if main_subject else []
            if main_sources:
                sources = main_sources
                targets = [t for t in targets if not any(same_actor(t, s) for s in sources)]
        decision = assess(
            view,
            anchor or candidate.token,
            speech_act=act == "speech",
            resolve_speaker=lambda t: self.resolve_speaker(finder, t),
            cues=self.lexicon.speech,
        )
        if (
            not sources
            and decision.status == "negated"
            and decision.speaker is not None
            and not candidate.nominal
            and view.subject(candidate.token) is None
        ):
            # "Iran dismissed allegations of supplying drones": the denier is who is said to act.
            sources = finder.phrase_actors(decision.speaker)
        claim_verb = responsibility_verb(view, candidate.token, self.lexicon.speech)
        if claim_verb is not None:
            # "X claimed responsibility for the strike": X is who struck, on X's word.
            claimant = view.subject(claim_verb)
            claimants = finder.phrase_actors(claimant) if claimant is not None else []
            if claimants:
                sources = claimants
                targets = [t for t in targets if not any(same_actor(t, c) for c in claimants)]
            if claimant is not None and decision.status in ("asserted", "reported", "claimed"):
                decision = dataclasses.replace(
                    decision,
                    status="claimed",
                    attributed_to=self.resolve_speaker(finder, claimant),
                    speaker=claimant,
                )
        plover_type, cameo, mode, status, sources, targets = self._modality(
            view, finder, candidate, decision, plover_type, cameo, mode, sources, targets
        )
        if not targets:
            # No actor is acted on: a territory the trigger acts in or on stands for its state.
            triggers = [(candidate.token, plover_type), (candidate.token, candidate.type)]
            if embedded is not None:
                triggers.append((embedded.token, embedded.type))
            targets = place_targets(finder, triggers, sources)
        if not targets and plover_type in self.lexicon.place_target_types:
            # "a strike on a Saudi oil facility": the object's country is what is acted on.
            targets = owner_targets(finder, candidate, sources)
        if len(sources) > 1 and ontology.quad_class(plover_type, cameo) in (1, 2):
            targets = self._reciprocal_targets(view, candidate, embedded, sources, targets)
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
        pairs = [(s, t) for s, t in pairs if not (s and t and same_actor(s, t))][:MAX_PAIRS]
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
                    attributed_to=(
                        decision.attributed_to if status in ("claimed", "negated") else None
                    ),
                    source=source,
                    target=target,
                    place=place_outside_actors(
                        self.article, place, source, target, others=(*sources, *targets)
                    ),
                    date=date,
                )
            )
        if sources and status in ("reported", "asserted") and act == "speech":
            first = sources[0]
            self.last_speaker = Attribution(first.name, first.span)
        elif decision.speaker is not None and decision.attributed_to is not None:
            self.last_speaker = decision.attributed_to
        return events

    def _reciprocal_targets(
        self,
        view: DependencyView,
        candidate: Candidate,
        embedded: Candidate | None,
        sources: list[Actor],
        targets: list[Actor],
    ) -> list[Actor]:
        """Coordinated parties of a reciprocal verb act on each other.

        "Russia and Ukraine agreed to exchange prisoners" is AGREE between Russia and Ukraine,
        not with the prisoners: what the verb's direct object names is what they exchange.  A
        target reached otherwise ("met with Iran") stays.
        """
        for trigger in (candidate, embedded):
            if trigger is None:
                continue
            token = trigger.token
            if (
                self.lexicon.verb_lemma(token.text, token.lemma)
                not in self.lexicon.reciprocal_verbs
            ):
                continue
            objects = view.children(token, "dobj")
            exchanged = all(
                t.span is not None
                and any(
                    view.in_subtree(word, obj)
                    for obj in objects
                    for word in view.tokens
                    if word.span.overlaps(t.span)
                )
                for t in targets
            )
            if exchanged:
                return list(sources)
        return targets

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
        if candidate.entry.frame and not (
            decision.obligation and decision.speaker is not None and not own_statement
        ):
            return plover_type, cameo, mode, _frame_status(decision), sources, targets
        if decision.obligation and decision.speaker is not None:
            # "X said Y must agree to ...": a demand by X, whatever Y is to do.
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
                    threat_mode(candidate),
                )
            else:
                return plover_type, cameo, mode, status, sources, targets
            if decision.reporting_verb is not None:
                status = "reported" if own_statement else "claimed"
            elif status == "future":
                status = "reported"  # the stated intent is the event; the action is future
        return plover_type, cameo, mode, status, sources, targets


def _undated(date: DateRef | None) -> bool:
    return date is None or (date.value is None and date.span is None)


def _speaker_key(event: Event) -> str | None:
    source = event.source
    if source is None:
        return None
    return source.actor_id or source.name


def inherit_statement_dates(article: Article, events: Sequence[Event]) -> list[Event]:
    """Date ``reported`` events that have no time cue of their own.

    A statement's speech acts ("praised", "thanked", "paying homage") are usually dated once,
    at the first of them ("In a message on Tuesday, X hailed ..."): an undated reported event
    takes the date of the nearest preceding dated reported event by the same source, with that
    event's basis and evidence span; failing that, the publication date (basis
    ``publication``), which a news report's statements default to.  Events are in text order.
    """
    from newsevents.temporal.annotate import parse_published

    published = parse_published(article.provenance.published if article.provenance else None)
    latest: dict[str, DateRef] = {}
    out: list[Event] = []
    for event in events:
        speaker = _speaker_key(event)
        if event.status == "reported" and _undated(event.date):
            inherited = latest.get(speaker) if speaker is not None else None
            if inherited is not None:
                event = dataclasses.replace(event, date=inherited)
            elif published is not None:
                day = published.isoformat()
                event = dataclasses.replace(event, date=DateRef(day, "day", "publication", None))
        if event.status == "reported" and speaker is not None and not _undated(event.date):
            assert event.date is not None
            latest[speaker] = event.date
        out.append(event)
    return out


def place_outside_actors(
    article: Article,
    place: Place | None,
    source: Actor | None,
    target: Actor | None,
    others: Sequence[Actor] = (),
) -> Place | None:
    """``place`` unless it only names an actor's country ("thanked Lebanon's Hezbollah").

    A place whose span lies inside the source's or target's mention, or is the possessor of
    it, describes who the actor is, not where the event happened; the place stays in the
    article's ``places``.  ``others`` are the trigger's other sources and targets (the rest of
    a coordinated subject or object): "Russia and Ukraine agreed" is not placed in Russia.
    """
    if place is None or place.span is None:
        return place
    for actor in (source, target, *others):
        if actor is None or actor.span is None or actor.extractor == PLACE_TARGET:
            continue  # a territory target is the place as well as the state acted on
        if actor.span.contains(place.span) and not _located_in_phrase(article, place.span):
            return None
        if _possessor_of(article, place.span, actor.span):
            return None
    return place


_SITE_PREPOSITIONS = frozenset({"in", "at", "near", "around", "outside", "inside", "across"})


def _located_in_phrase(article: Article, place: Span) -> bool:
    """The place is where the actor is ("rebels in Darfur"), not who it is ("Darfur rebels",
    "Lebanon's Hezbollah"): its head is the object of a site preposition."""
    tokens = [t for t in article.tokens if t.span.overlaps(place)]
    by_index = {t.i: t for t in article.tokens}
    inside = {t.i for t in tokens}
    heads = [t for t in tokens if t.head not in inside or t.head == t.i]
    return any(
        t.dep == "pobj" and t.head in by_index
        and by_index[t.head].text.lower() in _SITE_PREPOSITIONS
        for t in heads
    )


def _possessor_of(article: Article, place: Span, actor: Span) -> bool:
    """The place's tokens hang as ``poss`` from a token of the actor's mention."""
    inside = [t for t in article.tokens if t.span.overlaps(place)]
    heads = {t.i: t for t in article.tokens if t.span.overlaps(actor)}
    return any(t.dep == "poss" and t.head in heads for t in inside)


def _denies_claim(view: DependencyView, candidate: Candidate, cues: SpeechCues) -> bool:
    """A denial of a claim ("rejected claims that ...", "dismissed reports of ...").

    What it denies is coded with status ``negated`` (claims.find_denial); the verb itself is
    neither a REJECT (refusal) nor a frame that absorbs the denied act.
    """
    token = candidate.token
    if candidate.nominal or token.lemma.lower() not in cues.denial_object_verbs:
        return False
    return any(o.lemma.lower() in cues.claim_nouns for o in view.children(token, "dobj"))


def participial_anchor(view: DependencyView, token: Token) -> Token | None:
    """The main verb a comma-set participial clause (", accusing X of Y") belongs to.

    Only when the parser hung the participle below another clause than the sentence's main
    verb; None when it already hangs from the main verb or is no such clause.
    """
    if token.tag != "VBG" or token.dep not in ("advcl", "xcomp", "conj"):
        return None
    before = view.by_index.get(token.i - 1)
    if before is None or before.text != ",":
        return None
    root = next((t for t in view.tokens if t.dep == "ROOT"), None)
    if root is None or root.pos not in ("VERB", "AUX") or root.i >= token.i:
        return None
    if token.head == root.i:
        return None
    return root


def responsibility_verb(view: DependencyView, token: Token, cues: SpeechCues) -> Token | None:
    """The verb of "claimed/took responsibility for <trigger>" or "claimed <trigger>".

    Denials work alike ("denied responsibility for the attack"): the denier is then the
    source of what it denies.  The trigger must sit in that verb's object with no other
    clause in between.
    """
    for hops, (ancestor, child) in enumerate(view.ancestors(token)):
        if hops > 4 or child.dep in ("nsubj", "nsubjpass", "csubj"):
            return None
        if ancestor.pos not in ("VERB", "AUX"):
            continue
        lemma = ancestor.lemma.lower()
        if child.dep != "dobj":
            return None
        if child.lemma.lower() in cues.responsibility_nouns and (
            lemma in cues.responsibility_verbs or lemma in cues.denial_object_verbs
        ):
            return ancestor
        if child.i == token.i and lemma == "claim":
            return ancestor  # "IS claimed the bombing"
        return None
    return None


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


def _is_armed(view: DependencyView, candidate: Candidate, sources: Sequence[Actor]) -> bool:
    if any(s.role in ARMED_ROLES for s in sources):
        return True
    for agent in agent_objects(view, candidate.token):
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
