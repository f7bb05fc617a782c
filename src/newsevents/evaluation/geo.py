"""Geoparsing scorer: toponym recognition and resolution against GeoWebNews-style gold.

Gold toponyms (brat form): entity types Literal, Mixed, Coercion, Embedded_Literal,
Metonymic, Non_Literal_Modifier, Literal_Modifier and Embedded_Non_Lit — adjectival and
embedded toponyms count, as GeoWebNews intends.  Demonym, Homonym and Language spans are
*neutral*: a prediction on them is neither right nor wrong.  Expressions ("city", "towns")
and Non_Toponym are not toponyms.

Matching is one-to-one by character overlap.  Resolution is scored on matched gold toponyms
that carry a GeoNames id or coordinates: exact id, error in km (0 when the ids agree),
within 161 km (100 miles), and AUC of the log error (Gritta et al. 2018: the area under the
curve of ``ln(1 + error) / ln(20039)`` over sorted errors; 0 is perfect, lower is better).
Distances need the gold point.  GeoWebNews' brat release gives only the GeoNames id, so the
point comes from ``data/evaluation/geonames_points.tsv`` (GeoNames' own point for every id the
gold cites, transcribed from the corpus' XML release), else from our gazetteer.  A gold id
with no point anywhere counts, when the prediction differs, as not within 161 km and as the
maximum error.  The figure the scorer gave before the reference points existed (gold points
from our gazetteer only, so that a gold airport or river the package-built index lacks was
always a miss) stays in the details as ``accuracy_161km_gazetteer_points_only``.
Exact-id accuracy is over the matched gold toponyms that carry a GeoNames id (a toponym
annotated with coordinates only has no id to match); distance figures are over all matched
resolvable toponyms.

Splits: GeoWebNews is split by article number into a tuning half (even numbers) and a
held-out half (odd numbers), so that rules tuned by looking at errors are reported on
articles nobody looked at: ``python -m newsevents.evaluation.geo DIR --split heldout``.
"""

from __future__ import annotations

import csv
import math
import re
import statistics
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from newsevents.errors import InputError
from newsevents.evaluation.base import EvalResult
from newsevents.knowledge.gazetteer import Gazetteer, haversine_km, load_gazetteer
from newsevents.model import Article, Place, Provenance

GOLD_TYPES = frozenset({
    "Literal", "Mixed", "Coercion", "Embedded_Literal", "Metonymic",
    "Non_Literal_Modifier", "Literal_Modifier", "Embedded_Non_Lit",
})
NEUTRAL_TYPES = frozenset({"Demonym", "Homonym", "Language"})
MAX_ERROR_KM = 20039.0  # half the Earth's circumference
SPLITS = ("all", "tune", "heldout")


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    text: str
    kind: str
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None

    @property
    def resolvable(self) -> bool:
        return self.geonames_id is not None or self.lat is not None


@dataclass(frozen=True)
class GoldDocument:
    doc_id: str
    text: str
    toponyms: tuple[GoldToponym, ...]
    neutral: tuple[tuple[int, int], ...] = ()
    unaligned: int = 0  # gold spans dropped because their offsets do not fit the text
    source_url: str | None = None  # the corpus' own <url> field, where it has one

    @property
    def url(self) -> str | None:
        """The article's address: the corpus' ``<url>`` field, or a GeoWebNews header line
        ("TITLE: … LINK: https://…").

        Passed to the pipeline as the article's provenance, as a crawler would; it is not
        part of the gold."""
        if self.source_url:
            return self.source_url
        first_line = self.text.split("\n", 1)[0]
        match = _LINK.search(first_line)
        return match.group(1) if match else None


_LINK = re.compile(r"\bLINK:\s*(\S+)")


def _parse_note(note: str) -> tuple[int | None, float | None, float | None]:
    note = note.strip()
    if not note:
        return None, None, None
    if note.isdigit():
        return int(note), None, None
    parts = [p.strip() for p in note.split(",")]
    try:
        return None, float(parts[0]), float(parts[1])
    except (IndexError, ValueError):
        return None, None, None


