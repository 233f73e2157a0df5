"""Helpers for tests and benchmarks that are not fixtures: fault injection."""
