"""The actor knowledge base: countries, groups, people, role words and titles from data files.

Data lives in ``newsevents/data/actors/*.yaml``; this module validates it (a broken entry raises
:class:`~newsevents.errors.KnowledgeError` naming the file and the entry) and indexes every name
under a transliteration-tolerant key (:func:`normalize_name`), so "Hashd al-Sha’abi",
"Hashd al-Shaabi" and "HASHD AL SHA'ABI" share one key.

Code convention (``code`` on an Actor): country alpha-3 + sector ("IRQMIL", "USAGOV"); a
transnational KB group keeps its own code from ``groups.yaml`` (``IMGINS`` for international
militant groups, ``IGO``/``IGOMIL`` for intergovernmental bodies, ``NGO…`` for international NGOs);
an actor with a sector but no country gets the sector alone ("CVL"); nothing known gives None.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from newsevents.errors import KnowledgeError
from newsevents.knowledge.datafiles import read_data_file

SECTORS = frozenset(
    ["GOV", "MIL", "REB", "INS", "COP", "OPP", "CVL", "JUD", "LEG", "MED", "BUS", "EDU", "REL", "IGO", "NGO", "PTY", "SPY", "UAF", "REF", "LAB", "CRM", "HRI", "ELI"]
)
_ISO3 = re.compile(r"^[A-Z]{3}$")
_ID = re.compile(r"^[a-z0-9_]+$")
# Apostrophe-like marks dropped outright: Sha’abi, Sha'abi, Shaʿabi all become "shaabi".
_APOSTROPHES = re.compile("[\u2019\u2018'`\u00b4\u02bc\u02bf\u02be\u02bb\u02b9]")
# Arabic article prefixes joined by a hyphen (al-, ash-, ad-, …) carry no identity in romanization.
_ARTICLE_PREFIX = re.compile(r"(?<![a-z0-9])(?:al|el|ash|as|ad|at|an|ar|az|ath|adh|ed|es|ez|er|ul|ud|ut)-")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_STANDALONE_ARTICLES = frozenset({"al", "el"})
ARTICLE_PREFIX_WORDS = frozenset(
    ["al", "el", "ash", "as", "ad", "at", "an", "ar", "az", "ath", "adh", "ed", "es", "ez", "er", "ul", "ud", "ut"]
)


@lru_cache(maxsize=65536)
def normalize_name(text: str) -> str:
    """A matching key tolerant of transliteration: case, diacritics, apostrophes, al-/el- prefixes,
    hyphens and dots ("U.S." = "US"), and a leading "the"."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    stripped = _APOSTROPHES.sub("", stripped).replace(".", "")
    stripped = _ARTICLE_PREFIX.sub("", stripped)
    words = [w for w in _NON_WORD.split(stripped) if w and w not in _STANDALONE_ARTICLES]
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@dataclass(frozen=True, slots=True)
class KbEntry:
    """One knowledge-base actor: a country, group or person."""

    actor_id: str
    name: str
    kind: str  # country | group | person
    country: str | None
    sector: str | None
    sectors: tuple[str, ...] = ()
    code: str | None = None


@dataclass(frozen=True, slots=True)
class AliasHit:
    """What one surface form means: which entry, in what way, with which sector."""

    entry: KbEntry
    form: str  # name | alias | demonym | capital | institution
    sector: str | None
    alias: str  # the alias as written in the data file (for case checks)

    def case_matches(self, surface: str) -> bool:
        """Acronyms must be in capitals and one-word names capitalized ("IS" not "is")."""
        alias = self.alias[4:] if self.alias.casefold().startswith("the ") else self.alias
        letters = [ch for ch in alias if ch.isalpha()]
        if not letters:
            return True
        if len(alias.split()) > 1 and not alias.isupper():
            return True
        if surface.casefold().startswith("the "):
            surface = surface[4:]
        surface_letters = [ch for ch in surface if ch.isalpha()]
        if not surface_letters:
            return False
        if all(ch.isupper() for ch in letters) and len(letters) > 1:
            return all(ch.isupper() for ch in surface_letters)
        if letters[0].isupper():
            return surface_letters[0].isupper()
        return True


