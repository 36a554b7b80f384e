"""The part-of extractor: units and subsidiaries of a named parent organization.

Patterns: 'A of B' with both organizations ('the X Center of the Y Laboratory'),
'A, a subsidiary/unit/branch of B', "B's subsidiary A", and a name that extends its
parent's name or short name ('Huawei Coal Mine Corps' is part of 'Huawei').
"""
from __future__ import annotations

import re

from ..resolve import AnalyzedDocument
from ..vocab import KG
from .statements import Evidence, Extractor, Statement

_UNIT_OF = re.compile(r"^,?\s+(?:(?:a|an|the)\s+(?:[\w-]+\s+){0,2}(?:subsidiary|unit|branch|division|arm|affiliate)\s+)?of\s+(?:the\s+)?$")
_SUBSIDIARY = re.compile(r"^(?:['’]s|\s+and\s+its)\s+(?:[\w-]+\s+){0,2}(?:subsidiary|subsidiaries|unit|units|branch|"
                         r"division|arm|affiliate)\s+$")


class PartOfExtractor(Extractor):
    name = "partof"
    version = "0.1"

    def extract(self, doc: AnalyzedDocument) -> list[Statement]:
        text = doc.doc.text
        out: dict[tuple[str, str], Statement] = {}

        def add(child, parent, ev: Evidence, conf: float) -> None:
            if child.iri != parent.iri and (str(child.iri), str(parent.iri)) not in out:
                out[(str(child.iri), str(parent.iri))] = self.fact(child.iri, KG.partOf, parent.iri, ev, conf)

        for sentence in doc.sentences:
            orgs = [(m, e) for m, e in doc.mentions_in(sentence) if e.kind == "org"]
            for (m1, e1), (m2, e2) in zip(orgs, orgs[1:]):
                between = text[m1.end:m2.start]
                if _UNIT_OF.match(between):
                    add(e1, e2, Evidence(sentence, m1.start, m2.end), 0.8)
                elif _SUBSIDIARY.match(between):
                    add(e2, e1, Evidence(sentence, m1.start, m2.end), 0.8)
        orgs = [e for e in doc.entities if e.kind == "org"]
        for child in orgs:
            for parent in orgs:
                for name in {parent.name, *parent.short_names, *parent.aliases}:
                    if parent is not child and len(name) > 3 and child.name.startswith(name + " ") \
                            and not child.name[len(name):].strip().lower().startswith(("and", "of", "&", "(")):
                        m = next(x for x in child.mentions if not x.surname_only)
                        add(child, parent, Evidence(doc.sentences[m.sentence], m.start, m.end), 0.7)
        return list(out.values())
