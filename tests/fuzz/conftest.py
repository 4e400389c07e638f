"""Hypothesis settings for the fuzzers: derandomized (the same examples on every run, so CI is
reproducible), no per-example deadline (a 1 MB line takes a while), a small example budget so that
the whole folder runs in about a minute. ``HYPOTHESIS_PROFILE=deep`` runs twenty times as many
examples, not derandomized (2,000 for a test without its own budget; ``strategies.examples``)."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    max_examples=150,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
    print_blob=True,
)
settings.register_profile("deep", parent=settings.get_profile("ci"), derandomize=False, max_examples=20 * 150)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
