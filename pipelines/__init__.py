"""AQB Monitor: ingest, validate and publish Hessen's AQB agreements and grant decisions."""
