"""Bench scenarios: each returns plain JSON-ready dicts that ``bench.report`` renders."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def print_figures(figures: dict[str, Any], json_path: Path | None) -> None:
    """A scenario's figures printed as JSON, and written to ``json_path`` when one is given
    (its ``--json`` option), so a run can be kept under ``bench/results``."""
    text = json.dumps(figures, indent=2, ensure_ascii=False)
    print(text)
    if json_path:
        json_path.write_text(text + "\n", encoding="utf-8")
