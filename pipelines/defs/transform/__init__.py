"""Transform: reference data and the SQL models of ``warehouse/models``, one asset per table."""

import dagster as dg

from pipelines.defs.transform.assets import marts, reference_data, staging_tables

defs = dg.Definitions(assets=[reference_data, staging_tables, marts])
