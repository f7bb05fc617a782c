"""Ontology and event-lexicon data files: schema checks and crosswalk consistency (no model)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from newsevents.errors import KnowledgeError
from newsevents.knowledge.event_lexicon import load_event_lexicon, load_speech_cues, parse_lexicon
from newsevents.knowledge.ontology import PLOVER_TYPES, load_ontology, parse_types


def test_sixteen_types_with_quad_classes() -> None:
    ontology = load_ontology()
    assert set(ontology.types) == set(PLOVER_TYPES)
    assert ontology.types["ASSAULT"].quad_class == 4
    assert ontology.types["SUPPORT"].quad_class == 1
    assert ontology.normalize_type("FIGHT") == "ASSAULT"
    assert ontology.normalize_type("DISAPPROVE") == "ACCUSE"
    assert ontology.normalize_type("nonsense") is None


def test_crosswalk_matches_shared_file(shared_dir: Path) -> None:
    ontology = load_ontology()
    rows = 0
    for line in (shared_dir / "dev/events/CAMEO2PLOVER-2021.txt").read_text("utf-8").splitlines():
        code, _, rest = line.partition(":")
        if code.strip().isdigit() and len(code.strip()) >= 3 and "," in rest:
            rows += 1
            assert ontology.codes[code.strip()].type == rest.split(",")[0].strip(), line
    assert rows > 200


def test_quad_class_and_goldstein_follow_the_cameo_root() -> None:
    ontology = load_ontology()
    assert ontology.quad_class("ASSAULT", "190") == 4
    assert ontology.quad_class("AGREE", "0332") == 1
    assert ontology.goldstein("190") == -10.0
    assert ontology.derived_code("intent", "0721") == "0332"
    assert ontology.derived_code("threat", "190") == "1384"


def test_acled_government_regains_territory() -> None:
    ontology = load_ontology()
    regain = ontology.acled_for("ASSAULT", None, ["territory"], "MIL", "INS")
    assert regain is not None and regain.sub_event_type == "Government regains territory"
    overtake = ontology.acled_for("COERCE", "seize", ["territory"], "INS", "GOV")
    assert overtake is not None and overtake.sub_event_type == "Non-state actor overtakes territory"
    assert ontology.acled_for("SUPPORT", None, [], "GOV", "GOV") is None


def test_every_lexicon_code_exists_and_every_type_has_triggers() -> None:
    ontology = load_ontology()
    lexicon = load_event_lexicon()
    covered = set()
    for entries in list(lexicon.verbs.values()) + list(lexicon.nouns.values()):
        for entry in entries:
            assert entry.cameo is None or entry.cameo in ontology.codes
            if entry.type:
                covered.add(entry.type)
    assert covered == set(PLOVER_TYPES)
    assert "say" in load_speech_cues().reporting_verbs
    assert "no" in load_speech_cues().negation_words  # quoted, not YAML false


def test_bad_lexicon_entry_names_file_and_entry() -> None:
    document = {"verbs": [{"lemma": "smite", "type": "SMITE", "cameo": "190"}]}
    with pytest.raises(KnowledgeError) as error:
        parse_lexicon(document, load_speech_cues(), load_ontology())
    assert "lexicon.yaml" in str(error.value) and "smite" in str(error.value)


def test_type_disagreeing_with_crosswalk_needs_a_note() -> None:
    document = {"verbs": [{"lemma": "poke", "type": "SUPPORT", "cameo": "190"}]}
    with pytest.raises(KnowledgeError, match="type_note"):
        parse_lexicon(document, load_speech_cues(), load_ontology())


def test_yaml_boolean_particle_is_rejected() -> None:
    document = yaml.safe_load('verbs: [{lemma: call, particle: off, type: CONCEDE, cameo: "080"}]')
    with pytest.raises(KnowledgeError, match="boolean"):
        parse_lexicon(document, load_speech_cues(), load_ontology())


def test_missing_type_in_plover_file() -> None:
    with pytest.raises(KnowledgeError, match="missing"):
        parse_types(
            {
                "types": {
                    "AGREE": {
                        "quad_class": 1,
                        "act": "speech",
                        "cameo_root": "03",
                        "description": "x",
                    }
                }
            }
        )
