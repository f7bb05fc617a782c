"""The set registry, run_eval, JSON output and the ``eval`` command, with a stand-in scorer."""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from newsevents.cli.eval_cmd import register
from newsevents.errors import ConfigError, InputError
from newsevents.evaluation import runner
from newsevents.evaluation.base import EvalResult
from newsevents.evaluation.runner import EvalSet, ScorerNotInstalled

FAKE_MODULE = "newsevents.evaluation.stand_in_scorer"


def stand_in(path: Path, *, limit: int | None = None) -> EvalResult:
    lines = path.read_text(encoding="utf-8").splitlines()[:limit]
    return EvalResult("tiny", len(lines), {"share_nonempty": sum(map(bool, lines)) / len(lines)})


@pytest.fixture()
def tiny_set(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    module = types.ModuleType(FAKE_MODULE)
    module.run = stand_in  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, FAKE_MODULE, module)
    shared = tmp_path / "shared"
    (shared / "tiny").mkdir(parents=True)
    gold = shared / "tiny" / "gold.txt"
    gold.write_text("a\n\nb\nc\n", encoding="utf-8")
    monkeypatch.setenv("NEWSEVENTS_SHARED_DIR", str(shared))
    registry = {
        "tiny": EvalSet("tiny", "stand_in_scorer", "run", "tiny/gold.txt", "a stand-in", ()),
        "absent": EvalSet("absent", "no_such_scorer", "run", "tiny/gold.txt", "missing", ()),
        "nodata": EvalSet("nodata", "stand_in_scorer", "run", None, "needs --data", ()),
    }
    monkeypatch.setattr(runner, "REGISTRY", registry)
    return gold


def test_real_registry_names_every_set() -> None:
    assert set(runner.REGISTRY) == {"seed", "plover", "geowebnews", "geo-xml", "meantime", "timeml"}


def test_missing_scorer_module_is_reported_not_raised_as_import_error() -> None:
    with pytest.raises(ScorerNotInstalled, match="scorer not installed"):
        EvalSet("x", "no_such_scorer", "run", None, "", ()).load()


def test_unknown_set_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown eval set"):
        runner.get_set("nonesuch")


def test_run_set_fills_path_and_digest(tiny_set: Path) -> None:
    result = runner.run_set("tiny", limit=3)
    assert result.n_items == 3
    assert result.metrics["share_nonempty"] == pytest.approx(2 / 3)
    assert result.data_path == str(tiny_set)
    assert result.gold_digest and len(result.gold_digest) == 64


def test_set_without_default_data_asks_for_data(tiny_set: Path) -> None:
    with pytest.raises(InputError, match="--data"):
        runner.run_set("nodata")
    assert runner.run_set("nodata", tiny_set).n_items == 4


def test_all_runs_what_it_can_and_says_why_it_skipped(tiny_set: Path, tmp_path: Path) -> None:
    run = runner.run_eval("all")
    assert [r.set_name for r in run.results] == ["tiny"]
    assert run.skipped == {
        "absent": "scorer not installed",
        "nodata": "no gold data in ../shared (use --data with this set)",
    }
    out = tmp_path / "out" / "results.json"
    runner.write_json(run, out)
    assert [r.metrics for r in runner.read_results(out)] == [run.results[0].metrics]
    assert json.loads(out.read_text(encoding="utf-8"))["skipped"] == run.skipped


def make_app() -> typer.Typer:
    app = typer.Typer()
    register(app)

    @app.command()
    def other() -> None:
        """Keeps typer from collapsing the app into its single command."""

    return app


def test_cli_prints_table_and_writes_json(tiny_set: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    outcome = CliRunner().invoke(make_app(), ["eval", "tiny", "--out", str(out)])
    assert outcome.exit_code == 0, outcome.output
    assert "share_nonempty" in outcome.output and "75.0%" in outcome.output
    assert json.loads(out.read_text(encoding="utf-8"))["results"][0]["set"] == "tiny"


def test_cli_errors_exit_2_with_the_reason(tiny_set: Path) -> None:
    outcome = CliRunner().invoke(make_app(), ["eval", "absent"])
    assert outcome.exit_code == 2
    assert "scorer not installed" in outcome.output


def test_cli_gate_fails_below_a_floor(tiny_set: Path, tmp_path: Path) -> None:
    floors = tmp_path / "floors.json"
    floor = {"floor": 0.9, "direction": "min", "reason": "test"}
    floors.write_text(
        json.dumps({"sets": {"tiny": {"floors": {"share_nonempty": floor}}}}), encoding="utf-8"
    )
    outcome = CliRunner().invoke(make_app(), ["eval", "tiny", "--gate", "--floors", str(floors)])
    assert outcome.exit_code == 1
    assert "below its floor" in outcome.output


def test_cli_options_have_help() -> None:
    outcome = CliRunner().invoke(make_app(), ["eval", "--help"])
    assert outcome.exit_code == 0
    for option in ("--data", "--out", "--limit", "--gate"):
        assert option in outcome.output


def test_split_is_only_for_sets_with_halves(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    with pytest.raises(ConfigError, match="no tune/held-out halves"):
        runner.run_set("seed", gold, split="heldout")


def test_plover_halves_partition_the_records() -> None:
    from newsevents.evaluation.splits import split_of

    ids = [f"PLOVER-GSR01-ASSAULT-{n:04d}" for n in range(200)]
    halves = {split_of(i) for i in ids}
    assert halves == {"tune", "heldout"}
    assert all(split_of(i) == split_of(i) for i in ids)
