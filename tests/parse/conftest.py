"""Fixtures of the parse tests. The agreement builders (text and PDF) are plain functions in
``tests/support/agreement_texts.py``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

import pytest


@pytest.fixture
def cli_main(monkeypatch: pytest.MonkeyPatch) -> Callable[[list[str]], int]:
    """pipelines.cli.main with only the subcommands whose modules exist yet (others are being
    written in parallel; the CLI imports every subcommand module when it builds its parser)."""
    import pipelines.cli as cli

    available = {}
    for name, (module_name, help_text) in cli.SUBCOMMANDS.items():
        try:
            importlib.import_module(f"pipelines.commands.{module_name}")
        except ImportError:
            continue
        available[name] = (module_name, help_text)
    monkeypatch.setattr(cli, "SUBCOMMANDS", available)
    return cli.main
