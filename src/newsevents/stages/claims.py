"""Status and attribution of an event trigger: asserted, reported, claimed, negated, hypothetical,
future (``records.md``).

The outlet *asserts* what it states itself; a speech act it states ("X said / praised /
accused") is *reported*; what someone else's statement says happened is *claimed* and carries
``attributed_to``.  A claim is never turned into an asserted action of the actor it accuses.
All cues (reporting verbs, hedges, modals, negation) come from ``data/events/speech.yaml``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from newsevents.knowledge.event_lexicon import SpeechCues, load_speech_cues
from newsevents.model import Attribution, Span, Token

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "who", "which", "that"})
# Dependencies through which an embedded clause inherits its governor's subject.
SUBJECT_INHERITING_DEPS = frozenset({"xcomp", "advcl", "conj", "pcomp"})


class DependencyView:
    """Parent/child access over the tokens of one sentence (spaCy-free)."""

    def __init__(self, tokens: Sequence[Token]) -> None:
        self.tokens = tuple(tokens)
        self.by_index = {t.i: t for t in self.tokens}
        self._children: dict[int, list[Token]] = {t.i: [] for t in self.tokens}
        for token in self.tokens:
            if token.head != token.i and token.head in self._children:
                self._children[token.head].append(token)

    def children(self, token: Token, *deps: str) -> list[Token]:
        kids = self._children.get(token.i, [])
        return [k for k in kids if not deps or k.dep in deps]

    def head(self, token: Token) -> Token | None:
        if token.head == token.i:
            return None
        return self.by_index.get(token.head)

    def ancestors(self, token: Token) -> Iterator[tuple[Token, Token]]:
        """(ancestor, the child on the path to it) pairs, nearest first."""
        child = token
        parent = self.head(child)
        seen = {token.i}
        while parent is not None and parent.i not in seen:
            seen.add(parent.i)
            yield parent, child
            child, parent = parent, self.head(parent)

    def subtree(self, token: Token) -> list[Token]:
        out, stack = [], [token]
        while stack:
            current = stack.pop()
            out.append(current)
            stack.extend(self._children.get(current.i, []))
        return sorted(out, key=lambda t: t.i)

    def in_subtree(self, token: Token, root: Token) -> bool:
        if token.i == root.i:
            return True
        return any(a.i == root.i for a, _ in self.ancestors(token))

    def conjuncts(self, token: Token) -> list[Token]:
        """The token and the tokens coordinated with it ("A, B and C")."""
        out = [token]
        for kid in self.children(token, "conj"):
            out.extend(self.conjuncts(kid))
        return out

    def subject(self, token: Token, *, passive_ok: bool = False) -> Token | None:
        """The grammatical subject, inherited from the governing clause when absent."""
        current: Token | None = token
        for _ in range(6):
            if current is None:
                return None
            deps = ("nsubj", "nsubjpass") if passive_ok else ("nsubj",)
            subjects = self.children(current, *deps)
            if subjects:
                subject = subjects[0]
                if subject.tag in ("WDT", "WP") and current.dep == "relcl":
                    return self.head(current)
                return subject
            if self.children(current, "nsubjpass") and not passive_ok:
                return None
            if current.dep in SUBJECT_INHERITING_DEPS or (
                current.dep == "ccomp" and current.tag == "VBG"
            ):
                current = self.head(current)
                continue
            if current.dep in ("relcl", "acl") and current.tag in ("VB", "VBG", "VBP", "VBZ"):
                # "the outfit make gains", "forces advancing on the city": the noun acts.
                return self.head(current)
            return None
        return None


@dataclass(frozen=True)
class StatusDecision:
    """The status of one trigger, who it is attributed to, and the cues that decided it."""

    status: str
    attributed_to: Attribution | None = None
    speaker: Token | None = None
    reporting_verb: Token | None = None
    negated: bool = False
    future: bool = False
    hypothetical: bool = False
    obligation: bool = False
    cues: tuple[Span, ...] = ()


SpeakerResolver = Callable[[Token], Attribution | None]


def _default_resolver(token: Token) -> Attribution:
    return Attribution(name=token.text, span=token.span)


def _modal_cues(
    view: DependencyView, token: Token, cues: SpeechCues
) -> tuple[bool, bool, bool, bool, list[Span]]:
    """(negated, future, hypothetical, obligation, evidence) from the trigger's own clause."""
    negated = future = hypothetical = obligation = False
    evidence: list[Span] = []
    chain = [token]
    # "has been orchestrated": auxiliaries hang on the main verb; a copular "is ready to X"
    # hangs them on the adjective, so look one level up through xcomp as well.
    for ancestor, child in view.ancestors(token):
        if child.dep not in ("xcomp", "conj", "aux"):
            break
        chain.append(ancestor)
        if len(chain) > 3:
            break
    for position, node in enumerate(chain):
        for kid in view.children(node):
            lower = kid.text.lower()
            if kid.dep == "neg" or (kid.dep in ("det", "advmod") and lower in ("no", "never")):
                negated = True
                evidence.append(kid.span)
            elif kid.dep in ("aux", "auxpass"):
                if lower in cues.future_modals or kid.lemma in cues.future_modals:
                    future = True
                    evidence.append(kid.span)
                elif lower in cues.obligation_modals:
                    obligation = True
                    evidence.append(kid.span)
                elif lower in cues.hypothetical_modals:
                    if lower == "would":
                        future = True  # future-in-the-past after a past reporting verb
                    else:
                        hypothetical = True
                    evidence.append(kid.span)
            elif kid.dep == "mark" and lower in cues.conditional_marks and position == 0:
                hypothetical = True
                evidence.append(kid.span)
        if position > 0:
            lemma = node.lemma.lower()
            if lemma in cues.future_frames:
                future = True
                evidence.append(node.span)
            if lemma in cues.negating_verbs:
                negated = True
                evidence.append(node.span)
            if lemma in ("have", "need"):
                obligation = True
                evidence.append(node.span)
    # A clause under "if"/"unless" anywhere above the trigger is hypothetical.
    for ancestor, child in view.ancestors(token):
        if child.dep == "advcl" and any(
            m.text.lower() in cues.conditional_marks for m in view.children(child, "mark")
        ):
            hypothetical = True
            break
    if any(m.text.lower() in cues.conditional_marks for m in view.children(token, "mark")):
        hypothetical = True
    return negated, future, hypothetical, obligation, evidence


