"""Regenerate docs/scorecard.md and the README scorecard section from eval results.

    newsevents eval all --out eval/results.json
    python tools/scorecard.py [--results eval/results.json] [--readme README.md]

The README is touched only between ``<!-- scorecard:start -->`` and ``<!-- scorecard:end -->``;
a README without both markers is left as it is.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from newsevents.evaluation.base import EvalResult
from newsevents.evaluation.runner import REGISTRY, format_metric, read_results

ROOT = Path(__file__).resolve().parents[1]
START, END = "<!-- scorecard:start -->", "<!-- scorecard:end -->"
REPRODUCE = "newsevents eval all --out eval/results.json && python tools/scorecard.py"


def load_anchors(path: Path) -> list[dict[str, Any]]:
    anchors: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["anchors"]
    return anchors


def _anchor_for(anchors: list[dict[str, Any]], set_name: str, metric: str) -> dict[str, Any] | None:
    return next((a for a in anchors if a["set"] == set_name and metric in a["metrics"]), None)


def _published(anchor: dict[str, Any]) -> str:
    figure = f"{anchor['system']} {100 * anchor['value']:.1f}%"
    return f"{figure} ({anchor['caveat']})" if anchor.get("caveat") else figure


def render_table(
    results: list[EvalResult], anchors: list[dict[str, Any]], skipped: dict[str, str] | None = None
) -> str:
    """A Markdown table: every measured metric, its published anchor or n/a."""
    lines = ["| set | metric | newsevents | published anchor |", "|---|---|---:|---|"]
    for result in results:
        for metric, value in result.metrics.items():
            anchor = _anchor_for(anchors, result.set_name, metric)
            published = "n/a" if anchor is None else _published(anchor)
            lines.append(
                f"| {result.set_name} ({result.n_items}) | {metric} | "
                f"{format_metric(metric, value)} | {published} |"
            )
    measured = {(r.set_name, m) for r in results for m in r.metrics}
    for anchor in anchors:
        if not any((anchor["set"], m) in measured for m in anchor["metrics"]):
            why = (skipped or {}).get(anchor["set"], "no such metric in the results")
            lines.append(
                f"| {anchor['set']} | {anchor['label']} | not measured: {why} | "
                f"{_published(anchor)} |"
            )
    return "\n".join(lines)


def render_section(
    results: list[EvalResult],
    anchors: list[dict[str, Any]],
    skipped: dict[str, str],
    generated: str | None,
) -> str:
    def described(name: str) -> str:
        return f"`{name}` ({REGISTRY[name].description})" if name in REGISTRY else f"`{name}`"

    sets = ", ".join(described(r.set_name) for r in results)
    sources = sorted({f"{a['system']}: {a['source']}" for a in anchors})
    notes = ["- Anchor sources: " + "; ".join(sources)]
    if skipped:
        notes.append(
            "- Not measured in this run: "
            + "; ".join(f"`{name}` ({why})" for name, why in skipped.items())
        )
    return "\n".join(
        [
            f"Measured on the development sets in `../shared` ({sets or 'none'})"
            + (f", results generated {generated}." if generated else "."),
            "",
            render_table(results, anchors, skipped),
            "",
            *notes,
            f"- Reproduce: `{REPRODUCE}`",
        ]
    )


def replace_between_markers(text: str, body: str) -> str:
    """``text`` with the part between the scorecard markers replaced; unchanged without them."""
    start, end = text.find(START), text.find(END)
    if start < 0 or end < start:
        return text
    return f"{text[: start + len(START)]}\n{body}\n{text[end:]}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Regenerate the scorecard from eval results.")
    parser.add_argument("--results", type=Path, default=ROOT / "eval" / "results.json")
    parser.add_argument("--anchors", type=Path, default=ROOT / "eval" / "anchors.json")
    parser.add_argument("--doc", type=Path, default=ROOT / "docs" / "scorecard.md")
    parser.add_argument("--readme", type=Path, default=ROOT / "README.md")
    args = parser.parse_args(argv)

    if not args.results.is_file():
        print(
            f"{args.results} not found: run `newsevents eval all --out {args.results}` first",
            file=sys.stderr,
        )
        return 2
    raw = json.loads(args.results.read_text(encoding="utf-8"))
    skipped = raw.get("skipped", {}) if isinstance(raw, dict) else {}
    generated = raw.get("generated") if isinstance(raw, dict) else None
    section = render_section(
        read_results(args.results), load_anchors(args.anchors), skipped, generated
    )
    args.doc.parent.mkdir(parents=True, exist_ok=True)
    args.doc.write_text(
        "# Scorecard\n\n<!-- generated by tools/scorecard.py; do not edit by hand -->\n\n"
        + section
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {args.doc}")
    if args.readme.is_file():
        before = args.readme.read_text(encoding="utf-8")
        after = replace_between_markers(before, section)
        if after != before:
            args.readme.write_text(after, encoding="utf-8")
            print(f"updated the scorecard section of {args.readme}")
        elif START not in before:
            print(f"{args.readme} has no {START} marker; left unchanged")
    return 0


if __name__ == "__main__":
    sys.exit(main())
