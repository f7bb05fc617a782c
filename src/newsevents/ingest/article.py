"""Shared by every reader: limits, ids, and turning raw text plus metadata into an Article."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from newsevents.errors import EmptyInputError, InputTooLargeError
from newsevents.model import Article, Problem, Provenance
from newsevents.stages.normalize import normalize_text

INGEST_STAGE = "newsevents.ingest"
DEFAULT_MAX_ARTICLE_BYTES = 20_000_000
METADATA_KEYS = ("id", "outlet", "url", "published", "language", "title", "licence")


@dataclass(frozen=True)
class Limits:
    max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES


def article_id_for(text: str, given: str | None) -> str:
    """The given id, else a stable hash of the normalized text ("sha1:" + 16 hex digits)."""
    if given is not None and str(given).strip():
        return str(given).strip()
    digest = hashlib.sha1(normalize_text(text).encode("utf-8")).hexdigest()
    return f"sha1:{digest[:16]}"


def too_large(size: int | None, limit: int, *, path: str, record: str | None) -> InputTooLargeError:
    measured = f"{size:,} bytes" if size is not None else f"more than {limit:,} bytes"
    return InputTooLargeError(
        f"the article is {measured}, over the limit of {limit:,} bytes per article",
        path=path,
        record=record,
        hint="split the input, or raise the limit with --max-article-bytes "
        "(read_inputs(max_article_bytes=...))",
    )


def empty(what: str, *, path: str, record: str | None) -> EmptyInputError:
    return EmptyInputError(
        f"{what} holds no article text",
        path=path,
        record=record,
        hint="remove it from the inputs or fill it in",
    )


def clean_metadata(raw: dict[str, Any]) -> dict[str, str | None]:
    """Known metadata keys as strings (None when missing or blank); "license" is accepted too."""
    if "licence" not in raw and "license" in raw:
        raw = {**raw, "licence": raw["license"]}
    cleaned: dict[str, str | None] = {}
    for key in METADATA_KEYS:
        value = raw.get(key)
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            text = str(value).strip()
            cleaned[key] = text or None
        else:
            cleaned[key] = None
    return cleaned


def build_article(
    raw_text: str,
    metadata: dict[str, str | None],
    *,
    path: str,
    record: str | None,
    notes: Iterable[str] = (),
) -> Article:
    """Normalize ``raw_text`` and wrap it with its provenance; raises EmptyInputError."""
    text = normalize_text(raw_text)
    if not text:
        raise empty("the record" if record else "the file", path=path, record=record)
    title = metadata.get("title")
    title = normalize_text(title) or None if title else None
    provenance = Provenance(
        outlet=metadata.get("outlet"),
        url=metadata.get("url"),
        published=metadata.get("published"),
        language=metadata.get("language"),
        licence=metadata.get("licence"),
        source_path=path,
        source_record=record,
    )
    return Article(
        article_id=article_id_for(text, metadata.get("id")),
        text=text,
        title=title,
        provenance=provenance,
        problems=tuple(Problem(INGEST_STAGE, note, "NE204") for note in notes),
    )
