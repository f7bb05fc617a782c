"""Loaded language: flag framing words and phrases with their category and evidence span.

Flags describe the outlet's wording; they never change what events are coded.
"""

from __future__ import annotations

import dataclasses

from newsevents.knowledge.framing import load_framing_patterns
from newsevents.model import Article, Mention, Span
from newsevents.pipeline.stage import FunctionStage, register_stage

STAGE_NAME = "newsevents.framing.v1"
EXTRACTOR = "rule:framing-v1"


def find_loaded_language(text: str) -> tuple[Mention, ...]:
    """Every pattern match, longest first where matches overlap."""
    found: list[Mention] = []
    for pattern in load_framing_patterns():
        for match in pattern.regex.finditer(text):
            found.append(
                Mention(
                    Span(match.start(), match.end()),
                    match.group(0),
                    pattern.category,
                    f"{EXTRACTOR}:{pattern.pattern_id}",
                )
            )
    found.sort(key=lambda m: (m.span.start, -(m.span.end - m.span.start)))
    kept: list[Mention] = []
    for mention in found:
        if kept and mention.span.overlaps(kept[-1].span):
            continue
        kept.append(mention)
    return tuple(kept)


def flag_loaded_language(article: Article) -> Article:
    return dataclasses.replace(article, loaded_language=find_loaded_language(article.text))


@register_stage(STAGE_NAME)
def make_framing_stage() -> FunctionStage:
    return FunctionStage(
        name=STAGE_NAME,
        requires=("text",),
        provides=("loaded_language",),
        function=flag_loaded_language,
        languages=("en",),
    )
