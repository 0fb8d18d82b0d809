"""Review decisions as a pipeline input: the log asset and the sensor that starts an ingest when
a reviewer decides."""
