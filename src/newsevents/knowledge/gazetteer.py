"""The offline gazetteer: name normalization, the geo data tables, and the SQLite index.

The index is one SQLite file, ``data_dir()/gazetteer-v2.sqlite``, built by
:mod:`newsevents.knowledge.gazetteer_build`.  Opening it costs milliseconds and a few MB:
queries go to SQLite's on-disk B-tree instead of a resident dictionary.
Countries are ISO 3166-1 **alpha-3** codes throughout, as for actors.
"""

from __future__ import annotations

import csv
import logging
import math
import re
import sqlite3
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from newsevents.config.paths import data_dir
from newsevents.errors import KnowledgeError

log = logging.getLogger(__name__)

INDEX_VERSION = "2"  # 2: admin1 abbreviations, region aliases and ids
INDEX_NAME = f"gazetteer-v{INDEX_VERSION}.sqlite"
GEO_DATA_PACKAGE = "newsevents.data.geo"

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_SPECIAL_LETTERS = str.maketrans(
    {"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l",
     "Ł": "L", "ı": "i", "œ": "oe", "Œ": "OE", "þ": "th", "ð": "d", "ʼ": "", "ʻ": "",
     "’": "", "'": "", "`": "", "‘": ""}
)


@lru_cache(maxsize=65536)  # the same few thousand words recur across articles
def fold_name(name: str) -> str:
    """Lower-case ASCII key: accents dropped, apostrophes removed, punctuation → one space.

    "Rāwah" → "rawah", "Hashd al-Sha’abi" → "hashd al shaabi", "St. Louis" → "st louis".
    """
    text = unicodedata.normalize("NFKD", name.translate(_SPECIAL_LETTERS))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    return _NON_ALNUM.sub(" ", text).strip()


# Words that place names write either in full or short; GeoNames gives one spelling as the
# own name and often only some of the others as alternate names.
_SHORT_WORDS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}
_LONG_WORDS = {long: short for short, long in _SHORT_WORDS.items()}


def abbreviation_variants(key: str) -> tuple[str, ...]:
    """The other spellings of a folded name whose first word is St/Saint, Mt/Mount, Ft/Fort.

    "st petersburg" → ("saint petersburg",); "saint louis" → ("st louis",).
    """
    first, _, rest = key.partition(" ")
    if not rest:
        return ()
    other = _SHORT_WORDS.get(first) or _LONG_WORDS.get(first)
    return (f"{other} {rest}",) if other else ()


@dataclass(frozen=True)
class Region:
    feature_id: int
    name: str
    aliases: tuple[str, ...]
    lat: float
    lon: float
    geonames_id: int | None


@dataclass(frozen=True)
class GeoLexicon:
    """The packaged tables of ``newsevents/data/geo``."""

    demonyms: dict[str, str]  # folded demonym → alpha-3
    country_aliases: dict[str, tuple[str, ...]]
    regions: tuple[Region, ...]
    common_words: frozenset[str]  # folded
    person_names: frozenset[str]  # folded
    article_prefixes: frozenset[str]
    merge_prefixes: tuple[str, ...]
    locative_prepositions: frozenset[str]  # folded, may be two words ("north of")
    place_verbs: frozenset[str]
    admin_words: frozenset[str]
    sources: dict[str, str] = field(default_factory=dict)
    # ISO 3166-2 code → abbreviations ("US-MT": ("MT", "Mont.")), raw spelling kept.
    admin1_abbreviations: dict[str, tuple[str, ...]] = field(default_factory=dict)
    region_aliases: dict[str, int] = field(default_factory=dict)  # folded name → GeoNames id
    region_demonyms: dict[str, int] = field(default_factory=dict)  # folded adjective → id
    facility_words: frozenset[str] = frozenset()  # folded: "avenue", "farm", "school"
    speech_verbs: frozenset[str] = frozenset()  # lemmas: "say", "tell"
    place_heads: frozenset[str] = frozenset()  # folded: "mayor", "police"
    # Dotted abbreviations of first-level divisions as written ("Pa.", "W.Va."): a short
    # dotted word that is not one of them ("Co." of "& Co.") is not a state.
    dotted_abbreviations: frozenset[str] = frozenset()


