"""Reference data, staging and marts (budget-year partitioned) and the agreement quality checks."""
