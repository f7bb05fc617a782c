"""HTML pages → main text, title, date, outlet (trafilatura, htmldate); fragments → text.

Both libraries get the HTML *string* only, never a URL, so nothing is ever downloaded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsevents.errors import InputError, MalformedInputError
from newsevents.ingest.article import Limits, build_article, clean_metadata, empty
from newsevents.ingest.decode import decode_bytes
from newsevents.ingest.failure import IngestFailure
from newsevents.ingest.files import read_whole
from newsevents.ingest.sidecar import read_sidecar
from newsevents.model import Article

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_BLOCK_TAGS = (
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
    "tr", "table", "section", "article", "header", "footer", "pre", "figure", "figcaption",
)  # fmt: skip


# trafilatura falls back to navigation text on pages without an article ("Home | About");
# fewer words than this is not a news text.
MIN_MAIN_TEXT_WORDS = 5


@dataclass(frozen=True)
class Extracted:
    text: str
    metadata: dict[str, str | None]


def declared_charset(data: bytes) -> str | None:
    """The charset a page names in a ``<meta>`` tag within its first 4 KB, if any."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "replace") if match else None


def extract_html(html: str, *, path: str, record: str | None, url: str | None = None) -> Extracted:
    """Main text and metadata of one page; MalformedInputError when it has no main text."""
    import trafilatura

    try:
        document: Any = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True
        )
    except Exception as error:
        raise _no_main_text(path, record, f"the HTML could not be parsed ({error})") from error
    text = getattr(document, "text", None) if document is not None else None
    if not text or len(re.findall(r"\w+", text)) < MIN_MAIN_TEXT_WORDS:
        raise _no_main_text(path, record, "no main text was found in the HTML")
    date = getattr(document, "date", None) or _find_date(html)
    metadata = clean_metadata(
        {
            "title": getattr(document, "title", None),
            "outlet": getattr(document, "sitename", None),
            "url": url or getattr(document, "url", None),
            "published": date,
            "language": getattr(document, "language", None),
            "licence": getattr(document, "license", None),
        }
    )
    return Extracted(text, metadata)


def _find_date(html: str) -> str | None:
    from htmldate import find_date

    try:
        return find_date(html, extensive_search=False, original_date=True)
    except Exception:  # noqa: BLE001 - a missing date must not lose the article
        return None


def _no_main_text(path: str, record: str | None, what: str) -> MalformedInputError:
    return MalformedInputError(
        what,
        path=path,
        record=record,
        hint="check that this is a complete article page (not an index or an error page)",
    )


def fragment_to_text(html: str) -> str:
    """Plain text of an HTML fragment (a feed item's content), block elements on new lines."""
    if "<" not in html:
        return html
    import lxml.html
    from lxml.etree import ParserError

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (ParserError, ValueError):
        return re.sub(r"<[^>]*>", " ", html)
    for element in root.iter("script", "style"):
        element.text = ""
    for element in root.iter(*_BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
    return str(root.text_content())


def read_html_file(path: Path, limits: Limits) -> Iterator[Article | IngestFailure]:
    name = str(path)
    try:
        data = read_whole(path, limits.max_article_bytes)
        if not data.strip():
            raise empty("the file", path=name, record=None)
        decoded = decode_bytes(data, declared=declared_charset(data), path=name)
        sidecar, sidecar_notes = read_sidecar(path)
        extracted = extract_html(decoded.text, path=name, record=None, url=sidecar.get("url"))
        # The sidecar, written by a person, wins over what the page says about itself.
        metadata = {**extracted.metadata, **{k: v for k, v in sidecar.items() if v is not None}}
        notes = [*([decoded.note] if decoded.note else []), *sidecar_notes]
        yield build_article(extracted.text, metadata, path=name, record=None, notes=notes)
    except InputError as error:
        yield IngestFailure(name, None, error)
