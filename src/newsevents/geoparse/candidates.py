"""Toponym recognition: candidate spans, gazetteer lookup, and the keep/drop decision.

Recognition does not trust the NER label alone: candidates come from entities of any label,
proper-noun runs and demonyms, and are kept when the gazetteer matches and the context says
"place" (a locative preposition, a place verb, a qualifier like ", Texas").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from newsevents.geoparse.event_place import syntactic_head
from newsevents.knowledge.gazetteer import (
    Feature,
    Gazetteer,
    GeoLexicon,
    fold_name,
    strip_articles,
)
from newsevents.model import Article, Span, Token


@dataclass
class Candidate:
    """A span that may name a place, with what the text says about it."""

    span: Span
    text: str
    label: str  # NER label, "PROPN" for a proper-noun run, "DEMONYM" for "Iraqi"
    tokens: list[Token]
    features: tuple[Feature, ...] = ()
    admin_cue: bool = False  # "province of X", "X Governorate"
    qualifier: Feature | None = None  # "X, Texas", "Syria's province of X"
    # The level ("admin1" or "country") of the names coordinated with this one, when they
    # all share it: "California or Washington" → {"admin1"} for Washington.
    sibling_levels: frozenset[str] = frozenset()
    resolved: Feature | None = None
    score: float = 0.0
    # ``resolved`` is the nearest place the text names, not an entry for this name
    # (see ``resolve._stand_in_nearest``).
    stand_in: bool = False
    # The name goes on into a street or building name: "Hampton Avenue", "Wilson's Farm".
    facility: bool = False
    # The text puts the name in a place ("in X", "X, Texas"): see ``has_place_context``.
    in_place_context: bool = False


# NER labels whose spans are places unless the gazetteer has nothing.
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Labels a small model often gives places ("liberated Rawa" → ORG); kept only with context.
_MAYBE_LABELS = frozenset({"ORG", "PERSON", "NORP", "PROPN", "PRODUCT", "WORK_OF_ART", "EVENT"})
# Labels for spans that are never places, whatever the gazetteer says ("January" → Januária).
_NOT_PLACE_LABELS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL",
                               "ORDINAL", "LANGUAGE", "LAW"})
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


# The token maps of the last few token tuples, found by identity: hashing a tuple of
# thousands of frozen tokens on every lookup (as an lru_cache key) cost more than the maps.
_TOKEN_MAPS: list[tuple[tuple[Token, ...], dict[int, int], dict[int, Token]]] = []


def _token_maps(tokens: tuple[Token, ...]) -> tuple[dict[int, int], dict[int, Token]]:
    for cached_tokens, positions, by_index in _TOKEN_MAPS:
        if cached_tokens is tokens:
            return positions, by_index
    positions = {t.i: n for n, t in enumerate(tokens)}
    by_index = {t.i: t for t in tokens}
    _TOKEN_MAPS.insert(0, (tokens, positions, by_index))
    del _TOKEN_MAPS[4:]
    return positions, by_index


def _position_map(tokens: tuple[Token, ...]) -> dict[int, int]:
    return _token_maps(tokens)[0]


def _by_index(tokens: tuple[Token, ...]) -> dict[int, Token]:
    return _token_maps(tokens)[1]


def _tokens_within(article: Article, span: Span, starts: list[int]) -> list[Token]:
    """The tokens inside ``span`` (``starts``: the tokens' start offsets, ascending)."""
    tokens = []
    for token in article.tokens[bisect_left(starts, span.start):]:
        if token.span.start >= span.end:
            break
        if token.span.end <= span.end:
            tokens.append(token)
    return tokens


def _token_position(article: Article, token: Token) -> int:
    return _position_map(article.tokens).get(token.i, 0)


def has_place_context(article: Article, candidate: Candidate, lexicon: GeoLexicon) -> bool:
    """A locative preposition before it, a place verb governing it, or an admin word by it."""
    first = candidate.tokens[0]
    before = _preceding_words(article, first, 3).split()
    for width in (1, 2, 3):
        if len(before) >= width and " ".join(before[-width:]) in lexicon.locative_prepositions:
            return True
    if candidate.admin_cue or candidate.qualifier is not None:
        return True
    position = _token_position(article, candidate.tokens[-1])
    following = article.tokens[position + 1] if position + 1 < len(article.tokens) else None
    if following is not None and following.sent == candidate.tokens[-1].sent \
            and fold_name(following.text) in lexicon.place_heads:
        return True  # "Sochi mayor", "Huntsville Fire Chief"
    by_index = _by_index(article.tokens)
    head = syntactic_head(candidate.tokens)
    # Datelines and list membership are weaker cues: a name only the transliteration
    # skeleton matched ("SEO CHEMICAL" ~ Chamical) does not get them.
    if any(f.name_kind <= 2 for f in candidate.features) and (
        _is_dateline(article, candidate)
        or (head is not None and _locative_list_member(head, by_index, lexicon))
    ):
        return True
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


_DATELINE_END = re.compile(r"\s*(?:[,(—–]|-{1,2}\s)")


def _is_dateline(article: Article, candidate: Candidate) -> bool:
    """"WINNIPEG — …", "HELENA, Mont. (AP) —": an all-capital name opening a line.

    Wire datelines name the place a report was filed from; the small NER often leaves them
    untagged because the capitals hide the usual cues.
    """
    if not candidate.text.isupper() or len(candidate.text) < 4:
        return False
    line_start = article.text.rfind("\n", 0, candidate.span.start) + 1
    if article.text[line_start : candidate.span.start].strip():
        return False
    return _DATELINE_END.match(article.text, candidate.span.end) is not None


def _locative_list_member(head: Token, by_index: dict[int, Token], lexicon: GeoLexicon) -> bool:
    """"in Žilina, Nitra, Prešov and Košice": a preposition before the list's first member
    (its object) makes every member a place."""
    token = head
    for _ in range(8):
        if token.dep != "conj":
            break
        governor = by_index.get(token.head)
        if governor is None or governor.i == token.i:
            return False
        token = governor
    if token is head or token.dep != "pobj":
        return False
    preposition = by_index.get(token.head)
    return preposition is not None and preposition.text.lower() in lexicon.locative_prepositions


def _mark_admin_cue(article: Article, candidate: Candidate, lexicon: GeoLexicon) -> None:
    position = _token_position(article, candidate.tokens[-1])
    after = article.tokens[position + 1 : position + 2]
    before = _preceding_words(article, candidate.tokens[0], 2).split()
    if after and after[0].text.lower() in lexicon.admin_words:
        candidate.admin_cue = True
    if len(before) == 2 and before[1] == "of" and before[0] in lexicon.admin_words:
        candidate.admin_cue = True


def _demonym_country(text: str, lexicon: GeoLexicon) -> str | None:
    return lexicon.demonyms.get(fold_name(text))


def _demonym_features(text: str, gazetteer: Gazetteer, lexicon: GeoLexicon) -> tuple[Feature, ...]:
    """The country ("Iraqi") or region ("European", "Scottish") an adjective names."""
    country = _demonym_country(text, lexicon)
    feature = gazetteer.country_feature(country) if country is not None else None
    region_id = lexicon.region_demonyms.get(fold_name(text))
    if feature is None and region_id is not None:
        feature = gazetteer.get(region_id)
    return (feature,) if feature is not None else ()


def _is_abbreviation(text: str) -> bool:
    """"US", "EU", "Mont.", "N.J.": a short capitalised form or one with a full stop."""
    letters = fold_name(text).replace(" ", "")
    return text.endswith(".") or (len(letters) <= 3 and text.isupper())


def _plausible_features(
    text: str, features: tuple[Feature, ...], lexicon: GeoLexicon | None = None
) -> tuple[Feature, ...]:
    """Drop matches a short or abbreviated surface form cannot mean.

    Two- and three-letter names ("Eu", "Wa", "No") and dotted forms ("Mont." vs the town
    Mont) are nearly always abbreviations of countries, divisions or regions in news; a
    short mixed-case word ("Act", "Van") is an ordinary word, not an abbreviation.  A short
    dotted word must be a division's dotted abbreviation as written ("Pa.", "Ga."): "Co." in
    "Julian LeCraw & Co." is a company, not Colorado (whose dotted form is "Colo.").
    """
    letters = fold_name(text).replace(" ", "")
    if len(letters) > 3 and not text.endswith("."):
        return features
    if len(letters) <= 3 and not _is_abbreviation(text):
        return ()
    if lexicon is not None and text.endswith(".") and len(letters) <= 3 \
            and text.lower() not in lexicon.dotted_abbreviations:
        features = tuple(f for f in features if f.precision != "admin1")
    return tuple(f for f in features
                 if f.precision in {"country", "admin1", "region"} and f.name_kind <= 1)


def _looks_like_full_name(text: str) -> bool:
    """Two to four capitalised words, no digits, slashes or line breaks.

    The small NER sometimes tags a whole URL or a headline run as PERSON; the words of
    "https://…/news/tennessee/montana-prison…" are not anybody's name.
    """
    words = text.split()
    if not 2 <= len(words) <= 4 or any(c.isdigit() or c in "/\n@:" for c in text):
        return False
    return all(w[:1].isupper() for w in words)


def person_name_parts(article: Article) -> frozenset[str]:
    """Given and family names of the multi-word PERSON entities ("Chris Paul" → chris, paul).

    A single word that repeats part of a person's full name is that person, not a town.
    """
    parts: set[str] = set()
    for entity in article.entities:
        if entity.label != "PERSON":
            continue
        text = article.span_text(entity.span)
        if not _looks_like_full_name(text):
            continue
        parts.update(fold_name(text).split())
    return frozenset(parts)


def named_divisions(candidates: list[Candidate]) -> frozenset[int]:
    """Ids of the first-level divisions ("New Jersey", "N.J.") the candidates name."""
    return frozenset(f.id for c in candidates for f in c.features
                     if f.precision == "admin1" and f.name_kind <= 1)


def _metonymy_spans(article: Article) -> list[Span]:
    return [
        a.span for a in article.actors
        if a.span is not None and a.extractor and "metonymy" in a.extractor
    ]


def _widenings(
    article: Article, tokens: list[Token], positions: dict[int, int]
) -> list[list[Token]]:
    """Longer spans to try: a capitalised word before ("NEW" JERSEY), an abbreviation with
    its full stop before ("ST ." LOUIS), a capitalised word after (OKLAHOMA "CITY"), the full
    stop the tokenizer split off an abbreviation (W.Va "."); all in the name's sentence."""
    def joinable(token: Token) -> bool:
        return token.sent == tokens[0].sent and token.text[:1].isupper() \
            and token.pos not in _CLOSED_CLASS

    first = positions.get(tokens[0].i, 0)
    last = positions.get(tokens[-1].i, len(article.tokens) - 1)
    widenings = []
    if first >= 1 and joinable(article.tokens[first - 1]):
        widenings.append([article.tokens[first - 1], *tokens])
    if first >= 2 and article.tokens[first - 1].text == "." \
            and article.tokens[first - 1].span.end == tokens[0].span.start - 1 \
            and joinable(article.tokens[first - 2]):
        widenings.append([article.tokens[first - 2], article.tokens[first - 1], *tokens])
    if last + 1 < len(article.tokens) and joinable(article.tokens[last + 1]):
        widenings.append([*tokens, article.tokens[last + 1]])
    if last + 1 < len(article.tokens) and article.tokens[last + 1].text == "." \
            and article.tokens[last + 1].span.start == tokens[-1].span.end \
            and "." in tokens[-1].text:
        # "CHARLESTON, W.Va. --": the tokenizer splits the abbreviation's last full stop off.
        widenings.append([*tokens, article.tokens[last + 1]])
    return widenings


# Lower-case words that may sit inside a place's full name: "Democratic People's Republic of
# Korea", "Bosnia and Herzegovina", "Isle of Man", "Trinidad and Tobago".
_NAME_CONNECTORS = frozenset({"of", "and", "the", "'s", "’s", "de", "du", "del", "la", "&"})


def _connected_names(
    article: Article, gazetteer: Gazetteer, max_tokens: int = 7
) -> list[list[Token]]:
    """Full names with connecting words that neither proper-noun runs nor a small NER keep
    whole ("the Democratic People's Republic of Korea" would otherwise be cut down to
    "Republic of Korea", which is the other Korea): the longest gazetteer name starting at
    each capitalised word, when it holds a connector."""
    found: list[list[Token]] = []
    tokens = article.tokens
    index = 0
    while index < len(tokens):
        first = tokens[index]
        longest: list[Token] | None = None
        if first.text[:1].isupper() and first.pos not in _CLOSED_CLASS:
            for width in range(max_tokens, 2, -1):
                window = list(tokens[index : index + width])
                if len(window) < width or window[-1].sent != first.sent \
                        or not window[-1].text[:1].isupper():
                    continue
                inner = window[1:-1]
                if not any(t.text.lower() in _NAME_CONNECTORS for t in inner) or not all(
                    t.text.lower() in _NAME_CONNECTORS or t.text[:1].isupper() for t in inner
                ):
                    continue
                if any(f.name_kind <= 1 for f in gazetteer.lookup(
                        article.span_text(_span_of(window)))):
                    longest = window
                    break
        if longest is not None:
            found.append(longest)
            index += len(longest)
        else:
            index += 1
    return found


def find_candidates(
    article: Article, gazetteer: Gazetteer, lexicon: GeoLexicon,
    person_parts: frozenset[str] | None = None,
) -> list[Candidate]:
    """Every span that might be a toponym, longest first, without overlaps.

    ``person_parts``: see :func:`person_name_parts` (computed here when not given)."""
    blocked = _metonymy_spans(article)
    if person_parts is None:
        person_parts = person_name_parts(article)
    raw: list[tuple[list[Token], str]] = []
    starts = [t.span.start for t in article.tokens]
    for entity in article.entities:
        tokens = _trim(_tokens_within(article, entity.span, starts))
        if tokens:
            raw.append((tokens, entity.label))
    for run in _proper_runs(article):
        raw.append((run, "PROPN"))
    for name in _connected_names(article, gazetteer):
        raw.append((name, "GPE"))
    positions = _position_map(article.tokens)
    for tokens, label in list(raw):
        # "NEW JERSEY" with only "JERSEY" tagged, "ST. LOUIS" with only "LOUIS", a dateline
        # "OKLAHOMA CITY" whose "CITY" the tagger calls a noun: take the capitalised word
        # before or after along when the longer name is a known place name.
        for longer in _widenings(article, tokens, positions):
            text = article.span_text(_span_of(longer))
            if any(f.name_kind <= 1 for f in gazetteer.lookup(text)):
                raw.append((longer, label))
                break
    demonyms = lexicon.demonyms.keys() | lexicon.region_demonyms.keys()
    for index, token in enumerate(article.tokens):
        if not token.text[:1].isupper():
            continue
        if fold_name(token.text) in demonyms:
            raw.append(([token], "DEMONYM"))
        # Two-word adjectives name a region or a country, not their last word's country:
        # "North American", "Central American", "South African", "Saudi Arabian".
        following = article.tokens[index + 1] if index + 1 < len(article.tokens) else None
        if following is not None and following.sent == token.sent \
                and following.text[:1].isupper() \
                and fold_name(f"{token.text} {following.text}") in demonyms:
            raw.append(([token, following], "DEMONYM"))
    chosen: list[Candidate] = []
    taken: list[Span] = []
    # Entities first (their labels are evidence), then longer spans before shorter.
    # A longer name the gazetteer knows as such comes first of all, so "South America",
    # "New Jersey" and "Indian Ocean" are not cut down to the "America", "Jersey" or
    # "Indian" that the NER or the demonym table found inside them.
    priority = {"GPE": 0, "LOC": 0, "FAC": 1, "DEMONYM": 1}

    def known_whole(tokens: list[Token]) -> bool:
        return len(tokens) > 1 and any(
            f.name_kind <= 1 for f in gazetteer.lookup(article.span_text(_span_of(tokens))))

    raw.sort(key=lambda item: (not known_whole(item[0]), priority.get(item[1], 2),
                               -len(item[0]), item[0][0].i))
    for tokens, label in raw:
        span = _span_of(tokens)
        if any(span.overlaps(s) for s in taken) or any(span.overlaps(s) for s in blocked):
            continue
        text = article.span_text(span)
        if not any(c.isupper() for c in text[:1]):
            continue
        candidate = Candidate(span=span, text=text, label=label, tokens=tokens)
        demonym = _demonym_features(text, gazetteer, lexicon) if len(tokens) <= 2 else ()
        if demonym:
            candidate.features = demonym
            candidate.label = "DEMONYM"
        else:
            candidate.features = _plausible_features(
                text, _lookup(gazetteer, text, fuzzy=True), lexicon)
        if not candidate.features and len(tokens) > 1 and label not in {"PERSON"} \
                and not all(fold_name(t.text) in person_parts for t in tokens
                            if fold_name(t.text)):
            # Embedded toponyms: "Texas Rangers", "University of Chicago", "European Commission".
            # Not inside a person's name the NER tagged elsewhere ("Conor McGregor").
            for sub_tokens in _embedded_windows(tokens):
                sub_span = _span_of(sub_tokens)
                sub_text = article.span_text(sub_span)
                found = _embedded_features(
                    _plausible_features(sub_text, gazetteer.lookup(sub_text), lexicon),
                    named_area=len(sub_tokens) > 1
                    and sub_tokens[-1].text.lower() in lexicon.admin_words)
                if not found and len(sub_tokens) == 1:
                    found = list(_demonym_features(sub_text, gazetteer, lexicon))
                if found and fold_name(sub_text) not in lexicon.common_words:
                    sub = Candidate(span=sub_span, text=article.span_text(sub_span),
                                     label="EMBEDDED", tokens=sub_tokens, features=tuple(found))
                    _mark_admin_cue(article, sub, lexicon)  # "Oaxaca State, Mexico"
                    chosen.append(sub)
                    taken.append(sub_span)
                    break
            continue
        if candidate.features:
            _mark_admin_cue(article, candidate, lexicon)
            chosen.append(candidate)
            taken.append(span)
    return sorted(chosen, key=lambda c: c.span.start)


def _well_known(feature: Feature) -> bool:
    """Countries, regions, sizeable divisions and big cities: names a reader knows as places.

    A division of a few thousand people ("Paul", Cape Verde) is not evidence enough.
    """
    if feature.precision in {"country", "region"}:
        return True
    if feature.precision == "admin1":
        return feature.population >= 50_000
    return feature.precision == "city" and feature.population >= 100_000


def _embedded_features(
    features: tuple[Feature, ...], *, named_area: bool = False
) -> list[Feature]:
    """Well-known entries a name inside a longer name may mean, namesake cities included.

    ``named_area``: the window ends in an admin word ("Montgomery County Democrats"), so a
    division of any size is meant, not the well-known city of the bare name.

    "New York Times": the city is only an alternate name of "New York" in GeoNames, but it is
    the namesake of the state that the name does match, so both stay and the resolver's
    namesake rule chooses between them as it does for a bare "New York".
    """
    if named_area:
        areas = [f for f in features
                 if f.name_kind <= 1 and f.precision in {"admin1", "admin2"}]
        if areas:
            return areas
    known = [f for f in features if f.name_kind <= 1 and _well_known(f)]
    divisions = {f.id: f for f in known if f.precision == "admin1"}
    namesakes = [
        f for f in features
        if f.precision == "city" and f.name_kind == 2 and f.admin1_id in divisions
        and f.population * 4 >= divisions[f.admin1_id].population and _well_known(f)
    ]
    return known + namesakes


def _embedded_windows(tokens: list[Token]) -> list[list[Token]]:
    windows = []
    for width in range(min(3, len(tokens) - 1), 0, -1):
        for start in range(len(tokens) - width + 1):
            window = tokens[start : start + width]
            if all(t.text[:1].isupper() and t.pos not in _CLOSED_CLASS for t in window):
                windows.append(window)
    return windows


def keep_candidate(
    article: Article,
    candidate: Candidate,
    lexicon: GeoLexicon,
    person_parts: frozenset[str] = frozenset(),
    named_divisions: frozenset[int] = frozenset(),
) -> bool:
    """Guards against common words and person names; context rescues weak labels.

    ``person_parts``: words of the article's full person names (see ``person_name_parts``).
    ``named_divisions``: first-level divisions the article names (see ``named_divisions``):
    a word of a person's name is still a place when the text puts it in a place ("the
    gas station in Riverdale") and one of its towns lies in a state the article names.
    """
    key = fold_name(candidate.text)
    best_kind = min(f.name_kind for f in candidate.features)
    strong_feature = any(
        f.precision in {"country", "admin1", "region"} and f.name_kind <= 1 and _well_known(f)
        or (f.precision == "admin2" and f.name_kind == 0 and f.population >= 250_000)
        for f in candidate.features
    )
    if candidate.label == "EMBEDDED" and len(candidate.tokens) == 1 and key in person_parts \
            and all(f.precision == "city" for f in candidate.features):
        # "Lin-Manuel Miranda" tagged ORG: a word of a person's name named elsewhere.
        return False
    if candidate.label in {"DEMONYM", "EMBEDDED"}:
        return True
    if _in_firm_name(article, candidate):
        return False
    if not strong_feature and _is_speaker(article, candidate, lexicon):
        return False
    context = has_place_context(article, candidate, lexicon)
    if key in lexicon.common_words:
        return candidate.label in _PLACE_LABELS and context
    if candidate.label in _NOT_PLACE_LABELS:
        return False
    cued = candidate.admin_cue or candidate.qualifier is not None
    if len(candidate.tokens) == 1 and key in person_parts and not cued \
            and not (context and any(f.admin1_id in named_divisions and f.name_kind <= 1
                                     for f in candidate.features)):
        return False
    letters = key.replace(" ", "")
    if candidate.text.isupper() and len(letters) <= 4 and not strong_feature \
            and candidate.label not in _PLACE_LABELS:
        # An acronym ("NATO", "CIS") that happens to spell a village.
        return False
    if best_kind >= 3:
        # Only a transliteration skeleton matched: a place by label or by context, never a
        # name the NER calls a person ("Ingraham" is not Nagrām).
        return candidate.label in _PLACE_LABELS or (candidate.label != "PERSON" and context)
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
    return context and best_kind <= 3


_AMPERSAND = re.compile(r"\s*&\s*\w")
_AMPERSAND_BEFORE = re.compile(r"\w\s*&\s*$")


def _in_firm_name(article: Article, candidate: Candidate) -> bool:
    """"Stevens & Wilkinson", "Procter & Gamble": names joined by "&" are a firm's."""
    before = article.text[max(0, candidate.span.start - 4) : candidate.span.start]
    return _AMPERSAND.match(article.text, candidate.span.end) is not None \
        or _AMPERSAND_BEFORE.search(before) is not None


def _is_speaker(article: Article, candidate: Candidate, lexicon: GeoLexicon) -> bool:
    """"Nelson said", "Nelson told reporters": the subject of a speech verb is a person or
    a body; a place speaks only by metonymy, and then it is a country or capital (strong)."""
    head = syntactic_head(candidate.tokens)
    if head is None or head.dep != "nsubj":
        return False
    governor = _by_index(article.tokens).get(head.head)
    return governor is not None and governor.lemma.lower() in lexicon.speech_verbs


_NEXT_WORDS = re.compile(r"(?:['’]s)?\s+([A-Z][A-Za-z]*)(\.?)(?:\s+(\S+))?")


def mark_facility_names(article: Article, candidates: list[Candidate], lexicon: GeoLexicon) -> None:
    """Flag names that a facility word continues: "Hampton Avenue", "Victoria St.",
    "Wilson's Farm", "Douglas High School" (see ``facility_words`` in cues.yaml).

    A short "St" followed by a capitalised word is "Saint", not "Street" ("Minneapolis-St.
    Paul").
    """
    for candidate in candidates:
        if candidate.label == "DEMONYM":
            continue
        match = _NEXT_WORDS.match(article.text, candidate.span.end)
        if match is None:
            continue
        word = match.group(1).lower()
        if word not in lexicon.facility_words:
            continue
        following = match.group(3) or ""
        if word == "st" and following[:1].isupper():
            continue
        candidate.facility = True
