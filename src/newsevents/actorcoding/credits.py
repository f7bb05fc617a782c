"""Wire credits and datelines ("GENEVA (AP) -", "(Source: presstv)"): never actors."""

from __future__ import annotations

from newsevents.model import Span


def credit_spans(text: str) -> list[Span]:
    """Spans of wire credits and datelines ("GENEVA (AP) -", "(Source: presstv)") in ``text``.

    Uses the credit patterns of :mod:`newsevents.knowledge.provenance` (the same ones the
    provenance stage reads the syndication credit with), over the same head/tail/line windows.
    """
    from newsevents.knowledge.provenance import provenance_knowledge

    found: list[Span] = []
    for credit in provenance_knowledge().credits:
        offset = 0
        if credit.window is not None and credit.where == "tail":
            offset = max(len(text) - credit.window, 0)
        region_end = credit.window if credit.where == "head" and credit.window is not None else len(text)
        for match in credit.regex.finditer(text[offset:region_end]):
            found.append(Span(offset + match.start(), offset + match.end()))
    return sorted(set(found), key=lambda span: (span.start, span.end))
