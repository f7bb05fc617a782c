"""The record a reader yields instead of an Article when one input (or record) is unusable."""

from __future__ import annotations

from dataclasses import dataclass

from newsevents.errors import InputError


@dataclass(frozen=True)
class IngestFailure:
    """One unusable input or record; ``str(error)`` is the one-line message for the user."""

    path: str  # the input file
    record: str | None  # "line 3", "item 2", "offset 1234 <urn:uuid:…>", or None for the file
    error: InputError

    @property
    def message(self) -> str:
        return str(self.error)
