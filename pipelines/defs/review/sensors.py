"""Start an ingest as soon as a reviewer decides: the review log's content hash is the cursor,
so each new decision gives exactly one run (the dashboard and ``aqb review`` only append)."""

import dagster as dg

from pipelines.defs.jobs import INGEST_JOB, ingest_run_tags
from pipelines.resources import AqbPathsResource
from pipelines.review.log import log_fingerprint


@dg.sensor(
    name="review_sensor",
    job_name=INGEST_JOB,
    minimum_interval_seconds=30,
    default_status=dg.DefaultSensorStatus.STOPPED,
    description="Starts an ingest when a review decision was appended to the decisions log.",
)
def review_sensor(
    context: dg.SensorEvaluationContext, aqb_paths: AqbPathsResource
) -> dg.SensorResult:
    fingerprint = log_fingerprint(aqb_paths.review_log)
    if not fingerprint or fingerprint == context.cursor:
        return dg.SensorResult(run_requests=[], cursor=fingerprint or context.cursor)
    return dg.SensorResult(
        run_requests=[
            dg.RunRequest(
                run_key=f"review-{fingerprint}",
                tags={**ingest_run_tags(), "aqb/trigger": "review decision"},
            )
        ],
        cursor=fingerprint,
    )
