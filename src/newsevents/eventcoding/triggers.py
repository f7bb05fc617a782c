"""Trigger matching (verbs with particles, prepositions and objects; light verbs; event nouns)
and frames (intent, demand, refusal, threat) that absorb the action they govern."""

from __future__ import annotations

from collections.abc import Sequence

from newsevents.eventcoding.common import (
    COMPLEMENT_DEPS,
    Candidate,
    is_passive,
    verbless_subject,
)
from newsevents.knowledge.event_lexicon import EventLexicon, TriggerEntry
from newsevents.knowledge.ontology import Ontology
from newsevents.model import Span, Token
from newsevents.stages.claims import DependencyView


def _objects_of(view: DependencyView, token: Token) -> list[Token]:
    objects = view.children(token, "dobj")
    if not objects and verbless_subject(view, token) is not None:
        head = view.head(token)
        objects = [head] if head is not None else []
    if is_passive(view, token):
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
        if token.dep == "amod" and verbless_subject(view, token) is None:
            continue  # "the striking miners", "the defeated party": a modifier, not an event
        lemma = lexicon.verb_lemma(token.text, token.lemma)
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


def governing_frame(
    view: DependencyView, candidate: Candidate, frames: dict[int, Candidate]
) -> Candidate | None:
    """The frame verb ("agreed to", "threatened to", "demanded that") governing a trigger."""
    for hops, (ancestor, child) in enumerate(view.ancestors(candidate.token), start=1):
        if hops > 3 or child.dep not in COMPLEMENT_DEPS + ("conj", "advcl", "acl"):
            return None
        if ancestor.i in frames and child.dep != "advcl":
            return frames[ancestor.i]
    return None


def derive(
    ontology: Ontology, frame: Candidate, embedded: Candidate | None
) -> tuple[str, str | None, str | None]:
    """Type, CAMEO code and mode of a frame event given the action it governs."""
    kind = frame.entry.frame
    inner_cameo = embedded.cameo if embedded else None
    inner_quad = ontology.quad_class(embedded.type, embedded.cameo) if embedded else None
    if kind in ("intent", "agree"):
        if embedded is not None and inner_quad == 4 and kind == "intent":
            return "THREATEN", ontology.derived_code("threat", inner_cameo), threat_mode(embedded)
        if embedded is not None and inner_quad == 3 and kind == "intent":
            return embedded.type, embedded.cameo, embedded.mode
        if embedded is not None and inner_quad in (1, 2):
            return "AGREE", ontology.derived_code("intent", inner_cameo), None
        return frame.type, frame.cameo, frame.mode
    if kind == "threaten":
        return (
            "THREATEN",
            ontology.derived_code("threat", inner_cameo),
            (threat_mode(embedded) if embedded else frame.mode),
        )
    if kind == "refuse":
        return "REJECT", ontology.derived_code("refusal", inner_cameo), frame.mode
    if kind == "demand":
        return "REQUEST", ontology.derived_code("request", inner_cameo) or frame.cameo, frame.mode
    return frame.type, frame.cameo, frame.mode


def threat_mode(embedded: Candidate | None) -> str | None:
    if embedded is None:
        return None
    return {
        "ASSAULT": "violence",
        "SANCTION": "relations",
        "COERCE": "restrict",
        "MOBILIZE": "violence",
        "PROTEST": "relations",
    }.get(embedded.type)
