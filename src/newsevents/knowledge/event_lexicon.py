"""Loader and schema check for the event trigger lexicon and the status cues (``data/events``).

``lexicon.yaml`` maps verb and noun lemmas (with particles, prepositions and objects) to PLOVER
types and CAMEO codes; ``speech.yaml`` lists reporting verbs, hedges, modals and negation cues.
Every CAMEO code must exist in the ontology's crosswalk, and an entry whose type disagrees with
the crosswalk must say why in ``type_note``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from newsevents.errors import KnowledgeError
from newsevents.knowledge.datafiles import read_data_file
from newsevents.knowledge.ontology import Ontology, load_ontology

FRAMES = ("intent", "demand", "refuse", "threaten", "agree")


@dataclass(frozen=True)
class TriggerEntry:
    """One lexicon entry: a verb or noun construction and the event it names."""

    pattern_id: str
    lemma: str
    type: str | None  # None for evaluative verbs, typed by their object's polarity
    cameo: str | None
    mode: str | None = None
    particle: str | None = None
    prep: str | None = None
    objects: frozenset[str] = frozenset()
    compounds: frozenset[str] = frozenset()
    contexts: tuple[str, ...] = ()
    frame: str | None = None
    act: str | None = None
    target_preps: tuple[str, ...] = ()
    holder_target: bool = False
    evaluative: bool = False
    military_type: tuple[str, str, str | None] | None = None  # (type, cameo, mode)
    confidence: float = 0.8

    @property
    def specificity(self) -> int:
        return (
            int(bool(self.particle))
            + int(bool(self.prep))
            + 2 * int(bool(self.objects))
            + 2 * int(bool(self.compounds))
        )


@dataclass(frozen=True)
class SpeechCues:
    reporting_verbs: frozenset[str]
    reporting_phrases: frozenset[tuple[str, str]]
    attribution_preps: tuple[tuple[str, ...], ...]
    accusation_verbs: frozenset[str]
    hedges: frozenset[str]
    hypothetical_modals: frozenset[str]
    future_modals: frozenset[str]
    obligation_modals: frozenset[str]
    obligation_phrases: tuple[tuple[str, str], ...]
    conditional_marks: frozenset[str]
    future_frames: frozenset[str]
    negation_words: frozenset[str]
    negating_verbs: frozenset[str]
    negative_evaluation: frozenset[str]
    positive_evaluation: frozenset[str]
    denial_verbs: frozenset[str] = frozenset()
    denial_object_verbs: frozenset[str] = frozenset()
    claim_nouns: frozenset[str] = frozenset()
    responsibility_verbs: frozenset[str] = frozenset()
    responsibility_nouns: frozenset[str] = frozenset()


@dataclass(frozen=True)
class VerbForms:
    """Irregular past forms ("took" -> "take") and the prefixes that keep them ("retook")."""

    past_forms: Mapping[str, str]
    prefixes: tuple[str, ...]  # longest first, so "over" is tried before "o..."

    def base(self, form: str) -> str | None:
        """The base verb of an irregular past form, prefixed or not; None when not one."""
        if form in self.past_forms:
            return self.past_forms[form]
        for prefix in self.prefixes:
            rest = form[len(prefix) :]
            if form.startswith(prefix) and len(rest) > 2 and rest in self.past_forms:
                return prefix + self.past_forms[rest]
        return None


def regular_stems(form: str) -> list[str]:
    """Candidate bases of a regular "-ed" form, most likely first ("shelled" -> "shell")."""
    if not form.endswith("ed") or len(form) < 5:
        return []
    stems = [form[:-2], form[:-1]]  # "attacked" -> "attack"; "raided" -> "raide" (ruled out)
    if form[-3] == form[-4]:
        stems.append(form[:-3])  # "shelled" -> "shell" is above; "stopped" -> "stop"
    if form.endswith("ied"):
        stems.append(form[:-3] + "y")  # "occupied" -> "occupy"
    return stems


@dataclass(frozen=True)
class EventLexicon:
    verbs: Mapping[str, tuple[TriggerEntry, ...]]  # lemma -> entries, most specific first
    nouns: Mapping[str, tuple[TriggerEntry, ...]]
    light_verbs: frozenset[str]
    holder_cues: frozenset[str]
    holder_verbs: frozenset[str]
    speech: SpeechCues
    default_target_preps: tuple[str, ...] = field(default=())
    lemma_fixes: Mapping[str, str] = field(default_factory=dict)
    verb_forms: VerbForms = field(default_factory=lambda: VerbForms({}, ()))
    weapon_nouns: frozenset[str] = frozenset()
    reciprocal_verbs: frozenset[str] = frozenset()
    place_target_types: frozenset[str] = frozenset()
    place_target_preps: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # by type

    def place_preps(self, plover_type: str) -> tuple[str, ...]:
        """Prepositions through which a territory is the target of ``plover_type`` (none: no rule)."""
        if plover_type not in self.place_target_types:
            return ()
        return self.place_target_preps.get(plover_type, ())

    def lemma(self, lemma: str) -> str:
        """The token's lemma, lower-cased, with known lemmatiser slips corrected."""
        lower = lemma.lower()
        return self.lemma_fixes.get(lower, lower)

    def verb_lemma(self, text: str, lemma: str) -> str:
        """The lemma of a verb token, repairing forms the lemmatiser left as they were.

        Only when the lemma equals the surface form ("retook" -> "retook") is it rebuilt: an
        irregular past form, possibly behind a prefix ("re" + "took" -> "retake"), or a regular
        "-ed" form of a lexicon verb ("reshelled" stays, "shelled" -> "shell").
        """
        fixed = self.lemma(lemma)
        surface = text.lower()
        if fixed != surface:
            return fixed
        base = self.verb_forms.base(surface)
        if base is not None:
            return base
        known = self.verbs.keys() | self.light_verbs
        for stem in regular_stems(surface):
            if stem in known:
                return stem
        return fixed


