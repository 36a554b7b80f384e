"""The measured steps of the benchmark suite, each run in a child process of its own
(`python -m bench.steps STEP JSON-ARGS`, printing one JSON object) so that the peak memory
reported is the step's own.

- extract: extraction alone (sentences, names, resolution, extractors, provenance) over a
  corpus folder in one process: words per second per core.
- build: `KnowledgeGraph.build` of a corpus folder with `jobs` worker processes into a new
  store: articles per second, triples, store size on disk per quad.
- replicate: a store of about `target` quads made from a built store by copying its
  document graphs under new names (the entities they mention stay shared), bulk-loaded:
  the 100k / 1M / 10M-triple graphs the queries are timed on.
"""
from __future__ import annotations

import json
import os
import resource
import sys
import threading
import time
from pathlib import Path

import pyoxigraph as ox

KG_GRAPH = "https://w3id.org/cnpolicy-kg/graph/"


def peak_rss_mb() -> dict[str, float]:
    """Peak resident memory of this process and of its largest child, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"peak_rss_mb": round(own, 1), "peak_child_rss_mb": round(kids, 1)}


class TreeMemory:
    """Samples, in a thread, the resident memory of this process and all its descendants
    (worker processes started by a forkserver are not waited-for children, so getrusage
    misses them) and keeps the peak of the sum: what the step costs the machine."""

    def __init__(self, every_s: float = 0.2):
        self.peak_mb, self.every_s, self._stop = 0.0, every_s, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> "TreeMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_mb = max(self.peak_mb, _tree_rss_kb(os.getpid()) / 1024)
            self._stop.wait(self.every_s)


def _tree_rss_kb(root: int) -> int:
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
            pid = int(status.parent.name)
            parents[pid] = int(fields["PPid"])
            rss[pid] = int(fields.get("VmRSS", "0 kB").split()[0])
        except (OSError, KeyError, ValueError):
            continue
    total = 0
    for pid in rss:
        p = pid
        while p and p != root:
            p = parents.get(p, 0)
        if p == root:
            total += rss[pid]
    return total


def disk_bytes(path: Path) -> int:
    """Bytes of the files under a folder."""
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())


def extract_step(corpus: str, limit: int | None = None) -> dict:
    """Words per second of extraction alone, in this one process (one core)."""
    from kg.documents import Document, input_files, read_items
    from kg.pipeline import extract
    from kg.parallel import warm_up
    warm_up()
    words = docs = 0
    elapsed = 0.0
    for doc in (d for f in input_files([corpus])[0] for d in read_items(f) if isinstance(d, Document)):
        if limit is not None and docs >= limit:
            break
        t0 = time.perf_counter()
        extract(doc)
        elapsed += time.perf_counter() - t0
        words += len(doc.text.split())
        docs += 1
    return {"documents": docs, "words": words, "seconds": round(elapsed, 3),
            "words_per_s": round(words / elapsed), **peak_rss_mb()}


def build_step(corpus: str, store: str, jobs: int) -> dict:
    """Build a corpus into a new store with `jobs` worker processes."""
    from kg.api import KnowledgeGraph
    t0 = time.perf_counter()
    with TreeMemory() as memory, KnowledgeGraph(store) as kg:
        report = kg.build([corpus], jobs=jobs)
        quads = len(kg.store)
    seconds = time.perf_counter() - t0
    size = disk_bytes(Path(store))
    return {"documents": len(report.documents), "jobs": jobs, "seconds": round(seconds, 2),
            "articles_per_s": round(len(report.documents) / seconds, 2), "triples": report.triples,
            "inferred": report.inferred, "quads": quads, "violations": len(report.violations),
            "disk_mb": round(size / 2**20, 1), "bytes_per_quad": round(size / max(quads, 1), 1),
            "compacted_bytes_per_quad": round(compacted_size(Path(store)) / max(quads, 1), 1),
            "peak_tree_rss_mb": round(memory.peak_mb, 1), **peak_rss_mb()}


def compacted_size(path: Path) -> int:
    """Bytes on disk once the store is reopened and compacted (Oxigraph's optimize)."""
    store = ox.Store(str(path))
    store.optimize()
    store.flush()
    del store
    return disk_bytes(path)


def replicate_step(source: str, target_store: str, target: int, nquads_out: str | None = None) -> dict:
    """A store of about `target` quads: the source store's reference graphs once and its
    document graphs (with their inferred graphs) copied under new names until the count is
    reached; written as one N-Quads file and bulk-loaded, then the names index made for it."""
    from kg.parallel import ntriples_in_graph
    src = ox.Store.read_only(source)
    reference, documents = [], []
    for g in src.named_graphs():
        name = g.value
        if name.startswith(KG_GRAPH + "doc/") or name.startswith(KG_GRAPH + "inferred/"):
            documents.append(g)
        elif name != KG_GRAPH + "names":  # derived from the documents: remade for the copies below
            reference.append(g)
    out_path = Path(nquads_out or (target_store + ".nq"))
    t0 = time.perf_counter()
    written = 0
    with out_path.open("wb") as out:
        for g in reference:
            data = src.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=g)
            out.write(b"".join(ntriples_in_graph(data, g.value)))
            written += data.count(b"\n")
        copy = 0
        while written < target:
            for g in documents:
                if written >= target:
                    break
                data = src.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=g)
                out.write(b"".join(ntriples_in_graph(data, g.value + (f"-r{copy}" if copy else ""))))
                written += data.count(b"\n")
            copy += 1
    dump_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    store = ox.Store(target_store)
    store.bulk_load(path=str(out_path), format=ox.RdfFormat.N_QUADS)
    store.flush()
    del store
    from kg.store import GraphStore  # the names index of the copied documents, as a build makes it
    indexed = GraphStore(target_store)
    indexed.ensure_names_index()
    indexed.close()
    del indexed
    store = ox.Store(target_store)
    with out_path.open("ab") as out:  # the same data for the engines that read the N-Quads file
        names = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(KG_GRAPH + "names"))
        out.write(b"".join(ntriples_in_graph(names, KG_GRAPH + "names")))
    quads = len(store)
    load_s = time.perf_counter() - t0
    del store
    size = disk_bytes(Path(target_store))
    return {"quads": quads, "copies": copy, "dump_s": round(dump_s, 2), "bulk_load_s": round(load_s, 2),
            "bulk_load_quads_per_s": round(quads / load_s), "disk_mb": round(size / 2**20, 1),
            "bytes_per_quad": round(size / max(quads, 1), 1), "nquads": str(out_path), **peak_rss_mb()}


STEPS = {"extract": extract_step, "build": build_step, "replicate": replicate_step}


def main(argv: list[str]) -> int:
    """python -m bench.steps STEP '{"arg": value}': run one step, print its JSON."""
    step, args = argv[0], json.loads(argv[1]) if len(argv) > 1 else {}
    result = STEPS[step](**args)
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main(sys.argv[1:]))