@dataclass(frozen=True, slots=True)
class Title:
    title: str
    sector: str | None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class RulerPlace:
    name: str
    country: str
    label: str


@dataclass
class ActorKnowledge:
    """Indexed knowledge base; build it with :func:`load_actor_knowledge`."""

    entries: dict[str, KbEntry] = field(default_factory=dict)
    aliases: dict[str, list[AliasHit]] = field(default_factory=dict)
    first_words: set[str] = field(default_factory=set)
    max_alias_words: int = 1
    roles: dict[str, str] = field(default_factory=dict)
    titles: dict[str, Title] = field(default_factory=dict)
    max_title_words: int = 1
    group_nouns: frozenset[str] = frozenset()
    person_nouns: frozenset[str] = frozenset()
    irregular_modifiers: frozenset[str] = frozenset()
    deed_nouns: frozenset[str] = frozenset()
    weapon_roles: frozenset[str] = frozenset()  # role words that take no context country
    civilian_modifiers: frozenset[str] = frozenset()  # "civilian advisers" are not the military
    places: dict[str, RulerPlace] = field(default_factory=dict)
    countries_by_code: dict[str, KbEntry] = field(default_factory=dict)
    _fuzzy_keys: list[str] = field(default_factory=list)

    def lookup(self, surface: str) -> AliasHit | None:
        """Exact (normalized) lookup honouring the case rule for acronyms and one-word names."""
        for hit in self.aliases.get(normalize_name(surface), ()):
            if hit.case_matches(surface):
                return hit
        return None

    def lookup_key(self, key: str, surface: str) -> AliasHit | None:
        for hit in self.aliases.get(key, ()):
            if hit.case_matches(surface):
                return hit
        return None

    def fuzzy_lookup(self, surface: str, cutoff: float = 92.0) -> AliasHit | None:
        """A near miss ("Hizbolah", "Soleymani") for names of six letters or more; conservative."""
        from rapidfuzz import fuzz, process

        key = normalize_name(surface)
        if len(key) < 6:
            return None
        if not self._fuzzy_keys:
            self._fuzzy_keys = sorted(k for k in self.aliases if len(k) >= 6)
        best = process.extractOne(key, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=cutoff)
        if best is None:
            return None
        hits = self.aliases[best[0]]
        return hits[0] if hits else None

    def title_of(self, words: str) -> Title | None:
        return self.titles.get(normalize_name(words))

    def role_of(self, phrase: str) -> str | None:
        return self.roles.get(phrase.casefold())

    def place_country(self, surface: str) -> str | None:
        place = self.places.get(normalize_name(surface))
        return place.country if place else None


def code_for(country: str | None, sector: str | None, entry: KbEntry | None = None) -> str | None:
    """CAMEO-style code: see the module docstring for the convention."""
    if entry is not None and entry.code and country == entry.country and (
        sector is None or sector == entry.sector
    ):
        return entry.code
    if entry is not None and entry.code and country is None:
        prefix = entry.code[:3]
        return prefix + (sector or "") if sector and sector != prefix else entry.code
    if country:
        return country + (sector or "")
    return sector


# --- loading and validation -------------------------------------------------------------------


def _read_yaml(name: str) -> Mapping[str, Any]:
    return read_data_file("actors", name)


class _Checker:
    """Schema checks with messages that name the file and the entry."""

    def __init__(self, file_name: str) -> None:
        self.file_name = file_name
        self.path = f"src/newsevents/data/actors/{file_name}"

    def fail(self, record: str, message: str, hint: str) -> KnowledgeError:
        return KnowledgeError(message, path=self.path, record=record, hint=hint)

    def string(self, item: Mapping[str, Any], key: str, record: str) -> str:
        value = item.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(record, f"field `{key}` must be a non-empty string",
                            f"give `{key}` a value in {self.file_name}")
        return value

    def strings(self, item: Mapping[str, Any], key: str, record: str) -> list[str]:
        value = item.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise self.fail(record, f"field `{key}` must be a list of strings",
                            f"write `{key}: [a, b]` in {self.file_name}")
        return list(value)

    def country(self, item: Mapping[str, Any], record: str) -> str | None:
        value = item.get("country")
        if value is not None and (not isinstance(value, str) or not _ISO3.match(value)):
            raise self.fail(record, f"country {value!r} is not an ISO 3166 alpha-3 code or null",
                            "use a code such as IRQ, or null for a transnational actor")
        return value

    def sector(self, value: Any, record: str, *, optional: bool = True) -> str | None:
        if value is None and optional:
            return None
        if value not in SECTORS:
            raise self.fail(record, f"sector {value!r} is not a known sector code",
                            f"use one of {', '.join(sorted(SECTORS))}")
        return str(value)