def _fail(name: str, message: str) -> KnowledgeError:
    return KnowledgeError(
        message,
        path=f"newsevents/data/events/{name}",
        hint="fix the named entry; the fields are listed in the file's header comment",
    )


def _read(name: str) -> dict[str, Any]:
    return read_data_file("events", name)


def _entry(
    raw: Any, kind: str, number: int, ontology: Ontology, defaults: Mapping[str, Any]
) -> TriggerEntry:
    name = "lexicon.yaml"
    where = f"{kind} entry {number} ({raw.get('lemma') if isinstance(raw, dict) else raw!r})"
    if not isinstance(raw, dict) or not raw.get("lemma"):
        raise _fail(name, f"{where}: each entry is a mapping with a lemma")
    for key in ("particle", "prep", "objects", "compound", "target_preps", "lemma"):
        value = raw.get(key)
        values = value if isinstance(value, list) else [value]
        if any(isinstance(v, bool) for v in values):
            raise _fail(name, f'{where}: {key} holds a YAML boolean; quote words like "on", "off"')
    plover_type = raw.get("type")
    cameo = raw.get("cameo")
    evaluative = bool(raw.get("evaluative", False))
    if plover_type is None and not evaluative:
        raise _fail(name, f"{where}: type is required unless evaluative: true")
    if plover_type is not None and plover_type not in ontology.types:
        raise _fail(name, f"{where}: unknown PLOVER type {plover_type!r}")
    if cameo is not None:
        cameo = str(cameo)
        code = ontology.codes.get(cameo)
        if code is None:
            raise _fail(name, f"{where}: CAMEO code {cameo!r} is not in cameo_plover.yaml")
        if code.type != plover_type and not raw.get("type_note"):
            raise _fail(
                name,
                f"{where}: type {plover_type} disagrees with the crosswalk ({code.type} for "
                f"{cameo}); add type_note saying why",
            )
    mode = raw.get("mode")
    if mode is not None and plover_type is not None:
        known = ontology.types[plover_type].modes
        if known and mode not in known:
            raise _fail(name, f"{where}: mode {mode!r} is not a mode of {plover_type}")
    frame = raw.get("frame")
    if frame is not None and frame not in FRAMES:
        raise _fail(name, f"{where}: frame must be one of {FRAMES}")
    act = raw.get("act")
    if act is not None and act not in ("speech", "material"):
        raise _fail(name, f"{where}: act must be speech or material")
    military = raw.get("military_type")
    military_type = None
    if military is not None:
        if military.get("type") not in ontology.types or str(military.get("cameo")) not in (
            ontology.codes
        ):
            raise _fail(name, f"{where}: military_type needs a known type and cameo")
        military_type = (military["type"], str(military["cameo"]), military.get("mode"))
    confidence = float(raw.get("confidence", defaults.get("confidence", 0.8)))
    if not 0.0 < confidence <= 1.0:
        raise _fail(name, f"{where}: confidence must be in (0, 1]")
    lemma = str(raw["lemma"]).lower()
    parts = [kind, lemma, raw.get("particle"), raw.get("prep")]
    objects = [str(o).lower() for o in raw.get("objects") or ()]
    compounds = [str(o).lower() for o in raw.get("compound") or ()]
    if objects:
        parts.append(objects[0])
    if compounds:
        parts.append(compounds[0])
    pattern_id = raw.get("id") or "-".join(str(p) for p in parts if p)
    target_preps = raw.get("target_preps")
    return TriggerEntry(
        pattern_id=str(pattern_id),
        lemma=lemma,
        type=plover_type,
        cameo=cameo,
        mode=mode,
        particle=raw.get("particle"),
        prep=raw.get("prep"),
        objects=frozenset(objects),
        compounds=frozenset(compounds),
        contexts=tuple(raw.get("context") or ()),
        frame=frame,
        act=act,
        target_preps=tuple(
            defaults.get("target_preps", ()) if target_preps is None else target_preps
        ),
        holder_target=bool(raw.get("holder_target", False)),
        evaluative=evaluative,
        military_type=military_type,
        confidence=confidence,
    )


