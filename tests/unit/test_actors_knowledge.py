"""The actor knowledge base: schema checks, normalization, lookups (no spaCy model needed)."""

from __future__ import annotations

import pytest

from newsevents.errors import KnowledgeError
from newsevents.knowledge import actors as knowledge
from newsevents.knowledge.actors import (
    AliasHit,
    KbEntry,
    build_actor_knowledge,
    code_for,
    find_alias_matches,
    load_actor_knowledge,
    normalize_name,
)


def test_normalization_tolerates_transliteration() -> None:
    assert normalize_name("Hashd al-Sha’abi") == normalize_name("Hashd al-Shaabi")
    assert normalize_name("HASHD AL-SHA'ABI") == normalize_name("hashd al-shaʿabi")
    assert normalize_name("Deir ez-Zor") == "deir zor"
    assert normalize_name("Erdoğan") == "erdogan"
    assert normalize_name("U.S.") == normalize_name("US")
    assert normalize_name("the Kremlin") == "kremlin"


def test_knowledge_base_is_large_and_complete() -> None:
    kb = load_actor_knowledge()
    groups = [e for e in kb.entries.values() if e.kind == "group"]
    assert len(groups) >= 300
    assert len(kb.countries_by_code) >= 249  # every ISO 3166-1 entry


@pytest.mark.parametrize(
    ("surface", "actor_id", "sector"),
    [
        ("Daesh", "grp:islamic_state", "INS"),
        ("ISIL", "grp:islamic_state", "INS"),
        ("Islamic State", "grp:islamic_state", "INS"),
        ("Hashd al-Sha’abi", "grp:popular_mobilization_units", "MIL"),
        ("PMU", "grp:popular_mobilization_units", "MIL"),
        ("Hizballah", "grp:hezbollah", "REB"),
        ("Ansar Allah", "grp:houthis", "REB"),
        ("Islamic Revolution Guards Corps", "grp:irgc", "MIL"),
        ("Iraqi", "cty:IRQ", None),
        ("Washington", "cty:USA", "GOV"),
        ("the Pentagon", "cty:USA", "MIL"),
        ("the Kremlin", "cty:RUS", "GOV"),
        ("Soleimani", "per:qassem_soleimani", "MIL"),
    ],
)
def test_lookup(surface: str, actor_id: str, sector: str | None) -> None:
    hit = load_actor_knowledge().lookup(surface)
    assert hit is not None and hit.entry.actor_id == actor_id and hit.sector == sector


def test_acronyms_and_one_word_names_are_case_sensitive() -> None:
    kb = load_actor_knowledge()
    assert kb.lookup("IS") is not None
    assert kb.lookup("is") is None
    assert kb.lookup("us") is None
    assert kb.lookup("states") is None


def test_fuzzy_lookup_is_conservative() -> None:
    kb = load_actor_knowledge()
    hit = kb.fuzzy_lookup("Hizbolah")
    assert hit is not None and hit.entry.actor_id == "grp:hezbollah"
    assert kb.fuzzy_lookup("Hamid") is None  # too short to guess


def test_matching_over_tokens_drops_split_arabic_article() -> None:
    kb = load_actor_knowledge()
    words = ["Hashd", "al", "-", "Sha’abi", "and", "IRGC"]
    tokens, at = [], 0
    for word in words:
        gap = 0 if word in {"-", "Sha’abi"} else 1
        start = at + (gap if tokens else 0)
        tokens.append((word, start, start + len(word), 0))
        at = start + len(word)
    text = "Hashd al-Sha’abi and IRGC"
    matches = find_alias_matches(kb, tokens, text)
    assert [(m.start, m.end) for m in matches] == [(0, 4), (5, 6)]
    assert matches[0].hit is not None and matches[0].hit.entry.actor_id == "grp:popular_mobilization_units"


def test_code_convention() -> None:
    group = KbEntry("grp:islamic_state", "Islamic State", "group", None, "INS", code="IMGINS")
    assert code_for(None, "INS", group) == "IMGINS"
    assert code_for("IRQ", "MIL") == "IRQMIL"
    assert code_for(None, "CVL") == "CVL"
    assert code_for(None, None) is None


def test_schema_error_names_file_and_entry(monkeypatch: pytest.MonkeyPatch) -> None:
    original = knowledge._read_yaml

    def broken(name: str) -> dict[str, object]:
        data = dict(original(name))
        if name == "groups.yaml":
            data["groups"] = [{"id": "bad_group", "name": "Bad", "aliases": [], "country": "Iraq", "sector": "MIL"}]
        return data

    monkeypatch.setattr(knowledge, "_read_yaml", broken)
    with pytest.raises(KnowledgeError) as caught:
        build_actor_knowledge()
    message = str(caught.value)
    assert "groups.yaml" in message and "bad_group" in message and "alpha-3" in message


def test_every_data_file_names_its_sources() -> None:
    for name in ("countries.yaml", "groups.yaml", "people.yaml", "roles.yaml", "titles.yaml", "ruler_places.yaml"):
        assert knowledge._read_yaml(name)["source"]


def test_case_rule_on_hits() -> None:
    entry = KbEntry("grp:x", "X", "group", None, "INS")
    assert AliasHit(entry, "alias", "INS", "ISIS").case_matches("ISIS")
    assert not AliasHit(entry, "alias", "INS", "ISIS").case_matches("Isis")
    assert AliasHit(entry, "alias", "INS", "Islamic State").case_matches("islamic state")