def read_brat(data_dir: Path) -> list[GoldDocument]:
    """Read ``N.txt`` + ``N.ann`` pairs, sorted by N."""
    if not data_dir.is_dir():
        raise InputError("GeoWebNews folder not found", path=str(data_dir),
                         hint="point at the folder holding N.txt and N.ann files")
    documents = []
    stems = sorted((p.stem for p in data_dir.glob("*.ann")),
                   key=lambda s: (not s.isdigit(), int(s) if s.isdigit() else 0, s))
    for stem in stems:
        text = (data_dir / f"{stem}.txt").read_text(encoding="utf-8")
        entities: dict[str, tuple[str, int, int, str]] = {}
        notes: dict[str, str] = {}
        for number, line in enumerate(
            (data_dir / f"{stem}.ann").read_text(encoding="utf-8").splitlines(), start=1
        ):
            fields = line.split("\t")
            if line.startswith("T") and len(fields) >= 3:
                kind, *offsets = fields[1].split()
                try:
                    # Discontinuous spans ("0 5;9 12"): take the outer bounds.
                    numbers = [int(x) for x in " ".join(offsets).replace(";", " ").split()]
                except ValueError as error:
                    raise InputError(f"bad brat offsets ({error})", path=f"{stem}.ann",
                                     record=str(number), hint="fix the annotation line") from error
                entities[fields[0]] = (kind, min(numbers), max(numbers), fields[2])
            elif line.startswith("#") and len(fields) >= 3 and "AnnotatorNotes" in fields[1]:
                notes[fields[1].split()[1]] = fields[2]
        toponyms = []
        neutral = []
        for key, (kind, start, end, surface) in entities.items():
            if kind in GOLD_TYPES:
                geonames_id, lat, lon = _parse_note(notes.get(key, ""))
                toponyms.append(GoldToponym(start, end, surface, kind, geonames_id, lat, lon))
            elif kind in NEUTRAL_TYPES:
                neutral.append((start, end))
        documents.append(GoldDocument(stem, text, tuple(sorted(toponyms, key=lambda t: t.start)),
                                      tuple(neutral)))
    return documents


def read_xml(path: Path) -> list[GoldDocument]:
    """LGL / TR-News XML (``<gaztag geonameid>``) and GeoWebNews' own XML release
    (``<type>``, ``<geonamesID>``, ``<latitude>``): ``<article><text>…</text><toponyms>…``.

    Where a toponym has a ``<type>``, the brat reader's rules apply: only toponym types are
    gold, Demonym/Homonym/Language spans are neutral, expressions are left out."""
    try:
        root = ElementTree.parse(path).getroot()
    except (OSError, ElementTree.ParseError) as error:
        raise InputError(f"cannot read geoparsing XML ({error})", path=str(path),
                         hint="check that the file is the corpus XML") from error
    documents = []
    for number, article in enumerate(root.iter("article")):
        text = article.findtext("text") or ""
        toponyms = []
        neutral = []
        unaligned = 0
        for toponym in article.iter("toponym"):
            start, end = toponym.findtext("start"), toponym.findtext("end")
            if start is None or end is None or int(start) < 0:
                continue
            kind = (toponym.findtext("type") or "Literal").strip()
            if kind in NEUTRAL_TYPES:
                neutral.append((int(start), int(end)))
                continue
            if kind not in GOLD_TYPES:
                continue
            gaztag = toponym.find("gaztag")
            source = gaztag if gaztag is not None else toponym
            gid = (gaztag.get("geonameid") if gaztag is not None
                   else toponym.findtext("geonamesID")) or ""
            lat_text = source.findtext("lat") or source.findtext("latitude")
            lon_text = source.findtext("lon") or source.findtext("longitude")
            phrase = toponym.findtext("phrase") or toponym.findtext("extractedName") or ""
            anchored = _anchor(text, phrase, int(start), int(end))
            if anchored is None:
                unaligned += 1
                continue
            toponyms.append(GoldToponym(
                *anchored, phrase, kind,
                int(gid) if gid.strip().isdigit() else None,
                float(lat_text) if lat_text else None,
                float(lon_text) if lon_text else None))
        documents.append(GoldDocument(article.get("docid") or str(number), text,
                                      tuple(sorted(toponyms, key=lambda t: t.start)),
                                      tuple(neutral), unaligned,
                                      (article.findtext("url") or "").strip() or None))
    return documents


def _anchor(text: str, phrase: str, start: int, end: int, slack: int = 25) -> tuple[int, int] | None:
    """The gold span, moved to the nearest occurrence of its phrase when the offsets drift.

    Some corpus releases were annotated on a slightly different copy of the text (TR-News:
    offsets run a few characters ahead after each removed blank line); a span whose text is
    not its phrase is re-anchored within ``slack`` characters, or dropped (and counted)."""
    if not phrase or text[start:end] == phrase:
        return start, end
    window_start = max(0, start - slack)
    found = []
    position = text.find(phrase, window_start)
    while position != -1 and position <= start + slack:
        found.append(position)
        position = text.find(phrase, position + 1)
    if not found:
        return None
    best = min(found, key=lambda p: abs(p - start))
    return best, best + len(phrase)


