from __future__ import annotations

import pytest

from newsevents.errors import KnowledgeError
from newsevents.knowledge.datafiles import read_data_file


def test_packaged_file_is_read_as_a_mapping() -> None:
    assert "source" in read_data_file("ontology", "plover.yaml")


def test_missing_file_names_the_file_and_the_fix() -> None:
    with pytest.raises(KnowledgeError, match="missing") as raised:
        read_data_file("ontology", "no-such-file.yaml")
    assert raised.value.path == "newsevents/data/ontology/no-such-file.yaml"
    assert raised.value.hint == "reinstall newsevents"


def test_file_without_a_source_field_is_refused_when_required() -> None:
    assert read_data_file("provenance", "outlets.yaml", require_source=False)
    with pytest.raises(KnowledgeError, match="source"):
        read_data_file("provenance", "outlets.yaml")
