"""Engine comparisons for the benchmark suite: SPARQL (rdflib vs Oxigraph), SHACL (pySHACL vs pyrudof)
and inference (compiled tables vs owlrl). Each public function returns a plain JSON-serializable dict.

Engine work runs in "forkserver" child processes that stream their figures through a pipe; the parent
kills a child that overruns its limit and reports ``{"timeout": true, "limit_s": ...}`` for that item.
The store is only opened read-only. Try it: ``python -m bench.engines STORE``.
"""
from __future__ import annotations

import math
import multiprocessing as mp
import random
import resource
import signal
import statistics
import tempfile
import time
from pathlib import Path

import owlrl
import pyoxigraph as ox
import rdflib.plugin
from rdflib import Dataset, Graph
from rdflib.query import Processor

from kg.infer import _instance_triples, infer_graph, schema_triples
from kg.queries import SavedQuery, load_saved_queries, prepare, run_saved
from kg.terms import to_rdflib
from kg.vocab import SHAPES_FILE

SHAPES_DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "shapes"
DOC_PREFIX = "https://w3id.org/cnpolicy-kg/graph/doc/"


def _child_main(conn, name: str, args: tuple) -> None:
    try:
        conn.send(("done", globals()[name](conn.send, *args)))
    except BaseException as e:  # noqa: BLE001 - reported to the parent
        conn.send(("error", f"{type(e).__name__}: {e}"))
    finally:
        conn.close()


def _run(name: str, args: tuple, limit_s: float, item_limit_s: float | None = None, on_msg=None) -> dict:
    """Run ``name(send, *args)`` in a child, killed after ``limit_s`` in all or ``item_limit_s`` after it
    sent ("start", key) and before its next message; other messages go to ``on_msg``. Returns
    {"status": "done"|"timeout"|"item_timeout"|"error"|"crashed", "result"|"key"|"error": ...}."""
    ctx = mp.get_context("forkserver")
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child_main, args=(send, name, args), daemon=True)
    proc.start()
    send.close()
    deadline, item_deadline, key = time.monotonic() + limit_s, None, None
    try:
        while True:
            wait = min(deadline, item_deadline or deadline) - time.monotonic()
            if wait <= 0 or not recv.poll(wait):
                return {"status": "item_timeout" if item_deadline and item_deadline < deadline else "timeout",
                        "key": key}
            try:
                msg = recv.recv()
            except EOFError:
                return {"status": "crashed", "error": f"child exited with {proc.exitcode}"}
            if msg[0] in ("done", "error"):
                return {"status": msg[0], ("result" if msg[0] == "done" else "error"): msg[1]}
            item_deadline = time.monotonic() + item_limit_s if msg[0] == "start" and item_limit_s else None
            key = msg[1] if msg[0] == "start" else key
            if msg[0] != "start" and on_msg:
                on_msg(msg)
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join()
        recv.close()


def _limited(name: str, args: tuple, limit_s: float) -> dict:
    """The child's result, or {"timeout": True, "limit_s"} or {"error"}."""
    r = _run(name, args, limit_s)
    return r["result"] if r["status"] == "done" else \
        {"timeout": True, "limit_s": limit_s} if "timeout" in r["status"] else {"error": r["error"]}


def _rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # KiB on Linux


def _stats(values: list[float], unit: str = "s") -> dict:
    """Median and nearest-rank 95th percentile of seconds, in ``unit`` ("s" or "ms"), None without values."""
    s, digits = sorted(v * (1000 if unit == "ms" else 1) for v in values), 2 if unit == "ms" else 4
    return {f"median_{unit}": round(statistics.median(s), digits) if s else None, "n": len(s),
            f"p95_{unit}": round(s[max(0, math.ceil(0.95 * len(s)) - 1)], digits) if s else None}


def _c_dump(send, store_path: str, out: str) -> dict:
    store = ox.Store.read_only(store_path)
    store.dump(out, format=ox.RdfFormat.N_QUADS)
    return {"path": out, "quads": len(store)}


def dump_store(store_path: str, out_path: str, limit_s: float = 300.0) -> dict:
    """Write the store as N-Quads (for :func:`rdflib_queries`): {"path", "quads"}."""
    return _limited("_c_dump", (str(store_path), str(out_path)), limit_s)


