"""The "projekte" download read without handing the same text over once per project.

At 64x the table has 155,363 rows, and most of a plain read was DuckDB converting four
repeated text columns to Arrow strings (district_name, source_name, source_sha256 and
continuity: about 38 of 48 ms CPU). Those columns repeat per district-year document and per
label, so this reader fetches

- the rows with a 64-bit key over (district_ags, district_name, source_name, source_sha256)
  and continuity as a small code (``projekte_rows.sql``), and
- the text of each key once per district-year (``projekte_documents.sql``, from
  ``mart_district_year``, which names the same current agreement),

and joins them in Polars. The result is the plain statement's (``projekte.sql``) frame, column
for column. Whenever the compact read cannot reproduce it exactly (a row whose key has no
document, a key shared by two different documents, a continuity label not in
``CONTINUITY_LABELS``, an older snapshot) the table is read plainly instead.
"""

from __future__ import annotations

import duckdb
import polars as pl

from pipelines.exports.fetch import query_frame, table_sql

# The statements of the compact read (warehouse/statements/exports/), beside the plain one.
ROWS_STATEMENT = "projekte_rows"
DOCUMENTS_STATEMENT = "projekte_documents"
HELPER_STATEMENTS = (ROWS_STATEMENT, DOCUMENTS_STATEMENT)

# The labels mart_projects stores in ``continuity`` (docs/data_model.md).
CONTINUITY_LABELS = ("neu", "fortgeführt")

# Columns and order of the plain statement, projekte.sql.
PROJECT_COLUMNS = (
    "district_ags",
    "district_name",
    "year",
    "measure_type",
    "position",
    "project_name",
    "amount_eur",
    "continuity",
    "source_name",
    "source_page",
    "source_line",
    "source_sha256",
)


def read_projects(
    connection: duckdb.DuckDBPyConnection, filter_parameters: list[object]
) -> pl.DataFrame:
    """All columns of the "projekte" table for ``filter_parameters`` (the plain statement's
    ``?`` values: years, districts, measure type, each twice), unsorted."""
    compact = read_projects_compact(connection, filter_parameters)
    if compact is not None:
        return compact
    return query_frame(connection, table_sql("projekte"), filter_parameters)


def read_projects_compact(
    connection: duckdb.DuckDBPyConnection, filter_parameters: list[object]
) -> pl.DataFrame | None:
    """The compact read, or None when it cannot reproduce the plain statement's frame exactly
    (the caller then reads plainly). Separate so tests can check both paths agree."""
    try:
        documents = query_frame(connection, table_sql(DOCUMENTS_STATEMENT), filter_parameters[:4])
    except (
        duckdb.CatalogException,
        duckdb.BinderException,
    ):  # older snapshot: no such mart/columns
        return None
    if documents.get_column("document_key").n_unique() != documents.height:
        documents = documents.unique()  # a document named by more than one district-year
        if documents.get_column("document_key").n_unique() != documents.height:
            return None  # two different documents under one key: the key cannot tell them apart
    rows = query_frame(
        connection, table_sql(ROWS_STATEMENT), [list(CONTINUITY_LABELS), *filter_parameters]
    )
    if (rows.get_column("continuity_code") < 0).any():
        return None  # a continuity label this reader does not know
    # a left join keeps the rows' order at a third of an inner join's cost (polars 2.1); the
    # row index of the matched document tells unmatched rows apart
    joined = rows.join(
        documents.with_row_index("document_row"),
        on="document_key",
        how="left",
        maintain_order="left",
    )
    if joined.get_column("document_row").null_count():
        return None  # a row's district/document is not the one mart_district_year names
    return joined.with_columns(_continuity_labels(pl.col("continuity_code"))).select(
        PROJECT_COLUMNS
    )


def _continuity_labels(code: pl.Expr) -> pl.Expr:
    """Continuity codes back to the stored labels: 0 is NULL, k is ``CONTINUITY_LABELS[k-1]``
    (a when/then chain: a third of ``replace_strict``'s cost for two labels)."""
    labels = pl.when(code == 1).then(pl.lit(CONTINUITY_LABELS[0], dtype=pl.String))
    for position, label in enumerate(CONTINUITY_LABELS[1:], start=2):
        labels = labels.when(code == position).then(pl.lit(label, dtype=pl.String))
    return labels.otherwise(pl.lit(None, dtype=pl.String)).alias("continuity")
