"""Write the committed GX File Data Context under ``expectations/`` from ``suites.SUITES``.

Run ``python -m pipelines.quality.build_context`` after changing a suite in Python. It builds a
fresh File Data Context through GX's own API in a temp folder (so every file is in the format
GX 1.x expects) and copies its committed parts: ``great_expectations.yml``, the suites, the
validation definitions and one checkpoint per severity. ``uncommitted/`` stays git-ignored.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import uuid
from pathlib import Path

import great_expectations as gx
from great_expectations.expectations.expectation_configuration import ExpectationConfiguration

from pipelines.quality.gx_context import BATCH_DEFINITION, DATASOURCE, EXPECTATIONS_DIR, asset_name
from pipelines.quality.suites import SUITES, SuiteSpec

# GX gives every suite, asset, definition and store a random id. They are replaced by stable ones
# (same order of first appearance -> same id), so a rebuild without a suite change changes no file
# and a test can assert that the committed context is exactly what this module generates.
_UUID_PATTERN = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_STABLE_ID_NAMESPACE = uuid.UUID("6f1c1c1e-2b7a-4a55-9d0e-5a0b6a9e2c11")

# Stores whose backend id GX creates on first use; committed so a run never writes into the repo.
STORES_WITH_BACKEND_ID = ("expectations", "checkpoints")

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
                type=config["type"],
                kwargs=config["kwargs"],
                meta={"severity": spec.severity, **config["meta"]},
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
                shutil.copytree(source, destination)
            else:
                shutil.copy2(source, destination)
    for store in STORES_WITH_BACKEND_ID:
        backend_id = target_dir / store / ".ge_store_backend_id"
        if not backend_id.is_file():  # GX writes it lazily, at run time into the repository
            backend_id.write_text(f"store_backend_id = {uuid.uuid4()}\n", encoding="utf-8")
    stabilise_ids(target_dir)


def committed_files(root: Path) -> list[Path]:
    """The committed context's files in a fixed order (relative path), hidden store ids included."""
    files = [
        path
        for part in COMMITTED_PARTS
        for path in ([root / part] if (root / part).is_file() else (root / part).rglob("*"))
        if path.is_file()
    ]
    return sorted(files, key=lambda path: path.relative_to(root).as_posix())


def stabilise_ids(root: Path) -> None:
    """Replace GX's random ids by ids derived from their order of first appearance."""
    stable: dict[str, str] = {}

    def replace(match: re.Match[str]) -> str:
        if match.group(0) not in stable:
            stable[match.group(0)] = str(uuid.uuid5(_STABLE_ID_NAMESPACE, f"aqb-{len(stable)}"))
        return stable[match.group(0)]

    for path in committed_files(root):
        text = path.read_text(encoding="utf-8")
        path.write_text(_UUID_PATTERN.sub(replace, text), encoding="utf-8")


if __name__ == "__main__":
    build()
    print(f"wrote the GX File Data Context to {EXPECTATIONS_DIR}")
