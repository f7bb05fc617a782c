from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from newsevents.errors import KnowledgeError
from newsevents.knowledge.framing import parse_patterns
from newsevents.model import Article
from newsevents.stages.framing import find_loaded_language, flag_loaded_language


@pytest.mark.parametrize(
    ("sentence", "expected", "category"),
    [
        ("The heinous attacks killed 12.", "heinous attacks", "demonizing"),
        ("He hailed the historic victory of the army.", "historic victory", "glorifying"),
        ("Fighters of the so-called “Islamic State” fled.", "so-called “Islamic State”", "scare_quotes"),
        ("They denounced the Zionist regime on Friday.", "Zionist regime", "pejorative_label"),
        ("Officials condemned Moscow's malign influence in the region.", "Moscow's malign influence", "blame_framing"),
        ("Takfiri militants attacked the checkpoint.", "Takfiri militants", "pejorative_label"),
        ("Islamic State militants attacked the checkpoint.", None, None),
    ],
)
def test_patterns_flag_framing(sentence: str, expected: str | None, category: str | None) -> None:
    flags = find_loaded_language(sentence)
    if expected is None:
        assert flags == ()
        return
    assert [(f.text, f.label) for f in flags] == [(expected, category)]
    assert sentence[flags[0].span.start : flags[0].span.end] == expected


def test_plain_reporting_is_not_flagged() -> None:
    text = "The army said it had retaken the town of Rawa on Friday after three days of fighting."
    assert find_loaded_language(text) == ()


def test_overlapping_matches_keep_the_longest() -> None:
    flags = find_loaded_language("the notorious terror group claimed it")
    assert [f.text for f in flags] == ["notorious terror group"]


def test_seed_article_loaded_language_recall(seed_article: Article, shared_dir: Path) -> None:
    gold = yaml.safe_load((shared_dir / "corpus/seed/gold.yaml").read_text(encoding="utf-8"))
    flags = flag_loaded_language(seed_article).loaded_language
    hit = sum(
        any(f.span.start < end and start < f.span.end for f in flags)
        for start, end in gold["loaded_language"]
    )
    assert hit / len(gold["loaded_language"]) >= 0.8


def test_bad_pattern_file_names_the_entry() -> None:
    with pytest.raises(KnowledgeError, match="unknown category"):
        parse_patterns({"categories": {"a": "x"}, "patterns": [{"id": "p", "category": "b", "regex": "x"}]})
