"""The benchmark suite runs in CI in --quick mode: figures are printed (and kept in the test
report), nothing about speed is asserted; what is asserted is that every measurement was
made and the last line is the JSON object the README and bench/RESULTS.md quote."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KEYS = {"extract_words_per_s_per_core", "build_articles_per_s", "query_median_ms", "query_speedup_vs_rdflib_min",
        "validate_doc_s", "peak_rss_mb"}


def test_quick_benchmark_prints_every_figure(tmp_path):
    r = subprocess.run([sys.executable, "-m", "bench", "--quick", "--workdir", str(tmp_path)], cwd=ROOT,
                       capture_output=True, text=True, timeout=900)
    print(r.stdout[-6000:])
    assert r.returncode == 0, r.stderr[-3000:]
    figures = json.loads(r.stdout.strip().splitlines()[-1])
    assert KEYS <= figures.keys()
    assert figures["extract_words_per_s_per_core"] > 0 and figures["build_articles_per_s"] > 0
    assert figures["query_median_ms"] and all(v > 0 for v in figures["query_median_ms"].values())
    assert figures["query_speedup_vs_rdflib_min"] is not None
    assert 0 < figures["validate_doc_s"] and 0 < figures["peak_rss_mb"]
    for table in ("Extraction", "Build", "Saved queries"):
        assert table in r.stdout