def _add(kb: ActorKnowledge, alias: str, hit: AliasHit, own: dict[str, str], check: _Checker,
         record: str) -> None:
    key = normalize_name(alias)
    if not key:
        raise check.fail(record, f"alias {alias!r} has no letters left after normalization",
                         "remove it or spell it out")
    previous = own.get(key)
    if previous is not None and previous != hit.entry.actor_id:
        raise check.fail(record, f"alias {alias!r} is also given to {previous} in the same file",
                         "keep the alias on one entry only")
    own[key] = hit.entry.actor_id
    bucket = kb.aliases.setdefault(key, [])
    if all(h.entry.actor_id != hit.entry.actor_id or h.alias != hit.alias for h in bucket):
        bucket.append(hit)


def _load_groups(kb: ActorKnowledge) -> None:
    check = _Checker("groups.yaml")
    data = _read_yaml("groups.yaml")
    own: dict[str, str] = {}
    for number, item in enumerate(data.get("groups") or [], start=1):
        record = f"entry {number}"
        if not isinstance(item, dict):
            raise check.fail(record, "each group must be a mapping", "see the schema in the header")
        group_id = check.string(item, "id", record)
        record = f"entry {number} ({group_id})"
        if not _ID.match(group_id):
            raise check.fail(record, f"id {group_id!r} must be snake_case", "use [a-z0-9_]")
        sector = check.sector(item.get("sector"), record, optional=False)
        extra = tuple(str(check.sector(s, record, optional=False)) for s in item.get("sectors", []))
        code = item.get("code")
        if code is not None and (not isinstance(code, str) or not re.match(r"^[A-Z]{3,9}$", code)):
            raise check.fail(record, f"code {code!r} must be 3-9 capital letters", "e.g. IMGINS")
        entry = KbEntry(f"grp:{group_id}", check.string(item, "name", record), "group",
                        check.country(item, record), sector, extra, code)
        if entry.actor_id in kb.entries:
            raise check.fail(record, f"id {group_id} appears twice", "give each group one entry")
        kb.entries[entry.actor_id] = entry
        for alias in [entry.name, *check.strings(item, "aliases", record)]:
            _add(kb, alias, AliasHit(entry, "alias", entry.sector, alias), own, check, record)


def _load_countries(kb: ActorKnowledge) -> None:
    check = _Checker("countries.yaml")
    data = _read_yaml("countries.yaml")
    own: dict[str, str] = {}
    for number, item in enumerate(data.get("countries") or [], start=1):
        record = f"entry {number}"
        code = check.string(item, "code", record)
        record = f"entry {number} ({code})"
        if not _ISO3.match(code):
            raise check.fail(record, f"code {code!r} is not ISO 3166 alpha-3", "e.g. IRQ")
        entry = KbEntry(f"cty:{code}", check.string(item, "name", record), "country", code, None)
        kb.entries[entry.actor_id] = entry
        kb.countries_by_code[code] = entry
        for alias in check.strings(item, "names", record):
            _add(kb, alias, AliasHit(entry, "name", None, alias), own, check, record)
        demonyms = check.strings(item, "demonyms", record)
        # Plural nouns of people ("Iraqis", "Algerians") are written only where irregular.
        demonyms += [d + "s" for d in demonyms if d[-1:] in {"n", "i"} and d + "s" not in demonyms]
        for alias in demonyms:
            if normalize_name(alias) in own and own[normalize_name(alias)] != entry.actor_id:
                continue  # "Congolese" names two states; the first listed keeps it
            _add(kb, alias, AliasHit(entry, "demonym", None, alias), own, check, record)
        for alias in check.strings(item, "capitals", record):
            if normalize_name(alias) in own and own[normalize_name(alias)] != entry.actor_id:
                continue
            _add(kb, alias, AliasHit(entry, "capital", "GOV", alias), own, check, record)
        institutions = item.get("institutions") or {}
        if not isinstance(institutions, dict):
            raise check.fail(record, "`institutions` must map a name to a sector",
                             "write `institutions: {the Pentagon: MIL}`")
        for alias, sector in institutions.items():
            _add(kb, str(alias), AliasHit(entry, "institution", check.sector(sector, record), str(alias)),
                 own, check, record)


