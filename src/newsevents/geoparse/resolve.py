"""Toponym resolution: score each gazetteer entry a recognised name may refer to.

Evidence: population, feature kind, how the name matched, the countries and first-level
divisions the article mentions, qualifiers next to the mention ("X, Texas") and nearness to
the other places resolved.  Countries are ISO 3166-1 alpha-3 codes.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from newsevents.geoparse.candidates import Candidate
from newsevents.geoparse.event_place import syntactic_head
from newsevents.knowledge.gazetteer import Feature, fold_name, haversine_km
from newsevents.model import Article

_PRECISION_PRIOR = {"country": 2.5, "region": 2.5, "admin1": 0.8, "admin2": -0.6, "city": 0.0}
_KIND_PENALTY = {0: 0.0, 1: 0.2, 2: 0.7, 3: 1.5}
# The outlet's home country (``knowledge.outlet_home``): a weak prior that tips close calls
# between namesakes, worth less than one other name of the article in that country.
_HOME_PRIOR = 0.5
# A regional paper's home division adds this for places inside it: a local paper rarely names
# its own state ("Charleston" in a West Virginia paper), yet one state named in the text
# (1 + 2 × its share of the votes) still outweighs it.
_HOME_DIVISION_PRIOR = 1.0


def _contains(area: Feature, place: Feature) -> bool:
    if area.precision == "country":
        return place.country is not None and place.country == area.country and place.id != area.id
    if area.precision == "admin1":
        return place.admin1_id == area.id and place.id != area.id
    return False


def mark_qualifiers(article: Article, candidates: list[Candidate]) -> None:
    """"X, Texas" / "X in Syria" / "Syria's province of X": a country or state right by X."""
    mark_coordination(candidates)
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


def _main_level(candidate: Candidate) -> str | None:
    """The precision of a name's most populous own-name reading ("California": admin1)."""
    own = [f for f in candidate.features if f.name_kind <= 1]
    if not own:
        return None
    return max(own, key=lambda f: (_area_population(f), -f.id)).precision


def mark_coordination(candidates: list[Candidate]) -> None:
    """"California or Washington", "Georgia and Armenia": names joined by a conjunction are
    usually of one kind, so a name whose partners are all mainly states (or all mainly
    countries) leans to its state (or country) reading."""
    owner: dict[int, Candidate] = {}
    for candidate in candidates:
        for token in candidate.tokens:
            owner[token.i] = candidate
    partners: dict[int, list[Candidate]] = defaultdict(list)
    for candidate in candidates:
        head = syntactic_head(candidate.tokens)
        if head is None or head.dep != "conj":
            continue
        other = owner.get(head.head)
        if other is None or other is candidate:
            continue
        partners[id(candidate)].append(other)
        partners[id(other)].append(candidate)
    for candidate in candidates:
        levels = {_main_level(other) for other in partners.get(id(candidate), [])}
        if len(levels) == 1 and levels <= {"admin1", "country"}:
            candidate.sibling_levels = frozenset(level for level in levels if level)


@dataclass
class _Context:
    """What the other names of the article say, counted per distinct name (folded key)."""

    countries: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    admin1: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    points: dict[str, list[tuple[float, float]]] = field(default_factory=lambda: defaultdict(list))
    # Divisions named as such ("Ontario", "Texas"), not just through their towns
    # or a demonym ("English").
    named_admin1: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))

    def country_share(self, country: str | None, own_key: str) -> float:
        """Share of the other names that vote for ``country`` (0 when none does)."""
        if country is None:
            return 0.0
        votes = len(self.countries.get(country, set()) - {own_key})
        if not votes:
            return 0.0
        total = sum(len(keys - {own_key}) for keys in self.countries.values())
        return votes / total if total else 0.0

    def has_admin1(self, admin1_id: int | None, own_key: str) -> bool:
        return admin1_id is not None and bool(self.admin1.get(admin1_id, set()) - {own_key})

    def admin1_share(self, admin1_id: int | None, own_key: str) -> float:
        """Share of the other names' division votes that go to ``admin1_id``."""
        if admin1_id is None:
            return 0.0
        votes = len(self.admin1.get(admin1_id, set()) - {own_key})
        total = sum(len(keys - {own_key}) for keys in self.admin1.values())
        return votes / total if total else 0.0

    def other_points(self, own_key: str) -> list[tuple[float, float]]:
        return [p for key, points in self.points.items() if key != own_key for p in points]


