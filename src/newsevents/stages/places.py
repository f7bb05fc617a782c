"""Places stage: recognise toponyms, resolve them in the offline gazetteer, pick event places.

Recognition does not trust the NER label alone: candidates come from entities of any label,
proper-noun runs and demonyms, and are kept when the gazetteer matches and the context says
"place" (a locative preposition, a place verb, a qualifier like ", Texas").  Resolution scores
each gazetteer entry by population, feature kind, the countries and regions the article
mentions, qualifiers next to the mention and nearness to the other places resolved.
``choose_event_place`` is the stable API the events stage calls.
Countries are ISO 3166-1 alpha-3 codes.
"""

from __future__ import annotations

import dataclasses
import math
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from newsevents.knowledge.gazetteer import (
    Feature,
    Gazetteer,
    GeoLexicon,
    fold_name,
    haversine_km,
    load_gazetteer,
    load_geo_lexicon,
    strip_articles,
)
from newsevents.model import Article, Place, Span, Token
from newsevents.pipeline.stage import FunctionStage, register_stage

STAGE_NAME = "newsevents.places.v1"
EXTRACTOR = "rule:places-v1"
__all__ = ["EXTRACTOR", "STAGE_NAME", "choose_event_place", "find_places", "make_places_stage",
           "resolve_places"]

# Finer places say more about where an event happened than the country around them.
PRECISION_RANK = {"city": 0, "admin2": 1, "admin1": 2, "country": 3, "region": 4}
# Dependency links that attach a place to an event as its location or object.
LOCATIVE_DEPS = frozenset({"dobj", "pobj", "obj", "nsubjpass", "npadvmod", "attr", "oprd"})
# A place in these roles describes another noun ("Syria's province"), not where it happened.
DESCRIPTIVE_DEPS = frozenset({"poss", "compound", "amod", "appos", "relcl", "acl"})


def _tokens_in(article: Article, span: Span) -> list[Token]:
    return [t for t in article.tokens if t.span.overlaps(span)]


def _syntactic_head(tokens: list[Token]) -> Token | None:
    """The token of a multi-token span whose head lies outside the span."""
    indices = {t.i for t in tokens}
    for token in tokens:
        if token.head not in indices or token.head == token.i:
            return token
    return tokens[0] if tokens else None


def _path_to_root(article: Article, token: Token) -> list[Token]:
    by_index = {t.i: t for t in article.tokens}
    path = [token]
    seen = {token.i}
    current = token
    while current.head != current.i and current.head in by_index and current.head not in seen:
        current = by_index[current.head]
        seen.add(current.i)
        path.append(current)
    return path


def _link_cost(article: Article, place_head: Token, trigger_heads: set[int]) -> float:
    """Edges from the place up to the trigger, weighted so descriptive hops cost more.

    Returns infinity when the place does not hang below the trigger at all; then the place
    is at best a sibling of the event (for example in a separate clause).
    """
    path = _path_to_root(article, place_head)
    cost = 0.0
    for step, token in enumerate(path):
        if token.i in trigger_heads:
            return cost
        if step == 0 and token.dep in LOCATIVE_DEPS:
            cost += 1.0
        elif token.dep in DESCRIPTIVE_DEPS:
            cost += 2.5
        elif token.dep in {"prep", "pobj", "dobj", "obj", "nsubjpass", "agent"}:
            cost += 1.0
        else:
            cost += 1.5
    return float("inf")


def _tree_distance(article: Article, a: Token, b: Token) -> int:
    path_a = [t.i for t in _path_to_root(article, a)]
    path_b = [t.i for t in _path_to_root(article, b)]
    position_b = {index: depth for depth, index in enumerate(path_b)}
    for depth, index in enumerate(path_a):
        if index in position_b:
            return depth + position_b[index]
    return len(path_a) + len(path_b)


