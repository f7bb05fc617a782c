"""Grammatical tense around a time expression, from the dependency layer or from words alone.

The tense decides which way a weekday or a year-less date points: "on Friday" in "troops
liberated" is the last Friday; in "troops will enter" it is the next one.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence

from newsevents.knowledge.temporal import load_temporal_lexicon
from newsevents.model import Span, Token

FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
MAX_CLIMB = 8


def _aux_children(verb: Token, sentence_tokens: Sequence[Token]) -> list[Token]:
    return [t for t in sentence_tokens if t.head == verb.i and t.dep in {"aux", "auxpass"}]


def verb_tense(verb: Token, sentence_tokens: Sequence[Token]) -> str | None:
    """past | perfect | present | future for a finite verb group; None if not finite."""
    future_markers = load_temporal_lexicon().future_markers
    auxiliaries = _aux_children(verb, sentence_tokens)
    lowered = [a.text.lower() for a in auxiliaries]
    if any(a in future_markers for a in lowered) or verb.text.lower() in future_markers:
        return "future"
    if "going" in lowered and any(t.text.lower() == "to" for t in auxiliaries):
        return "future"
    if any(a.tag == "TO" for a in auxiliaries):
        # An infinitive ("to be held", "to remain") has no tense of its own and often looks ahead.
        return "none"
    for aux in auxiliaries:
        if aux.tag == "MD":
            # "would", "could", "may": modal, no reliable direction
            return "none" if aux.text.lower() not in {"could"} else "past"
        if aux.lemma == "have" and aux.tag in {"VBZ", "VBP"}:
            return "perfect"
        if aux.tag == "VBD":
            return "past"
        if aux.tag in {"VBZ", "VBP"}:
            return "present"
    if verb.tag == "VBD":
        return "past"
    if verb.tag in {"VBZ", "VBP"}:
        return "present"
    return None


def tense_at(span: Span, tokens: Sequence[Token], by_index: Mapping[int, Token]) -> str:
    """Tense of the clause governing the tokens under ``span``: climb heads to a finite verb."""
    inside = [t for t in tokens if span.start <= t.span.start < span.end]
    if not inside:
        return "none"
    sentence_number = inside[0].sent
    sentence_tokens = [t for t in tokens if t.sent == sentence_number]
    # The token whose head lies outside the expression is its attachment point.
    inside_ids = {t.i for t in inside}
    current = next((t for t in inside if t.head not in inside_ids), inside[0])
    for _ in range(MAX_CLIMB):
        if current.pos in {"VERB", "AUX"}:
            found = verb_tense(current, sentence_tokens)
            if found:
                return found
        parent = by_index.get(current.head)
        if parent is None or parent.i == current.i:
            break
        current = parent
    # No finite verb above: take the first finite verb of the sentence (titles, datelines).
    for token in sentence_tokens:
        if token.pos in {"VERB", "AUX"} and token.dep == "ROOT":
            return verb_tense(token, sentence_tokens) or "none"
    return "none"


_IRREGULAR_PAST = frozenset({
    "said", "was", "were", "had", "made", "took", "went", "came", "told", "gave", "saw", "met",
    "won", "lost", "left", "fell", "began", "fought", "held", "led", "sent", "struck", "shot",
    "killed", "hit", "broke", "built", "brought", "caught", "drove", "ran", "rose", "sold", "spoke",
    "stood", "threw", "wrote", "seized", "flew", "fled", "bought", "did", "got", "kept", "paid",
})


def tense_from_words(sentence: str) -> str:
    """A rough tense for text without a parse: future markers, perfect, past forms."""
    words = re.findall(r"[a-z']+", sentence.lower())
    future_markers = load_temporal_lexicon().future_markers
    if any(w in future_markers for w in words) or "going to" in sentence.lower():
        return "future"
    for first, second in itertools.pairwise(words):
        if first in {"has", "have"} and (second.endswith("ed") or second in _IRREGULAR_PAST
                                         or second in {"been", "done", "seen", "taken", "won"}):
            return "perfect"
    if any(w in _IRREGULAR_PAST or (w.endswith("ed") and len(w) > 4) for w in words):
        return "past"
    if any(w in {"is", "are", "am", "says", "has", "have"} for w in words):
        return "present"
    return "none"
