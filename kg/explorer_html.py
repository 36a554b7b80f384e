"""The explorer's HTML: the page with the query editor and search, and the entity page
(facts with their evidence, neighbours, and a Cytoscape.js network view)."""
from __future__ import annotations

import html
import json
from urllib.parse import quote

KG = "https://w3id.org/cnpolicy-kg/ontology#"
KGR = "https://w3id.org/cnpolicy-kg/id/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SHORT = {KG: "kg:", KGR: "kgr:", RDF: "rdf:", RDFS: "rdfs:", SKOS: "skos:",
         "http://www.w3.org/ns/org#": "org:", "http://www.w3.org/ns/prov#": "prov:",
         "http://schema.org/": "schema:", "https://schema.org/": "schema:", "http://xmlns.com/foaf/0.1/": "foaf:",
         "http://purl.org/dc/terms/": "dcterms:", "http://www.w3.org/2002/07/owl#": "owl:",
         "https://w3id.org/cnpolicy-kg/graph/": "kgg:"}
e = html.escape


def short(iri: str) -> str:
    for ns, pfx in SHORT.items():
        if iri.startswith(ns):
            return pfx + iri[len(ns):]
    return iri


def entity_href(iri: str) -> str:
    return "/entity?iri=" + quote(iri, safe="")



STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 0; color: #1d2430; background: #f6f7f9; }
header { background: #1d3557; color: #fff; padding: .6em 1.2em; display: flex; gap: 1.5em; align-items: center; }
header a { color: #fff; text-decoration: none; font-weight: 600; }
main { padding: 1em 1.2em; max-width: 1200px; }
section { background: #fff; border: 1px solid #dde1e7; border-radius: 6px; padding: .8em 1em; margin-bottom: 1em; }
h1 { font-size: 1.35em; margin: .2em 0; } h2 { font-size: 1.1em; margin: .3em 0 .5em; }
textarea { width: 100%; box-sizing: border-box; font: 13px/1.4 ui-monospace, monospace; min-height: 14em; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border-bottom: 1px solid #e4e7eb; padding: .3em .5em; text-align: left; vertical-align: top; }
th { background: #eef1f5; }
.muted { color: #667085; } .badge { background: #e0ecff; color: #1d3557; border-radius: 4px; padding: 0 .4em; }
.evidence { font-style: italic; } .doc { font-family: ui-monospace, monospace; font-size: 12px; }
#cy { width: 100%; height: 420px; border: 1px solid #dde1e7; border-radius: 6px; background: #fff; }
#search-results li { margin: .15em 0; } .error { color: #b42318; white-space: pre-wrap; }
.params label { margin-right: 1em; }
"""

HEADER = """<header><a href="/">cnpolicy-kg explorer</a>
<form action="/" method="get" id="top-search" onsubmit="return true"><input name="q" id="search-box"
 type="search" placeholder="search entity names" size="30" autocomplete="off"></form>
<a href="/sparql" class="muted" style="font-weight:400">SPARQL endpoint</a></header>"""

INDEX = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>cnpolicy-kg explorer</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>""" + STYLE + """</style></head>
<body>""" + HEADER + """
<main>
<section><h2>Search</h2><ul id="search-results"><li class="muted">Type a name in the box above.</li></ul></section>
<section><h2>Query</h2>
<p><label>Saved query <select id="saved"><option value="">(write your own)</option></select></label>
<span id="question" class="muted"></span></p>
<p class="params" id="params"></p>
<textarea id="query" spellcheck="false">SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 10</textarea>
<p><button id="run">Run</button> <span id="status" class="muted"></span></p>
<div id="results"></div>
</section>
</main>
<script>
"use strict";
const $ = (id) => document.getElementById(id);
let loaded = null;  // the saved query whose text is in the editor
function el(tag, attrs, ...children) {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) n.setAttribute(k, v);
  for (const c of children) n.append(c);
  return n;
}
function cell(term) {
  if (!term) return "";
  if (term.type === "uri") {
    const shortName = term.value.replace("https://w3id.org/cnpolicy-kg/id/", "kgr:")
      .replace("https://w3id.org/cnpolicy-kg/ontology#", "kg:");
    if (term.value.startsWith("https://w3id.org/cnpolicy-kg/id/"))
      return el("a", {href: "/entity?iri=" + encodeURIComponent(term.value)}, shortName);
    return shortName;
  }
  return term.value;
}
function renderResults(data) {
  const out = $("results"); out.replaceChildren();
  if ("boolean" in data) { out.append(el("p", {}, "ASK: " + data.boolean)); return 1; }
  const vars = data.head.vars, rows = data.results.bindings;
  const table = el("table", {id: "results-table"});
  table.append(el("thead", {}, el("tr", {}, ...vars.map((v) => el("th", {}, v)))));
  const body = el("tbody");
  for (const b of rows) body.append(el("tr", {}, ...vars.map((v) => el("td", {}, cell(b[v])))));
  table.append(body); out.append(table);
  return rows.length;
}
async function run() {
  const text = $("query").value;
  $("status").textContent = "running...";
  let response;
  const headers = {Accept: "application/sparql-results+json"};
  if (loaded && loaded.text === text) {
    const params = new URLSearchParams();
    for (const p of loaded.params) { const v = $("param-" + p.name).value.trim(); if (v) params.set(p.name, v); }
    response = await fetch("/queries/" + encodeURIComponent(loaded.name) + "?" + params, {headers});
  } else {
    response = await fetch("/sparql", {method: "POST", headers: {...headers,
      "Content-Type": "application/sparql-query"}, body: text});
  }
  const ctype = response.headers.get("content-type") || "";
  if (!response.ok) {
    const body = await response.json().catch(() => ({error: {message: response.statusText}}));
    $("results").replaceChildren(el("p", {class: "error"}, body.error.message));
    $("status").textContent = "error " + response.status; return;
  }
  if (!ctype.includes("json")) {
    $("results").replaceChildren(el("pre", {}, await response.text()));
    $("status").textContent = "done"; return;
  }
  const n = renderResults(await response.json());
  $("status").textContent = n + " row" + (n === 1 ? "" : "s");
}
async function loadSaved(name) {
  loaded = null; $("params").replaceChildren(); $("question").textContent = "";
  if (!name) return;
  const q = await (await fetch("/api/queries/" + encodeURIComponent(name))).json();
  loaded = q; $("query").value = q.text; $("question").textContent = q.question;
  for (const p of q.params) {
    $("params").append(el("label", {title: p.description}, p.name + (p.required ? " (required) " : " "),
      el("input", {id: "param-" + p.name, size: "18"})));
  }
}
async function init() {
  const saved = await (await fetch("/queries")).json();
  for (const q of saved) $("saved").append(el("option", {value: q.name, title: q.question}, q.name));
  $("saved").addEventListener("change", (ev) => loadSaved(ev.target.value));
  $("run").addEventListener("click", run);
  const initial = new URLSearchParams(location.search).get("q");
  if (initial) { $("search-box").value = initial; search(initial); }
}
let timer = null;
async function search(term) {
  const list = $("search-results");
  if (!term.trim()) { list.replaceChildren(el("li", {class: "muted"}, "Type a name in the box above.")); return; }
  const hits = await (await fetch("/api/search?q=" + encodeURIComponent(term))).json();
  list.replaceChildren(...(hits.length ? hits.map((h) => el("li", {}, el("a", {href: h.href}, h.label), " ",
    el("span", {class: "badge"}, h.type || "?"), " ", el("span", {class: "muted"}, h.iri)))
    : [el("li", {class: "muted"}, "nothing found")]));
}
$("search-box").addEventListener("input", (ev) => { clearTimeout(timer); timer = setTimeout(() => search(ev.target.value), 200); });
$("top-search").addEventListener("submit", (ev) => { ev.preventDefault(); search($("search-box").value); });
init();
</script>
</body></html>
"""


def _term_html(iri: str, label: str | None, kind: str = "uri") -> str:
    if kind != "uri":
        return e(iri)
    text = e(label or short(iri))
    return f'<a href="{e(entity_href(iri))}">{text}</a>' if iri.startswith(KGR) else f'<span title="{e(iri)}">{text}</span>'


def render_entity(data: dict) -> str:
    iri = data["iri"]
    title = data["labels"][0] if data["labels"] else short(iri)
    parts = [f"<h1>{e(title)} <span class=\"badge\">{e(data['type'] or 'unknown')}</span></h1>",
             f'<p class="muted">{e(iri)}</p>']
    if not data["found"]:
        parts.append("<p>Nothing is known about this IRI.</p>")
    parts.append("<table><tr><th>types</th><td>" + ", ".join(e(short(t)) for t in data["types"]) + "</td></tr>"
                 "<tr><th>labels</th><td>" + "; ".join(e(x) for x in data["labels"]) + "</td></tr>"
                 "<tr><th>other names</th><td>" + "; ".join(e(x) for x in data["altLabels"]) + "</td></tr></table>")
    facts = ['<section id="facts"><h2>Facts</h2>']
    if not data["groups"]:
        facts.append('<p class="muted">No facts with evidence.</p>')
    for name, items in data["groups"].items():
        facts.append(f'<h3 class="relation">{e(name)} <span class="muted">({len(items)})</span></h3>'
                     "<table><tr><th>subject</th><th>object</th><th>evidence</th><th>document</th></tr>")
        for f in items:
            facts.append("<tr class=\"fact\"><td>" + _term_html(f["s"], f["s_label"]) + "</td><td>"
                         + _term_html(f["o"], f["o_label"], f["o_kind"]) + "</td><td class=\"evidence\">"
                         + e(f["text"] or "") + "</td><td class=\"doc\">" + e(f["doc"] or "")
                         + (f" <span class=\"muted\">conf {e(f['confidence'])}</span>" if f["confidence"] else "")
                         + "</td></tr>")
        facts.append("</table>")
    facts.append("</section>")
    props = ""
    if data["properties"]:
        props = ('<section><h2>Properties</h2><table><tr><th>property</th><th>value</th></tr>'
                 + "".join(f"<tr><td>{e(short(p['p']))}</td><td>{_term_html(p['o'], p['label'], p['kind'])}</td></tr>"
                           for p in data["properties"]) + "</table></section>")
    neighbours = [n for n in data["network"]["nodes"] if not n["root"]]
    links = ('<section id="neighbours"><h2>Neighbours</h2><ul>'
             + "".join(f"<li>{_term_html(n['id'], n['label'])}</li>" for n in neighbours)
             + "</ul></section>") if neighbours else ""
    network = json.dumps(data["network"]).replace("<", "\\u003c")
    return ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{e(title)} - cnpolicy-kg explorer</title><style>{STYLE}</style>"
            "<script src=\"/static/cytoscape.min.js\"></script></head><body>" + HEADER
            + "<main><section>" + "".join(parts) + "</section>"
            + '<section><h2>Network</h2><div id="cy"></div></section>'
            + "".join(facts) + props + links + "</main>"
            + f'<script id="network-data" type="application/json">{network}</script>'
            + ENTITY_SCRIPT + "</body></html>")


ENTITY_SCRIPT = """<script>
"use strict";
document.getElementById("top-search").addEventListener("submit", (ev) => {
  ev.preventDefault(); location.href = "/?q=" + encodeURIComponent(document.getElementById("search-box").value);
});
(function () {
  const net = JSON.parse(document.getElementById("network-data").textContent);
  const elements = net.nodes.map((n) => ({data: {id: n.id, label: n.label, root: n.root ? 1 : 0}}))
    .concat(net.edges.map((x) => ({data: x})));
  const cy = window.cy = cytoscape({
    container: document.getElementById("cy"), elements,
    style: [
      {selector: "node", style: {"label": "data(label)", "background-color": "#457b9d", "font-size": 11,
        "text-valign": "bottom", "text-margin-y": 4, "width": 22, "height": 22}},
      {selector: "node[root = 1]", style: {"background-color": "#e63946", "width": 32, "height": 32,
        "font-weight": "bold"}},
      {selector: "edge", style: {"label": "data(label)", "font-size": 9, "curve-style": "bezier",
        "target-arrow-shape": "triangle", "width": 1.5, "line-color": "#a8b3c2", "target-arrow-color": "#a8b3c2",
        "text-rotation": "autorotate", "color": "#555"}}],
    layout: {name: net.nodes.length > 2 ? "cose" : "circle", animate: false, padding: 30}
  });
  cy.on("tap", "node", (ev) => {
    const id = ev.target.id();
    if (id.startsWith("https://w3id.org/cnpolicy-kg/id/") && !ev.target.data("root"))
      location.href = "/entity?iri=" + encodeURIComponent(id);
  });
})();
</script>"""
