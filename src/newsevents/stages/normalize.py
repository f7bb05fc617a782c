"""Text normalization: one canonical ``Article.text`` that every later span points into.

Readers call :func:`normalize_text` before an Article exists, so spans are made against the
normalized text from the start.  The stage ``newsevents.normalize.v1`` does the same for
Articles built through the API; it must run before any stage that makes spans, because it
moves characters and would invalidate them.

What changes (and nothing else):
- Unicode NFC;
- every Unicode space separator (U+00A0, U+2009, U+3000, …) and the tab become ``' '``;
- CRLF, CR, NEL, U+2028, vertical tab and form feed become ``\\n``; U+2029 becomes a blank line;
- control characters, lone surrogates, invisible format characters (zero-width space, word
  joiner, BOM, soft hyphen, bidi marks) are removed;
- runs of spaces collapse to one, spaces at both ends of a line go, 3+ newlines become 2,
  and the whole text is stripped.

ZWNJ (U+200C) and ZWJ (U+200D) are kept: they spell words in Persian, Urdu and Indic
scripts and build emoji, so removing them would change the text, not just its layout.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata

from newsevents.model import Article
from newsevents.pipeline.stage import FunctionStage, register_stage

STAGE_NAME = "newsevents.normalize.v1"

# Space separators (Unicode category Zs) other than U+0020, plus the tab.
UNICODE_SPACES = (
    "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u202f\u205f\u3000"
)
LINE_BREAKS = "\u000b\u000c\u0085\u2028"
# Invisible characters that only carry layout or byte-order information.
INVISIBLE = (
    "\u00ad\u061c\u180e\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)


def _translation_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    # C0 and C1 controls except the newline (tab and the line breaks are mapped below).
    for code in [*range(0x20), *range(0x7F, 0xA0)]:
        table[code] = None
    for char in UNICODE_SPACES:
        table[ord(char)] = " "
    for char in LINE_BREAKS:
        table[ord(char)] = "\n"
    for char in INVISIBLE:
        table[ord(char)] = None
    table[ord("\n")] = "\n"
    table[0x2029] = "\n\n"  # paragraph separator
    return table


_TABLE = _translation_table()
_SURROGATES = re.compile("[\ud800-\udfff]")
_SPACE_RUN = re.compile(" {2,}")
_SPACES_AROUND_NEWLINE = re.compile(" *\n *")
_MANY_NEWLINES = re.compile("\n{3,}")


def normalize_text(text: str) -> str:
    """Return the canonical form of ``text``; ``normalize_text`` of its result is itself."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # NFC first maps compatibility singletons such as U+2000 onto the spaces translated below.
    text = unicodedata.normalize("NFC", text)
    text = _SURROGATES.sub("", text.translate(_TABLE))
    # Removing an invisible character can bring a base letter and its combining mark together.
    text = unicodedata.normalize("NFC", text)
    text = _SPACE_RUN.sub(" ", text)
    text = _SPACES_AROUND_NEWLINE.sub("\n", text)
    text = _MANY_NEWLINES.sub("\n\n", text)
    return text.strip(" \n")


def normalize_article(article: Article) -> Article:
    """Normalize the text and title of an Article that has no spans yet."""
    text = normalize_text(article.text)
    title = normalize_text(article.title) if article.title is not None else None
    if text == article.text and title == article.title:
        return article
    if article.all_spans():
        # Spans made before normalization would point at the wrong characters.
        return article.with_problem(
            STAGE_NAME,
            "text was not normalized because the article already carries spans; "
            "run newsevents.normalize.v1 before any stage that makes spans",
        )
    return dataclasses.replace(article, text=text, title=title or None)


@register_stage(STAGE_NAME)
def make_normalize_stage() -> FunctionStage:
    return FunctionStage(
        name=STAGE_NAME,
        requires=("text",),
        provides=("text",),
        function=normalize_article,
    )
