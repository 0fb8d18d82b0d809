"""Point the dashboard and ``aqb`` at one test's ``Settings`` through the environment, as an
operator's shell would, so a page run in AppTest and a command read the same folders."""

from __future__ import annotations

import pytest

from pipelines.config import Settings


def use_settings(
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    reviewer: str | None = None,
    password: str | None = None,
) -> None:
    """Set every folder of ``settings`` (and, given, the reviewer ``aqb review`` signs in as)."""
    variables = {
        "AQB_INBOX_DIR": settings.inbox_dir,
        "AQB_WAREHOUSE_PATH": settings.warehouse_path,
        "AQB_ARCHIVE_DIR": settings.archive_dir,
        "AQB_PUBLISH_DIR": settings.publish_dir,
        "AQB_DATA_DOCS_DIR": settings.data_docs_dir,
        "AQB_REVIEW_LOG": settings.review_log,
        "AQB_ACCOUNTS_FILE": settings.accounts_file,
    }
    if reviewer is not None:
        variables["AQB_REVIEWER"] = reviewer
    if password is not None:
        variables["AQB_REVIEWER_PASSWORD"] = password
    for variable, value in variables.items():
        if value is not None:  # no inbox: the sample corpus, as without the variable
            monkeypatch.setenv(variable, str(value))
