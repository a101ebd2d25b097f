"""Stages talk through the Doc: a stage's module does not import another stage's module."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

STAGES = ("tidings.actors", "tidings.geo", "tidings.time", "tidings.events", "tidings.attribution")


@pytest.mark.parametrize("stage", ["tidings.actors", "tidings.geo", "tidings.time"])
def test_stage_imports_no_other_stage(stage):
    script = (f"import json, sys; import {stage}; "
              f"print(json.dumps(sorted(m for m in sys.modules if m in {list(STAGES)!r})))")
    loaded = json.loads(subprocess.run([sys.executable, "-c", script], check=True,
                                       capture_output=True, text=True).stdout)
    assert loaded == [stage]