def choose_event_place(article: Article, sentence: Span, trigger: Span) -> Place | None:
    """The place where the event named by ``trigger`` happened, or None when none is stated.

    Among resolved places in ``sentence``, prefer the one attached to the trigger through
    its object or a preposition ("liberated Rawa", "fighting in Bukamal"); a place that only
    describes another noun ("Syria's eastern province of Dayr al-Zawr") costs more, and a
    finer place wins over the country around it at equal cost.  Unresolved candidates
    (no coordinates) are never chosen.
    """
    in_sentence = [
        p
        for p in article.places
        if p.span is not None
        and sentence.contains(p.span)
        and p.lat is not None
        and not p.span.overlaps(trigger)
    ]
    if not in_sentence:
        return None
    trigger_tokens = _tokens_in(article, trigger)
    if not article.tokens or not trigger_tokens:
        # No syntax to go by: the most specific place, then the one nearest the trigger.
        return min(
            in_sentence,
            key=lambda p: (
                PRECISION_RANK.get(p.precision or "", 5),
                abs((p.span.start if p.span else 0) - trigger.start),
            ),
        )
    trigger_heads = {t.i for t in trigger_tokens}
    trigger_head = _syntactic_head(trigger_tokens) or trigger_tokens[0]

    def rank(place: Place) -> tuple[float, int, int]:
        assert place.span is not None
        place_tokens = _tokens_in(article, place.span)
        head = _syntactic_head(place_tokens)
        if head is None:
            return (float("inf"), 5, 0)
        cost = _link_cost(article, head, trigger_heads)
        if cost == float("inf"):
            # Not below the trigger: fall back to distance in the tree, penalised.
            cost = 4.0 + _tree_distance(article, head, trigger_head)
        specificity = PRECISION_RANK.get(place.precision or "", 5)
        # Half an edge per precision level: "liberated Rawa near the border with Syria" → Rawa.
        return (cost + 0.5 * specificity, specificity, abs(place.span.start - trigger.start))

    return min(in_sentence, key=rank)


# ---------------------------------------------------------------- recognition


@dataclass
class _Candidate:
    """A span that may name a place, with what the text says about it."""

    span: Span
    text: str
    label: str  # NER label, "PROPN" for a proper-noun run, "DEMONYM" for "Iraqi"
    tokens: list[Token]
    features: tuple[Feature, ...] = ()
    admin_cue: bool = False  # "province of X", "X Governorate"
    qualifier: Feature | None = None  # "X, Texas", "Syria's province of X"
    resolved: Feature | None = None
    score: float = 0.0


# NER labels whose spans are places unless the gazetteer has nothing.
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Labels a small model often gives places ("liberated Rawa" → ORG); kept only with context.
_MAYBE_LABELS = frozenset({"ORG", "PERSON", "NORP", "PROPN", "PRODUCT", "WORK_OF_ART", "EVENT"})
_LEADING_WORDS = frozenset({"the"})
_CLOSED_CLASS = frozenset({"DET", "ADP", "PRON", "CCONJ", "SCONJ", "AUX", "PART", "PUNCT"})


def _trim(tokens: list[Token]) -> list[Token]:
    """Drop a leading "the" and a trailing possessive or punctuation."""
    while tokens and (tokens[0].text.lower() in _LEADING_WORDS or tokens[0].pos == "PUNCT"):
        tokens = tokens[1:]
    while tokens and (tokens[-1].tag == "POS" or tokens[-1].pos == "PUNCT"):
        tokens = tokens[:-1]
    return tokens


def _span_of(tokens: list[Token]) -> Span:
    return Span(tokens[0].span.start, tokens[-1].span.end)


def _proper_runs(article: Article) -> list[list[Token]]:
    """Maximal runs of capitalised proper nouns (hyphen-joined names stay whole)."""
    runs: list[list[Token]] = []
    current: list[Token] = []
    for token in article.tokens:
        joins = current and token.sent == current[-1].sent and (
            token.text in {"-", "‑"} or current[-1].text in {"-", "‑"}
            or (token.text[:1].isupper() and token.pos == "PROPN")
        )
        starts = token.pos == "PROPN" and token.text[:1].isupper()
        if current and joins and (starts or token.text in {"-", "‑"} or current[-1].text in {"-", "‑"}):
            current.append(token)
            continue
        if current:
            runs.append(current)
        current = [token] if starts else []
    if current:
        runs.append(current)
    return [_trim(r) for r in runs if _trim(r)]


