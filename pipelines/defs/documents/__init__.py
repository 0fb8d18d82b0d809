"""Documents: inbox -> raw document registry -> parsed records, and the inbox sensor."""

import dagster as dg

from pipelines.defs.documents.assets import inbox_documents, parsed_documents, raw_document_registry
from pipelines.defs.documents.sensors import inbox_sensor

defs = dg.Definitions(
    assets=[inbox_documents, raw_document_registry, parsed_documents], sensors=[inbox_sensor]
)
