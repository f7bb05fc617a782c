"""RSS and Atom feed files → one Article per item (feedparser, given bytes, never a URL)."""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsevents.errors import InputError, MalformedInputError
from newsevents.ingest.article import Limits, build_article, clean_metadata, empty, too_large
from newsevents.ingest.failure import IngestFailure
from newsevents.ingest.files import read_whole
from newsevents.ingest.html import fragment_to_text
from newsevents.model import Article

# A feed is parsed whole, so its file may hold many articles: allow this many article limits.
FEED_FILE_ARTICLES = 10
# feedparser flags these even for well-formed feeds; they lose nothing.
HARMLESS_FEED_ISSUES = ("CharacterEncodingOverride", "NonXMLContentType")


def _item_text(entry: Any) -> str:
    """The fullest body an item offers: its content, else its summary, as plain text."""
    bodies = [part.get("value", "") for part in entry.get("content", []) or []]
    bodies.append(entry.get("summary", "") or "")
    best = max(bodies, key=lambda body: len(body.strip()))
    return fragment_to_text(best)


def _item_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return time.strftime("%Y-%m-%d", parsed)
    return None


def _feed_problem(parsed: Any) -> str | None:
    if not parsed.get("bozo"):
        return None
    issue = parsed.get("bozo_exception")
    if type(issue).__name__ in HARMLESS_FEED_ISSUES:
        return None
    return str(issue) or type(issue).__name__


def read_feed_file(path: Path, limits: Limits) -> Iterator[Article | IngestFailure]:
    import feedparser

    name = str(path)
    try:
        data = read_whole(path, limits.max_article_bytes * FEED_FILE_ARTICLES)
        if not data.strip():
            raise empty("the file", path=name, record=None)
    except InputError as error:
        yield IngestFailure(name, None, error)
        return
    # A stream, not bytes or str: feedparser would treat a string as a URL or a file name.
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=False, resolve_relative_uris=False)
    outlet = parsed.get("feed", {}).get("title")
    entries = parsed.get("entries", [])
    for number, entry in enumerate(entries, start=1):
        record = f"item {number}"
        try:
            body = _item_text(entry)
            if len(body.encode("utf-8")) > limits.max_article_bytes:
                raise too_large(len(body.encode("utf-8")), limits.max_article_bytes,
                                path=name, record=record)  # fmt: skip
            metadata = clean_metadata(
                {
                    "id": None,
                    "title": entry.get("title"),
                    "url": entry.get("link"),
                    "outlet": outlet,
                    "published": _item_date(entry),
                    "language": parsed.get("feed", {}).get("language"),
                    "licence": entry.get("rights") or parsed.get("feed", {}).get("rights"),
                }
            )
            yield build_article(body, metadata, path=name, record=record)
        except InputError as error:
            yield IngestFailure(name, record, error)
    problem = _feed_problem(parsed)
    if problem is not None:
        where = f"after item {len(entries)}" if entries else None
        read = f"{len(entries)} item(s) before it were read" if entries else "no item was read"
        yield IngestFailure(
            name,
            where,
            MalformedInputError(
                f"the feed is not well-formed ({problem}); {read}",
                path=name,
                record=where,
                hint="later items may be missing or cut short; fix or re-export the feed",
            ),
        )
    elif not entries:
        yield IngestFailure(name, None, empty("the feed (no items)", path=name, record=None))