def _documents(store_path: str, sample: int | None, seed: int) -> list[tuple[str, Graph]]:
    """A seeded sample (all when None) of the store's document graphs, read-only: [(doc id, Graph)]."""
    store = ox.Store.read_only(store_path)
    names = sorted(g.value for g in store.named_graphs() if g.value.startswith(DOC_PREFIX))
    names = names if sample is None or sample >= len(names) else sorted(random.Random(seed).sample(names, sample))
    return [(n[len(DOC_PREFIX):], _graph(store.quads_for_pattern(None, None, None, ox.NamedNode(n)), Graph()))
            for n in names]


def _graph(quads, g: Graph) -> Graph:
    for q in quads:
        g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    return g


def _whole(store_path: str, nquads: str | None) -> Graph:
    """All document graphs merged (a triple in several graphs once): those of the N-Quads file, else the store's."""
    quads = ox.parse(path=nquads, format=ox.RdfFormat.N_QUADS) if nquads else ox.Store.read_only(store_path)
    return _graph((q for q in quads if getattr(q.graph_name, "value", "").startswith(DOC_PREFIX)), Graph())


def _timeout(*_):
    raise TimeoutError("query time limit")


def _c_queries(send, engine: str, source: str, cases: list, limit_s: float, reps: int) -> dict:
    """Load ``source`` (rdflib: an N-Quads file; oxigraph: a store folder), then send ("start", name) and
    ("item", name, figures) for each case; an rdflib run stops at ``limit_s`` (SIGALRM)."""
    # plain rdflib, even if the parent imported kg.validate (which caches parsed queries)
    rdflib.plugin.register("sparql", Processor, "rdflib.plugins.sparql.processor", "SPARQLProcessor")
    signal.signal(signal.SIGALRM, _timeout)
    t = time.perf_counter()
    if engine == "rdflib":
        data = Dataset(default_union=True)
        data.parse(source, format="nquads")
        size = sum(len(g) for g in data.contexts())
    else:
        data = ox.Store.read_only(source)
        size = len(data)
    send(("load", {"load_s": round(time.perf_counter() - t, 3), "peak_rss_mb": _rss_mb(), "triples": size}))
    saved = load_saved_queries()
    for case in cases:
        send(("start", case["name"]))
        q = SavedQuery(case["name"], "", (), case["text"]) if "text" in case else saved[case["query"]]
        times, rows, fig = [], None, {"timeout": False}
        for _ in range(reps):
            signal.setitimer(signal.ITIMER_REAL, limit_s if engine == "rdflib" else 0)
            try:
                t = time.perf_counter()
                if engine == "rdflib":
                    text, subs = prepare(q, case.get("params") or {})
                    rows = sum(1 for _ in data.query(text, initBindings={v.value: to_rdflib(x) for v, x in subs.items()}))
                else:
                    res = run_saved(data, q, case.get("params") or {})
                    rows = {"select": len(res.rows), "construct": len(res.triples)}.get(res.kind, 1)
                times.append(time.perf_counter() - t)
            except TimeoutError:
                fig["timeout"] = True
                break
            except Exception as e:  # noqa: BLE001 - one failing query does not stop the others
                fig["error"] = f"{type(e).__name__}: {str(e)[:200]}"
                break
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
        send(("item", case["name"], {**_stats(times, "ms"), "rows": rows, **fig}))
    return {"peak_rss_mb": _rss_mb()}


