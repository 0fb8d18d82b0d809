"""The export data dictionary, derived from the contracts' dictionary (``pipelines.contracts.columns``):
every column a download may carry, plus the year columns of the comparison table.
"""

from __future__ import annotations

from pipelines.contracts.columns import COLUMNS, ColumnKind, ColumnSpec

__all__ = ["COLUMNS", "METRICS", "ColumnKind", "ColumnSpec", "column_spec"]

# The comparison table pivots years into columns named "2016", "2017" ...: their kind follows
# the chosen metric, so they are described on the fly.
METRICS: dict[str, tuple[str, ColumnKind]] = {
    "budget_total_eur": ("Budget (€)", "eur"),
    "eur_per_inhabitant": ("€ je Einwohner", "eur"),
    "share_of_state": ("Anteil an Hessen (%)", "share"),
    "n_projects": ("Anzahl Projekte", "int"),
}


def column_spec(name: str, metric: str | None = None) -> ColumnSpec:
    """The spec of ``name``; year columns of the comparison table take the metric's kind."""
    if name in COLUMNS:
        return COLUMNS[name]
    if name.isdigit() and metric in METRICS:
        label, kind = METRICS[metric]
        return ColumnSpec(name, name, kind, f"{label} im Jahr {name}.")
    raise KeyError(f"column {name!r} has no entry in the data dictionary")
