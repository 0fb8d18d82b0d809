"""The nightly ingest at 02:00 Berlin time (daylight saving handled by the timezone).

``AQB_NIGHTLY_CRON`` replaces the cron expression (the daemon test ticks it every minute). The
schedule starts with the daemon: it is the safety net behind the inbox sensor and ``aqb watch``.
"""

import os

import dagster as dg

from pipelines.defs.jobs import INGEST_JOB, ingest_run_tags

NIGHTLY_CRON = os.environ.get("AQB_NIGHTLY_CRON", "").strip() or "0 2 * * *"
TIMEZONE = "Europe/Berlin"


@dg.schedule(
    name="nightly_ingest",
    cron_schedule=NIGHTLY_CRON,
    execution_timezone=TIMEZONE,
    job_name=INGEST_JOB,
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Ingest the inbox every night; ends early when nothing changed.",
)
def nightly_ingest(context: dg.ScheduleEvaluationContext) -> dg.RunRequest:
    """One run over every budget year (the ingest job's partitions as a single-run range)."""
    return dg.RunRequest(run_key=None, tags={**ingest_run_tags(), "aqb/trigger": "nightly"})
