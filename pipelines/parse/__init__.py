"""Pure parsers: text in, records out, no I/O. Every extracted field carries its provenance."""
