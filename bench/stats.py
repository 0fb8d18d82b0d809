"""Small, dependency-free statistics for the report: summaries, percentiles, log-log fits.

Kept pure (numbers in, numbers out) so the smoke test can check them without running anything.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence


def summarize(values: Sequence[float]) -> dict[str, float | int | list[float] | None]:
    """Median, min and max of repeated measurements; the raw values stay for inspection.

    Medians rather than means because a single slow repeat (a GC pause, the other core busy)
    should not move the headline figure.
    """
    clean = [float(value) for value in values if value is not None and math.isfinite(value)]
    if not clean:
        return {"median": None, "min": None, "max": None, "n": 0, "values": []}
    return {
        "median": statistics.median(clean),
        "min": min(clean),
        "max": max(clean),
        "n": len(clean),
        "values": clean,
    }


def percentile(values: Sequence[float], fraction: float) -> float | None:
    """The ``fraction`` (0..1) percentile with linear interpolation between order statistics."""
    ordered = sorted(values)
    if not ordered:
        return None
    position = (len(ordered) - 1) * fraction
    lower = math.floor(position)
    upper = math.ceil(position)
    if lower == upper:
        return ordered[lower]
    weight = position - lower
    return ordered[lower] * (1 - weight) + ordered[upper] * weight


def fit_power_law(sizes: Sequence[float], costs: Sequence[float]) -> dict[str, float] | None:
    """Least-squares fit of ``log(cost) = log(a) + b*log(size)``; ``b`` is the growth exponent.

    An exponent of 1.0 means cost grows linearly with the corpus. Needs at least two distinct,
    positive sizes; returns None otherwise so the report says "not measured" instead of lying.
    """
    points = [
        (math.log(size), math.log(cost))
        for size, cost in zip(sizes, costs, strict=True)
        if size and cost and size > 0 and cost > 0
    ]
    if len({x for x, _ in points}) < 2:
        return None
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    sxx = sum((x - mean_x) ** 2 for x, _ in points)
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in points)
    exponent = sxy / sxx
    intercept = mean_y - exponent * mean_x
    residual = sum((y - (intercept + exponent * x)) ** 2 for x, y in points)
    total = sum((y - mean_y) ** 2 for _, y in points)
    r_squared = 1.0 - residual / total if total > 0 else 1.0
    return {
        "exponent": exponent,
        "coefficient": math.exp(intercept),
        "r_squared": r_squared,
        "points": len(points),
    }


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    """``numerator / denominator`` or None when either side was not measured."""
    if numerator is None or denominator is None or denominator <= 0:
        return None
    return numerator / denominator
