"""Why an event exists: its sentence with every field's evidence highlighted.

``explain_event`` returns a rich renderable: the sentence with the trigger, source, target,
place, date and attribution spans coloured, and a table of the coded fields with the text each
span covers.  Spans outside the sentence (a date resolved from an earlier sentence) are still
listed in the table with their own text.
"""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from newsevents.model import Article, Event, Span

STYLES = {
    "trigger": "bold white on red",
    "source": "bold green",
    "target": "bold blue",
    "place": "magenta",
    "date": "cyan",
    "attributed_to": "yellow",
}


def evidence_spans(event: Event) -> dict[str, Span]:
    """Field name -> evidence span, for every field of the event that has one."""
    spans: dict[str, Span] = {"trigger": event.trigger.span}
    for name in ("source", "target", "place", "date", "attributed_to"):
        part = getattr(event, name)
        span = getattr(part, "span", None) if part is not None else None
        if span is not None:
            spans[name] = span
    return spans


def _describe(event: Event, name: str) -> str:
    part = getattr(event, name)
    if part is None:
        return "-"
    if name in ("source", "target"):
        bits = [part.name, part.country or "?", part.role or "?"]
        return " / ".join(bits) + (f" ({part.code})" if part.code else "")
    if name == "place":
        return f"{part.name} ({part.country or '?'}, {part.precision or '?'})"
    if name == "date":
        return f"{part.value or 'unknown'} ({part.precision}, {part.basis or 'no basis'})"
    if name == "attributed_to":
        return str(part.name)
    return str(part)


def explain_event(article: Article, event: Event) -> Group:
    """The sentence with each field's evidence highlighted, then the coded fields."""
    sentence = event.sentence_span
    text = Text(article.span_text(sentence))
    spans = evidence_spans(event)
    for name, span in spans.items():
        if sentence.contains(span):
            text.stylize(STYLES[name], span.start - sentence.start, span.end - sentence.start)
    table = Table(title=f"{event.event_id}  ({event.extractor}, confidence {event.confidence})")
    table.add_column("field")
    table.add_column("value")
    table.add_column("evidence")
    acled = f"{event.acled.event_type} / {event.acled.sub_event_type}" if event.acled else "-"
    table.add_row("type", f"{event.type} (mode {event.mode or '-'})", "")
    table.add_row("cameo", f"{event.cameo or '-'} quad {event.quad_class or '-'}", "")
    table.add_row("acled", acled, "")
    table.add_row("status", event.status, "")
    for name in ("trigger", "source", "target", "place", "date", "attributed_to"):
        evidence_span = spans.get(name)
        evidence = (
            Text(article.span_text(evidence_span), style=STYLES[name])
            if evidence_span
            else Text("-")
        )
        value = event.trigger.text if name == "trigger" else _describe(event, name)
        table.add_row(name, value, evidence)
    legend = Text("  ").join(Text(name, style=style) for name, style in STYLES.items())
    return Group(text, legend, table)


__all__ = ["evidence_spans", "explain_event"]
