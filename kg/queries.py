"""Saved SPARQL queries: ``queries/{name}.rq`` with a header of ``# name:``, ``# question:`` and
``# param: NAME (optional|required) description`` lines, ended by a bare ``#`` line or the query.

Parameter NAME is bound to ``?NAME`` by pyoxigraph ``substitutions``, never pasted into the text: an
IRI-looking value (``<https://...>``, ``https://...``, ``kgr:...``) as a NamedNode, anything else as a
plain literal. An optional parameter left out stays unbound; queries test it with ``COALESCE(isIRI(?NAME)
|| isLiteral(?NAME), false)``, not ``BOUND(?NAME)`` (false for substituted variables in pyoxigraph 0.5),
and project it last (pyoxigraph substitutes projected variables only); :func:`run_saved` drops it.

A parameter that names an entity is looked up in the names index (:mod:`kg.namekeys`) instead, on one
line of the query that starts with ``VALUES ?NAMEKey { UNDEF }`` (e.g. ``?placeKey``) and goes on with
the lookup, ``GRAPH kgg:names { ?entity kg:nameKey ?placeKey }``. :func:`prepare` writes the parameter's
key there as an escaped string literal (its name key, or the IRI itself when an IRI is given), or drops
the line when the parameter is left out (every entity, named or not). A constant, unlike a substituted
variable, lets the query planner start from the lookup; run as it is, the line lists named entities.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from itertools import takewhile
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.errors import KGError
from kg.namekeys import name_key
from kg.terms import XSD_STRING, to_rdflib

QUERIES_DIR = Path(__file__).resolve().parent.parent / "queries"
_W3 = "http://www.w3.org/"
PREFIXES = {  # for IRI-looking parameter values (kg:, kgr:, kgg:) and for shortening IRIs in tables
    "kg": "https://w3id.org/cnpolicy-kg/ontology#", "kgr": "https://w3id.org/cnpolicy-kg/id/",
    "kgg": "https://w3id.org/cnpolicy-kg/graph/", "rdf": _W3 + "1999/02/22-rdf-syntax-ns#",
    "rdfs": _W3 + "2000/01/rdf-schema#", "xsd": _W3 + "2001/XMLSchema#", "skos": _W3 + "2004/02/skos/core#",
    "org": _W3 + "ns/org#", "prov": _W3 + "ns/prov#", "dcterms": "http://purl.org/dc/terms/",
}
_KEY_LINE = re.compile(r"#\s*([A-Za-z][\w-]*)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s+\((optional|required)\)\s+(\S.*)$")
_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*$")
_IRI = re.compile(r"<([^<>\"{}|^`\\\s]+)>$|((?:https?|urn):[^<>\"{}|^`\\\s]+)$")
_CURIE = re.compile(r"(kg|kgr|kgg):([^\s<>\"]*)$")


class QueryError(KGError):
    """A saved query or its parameters cannot be loaded, bound or run."""


@dataclass(frozen=True)
class Param:
    """A declared parameter of a saved query."""
    name: str
    required: bool
    description: str


@dataclass(frozen=True)
class SavedQuery:
    """A SPARQL query with its name, question and parameters (``path`` None when not from a file)."""
    name: str
    question: str
    params: tuple[Param, ...]
    text: str
    path: Path | None = None


@dataclass
class QueryResult:
    """An answer: ``rows`` (rdflib terms, None if unbound), ``boolean`` (ASK) or ``triples``."""
    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[tuple[Node, Node, Node]] = field(default_factory=list)

    def _table(self) -> tuple[list[str], list[tuple[Node | None, ...]]]:  # a CONSTRUCT as s, p, o rows
        if self.kind == "construct":
            return ["subject", "predicate", "object"], [tuple(t) for t in self.triples]
        return self.variables, self.rows

    def records(self) -> list[dict[str, object]]:
        """The rows as dicts of plain Python values (numbers, dates, strings; IRIs as strings).

        >>> QueryResult("select", ["n"], [(Literal(5),)]).records()
        [{'n': 5}]
        """
        def plain(t: Node | None) -> object:
            return None if t is None else t.toPython() if isinstance(t, Literal) else str(t)
        return [dict(zip(self.variables, (plain(t) for t in row))) for row in self.rows]

    def to_dataframe(self):  # -> pandas.DataFrame
        """The rows as a pandas DataFrame (pandas must be installed; it is optional)."""
        try:
            import pandas as pd
        except ImportError as e:
            raise QueryError("to_dataframe() needs pandas: pip install pandas") from e
        return pd.DataFrame(self.records(), columns=self.variables)


def _header_lines(text: str) -> list[str]:
    lines = text.lstrip("\ufeff").lstrip().splitlines()
    return [line.strip() for line in takewhile(lambda line: line.startswith("#") and line[1:].strip(), lines)]


def parse_header(text: str) -> tuple[str, str, tuple[Param, ...]]:
    """The name, question and parameters a query's header declares.

    >>> parse_header('# name: q\\n# question: Who?\\n# param: place (optional) a place\\nSELECT * {}')
    ('q', 'Who?', (Param(name='place', required=False, description='a place'),))
    >>> parse_header('# question: Who?\\nSELECT * {}')
    Traceback (most recent call last):
    kg.queries.QueryError: header has no '# name:' line
    """
    found: dict[str, str] = {}
    params: list[Param] = []
    for number, line in enumerate(_header_lines(text), 1):
        m = _KEY_LINE.match(line)
        key, value = (m.group(1).lower(), m.group(2)) if m else ("", "")
        if key == "param":
            p = _PARAM.match(value)
            if not p or any(q.name == p.group(1) for q in params):
                raise QueryError(f"line {number}: malformed or repeated parameter {value!r}; expected "
                                 "'# param: NAME (optional|required) description'")
            params.append(Param(p.group(1), p.group(2) == "required", p.group(3)))
        elif key in ("name", "question"):
            if key in found or not value or (key == "name" and not _NAME.match(value)):
                raise QueryError(f"line {number}: repeated, empty or malformed '# {key}:' {value!r}")
            found[key] = value
        else:
            raise QueryError(f"line {number}: {line!r} is not '# name:', '# question:' or '# param:' "
                             "(end the header with a bare '#' line before free comments)")
    for key in ("name", "question"):
        if key not in found:
            raise QueryError(f"header has no '# {key}:' line")
    return found["name"], found["question"], tuple(params)


def _read(path: Path, header_required: bool) -> SavedQuery:
    text = path.read_text(encoding="utf-8")
    first = (_header_lines(text) or [""])[0]
    if not header_required and not re.match(r"#\s*(name|question|param)\s*:", first, re.I):
        return SavedQuery(path.stem, "", (), text, path)
    try:
        name, question, params = parse_header(text)
    except QueryError as e:
        raise QueryError(f"{path}: {e}") from None
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    for p in params:
        if not re.search(rf"[?$]{p.name}\b", body) and _key_marker(p.name) not in body:
            raise QueryError(f"{path}: parameter {p.name!r} is not used as ?{p.name} in the query, "
                             f"nor looked up by name with '{_key_marker(p.name)}'")
    if header_required and name != path.stem:
        raise QueryError(f"{path}: header names the query {name!r}, the file {path.stem!r}")
    return SavedQuery(name, question, params, text, path)


def load_saved_queries(directory: Path | None = None) -> dict[str, SavedQuery]:
    """The saved queries of a folder (by default the repository's ``queries/``), by name.

    >>> load_saved_queries()["chains"].question
    'Which industrial chains are there, with their owner enterprises, member enterprises and chain chiefs?'
    """
    folder = Path(directory) if directory is not None else QUERIES_DIR
    if not folder.is_dir():
        raise QueryError(f"no folder of saved queries at {folder}")
    return {path.stem: _read(path, header_required=True) for path in sorted(folder.glob("*.rq"))}


def resolve_query(name_or_path: str | Path, directory: Path | None = None) -> SavedQuery:
    """A saved query by name, or a query read from a ``.rq`` file (header optional).

    >>> resolve_query("chains").path.name
    'chains.rq'
    """
    text = str(name_or_path)
    if isinstance(name_or_path, Path) or text.endswith(".rq") or "/" in text or "\\" in text:
        path = Path(name_or_path)
        if not path.is_file():
            raise QueryError(f"no query file {path}")
        return _read(path, header_required=False)
    saved = load_saved_queries(directory)
    if text not in saved:
        raise QueryError(f"unknown query {text!r}; saved queries: {', '.join(sorted(saved))}")
    return saved[text]


def _term(value: str) -> ox.NamedNode | ox.Literal:
    m, c = _IRI.match(value.strip()), _CURIE.match(value.strip())
    if not m and not c:
        return ox.Literal(value)
    try:
        return ox.NamedNode((m.group(1) or m.group(2)) if m else PREFIXES[c.group(1)] + c.group(2))
    except ValueError as e:
        raise QueryError(f"invalid IRI {value!r}: {e}") from None


def bind_params(query: SavedQuery, given: dict[str, str]) -> dict[ox.Variable, ox.NamedNode | ox.Literal]:
    """Substitutions: IRI-looking values as NamedNodes, others as literals ("" or None: not given).

    >>> q = SavedQuery("q", "?", (Param("place", True, "a place"),), "SELECT ?place {}")
    >>> bind_params(q, {"place": "Shanxi"})
    {<Variable value=place>: <Literal value=Shanxi datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>}
    >>> bind_params(q, {"place": "<https://w3id.org/cnpolicy-kg/id/place/shanxi>"})
    {<Variable value=place>: <NamedNode value=https://w3id.org/cnpolicy-kg/id/place/shanxi>}
    >>> bind_params(q, {"city": "Taiyuan"})
    Traceback (most recent call last):
    kg.queries.QueryError: unknown parameter 'city' for query 'q'; known parameters: place
    """
    known = [p.name for p in query.params]
    for name in given:
        if name not in known:
            listed = ", ".join(known) or "none (declare them with '# param:' lines)"
            raise QueryError(f"unknown parameter {name!r} for query {query.name!r}; known parameters: {listed}")
    for p in query.params:
        if p.required and not given.get(p.name):
            raise QueryError(f"query {query.name!r} needs parameter {p.name!r}: {p.description}")
    terms = {p.name: _term(given[p.name]) for p in query.params if given.get(p.name)}  # checks every value
    return {ox.Variable(name): term for name, term in terms.items() if _key_marker(name) not in query.text}


def _key_marker(param: str) -> str:
    return f"VALUES ?{param}Key {{ UNDEF }}"


def prepare(query: SavedQuery, given: dict[str, str]) -> tuple[str, dict[ox.Variable, ox.NamedNode | ox.Literal]]:
    """The text to run and the substitutions for ``given``: each given name parameter's key written
    into its ``VALUES ?NAMEKey { UNDEF }`` line, the other parameters as :func:`bind_params` binds them.

    >>> q = SavedQuery("q", "?", (Param("place", False, "a place"),),
    ...                "SELECT ?e {\\n VALUES ?placeKey { UNDEF } ?e ?p ?placeKey\\n ?e a ?t }")
    >>> print(prepare(q, {"place": 'Datong "City"'})[0])
    SELECT ?e {
     VALUES ?placeKey { "datong \\"city\\"" } ?e ?p ?placeKey
     ?e a ?t }
    >>> prepare(q, {"place": "kgr:place/datong"})[0].splitlines()[1]
    ' VALUES ?placeKey { "https://w3id.org/cnpolicy-kg/id/place/datong" } ?e ?p ?placeKey'
    >>> prepare(q, {})[0].splitlines()
    ['SELECT ?e {', ' ?e a ?t }']
    """
    substitutions, text = bind_params(query, given), query.text
    for p in query.params:
        line = re.compile(rf"^[ \t]*{re.escape(_key_marker(p.name))}.*\n?", re.M)
        if not given.get(p.name):
            text = line.sub("", text)
            continue
        term = _term(given[p.name])
        key = ox.Literal(term.value if isinstance(term, ox.NamedNode) else name_key(term.value))
        text = text.replace(_key_marker(p.name), f"VALUES ?{p.name}Key {{ {key} }}")
    return text, substitutions


def run_query(store: ox.Store, text: str, substitutions=None, *, source: str | None = None) -> QueryResult:
    """Run a query over the union of the store's graphs.

    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("https://e.org/a"), ox.NamedNode("https://e.org/p"), ox.Literal("x")))
    >>> run_query(store, "SELECT ?s ?o WHERE { ?s ?p ?o }").rows
    [(rdflib.term.URIRef('https://e.org/a'), rdflib.term.Literal('x'))]
    """
    try:
        answer = store.query(text, use_default_graph_as_union=True, substitutions=substitutions or None)
    except (SyntaxError, RuntimeError, ValueError) as e:
        what = "SPARQL syntax error: " if isinstance(e, SyntaxError) else ""
        raise QueryError(f"{source + ': ' if source else ''}{what}{e}") from e
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(answer))
    if isinstance(answer, ox.QueryTriples):
        return QueryResult("construct", triples=[tuple(map(to_rdflib, (t.subject, t.predicate, t.object)))
                                                 for t in answer])
    converted: dict = {}  # answers repeat terms (names, titles, document ids): convert each once

    def term(t):
        if t is None:
            return None
        found = converted.get(t)
        if found is None:
            found = converted[t] = to_rdflib(t)
        return found
    return QueryResult("select", [v.value for v in answer.variables], [tuple(map(term, row)) for row in answer])


def run_saved(store: ox.Store, query: SavedQuery, given: dict[str, str] | None = None) -> QueryResult:
    """Bind ``given`` to ``query``, run it, and drop the parameters' echo columns.

    >>> store = ox.Store()
    >>> run_saved(store, resolve_query("leaders-of-place"), {"place": "Shanxi"}).variables[:3]
    ['title', 'person', 'name']
    """
    text, substitutions = prepare(query, given or {})
    result = run_query(store, text, substitutions, source=str(query.path or query.name))
    keep = [i for i, v in enumerate(result.variables) if v not in {p.name for p in query.params}]
    result.variables = [result.variables[i] for i in keep]
    result.rows = [tuple(row[i] for i in keep) for row in result.rows]
    return result


def _short(term: Node | None) -> str:
    if isinstance(term, URIRef):
        for prefix, ns in PREFIXES.items():
            if term.startswith(ns) and re.fullmatch(r"[\w.\-/]+", term[len(ns):]):
                return f"{prefix}:{term[len(ns):]}"
        return f"<{term}>"
    return "" if term is None else f"_:{term}" if isinstance(term, BNode) else str(term).replace("\n", " ")


def format_table(result: QueryResult) -> str:
    """Plain aligned text, IRIs shortened with the project's prefixes.

    >>> print(format_table(QueryResult("select", ["s", "n"], [(URIRef(PREFIXES["kgr"] + "person/lin-wu"), Literal("Lin Wu"))])))
    s                  n
    -----------------  ------
    kgr:person/lin-wu  Lin Wu
    (1 row)
    """
    if result.kind == "ask":
        return "true" if result.boolean else "false"
    variables, rows = result._table()
    cells = [list(variables)] + [[_short(t) for t in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(variables))]
    cells.insert(1, ["-" * w for w in widths])
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
    return "\n".join(lines + [f"({len(rows)} row{'' if len(rows) == 1 else 's'})"])


def _json_term(term: Node) -> dict[str, str]:
    if not isinstance(term, Literal):
        return {"type": "uri" if isinstance(term, URIRef) else "bnode", "value": str(term)}
    if term.language:
        return {"type": "literal", "value": str(term), "xml:lang": term.language}
    if term.datatype is None or str(term.datatype) == XSD_STRING:
        return {"type": "literal", "value": str(term)}
    return {"type": "literal", "value": str(term), "datatype": str(term.datatype)}


def format_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON (a CONSTRUCT as bindings of subject, predicate, object).

    >>> format_json(QueryResult("select", ["n", "x"], [(Literal(5), None)]))
    '{"head": {"vars": ["n", "x"]}, "results": {"bindings": [{"n": {"type": "literal", "value": "5", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]}}'
    >>> format_json(QueryResult("ask", boolean=True))
    '{"head": {}, "boolean": true}'
    """
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": bool(result.boolean)}, ensure_ascii=False)
    variables, rows = result._table()
    bindings = [{v: _json_term(t) for v, t in zip(variables, row) if t is not None} for row in rows]
    return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}}, ensure_ascii=False)


def format_csv(result: QueryResult) -> str:
    """SPARQL 1.1 CSV results: CRLF lines, bare IRIs, lexical forms, empty when unbound.

    >>> format_csv(QueryResult("select", ["s", "n"], [(URIRef("https://e.org/a"), Literal('say "hi", then'))]))
    's,n\\r\\nhttps://e.org/a,"say ""hi"", then"\\r\\n'
    """
    if result.kind == "ask":
        raise QueryError("the CSV results format has no form for an ASK answer; use JSON")
    variables, rows = result._table()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # quotes fields with '"', ',', CR or LF
    writer.writerow(variables)
    writer.writerows(["" if t is None else f"_:{t}" if isinstance(t, BNode) else str(t) for t in row]
                     for row in rows)
    return out.getvalue()
