"""Exact and near-duplicate articles: ``duplicate_of`` points at the earliest copy.

Unlike the other stages this one needs memory across articles (everything seen before, in
this run and in the store), so it is a small stateful index the batch runner consults rather
than a pure ``Article -> Article`` function.  Near-duplicates are found with MinHash LSH over
word 5-shingles (datasketch); syndicated copies with a different headline or footer still
match.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re

import numpy as np
from datasketch import MinHash, MinHashLSH

from newsevents.model import Article

NUM_PERM = 128
# Signatures are persisted in the store, so the permutation scheme is pinned explicitly.
SCHEME = "affine32"
SHINGLE_WORDS = 5
THRESHOLD = 0.8
_WORD = re.compile(r"\w+", re.UNICODE)


def content_hash(text: str) -> str:
    """Hash of the normalized text, whitespace- and case-insensitive."""
    canonical = " ".join(_WORD.findall(text.lower()))
    return hashlib.sha1(canonical.encode("utf-8")).hexdigest()


def minhash_of(text: str) -> MinHash:
    words = _WORD.findall(text.lower())
    signature = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    if len(words) < SHINGLE_WORDS:
        shingles = {" ".join(words)}
    else:
        shingles = {
            " ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)
        }
    for shingle in shingles:
        signature.update(shingle.encode("utf-8"))
    return signature


def minhash_to_bytes(signature: MinHash) -> bytes:
    return np.asarray(signature.hashvalues, dtype=np.uint64).tobytes()


def minhash_from_bytes(blob: bytes) -> MinHash:
    return MinHash(
        num_perm=NUM_PERM, hashvalues=np.frombuffer(blob, dtype=np.uint64), scheme=SCHEME
    )


class DuplicateIndex:
    """Remembers every article seen and names the earliest near-identical one."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._order: dict[str, int] = {}
        self._by_hash: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self._order)

    def add(self, article_id: str, signature: MinHash, text_hash: str | None = None) -> None:
        if article_id in self._order:
            return
        self._order[article_id] = len(self._order)
        self._lsh.insert(article_id, signature)
        if text_hash is not None:
            self._by_hash.setdefault(text_hash, article_id)

    def original_of(self, article_id: str, signature: MinHash, text_hash: str) -> str | None:
        """The earliest other article with the same text, or near-identical text."""
        exact = self._by_hash.get(text_hash)
        if exact is not None and exact != article_id:
            return exact
        own_rank = self._order.get(article_id, len(self._order))
        candidates: list[str] = [
            key for key in self._lsh.query(signature)
            if key != article_id and self._order[key] < own_rank
        ]
        if not candidates:
            return None
        return min(candidates, key=self._order.__getitem__)

    def assign(self, article: Article) -> tuple[Article, str, bytes]:
        """Set ``duplicate_of`` and index the article; returns it with its hash and signature."""
        text_hash = content_hash(article.text)
        signature = minhash_of(article.text)
        original = self.original_of(article.article_id, signature, text_hash)
        self.add(article.article_id, signature, text_hash)
        return (
            dataclasses.replace(article, duplicate_of=original),
            text_hash,
            minhash_to_bytes(signature),
        )