def _lookup(gazetteer: Gazetteer, text: str, *, fuzzy: bool) -> tuple[Feature, ...]:
    """Exact key, then without Arabic articles, then (when ``fuzzy``) transliteration skeleton.

    Skeleton matches are added even after an exact hit on a mere alternate name, so "Dayr
    al-Zawr" finds the province (listed as "Dayr az Zawr") as well as the city.
    """
    found = gazetteer.lookup(text)
    key = fold_name(text)
    stripped = strip_articles(key)
    if not found and stripped != key:
        found = gazetteer.lookup(stripped)
    if not fuzzy or len(key) < 5 or any(f.name_kind <= 1 for f in found):
        return found
    # Checked by string similarity so the lossy key cannot match an unrelated name.
    from rapidfuzz import fuzz

    known = {f.id for f in found}
    close = list(found)
    for feature in gazetteer.lookup_skeleton(text):
        if feature.id in known:
            continue
        similarity = fuzz.ratio(
            strip_articles(fold_name(feature.name)).replace(" ", ""), stripped.replace(" ", "")
        )
        if similarity >= 70:
            close.append(feature)
    return tuple(close)


def _preceding_words(article: Article, token: Token, count: int) -> str:
    index = _token_position(article, token)
    words = [t.text.lower() for t in article.tokens[max(0, index - count) : index]
             if t.sent == token.sent]
    return " ".join(words)


@lru_cache(maxsize=4)
def _position_map(tokens: tuple[Token, ...]) -> dict[int, int]:
    return {t.i: n for n, t in enumerate(tokens)}


@lru_cache(maxsize=4)
def _by_index(tokens: tuple[Token, ...]) -> dict[int, Token]:
    return {t.i: t for t in tokens}


def _token_position(article: Article, token: Token) -> int:
    return _position_map(article.tokens).get(token.i, 0)


def _has_place_context(article: Article, candidate: _Candidate, lexicon: GeoLexicon) -> bool:
    """A locative preposition before it, a place verb governing it, or an admin word by it."""
    first = candidate.tokens[0]
    before = _preceding_words(article, first, 3).split()
    for width in (1, 2, 3):
        if len(before) >= width and " ".join(before[-width:]) in lexicon.locative_prepositions:
            return True
    if candidate.admin_cue or candidate.qualifier is not None:
        return True
    by_index = _by_index(article.tokens)
    head = _syntactic_head(candidate.tokens)
    # Climb through appositions and compounds: "liberated Bukamal, Daesh's last stronghold"
    # may be parsed with Bukamal hanging off "stronghold".
    for _ in range(3):
        if head is None:
            break
        governor = by_index.get(head.head)
        if governor is None or governor.i == head.i:
            break
        if head.dep in {"dobj", "obj", "nsubjpass", "pobj"} and \
                governor.lemma.lower() in lexicon.place_verbs:
            return True
        if head.dep not in {"appos", "compound", "conj"}:
            break
        head = governor
    # "liberated Bukamal, ...": a place verb right before the name.
    position = _token_position(article, candidate.tokens[0])
    for token in article.tokens[max(0, position - 2) : position]:
        if token.pos == "VERB" and token.lemma.lower() in lexicon.place_verbs:
            return True
    return False


def _mark_admin_cue(article: Article, candidate: _Candidate, lexicon: GeoLexicon) -> None:
    position = _token_position(article, candidate.tokens[-1])
    after = article.tokens[position + 1 : position + 2]
    before = _preceding_words(article, candidate.tokens[0], 2).split()
    if after and after[0].text.lower() in lexicon.admin_words:
        candidate.admin_cue = True
    if len(before) == 2 and before[1] == "of" and before[0] in lexicon.admin_words:
        candidate.admin_cue = True


