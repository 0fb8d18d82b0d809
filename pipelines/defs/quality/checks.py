"""The GX suites as asset checks, each on the table it validates, one check step per layer.

Staging suites run right after staging is built, so a failed blocking one (``parsed_agreements``)
stops the marts from being built at all; mart suites run after the marts. The agreement suites
are error severity (they block publishing); decisions above their agreement and statewide totals
against published figures are warnings (they inform).
"""

from __future__ import annotations

import warehouse
from pipelines.defs.quality.gx_checks import gx_asset_checks
from pipelines.defs.transform.assets import model_key
from pipelines.quality.suites import SUITES
from pipelines.review.candidate import keep_candidate_if_blocked

MODEL_ASSETS = {model.table: model_key(model) for model in warehouse.models()}


def _suites_of_layer(layer: str) -> list[str]:
    """Suite names whose table belongs to ``layer``, in the order of ``SUITES``."""
    return [suite.name for suite in SUITES if MODEL_ASSETS[suite.table].path[0] == layer]


def keep_blocked_marts(context, connection, aqb_paths) -> None:
    """After the mart suites: a run that failed an error-severity check will not publish, so its
    marts are kept for reviewers (``pipelines.review.candidate``). Here, inside the job, so a
    run the daemon launches leaves one as ``aqb ingest`` does."""
    kept = keep_candidate_if_blocked(
        connection, aqb_paths.publish, context.run.run_id, aqb_paths.is_sample
    )
    if kept is not None:
        context.log.warning(f"not publishable: marts kept for reviewers in {kept}")


quality_checks = [
    gx_asset_checks("staging_tables_gx_checks", _suites_of_layer("staging"), MODEL_ASSETS),
    gx_asset_checks(
        "marts_gx_checks", _suites_of_layer("marts"), MODEL_ASSETS, after=keep_blocked_marts
    ),
]
