"""tidings benchmarks: one command, ratios against baselines measured in the same run."""
