"""Score time-expression recognition and TIMEX3 normalisation against MEANTIME and TimeML.

MEANTIME English (NAF-like XML): tokens carry sentence numbers, TIMEX3 elements point at
tokens and carry ``value`` and ``type``; the document creation time is the TIMEX3 with
``functionInDocument="CREATION_TIME"``.  Only the title and the first five sentences
(sentence numbers 0–5) are annotated, so only that window is scored.  TimeML ``.tml``
files carry inline TIMEX3 tags in ``<TEXT>`` and the creation time in ``<DCT>``.

Predictions come from the real pipeline (nlp + dates) run on text rebuilt from the tokens;
a token→character map turns gold token spans into character spans.  Matching is one-to-one:
relaxed (any overlap) for recognition and value scores, exact extent for ``strict_f1``.
``value_f1`` is TempEval-3's value F1: correct values over predicted and over gold.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsevents.errors import InputError
from newsevents.evaluation.base import EvalResult
from newsevents.model import Article, Provenance, Span, Timex

MEANTIME_WINDOW = 5  # last annotated sentence number
NO_SPACE_BEFORE = frozenset({",", ".", ":", ";", "%", ")", "]", "'s", "’s", "n't", "?", "!", "'"})
NO_SPACE_AFTER = frozenset({"(", "[", "$", "£", "€"})


@dataclass(frozen=True)
class GoldTimex:
    span: Span
    text: str
    value: str
    type: str


@dataclass(frozen=True)
class GoldDocument:
    doc_id: str
    text: str
    published: str | None
    gold: tuple[GoldTimex, ...]
    # Character span the scorer looks at, and spans whose predictions are ignored (the DCT).
    window: Span
    ignored: tuple[Span, ...] = ()


def _rebuild(tokens: Sequence[tuple[str, int, str]]) -> tuple[str, dict[str, Span], dict[int, Span]]:
    """Text from (t_id, sentence, word) tokens: one line per sentence, light detokenisation."""
    parts: list[str] = []
    position = 0
    token_spans: dict[str, Span] = {}
    sentence_spans: dict[int, Span] = {}
    previous_sentence: int | None = None
    previous_word = ""
    for t_id, sentence, word in tokens:
        if previous_sentence is None:
            separator = ""
        elif sentence != previous_sentence:
            separator = "\n"
        elif word in NO_SPACE_BEFORE or previous_word in NO_SPACE_AFTER:
            separator = ""
        else:
            separator = " "
        parts.append(separator)
        position += len(separator)
        token_spans[t_id] = Span(position, position + len(word))
        start = sentence_spans[sentence].start if sentence in sentence_spans else position
        sentence_spans[sentence] = Span(start, position + len(word))
        parts.append(word)
        position += len(word)
        previous_sentence, previous_word = sentence, word
    return "".join(parts), token_spans, sentence_spans


def _creation_day(value: str | None, dct_text: str) -> str | None:
    """The creation date as ISO: the attribute when it is ISO, else read from its own words.

    A few files give "03-02-2009" or nothing; the dateline words ("February 03, 2009") are
    unambiguous, so they win over a non-ISO attribute.
    """
    from newsevents.temporal.annotate import annotate_text, parse_published

    if value and re.match(r"^\d{4}-\d{2}-\d{2}", value) and parse_published(value):
        return value
    for timex in annotate_text(dct_text, None):
        if timex.value and re.match(r"^\d{4}-\d{2}-\d{2}$", timex.value):
            return timex.value
    return None


def read_meantime(path: Path) -> GoldDocument:
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as error:
        raise InputError(f"not a readable MEANTIME XML file: {error}", path=str(path),
                         hint="check the file is one of the corpus XML files") from error
    tokens = [(t.get("t_id", ""), int(t.get("sentence", "0")), t.text or "") for t in root.iter("token")]
    sentence_of = {t_id: sentence for t_id, sentence, _ in tokens}
    text, token_spans, sentence_spans = _rebuild(tokens)
    published: str | None = None
    dct_spans: list[Span] = []
    gold: list[GoldTimex] = []
    for element in root.iter("TIMEX3"):
        anchors = [a.get("t_id", "") for a in element.iter("token_anchor")]
        anchors = [a for a in anchors if a in token_spans]
        if element.get("functionInDocument") == "CREATION_TIME":
            dct_text = ""
            if anchors:
                dct_span = Span(token_spans[anchors[0]].start, token_spans[anchors[-1]].end)
                dct_spans.append(dct_span)
                dct_text = dct_span.of(text)
            published = _creation_day(element.get("value"), dct_text) or published
            continue
        if not anchors or sentence_of[anchors[0]] > MEANTIME_WINDOW:
            continue
        span = Span(token_spans[anchors[0]].start, token_spans[anchors[-1]].end)
        gold.append(GoldTimex(span, span.of(text), element.get("value", ""), element.get("type", "")))
    window_sentences = [s for n, s in sentence_spans.items() if n <= MEANTIME_WINDOW]
    window_end = max((s.end for s in window_sentences), default=len(text))
    return GoldDocument(
        doc_id=root.get("doc_id", path.stem),
        text=text,
        published=published,
        gold=tuple(sorted(gold, key=lambda g: g.span)),
        window=Span(0, window_end),
        ignored=tuple(dct_spans),
    )


def read_tml(path: Path) -> GoldDocument:
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as error:
        raise InputError(f"not a readable TimeML file: {error}", path=str(path),
                         hint="check the file is well-formed TimeML") from error
    published: str | None = None
    for dct in root.iter("DCT"):
        for element in dct.iter("TIMEX3"):
            published = element.get("value")
    body = root.find("TEXT")
    if body is None:
        raise InputError("TimeML file has no <TEXT> element", path=str(path),
                         hint="only TimeML documents with a TEXT body can be scored")
    pieces: list[str] = []
    gold: list[GoldTimex] = []

    def walk(element: ET.Element) -> None:
        if element.text:
            pieces.append(element.text)
        for child in element:
            start = sum(len(p) for p in pieces)
            walk(child)
            if child.tag == "TIMEX3":
                end = sum(len(p) for p in pieces)
                text_so_far = "".join(pieces)
                gold.append(GoldTimex(Span(start, end), text_so_far[start:end],
                                      child.get("value", ""), child.get("type", "")))
            if child.tail:
                pieces.append(child.tail)

    walk(body)
    text = "".join(pieces)
    return GoldDocument(path.stem, text, published, tuple(gold), Span(0, len(text)))


def _predict(documents: Sequence[GoldDocument]) -> list[tuple[Timex, ...]]:
    import newsevents.stages.dates
    import newsevents.stages.nlp  # noqa: F401 - registers the stage
    from newsevents.pipeline.runner import Pipeline

    pipeline = Pipeline.from_names(["newsevents.nlp.v1", "newsevents.dates.v1"])
    articles = [
        Article(article_id=doc.doc_id, text=doc.text,
                provenance=Provenance(published=doc.published, language="en"))
        for doc in documents
    ]
    return [article.timexes for article in pipeline.run_batch(articles)]


def _match(gold: Sequence[GoldTimex], predicted: Sequence[Timex], *, exact: bool) -> list[tuple[GoldTimex, Timex]]:
    pairs: list[tuple[GoldTimex, Timex]] = []
    used: set[int] = set()
    for item in gold:
        best: int | None = None
        best_overlap = 0
        for index, guess in enumerate(predicted):
            if index in used:
                continue
            if exact:
                if guess.span == item.span:
                    best = index
                    break
                continue
            overlap = min(item.span.end, guess.span.end) - max(item.span.start, guess.span.start)
            if overlap > best_overlap:
                best, best_overlap = index, overlap
        if best is not None:
            used.add(best)
            pairs.append((item, predicted[best]))
    return pairs


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score(documents: Sequence[GoldDocument], predictions: Sequence[Iterable[Timex]], set_name: str) -> EvalResult:
    n_gold = n_predicted = n_matched = n_strict = n_value = n_type = 0
    errors: list[dict[str, str]] = []
    missed: list[dict[str, str]] = []
    spurious: list[dict[str, str]] = []
    for doc, predicted_all in zip(documents, predictions, strict=True):
        predicted = [
            t for t in predicted_all
            if doc.window.contains(t.span) and not any(t.span.overlaps(s) for s in doc.ignored)
        ]
        relaxed = _match(doc.gold, predicted, exact=False)
        n_gold += len(doc.gold)
        n_predicted += len(predicted)
        n_matched += len(relaxed)
        n_strict += len(_match(doc.gold, predicted, exact=True))
        matched_gold = {id(g) for g, _ in relaxed}
        matched_guess = {id(p) for _, p in relaxed}
        missed += [{"doc": doc.doc_id, "text": g.text, "value": g.value}
                   for g in doc.gold if id(g) not in matched_gold]
        spurious += [{"doc": doc.doc_id, "text": p.text, "value": str(p.value)}
                     for p in predicted if id(p) not in matched_guess]
        for gold, guess in relaxed:
            n_value += gold.value == guess.value
            n_type += gold.type == guess.type
            if gold.value != guess.value:
                errors.append({"doc": doc.doc_id, "gold_text": gold.text, "gold": gold.value,
                               "text": guess.text, "value": str(guess.value)})
    precision = n_matched / n_predicted if n_predicted else 0.0
    recall = n_matched / n_gold if n_gold else 0.0
    strict_p = n_strict / n_predicted if n_predicted else 0.0
    strict_r = n_strict / n_gold if n_gold else 0.0
    value_p = n_value / n_predicted if n_predicted else 0.0
    value_r = n_value / n_gold if n_gold else 0.0
    metrics = {
        "recognition_precision": round(precision, 4),
        "recognition_recall": round(recall, 4),
        "recognition_f1": round(_f1(precision, recall), 4),
        "strict_f1": round(_f1(strict_p, strict_r), 4),
        "value_accuracy": round(n_value / n_matched, 4) if n_matched else 0.0,
        "value_f1": round(_f1(value_p, value_r), 4),
        "type_accuracy": round(n_type / n_matched, 4) if n_matched else 0.0,
    }
    details = {"gold": n_gold, "predicted": n_predicted, "matched": n_matched,
               "value_errors": errors, "missed": missed, "spurious": spurious}
    return EvalResult(set_name=set_name, n_items=len(documents), metrics=metrics, details=details)


def _files(data_dir: Path, pattern: str, limit: int | None) -> list[Path]:
    if not data_dir.is_dir():
        raise InputError(f"no such folder: {data_dir}", path=str(data_dir),
                         hint="point at the MEANTIME or TimeML folder (e.g. ../shared/dev/time/meantime)")
    files = sorted(data_dir.rglob(pattern))
    return files[:limit] if limit is not None else files


def run_meantime(data_dir: Path, *, limit: int | None = None) -> EvalResult:
    """Score the dates stage on MEANTIME English (title + first five sentences of each article)."""
    documents = [read_meantime(path) for path in _files(data_dir, "*.xml", limit)]
    return score(documents, _predict(documents), "meantime")


def run_tml(data_dir: Path, *, limit: int | None = None) -> EvalResult:
    """Score the dates stage on TimeML ``.tml`` files (whole text)."""
    documents = [read_tml(path) for path in _files(data_dir, "*.tml", limit)]
    return score(documents, _predict(documents), "timeml")