def _geo_file(name: str) -> Path:
    path = Path(str(resources.files(GEO_DATA_PACKAGE).joinpath(name)))
    if not path.is_file():
        raise KnowledgeError(
            f"packaged geo table {name} is missing",
            path=str(path),
            hint="reinstall newsevents; the file ships in newsevents/data/geo/",
        )
    return path


def _yaml(name: str, required: tuple[str, ...]) -> dict[str, Any]:
    path = _geo_file(name)
    loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(loaded, dict) or any(key not in loaded for key in required):
        raise KnowledgeError(
            f"geo table {name} must be a mapping with keys {', '.join(required)}",
            path=str(path),
            hint="compare it with the schema in newsevents/knowledge/gazetteer.py",
        )
    return loaded


def _word_set(values: Any, path: str) -> frozenset[str]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise KnowledgeError("expected a list of strings", path=path, hint="fix the YAML list")
    return frozenset(fold_name(v) for v in values)


def _abbreviations(values: Any) -> dict[str, tuple[str, ...]]:
    path = "admin1_abbreviations.yaml"
    if not isinstance(values, dict):
        raise KnowledgeError("abbreviations must map ISO 3166-2 codes to lists", path=path,
                             hint="write `US-MT: [MT, Mont.]`")
    table: dict[str, tuple[str, ...]] = {}
    for code, names in values.items():
        if not isinstance(code, str) or "-" not in code or not isinstance(names, list) \
                or not all(isinstance(n, str) for n in names):
            raise KnowledgeError(f"bad abbreviation entry {code!r}", path=path,
                                 hint="keys are ISO 3166-2 codes, values lists of strings")
        table[code] = tuple(names)
    return table


def _id_table(
    values: Any, path: str, regions: tuple[Region, ...] = ()
) -> dict[str, int]:
    """Names → feature ids: a GeoNames id, or the name of an entry of regions.yaml (for a
    region GeoNames has no feature for, such as "Latin America")."""
    by_name = {fold_name(r.name): r.feature_id for r in regions}
    if not isinstance(values, dict):
        raise KnowledgeError("expected a mapping of names to GeoNames ids", path=path,
                             hint="write `European: 6255148`")
    table = {}
    for name, value in values.items():
        if isinstance(value, str) and fold_name(value) in by_name:
            table[fold_name(str(name))] = by_name[fold_name(value)]
        elif isinstance(name, str) and isinstance(value, int) and value > 0:
            table[fold_name(name)] = value
        else:
            raise KnowledgeError(
                f"{name!r}: expected a GeoNames id or the name of a region in regions.yaml",
                path=path, hint="write `European: 6255148` or `Latin American: Latin America`")
    return table


