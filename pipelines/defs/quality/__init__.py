"""Great Expectations as Dagster asset checks, statewide plausibility, the run failure signal."""
