"""Write the committed GX File Data Context under ``expectations/`` from ``suites.SUITES``.

Run ``python -m pipelines.quality.build_context`` after changing a suite in Python. It builds a
fresh File Data Context through GX's own API in a temp folder (so every file is in the format
GX 1.x expects) and copies its committed parts: ``great_expectations.yml``, the suites, the
validation definitions and one checkpoint per severity. ``uncommitted/`` stays git-ignored.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import great_expectations as gx
from great_expectations.expectations.expectation_configuration import ExpectationConfiguration

from pipelines.quality.gx_context import BATCH_DEFINITION, DATASOURCE, EXPECTATIONS_DIR, asset_name
from pipelines.quality.suites import SUITES, SuiteSpec

COMMITTED_PARTS = (
    "great_expectations.yml",
    "expectations",
    "validation_definitions",
    "checkpoints",
)


def _suite(spec: SuiteSpec) -> gx.ExpectationSuite:
    suite = gx.ExpectationSuite(
        name=spec.name,
        meta={"severity": spec.severity, "frame": spec.frame, "notes": spec.description},
    )
    for config in spec.expectations:
        suite.add_expectation_configuration(
            ExpectationConfiguration(
                type=config["type"], kwargs=config["kwargs"], meta={"severity": spec.severity}
            )
        )
    return suite


def build(target_dir: Path = EXPECTATIONS_DIR) -> None:
    """Regenerate the committed context in ``target_dir``."""
    with tempfile.TemporaryDirectory() as scratch:
        context = gx.get_context(mode="file", project_root_dir=scratch)
        datasource = context.data_sources.add_pandas(DATASOURCE)
        for severity in ("error", "warning"):
            definitions = []
            for spec in (spec for spec in SUITES if spec.severity == severity):
                batch = datasource.add_dataframe_asset(
                    asset_name(spec.name)
                ).add_batch_definition_whole_dataframe(BATCH_DEFINITION)
                suite = context.suites.add(_suite(spec))
                definitions.append(
                    context.validation_definitions.add(
                        gx.ValidationDefinition(name=spec.name, data=batch, suite=suite)
                    )
                )
            context.checkpoints.add(
                gx.Checkpoint(name=f"aqb_{severity}_checks", validation_definitions=definitions)
            )
        source_root = Path(scratch) / "gx"
        target_dir.mkdir(parents=True, exist_ok=True)
        for part in COMMITTED_PARTS:
            destination = target_dir / part
            if destination.is_dir():
                shutil.rmtree(destination)
            source = source_root / part
            if source.is_dir():
                shutil.copytree(
                    source, destination, ignore=shutil.ignore_patterns(".ge_store_backend_id")
                )
            else:
                shutil.copy2(source, destination)


if __name__ == "__main__":
    build()
    print(f"wrote the GX File Data Context to {EXPECTATIONS_DIR}")