@lru_cache(maxsize=1)
def load_geo_lexicon() -> GeoLexicon:
    """Read and check the packaged demonym, alias, region, stoplist and transliteration tables."""
    demonym_path = _geo_file("demonyms.csv")
    with demonym_path.open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    demonyms: dict[str, str] = {}
    for number, row in enumerate(csv.DictReader(lines), start=2):
        country = (row.get("country") or "").strip()
        if not row.get("demonym") or len(country) != 3 or not country.isupper():
            raise KnowledgeError(
                "each demonym row needs a demonym and an ISO alpha-3 country",
                path=str(demonym_path), record=str(number), hint="fix that row",
            )
        demonyms[fold_name(row["demonym"])] = country
    aliases_doc = _yaml("country_aliases.yaml", ("source", "aliases"))
    aliases = {
        str(code): tuple(str(a) for a in names) for code, names in aliases_doc["aliases"].items()
    }
    regions_doc = _yaml("regions.yaml", ("source", "regions"))
    regions = []
    for number, entry in enumerate(regions_doc["regions"], start=1):
        try:
            geonames_id = entry.get("geonames_id")
            regions.append(
                Region(
                    feature_id=int(geonames_id) if geonames_id else -number,
                    name=str(entry["name"]),
                    aliases=tuple(str(a) for a in entry.get("aliases") or ()),
                    lat=float(entry["lat"]),
                    lon=float(entry["lon"]),
                    geonames_id=int(geonames_id) if geonames_id else None,
                )
            )
        except (KeyError, TypeError, ValueError) as error:
            raise KnowledgeError(
                f"region entry {number} needs name, lat and lon ({error})",
                path=str(_geo_file("regions.yaml")), record=str(number),
                hint="fix that entry",
            ) from error
    stoplist = _yaml("stoplist.yaml", ("source", "common_words", "person_names"))
    translit = _yaml("transliteration.yaml", ("source", "article_prefixes", "merge_prefixes"))
    cues = _yaml("cues.yaml", ("source", "locative_prepositions", "place_verbs", "admin_words",
                              "facility_words"))
    abbreviations_doc = _yaml("admin1_abbreviations.yaml", ("source", "abbreviations"))
    region_alias_doc = _yaml("region_aliases.yaml", ("source", "aliases", "demonyms"))
    abbreviations = _abbreviations(abbreviations_doc["abbreviations"])
    return GeoLexicon(
        demonyms=demonyms,
        country_aliases=aliases,
        regions=tuple(regions),
        common_words=_word_set(stoplist["common_words"], "stoplist.yaml"),
        person_names=_word_set(stoplist["person_names"], "stoplist.yaml"),
        article_prefixes=_word_set(translit["article_prefixes"], "transliteration.yaml"),
        merge_prefixes=tuple(fold_name(p) for p in translit["merge_prefixes"]),
        locative_prepositions=_word_set(cues["locative_prepositions"], "cues.yaml"),
        place_verbs=_word_set(cues["place_verbs"], "cues.yaml"),
        admin_words=_word_set(cues["admin_words"], "cues.yaml"),
        admin1_abbreviations=abbreviations,
        region_aliases=_id_table(region_alias_doc["aliases"], "region_aliases.yaml",
                                 tuple(regions)),
        region_demonyms=_id_table(region_alias_doc["demonyms"], "region_aliases.yaml",
                                  tuple(regions)),
        facility_words=_word_set(cues["facility_words"], "cues.yaml"),
        speech_verbs=_word_set(cues.get("speech_verbs") or [], "cues.yaml"),
        place_heads=_word_set(cues.get("place_heads") or [], "cues.yaml"),
        dotted_abbreviations=frozenset(
            form.lower() for forms in abbreviations.values() for form in forms if "." in form),
        sources={
            "admin1_abbreviations": str(abbreviations_doc["source"]),
            "region_aliases": str(region_alias_doc["source"]),
            "country_aliases": str(aliases_doc["source"]),
            "regions": str(regions_doc["source"]),
            "stoplist": str(stoplist["source"]),
            "transliteration": str(translit["source"]),
            "cues": str(cues["source"]),
        },
    )


def strip_articles(key: str) -> str:
    """Drop Arabic definite articles: "dayr al zawr" → "dayr zawr", "al bukamal" → "bukamal"."""
    articles = load_geo_lexicon().article_prefixes
    words = key.split()
    kept = [w for w in words if w not in articles]
    return " ".join(kept) if kept else key


