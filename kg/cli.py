"""The `kg` command line: a thin layer over kg.api.KnowledgeGraph.

Exit codes: 0 success, 1 the graph does not conform (validate, build), 2 bad input
(nothing to ingest, any skip with --strict, a missing store, an unknown query or
parameter) or a store that failed, 130 a build stopped by Ctrl-C or SIGTERM.
"""
from __future__ import annotations

import logging
import os
import re
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from .api import KnowledgeGraph
from .budget import Budget
from .build import BuildInterrupted, NothingIngested
from .cli_support import parse_size, print_skips, stop_on_sigterm
from .parallel import default_jobs
from .push import push as push_graphs
from .errors import KGError
from .facts import facts_jsonl
from .queries import QueryError, format_csv, format_json, format_table
from .store import default_store_path

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Knowledge graph of officials, enterprises, industrial chains, places and targets "
                       "in news about Chinese regional economic policy.")
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)
StoreOpt = typer.Option(None, "--store", help="store directory (default: $KG_STORE or ./kg-store)")


def _open(store: Optional[Path], create: bool = True) -> KnowledgeGraph:
    return KnowledgeGraph(store or default_store_path(), create=create)


def _with(store: Optional[Path], fn):
    """fn(kg) on the existing store, closing it afterwards."""
    with _open(store, create=False) as kg:
        return fn(kg)


def _fail(e: Exception | str, code: int = 2) -> None:
    err.print(f"[red]error:[/red] {e}", highlight=False)
    raise typer.Exit(code)


def _call(fn):
    """Run fn; on a user-facing error, print it and exit 2 (outside the except block, so that
    no traceback keeps the store open). A build's NothingIngested and BuildInterrupted pass
    through: the build command reports them."""
    try:
        return fn()
    except (NothingIngested, BuildInterrupted):
        raise
    except (KGError, QueryError) as e:
        message = str(e)
    _fail(message)


@app.callback()
def main(verbose: bool = typer.Option(False, "--verbose", "-v", help="log each step to stderr")) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, stream=sys.stderr,
                        format="%(asctime)s %(name)s %(message)s")


@app.command()
def build(paths: list[Path] = typer.Argument(..., help=".txt/.md/.html/.jsonl files or folders"),
          store: Optional[Path] = StoreOpt,
          force: bool = typer.Option(False, "--force", help="rebuild documents even when unchanged"),
          jobs: int = typer.Option(1, "--jobs", "-j", help="worker processes (0: one per core)"),
          executor: str = typer.Option("local", "--executor", help="local (worker processes) or dask"),
          scheduler: Optional[str] = typer.Option(None, "--scheduler",
                                                  help="Dask scheduler address (tcp://host:8786) for --executor dask"),
          shards: Optional[Path] = typer.Option(None, "--shards", help="folder for the N-Quads shards Dask workers "
                                                "write (shared by all; default: next to the store)"),
          strict: bool = typer.Option(False, "--strict", help="stop before writing anything if any input "
                                      "would be skipped"),
          max_size: str = typer.Option("20MB", "--max-size", help="skip files larger than this"),
          step_time_limit: float = typer.Option(60.0, "--step-time-limit", help="seconds each document's "
                                                "extraction, validation and inference may take (0: no limit)"),
          max_inferred: int = typer.Option(100_000, "--max-inferred", help="triples inference may add to one "
                                           "document (0: no limit)")) -> None:
    """Ingest files and folders. Each file is read or skipped with its reason (a summary at the
    end); documents whose text and pipeline are unchanged are skipped. Ctrl-C stops after the
    document being written; running the build again finishes the rest."""
    if executor == "dask" and not scheduler:
        _fail("--executor dask needs --scheduler ADDRESS (a running Dask scheduler)")
    workers = jobs if jobs > 0 else default_jobs()
    budget, max_bytes = Budget(step_time_limit or None, max_inferred or None), parse_size(max_size)
    stop_on_sigterm()

    def run():
        with _open(store) as kg, Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                           console=err, transient=True) as bar:
            task = bar.add_task("reading", total=None)
            report = kg.build(paths, progress=lambda d: bar.advance(task), force=force, jobs=workers,
                              executor=executor, scheduler=scheduler, shards=shards,
                              on_scan=lambda n: bar.update(task, total=n, description="building"),
                              strict=strict, max_bytes=max_bytes, budget=budget)
            return report, kg.stats(), kg.store.path
    try:
        report, stats, where = _call(run)
    except NothingIngested as e:
        print_skips(err, e.skipped, 0)
        _fail(e)
    except BuildInterrupted as e:
        print_skips(err, e.report.skipped, len(e.report.documents))
        _fail(e, 130)
    out.print(f"built {len(report.documents)} documents into {where}: {report.triples} triples "
              f"(+{report.inferred} inferred) in {report.seconds:.1f} s"
              + (f"; {len(report.unchanged)} unchanged, skipped" if report.unchanged else ""))
    print_skips(err, report.skipped, len(report.documents) + len(report.unchanged))
    _print_stats(stats)
    if report.violations:
        for doc, vs in report.violations.items():
            for v in vs[:10]:
                err.print(f"{doc}: {v.focus} {v.path}: {v.message}", highlight=False)
        _fail(KGError(f"{len(report.violations)} documents do not conform to the shapes"), 1)