def _demonym_country(text: str, lexicon: GeoLexicon) -> str | None:
    return lexicon.demonyms.get(fold_name(text))


def _metonymy_spans(article: Article) -> list[Span]:
    return [
        a.span for a in article.actors
        if a.span is not None and a.extractor and "metonymy" in a.extractor
    ]


def _candidates(article: Article, gazetteer: Gazetteer, lexicon: GeoLexicon) -> list[_Candidate]:
    """Every span that might be a toponym, longest first, without overlaps."""
    blocked = _metonymy_spans(article)
    raw: list[tuple[list[Token], str]] = []
    for entity in article.entities:
        tokens = _trim([t for t in article.tokens if entity.span.contains(t.span)])
        if tokens:
            raw.append((tokens, entity.label))
    for run in _proper_runs(article):
        raw.append((run, "PROPN"))
    for token in article.tokens:
        if token.text[:1].isupper() and _demonym_country(token.text, lexicon):
            raw.append(([token], "DEMONYM"))
    chosen: list[_Candidate] = []
    taken: list[Span] = []
    # Entities first (their labels are evidence), then longer spans before shorter.
    priority = {"GPE": 0, "LOC": 0, "FAC": 1, "DEMONYM": 1}
    raw.sort(key=lambda item: (priority.get(item[1], 2), -len(item[0]), item[0][0].i))
    for tokens, label in raw:
        span = _span_of(tokens)
        if any(span.overlaps(s) for s in taken) or any(span.overlaps(s) for s in blocked):
            continue
        text = article.span_text(span)
        if not any(c.isupper() for c in text[:1]):
            continue
        candidate = _Candidate(span=span, text=text, label=label, tokens=tokens)
        country = _demonym_country(text, lexicon)
        if country is not None and len(tokens) == 1:
            feature = gazetteer.country_feature(country)
            candidate.features = (feature,) if feature else ()
            candidate.label = "DEMONYM"
        else:
            candidate.features = _lookup(gazetteer, text, fuzzy=True)
        if not candidate.features and len(tokens) > 1 and label not in {"PERSON"}:
            # Embedded toponyms: "Texas Rangers", "University of Chicago", "Iraq's army".
            for sub_tokens in _embedded_windows(tokens):
                sub_span = _span_of(sub_tokens)
                found = [f for f in gazetteer.lookup(article.span_text(sub_span))
                         if f.name_kind <= 1 and (f.precision in {"country", "admin1"}
                         or (f.precision == "city" and f.population >= 100_000))]
                if found and fold_name(article.span_text(sub_span)) not in lexicon.common_words:
                    sub = _Candidate(span=sub_span, text=article.span_text(sub_span),
                                     label="EMBEDDED", tokens=sub_tokens, features=tuple(found))
                    chosen.append(sub)
                    taken.append(sub_span)
                    break
            continue
        if candidate.features:
            _mark_admin_cue(article, candidate, lexicon)
            chosen.append(candidate)
            taken.append(span)
    return sorted(chosen, key=lambda c: c.span.start)


def _embedded_windows(tokens: list[Token]) -> list[list[Token]]:
    windows = []
    for width in range(min(3, len(tokens) - 1), 0, -1):
        for start in range(len(tokens) - width + 1):
            window = tokens[start : start + width]
            if all(t.text[:1].isupper() and t.pos not in _CLOSED_CLASS for t in window):
                windows.append(window)
    return windows


