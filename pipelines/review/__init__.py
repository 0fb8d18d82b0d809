"""Review and stewardship: decisions by named reviewers, stored outside the warehouse (``log``),
applied by the next ingest (``load`` and the staging models), and who may decide (``accounts``)."""
