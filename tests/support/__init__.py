"""Helpers shared by tests (and the bench): never imported by production code.

``apptest`` runs a dashboard page in Streamlit's AppTest, ``headless`` starts Debian's Chromium
and waits for a Streamlit server, ``snapshot_factory`` builds a published snapshot without the
pipeline, ``decision_table_writers`` writes the funding system's CSV/XLSX export.
"""