@app.command()
def validate(store: Optional[Path] = StoreOpt) -> None:
    """SHACL report per document: exit 0 conforms, 1 violations, 2 bad input."""
    reports = _call(lambda: _with(store, lambda kg: kg.validate()))
    bad = 0
    for doc, r in sorted(reports.items()):
        vs = [v for v in r.violations if v.severity == "Violation"]
        bad += bool(vs)
        out.print(f"{doc}: {'conforms' if not vs else f'{len(vs)} violations'}", highlight=False)
        for v in vs:
            out.print(f"  {v.focus} {v.path}: {v.message}", highlight=False)
    out.print(f"{len(reports) - bad} of {len(reports)} documents conform")
    raise typer.Exit(1 if bad else 0)


@app.command()
def query(name: str = typer.Argument(..., help="a saved query's name or a .rq file"),
          store: Optional[Path] = StoreOpt,
          param: list[str] = typer.Option([], "--param", "-p", help="name=value (repeatable)"),
          fmt: str = typer.Option("table", "--format", "-f", help="table, json or csv")) -> None:
    """Run a saved query (see `kg queries`) or a .rq file with bound parameters."""
    if fmt not in ("table", "json", "csv"):
        _fail(KGError(f"unknown format {fmt!r}: use table, json or csv"))
    params = {}
    for p in param:
        key, sep, value = p.partition("=")
        if not sep:
            _fail(KGError(f"--param {p!r}: expected name=value"))
        params[key.strip()] = value
    result = _call(lambda: _with(store, lambda kg: kg.query(name, params)))
    text = {"table": format_table, "json": format_json, "csv": format_csv}[fmt](result)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


@app.command("queries")
def list_queries() -> None:
    """List the saved queries with the question each answers and its parameters."""
    saved = _call(KnowledgeGraph.saved_queries)
    t = Table("name", "question", "parameters", show_lines=False)
    for q in saved.values():
        ps = "\n".join(f"{p.name} ({'required' if p.required else 'optional'}): {p.description}" for p in q.params)
        t.add_row(q.name, q.question, ps or "-")
    out.print(t)


@app.command()
def facts(store: Optional[Path] = StoreOpt,
          out_file: Optional[Path] = typer.Option(None, "--out", "-o", help="write JSON Lines here"),
          min_confidence: float = typer.Option(0.0, "--min-confidence", help="leave out less certain facts")) -> None:
    """Export the extracted facts in the contract of ../shared/eval/FORMAT.md (JSON Lines)."""
    rows = _call(lambda: _with(store, lambda kg: kg.facts(min_confidence)))
    text = facts_jsonl(rows)
    if out_file:
        out_file.write_text(text, encoding="utf-8")
        err.print(f"{len(rows)} facts written to {out_file}")
    else:
        sys.stdout.write(text)


@app.command()
def export(fmt: str = typer.Option(..., "--format", "-f", help="gexf, graphml, jsonld, turtle, nquads, csv, png or svg"),
           store: Optional[Path] = StoreOpt,
           out_file: Optional[Path] = typer.Option(None, "--out", "-o", help="file to write (default: graph.{format})"),
           types: list[str] = typer.Option([], "--type", help="keep entities of this type or kind (repeatable)"),
           kinds: list[str] = typer.Option([], "--kind", help="keep edges of this kind (repeatable)"),
           place: Optional[str] = typer.Option(None, "--place", help="keep entities located in this place"),
           since: Optional[str] = typer.Option(None, "--since", help="count documents dated on or after (YYYY-MM-DD)"),
           until: Optional[str] = typer.Option(None, "--until", help="count documents dated on or before (YYYY-MM-DD)")) -> None:
    """Export the entity network (GEXF for Gephi, GraphML, CSV, PNG, SVG) or the documents' RDF."""
    from .export import FORMATS, export as run_export

    if fmt not in FORMATS:
        _fail(KGError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}"))
    for d in (since, until):
        if d is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", d):
            _fail(KGError(f"bad date {d!r}: use YYYY-MM-DD"))
    target = out_file or Path(f"graph.{ {'jsonld': 'jsonld', 'turtle': 'ttl', 'nquads': 'nq'}.get(fmt, fmt) }")

    def run(kg):
        return run_export(kg.store, fmt, target, types or None, kinds or None, place, since, until)
    err.print(_call(lambda: _with(store, run)), highlight=False)


