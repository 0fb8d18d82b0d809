"""Alert texts and their delivery to ``AQB_ALERT_WEBHOOK_URL``.

The webhook takes a JSON POST ``{"text": ...}``, the format Slack, Mattermost and MS Teams
incoming webhooks accept. Unset: the sensors' log lines are the only signal; the webhook is never
called unless the variable is set.
"""

from __future__ import annotations

import json
import os
import urllib.request

from pipelines.config import dagster_run_url

WEBHOOK_ENV = "AQB_ALERT_WEBHOOK_URL"


def webhook_url() -> str | None:
    return os.environ.get(WEBHOOK_ENV, "").strip() or None


def failure_message(
    job_name: str, run_id: str, error: str | None, overdue: list[str] | None = None
) -> str:
    """The sentence a data engineer reads first: what failed, which run, where to look; then
    every overdue freshness item, one per line."""
    reason = (error or "no error message").strip().splitlines()[0][:300]
    link = dagster_run_url(run_id) or f"Dagster UI, Runs -> {run_id[:8]}"
    lines = [
        f"AQB ingest failed: job {job_name}, run {run_id}: {reason} "
        f"- details in {link} and on the Datenqualität page (Einlesevorgänge)."
    ]
    if overdue:
        lines.append("Überfällig / overdue:")
        lines.extend(f"- {item}" for item in overdue)
    return "\n".join(lines)


def freshness_message(overdue: list[str]) -> str:
    return "\n".join(
        ["AQB Aktualität / freshness: überfällig / overdue:", *(f"- {i}" for i in overdue)]
    )


def post_webhook(url: str, text: str, timeout_seconds: float = 10.0) -> None:
    request = urllib.request.Request(
        url,
        data=json.dumps({"text": text}).encode("utf-8"),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=timeout_seconds):  # noqa: S310 - set by the operator
        pass