def _load_people(kb: ActorKnowledge) -> None:
    check = _Checker("people.yaml")
    data = _read_yaml("people.yaml")
    own: dict[str, str] = {}
    for number, item in enumerate(data.get("people") or [], start=1):
        record = f"entry {number}"
        person_id = check.string(item, "id", record)
        record = f"entry {number} ({person_id})"
        if not _ID.match(person_id):
            raise check.fail(record, f"id {person_id!r} must be snake_case", "use [a-z0-9_]")
        entry = KbEntry(f"per:{person_id}", check.string(item, "name", record), "person",
                        check.country(item, record), check.sector(item.get("sector"), record))
        kb.entries[entry.actor_id] = entry
        for alias in [entry.name, *check.strings(item, "aliases", record)]:
            _add(kb, alias, AliasHit(entry, "alias", entry.sector, alias), own, check, record)


def _load_roles_and_titles(kb: ActorKnowledge) -> None:
    check = _Checker("roles.yaml")
    data = _read_yaml("roles.yaml")
    roles = data.get("roles")
    if not isinstance(roles, dict):
        raise check.fail("roles", "`roles` must map a word to a sector", "see the header")
    for word, sector in roles.items():
        kb.roles[str(word).casefold()] = str(check.sector(sector, f"role {word!r}", optional=False))
    kb.group_nouns = frozenset(check.strings(data, "group_nouns", "group_nouns"))
    kb.person_nouns = frozenset(check.strings(data, "person_nouns", "person_nouns"))
    kb.irregular_modifiers = frozenset(check.strings(data, "irregular_modifiers", "irregular_modifiers"))
    kb.deed_nouns = frozenset(check.strings(data, "deed_nouns", "deed_nouns"))
    kb.civilian_modifiers = frozenset(
        w.casefold() for w in check.strings(data, "civilian_modifiers", "civilian_modifiers")
    )
    kb.weapon_roles = frozenset(
        w.casefold() for w in check.strings(data, "weapon_roles", "weapon_roles")
    )

    check = _Checker("titles.yaml")
    data = _read_yaml("titles.yaml")
    for number, item in enumerate(data.get("titles") or [], start=1):
        record = f"entry {number}"
        title = check.string(item, "title", record)
        record = f"entry {number} ({title})"
        kb.titles[normalize_name(title)] = Title(
            title, check.sector(item.get("sector"), record), check.country(item, record)
        )
    kb.max_title_words = max((len(k.split()) for k in kb.titles), default=1)


def _load_places(kb: ActorKnowledge) -> None:
    check = _Checker("ruler_places.yaml")
    data = _read_yaml("ruler_places.yaml")
    for number, item in enumerate(data.get("places") or [], start=1):
        record = f"entry {number}"
        country = check.country(item, record)
        label = check.string(item, "label", record)
        if label not in {"GPE", "LOC"} or country is None:
            raise check.fail(record, "a ruler place needs label GPE or LOC and a country",
                             "write `{country: IRQ, label: GPE, names: [...]}`")
        for name in check.strings(item, "names", record):
            kb.places[normalize_name(name)] = RulerPlace(name, country, label)


