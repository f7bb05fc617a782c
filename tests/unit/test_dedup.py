from __future__ import annotations

from newsevents.model import Article
from newsevents.stages.dedup import (
    DuplicateIndex,
    content_hash,
    minhash_from_bytes,
    minhash_of,
    minhash_to_bytes,
)

STORY = (
    "Iraqi armed forces liberated Rawa near the border with Syria on Friday, the last town "
    "held by the militants, and raised the national flag over its buildings. Officials said "
    "clearing operations would continue in the desert west of the town for several days."
)


def test_exact_copy_points_to_the_first() -> None:
    index = DuplicateIndex()
    first, _, _ = index.assign(Article("a", STORY))
    second, _, _ = index.assign(Article("b", STORY))
    assert first.duplicate_of is None
    assert second.duplicate_of == "a"


def test_syndicated_copy_with_a_footer_is_a_near_duplicate() -> None:
    index = DuplicateIndex()
    index.assign(Article("a", STORY))
    copy, _, _ = index.assign(Article("b", STORY + " (Source: Reuters)"))
    assert copy.duplicate_of == "a"


def test_different_story_is_not_a_duplicate() -> None:
    index = DuplicateIndex()
    index.assign(Article("a", STORY))
    other = "Protesters gathered in central Beirut on Sunday to demand early elections and an end to power cuts."
    result, _, _ = index.assign(Article("b", other))
    assert result.duplicate_of is None


def test_reassigning_the_same_article_is_stable() -> None:
    index = DuplicateIndex()
    index.assign(Article("a", STORY))
    again, _, _ = index.assign(Article("a", STORY))
    assert again.duplicate_of is None
    assert len(index) == 1


def test_signature_survives_bytes_round_trip() -> None:
    signature = minhash_of(STORY)
    restored = minhash_from_bytes(minhash_to_bytes(signature))
    assert restored.jaccard(signature) == 1.0
    assert content_hash(STORY) == content_hash("  " + STORY.upper())