def _speaker_of(view: DependencyView, verb: Token) -> Token | None:
    subject = view.subject(verb)
    if subject is not None:
        return subject
    for agent in view.children(verb, "agent"):
        objects = view.children(agent, "pobj")
        if objects:
            return objects[0]
    return None


def _is_reporting(view: DependencyView, token: Token, cues: SpeechCues) -> bool:
    lemma = token.lemma.lower()
    if token.pos not in ("VERB", "AUX") and lemma not in ("according",):
        return False
    if lemma in cues.reporting_verbs:
        return True
    return any((lemma, kid.lemma.lower()) in cues.reporting_phrases for kid in view.children(token))


def find_reporting_context(
    view: DependencyView, token: Token, cues: SpeechCues
) -> tuple[Token | None, Token | None, Span | None]:
    """(reporting verb or cue, speaker token, cue span) if the trigger is someone's statement."""
    found: tuple[Token, Token | None, Span] | None = None
    for ancestor, child in view.ancestors(token):
        lemma = ancestor.lemma.lower()
        if child.dep in SUBJECT_DEPS:
            # The trigger is inside the subject of this verb, not its content.
            continue
        if lemma in cues.accusation_verbs and child.dep in ("prep", "pcomp", "pobj", "ccomp"):
            found = (ancestor, _speaker_of(view, ancestor), ancestor.span)
        elif _is_reporting(view, ancestor, cues) and child.dep in (
            "ccomp", "xcomp", "dobj", "prep", "parataxis", "pobj", "pcomp",
        ):  # fmt: skip
            # Keep climbing: in "A said B acknowledged C", the outlet attests only A's words.
            found = (ancestor, _speaker_of(view, ancestor), ancestor.span)
    if found is not None:
        return found
    # Parenthetical "X, he said, did Y" and "according to X" hang below the trigger's clause.
    clause = [token] + [a for a, _ in view.ancestors(token)]
    for node in clause:
        for kid in view.children(node):
            if kid.i == token.i:
                continue
            if kid.dep == "parataxis" and _is_reporting(view, kid, cues):
                if view.children(kid, "ccomp"):
                    continue  # a separate statement with its own content
                return kid, _speaker_of(view, kid), kid.span
            if kid.lemma.lower() == "according" or kid.text.lower() == "according":
                for prep in view.children(kid, "prep"):
                    objects = view.children(prep, "pobj")
                    if objects:
                        return kid, objects[0], Span(kid.span.start, prep.span.end)
            if kid.text.lower() in ("quoting", "citing") and kid.dep in ("advcl", "prep"):
                objects = view.children(kid, "dobj", "pobj")
                if objects:
                    return kid, objects[0], kid.span
    return None, None, None


