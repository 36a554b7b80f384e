"""The benchmark suite: `python -m bench [--quick] [--workdir DIR]` from the repository root.

Generates synthetic articles (bench/synth.py), then measures side by side in one run:
extraction words per second per core; end-to-end build articles per second with 1 and N
worker processes and the store's size on disk per quad; every saved query's latency
(median, 95th percentile) on Oxigraph and on rdflib's in-memory store over the same
graph, with their ratio; validation per document and over the whole graph (pySHACL beside
pyrudof); inference per document and over the whole graph (the compiled rules beside
owlrl); the peak memory of each step. Prints a table per part and, as its last line, one
JSON object with the headline figures.

--quick (CI): 100 articles, a 100k-triple graph, short time limits; under two minutes.
Full: 100, 1,000 and 10,000 articles; graphs of 100k, 1M and 10M triples (rdflib up to 1M).
"""
from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
from rich.console import Console
from rich.table import Table

from bench import engines
from bench.cases import pick_values, query_cases
from bench.synth import write_corpus
from kg.parallel import default_jobs

ROOT = Path(__file__).resolve().parent.parent
console = Console(stderr=False, width=160)

PLANS = {
    "quick": dict(articles=[60], serial_max=60, graphs=[100_000], rdflib_max=100_000, reps={100_000: 3},
                  rdflib_reps=1, query_limit_s=3.0, rdflib_total_s=30.0, whole_limit_s=5.0, sample_docs=6),
    "full": dict(articles=[100, 1_000, 10_000], serial_max=100, graphs=[100_000, 1_000_000, 10_000_000],
                 rdflib_max=1_000_000, reps={100_000: 20, 1_000_000: 10, 10_000_000: 3}, rdflib_reps=1,
                 query_limit_s=30.0, rdflib_total_s=600.0, whole_limit_s=120.0, sample_docs=50),
}


def step(name: str, **args) -> dict:
    """Run one bench.steps step in a child process; its JSON."""
    r = subprocess.run([sys.executable, "-m", "bench.steps", name, json.dumps(args)], cwd=ROOT,
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"step {name} failed:\n{r.stderr[-3000:]}")
    return json.loads(r.stdout.strip().splitlines()[-1])


def show(title: str, rows: list[dict], columns: list[str]) -> None:
    t = Table(title=title, title_justify="left")
    for c in columns:
        t.add_column(c, justify="left" if c in ("query", "step", "engine", "what") else "right")
    for r in rows:
        t.add_row(*[_fmt(r.get(c, "")) for c in columns])
    console.print(t)


def _fmt(v) -> str:
    if isinstance(v, float):
        return f"{v:,.1f}" if v >= 10 else f"{v:.3g}"
    if isinstance(v, int):
        return f"{v:,}"
    return str(v)