def _area_population(feature: Feature) -> int:
    return max(feature.population, 10_000_000) if feature.precision == "region" \
        else feature.population


def _namesakes(candidate: Candidate) -> set[int]:
    """Ids of a city and the first-level division around it that share the name.

    "Dubai", "Geneva", "Almaty", "New York": the division is named after the city, and news
    means the city unless it says "state" or "province".  A city matched only by an alternate
    name counts when it dominates the division (a quarter of its people or more), so "New
    York" is the city but "Oklahoma" stays the state.
    """
    admins = {f.id: f for f in candidate.features if f.precision == "admin1" and f.name_kind <= 1}
    pairs: set[int] = set()
    for city in candidate.features:
        if city.precision != "city" or city.admin1_id not in admins:
            continue
        division = admins[city.admin1_id]
        if city.name_kind <= 1 or city.population * 4 >= division.population:
            pairs.update({city.id, division.id})
    return pairs


def _base_score(
    candidate: Candidate,
    feature: Feature,
    rival_population: int,
    rival_area: int,
    namesakes: AbstractSet[int] = frozenset(),
) -> float:
    """What the name and the feature alone say: class, size, how well the name matched."""
    score = _PRECISION_PRIOR.get(feature.precision, 0.0)
    population = feature.population
    if feature.precision == "region":
        # Regions carry no (or a notional) population; rank them with a large country.
        population = max(population, 10_000_000)
    score += 0.35 * math.log10(population + 1)
    score -= _KIND_PENALTY.get(feature.name_kind, 1.0)
    # "state"/"province" by the name, or a list of states, lifts the namesake rule.
    if feature.id in namesakes and not candidate.admin_cue \
            and "admin1" not in candidate.sibling_levels:
        if feature.precision == "admin1":
            score -= 1.5
        else:
            # "New York" is only an alternate name of New York City in GeoNames; as the
            # division's namesake it is the city's own name in news.
            score += _KIND_PENALTY.get(feature.name_kind, 1.0)
        # The namesake city is exempt from the alternate-name and village rules below.
        return score + _common_terms(candidate, feature)
    if feature.name_kind >= 2 and rival_population >= feature.population:
        # An alternate name ("Mexico" for Mexico City, "Florida" for a village) rarely beats a
        # bigger place that bears the name as its own.
        score -= 2.0
    if feature.precision in {"city", "admin2"} and feature.population * 100 < rival_area:
        # A village that shares its name with a country, state or region ("Wales", GBR;
        # "Florida", Uruguay; "Middle East", USA) is rarely the one meant.
        score -= 1.5
    return score + _common_terms(candidate, feature)


def _common_terms(candidate: Candidate, feature: Feature) -> float:
    score = 0.0
    if feature.capital:
        score += 1.5
    if feature.name == candidate.text:
        score += 0.3
    if candidate.admin_cue:
        score += 2.0 if feature.precision in {"admin1", "admin2"} else -1.0
    if candidate.qualifier is not None and _contains(candidate.qualifier, feature):
        score += 4.0
    if feature.precision in candidate.sibling_levels:
        score += 1.5
    return score


def _evidence(
    feature: Feature, key: str, context: _Context, dwarfed: bool = False,
    capital_namesake: bool = False,
) -> float:
    """What the article's other names say: same country, same division, nearby points.

    ``dwarfed``: a namesake a hundred times bigger exists (London, Kentucky beside London):
    the article's other places then count half, since the big one is named in news from
    everywhere.  ``capital_namesake``: a national capital ten times bigger bears the name
    (Washington, Tyne and Wear beside Washington, D.C.): the other places count half unless
    one lies near or names the division, since a story's country alone (a British story on
    Russian diplomats) says little about a name that every foreign desk uses.
    """
    local = False
    score = 0.0
    share = context.country_share(feature.country, key)
    if share:
        score += 1.0 + 2.0 * share
    if feature.precision in {"city", "admin2"} and context.has_admin1(feature.admin1_id, key):
        score += 1.5
        if not dwarfed:
            # A town in the state most of the article's places lie in beats its namesake in
            # a state named once in passing (Riverdale, N.J. in a Morris County story that
            # also says a customer "lives in New York").  Not for a village dwarfed by a
            # world city: London, California stays behind London.
            score += 0.5 * context.admin1_share(feature.admin1_id, key)
        local = feature.admin1_id is not None \
            and bool(context.named_admin1.get(feature.admin1_id, set()) - {key})
    if feature.precision == "admin1" and context.has_admin1(feature.id, key):
        # Another name lies inside this division ("Cardiff ... Wales").
        score += 1.5
    points = context.other_points(key)
    if points and feature.lat is not None and feature.lon is not None \
            and feature.precision in {"city", "admin2"}:
        nearest = min(haversine_km(feature.lat, feature.lon, lat, lon) for lat, lon in points)
        if nearest < 150:
            score += 1.5
            local = True
        elif nearest < 500:
            score += 0.7
    return score / 2 if dwarfed or (capital_namesake and not local) else score