def _index(entries: list[TriggerEntry]) -> dict[str, tuple[TriggerEntry, ...]]:
    by_lemma: dict[str, list[TriggerEntry]] = {}
    for entry in entries:
        by_lemma.setdefault(entry.lemma, []).append(entry)
    return {
        lemma: tuple(sorted(group, key=lambda e: -e.specificity))
        for lemma, group in by_lemma.items()
    }


def _words(document: Mapping[str, Any], key: str) -> frozenset[str]:
    value = document.get(key)
    if not isinstance(value, list) or any(isinstance(v, bool) for v in value):
        raise _fail("speech.yaml", f'{key!r} must be a list of words (quote "no", "on")')
    return frozenset(str(v).lower() for v in value)


def parse_speech(document: Any) -> SpeechCues:
    if not isinstance(document, dict):
        raise _fail("speech.yaml", "expected a mapping of cue lists")
    phrases = frozenset(
        (str(p["verb"]), str(p["object"])) for p in document.get("reporting_phrases") or ()
    )
    return SpeechCues(
        reporting_verbs=_words(document, "reporting_verbs"),
        reporting_phrases=phrases,
        attribution_preps=tuple(tuple(p) for p in document.get("attribution_preps") or ()),
        accusation_verbs=_words(document, "accusation_verbs"),
        hedges=_words(document, "hedges"),
        hypothetical_modals=_words(document, "hypothetical_modals"),
        future_modals=_words(document, "future_modals"),
        obligation_modals=_words(document, "obligation_modals"),
        obligation_phrases=tuple(
            (str(a), str(b)) for a, b in document.get("obligation_phrases") or ()
        ),
        conditional_marks=_words(document, "conditional_marks"),
        future_frames=_words(document, "future_frames"),
        negation_words=_words(document, "negation_words"),
        negating_verbs=_words(document, "negating_verbs"),
        negative_evaluation=_words(document, "negative_evaluation"),
        positive_evaluation=_words(document, "positive_evaluation"),
        denial_verbs=_words(document, "denial_verbs"),
        denial_object_verbs=_words(document, "denial_object_verbs"),
        claim_nouns=_words(document, "claim_nouns"),
        responsibility_verbs=_words(document, "responsibility_verbs"),
        responsibility_nouns=_words(document, "responsibility_nouns"),
    )


