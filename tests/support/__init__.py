"""Helpers shared by tests (and the bench): never imported by production code.

Plain helpers live here and are imported; conftest.py files keep only fixtures with setup,
teardown or a scope (a warehouse in tmp_path, a served dashboard, an ingested corpus).

``apptest`` runs a dashboard page in Streamlit's AppTest, ``headless`` starts Debian's Chromium
and waits for a Streamlit server, ``browser_pages`` opens a page there and waits until it is
drawn, ``dashboard_server`` runs ``streamlit run`` of the dashboard,
``snapshot_factory`` builds a published snapshot without the pipeline, ``decision_table_writers``
writes the funding system's CSV/XLSX export, ``scans`` makes realistic scans of a text,
``warehouse_records`` and ``decision_records`` build parsed records (and letters) as the parsers
would, ``agreement_texts`` renders agreement variants as text or PDF, ``agreements`` moves the
Bergstraße agreement to other years, ``marts`` reads a warehouse's marts for comparison.
"""
