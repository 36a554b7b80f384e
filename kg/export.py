"""Writers: the entity network (kg.network.to_networkx) as GEXF 1.3, GraphML, CSV, PNG or
SVG, and the documents' RDF as JSON-LD, Turtle or N-Quads.

>>> clean("a\\x00b\\x1fc \\U0001F600 汉字")
'abc \\U0001f600 汉字'
"""
from __future__ import annotations

import csv
import io
import json
import math
import re
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from .errors import KGError
from .network import ALL_KINDS, TYPES, to_networkx
from .store import GraphStore, doc_graph_names
from .vocab import ONTOLOGY_DIR, PREFIXES

CONTEXT_FILE = ONTOLOGY_DIR / "context.jsonld"
GRAPH_FORMATS = ("gexf", "graphml", "csv", "png", "svg")
RDF_FORMATS = ("jsonld", "turtle", "nquads")
FORMATS = GRAPH_FORMATS + RDF_FORMATS

# one colour per type (Tableau-like palette), shared by GEXF and the drawings
PALETTE = {
    "Person": (31, 119, 180), "Enterprise": (255, 127, 14), "GovernmentBody": (44, 160, 44),
    "PartyCommittee": (214, 39, 40), "Congress": (148, 103, 189), "Organization": (140, 86, 75),
    "Province": (227, 119, 194), "PrefectureCity": (247, 182, 210), "County": (188, 189, 34),
    "TownOrVillage": (219, 219, 141), "Zone": (23, 190, 207), "Country": (158, 218, 229),
    "AdministrativeDivision": (199, 199, 199), "Place": (127, 127, 127),
    "IndustrialChain": (174, 199, 232), "Project": (255, 187, 120), "Industry": (152, 223, 138),
}
XSI = "http://www.w3.org/2001/XMLSchema-instance"
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """The text without the characters XML 1.0 forbids (control characters, lone surrogates)."""
    return _BAD_XML.sub("", text)


def _flat(G: nx.MultiDiGraph, lists: bool = False) -> nx.MultiDiGraph:
    """A copy with clean strings, no None values, and lists joined by '; ' (unless lists)."""
    def fix(data: dict) -> dict:
        out = {}
        for k, v in data.items():
            if v is None:
                continue
            if isinstance(v, (list, tuple)) and not lists:
                v = "; ".join(str(x) for x in v)
            out[k] = clean(v) if isinstance(v, str) else v
        return out
    H = nx.MultiDiGraph()
    for n, d in G.nodes(data=True):
        H.add_node(clean(str(n)), **fix(d))
    for u, v, k, d in G.edges(keys=True, data=True):
        H.add_edge(clean(str(u)), clean(str(v)), key=clean(str(k)), **fix(d))
    return H


def node_size(degree: int) -> float:
    """The drawn size of a node of this degree."""
    return round(6.0 + 4.0 * math.sqrt(degree), 2)


def write_gexf(G: nx.MultiDiGraph, path: str | Path) -> None:
    """GEXF 1.3: viz colour by type, viz size by degree, edge weight and start (mode="dynamic",
    timeformat="date", so that Gephi's timeline plays the graph)."""
    H = _flat(G)
    for n, d in H.nodes(data=True):
        r, g, b = PALETTE.get(d.get("type", ""), (127, 127, 127))
        d["viz"] = {"color": {"r": r, "g": g, "b": b, "a": 1.0}, "size": node_size(d.get("degree", 0))}
    for _, _, d in H.edges(data=True):
        d.pop("type", None)  # "type" is GEXF's directed/undirected, not ours
    buf = io.BytesIO()
    nx.write_gexf(H, buf, version="1.3")
    Path(path).write_bytes(_fix_gexf(buf.getvalue()))


