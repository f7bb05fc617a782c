"""Helpers every scorer shares: offset alignment, name folding, distances, sentences, digests."""

from __future__ import annotations

import bisect
import difflib
import hashlib
import math
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

EARTH_RADIUS_KM = 6371.0088


class OffsetMap:
    """Maps character offsets of a source text onto a changed copy of it.

    Gold offsets index the raw file while the pipeline's spans index its normalized text
    (whitespace collapsed, quotes changed), so offsets are carried across rather than assumed
    equal. Whitespace is set aside first, since it is what normalization changes most and
    repeated spaces make a character diff ambiguous; the remaining characters are aligned
    with :class:`difflib.SequenceMatcher` when they differ at all.
    """

    def __init__(self, source: str, target: str) -> None:
        self.source_length = len(source)
        self.target_length = len(target)
        self._source_chars = [i for i, char in enumerate(source) if not char.isspace()]
        self._target_chars = [i for i, char in enumerate(target) if not char.isspace()]
        source_skeleton = "".join(source[i] for i in self._source_chars)
        target_skeleton = "".join(target[i] for i in self._target_chars)
        count = len(source_skeleton)
        # For skeleton char k of the source: the target skeleton range [starts[k], ends[k]).
        self._starts = list(range(count))
        self._ends = list(range(1, count + 1))
        if source_skeleton == target_skeleton:
            return
        matcher = difflib.SequenceMatcher(None, source_skeleton, target_skeleton, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            width = i2 - i1
            for offset in range(width):
                if tag == "equal":
                    first, last = j1 + offset, j1 + offset + 1
                elif tag == "replace":
                    # Spread a replaced run proportionally so a span inside it stays inside.
                    first = j1 + (offset * (j2 - j1)) // width
                    last = max(first, j1 + -(-((offset + 1) * (j2 - j1)) // width))
                else:  # delete: the character vanished; it sits where the target resumes
                    first = last = j1
                self._starts[i1 + offset] = first
                self._ends[i1 + offset] = last

    def start(self, offset: int) -> int:
        """Where a span starting at source ``offset`` starts in the target."""
        k = bisect.bisect_left(self._source_chars, offset)
        if k >= len(self._source_chars):
            return self.target_length
        t = self._starts[k]
        return self._target_chars[t] if t < len(self._target_chars) else self.target_length

    def end(self, offset: int) -> int:
        """Where a span ending (exclusively) at source ``offset`` ends in the target."""
        k = bisect.bisect_left(self._source_chars, offset) - 1
        if k < 0:
            return 0
        t = self._ends[k]
        return self._target_chars[t - 1] + 1 if t > 0 else 0

    def span(self, start: int, end: int) -> tuple[int, int]:
        mapped_start = self.start(start)
        return mapped_start, max(mapped_start, self.end(end))


def fold(text: str | None) -> str:
    """Case-, accent-, quote- and space-insensitive form of a name, for alias comparison."""
    if not text:
        return ""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.casefold().split())


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi = phi2 - phi1
    d_lambda = math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


# A sentence ends at . ! ? (optionally followed by a closing quote or bracket) before
# whitespace and a capital, digit or opening quote; enough for gold texts, and independent
# of the pipeline so its own segmentation errors cannot make matching more lenient.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[”\"’)]?\s+(?=[“\"‘(A-Z0-9])")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` spans of the sentences of ``text``; together they cover it."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_BREAK.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    if start < len(text) or not spans:
        spans.append((start, len(text)))
    return spans


def sentence_containing(sentences: list[tuple[int, int]], offset: int) -> tuple[int, int] | None:
    for start, end in sentences:
        if start <= offset < end:
            return start, end
    return None


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def ratio(numerator: int, denominator: int) -> float:
    """``numerator / denominator``, 0.0 when there is nothing to count."""
    return numerator / denominator if denominator else 0.0


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def files_digest(root: Path, files: Iterable[Path]) -> str:
    """One sha256 over the relative names and contents of ``files``, order-independent."""
    digest = hashlib.sha256()
    for path in sorted(files, key=lambda p: p.relative_to(root).as_posix()):
        digest.update(path.relative_to(root).as_posix().encode("utf-8"))
        digest.update(b"\0")
        digest.update(file_sha256(path).encode("ascii"))
        digest.update(b"\n")
    return digest.hexdigest()
