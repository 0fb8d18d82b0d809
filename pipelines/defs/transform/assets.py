"""Reference data -> staging -> marts: every ``warehouse/models/<layer>/<table>.sql`` one asset.

Each model file is an asset keyed ``[layer, table]`` (``["marts", "mart_state_year"]``), described
by the file's leading comment, with the tables its SQL reads as upstream assets (DuckDB's own
parser, ``warehouse.lineage``), so the UI draws the lineage from inbox to every mart. One layer
builds in ONE step (a subsettable ``multi_asset``): a layer is one transaction, so readers never
see half of it rebuilt, and one step costs Dagster's fixed step overhead once, not per table.

The model assets are not partitioned: DuckDB rebuilds every year in well under a second, and
per-year materializations of 31 tables would cost hundreds of events per run. A run still
covers budget years (``project_matches`` and the run's partition range decide which ones the
checks validate, ``defs.incremental``).
"""

from collections.abc import Iterator

import dagster as dg

import warehouse as warehouse_db
from pipelines.resources import AqbPathsResource, WarehouseResource

REFERENCE_GROUP = "reference"


@dg.asset(group_name=REFERENCE_GROUP, kinds={"duckdb", "csv"})
def reference_data(
    warehouse: WarehouseResource, aqb_paths: AqbPathsResource
) -> dg.MaterializeResult:
    """Districts, populations, measure types, ministries and published figures, replaced from
    the shipped CSVs on every run so a corrected CSV takes effect without a migration."""
    with warehouse.connect() as connection:
        counts = warehouse_db.load_reference_data(connection, aqb_paths.extra_districts)
    return dg.MaterializeResult(
        metadata={f"rows_{table}": count for table, count in counts.items()}
    )


# The asset that writes each table the models read and no model builds. A model reading a table
# missing here fails loading the definitions (``_upstream``), so lineage never silently stops.
# ``check_results`` is written by the asset checks themselves, which are no asset.
SOURCE_TABLES: dict[str, dg.AssetKey | None] = {
    **dict.fromkeys(
        ("raw_documents", "raw_document_sightings", "inbox_entries"),
        dg.AssetKey("raw_document_registry"),
    ),
    **dict.fromkeys(
        (
            "agreements",
            "agreement_fingerprints",  # a view over the parsed agreement tables (migration 012)
            "agreement_measures",
            "agreement_projects",
            "agreement_signatures",
            "decisions",
            "decision_lines",
            "parse_results",
            "quarantine",
            "rejected_rows",
        ),
        dg.AssetKey("parsed_documents"),
    ),
    **dict.fromkeys(
        (
            "ref_districts",
            "ref_district_population",
            "ref_district_name_forms",
            "ref_measure_types",
            "ref_published_figures",
        ),
        reference_data.key,
    ),
    **dict.fromkeys(("review_log", "review_in_force"), dg.AssetKey("review_decisions")),
    "decision_project_matches": dg.AssetKey("project_matches"),
    "check_results": None,
}
# Matching decides the run: its years, or that nothing changed (then it yields nothing and every
# model step is skipped). So each staging model that reads no other model waits for it.
RUN_GATE = dg.AssetKey("project_matches")


def model_key(model: warehouse_db.Model) -> dg.AssetKey:
    """``[layer, table]``: the layer is the key prefix, the table its name."""
    return dg.AssetKey([model.layer, model.table])


def _upstream(model: warehouse_db.Model, model_keys: dict[str, dg.AssetKey]) -> list[dg.AssetKey]:
    """The assets ``model`` reads from, in a stable order; the run gate for staging roots."""
    unknown = sorted(model.reads - set(model_keys) - set(SOURCE_TABLES))
    if unknown:
        raise ValueError(
            f"{model.path.name} reads {unknown}: name the asset writing them in SOURCE_TABLES"
        )
    keys = {model_keys[t] if t in model_keys else SOURCE_TABLES[t] for t in model.reads}
    reads_models = any(t in model_keys for t in model.reads)
    if model.layer == "staging" and not reads_models:
        keys.add(RUN_GATE)
    return sorted((key for key in keys if key is not None), key=lambda key: key.path)


def _relative(model: warehouse_db.Model) -> str:
    """The model file's path from the project root, as the UI shows it."""
    return str(model.path.relative_to(warehouse_db.WAREHOUSE_DIR.parent))


def model_specs(layer: str) -> list[dg.AssetSpec]:
    """One spec per model file of ``layer``: key, lineage, description, kinds."""
    model_keys = {model.table: model_key(model) for model in warehouse_db.models()}
    return [
        dg.AssetSpec(
            key=model_key(model),
            deps=_upstream(model, model_keys),
            description=model.description,
            group_name=layer,
            kinds={"duckdb", "sql"},
            metadata={"sql_file": dg.MetadataValue.path(_relative(model))},
        )
        for model in warehouse_db.models(layer)
    ]


def _column_schema(connection, table: str) -> dg.TableSchema:
    """The table's columns and DuckDB types as built, for the asset's column schema."""
    described = connection.execute(f"DESCRIBE {table}").fetchall()
    return dg.TableSchema(
        columns=[dg.TableColumn(name=row[0], type=str(row[1])) for row in described]
    )


def model_layer_asset(layer: str) -> dg.AssetsDefinition:
    """The one step building the selected models of ``layer`` (all of them in an ingest)."""

    @dg.multi_asset(
        name="staging_tables" if layer == "staging" else "marts",
        specs=model_specs(layer),
        can_subset=True,
        description=f"Builds the selected {layer} models in one DuckDB transaction.",
    )
    def _build(
        context: dg.AssetExecutionContext, warehouse: WarehouseResource
    ) -> Iterator[dg.MaterializeResult]:
        selected = {key.path[-1] for key in context.selected_asset_keys}
        with warehouse.connect() as connection:
            counts = warehouse_db.build_models(connection, layer, only=selected)
            schemas = {table: _column_schema(connection, table) for table in counts}
        for table, count in counts.items():
            yield dg.MaterializeResult(
                asset_key=dg.AssetKey([layer, table]),
                metadata={
                    # the standard keys the UI shows as the table's columns and row count
                    "dagster/column_schema": dg.MetadataValue.table_schema(schemas[table]),
                    "dagster/row_count": dg.MetadataValue.int(count),
                },
            )

    return _build


staging_tables = model_layer_asset("staging")
marts = model_layer_asset("marts")
