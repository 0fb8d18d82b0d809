"""Run failure signal: a clear log line for every failed run, and a webhook when configured.

Set ``AQB_ALERT_WEBHOOK_URL`` to a chat or mail-gateway endpoint that accepts a JSON POST
(``{"text": ...}``, the format Slack, Mattermost and MS Teams incoming webhooks take). Unset: the
log line is the only signal. The webhook is never called unless the variable is set.
"""

import json
import os
import urllib.request

import dagster as dg

WEBHOOK_ENV = "AQB_ALERT_WEBHOOK_URL"


def failure_message(job_name: str, run_id: str, error: str | None) -> str:
    """The sentence a data engineer reads first: what failed, which run, where to look."""
    reason = (error or "no error message").strip().splitlines()[0][:300]
    return (
        f"AQB ingest failed: job {job_name}, run {run_id}: {reason} "
        f"- details in the Dagster UI (Runs -> {run_id[:8]}) and the check results of the Datenqualität page."
    )


def post_webhook(url: str, text: str, timeout_seconds: float = 10.0) -> None:
    request = urllib.request.Request(
        url,
        data=json.dumps({"text": text}).encode("utf-8"),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=timeout_seconds):  # noqa: S310 - configured by the operator
        pass


@dg.run_failure_sensor(
    name="ingest_failure_alert",
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Logs every failed run and posts it to AQB_ALERT_WEBHOOK_URL when set.",
)
def ingest_failure_alert(context: dg.RunFailureSensorContext) -> None:
    error = context.failure_event.message if context.failure_event else None
    message = failure_message(context.dagster_run.job_name, context.dagster_run.run_id, error)
    context.log.error(message)
    url = os.environ.get(WEBHOOK_ENV, "").strip()
    if url:
        try:
            post_webhook(url, message)
        except OSError as problem:  # the alert must never mask the failure it reports
            context.log.error(f"could not post the failure alert to {WEBHOOK_ENV}: {problem}")
