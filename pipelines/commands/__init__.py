"""One module per ``aqb`` subcommand; ``pipelines/cli.py`` only wires arguments to them."""
