"""The test suite: a package so tests, bench and scripts can import ``tests.support``."""
