"""No unit-test sentence is a near-copy of a dev gold text (bench/overlap.py: shared content words /
content words of the longer text, at least 4 shared; the maximum stays under 40%)."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO.parent / "shared" / "data" / "gold"


def test_no_test_sentence_is_a_near_copy_of_the_dev_gold():
    if not GOLD.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"the dev gold is absent at {GOLD}: the overlap check cannot run on CI")
        pytest.skip(f"the dev gold is not present at {GOLD}")
    run = subprocess.run([sys.executable, str(REPO / "bench" / "overlap.py"), "--worst", "5"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