def predict(documents: list[GoldDocument]) -> list[tuple[Place, ...]]:
    """Run the nlp and places stages over the gold texts."""
    import newsevents.stages.nlp
    import newsevents.stages.places  # noqa: F401
    from newsevents.pipeline.runner import Pipeline

    pipeline = Pipeline.from_names(["newsevents.nlp.v1", "newsevents.places.v1"])
    articles = [
        Article(article_id=d.doc_id, text=d.text, provenance=Provenance(language="en", url=d.url))
        for d in documents
    ]
    return [a.places for a in pipeline.run_batch(articles)]


def _auc(errors: list[float]) -> float:
    if len(errors) < 2:
        return math.log(1 + errors[0]) / math.log(MAX_ERROR_KM) if errors else 0.0
    scaled = sorted(math.log(1 + e) / math.log(MAX_ERROR_KM) for e in errors)
    area = sum((scaled[i] + scaled[i + 1]) / 2 for i in range(len(scaled) - 1))
    return area / (len(scaled) - 1)


def score(
    documents: list[GoldDocument],
    predictions: list[tuple[Place, ...]],
    set_name: str,
    gazetteer: Gazetteer | None = None,
    points: Mapping[int, tuple[float, float]] | None = None,
) -> EvalResult:
    """``points``: gold points by GeoNames id; :func:`reference_points` when None."""
    gazetteer = gazetteer or load_gazetteer()
    points = reference_points() if points is None else points
    gazetteer_only_errors: list[float] = []
    true_positive = false_positive = false_negative = 0
    exact_spans = 0
    errors: list[float] = []
    known_errors: list[float] = []  # gold ids the gazetteer holds (or gold coordinates)
    exact_ids = 0
    id_scored = 0  # matched gold toponyms that carry a GeoNames id
    misses: list[dict[str, Any]] = []
    for document, places in zip(documents, predictions, strict=True):
        unmatched = list(document.toponyms)
        for place in places:
            if place.span is None:
                continue
            match = next((g for g in unmatched
                          if g.start < place.span.end and place.span.start < g.end), None)
            if match is None:
                if any(s < place.span.end and place.span.start < e for s, e in document.neutral):
                    continue
                false_positive += 1
                continue
            unmatched.remove(match)
            true_positive += 1
            exact_spans += (match.start, match.end) == (place.span.start, place.span.end)
            if not match.resolvable:
                continue
            same_id = match.geonames_id is not None and match.geonames_id == place.geonames_id
            exact_ids += same_id
            id_scored += match.geonames_id is not None
            error = _error_km(match, place, gazetteer, same_id, points)
            errors.append(error)
            gazetteer_only_errors.append(_error_km(match, place, gazetteer, same_id))
            if match.geonames_id is None or same_id or gazetteer.get(match.geonames_id):
                known_errors.append(error)
            if error > 161:
                misses.append({"doc": document.doc_id, "text": match.text,
                               "gold": match.geonames_id or [match.lat, match.lon],
                               "predicted": place.geonames_id, "name": place.name,
                               "error_km": round(error)})
        false_negative += len(unmatched)
    precision = true_positive / (true_positive + false_positive) if true_positive else 0.0
    recall = true_positive / (true_positive + false_negative) if true_positive else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    resolved = len(errors)
    metrics = {
        "toponym_precision": round(precision, 4),
        "toponym_recall": round(recall, 4),
        "toponym_f1": round(f1, 4),
        "accuracy_exact_id": round(exact_ids / id_scored, 4) if id_scored else 0.0,
        "accuracy_161km": round(sum(e <= 161 for e in errors) / resolved, 4) if resolved else 0.0,
        "mean_error_km": round(statistics.fmean(errors), 1) if errors else 0.0,
        "median_error_km": round(statistics.median(errors), 1) if errors else 0.0,
        "auc_error": round(_auc(errors), 4),
    }
    details = {
        "gold_toponyms": true_positive + false_negative,
        "predicted_matched": true_positive,
        "false_positives": false_positive,
        "exact_span_matches": exact_spans,
        "gold_spans_dropped_unaligned": sum(d.unaligned for d in documents),
        "resolution_scored": resolved,
        "exact_id_scored": id_scored,
        # The figure before the denominator fix: exact ids over every resolvable toponym,
        # counting coordinate-only gold as a miss.
        "exact_id_over_all_resolvable": round(exact_ids / resolved, 4) if resolved else 0.0,
        "accuracy_161km_gazetteer_points_only": round(
            sum(e <= 161 for e in gazetteer_only_errors) / resolved, 4) if resolved else 0.0,
        "gold_id_in_gazetteer": len(known_errors),
        "accuracy_161km_gold_in_gazetteer": round(
            sum(e <= 161 for e in known_errors) / len(known_errors), 4) if known_errors else 0.0,
        "largest_misses": sorted(misses, key=lambda m: -m["error_km"])[:25],
    }
    return EvalResult(set_name=set_name, n_items=len(documents), metrics=metrics, details=details)