def skeleton_key(key: str) -> str:
    """A lossy consonant key that romanizations of one Arabic name share.

    Articles dropped, "abu/albu/bu" merged, words joined, doubled letters collapsed, vowels
    and the glides w/y/h removed after the first letter: "deir ez zor" and "dayr al zawr" →
    "drzr"; "abu kamal", "al bukamal" → "bkml"; "raqqah" and "raqqa" → "rq".
    """
    lexicon = load_geo_lexicon()
    words = [w for w in key.split() if w not in lexicon.article_prefixes]
    if not words:
        return ""
    if words[0] in lexicon.merge_prefixes:
        words[0] = "b"
    elif any(words[0].startswith(p) and len(words[0]) > len(p) + 2 for p in ("albu", "abu")):
        words[0] = "b" + words[0][4 if words[0].startswith("albu") else 3 :]
    joined = "".join(words)
    if joined.startswith("bu"):
        joined = "b" + joined[2:]
    collapsed = re.sub(r"(.)\1+", r"\1", joined)
    first, rest = collapsed[:1], collapsed[1:]
    rest = re.sub(r"[aeiouwyh]", "", rest)
    if first in "aeiou" and rest:
        first = ""
    return first + rest


@dataclass(frozen=True, slots=True)
class Feature:
    """One gazetteer entry."""

    id: int
    name: str
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    admin1_id: int | None
    precision: str
    population: int
    source: str
    capital: bool = False
    name_kind: int = 0  # how the queried name matched: 0 own name, 1 alias, 2 alternate, 3 skeleton

    @property
    def geonames_id(self) -> int | None:
        """Negative ids are local to newsevents (regions GeoNames has no entry for)."""
        return self.id if self.id > 0 else None


_FEATURE_COLUMNS = "f.id, f.name, f.lat, f.lon, f.country, f.admin1, f.admin1_id, f.precision, " \
    "f.population, f.source, f.capital"