def _keep(article: Article, candidate: _Candidate, lexicon: GeoLexicon) -> bool:
    """Guards against common words and person names; context rescues weak labels."""
    key = fold_name(candidate.text)
    best_kind = min(f.name_kind for f in candidate.features)
    strong_feature = any(
        f.precision in {"country", "admin1", "region"} and f.name_kind <= 1
        for f in candidate.features
    )
    if candidate.label in {"DEMONYM", "EMBEDDED"}:
        return True
    context = _has_place_context(article, candidate, lexicon)
    if key in lexicon.common_words:
        return candidate.label in _PLACE_LABELS and context
    if candidate.label == "PERSON":
        if candidate.admin_cue or candidate.qualifier is not None:
            return True
        if len(candidate.tokens) > 1 or key in lexicon.person_names:
            return context and strong_feature
        return context or strong_feature
    if candidate.label in _PLACE_LABELS:
        return True
    if candidate.label == "NORP":
        return strong_feature
    if strong_feature:
        return True
    if candidate.label in {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL",
                           "ORDINAL", "LANGUAGE", "LAW"}:
        return False
    return context and best_kind <= 3


# ---------------------------------------------------------------- resolution

_PRECISION_PRIOR = {"country": 2.5, "region": 1.2, "admin1": 0.8, "admin2": -0.6, "city": 0.0}
_KIND_PENALTY = {0: 0.0, 1: 0.2, 2: 0.7, 3: 1.5}


def _contains(area: Feature, place: Feature) -> bool:
    if area.precision == "country":
        return place.country is not None and place.country == area.country and place.id != area.id
    if area.precision == "admin1":
        return place.admin1_id == area.id and place.id != area.id
    return False


def _qualifiers(article: Article, candidates: list[_Candidate]) -> None:
    """"X, Texas" / "X in Syria" / "Syria's province of X": a country or state right by X."""
    for index, candidate in enumerate(candidates):
        neighbours = []
        if index + 1 < len(candidates):
            following = candidates[index + 1]
            gap = article.text[candidate.span.end : following.span.start]
            if gap.strip() in {",", "in", ", in"} or gap.strip().lower() in {",", "in"}:
                neighbours.append(following)
        if index > 0:
            previous = candidates[index - 1]
            gap = article.text[previous.span.end : candidate.span.start]
            possessive = gap.lstrip().startswith(("’s", "'s"))
            if possessive and (len(gap.split()) <= 1 or (" of" in gap and len(gap.split()) <= 5)):
                neighbours.append(previous)
        for neighbour in neighbours:
            areas = [f for f in neighbour.features if f.precision in {"country", "admin1"}]
            if areas and any(_contains(a, f) for a in areas for f in candidate.features):
                candidate.qualifier = max(areas, key=lambda a: a.population)


def _score(
    candidate: _Candidate,
    feature: Feature,
    context_countries: set[str],
    context_admin1: set[int],
    anchor_points: list[tuple[float, float]],
) -> float:
    score = _PRECISION_PRIOR.get(feature.precision, 0.0)
    score += 0.35 * math.log10(feature.population + 1)
    score -= _KIND_PENALTY.get(feature.name_kind, 1.0)
    if feature.capital:
        score += 1.5
    if feature.name == candidate.text:
        score += 0.3
    if candidate.admin_cue:
        score += 2.0 if feature.precision in {"admin1", "admin2"} else -1.0
    if candidate.qualifier is not None and _contains(candidate.qualifier, feature):
        score += 4.0
    if feature.precision != "country" and feature.country in context_countries:
        score += 2.0
    if feature.admin1_id is not None and feature.admin1_id in context_admin1 \
            and feature.id != feature.admin1_id:
        score += 1.5
    if anchor_points and feature.lat is not None and feature.lon is not None \
            and feature.precision in {"city", "admin2"}:
        nearest = min(haversine_km(feature.lat, feature.lon, lat, lon) for lat, lon in anchor_points)
        if nearest < 150:
            score += 1.5
        elif nearest < 500:
            score += 0.7
    return score


