"""The registry of gold sets, ``run_eval``, and the table and JSON a run produces.

Scorer modules are imported only when their set runs, so a scorer that is not installed
yet (or fails to import) is reported as such instead of breaking every other set.
"""

from __future__ import annotations

import datetime
import importlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsevents.errors import ConfigError, InputError
from newsevents.evaluation.base import EvalResult
from newsevents.evaluation.matching import files_digest

Scorer = Callable[..., EvalResult]


@dataclass(frozen=True)
class EvalSet:
    """One gold set: where its scorer lives, where its data usually is, what files it reads."""

    name: str
    module: str  # under newsevents.evaluation
    function: str
    default_path: str | None  # relative to ../shared; None when ../shared holds no copy
    description: str
    gold_globs: tuple[str, ...]  # files the scorer reads, relative to a data folder

    def load(self) -> Scorer:
        """The scorer function; :class:`ScorerNotInstalled` when its module is absent."""
        module_name = f"newsevents.evaluation.{self.module}"
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name != module_name:
                raise
            raise ScorerNotInstalled(self.name, module_name) from error
        scorer = getattr(module, self.function, None)
        if scorer is None:
            raise ScorerNotInstalled(self.name, f"{module_name}.{self.function}")
        return scorer  # type: ignore[no-any-return]

    def installed(self) -> bool:
        try:
            self.load()
        except ScorerNotInstalled:
            return False
        return True

    def gold_files(self, data_path: Path) -> list[Path]:
        if data_path.is_file():
            return [data_path]
        files: set[Path] = set()
        for pattern in self.gold_globs:
            files.update(p for p in data_path.glob(pattern) if p.is_file())
        return sorted(files)

    def digest(self, data_path: Path) -> str:
        root = data_path.parent if data_path.is_file() else data_path
        return files_digest(root, self.gold_files(data_path))


class ScorerNotInstalled(ConfigError):
    def __init__(self, set_name: str, module: str) -> None:
        super().__init__(
            f"scorer not installed for set {set_name!r} ({module} is missing)",
            hint="install a newsevents version that includes it, or pick another set",
        )
        self.set_name = set_name


REGISTRY: dict[str, EvalSet] = {
    s.name: s
    for s in (
        EvalSet(
            "seed",
            "seed",
            "run_seed",
            "corpus/seed",
            "seed article: events, status, actors, places, framing, provenance",
            ("gold.yaml", "article.txt", "article.json"),
        ),
        EvalSet(
            "plover",
            "plover",
            "run_plover",
            "dev/events/plover-gsr-dev.json",
            "PLOVER gold-standard records: event type, actor country and sector",
            (),
        ),
        EvalSet(
            "geowebnews",
            "geo",
            "run_brat",
            "dev/geo/geowebnews",
            "GeoWebNews (brat): toponym recognition and resolution",
            ("*.ann", "*.txt"),
        ),
        EvalSet(
            "geo-xml",
            "geo",
            "run_xml",
            None,
            "LGL / TR-News / GeoWebNews XML: toponym recognition and resolution",
            ("*.xml",),
        ),
        EvalSet(
            "meantime",
            "timex",
            "run_meantime",
            "dev/time/meantime",
            "MEANTIME English: TIMEX3 recognition and value",
            ("**/*.xml",),
        ),
        EvalSet(
            "timeml",
            "timex",
            "run_tml",
            None,
            "TimeML .tml (e.g. TempEval-3): TIMEX3 recognition and value",
            ("**/*.tml",),
        ),
    )
}
ALL = "all"


def shared_dir() -> Path | None:
    """``$NEWSEVENTS_SHARED_DIR``, else ``../shared`` beside the working directory or beside
    the source checkout; None when none exists."""
    configured = os.environ.get("NEWSEVENTS_SHARED_DIR")
    candidates = [Path(configured)] if configured else []
    candidates += [
        Path.cwd().parent / "shared",
        Path(__file__).resolve().parents[3].parent / "shared",
    ]
    return next((path for path in candidates if path.is_dir()), None)