class Gazetteer:
    """Read-only queries over the SQLite index."""

    def __init__(self, path: Path) -> None:
        if not path.is_file():
            raise KnowledgeError(
                "gazetteer index not found",
                path=str(path),
                hint="run `newsevents gazetteer build`",
            )
        self.path = path
        # check_same_thread=False: queries are read-only, so sharing across threads is safe.
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        try:
            self.meta = dict(self._db.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.DatabaseError as error:
            raise KnowledgeError(
                f"gazetteer index cannot be read ({error})",
                path=str(path),
                hint="delete it and run `newsevents gazetteer build`",
            ) from error
        if self.meta.get("version") != INDEX_VERSION:
            raise KnowledgeError(
                f"gazetteer index version {self.meta.get('version')!r}, "
                f"this code needs {INDEX_VERSION!r}",
                path=str(path),
                hint="run `newsevents gazetteer build` to rebuild it",
            )
        self._by_name: dict[str, tuple[Feature, ...]] = {}
        self._by_skeleton: dict[str, tuple[Feature, ...]] = {}
        self._countries: dict[str, Feature] | None = None

    def close(self) -> None:
        self._db.close()

    @staticmethod
    def _feature(row: tuple[Any, ...], kind: int) -> Feature:
        return Feature(
            id=row[0], name=row[1], lat=row[2], lon=row[3], country=row[4], admin1=row[5],
            admin1_id=row[6], precision=row[7], population=row[8], source=row[9],
            capital=bool(row[10]), name_kind=kind,
        )

    def lookup(self, name: str) -> tuple[Feature, ...]:
        """Features whose name, alias or alternate name folds to the same key as ``name``."""
        key = fold_name(name)
        cached = self._by_name.get(key)
        if cached is not None:
            return cached
        keys = (key, *abbreviation_variants(key))
        rows = self._db.execute(
            f"SELECT {_FEATURE_COLUMNS}, n.kind FROM names n JOIN features f ON f.id = n.id "
            f"WHERE n.key IN ({', '.join('?' * len(keys))})",
            keys,
        ).fetchall()
        # A feature reached through several keys keeps its best kind: "St. Petersburg" is
        # the own name "Saint Petersburg" written short, not a mere alternate name.
        best: dict[int, tuple[Any, ...]] = {}
        for row in rows:
            previous = best.get(row[0])
            if previous is None or row[-1] < previous[-1]:
                best[row[0]] = row  # a dict keeps the first-seen order of the ids
        found = tuple(self._feature(row[:-1], row[-1]) for row in best.values())
        self._by_name[key] = found
        return found

    def lookup_skeleton(self, name: str) -> tuple[Feature, ...]:
        """Transliteration-tolerant fallback (see :func:`skeleton_key`)."""
        skeleton = skeleton_key(fold_name(name))
        if len(skeleton) < 3:
            return ()
        cached = self._by_skeleton.get(skeleton)
        if cached is not None:
            return cached
        rows = self._db.execute(
            f"SELECT {_FEATURE_COLUMNS} FROM skeletons s JOIN features f ON f.id = s.id "
            "WHERE s.key = ?",
            (skeleton,),
        ).fetchall()
        found = tuple(self._feature(row, 3) for row in rows)
        self._by_skeleton[skeleton] = found
        return found

    def get(self, feature_id: int) -> Feature | None:
        row = self._db.execute(
            f"SELECT {_FEATURE_COLUMNS} FROM features f WHERE f.id = ?", (feature_id,)
        ).fetchone()
        return None if row is None else self._feature(row, 0)

    def country_feature(self, alpha3: str) -> Feature | None:
        """The most populous country-level entry for an ISO alpha-3 code."""
        if self._countries is None:
            # One scan for all countries: the features table has no index on country, so a
            # query per code would scan it each time.
            rows = self._db.execute(
                f"SELECT {_FEATURE_COLUMNS} FROM features f WHERE f.precision = 'country' "
                "ORDER BY f.population DESC, f.id"
            ).fetchall()
            countries: dict[str, Feature] = {}
            for row in rows:
                if row[4] is not None:
                    countries.setdefault(row[4], self._feature(row, 1))
            self._countries = countries
        return self._countries.get(alpha3)


def default_index_path() -> Path:
    return data_dir() / INDEX_NAME


def curated_tables_fingerprint() -> str:
    """A digest of the packaged geo tables the builder reads (aliases, regions, demonyms…)
    and of the builder itself.

    Stored in the index's ``meta``: an index built before those tables changed (an upgrade,
    an edit) is rebuilt rather than silently answering from the old tables."""
    import hashlib

    digest = hashlib.sha256(INDEX_VERSION.encode())
    # The builder's own code counts too: a change in how names are derived is a new index.
    digest.update(resources.files("newsevents.knowledge").joinpath("gazetteer_build.py")
                  .read_bytes())
    folder = resources.files(GEO_DATA_PACKAGE)
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.is_file() and entry.name.endswith((".yaml", ".csv")):
            digest.update(entry.name.encode())
            digest.update(entry.read_bytes())
    return digest.hexdigest()[:16]


def _index_meta(path: Path) -> dict[str, str]:
    """The ``meta`` table of an index file ({} when it cannot be read)."""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return {str(k): str(v) for k, v in
                    connection.execute("SELECT key, value FROM meta").fetchall()}
        finally:
            connection.close()
    except sqlite3.DatabaseError:
        return {}


def ensure_gazetteer(path: Path | None = None) -> Path:
    """The index path, building the index from installed packages first if it is missing,
    or rebuilding it if it was built from other versions of the packaged geo tables.

    An index built from a GeoNames dump is never rebuilt here (the dump may be gone); a
    stale one is reported with the command that rebuilds it."""
    target = path or default_index_path()
    if target.is_file():
        meta = _index_meta(target)
        if meta.get("curated_tables") == curated_tables_fingerprint():
            return target
        if meta.get("sources", "").startswith("GeoNames dump"):
            log.warning("gazetteer index %s was built from older geo tables: rebuild it with "
                        "`newsevents gazetteer build --from-geonames …`", target)
            return target
        log.warning("gazetteer index %s was built from other geo tables: rebuilding it", target)
    else:
        log.warning("gazetteer index %s is missing: building it now (about a minute)", target)
    from newsevents.knowledge.gazetteer_build import build_gazetteer

    build_gazetteer(target)
    return target


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built on first use when missing."""
    return Gazetteer(ensure_gazetteer())


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlam = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlam / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))