def _queries(engine: str, source: str, cases: list, limit_s: float, reps: int, total_s: float) -> dict:
    """Run the cases in children; a case over its limit kills the child, which restarts for the rest."""
    out: dict = {"queries": {}}
    queries, deadline = out["queries"], time.monotonic() + total_s
    none = {"median_ms": None, "p95_ms": None, "rows": None, "timeout": True}

    def on_msg(msg):
        if msg[0] == "load":  # a restarted child loads again: keep the first load figures
            out.update({**msg[1], **out})
        else:
            queries[msg[1]] = msg[2]
    while (todo := [c for c in cases if c["name"] not in queries]) and time.monotonic() < deadline:
        r = _run("_c_queries", (engine, source, todo, limit_s, reps), deadline - time.monotonic(),
                 limit_s * reps + 5, on_msg)
        if r["status"] == "done":
            out["peak_rss_mb"] = max(out.get("peak_rss_mb") or 0, r["result"]["peak_rss_mb"])
        elif r["status"] == "item_timeout":
            queries[r["key"]] = {**none, "limit_s": limit_s}
        else:
            out["error" if "error" in r else "timeout"] = r.get("error", True)
            break
    for c in cases:  # whatever the overall limit left undone
        queries.setdefault(c["name"], {**none, "limit_s": total_s, "overall": True})
    return out


def rdflib_queries(nquads_path: str, cases: list[dict], limit_s: float, reps: int,
                   total_limit_s: float | None = None) -> dict:
    """The cases (``{"name", "query": saved query name, or "text": SPARQL, "params": {name: value}}``) over
    an rdflib Dataset(default_union=True) loaded from N-Quads, parameters bound as kg.queries.prepare
    does (initBindings). Returns {"load_s", "peak_rss_mb", "triples", "queries": {name: {"median_ms",
    "p95_ms", "rows", "timeout"[, "error"]}}}. ``limit_s`` bounds each run, ``total_limit_s`` (default
    120 s + every run at its limit) the load and all the cases together."""
    total = total_limit_s or 120 + limit_s * reps * len(cases)
    return _queries("rdflib", str(nquads_path), cases, limit_s, reps, total)


def oxigraph_queries(store_path: str, cases: list[dict], reps: int, limit_s: float = 60.0,
                     compare_with: dict | None = None) -> dict:
    """The same cases through kg.queries.run_saved on a read-only pyoxigraph Store, same shape as
    :func:`rdflib_queries`. With ``compare_with`` (another engine's result) adds "row_mismatches":
    {name: {"other": rows, "oxigraph": rows}} for the cases both answered with different row counts."""
    out = _queries("oxigraph", str(store_path), cases, limit_s, reps, 30 + limit_s * reps * len(cases))
    if compare_with is not None:
        a, b = compare_with.get("queries", {}), out["queries"]
        out["row_mismatches"] = {n: {"other": a[n]["rows"], "oxigraph": b[n]["rows"]} for n in a if n in b
                                 and None not in (a[n]["rows"], b[n]["rows"]) and a[n]["rows"] != b[n]["rows"]}
    return out


def _checker(engine: str, warm_up, errors: list):
    """check(graph) -> (conforms, results) for "pyshacl" (kg.validate, after a warm-up call on ``warm_up``)
    or "pyrudof" (shapes read once; data: the graph as N-Triples plus the schema axioms); conforms means no
    sh:Violation, as in kg.validate, and is None after an exception (added to ``errors``)."""
    if engine == "pyshacl":
        from kg.validate import validate_graph
        validate_graph(warm_up)  # parses the shapes and pySHACL's SPARQL constraint

        def report(g) -> tuple[bool, int]:
            r = validate_graph(g)
            return r.conforms, len(r.violations)
    else:
        import pyrudof
        rudof = pyrudof.Rudof(pyrudof.RudofConfig())
        rudof.read_shacl(Path(SHAPES_FILE).read_text(encoding="utf-8"))
        schema = "".join(f"{s.n3()} {p.n3()} {o.n3()} .\n" for s, p, o in schema_triples())

        def report(g) -> tuple[bool, int]:  # merge=False: without it, 0.3.35 adds to the data read before
            rudof.read_data(g.serialize(format="nt") + schema, format=pyrudof.RDFFormat.NTriples, merge=False)
            r = rudof.validate_shacl()
            return not any(str(e.severity).endswith("Violation") for e in r), len(r)

    def check(g) -> tuple[bool | None, int]:
        try:
            return report(g)
        except Exception as e:  # noqa: BLE001 - counted, not fatal
            errors.append(f"{type(e).__name__}: {str(e)[:160]}")
            return None, 0
    return check


