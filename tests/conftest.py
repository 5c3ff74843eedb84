"""Shared fixtures: the coder (its spaCy model loads once per test session) and the shared data."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SAMPLE = SHARED / "samples" / "tengrinews-syria-talks.txt"


@pytest.fixture(scope="session")
def coder():
    from newsevents.pipeline import Coder

    return Coder()


@pytest.fixture(scope="session")
def sample_path() -> Path:
    if not SAMPLE.exists():
        pytest.skip(f"the sample scrape is not present at {SAMPLE}")
    return SAMPLE