def default_data_path(eval_set: EvalSet) -> Path | None:
    shared = shared_dir()
    if eval_set.default_path is None or shared is None:
        return None
    return shared / eval_set.default_path


def get_set(name: str) -> EvalSet:
    if name not in REGISTRY:
        raise ConfigError(
            f"unknown eval set {name!r}", hint=f"choose one of: {', '.join([*REGISTRY, ALL])}"
        )
    return REGISTRY[name]


@dataclass
class EvalRun:
    """The results of one ``newsevents eval`` call, and the sets it had to skip."""

    results: list[EvalResult] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from newsevents import __version__

        return {
            "newsevents_version": __version__,
            "generated": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "results": [result.to_dict() for result in self.results],
            "skipped": self.skipped,
        }


# Sets whose scorer can score a tuning or held-out half on its own.
SPLITTABLE = frozenset({"plover", "geowebnews"})


def run_set(
    name: str, data: Path | None = None, *, limit: int | None = None, split: str = "all"
) -> EvalResult:
    """Score one set; ``data`` overrides its default location under ../shared; ``split``
    (``tune``, ``heldout``) scores one half of a set that has them."""
    eval_set = get_set(name)
    scorer = eval_set.load()
    path = data if data is not None else default_data_path(eval_set)
    if path is None:
        raise InputError(
            f"no gold data for set {name!r} in ../shared", hint="give its location with --data PATH"
        )
    if not path.exists():
        raise InputError(
            f"gold data for set {name!r} not found",
            path=str(path),
            hint="give its location with --data PATH",
        )
    if split != "all" and name not in SPLITTABLE:
        raise ConfigError(
            f"set {name!r} has no tune/held-out halves",
            hint=f"use --split only with {', '.join(sorted(SPLITTABLE))}",
        )
    result = scorer(path, limit=limit) if split == "all" else scorer(path, limit=limit, split=split)
    result.set_name = name if split == "all" else f"{name}:{split}"  # the registry name is the key the gate and scorecard use
    result.data_path = str(path)
    result.gold_digest = eval_set.digest(path)
    return result


def run_eval(
    name: str, data: Path | None = None, *, limit: int | None = None, split: str = "all"
) -> EvalRun:
    """Score one set, or with ``all`` every set whose data exists and whose scorer is
    installed (``data`` is then ignored); skipped sets are listed with the reason."""
    if name != ALL:
        return EvalRun(results=[run_set(name, data, limit=limit, split=split)])
    run = EvalRun()
    for eval_set in REGISTRY.values():
        path = default_data_path(eval_set)
        if path is None or not path.exists():
            run.skipped[eval_set.name] = "no gold data in ../shared (use --data with this set)"
        elif not eval_set.installed():
            run.skipped[eval_set.name] = "scorer not installed"
        else:
            run.results.append(run_set(eval_set.name, path, limit=limit))
    return run


def write_json(run: EvalRun, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(run.to_dict(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def read_results(path: Path) -> list[EvalResult]:
    """Results from a JSON file written by :func:`write_json` (or one bare result)."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise InputError(
            f"cannot read eval results: {error}",
            path=str(path),
            hint="write them with `newsevents eval SET --out FILE.json`",
        ) from error
    records = record.get("results", [record]) if isinstance(record, dict) else record
    return [EvalResult.from_dict(r) for r in records]


def format_metric(name: str, value: float) -> str:
    """Fractions as percentages; counts and kilometres as plain numbers."""
    if name.endswith(("_km", "violations")) or "auc" in name or name.startswith("n_") or value > 1:
        return f"{value:.2f}" if value % 1 else f"{value:.0f}"
    return f"{100 * value:.1f}%"


def print_run(run: EvalRun) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    for result in run.results:
        table = Table(
            title=f"{result.set_name} — {result.n_items} gold items", caption=result.data_path
        )
        table.add_column("metric")
        table.add_column("value", justify="right")
        for metric, value in result.metrics.items():
            table.add_row(metric, format_metric(metric, value))
        console.print(table)
    for name, reason in run.skipped.items():
        console.print(f"[yellow]skipped {name}[/yellow]: {reason}")
