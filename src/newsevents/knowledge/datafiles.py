"""Read one packaged knowledge file (``newsevents/data/<area>/<name>``) with clear errors.

Every loader in this package starts the same way; the checks that differ (each file's own
schema) stay with the loader.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

from newsevents.errors import KnowledgeError


def read_data_file(area: str, name: str, *, require_source: bool = True) -> dict[str, Any]:
    """The YAML mapping in ``newsevents/data/<area>/<name>``.

    With ``require_source`` the file must name its sources in a top-level ``source`` field.
    """
    where = f"newsevents/data/{area}/{name}"
    try:
        text = resources.files("newsevents").joinpath("data", area, name).read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError) as error:
        raise KnowledgeError(
            f"the data file {name} is missing", path=where, hint="reinstall newsevents"
        ) from error
    try:
        loaded = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise KnowledgeError(
            f"{name} is not valid YAML: {error}",
            path=where,
            hint="fix the YAML syntax at the reported line",
        ) from error
    if not isinstance(loaded, dict):
        raise KnowledgeError(
            f"{name} must hold a mapping at the top level",
            path=where,
            hint="compare it with the schema in its header comment",
        )
    if require_source and not loaded.get("source"):
        raise KnowledgeError(
            f"{name} must name its sources in a top-level `source` field",
            path=where,
            hint="add `source: ...` at the top level",
        )
    return loaded
