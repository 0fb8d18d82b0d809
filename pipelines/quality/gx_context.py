"""Open the committed GX File Data Context with runtime folders for results and Data Docs.

The committed context (``expectations/great_expectations.yml`` + suites + validation
definitions + checkpoints) is read as configuration; validation results and Data Docs go to
``data_docs_dir`` given at run time (``AQB_DATA_DOCS_DIR``), so runs never write into the
repository and parallel test runs never share state.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from pipelines.config import PROJECT_ROOT

EXPECTATIONS_DIR = PROJECT_ROOT / "expectations"
DATASOURCE = "aqb_warehouse_frames"
BATCH_DEFINITION = "whole_frame"
DATA_DOCS_SITE = "aqb_data_docs"
RESULTS_SUBDIR = "_validation_results"


def asset_name(suite_name: str) -> str:
    """The dataframe asset a suite's validation definition reads."""
    return f"{suite_name}_frame"


def _filesystem_store(store_class: str, base_directory: Path) -> dict[str, Any]:
    return {
        "class_name": store_class,
        "store_backend": {
            "class_name": "TupleFilesystemStoreBackend",
            "base_directory": str(base_directory),
        },
    }


def runtime_config(data_docs_dir: Path) -> dict[str, Any]:
    """The committed ``great_expectations.yml`` with absolute store paths and runtime outputs."""
    import yaml

    config = yaml.safe_load(
        (EXPECTATIONS_DIR / "great_expectations.yml").read_text(encoding="utf-8")
    )
    config["stores"] = {
        "expectations_store": _filesystem_store(
            "ExpectationsStore", EXPECTATIONS_DIR / "expectations"
        ),
        "validation_results_store": _filesystem_store(
            "ValidationResultsStore", data_docs_dir / RESULTS_SUBDIR
        ),
        "checkpoint_store": _filesystem_store("CheckpointStore", EXPECTATIONS_DIR / "checkpoints"),
        "validation_definition_store": _filesystem_store(
            "ValidationDefinitionStore", EXPECTATIONS_DIR / "validation_definitions"
        ),
    }
    config["data_docs_sites"] = {
        DATA_DOCS_SITE: {
            "class_name": "SiteBuilder",
            "show_how_to_buttons": False,
            "store_backend": {
                "class_name": "TupleFilesystemStoreBackend",
                "base_directory": str(data_docs_dir),
            },
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        }
    }
    config["progress_bars"] = {
        "globally": False,
        "metric_calculations": False,
    }  # keep stderr for our bar
    config.pop("config_variables_file_path", None)
    config.pop("plugins_directory", None)
    return config


@cache
def runtime_context(data_docs_dir: Path):
    """An ephemeral GX context over the committed definitions, cached per process and folder.

    Great Expectations is imported here, in the thread that validates, and never in a
    background thread: importing it while the run's own thread imported SQLAlchemy or pandas
    left a module half-initialised ("partially initialized module 'sqlalchemy.orm.exc'"),
    which failed a bench run's matching step once in several runs.
    """
    import great_expectations as gx

    data_docs_dir.mkdir(parents=True, exist_ok=True)
    config = runtime_config(data_docs_dir)
    datasources = config.pop("fluent_datasources", {}) or {}
    context = gx.get_context(mode="ephemeral", project_config=config)
    # An ephemeral context keeps datasources in memory only: declare the committed ones again,
    # asset by asset, so the committed validation definitions resolve by name.
    for datasource_name, datasource_config in datasources.items():
        datasource = context.data_sources.add_pandas(datasource_name)
        for asset, asset_config in (datasource_config.get("assets") or {}).items():
            dataframe_asset = datasource.add_dataframe_asset(asset)
            for batch_definition in asset_config.get("batch_definitions") or {}:
                dataframe_asset.add_batch_definition_whole_dataframe(batch_definition)
    return context
