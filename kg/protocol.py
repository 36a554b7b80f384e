"""The SPARQL 1.1 Protocol's pieces that need no server: classifying a query by a linear
lexer (its form, SERVICE, FROM / FROM NAMED graphs, nesting depth) and content negotiation.

Classification is a lexer over the query text (comments, strings and IRIs skipped; prefixes and
BASE resolved for FROM), not a full parser: it is linear in the text, and it refuses SERVICE
wherever it occurs as a keyword. pyoxigraph parses the query later, in a worker.
"""
from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

from .errors import KGError
from .sandbox import GRAPH_FORMATS, RESULT_FORMATS

READ_ONLY = ("this endpoint is read-only: SPARQL Update and Graph Store writes are not accepted "
             "(build the store with `kg build` while the server is stopped)")
NO_FETCH = "this endpoint never fetches anything from the network"
QUERY_FORMS = {"SELECT": "select", "ASK": "ask", "CONSTRUCT": "construct", "DESCRIBE": "describe"}
UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
_TOKEN = re.compile(r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:\\[\s\S]|[^\\])*?'''|\"\"\"(?:\\[\s\S]|[^\\])*?\"\"\"|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$]\w+)
  | (?P<pname>(?:[A-Za-z][\w.-]*)?:(?:[\w:%-]|\\.|\.(?=[\w:%-]))*)
  | (?P<word>[A-Za-z_]\w*)
  | (?P<open>[{(\[])
  | (?P<close>[})\]])
""", re.X)


class Refused(KGError):
    """A request refused before any query runs."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


@dataclass
class Scan:
    """What the lexer found in a query: its form, FROM / FROM NAMED graphs (resolved IRIs)."""
    form: str | None = None
    from_default: list[str] = field(default_factory=list)
    from_named: list[str] = field(default_factory=list)


def scan(text: str, base: str = "", max_depth: int = 200) -> Scan:
    """Classify a query without parsing it; raise :class:`Refused` for what must not run.

    >>> scan("PREFIX g: <http://e.org/> SELECT * FROM g:one { ?s ?p ?o }").from_default
    ['http://e.org/one']
    >>> scan("ASK { SERVICE <http://e.org/sparql> { ?s ?p ?o } }")
    Traceback (most recent call last):
    kg.protocol.Refused: SERVICE is not allowed: this endpoint never fetches anything from the network
    >>> scan("SELECT ('SERVICE' AS ?x) { }  # SERVICE in a comment").form
    'select'
    """
    out = Scan()
    prefixes: dict[str, str] = {}
    depth = 0
    tokens = [(m.lastgroup, m.group()) for m in _TOKEN.finditer(text) if m.lastgroup != "comment"]
    for i, (kind, value) in enumerate(tokens):
        if kind == "open":
            depth += 1
            if depth > max_depth:
                raise Refused(400, f"the query nests brackets deeper than {max_depth} levels")
        elif kind == "close":
            depth -= 1
    for i, (kind, value) in enumerate(tokens):
        word = value.upper() if kind == "word" else ""
        following = tokens[i + 1] if i + 1 < len(tokens) else ("", "")
        if word == "SERVICE":
            raise Refused(400, f"SERVICE is not allowed: {NO_FETCH}")
        if word == "LOAD" or (out.form is None and word in UPDATE_WORDS):
            raise Refused(403, READ_ONLY)
        if out.form is None and word in QUERY_FORMS:
            out.form = QUERY_FORMS[word]
        elif word == "BASE" and following[0] == "iri":
            base = urljoin(base, following[1][1:-1])
        elif word == "PREFIX" and following[0] == "pname" and i + 2 < len(tokens) and tokens[i + 2][0] == "iri":
            prefixes[following[1].split(":", 1)[0]] = urljoin(base, tokens[i + 2][1][1:-1])
        elif word == "FROM":
            named = following[0] == "word" and following[1].upper() == "NAMED"
            kind2, target = tokens[i + 2] if named and i + 2 < len(tokens) else following
            if kind2 == "iri":
                iri = urljoin(base, target[1:-1])
            elif kind2 == "pname" and target.split(":", 1)[0] in prefixes:
                pfx, local = target.split(":", 1)
                iri = prefixes[pfx] + re.sub(r"\\(.)", r"\1", local)
            else:
                raise Refused(400, f"FROM must name a graph of this store by its IRI (got {target!r})")
            (out.from_named if named else out.from_default).append(iri)
    return out


# -- content negotiation --------------------------------------------------------------------
RESULT_TYPES = {"application/sparql-results+json": "json", "application/json": "json",
                 "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
                 "text/csv": "csv", "text/tab-separated-values": "tsv"}
GRAPH_TYPES = {"text/turtle": "turtle", "application/x-turtle": "turtle", "application/n-triples": "ntriples",
                "text/plain": "ntriples", "application/rdf+xml": "rdfxml", "application/xml": "rdfxml",
                "text/xml": "rdfxml", "application/ld+json": "jsonld", "application/json": "jsonld"}

RDF_UPLOADS = {"text/turtle", "application/x-turtle", "application/n-triples", "application/rdf+xml",
                "application/ld+json", "application/n-quads", "application/trig", "text/n3"}  # Graph Store writes


def negotiate(accept: str | None, graph: bool) -> str | None:
    """The format for an Accept header (None: nothing acceptable), SPARQL JSON / Turtle by default.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", False)
    'xml'
    >>> negotiate("application/n-triples, */*;q=0.1", True)
    'ntriples'
    """
    table, default = (GRAPH_TYPES, "turtle") if graph else (RESULT_TYPES, "json")
    if not accept or not accept.strip():
        return default
    ranked = []
    for n, part in enumerate(accept.split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        q = 1.0
        for p in params:
            if p.lower().startswith("q="):
                with contextlib.suppress(ValueError):
                    q = float(p[2:])
        if q > 0:
            ranked.append((-q, n, media.lower()))
    for _, _, media in sorted(ranked):
        if media in table:
            return table[media]
        if media in ("*/*", "application/*", "text/*"):
            return default
    return None


FORMAT_NAMES = {**{k: ("results", k) for k in RESULT_FORMATS}, **{k: ("graph", k) for k in GRAPH_FORMATS},
                "ttl": ("graph", "turtle"), "nt": ("graph", "ntriples"), "rdf": ("graph", "rdfxml"),
                "json-ld": ("graph", "jsonld")}


# -- the application ---------------------------------------------------------------------------