def _c_docs(send, task: str, store_path: str, whole: str | None, sample, seed: int) -> dict:
    """One engine over the sampled documents one by one ("pyshacl", "pyrudof", "compiled", "owlrl"), or
    over the whole graph ("pyshacl-whole", "pyrudof-whole", "OWLRL_Semantics", "RDFS_Semantics")."""
    errors: list[str] = []
    if task in ("OWLRL_Semantics", "RDFS_Semantics"):  # schema axioms + instance triples, as kg.infer does
        full = Graph()
        for t in schema_triples() + tuple(_instance_triples(_whole(store_path, whole))):
            full.add(t)
        before, t = len(full), time.perf_counter()
        owlrl.DeductiveClosure(getattr(owlrl, task), rdfs_closure=False, axiomatic_triples=False,
                               datatype_axioms=False).expand(full)
        return {"seconds": round(time.perf_counter() - t, 3), "input_triples": before,
                "output_triples": len(full), "peak_rss_mb": _rss_mb()}
    chosen = _documents(store_path, sample, seed)
    if task in ("compiled", "owlrl"):
        infer_graph(chosen[0][1], engine=task)  # warm-up: the ontology's closure and tables

        def run(g) -> int:
            return len(infer_graph(g, engine=task))
    else:
        check = _checker(task.split("-")[0], chosen[0][1], errors)

        def run(g) -> bool | None:
            return check(g)[0]
    if task.endswith("-whole"):
        g = _whole(store_path, whole)
        t = time.perf_counter()
        ok = run(g)
        return {"seconds": round(time.perf_counter() - t, 3), "triples": len(g), "conforms": ok, "errors": errors}
    times, values = [], {}
    for doc_id, g in chosen:
        t = time.perf_counter()
        values[doc_id] = run(g)
        times.append(time.perf_counter() - t)
    return {**_stats(times), "values": values, "errors": errors[:3], "error_count": len(errors),
            "peak_rss_mb": _rss_mb()}


def _c_agreement(send, folder: str) -> dict:
    base, errors = Graph().parse(Path(folder) / "base.ttl"), []
    shacl, rudof = _checker("pyshacl", base, []), _checker("pyrudof", base, errors)
    files = sorted(p for p in Path(folder).glob("*.ttl") if p.name != "base.ttl")
    out = dict.fromkeys(("agree", "pyshacl_as_expected", "pyrudof_as_expected"), 0)
    out.update(files=len(files), disagreements=[], errors=errors)
    for p in files:
        g = Graph().parse(p) + base
        (expected, (ok, n)), (r_ok, r_n) = ("--valid" in p.name, shacl(g)), rudof(g)
        out["pyshacl_as_expected"] += ok == expected
        out["pyrudof_as_expected"] += r_ok == expected
        out["agree"] += r_ok == ok
        if r_ok is None:
            errors[-1] = f"{p.name}: {errors[-1]}"
        elif r_ok != ok:
            out["disagreements"].append({"file": p.name, "pyshacl": [ok, n], "pyrudof": [r_ok, r_n]})
    out["pyrudof_errors"] = len(errors)
    return out


def _per_doc(task: str, args: tuple, limit_s: float) -> dict:
    r = _limited("_c_docs", (task, *args), limit_s)
    return {"median_s": None, "p95_s": None, **r} if r.get("timeout") else r


def validation(store_path: str, whole_nquads: str | None = None, sample: int | None = None,
               limit_s: float = 120.0, seed: int = 0, shapes_dir: str | Path = SHAPES_DATA) -> dict:
    """SHACL validation, pySHACL vs pyrudof: ``sample`` document graphs of the store (seeded; default all) one
    by one, and the whole graph: the document graphs of ``whole_nquads`` (default: the store's) merged.
    Returns {"documents", "pyshacl"|"pyrudof": {"median_s", "p95_s", "n", "nonconforming", "error_count"},
    "conforms_mismatch": [doc ids], "whole": {engine: {"seconds", "triples", "conforms"}}, "agreement":
    {"files", "agree", "pyrudof_errors", "disagreements", ...}} (the examples in ``shapes_dir``). Every
    engine run has ``limit_s`` (the agreement at least 60 s); one over it reads {"timeout": true, "limit_s"}."""
    out: dict = {"documents": None, "whole": {}}
    seen, args = {}, (str(store_path), whole_nquads and str(whole_nquads), sample, seed)
    for engine in ("pyshacl", "pyrudof"):
        r = out[engine] = _per_doc(engine, args, limit_s)
        if "values" in r:
            seen[engine] = r.pop("values")
            r["nonconforming"] = sorted(d for d, ok in seen[engine].items() if not ok)
            out["documents"] = len(seen[engine])
        out["whole"][engine] = _limited("_c_docs", (engine + "-whole", *args), limit_s)
    if len(seen) == 2:
        out["conforms_mismatch"] = sorted(d for d, ok in seen["pyshacl"].items() if seen["pyrudof"][d] != ok)
    out["agreement"] = _limited("_c_agreement", (str(shapes_dir),), max(limit_s, 60))  # fixed size: ~10 s
    return out


