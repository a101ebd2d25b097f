"""The Dask engine killed with SIGKILL mid-way and run again stores every article exactly once."""

from __future__ import annotations

from test_scale_restart import killed_and_restarted


def test_scale_killed_dask_ingest_restarted_stores_each_article_once(tmp_path):
    killed_and_restarted(tmp_path, "--engine", "dask", "--workers", "1")
