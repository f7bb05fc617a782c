"""Loader and schema check for the event ontology (``data/ontology``).

Three files: ``plover.yaml`` (the 16 PLOVER types, modes, quad class), ``cameo_plover.yaml``
(CAMEO code -> PLOVER type/mode, CAMEO root -> quad class and Goldstein score) and
``acled.yaml`` (rules from PLOVER type/mode/context + actor sectors to ACLED types).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newsevents.errors import KnowledgeError
from newsevents.knowledge.datafiles import read_data_file
from newsevents.model import AcledType

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
ACTS = ("speech", "material")


@dataclass(frozen=True)
class PloverType:
    name: str
    quad_class: int
    act: str
    cameo_root: str
    description: str
    modes: tuple[str, ...]


@dataclass(frozen=True)
class CameoCode:
    code: str
    type: str
    mode: str | None
    context: str | None
    label: str


@dataclass(frozen=True)
class AcledRule:
    rule_id: str
    types: frozenset[str]
    modes: frozenset[str | None] | None
    contexts: frozenset[str] | None
    source_roles: frozenset[str] | None
    target_roles: frozenset[str] | None
    acled: AcledType


@dataclass(frozen=True)
class Ontology:
    types: Mapping[str, PloverType]
    legacy_types: Mapping[str, str]
    codes: Mapping[str, CameoCode]
    roots: Mapping[str, tuple[int, float]]  # root -> (quad class, Goldstein)
    acled_rules: tuple[AcledRule, ...]
    derived_codes: Mapping[str, Mapping[str, str]]  # kind -> code prefix -> code

    def derived_code(self, kind: str, embedded_cameo: str | None) -> str | None:
        """CAMEO code of an intent/threat/refusal/request about an embedded action.

        The longest prefix of the embedded code listed under ``kind`` wins; "" is the default.
        """
        table = self.derived_codes.get(kind, {})
        code = embedded_cameo or ""
        for length in range(len(code), -1, -1):
            if code[:length] in table:
                return table[code[:length]]
        return None

    def quad_class(self, plover_type: str, cameo: str | None) -> int:
        """Quad class from the CAMEO root when known, else from the PLOVER type."""
        if cameo and cameo[:2] in self.roots:
            return self.roots[cameo[:2]][0]
        return self.types[plover_type].quad_class

    def goldstein(self, cameo: str | None) -> float | None:
        return self.roots[cameo[:2]][1] if cameo and cameo[:2] in self.roots else None

    def normalize_type(self, name: str) -> str | None:
        """A PLOVER type name, mapping 0.5 names (DEMAND, FIGHT, ...) to the 16; None if unknown."""
        upper = name.strip().upper()
        if upper in self.types:
            return upper
        return self.legacy_types.get(upper)

    def acled_for(
        self,
        plover_type: str,
        mode: str | None,
        contexts: Iterable[str],
        source_role: str | None,
        target_role: str | None,
    ) -> AcledType | None:
        """The ACLED type of the first matching rule, or None when the event is out of scope."""
        context_set = set(contexts)
        for rule in self.acled_rules:
            if plover_type not in rule.types:
                continue
            if rule.modes is not None and mode not in rule.modes:
                continue
            if rule.contexts is not None and not (rule.contexts & context_set):
                continue
            if rule.source_roles is not None and source_role not in rule.source_roles:
                continue
            if rule.target_roles is not None and target_role not in rule.target_roles:
                continue
            return rule.acled
        return None


def _read(name: str) -> dict[str, Any]:
    return read_data_file("ontology", name)


def _fail(name: str, message: str) -> KnowledgeError:
    return KnowledgeError(
        message,
        path=f"newsevents/data/ontology/{name}",
        hint="fix the named entry; see the field list in the file's header comment",
    )


def parse_types(document: Any) -> tuple[dict[str, PloverType], dict[str, str]]:
    name = "plover.yaml"
    if not isinstance(document, dict) or not isinstance(document.get("types"), dict):
        raise _fail(name, "expected a mapping with a 'types' mapping")
    types: dict[str, PloverType] = {}
    for type_name, entry in document["types"].items():
        if type_name not in PLOVER_TYPES:
            raise _fail(name, f"type {type_name!r} is not one of the 16 PLOVER types")
        try:
            plover_type = PloverType(
                name=type_name,
                quad_class=int(entry["quad_class"]),
                act=str(entry["act"]),
                cameo_root=str(entry["cameo_root"]),
                description=str(entry["description"]),
                modes=tuple(str(m) for m in entry.get("modes") or ()),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise _fail(name, f"type {type_name}: missing or bad field ({error})") from error
        if plover_type.quad_class not in (1, 2, 3, 4) or plover_type.act not in ACTS:
            raise _fail(name, f"type {type_name}: quad_class must be 1-4 and act one of {ACTS}")
        types[type_name] = plover_type
    missing = set(PLOVER_TYPES) - set(types)
    if missing:
        raise _fail(name, f"types missing: {', '.join(sorted(missing))}")
    legacy = {str(k): str(v) for k, v in (document.get("legacy_types") or {}).items()}
    for old, new in legacy.items():
        if new not in types:
            raise _fail(name, f"legacy type {old} maps to unknown type {new}")
    return types, legacy


def parse_codes(
    document: Any, types: Mapping[str, PloverType]
) -> tuple[dict[str, CameoCode], dict[str, tuple[int, float]]]:
    name = "cameo_plover.yaml"
    if not isinstance(document, dict) or "codes" not in document or "roots" not in document:
        raise _fail(name, "expected a mapping with 'roots' and 'codes'")
    roots: dict[str, tuple[int, float]] = {}
    for root, entry in document["roots"].items():
        try:
            roots[str(root)] = (int(entry["quad_class"]), float(entry["goldstein"]))
        except (KeyError, TypeError, ValueError) as error:
            raise _fail(name, f"root {root}: needs quad_class and goldstein ({error})") from error
    codes: dict[str, CameoCode] = {}
    for code, entry in document["codes"].items():
        code = str(code)
        if not code.isdigit() or code[:2] not in roots:
            raise _fail(name, f"code {code!r}: not a CAMEO code under a known root")
        plover_type = entry.get("type")
        if plover_type not in types:
            raise _fail(name, f"code {code}: unknown PLOVER type {plover_type!r}")
        codes[code] = CameoCode(
            code=code,
            type=plover_type,
            mode=entry.get("mode"),
            context=entry.get("context"),
            label=str(entry.get("label") or ""),
        )
    return codes, roots


def parse_derived(document: Any, codes: Mapping[str, CameoCode]) -> dict[str, dict[str, str]]:
    derived: dict[str, dict[str, str]] = {}
    for kind, table in (document.get("derived_codes") or {}).items():
        derived[str(kind)] = {}
        for prefix, code in table.items():
            if str(code) not in codes:
                raise _fail("cameo_plover.yaml", f"derived_codes.{kind}: {code!r} is not a code")
            derived[str(kind)][str(prefix)] = str(code)
    return derived


def _role_set(value: Any, groups: Mapping[str, list[str]]) -> frozenset[str] | None:
    if value is None:
        return None
    roles: set[str] = set()
    for role in value:
        roles.update(groups.get(role, [role]))
    return frozenset(roles)


def parse_acled(document: Any, types: Mapping[str, PloverType]) -> tuple[AcledRule, ...]:
    name = "acled.yaml"
    if not isinstance(document, dict) or not isinstance(document.get("rules"), list):
        raise _fail(name, "expected a mapping with a 'rules' list")
    groups = {str(k): [str(r) for r in v] for k, v in (document.get("role_groups") or {}).items()}
    rules = []
    seen: set[str] = set()
    for entry in document["rules"]:
        rule_id = entry.get("id")
        if not rule_id or rule_id in seen:
            raise _fail(name, f"rule id missing or repeated: {rule_id!r}")
        seen.add(rule_id)
        rule_types = entry.get("type") or []
        unknown = [t for t in rule_types if t not in types]
        if not rule_types or unknown:
            raise _fail(name, f"rule {rule_id}: unknown or missing type {unknown or rule_types}")
        acled = entry.get("acled") or {}
        if not acled.get("event_type"):
            raise _fail(name, f"rule {rule_id}: acled.event_type is required")
        modes = entry.get("mode")
        contexts = entry.get("context")
        rules.append(
            AcledRule(
                rule_id=rule_id,
                types=frozenset(rule_types),
                modes=None if modes is None else frozenset(modes),
                contexts=None if contexts is None else frozenset(contexts),
                source_roles=_role_set(entry.get("source_roles"), groups),
                target_roles=_role_set(entry.get("target_roles"), groups),
                acled=AcledType(acled["event_type"], acled.get("sub_event_type")),
            )
        )
    return tuple(rules)


@lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    """The packaged ontology, read and checked once per process."""
    types, legacy = parse_types(_read("plover.yaml"))
    cameo_document = _read("cameo_plover.yaml")
    codes, roots = parse_codes(cameo_document, types)
    rules = parse_acled(_read("acled.yaml"), types)
    return Ontology(
        types=types,
        legacy_types=legacy,
        codes=codes,
        roots=roots,
        acled_rules=rules,
        derived_codes=parse_derived(cameo_document, codes),
    )


__all__ = ["PLOVER_TYPES", "AcledRule", "CameoCode", "Ontology", "PloverType", "load_ontology"]
