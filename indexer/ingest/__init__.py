"""Ingest: finding input files, decoding their bytes, repairing text, and reading them into records."""