def _explicit_context(groups: dict[str, list[Candidate]]) -> _Context:
    """Pass one: names that can only mean one country or division, or one point."""
    context = _Context()
    for key, group in groups.items():
        features = group[0].features
        top = [f for f in features if f.name_kind <= 1]
        countries = [f for f in top if f.precision == "country"]
        if countries:
            context.countries[max(countries, key=lambda f: f.population).country or ""].add(key)
        admins = [f for f in top if f.precision == "admin1"]
        # "Washington" is as likely the big city as the state: it sets no division yet, or
        # the state it might mean would pull the article's other names ("Douglas") into it
        # and then win on their votes.
        big_city = any(f.precision == "city" and f.population >= 100_000 for f in top)
        if len(admins) == 1 and not big_city:
            context.admin1[admins[0].id].add(key)
            if any(c.label != "DEMONYM" for c in group):
                context.named_admin1[admins[0].id].add(key)
            if admins[0].country:
                context.countries[admins[0].country].add(key)
        if len(features) == 1:
            only = features[0]
            if only.precision in {"city", "admin2"} and only.lat is not None and only.lon is not None:
                context.points[key].append((only.lat, only.lon))
    return context


def _resolved_context(groups: dict[str, list[Candidate]]) -> _Context:
    """Pass two: every name votes for the country, division and point it resolved to."""
    context = _Context()
    for key, group in groups.items():
        best = group[0].resolved
        if best is None:
            continue
        if best.country:
            context.countries[best.country].add(key)
        if best.precision == "admin1":
            context.admin1[best.id].add(key)
            if any(c.label != "DEMONYM" for c in group):
                context.named_admin1[best.id].add(key)
        elif best.admin1_id is not None:
            context.admin1[best.admin1_id].add(key)
        if best.precision in {"city", "admin2"} and best.lat is not None and best.lon is not None:
            context.points[key].append((best.lat, best.lon))
    return context


def _supported(feature: Feature, key: str, explicit: _Context) -> bool:
    """A reading only the transliteration skeleton found ("Bukamal" ~ Abu Kamal) needs
    another name of the article to name its country: without that, a lossy key matches
    unrelated villages ("City Hall" ~ Chityal, India)."""
    return feature.name_kind < 3 or explicit.country_share(feature.country, key) > 0


def _home_prior(
    feature: Feature, home_country: str | None, home_division: int | None = None
) -> float:
    if home_country is None or feature.country != home_country \
            or feature.precision not in {"city", "admin2", "admin1"}:
        return 0.0
    inside = home_division is not None and home_division in {feature.admin1_id, feature.id}
    return _HOME_PRIOR + (_HOME_DIVISION_PRIOR if inside else 0.0)


