"""Knowledge graph of actors, projects and industries in news about Chinese regional economic policy.

>>> from kg import KnowledgeGraph
>>> with KnowledgeGraph(None) as graph:
...     _ = graph.add([("a", "Zhang Wei, Party secretary of Luoyang, said the city will grow.")])
...     [(f["subject"], f["object"]) for f in graph.facts() if f["kind"] == "holds_position"]
[('Zhang Wei', 'Luoyang')]
"""
from .api import KnowledgeGraph, Stats
from .build import BuildReport
from .documents import Document
from .errors import InputError, KGError, StoreError, ValidationFailed
from .queries import QueryError, QueryResult, SavedQuery
from .validate import ValidationReport, Violation

__all__ = ["KnowledgeGraph", "Stats", "BuildReport", "Document", "KGError", "InputError", "StoreError",
           "ValidationFailed", "QueryError", "QueryResult", "SavedQuery", "ValidationReport", "Violation"]
__version__ = "0.1.0"
