"""Latency and throughput of the saved queries over the real HTTP server (`kg serve`).

Usage (from the repository root)::

    .venv/bin/python -m bench.serve_latency [--quick]

Builds two stores in a temporary folder: ``corpus`` (from ../shared/corpus) and ``synthetic``
(N articles of bench/synth.py, seed 7: 200 with --quick, 2000 otherwise). For each store it
starts ``kg serve`` on a free loopback port, runs every saved query (GET /queries) R times
(5 quick / 20 full) through ``GET /queries/{name}`` and records the median and 95th-percentile
latency, then measures
requests per second with 8 concurrent clients for 5 s (quick) / 20 s (full) sending the
cheapest saved query. Optional parameters are left out; required ones get a value taken
from the data (a place, an enterprise, a document id), or the query is skipped with a note.
Prints a table, the rps, and as its last line one JSON object with the figures.
"""
from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from bench.synth import generate
from kg.api import KnowledgeGraph
from kg.documents import parse_text

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
KG = ROOT / ".venv" / "bin" / "kg"
ACCEPT = {"Accept": "application/sparql-results+json"}


def synthetic_docs(n: int, seed: int = 7) -> tuple[list, dict[str, str]]:
    """n articles of bench/synth.py as documents, and values for the saved queries' required parameters
    taken from the data: the first article's prefecture city and id, the first chain owner (else member)."""
    articles = list(generate(n, seed))
    docs = [parse_text(a.id, a.to_txt()) for a in articles]
    firms = [f["subject"] for kind in ("chain_owner", "chain_member") for a in articles for f in a.planted if f["kind"] == kind]
    values = {"place": f"{articles[0].places['city']} City", "enterprise": firms[0], "entity": firms[0], "doc": articles[0].id}
    return docs, values


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(store: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen([str(KG), "serve", "--store", str(store), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {proc.stderr.read().decode()[-2000:]}")
        try:
            if httpx.get(f"{base}/sparql", timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    proc.terminate()
    raise RuntimeError("server did not answer GET /sparql within 120 s")


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, int(round(p / 100 * len(xs) + 0.5)) - 1))]  # nearest rank


def bench_queries(base: str, values: dict[str, str], reps: int) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {}
    with httpx.Client(base_url=base, headers=ACCEPT, timeout=60) as c:
        for q in c.get("/queries").json():
            params, missing = {}, []
            for p in q["params"]:
                if p["required"]:
                    (params.__setitem__(p["name"], values[p["name"]]) if p["name"] in values else missing.append(p["name"]))
            if missing:
                print(f"  skip {q['name']}: no value for required {', '.join(missing)}")
                continue
            times, rows = [], None
            for _ in range(reps):
                t0 = time.perf_counter()
                r = c.get(f"/queries/{q['name']}", params=params)
                times.append((time.perf_counter() - t0) * 1000)
                if r.status_code != 200:
                    print(f"  {q['name']}: HTTP {r.status_code} {r.text[:200]}")
                    break
                rows = len(r.json()["results"]["bindings"])
            else:
                print(f"  {q['name']}{params or ''}: {rows} rows")
                out[q["name"]] = times
    return out


def load(base: str, name: str, seconds: float, clients: int = 8, max_per_client: int = 100_000) -> float:
    counts, errors = [0] * clients, [0] * clients
    deadline = time.monotonic() + seconds

    def worker(i: int) -> None:
        with httpx.Client(base_url=base, headers=ACCEPT, timeout=30) as c:
            while counts[i] < max_per_client and time.monotonic() < deadline:
                ok = c.get(f"/queries/{name}").status_code == 200
                counts[i] += ok
                errors[i] += not ok

    t0 = time.monotonic()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if sum(errors):
        print(f"  {sum(errors)} failed requests under load")
    return sum(counts) / (time.monotonic() - t0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="200 synthetic documents, 5 repetitions, 5 s of load")
    a = ap.parse_args()
    n, reps, secs = (200, 5, 5.0) if a.quick else (2000, 20, 20.0)
    medians: dict = {}
    p95s: dict = {}
    rps: dict = {}
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        stores = {}
        t0 = time.perf_counter()
        kg = KnowledgeGraph(Path(tmp) / "corpus")
        kg.build([CORPUS])
        kg.close()
        first = sorted(p.stem for p in CORPUS.glob("*.txt"))[0]
        stores["corpus"] = (Path(tmp) / "corpus", {"place": "Shanxi", "enterprise": "TISCO", "entity": "TISCO", "doc": first})
        print(f"built corpus store in {time.perf_counter() - t0:.1f} s")
        t0 = time.perf_counter()
        docs, values = synthetic_docs(n)
        kg = KnowledgeGraph(Path(tmp) / "synthetic")
        kg.add_documents(docs)
        kg.close()
        stores[f"synthetic-{n}"] = (Path(tmp) / "synthetic", values)
        print(f"built synthetic store ({n} documents) in {time.perf_counter() - t0:.1f} s")
        for label, (path, vals) in stores.items():
            proc, base = start_server(path)
            try:
                print(f"[{label}] server at {base}")
                times = bench_queries(base, vals, reps)
                medians[label] = {q: round(statistics.median(t), 2) for q, t in times.items()}
                p95s[label] = {q: round(pct(t, 95), 2) for q, t in times.items()}
                cheap = min(medians[label], key=medians[label].get)
                rps[label] = round(load(base, cheap, secs), 1)
                print(f"  load: 8 clients x {secs:.0f} s on {cheap}: {rps[label]} req/s")
            finally:
                proc.terminate()
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
    print(f"\n{'store':<16} {'query':<26} {'median ms':>10} {'p95 ms':>10}")
    for label in medians:
        for q in medians[label]:
            print(f"{label:<16} {q:<26} {medians[label][q]:>10.2f} {p95s[label][q]:>10.2f}")
    for label, r in rps.items():
        print(f"rps {label}: {r}")
    print(json.dumps({"serve_query_median_ms": medians, "serve_query_p95_ms": p95s, "serve_rps": rps}))


if __name__ == "__main__":
    sys.exit(main())
