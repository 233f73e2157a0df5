"""The production settings with the benchmark's URLconf (the site's URLs plus a minimal
view). Only `benchmarks/pages.py` uses it."""

from network.settings.production import *  # noqa: F403

ROOT_URLCONF = "benchmarks.pages_site.urls"
