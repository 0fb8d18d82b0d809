"""The nightly freshness policy sits on the asset every ingest run materializes, declared with it
(no preview API that prints a warning on every ``aqb ingest``)."""

import warnings
from datetime import timedelta

import dagster as dg

from pipelines.definitions import build_definitions


def test_the_registry_carries_the_26_hour_policy_and_building_the_definitions_warns_nothing() -> (
    None
):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        definitions = build_definitions()
    specs = {spec.key: spec for spec in definitions.resolve_all_asset_specs()}
    policy = specs[dg.AssetKey("raw_document_registry")].freshness_policy
    assert policy is not None and policy.fail_window.to_timedelta() == timedelta(hours=26)
    others = [key for key, spec in specs.items() if spec.freshness_policy is not None]
    assert others == [dg.AssetKey("raw_document_registry")]
