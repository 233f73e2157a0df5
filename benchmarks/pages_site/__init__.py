"""The site as production serves it, plus one minimal view: what `benchmarks/pages.py`
runs, so the minimal view never reaches the production URLs."""

# Where the minimal view answers (`urls.py`); here so the runner reads it without Django.
MINIMAL_PATH = "benchmark/minimal/"
