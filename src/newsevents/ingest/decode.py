"""Bytes → text: binary detection, strict UTF-8, and charset detection with a recorded note.

Decoding never silently replaces characters: valid UTF-8 (or a charset the input declares
and that decodes cleanly) is taken as is; anything else is detected, and the caller gets a
note to attach to the article as a Problem saying how it was decoded.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from newsevents.errors import BinaryInputError

# Bytes that never occur in text, apart from tab, newline, carriage return, form feed, escape.
_TEXT_CONTROLS = {0x09, 0x0A, 0x0C, 0x0D, 0x1B}
BINARY_CONTROL_SHARE = 0.10
SAMPLE_BYTES = 8192
# Magic numbers of common binary formats that a mis-named input might really be.
BINARY_SIGNATURES = (
    b"\x1f\x8b",  # gzip
    b"PK\x03\x04",  # zip, docx
    b"%PDF",
    b"\x89PNG",
    b"\xff\xd8\xff",  # JPEG
    b"GIF8",
)
# Western single-byte charsets news sites most often mislabel as UTF-8: cp1252 is a superset
# of latin-1's printable range, so it is tried first when detection points that way.
WESTERN_FALLBACKS = ("cp1252", "latin-1")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    note: str | None  # set when the bytes were not what they claimed; becomes a Problem


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text in any encoding: NUL bytes or many control bytes."""
    sample = data[:SAMPLE_BYTES]
    if not sample:
        return False
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in sample or sample.startswith(BINARY_SIGNATURES):
        return True
    controls = sum(1 for byte in sample if byte < 0x20 and byte not in _TEXT_CONTROLS)
    return controls / len(sample) > BINARY_CONTROL_SHARE


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 4 * SAMPLE_BYTES]).best()
    return None if best is None else str(best.encoding)


def decode_bytes(
    data: bytes, *, declared: str | None = None, path: str, record: str | None = None
) -> Decoded:
    """Decode ``data`` or raise BinaryInputError; ``declared`` is a charset the input names."""
    if looks_binary(data):
        raise BinaryInputError(
            "the input looks binary (NUL or control bytes), not text",
            path=path,
            record=record,
            hint="give a text, HTML, JSONL, feed or WARC file; remove or rename this one",
        )
    if data.startswith(codecs.BOM_UTF8):
        return Decoded(data[len(codecs.BOM_UTF8) :].decode("utf-8", "replace"), "utf-8", None)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _strict(data, "utf-16")
        if text is not None:
            return Decoded(text, "utf-16", None)
    declared_name = _codec_name(declared)
    if declared_name and declared_name != "utf-8":
        text = _strict(data, declared_name)
        if text is not None:
            return Decoded(text, declared_name, None)
    text = _strict(data, "utf-8")
    if text is not None:
        return Decoded(text, "utf-8", None)
    return _decode_detected(data, declared_name, path, record)


def _codec_name(label: str | None) -> str | None:
    if not label:
        return None
    try:
        return codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None


def _decode_detected(data: bytes, declared: str | None, path: str, record: str | None) -> Decoded:
    detected = _codec_name(_detect(data))
    candidates: list[str] = []
    # Detection on short news text often names a rare cousin (cp1250, mac_roman) of the
    # Western charset the bytes almost always are; prefer cp1252 when the guess is Western.
    if detected is None or detected in _WESTERN_LIKE:
        candidates.extend(WESTERN_FALLBACKS)
    if detected is not None:
        candidates.append(detected)
    candidates.extend(WESTERN_FALLBACKS)
    for encoding in candidates:
        text = _strict(data, encoding)
        if text is not None and not _has_c1_controls(text):
            break
    else:  # latin-1 decodes every byte, so only C1 controls can bring us here
        encoding, text = "latin-1", data.decode("latin-1")
    claimed = f"declared as {declared}" if declared else "expected UTF-8"
    where = f"record {record}" if record else "the file"
    note = (
        f"{where} is not valid UTF-8 ({claimed}); decoded as {encoding} by detection — "
        "check the text for wrong characters, or re-save the input as UTF-8"
    )
    return Decoded(text, encoding, note)


def _has_c1_controls(text: str) -> bool:
    return any("\x80" <= ch <= "\x9f" for ch in text)


_WESTERN_LIKE = frozenset(
    {
        "cp1252", "latin-1", "iso8859-15", "cp1250", "cp1254", "cp1257", "mac-roman",
        "iso8859-2", "iso8859-9", "cp850", "cp437", "iso8859-3", "iso8859-4", "iso8859-10",
        "iso8859-13", "iso8859-14", "iso8859-16", "mac-latin2", "mac-turkish", "ascii",
        "cp1258", "mac-iceland",
    }
)  # fmt: skip