def inference(store_path: str, whole_nquads: str | None = None, sample: int | None = None,
              limit_s: float = 120.0, seed: int = 0) -> dict:
    """Per-document inference, compiled engine vs owlrl (after a warm-up call each) on documents as in
    :func:`validation`, and owlrl's closure (OWL RL and RDFS semantics) of the whole graph's instance triples
    plus the schema axioms, every run under ``limit_s``. Returns {"compiled"|"owlrl": {"median_s", "p95_s",
    "n", "inferred"}, "whole": {"OWLRL_Semantics"|"RDFS_Semantics": {"seconds", "input_triples",
    "output_triples"}}}."""
    out: dict = {"whole": {}}
    args = (str(store_path), whole_nquads and str(whole_nquads), sample, seed)
    for task in ("compiled", "owlrl"):
        r = out[task] = _per_doc(task, args, limit_s)
        if "values" in r:
            r["inferred"] = sum(r.pop("values").values())
            del r["errors"], r["error_count"]
    for task in ("OWLRL_Semantics", "RDFS_Semantics"):
        out["whole"][task] = _limited("_c_docs", (task, *args), limit_s)
    return out


def default_cases(store_path: str, place: str = "Shanxi", entity: str = "Shanxi") -> list[dict]:
    """One case per saved query with its required parameters filled (doc: the store's first document;
    place, entity, enterprise), and one more with ``place`` given for each optional place or owner."""
    store = ox.Store.read_only(str(store_path))
    doc = min(g.value for g in store.named_graphs() if g.value.startswith(DOC_PREFIX))[len(DOC_PREFIX):]
    values = {"doc": doc, "place": place, "entity": entity, "enterprise": entity, "owner": place}
    cases = []
    for name, q in load_saved_queries().items():
        required = {p.name: values.get(p.name, "x") for p in q.params if p.required}
        cases.append({"name": name, "query": name, "params": required})
        cases += [{"name": f"{name}?{p.name}={place}", "query": name, "params": {**required, p.name: place}}
                  for p in q.params if not p.required and p.name in ("place", "owner")]
    return cases


def main(argv: list[str] | None = None) -> None:
    """python -m bench.engines STORE [LIMIT_S]: the three comparisons (3 reps, 20 documents), as JSON."""
    import json
    import sys
    if not (a := argv if argv is not None else sys.argv[1:]) or a[0].startswith("-"):
        raise SystemExit(main.__doc__)
    store, limit, reps, sample = a[0], float(a[1]) if a[1:] else 30.0, 3, 20
    with tempfile.TemporaryDirectory() as tmp:
        nq = dump_store(store, Path(tmp) / "all.nq")
        print("dump", json.dumps(nq), flush=True)
        cases = default_cases(store)
        rd = rdflib_queries(nq["path"], cases, limit, reps)
        print("rdflib", json.dumps(rd, indent=1), flush=True)
        print("oxigraph", json.dumps(oxigraph_queries(store, cases, reps, limit, compare_with=rd), indent=1))
    print("validation", json.dumps(validation(store, None, sample, limit), indent=1), flush=True)
    print("inference", json.dumps(inference(store, None, sample, limit), indent=1), flush=True)


if __name__ == "__main__":
    from bench import engines  # the children import bench.engines, not __main__
    engines.main()