def build_actor_knowledge() -> ActorKnowledge:
    """Read and validate every actor data file (uncached; see :func:`load_actor_knowledge`)."""
    kb = ActorKnowledge()
    # Order matters for shared keys: a group ("Palestinian Authority") is more specific than a
    # country name, and both than a person's surname.
    _load_groups(kb)
    _load_countries(kb)
    _load_people(kb)
    _load_roles_and_titles(kb)
    _load_places(kb)
    kb.first_words = {key.split()[0] for key in kb.aliases}
    kb.max_alias_words = max(len(key.split()) for key in kb.aliases)
    return kb


@lru_cache(maxsize=1)
def load_actor_knowledge() -> ActorKnowledge:
    """The validated knowledge base, loaded once per process."""
    return build_actor_knowledge()


def all_alias_forms(kb: ActorKnowledge) -> Iterable[tuple[str, AliasHit]]:
    """Every (alias as written, hit) pair, for building the entity ruler."""
    for hits in kb.aliases.values():
        for hit in hits:
            yield hit.alias, hit


# --- matching over tokens (shared by the entity ruler and the actor stage) ----------------------

HYPHENS = frozenset({"-", "\u2010", "\u2011", "\u2013"})


@lru_cache(maxsize=65536)
def token_words(text: str) -> tuple[str, ...]:
    """Words a single token contributes to a matching key (like normalize_name, keeping "the")."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    stripped = _APOSTROPHES.sub("", stripped).replace(".", "")
    stripped = _ARTICLE_PREFIX.sub("", stripped)
    return tuple(w for w in _NON_WORD.split(stripped) if w and w not in _STANDALONE_ARTICLES)


@dataclass(frozen=True, slots=True)
class AliasMatch:
    """A knowledge-base alias found over tokens ``[start, end)`` (token indices)."""

    start: int
    end: int
    hit: AliasHit | None
    place: RulerPlace | None = None


def _key_prefixes(kb: ActorKnowledge) -> frozenset[str]:
    cached: frozenset[str] | None = getattr(kb, "_prefix_cache", None)
    if cached is None:
        prefixes: set[str] = set()
        for key in [*kb.aliases, *kb.places]:
            words = key.split()
            for length in range(1, len(words) + 1):
                prefixes.add(" ".join(words[:length]))
        cached = frozenset(prefixes)
        object.__setattr__(kb, "_prefix_cache", cached)
    return cached


def find_alias_matches(
    kb: ActorKnowledge,
    tokens: list[tuple[str, int, int, int]],
    text: str,
    *,
    with_places: bool = False,
) -> list[AliasMatch]:
    """Longest, left-to-right, non-overlapping KB aliases in ``tokens`` = (text, start, end, sent).

    Keys are built from each token's normalized words, so tokenization of hyphens and
    apostrophes does not matter; an Arabic article split off as "al" "-" is dropped."""
    prefixes = _key_prefixes(kb)
    words: list[tuple[str, ...]] = []
    count = len(tokens)
    for index, (token_text, start, end, _sent) in enumerate(tokens):
        if (
            token_text.casefold() in ARTICLE_PREFIX_WORDS
            and index + 2 < count
            and tokens[index + 1][0] in HYPHENS
            and tokens[index + 1][1] == end
            and tokens[index + 2][1] == tokens[index + 1][2]
        ):
            words.append(())
        else:
            words.append(token_words(token_text))
    matches: list[AliasMatch] = []
    index = 0
    while index < count:
        first = words[index]
        if not first or first[0] not in prefixes:
            index += 1
            continue
        best: AliasMatch | None = None
        parts: list[str] = []
        sentence = tokens[index][3]
        cursor = index
        while cursor < count and tokens[cursor][3] == sentence:
            parts.extend(words[cursor])
            key = " ".join(parts)
            if key not in prefixes:
                break
            if words[cursor]:
                surface = text[tokens[index][1] : tokens[cursor][2]]
                hit = kb.lookup_key(key, surface) if key in kb.aliases else None
                if hit is not None:
                    best = AliasMatch(index, cursor + 1, hit)
                elif with_places and key in kb.places and surface[:1].isupper():
                    best = AliasMatch(index, cursor + 1, None, kb.places[key])
            cursor += 1
        if best is not None:
            matches.append(best)
            index = best.end
        else:
            index += 1
    return matches
