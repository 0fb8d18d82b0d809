# The two commands of the README: `make demo` (main job) and `make test` (all tests).
.PHONY: demo test lint bench dagster mutation clean

demo:
	bash scripts/setup.sh
	.venv/bin/aqb demo

test:
	bash scripts/setup.sh --with-browser
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/python -m pytest -n 2 --dist loadfile

lint:
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

bench:
	bash scripts/setup.sh --with-browser
	.venv/bin/python -m bench.run

# Mutation testing (not in CI: too slow): mutmut on the rules that decide a number or a verdict,
# then SQL mutants of the warehouse models; reports in bench/results/mutation.md and sql_mutants.md.
mutation:
	bash scripts/setup.sh
	nice -n 15 .venv/bin/python scripts/mutation.py
	nice -n 15 .venv/bin/python scripts/sql_mutants.py

dagster:
	bash scripts/setup.sh
	.venv/bin/aqb dagster

clean:
	rm -rf data .dagster_home tests/artifacts bench/work mutants