def _fix_gexf(data: bytes) -> bytes:
    """Make networkx's GEXF 1.3 valid against the official schema (gexf.net/1.3/gexf.xsd):
    the real XML Schema instance namespace, no `name` on <graph>, and the viz elements in
    the GEXF namespace, where that schema declares them (Gephi reads them by local name)."""
    from lxml import etree

    root = etree.fromstring(data)
    ns = root.nsmap[None]
    location = root.attrib.pop("{http://w3.org/2001/XMLSchema-instance}schemaLocation", None)
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.startswith("{" + ns + "/viz}"):
            el.tag = "{%s}%s" % (ns, etree.QName(el).localname)
        if etree.QName(el).localname == "graph":
            el.attrib.pop("name", None)
        if etree.QName(el).localname == "meta":  # no wall-clock time: the same store, the same file
            el.attrib.pop("lastmodifieddate", None)
    etree.cleanup_namespaces(root)
    out = etree.Element(root.tag, nsmap={None: ns, "xsi": XSI})
    out.attrib.update(root.attrib)
    out.set(f"{{{XSI}}}schemaLocation", location or f"{ns} {ns}/gexf.xsd")
    out.text = "\n  "
    out.extend(list(root))
    return etree.tostring(out, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write_graphml(G: nx.MultiDiGraph, path: str | Path) -> None:
    """GraphML, lists as '; '-joined strings."""
    nx.write_graphml(_flat(G), str(path))


NODE_FIELDS = ["id", "label", "type", "kind", "documents", "targets", "degree", "start"]
EDGE_FIELDS = ["source", "target", "kind", "label", "weight", "dates", "start"]


def write_csv(G: nx.MultiDiGraph, nodes_path: str | Path, edges_path: str | Path) -> None:
    """Two CSV files (UTF-8, with headers): one row per node, one per edge."""
    H = _flat(G)
    with open(nodes_path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, NODE_FIELDS, extrasaction="ignore")
        w.writeheader()
        for n, d in H.nodes(data=True):
            w.writerow({"id": n, **d})
    with open(edges_path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, EDGE_FIELDS, extrasaction="ignore")
        w.writeheader()
        for u, v, d in H.edges(data=True):
            w.writerow({"source": u, "target": v, **d})


def draw(G: nx.MultiDiGraph, path: str | Path, top: int = 15) -> None:
    """A PNG or SVG drawing (by the file's extension): nodes coloured by type, sized by degree,
    labels on the `top` most connected nodes."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    path = Path(path)
    fig, ax = plt.subplots(figsize=(12, 9))
    ax.set_axis_off()
    if G.number_of_nodes():
        pos = nx.spring_layout(G, seed=7, k=1.5 / math.sqrt(G.number_of_nodes()))
        colours = [tuple(c / 255 for c in PALETTE.get(d.get("type"), (127, 127, 127))) for _, d in G.nodes(data=True)]
        sizes = [node_size(G.degree(n)) ** 2 for n in G]
        nx.draw_networkx_edges(G, pos, ax=ax, alpha=0.3, arrows=True, arrowsize=6, width=0.6)
        nx.draw_networkx_nodes(G, pos, ax=ax, node_color=colours, node_size=sizes, linewidths=0.3, edgecolors="white")
        best = sorted(G, key=lambda n: (-G.degree(n), n))[:top]
        nx.draw_networkx_labels(G, pos, ax=ax, font_size=8,
                                labels={n: clean(str(G.nodes[n].get("label", n))) for n in best})
        present = sorted({d.get("type") for _, d in G.nodes(data=True)} & set(PALETTE))
        ax.legend(handles=[Line2D([], [], marker="o", ls="", color=tuple(c / 255 for c in PALETTE[t]), label=t)
                           for t in present], loc="lower left", fontsize=8, frameon=False)
    fig.savefig(path, format=path.suffix.lstrip(".").lower() or "png", bbox_inches="tight", dpi=120)
    plt.close(fig)


# -- RDF -------------------------------------------------------------------------------
def jsonld_context() -> dict:
    """The published JSON-LD context (ontology/context.jsonld) as a dict."""
    return json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]


def _document_quads(store: GraphStore):
    for g in doc_graph_names(store):
        yield from store.ox.quads_for_pattern(None, None, None, ox.NamedNode(str(g)))


def write_rdf(store: GraphStore, path: str | Path, format: str) -> None:
    """The document graphs as RDF: "nquads" keeps each document's named graph (sorted lines),
    "turtle" is their union as one graph, "jsonld" is that union compacted with the published
    context (ontology/context.jsonld, embedded in the file so that nothing is fetched)."""
    if format == "nquads":
        data = ox.serialize(list(_document_quads(store)), format=ox.RdfFormat.N_QUADS) or b""
        lines = sorted(set(data.decode("utf-8").splitlines(keepends=True)))
        Path(path).write_text("".join(lines), encoding="utf-8")
        return
    triples = sorted({ox.Triple(q.subject, q.predicate, q.object) for q in _document_quads(store)}, key=str)
    if format == "turtle":
        Path(path).write_bytes(ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b"")
    elif format == "jsonld":
        from rdflib import Graph
        g = Graph()
        g.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"", format="nt")
        Path(path).write_text(g.serialize(format="json-ld", context=jsonld_context(), auto_compact=True),
                              encoding="utf-8")
    else:
        raise KGError(f"unknown RDF format {format!r}: use one of {', '.join(RDF_FORMATS)}")


def export(store: GraphStore, format: str, out: str | Path, types=None, kinds=None, place=None,
           since=None, until=None) -> str:
    """Write the store in `format` to `out` (csv: `out` is the nodes file, the edges go beside
    it as {stem}-edges.csv); a one-line summary of what was written."""
    if format not in FORMATS:
        raise KGError(f"unknown format {format!r}: use one of {', '.join(FORMATS)}")
    out = Path(out)
    if format in RDF_FORMATS:
        write_rdf(store, out, format)
        return f"{format} written to {out}"
    G = to_networkx(store, types=types, kinds=kinds, place=place, since=since, until=until)
    if format == "gexf":
        write_gexf(G, out)
    elif format == "graphml":
        write_graphml(G, out)
    elif format == "csv":
        edges = out.with_name(out.stem + "-edges.csv")
        write_csv(G, out, edges)
        out = Path(f"{out} and {edges}")
    else:
        draw(G, out)
    return f"{G.number_of_nodes()} nodes and {G.number_of_edges()} edges written to {out}"


__all__ = ["to_networkx", "write_gexf", "write_graphml", "write_csv", "write_rdf", "draw", "export", "clean",
           "jsonld_context", "PALETTE", "FORMATS", "TYPES", "ALL_KINDS"]