def find_denial(
    view: DependencyView, token: Token, cues: SpeechCues
) -> tuple[Token, Token | None] | None:
    """(denial verb, denier token) when the trigger is what someone denies happened.

    "denied that it had shelled", "denied shelling" (the verb's own complement) and "denied
    reports that it shelled", "rejected claims of shelling", "dismissed allegations that"
    (through a claim noun the verb takes as object).  The nearest denial up the tree wins; a
    negated denial ("did not deny") is no denial, and a trigger inside the denier's subject
    is not its content.
    """
    through_claim = False
    for ancestor, child in view.ancestors(token):
        if child.dep in SUBJECT_DEPS:
            return None
        if child.i != token.i and child.lemma.lower() in cues.claim_nouns and child.pos == "NOUN":
            through_claim = True
        lemma = ancestor.lemma.lower()
        if ancestor.pos not in ("VERB", "AUX"):
            continue
        denies = (lemma in cues.denial_verbs and child.dep in DENIAL_COMPLEMENT_DEPS) or (
            lemma in cues.denial_object_verbs and through_claim and child.dep == "dobj"
        )
        if denies:
            if view.children(ancestor, "neg"):
                return None
            return ancestor, _speaker_of(view, ancestor)
        if _is_reporting(view, ancestor, cues) and child.dep in ("ccomp", "xcomp", "dobj"):
            return None  # someone else's statement comes first: "X said Y shelled"
    return None


# How a denied act hangs from "deny": "denied that ..." (ccomp), "denied shelling" (xcomp,
# dobj, or pcomp), "denied involvement in the attack" (dobj then prep).
DENIAL_COMPLEMENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "pcomp"})


def assess(
    view: DependencyView,
    trigger: Token,
    *,
    speech_act: bool,
    resolve_speaker: SpeakerResolver | None = None,
    cues: SpeechCues | None = None,
) -> StatusDecision:
    """Status of the event named by ``trigger`` in the sentence ``view``.

    ``speech_act`` says whether the event itself is a statement (praise, accuse, demand);
    ``resolve_speaker`` turns the speaker token into an Attribution (actor name when known).
    """
    cues = cues or load_speech_cues()
    resolver = resolve_speaker or _default_resolver
    negated, future, hypothetical, obligation, evidence = _modal_cues(view, trigger, cues)
    denial = find_denial(view, trigger, cues)
    if denial is not None:
        verb, denier = denial
        attribution = resolver(denier) if denier is not None else None
        return StatusDecision(
            "negated",
            attribution or Attribution(name="unnamed source", span=verb.span),
            speaker=denier,
            reporting_verb=verb,
            negated=True,
            future=future,
            hypothetical=hypothetical,
            obligation=obligation,
            cues=(*evidence, verb.span),
        )
    reporting, speaker, cue_span = find_reporting_context(view, trigger, cues)
    hedge = next(
        (
            kid
            for kid in view.children(trigger)
            if kid.text.lower() in cues.hedges and kid.dep in ("advmod", "amod")
        ),
        None,
    )
    if reporting is not None:
        attribution = resolver(speaker) if speaker is not None else None
        if attribution is None:
            attribution = Attribution(name="unnamed source", span=cue_span)
        return StatusDecision(
            "claimed",
            attribution,
            speaker=speaker,
            reporting_verb=reporting,
            negated=negated,
            future=future,
            hypothetical=hypothetical,
            obligation=obligation,
            cues=tuple(evidence) + ((cue_span,) if cue_span else ()),
        )
    if hedge is not None:
        return StatusDecision(
            "claimed",
            Attribution(name="unnamed source", span=hedge.span),
            negated=negated,
            future=future,
            hypothetical=hypothetical,
            obligation=obligation,
            cues=(*evidence, hedge.span),
        )
    if negated:
        status = "negated"
    elif hypothetical:
        status = "hypothetical"
    elif future:
        status = "future"
    elif speech_act:
        status = "reported"
    else:
        status = "asserted"
    return StatusDecision(
        status,
        None,
        negated=negated,
        future=future,
        hypothetical=hypothetical,
        obligation=obligation,
        cues=tuple(evidence),
    )


__all__ = [
    "DependencyView",
    "StatusDecision",
    "assess",
    "find_denial",
    "find_reporting_context",
]
