"""Extractors: one module per relation family, each emitting statements with evidence."""
