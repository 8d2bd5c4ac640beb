"""Benchmark harness: gisapp against tipg and the raw-SQL ceiling on the same PostGIS data (issue 3)."""