def resolve_candidates(
    candidates: list[Candidate], home_country: str | None = None,
    home_division: int | None = None,
) -> None:
    """Two passes: unambiguous names set the article's context, then everything is scored,
    then scored again with every name's first answer as context.

    ``home_country``: where the outlet is based (ISO alpha-3), a weak prior;
    ``home_division``: the id of a regional outlet's first-level division."""
    groups: dict[str, list[Candidate]] = defaultdict(list)
    for candidate in candidates:
        groups[fold_name(candidate.text)].append(candidate)
    context = _explicit_context(groups)
    explicit = context
    for attempt in range(2):
        for key, group in groups.items():
            if not any(_supported(f, key, explicit) for c in group for f in c.features):
                for candidate in group:
                    candidate.resolved = None
                continue
            # One sense per article: the mentions of one name share their evidence.
            # Mean over the mentions, so one odd cue ("the border territory of Georgia")
            # does not outvote the rest.
            sums: dict[int, float] = defaultdict(float)
            features: dict[int, Feature] = {}
            for candidate in group:
                own_name = [f.population for f in candidate.features if f.name_kind <= 1]
                rival = max(own_name, default=0)
                rival_area = max((_area_population(f) for f in candidate.features
                                  if f.name_kind <= 1
                                  and f.precision in {"country", "admin1", "region"}), default=0)
                namesakes = _namesakes(candidate)
                biggest_place = max((f.population for f in candidate.features
                                     if f.name_kind <= 1 and f.precision == "city"), default=0)
                biggest_capital = max((f.population for f in candidate.features
                                       if f.name_kind <= 1 and f.precision == "city"
                                       and f.capital), default=0)
                for feature in candidate.features:
                    if not _supported(feature, key, explicit):
                        continue
                    dwarfed = feature.precision in {"city", "admin2"} \
                        and feature.population * 100 < biggest_place
                    capital_namesake = feature.precision in {"city", "admin2"} \
                        and not feature.capital and feature.population * 10 < biggest_capital
                    total = _base_score(candidate, feature, rival, rival_area, namesakes) \
                        + _evidence(feature, key, context, dwarfed, capital_namesake) \
                        + _home_prior(feature, home_country, home_division)
                    sums[feature.id] += total
                    features[feature.id] = feature
            totals = {fid: value / len(group) for fid, value in sums.items()}
            best_id = max(totals, key=lambda fid: totals[fid])
            for candidate in group:
                choice = best_id
                if candidate.qualifier is not None:
                    local = [f for f in candidate.features
                             if f.id in totals and _contains(candidate.qualifier, f)]
                    if local:
                        choice = max(local, key=lambda f: totals[f.id]).id
                candidate.resolved = features[choice]
                candidate.score = totals[choice]
        if attempt == 0:
            context = _resolved_context(groups)
    _stand_in_nearest(candidates, _resolved_context(groups))


def _fits(own: Feature | None, point: Feature | None) -> bool:
    """The name's own reading agrees with the story's place: it contains it or lies within
    161 km (100 miles) of it."""
    if own is None or point is None:
        return False
    if _contains(own, point):
        return True
    if own.lat is None or own.lon is None or point.lat is None or point.lon is None \
            or own.precision not in {"city", "admin2"}:
        return False
    return haversine_km(own.lat, own.lon, point.lat, point.lon) <= 161


def _stand_in_nearest(candidates: list[Candidate], context: _Context) -> None:
    """A name with no reading left (only an unsupported skeleton match) is placed at the
    nearest city or district the text names around it: a reporter writing "at City Hall"
    or "in Torkula village" is at the town the story is about.  The place keeps the
    stand-in's id and is flagged (``Candidate.stand_in``) so it is not passed off as the
    name's own entry; without a point nearby the name is dropped.

    A name that goes on into a street or building name ("Hampton Avenue in the St. Louis
    Hills", "Douglas High School" in a Parkland story) is placed the same way: the street is
    named after a person or a far namesake, and it lies in the town of the story.  Without
    another point in the text it keeps its own reading."""
    points = [c for c in candidates if c.resolved is not None and not c.stand_in
              and not c.facility and c.resolved.precision in {"city", "admin2"}
              # A point in a country no other name supports is a doubtful anchor.
              and context.country_share(c.resolved.country, fold_name(c.text)) > 0]
    for candidate in candidates:
        # Only a name the text puts in a place ("at City Hall", "in Torkula village") stands
        # in for its town; "Pawlenty's spokesman" is not placed anywhere.
        unplaced = candidate.resolved is None and candidate.features \
            and candidate.in_place_context
        others = [p for p in points if fold_name(p.text) != fold_name(candidate.text)]
        if not (unplaced or candidate.facility) or not others:
            continue
        nearest = min(others, key=lambda p: (abs(p.span.start - candidate.span.start),
                                             p.span.start))
        if not unplaced and _fits(candidate.resolved, nearest.resolved):
            continue  # "Oxford Road" in an Oxford story is named after the town it is in
        candidate.resolved = nearest.resolved
        candidate.score = 0.0
        candidate.stand_in = True