def run(plan: dict, work: Path, jobs: int) -> dict:
    figures: dict = {"machine": f"{platform.machine()}, {default_jobs()} cores, Python {platform.python_version()}",
                     "jobs": jobs}
    peaks: list[float] = []
    # 1. synthetic corpora
    corpora = {}
    for n in plan["articles"]:
        t0 = time.perf_counter()
        corpora[n] = work / f"articles-{n}"
        if not corpora[n].exists():
            write_corpus(corpora[n], n, seed=0)
        console.print(f"generated {n} articles in {time.perf_counter() - t0:.1f} s")
    # 2. extraction alone, one core
    ex = step("extract", corpus=str(corpora[plan["articles"][-1]]), limit=1000)
    peaks.append(ex["peak_rss_mb"])
    show("Extraction (one process)", [{"step": "extract", **ex}],
         ["step", "documents", "words", "seconds", "words_per_s", "peak_rss_mb"])
    figures["extract_words_per_s_per_core"] = ex["words_per_s"]
    # 3. end-to-end builds
    builds, stores = [], {}
    for n, folder in corpora.items():
        for j in sorted({1, jobs}):
            if j == 1 and n > plan["serial_max"] and jobs > 1:
                continue
            store = work / f"store-{n}-j{j}"
            b = step("build", corpus=str(folder), store=str(store), jobs=j)
            b["articles"] = n
            builds.append(b)
            peaks.append(max(b["peak_tree_rss_mb"], b["peak_rss_mb"]))
            stores[n] = store
    show("Build (extract, validate, infer, write)", builds,
         ["articles", "jobs", "seconds", "articles_per_s", "quads", "violations", "disk_mb", "bytes_per_quad",
          "compacted_bytes_per_quad", "peak_rss_mb", "peak_tree_rss_mb"])
    top = max(corpora)
    figures["build_articles_per_s"] = next(b["articles_per_s"] for b in builds if b["articles"] == top and b["jobs"] == jobs)
    figures["build_articles_per_s_1_job"] = next((b["articles_per_s"] for b in builds
                                                  if b["jobs"] == 1 and b["articles"] == min(corpora)), None)
    figures["build"] = {f"{b['articles']}x{b['jobs']}": b["seconds"] for b in builds}
    figures["bytes_per_quad"] = builds[-1]["compacted_bytes_per_quad"]
    # 4. query graphs of fixed sizes, saved queries on Oxigraph and rdflib
    source = stores[max(n for n in stores if n <= 1000) if plan["graphs"][-1] <= 1_000_000 else top]
    query_rows, speedups, reference = [], [], None
    for target in plan["graphs"]:
        gstore = work / f"graph-{target}"
        rep = step("replicate", source=str(source), target_store=str(gstore), target=target)
        peaks.append(rep["peak_rss_mb"])
        ro = ox.Store.read_only(str(gstore))
        cases = [c for c in query_cases(pick_values(ro)) if c["kind"] != "skipped"]
        del ro
        oxi = engines.oxigraph_queries(str(gstore), cases, plan["reps"][target], limit_s=60.0)
        rdf = engines.rdflib_queries(rep["nquads"], cases, plan["query_limit_s"], plan["rdflib_reps"],
                                     plan["rdflib_total_s"]) if target <= plan["rdflib_max"] else None
        if rdf:
            peaks.append(rdf.get("peak_rss_mb", 0))
        for c in cases:
            o = oxi["queries"][c["name"]]
            row = {"graph": f"{rep['quads']:,}", "query": c["name"], "kind": c["kind"], "oxigraph_ms": o["median_ms"],
                   "oxigraph_p95_ms": o["p95_ms"], "rows": o["rows"]}
            if rdf:
                r = rdf["queries"].get(c["name"], {})
                if r.get("timeout"):
                    row["rdflib_ms"] = f">{plan['query_limit_s'] * 1000:,.0f}"
                    row["speedup"] = f">{plan['query_limit_s'] * 1000 / max(o['median_ms'], 0.01):,.0f}"
                    speedups.append(plan["query_limit_s"] * 1000 / max(o["median_ms"], 0.01))
                elif r:
                    row["rdflib_ms"] = r["median_ms"]
                    row["speedup"] = round(r["median_ms"] / max(o["median_ms"], 0.01), 1)
                    speedups.append(row["speedup"])
                    if r.get("rows") != o["rows"]:
                        row["rows"] = f"{o['rows']} (rdflib {r.get('rows')})"
            query_rows.append(row)
        if target == (1_000_000 if 1_000_000 in plan["graphs"] else plan["graphs"][-1]):
            reference = (rep["quads"], {c["name"]: oxi["queries"][c["name"]]["median_ms"] for c in cases})
        if rdf:
            figures.setdefault("rdflib_load_s", {})[rep["quads"]] = rdf.get("load_s")
    show("Saved queries (API call, median of repeats)", query_rows,
         ["graph", "query", "kind", "oxigraph_ms", "oxigraph_p95_ms", "rdflib_ms", "speedup", "rows"])
    figures["query_graph_quads"], figures["query_median_ms"] = reference
    figures["query_speedup_vs_rdflib_min"] = round(min(speedups), 1) if speedups else None
    # 5. validation and inference, per document and whole graph
    small = stores[min(stores)]
    whole = work / f"graph-{plan['graphs'][0]}.nq"
    val = engines.validation(str(small), str(whole), plan["sample_docs"], plan["whole_limit_s"])
    inf = engines.inference(str(small), str(whole), plan["sample_docs"], plan["whole_limit_s"])
    console.print_json(json.dumps({"validation": val, "inference": inf}))
    figures["validate_doc_s"] = val["pyshacl"]["median_s"]
    figures["validate_doc_s_pyrudof"] = val["pyrudof"]["median_s"]
    figures["infer_doc_s"] = inf["compiled"]["median_s"]
    figures["infer_doc_s_owlrl"] = inf["owlrl"]["median_s"]
    figures["peak_rss_mb"] = round(max(peaks), 1)
    return figures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="the CI size: under two minutes")
    ap.add_argument("--jobs", type=int, default=0, help="worker processes for the parallel build (0: one per core)")
    ap.add_argument("--workdir", type=Path, help="keep corpora and stores here (default: a temporary folder)")
    ap.add_argument("--articles", help="comma-separated corpus sizes instead of the plan's")
    ap.add_argument("--graphs", help="comma-separated query-graph sizes (triples) instead of the plan's")
    ap.add_argument("--rdflib-limit", type=float, help="seconds allowed per rdflib query (a limit hit gives a "
                                                       "lower bound of the speed-up)")
    a = ap.parse_args(argv)
    plan = dict(PLANS["quick" if a.quick else "full"])
    if a.articles:
        plan["articles"] = [int(x) for x in a.articles.split(",")]
    if a.graphs:
        plan["graphs"] = [int(x) for x in a.graphs.split(",")]
        plan["reps"] = {g: plan["reps"].get(g, 3) for g in plan["graphs"]}
    if a.rdflib_limit:
        plan["query_limit_s"] = a.rdflib_limit
        plan["rdflib_total_s"] = min(plan["rdflib_total_s"], 150 + 20 * a.rdflib_limit)
    jobs = a.jobs or default_jobs()
    t0 = time.perf_counter()
    if a.workdir:
        a.workdir.mkdir(parents=True, exist_ok=True)
        figures = run(plan, a.workdir, jobs)
    else:
        with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
            figures = run(plan, Path(tmp), jobs)
    figures["mode"] = "quick" if a.quick else "full"
    figures["seconds"] = round(time.perf_counter() - t0, 1)
    print(json.dumps(figures, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
