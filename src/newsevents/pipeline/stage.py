"""The Stage protocol, the stage registry and the order check.

A stage is a plain callable ``Article -> Article`` registered under a versioned name
(``newsevents.places.v1``) that declares which article fields it ``requires`` and
``provides``.  A stage may also offer ``process_batch`` when batching pays (spaCy's
``nlp.pipe``); the runner falls back to one article at a time if a batch fails, so one bad
article never costs the others.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from newsevents.errors import PipelineAssemblyError
from newsevents.model import Article

# Fields an article has as soon as a reader produced it.
INGESTED_FIELDS = frozenset({"text", "title", "provenance"})


@runtime_checkable
class Stage(Protocol):
    # Read-only members, so frozen dataclasses (FunctionStage) satisfy the protocol.
    @property
    def name(self) -> str: ...

    @property
    def requires(self) -> tuple[str, ...]: ...

    @property
    def provides(self) -> tuple[str, ...]: ...

    def __call__(self, article: Article) -> Article: ...


@dataclass(frozen=True)
class FunctionStage:
    """Adapts a pure function (and optionally a batch form of it) to the Stage protocol."""

    name: str
    requires: tuple[str, ...]
    provides: tuple[str, ...]
    function: Callable[[Article], Article]
    batch_function: Callable[[Sequence[Article]], list[Article]] | None = None
    # Languages the stage can code (ISO 639-1); None means any.  Others pass through untouched.
    languages: tuple[str, ...] | None = None
    # Names and versions of the models or data the stage loads, for every output's provenance.
    resources: Callable[[], tuple[str, ...]] | None = None

    def __call__(self, article: Article) -> Article:
        return self.function(article)

    def process_batch(self, articles: Sequence[Article]) -> list[Article]:
        if self.batch_function is None:
            return [self.function(a) for a in articles]
        return self.batch_function(articles)


_REGISTRY: dict[str, Callable[[], Stage]] = {}


def register_stage(name: str) -> Callable[[Callable[[], Stage]], Callable[[], Stage]]:
    """Register a zero-argument factory that builds the stage (loading models lazily)."""

    def decorator(factory: Callable[[], Stage]) -> Callable[[], Stage]:
        _REGISTRY[name] = factory
        return factory

    return decorator


def registered_stages() -> list[str]:
    return sorted(_REGISTRY)


def make_stage(name: str) -> Stage:
    try:
        factory = _REGISTRY[name]
    except KeyError:
        known = ", ".join(registered_stages()) or "none"
        raise PipelineAssemblyError(
            f"no stage is registered as {name!r}",
            hint=f"use one of: {known}",
        ) from None
    return factory()


def check_order(stages: Iterable[Stage]) -> None:
    """Fail before any article runs if a stage needs a field no earlier stage provides."""
    available = set(INGESTED_FIELDS)
    for stage in stages:
        missing = [f for f in stage.requires if f not in available]
        if missing:
            raise PipelineAssemblyError(
                f"stage {stage.name} requires {', '.join(missing)}, "
                "which no earlier stage provides",
                hint="reorder the stages or add the stage that provides it",
            )
        available.update(stage.provides)