def _resolve(candidates: list[_Candidate]) -> None:
    """Two passes: unambiguous names set the article's context, then everything is scored."""
    context_countries: set[str] = set()
    context_admin1: set[int] = set()
    for candidate in candidates:
        top = [f for f in candidate.features if f.name_kind <= 1]
        countries = [f for f in top if f.precision == "country"]
        if countries:
            context_countries.add(max(countries, key=lambda f: f.population).country or "")
        admins = [f for f in top if f.precision == "admin1"]
        if len(admins) == 1:
            context_admin1.add(admins[0].id)
    anchors: list[tuple[float, float]] = []
    for candidate in candidates:
        if len(candidate.features) == 1:
            only = candidate.features[0]
            if only.precision in {"city", "admin2"} and only.lat is not None and only.lon is not None:
                anchors.append((only.lat, only.lon))
    for attempt in range(2):
        by_key: dict[str, list[_Candidate]] = defaultdict(list)
        for candidate in candidates:
            by_key[fold_name(candidate.text)].append(candidate)
        new_anchors: list[tuple[float, float]] = []
        for group in by_key.values():
            # One sense per article: the mentions of one name share their evidence.
            totals: dict[int, float] = defaultdict(float)
            features: dict[int, Feature] = {}
            for candidate in group:
                for feature in candidate.features:
                    totals[feature.id] = max(
                        totals[feature.id],
                        _score(candidate, feature, context_countries, context_admin1, anchors),
                    )
                    features[feature.id] = feature
            best_id = max(totals, key=lambda fid: totals[fid])
            for candidate in group:
                choice = best_id
                if candidate.qualifier is not None:
                    local = [f for f in candidate.features if _contains(candidate.qualifier, f)]
                    if local:
                        choice = max(local, key=lambda f: totals[f.id]).id
                candidate.resolved = features[choice]
                candidate.score = totals[choice]
            best = features[best_id]
            if best.precision in {"city", "admin2"} and best.lat is not None and best.lon is not None:
                new_anchors.append((best.lat, best.lon))
        if attempt == 0:
            anchors = new_anchors
            for candidate in candidates:
                if candidate.resolved is not None and candidate.resolved.precision == "admin1":
                    context_admin1.add(candidate.resolved.id)


def _to_place(candidate: _Candidate) -> Place:
    feature = candidate.resolved
    assert feature is not None
    # Squash the raw score to 0–1 for the record; it orders, it is not a probability.
    confidence = round(1.0 / (1.0 + math.exp(-(candidate.score - 3.0) / 1.5)), 3)
    return Place(
        span=candidate.span,
        text=candidate.text,
        name=feature.name,
        geonames_id=feature.geonames_id,
        lat=feature.lat,
        lon=feature.lon,
        country=feature.country,
        admin1=feature.admin1 if feature.precision not in {"country", "region"} else None,
        precision=feature.precision,
        score=confidence,
        extractor=EXTRACTOR if candidate.label != "DEMONYM" else f"{EXTRACTOR}:demonym",
    )


def find_places(article: Article, gazetteer: Gazetteer | None = None) -> tuple[Place, ...]:
    """Every resolved toponym mention in the article, in text order."""
    if not article.tokens:
        return ()
    gazetteer = gazetteer or load_gazetteer()
    lexicon = load_geo_lexicon()
    candidates = _candidates(article, gazetteer, lexicon)
    _qualifiers(article, candidates)
    kept_keys = {fold_name(c.text) for c in candidates if _keep(article, c, lexicon)}
    # One sense per article: a name kept once is a place at each of its mentions.
    candidates = [c for c in candidates if fold_name(c.text) in kept_keys]
    _resolve(candidates)
    return tuple(_to_place(c) for c in candidates if c.resolved is not None)


def resolve_places(article: Article) -> Article:
    """The stage function: fills ``Article.places``."""
    return dataclasses.replace(article, places=find_places(article))


@register_stage(STAGE_NAME)
def make_places_stage() -> FunctionStage:
    return FunctionStage(
        name=STAGE_NAME,
        requires=("tokens", "entities"),
        provides=("places",),
        function=resolve_places,
        languages=("en",),
    )
