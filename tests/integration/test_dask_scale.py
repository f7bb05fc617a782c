"""Scale-out through Dask gives the same records as the single-process run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsevents.batch import code_inputs
from newsevents.ingest import IngestFailure
from newsevents.scale.dask_runner import code_in_parallel
from newsevents.store import Store

REPO = Path(__file__).resolve().parents[2]


def test_parallel_coding_matches_serial_reading_order(tmp_path: Path) -> None:
    (tmp_path / "bad.jsonl").write_text("{broken\n", encoding="utf-8")
    results = code_in_parallel([REPO / "examples", tmp_path / "bad.jsonl"], scheduler="synchronous")
    items = [item for result in results for item in result.items]
    failures = [item for item in items if isinstance(item, IngestFailure)]
    assert len(failures) == 1 and failures[0].path.endswith("bad.jsonl")
    assert sum(1 for item in items if not isinstance(item, IngestFailure)) >= 8


@pytest.mark.slow
def test_workers_give_the_same_store_as_one_process(tmp_path: Path) -> None:
    with Store.open(tmp_path / "serial.duckdb") as store:
        serial = code_inputs([REPO / "examples"], store=store, out_dir=tmp_path / "a")
    with Store.open(tmp_path / "dask.duckdb") as store:
        parallel = code_inputs([REPO / "examples"], store=store, out_dir=tmp_path / "b", workers=2)
    assert parallel.article_ids == serial.article_ids
    for name in ("articles.jsonl", "events.jsonl"):
        left = [json.loads(x) for x in (tmp_path / "a" / name).read_text("utf-8").splitlines()]
        right = [json.loads(x) for x in (tmp_path / "b" / name).read_text("utf-8").splitlines()]
        for a, b in zip(left, right, strict=True):
            assert a == b, [(k, a[k], b.get(k)) for k in a if a[k] != b.get(k)]
