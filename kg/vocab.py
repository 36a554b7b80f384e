"""The ontology's terms as closed namespaces, and the namespaces the graph uses.

`KG` is closed over the terms declared in ontology/kg.ttl: using a term that the
ontology does not declare raises an AttributeError at import or call time.

>>> KG.Person
rdflib.term.URIRef('https://w3id.org/cnpolicy-kg/ontology#Person')
>>> KG.NotATerm
Traceback (most recent call last):
...
AttributeError: "term 'NotATerm' not in namespace 'https://w3id.org/cnpolicy-kg/ontology#'"
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD, ClosedNamespace

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
ONTOLOGY_FILE = ONTOLOGY_DIR / "kg.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
INDUSTRIES_FILE = ONTOLOGY_DIR / "industries.ttl"

KG_NS = "https://w3id.org/cnpolicy-kg/ontology#"
KGR = Namespace("https://w3id.org/cnpolicy-kg/id/")
KGG = Namespace("https://w3id.org/cnpolicy-kg/graph/")
SCHEMA = Namespace("https://schema.org/")
ONTOLOGY_GRAPH = KGG["ontology"]
GAZETTEER_GRAPH = KGG["gazetteer"]
INDUSTRIES_GRAPH = KGG["industries"]


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    """The ontology (ontology/kg.ttl) as an rdflib Graph, parsed once."""
    g = Graph()
    g.parse(ONTOLOGY_FILE, format="turtle")
    return g


@lru_cache(maxsize=1)
def industries_graph() -> Graph:
    """The SKOS industry vocabulary (ontology/industries.ttl), parsed once."""
    g = Graph()
    g.parse(INDUSTRIES_FILE, format="turtle")
    return g


def _declared_terms() -> list[str]:
    g = ontology_graph()
    return sorted({str(s)[len(KG_NS):] for s in g.subjects() if str(s).startswith(KG_NS)})


KG = ClosedNamespace(KG_NS, _declared_terms())

# Entity classes and the contract type (../shared/eval/FORMAT.md) each maps to.
ENTITY_CLASSES: dict[URIRef, str] = {
    KG.Person: "Person",
    KG.Organization: "Organization",
    KG.Enterprise: "Organization",
    KG.GovernmentBody: "Organization",
    KG.PartyCommittee: "Organization",
    KG.Congress: "Organization",
    KG.Place: "Place",
    KG.Country: "Place",
    KG.AdministrativeDivision: "Place",
    KG.Province: "Place",
    KG.PrefectureCity: "Place",
    KG.County: "Place",
    KG.TownOrVillage: "Place",
    KG.Zone: "Place",
    KG.IndustrialChain: "IndustrialChain",
    KG.Project: "Project",
}

# Predicates of extracted facts; each triple with one of them carries an assertion.
FACT_PREDICATES = (ORG.holds, KG.chainOwnerOf, KG.chainMemberOf, KG.chainChiefOf,
                   KG.locatedIn, KG.partOf, KG.operatedBy, KG.targetOwner, KG.observedFor,
                   KG.fostersIndustry, KG.inIndustry, KG.status)

PREFIXES = {
    "kg": KG_NS, "kgr": str(KGR), "kgg": str(KGG), "rdf": str(RDF), "rdfs": str(RDFS),
    "owl": str(OWL), "xsd": str(XSD), "skos": str(SKOS), "org": str(ORG), "prov": str(PROV),
    "dcterms": str(DCTERMS), "schema": str(SCHEMA),
}

__all__ = ["KG", "KGR", "KGG", "SCHEMA", "ONTOLOGY_GRAPH", "GAZETTEER_GRAPH", "INDUSTRIES_GRAPH", "INDUSTRIES_FILE", "ENTITY_CLASSES", "FACT_PREDICATES",
           "PREFIXES", "ontology_graph", "industries_graph", "ONTOLOGY_FILE", "SHAPES_FILE",
           "DCTERMS", "ORG", "OWL", "PROV", "RDF", "RDFS", "SKOS", "XSD"]
