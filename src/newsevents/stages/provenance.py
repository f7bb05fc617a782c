"""Provenance: syndication credit, licence and language of each article.

- ``syndicated_from``: the outlet a credit line names ("(Source: presstv)" → "Press TV",
  "BAGHDAD (AFP) -" → "AFP").  Only credit lines count, never prose ("Reuters reported").
- ``licence``: a licence stated in metadata or in the text, as a short id ("CC BY 4.0").
- ``language``: ISO 639-1, detected with lingua when the metadata gives none; text too short
  or too ambiguous to tell stays unknown rather than guessed.

Every article passes through this stage whatever its language; a non-English article gets a
Problem saying it is stored but not coded, since the coding stages handle English only.
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache
from typing import Any

from newsevents.knowledge.provenance import ProvenanceKnowledge, provenance_knowledge
from newsevents.model import Article
from newsevents.pipeline.stage import FunctionStage, register_stage

STAGE_NAME = "newsevents.provenance.v1"
CODED_LANGUAGES = frozenset({"en"})

# Languages most news in our inputs is written in; restricting lingua to them makes it faster
# and stops rare look-alike languages from winning on short text.
DETECTABLE_LANGUAGES = (
    "ENGLISH", "ARABIC", "PERSIAN", "URDU", "HINDI", "BENGALI", "TURKISH", "RUSSIAN",
    "UKRAINIAN", "FRENCH", "GERMAN", "SPANISH", "PORTUGUESE", "ITALIAN", "DUTCH", "POLISH",
    "CHINESE", "JAPANESE", "KOREAN", "INDONESIAN", "HEBREW", "SWAHILI",
)  # fmt: skip
MIN_LETTERS_FOR_DETECTION = 40
MIN_CONFIDENCE = 0.6
DETECTION_SAMPLE_CHARS = 3000


@lru_cache(maxsize=1)
def _detector() -> Any:
    from lingua import Language, LanguageDetectorBuilder

    languages = [getattr(Language, name) for name in DETECTABLE_LANGUAGES]
    return (
        LanguageDetectorBuilder.from_languages(*languages)
        .with_minimum_relative_distance(0.1)
        .build()
    )


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language, or None when too short or ambiguous to tell."""
    sample = text[:DETECTION_SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS_FOR_DETECTION:
        return None
    values = _detector().compute_language_confidence_values(sample)
    if not values or values[0].value < MIN_CONFIDENCE:
        return None
    return str(values[0].language.iso_code_639_1.name).lower()


def normalize_language_code(value: str | None) -> str | None:
    """Metadata language ("en-US", "ENG", "English") → ISO 639-1 ("en"); None if unknown."""
    if value is None or not value.strip():
        return None
    cleaned = value.strip().replace("_", "-").split("-")[0].lower()
    import pycountry

    if len(cleaned) == 2:
        return cleaned if pycountry.languages.get(alpha_2=cleaned) is not None else None

    found = pycountry.languages.get(alpha_3=cleaned) if len(cleaned) == 3 else None
    if found is None:
        try:
            found = pycountry.languages.lookup(value.strip())
        except LookupError:
            return None
    code = getattr(found, "alpha_2", None)
    return str(code) if code else None


def language_name(code: str) -> str:
    import pycountry

    found = pycountry.languages.get(alpha_2=code)
    return str(found.name) if found is not None else code


def _credit_region(text: str, where: str, window: int | None) -> str:
    if where == "head" and window is not None:
        return text[:window]
    if where == "tail" and window is not None:
        return text[-window:]
    return text


def find_syndication_credit(text: str, knowledge: ProvenanceKnowledge | None = None) -> str | None:
    """Canonical name of the outlet a credit line in ``text`` names, or None."""
    knowledge = knowledge or provenance_knowledge()
    for credit in knowledge.credits:
        match = credit.regex.search(_credit_region(text, credit.where, credit.window))
        if match is not None:
            alias = re.sub(r"\s+", " ", match.group("agency")).lower()
            return knowledge.outlet_by_alias[alias]
    return None


def _creative_commons_id(terms: str, version: str | None, knowledge: ProvenanceKnowledge) -> str:
    cc = knowledge.creative_commons
    words = re.split(r"[\s,]+|-(?=[a-z])", terms.lower())
    # Short and URL forms ("by-nc-sa") are element codes already; prose forms are words.
    codes = {cc.elements.get(word, word.upper()) for word in _rejoin_two_word_elements(words, cc)}
    ordered = "-".join(code for code in cc.order if code in codes)
    licence = "CC " + cc.canonical.get(ordered, ordered)
    return f"{licence} {version}" if version else licence


def _rejoin_two_word_elements(words: list[str], cc: Any) -> list[str]:
    """Join "share alike" / "no derivatives" back into one element word."""
    joined: list[str] = []
    for word in words:
        if joined and f"{joined[-1]} {word}" in cc.elements:
            joined[-1] = f"{joined[-1]} {word}"
        elif joined and f"{joined[-1]}-{word}" in cc.elements:
            joined[-1] = f"{joined[-1]}-{word}"
        elif word:
            joined.append(word)
    return joined


def identify_licence(text: str, knowledge: ProvenanceKnowledge | None = None) -> str | None:
    """Short licence id ("CC BY 4.0") of the first licence statement in ``text``, else None."""
    knowledge = knowledge or provenance_knowledge()
    found: list[tuple[int, str]] = []
    for regex in knowledge.creative_commons.patterns:
        match = regex.search(text)
        if match is not None:
            identifier = _creative_commons_id(
                match.group("terms"), match.group("version"), knowledge
            )
            found.append((match.start(), identifier))
    for fixed in knowledge.other_licences:
        match = fixed.regex.search(text)
        if match is not None:
            found.append((match.start(), fixed.licence))
    if not found:
        return None
    return min(found)[1]


def add_provenance(article: Article) -> Article:
    provenance = article.provenance
    syndicated_from = provenance.syndicated_from or find_syndication_credit(article.text)
    if provenance.licence:
        # Metadata may give a URL or a long name; keep the short id when we can read one.
        licence: str | None = identify_licence(provenance.licence) or provenance.licence
    else:
        licence = identify_licence(article.text)
    language = normalize_language_code(provenance.language) or detect_language(article.text)
    updated = dataclasses.replace(
        provenance, syndicated_from=syndicated_from, licence=licence, language=language
    )
    if updated != provenance:
        article = dataclasses.replace(article, provenance=updated)
    if language is not None and language not in CODED_LANGUAGES:
        article = article.with_problem(
            STAGE_NAME,
            f"the article is in {language_name(language)} ({language}); it is stored but "
            "not coded, because the coding stages handle English only",
        )
    return article


@register_stage(STAGE_NAME)
def make_provenance_stage() -> FunctionStage:
    return FunctionStage(
        name=STAGE_NAME,
        requires=("text",),
        provides=("provenance",),
        function=add_provenance,
    )
