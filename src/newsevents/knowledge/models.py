"""Check that the installed spaCy pipeline is the one we pinned (see data/models/*.yaml)."""

from __future__ import annotations

import hashlib
import importlib.util
import json
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from newsevents.errors import KnowledgeError

MODEL_FACTS = "en_core_web_sm-3.8.0.yaml"


def load_model_facts() -> dict[str, Any]:
    text = resources.files("newsevents.data.models").joinpath(MODEL_FACTS).read_text("utf-8")
    facts = yaml.safe_load(text)
    if not isinstance(facts, dict) or not {"package", "official", "pinned_sha256"} <= set(facts):
        raise KnowledgeError(
            "model facts need package, official and pinned_sha256",
            path=f"newsevents/data/models/{MODEL_FACTS}",
            hint="restore the file from the repository",
        )
    return facts


def model_directory(package: str) -> Path:
    """The folder holding the model's meta.json and component files."""
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise KnowledgeError(
            f"the model package {package} is not installed",
            hint="run `make run` or `pip install -r requirements.lock`",
        )
    root = Path(spec.origin).parent
    inner = sorted(p for p in root.iterdir() if p.is_dir() and (p / "meta.json").is_file())
    return inner[0] if inner else root


def verify_installed_model(facts: dict[str, Any] | None = None) -> list[str]:
    """Every way the installed model differs from the published and pinned facts (empty: ok)."""
    facts = facts or load_model_facts()
    directory = model_directory(str(facts["package"]))
    meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
    official = facts["official"]
    problems: list[str] = []
    if meta.get("version") != official["version"]:
        problems.append(f"version {meta.get('version')} != {official['version']}")
    for key in ("spacy_git_version", "pipeline", "components"):
        if meta.get(key) != official[key]:
            problems.append(f"{key} {meta.get(key)!r} != {official[key]!r}")
    for component, count in official["label_counts"].items():
        found = len(meta.get("labels", {}).get(component, []))
        if found != count:
            problems.append(f"{component} has {found} labels, official {count}")
    performance = meta.get("performance", {})
    for metric, value in official["performance"].items():
        if performance.get(metric) != value:
            problems.append(f"performance {metric} {performance.get(metric)} != {value}")
    for relative, digest in facts["pinned_sha256"].items():
        path = directory / relative
        if not path.is_file():
            problems.append(f"missing file {relative}")
            continue
        if hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            problems.append(f"file {relative} changed (sha256 differs from the pinned one)")
    return problems