@app.command()
def remove(doc_ids: list[str] = typer.Argument(..., help="document ids (file names without extension)"),
           store: Optional[Path] = StoreOpt) -> None:
    """Take documents out of the store (their graphs), in one transaction."""
    _call(lambda: _with(store, lambda kg: kg.remove(doc_ids)))
    out.print(f"removed {len(doc_ids)} documents")


@app.command()
def conflicts(store: Optional[Path] = StoreOpt) -> None:
    """Entities placed in two divisions neither of which contains the other, with both sides' evidence."""
    rows = _call(lambda: _with(store, lambda kg: kg.conflicts()))
    for c in rows:
        out.print(f"[bold]{c['name']}[/bold] ({c['entity']})", highlight=False)
        for side in ("A", "B"):
            out.print(f"  in {c['name' + side]} according to {c['doc' + side]}: \"{c['evidence' + side]}\"",
                      highlight=False)
    out.print(f"{len(rows)} conflicts")


@app.command()
def stats(store: Optional[Path] = StoreOpt) -> None:
    """Documents, triples, entities per type and facts per kind."""
    s = _call(lambda: _with(store, lambda kg: kg.stats()))
    _print_stats(s)


@app.command()
def push(endpoint: str = typer.Argument(..., help="Graph Store endpoint, e.g. http://host:7878/store"),
         store: Optional[Path] = StoreOpt,
         graph: Optional[list[str]] = typer.Option(None, "--graph", help="push only this graph IRI (repeatable)"),
         user: Optional[str] = typer.Option(None, "--user", help="HTTP Basic user; the password is read "
                                            "from $KG_PUSH_PASSWORD"),
         timeout: float = typer.Option(60.0, "--timeout", help="seconds to wait for the server, per request")) -> None:
    """Copy the graph into any SPARQL 1.1 Graph Store endpoint: each named graph (documents,
    their inferences, the ontology, the gazetteer) replaces its copy there."""
    auth = (user, os.environ.get("KG_PUSH_PASSWORD", "")) if user else None
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=err,
                  transient=True) as bar:
        task = bar.add_task("pushing", total=None)
        report = _call(lambda: _with(store, lambda kg: push_graphs(
            kg.store, endpoint, graphs=graph or None, timeout=timeout, auth=auth,
            progress=lambda g, n, b: bar.advance(task))))
    out.print(report.summary(), highlight=False)


@app.command()
def serve(store: Optional[Path] = StoreOpt,
          host: str = typer.Option("127.0.0.1", "--host", help="address to listen on"),
          port: int = typer.Option(8000, "--port", help="port to listen on"),
          workers: int = typer.Option(2, "--workers", help="query worker processes"),
          timeout: float = typer.Option(10.0, "--timeout", help="seconds a query may run"),
          cors: Optional[str] = typer.Option(None, "--cors", help="allow this origin (CORS is off by default)")) -> None:
    """A read-only SPARQL 1.1 endpoint over the store at /sparql (build first, then serve)."""
    from .server import serve as run_server

    where = store or default_store_path()
    if not (where / "CURRENT").exists():
        _fail(KGError(f"{where}: no store here (build one with `kg build`)"))
    run_server(where, host=host, port=port, workers=workers, timeout=timeout, cors=cors)


def _print_stats(s) -> None:
    t = Table("what", "count")
    t.add_row("documents", str(s.documents))
    t.add_row("quads", str(s.quads))
    for k, v in s.entities.items():
        t.add_row(f"entities: {k}", str(v))
    for k, v in s.facts.items():
        t.add_row(f"facts: {k}", str(v))
    t.add_row("entities (all types)", str(sum(s.entities.values())))
    t.add_row("facts (all kinds)", str(sum(s.facts.values())))
    t.add_row("conflicts (kg conflicts)", str(s.conflicts))
    out.print(t)


if __name__ == "__main__":
    app()