def parse_verb_forms(document: Any) -> VerbForms:
    """``verb_forms.yaml``: ``past_forms`` (form -> base) and ``prefixes``."""
    if not isinstance(document, dict) or not isinstance(document.get("past_forms"), dict):
        raise _fail("verb_forms.yaml", "expected a mapping with 'past_forms' and 'prefixes'")
    forms = {str(k).lower(): str(v).lower() for k, v in document["past_forms"].items()}
    prefixes = document.get("prefixes") or []
    if not isinstance(prefixes, list) or not all(isinstance(p, str) for p in prefixes):
        raise _fail("verb_forms.yaml", "'prefixes' must be a list of strings")
    ordered = tuple(sorted({p.lower() for p in prefixes}, key=lambda p: (-len(p), p)))
    return VerbForms(forms, ordered)


def parse_lexicon(
    document: Any,
    speech: SpeechCues,
    ontology: Ontology,
    verb_forms: VerbForms | None = None,
) -> EventLexicon:
    if not isinstance(document, dict) or not isinstance(document.get("verbs"), list):
        raise _fail("lexicon.yaml", "expected a mapping with 'verbs', 'nouns' and 'light_verbs'")
    defaults = document.get("defaults") or {}
    verbs = [_entry(raw, "verb", n, ontology, defaults) for n, raw in enumerate(document["verbs"])]
    nouns = [
        _entry(raw, "noun", n, ontology, defaults)
        for n, raw in enumerate(document.get("nouns", []))
    ]
    seen: dict[str, int] = {}
    for entry in verbs + nouns:
        seen[entry.pattern_id] = seen.get(entry.pattern_id, 0) + 1
    repeated = sorted(p for p, n in seen.items() if n > 1)
    if repeated:
        raise _fail("lexicon.yaml", f"pattern ids repeated (add an id): {', '.join(repeated)}")
    return EventLexicon(
        verbs=_index(verbs),
        nouns=_index(nouns),
        light_verbs=frozenset(str(v) for v in document.get("light_verbs") or ()),
        holder_cues=frozenset(str(v) for v in document.get("holder_cues") or ()),
        holder_verbs=frozenset(str(v) for v in document.get("holder_verbs") or ()),
        speech=speech,
        default_target_preps=tuple(defaults.get("target_preps") or ()),
        lemma_fixes={str(k): str(v) for k, v in (document.get("lemma_fixes") or {}).items()},
        verb_forms=verb_forms if verb_forms is not None else VerbForms({}, ()),
        weapon_nouns=frozenset(str(v).lower() for v in document.get("weapon_nouns") or ()),
        reciprocal_verbs=frozenset(str(v).lower() for v in document.get("reciprocal_verbs") or ()),
        **_place_targets(document.get("place_targets") or {}, ontology),
    )


def _place_targets(section: Any, ontology: Ontology) -> dict[str, Any]:
    """``place_targets``: the types whose target may be a territory, and the prepositions."""
    if not isinstance(section, dict):
        raise _fail("lexicon.yaml", "place_targets must be a mapping with 'preps' and 'types'")
    types = [str(t) for t in section.get("types") or ()]
    unknown = sorted(t for t in types if t not in ontology.types)
    if unknown:
        raise _fail("lexicon.yaml", f"place_targets names unknown types: {', '.join(unknown)}")
    common = tuple(str(p) for p in section.get("preps") or ())
    extra = section.get("extra_preps") or {}
    if not isinstance(extra, dict) or any(t not in types for t in extra):
        raise _fail("lexicon.yaml", "place_targets.extra_preps must map listed types to lists")
    preps = {t: common + tuple(str(p) for p in extra.get(t) or ()) for t in types}
    return {"place_target_types": frozenset(types), "place_target_preps": preps}


@lru_cache(maxsize=1)
def load_speech_cues() -> SpeechCues:
    return parse_speech(_read("speech.yaml"))


@lru_cache(maxsize=1)
def load_event_lexicon() -> EventLexicon:
    """The packaged trigger lexicon and status cues, read and checked once per process."""
    return parse_lexicon(
        _read("lexicon.yaml"),
        load_speech_cues(),
        load_ontology(),
        parse_verb_forms(_read("verb_forms.yaml")),
    )


__all__ = [
    "EventLexicon",
    "SpeechCues",
    "TriggerEntry",
    "VerbForms",
    "load_event_lexicon",
    "load_speech_cues",
    "parse_lexicon",
    "parse_speech",
    "parse_verb_forms",
    "regular_stems",
]
