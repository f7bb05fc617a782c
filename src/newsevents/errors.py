"""One exception tree for newsevents.

    NewsEventsError                     code NE000
    ├── ConfigError                     NE100  a config file or flag is invalid
    ├── InputError                      NE200  an input cannot be read as articles
    │   ├── EmptyInputError             NE201
    │   ├── BinaryInputError            NE202
    │   ├── InputTooLargeError          NE203
    │   ├── EncodingError               NE204
    │   ├── MalformedInputError         NE205  broken HTML, JSON line, feed, WARC record, gzip
    │   └── UnsupportedInputError       NE206
    ├── StageError                      NE300  a pipeline stage failed on one article
    │   └── PipelineAssemblyError       NE301  stages are ordered so a requirement is unmet
    ├── KnowledgeError                  NE400  a packaged data file is missing or fails its schema
    └── StoreError                      NE500  the DuckDB store cannot be opened or written

Every message says what went wrong, where (file, record, article id) and what to do.
"""

from __future__ import annotations


class NewsEventsError(Exception):
    """Base of every error newsevents raises on purpose."""

    code = "NE000"

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        record: str | None = None,
        article_id: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.record = record
        self.article_id = article_id
        self.hint = hint

    def with_article(self, article_id: str) -> NewsEventsError:
        """Attach the article id as the error travels up through the batch runner."""
        if self.article_id is None:
            self.article_id = article_id
        return self

    def __str__(self) -> str:
        where = []
        if self.path:
            where.append(self.path)
        if self.record:
            where.append(f"record {self.record}")
        if self.article_id:
            where.append(f"article {self.article_id}")
        text = f"[{self.code}] {self.message}"
        if where:
            text = f"{', '.join(where)}: {text}"
        if self.hint:
            text = f"{text} — {self.hint}"
        return text


class ConfigError(NewsEventsError):
    code = "NE100"


class InputError(NewsEventsError):
    code = "NE200"


class EmptyInputError(InputError):
    code = "NE201"


class BinaryInputError(InputError):
    code = "NE202"


class InputTooLargeError(InputError):
    code = "NE203"


class EncodingError(InputError):
    code = "NE204"


class MalformedInputError(InputError):
    code = "NE205"


class UnsupportedInputError(InputError):
    code = "NE206"


class StageError(NewsEventsError):
    code = "NE300"


class PipelineAssemblyError(StageError):
    code = "NE301"


class KnowledgeError(NewsEventsError):
    code = "NE400"


class StoreError(NewsEventsError):
    code = "NE500"


__all__ = [
    "BinaryInputError",
    "ConfigError",
    "EmptyInputError",
    "EncodingError",
    "InputError",
    "InputTooLargeError",
    "KnowledgeError",
    "MalformedInputError",
    "NewsEventsError",
    "PipelineAssemblyError",
    "StageError",
    "StoreError",
    "UnsupportedInputError",
]