@lru_cache(maxsize=1)
def reference_points() -> dict[int, tuple[float, float]]:
    """GeoNames' own point for each GeoNames id the packaged gold sets cite (see module doc)."""
    text = resources.files("newsevents").joinpath(
        "data", "evaluation", "geonames_points.tsv").read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    points = {}
    for row in csv.DictReader(lines, delimiter="\t"):
        points[int(row["geonames_id"])] = (float(row["lat"]), float(row["lon"]))
    return points


def _error_km(
    gold: GoldToponym, place: Place, gazetteer: Gazetteer, same_id: bool,
    points: Mapping[int, tuple[float, float]] | None = None,
) -> float:
    if same_id:
        return 0.0
    lat, lon = gold.lat, gold.lon
    if lat is None and gold.geonames_id is not None and points \
            and gold.geonames_id in points:
        lat, lon = points[gold.geonames_id]
    if lat is None and gold.geonames_id is not None:
        feature = gazetteer.get(gold.geonames_id)
        if feature is not None:
            lat, lon = feature.lat, feature.lon
    if lat is None or lon is None or place.lat is None or place.lon is None:
        return MAX_ERROR_KM
    return haversine_km(lat, lon, place.lat, place.lon)


def select_split(documents: list[GoldDocument], split: str) -> list[GoldDocument]:
    """``tune``: articles with an even number; ``heldout``: odd; ``all``: every article.

    Documents whose id is not a number belong to neither half (only to ``all``).
    """
    if split not in SPLITS:
        raise InputError(f"unknown split {split!r}", hint=f"use one of {', '.join(SPLITS)}")
    if split == "all":
        return documents
    parity = 0 if split == "tune" else 1
    return [d for d in documents if d.doc_id.isdigit() and int(d.doc_id) % 2 == parity]


def run_brat(data_dir: Path, *, limit: int | None = None, split: str = "all") -> EvalResult:
    """Score the places stage on a brat folder such as ``shared/dev/geo/geowebnews``."""
    documents = select_split(read_brat(data_dir), split)[:limit]
    name = f"geo-brat:{data_dir.name}" + ("" if split == "all" else f":{split}")
    return score(documents, predict(documents), set_name=name)


def run_xml(path: Path, *, limit: int | None = None) -> EvalResult:
    """Score the places stage on an LGL / TR-News / GeoWebNews XML file."""
    documents = read_xml(path)[:limit]
    return score(documents, predict(documents), set_name=f"geo-xml:{path.stem}")


def main(argv: list[str] | None = None) -> None:
    """Print the geo figures for each requested split of a brat folder (one nlp pass)."""
    import argparse
    import json

    parser = argparse.ArgumentParser(description="Score the places stage on brat gold.")
    parser.add_argument("data_dir", type=Path, help="folder of N.txt + N.ann files")
    parser.add_argument("--split", choices=(*SPLITS, "each"), default="each",
                        help="tune (even ids), heldout (odd ids), all, or each of them")
    arguments = parser.parse_args(argv)
    documents = read_brat(arguments.data_dir)
    predictions = dict(zip((d.doc_id for d in documents), predict(documents), strict=True))
    splits = SPLITS[1:] + SPLITS[:1] if arguments.split == "each" else (arguments.split,)
    for split in splits:
        chosen = select_split(documents, split)
        result = score(chosen, [predictions[d.doc_id] for d in chosen],
                       set_name=f"geo-brat:{arguments.data_dir.name}:{split}")
        print(json.dumps({"split": split, "articles": result.n_items, **result.metrics,
                          "exact_id_scored": result.details["exact_id_scored"],
                          "resolution_scored": result.details["resolution_scored"]}))


if __name__ == "__main__":
    main()
