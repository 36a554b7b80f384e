"""Stable IRIs minted from content: the same input always names the same node.

>>> slug("Lan Fo'an")
'lan-foan'
>>> entity_iri("person", "Lin Wu")
rdflib.term.URIRef('https://w3id.org/cnpolicy-kg/id/person/lin-wu')
>>> hashed_iri("post", "Party secretary", "x") == hashed_iri("post", "Party secretary", "x")
True
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import URIRef

from .vocab import KGG, KGR


def slug(text: str) -> str:
    """A lower-case ASCII slug of a name: words joined by hyphens."""
    norm = unicodedata.normalize("NFKD", text)
    ascii_text = norm.encode("ascii", "ignore").decode("ascii").lower()
    ascii_text = re.sub(r"['\u2019]", "", ascii_text)
    words = re.findall(r"[a-z0-9]+", ascii_text)
    if not words:  # a name in another script: fall back to a digest of it
        return "x" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return "-".join(words)[:120]


def digest(*parts: object) -> str:
    """A short, stable hex digest of the parts (joined with a unit separator)."""
    joined = "\x1f".join(str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:20]


def entity_iri(kind: str, key: str) -> URIRef:
    """The IRI of an entity of a kind (person, org, place, chain, project) from its key name."""
    return KGR[f"{kind}/{slug(key)}"]


def hashed_iri(kind: str, *parts: object) -> URIRef:
    """The IRI of a node identified by its content (a post, a holding, a target, an assertion)."""
    return KGR[f"{kind}/{digest(*parts)}"]


def document_iri(doc_id: str) -> URIRef:
    """The IRI of a document node."""
    return KGR[f"doc/{_safe(doc_id)}"]


def sentence_iri(doc_id: str, index: int) -> URIRef:
    """The IRI of a document's sentence, by its index."""
    return KGR[f"doc/{_safe(doc_id)}/s{index}"]


def document_graph(doc_id: str) -> URIRef:
    """The named graph holding what was extracted from a document."""
    return KGG[f"doc/{_safe(doc_id)}"]


def inferred_graph(doc_id: str) -> URIRef:
    """The named graph holding what inference added to a document's graph."""
    return KGG[f"inferred/{_safe(doc_id)}"]


def extractor_iri(name: str, version: str) -> URIRef:
    """The IRI of an extractor at a version."""
    return KGR[f"extractor/{slug(name)}/{slug(version)}"]


def _safe(doc_id: str) -> str:
    """A document id made safe for an IRI path segment (ids are usually safe already)."""
    if re.fullmatch(r"[A-Za-z0-9._~-]+", doc_id):
        return doc_id
    return slug(doc_id) + "-" + digest(doc_id)[:8]
