"""The projects extractor: for each named project, its operator, status (and when),
investment and capacity, as the sentences that name it state them.

Operator: 'the X project of ORG', "ORG's X project", 'built/operated/undertaken by ORG',
'ORG kicked off/launched/signed the X project'. Status from the verbs around the
name (planned, signed, under construction, completed, put into operation). Investment:
'with an investment of 1.2 billion yuan', 'a 3-billion-yuan project'. Capacity from
'10,000-ton' in the name or 'an annual capacity of N tons'.
"""
from __future__ import annotations

import re
from decimal import Decimal

from rdflib import Literal
from rdflib.namespace import XSD

from ..documents import MONTHS
from ..resolve import AnalyzedDocument
from ..vocab import KG
from .statements import Evidence, Extractor, Statement

STATUS = [  # the later in the list, the further along: the furthest stated wins
    (r"\b(?:plan(?:s|ned)?\s+to\s+build|will\s+(?:build|construct|start)|is\s+planned|to\s+be\s+built)\b", KG.Planned),
    (r"\b(?:signed|signing)\b", KG.Signed),
    (r"\b(?:under\s+construction|broke\s+ground|groundbreaking|kick(?:ed)?\s*started|kicked\s+off|started\s+construction|"
     r"began\s+construction|construction\s+(?:began|started)|is\s+being\s+built|completed\s+piling|"
     r"completed\s+the\s+(?:foundation|construction\s+of\s+the\s+main))\b", KG.UnderConstruction),
    (r"\b(?:completed|was\s+finished|finished\s+construction|completion\s+of)\b"
     r"(?!\s+(?:piling|the\s+foundation|the\s+construction\s+of\s+the\s+main|the\s+main\s+(?:steel\s+)?structure))",
     KG.Completed),
    (r"\b(?:put\s+into\s+(?:operation|production|use|service)|in\s+operation|began\s+operating|started\s+operation|"
     r"came\s+into\s+operation|went\s+into\s+operation)\b", KG.InOperation),
]
_MONEY = re.compile(r"(?:investment|invest(?:ed|ing)?|worth|costing|cost)\s+(?:of\s+|totaling\s+|totalling\s+|about\s+|"
                    r"around\s+|more than\s+|nearly\s+)*(\d[\d,]*(?:\.\d+)?)\s*(billion|million|trillion|thousand)?\s*"
                    r"(yuan|dollars|US dollars|euros)\b", re.I)
_MONEY_ADJ = re.compile(r"(\d[\d,]*(?:\.\d+)?)-(billion|million)-(yuan|dollar)\b", re.I)
_CAPACITY = re.compile(r"(\d[\d,]*(?:\.\d+)?)-(ton|tonne|megawatt|kilowatt|square-meter|mu|unit)\b|"
                       r"capacity\s+of\s+(\d[\d,]*(?:\.\d+)?)\s+(tons|tonnes|megawatts|kilowatts|units|vehicles|square meters)",
                       re.I)
_OPERATOR = [r"^\s+of\s+(?:the\s+)?$", r"^\s*(?:was|is|will be|has been)?\s*(?:built|operated|undertaken|run|developed|"
             r"constructed|invested)\s+by\s+(?:the\s+)?$"]
_DATE = re.compile(r"\bon\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+(\d{1,2})(?:,?\s+(\d{4}))?|"
                   r"\bin\s+(?:(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\s+)?(\d{4})\b")


def _number(s: str) -> Decimal:
    return Decimal(s.replace(",", ""))


class ProjectExtractor(Extractor):
    name = "projects"
    version = "0.1"

    def extract(self, doc: AnalyzedDocument) -> list[Statement]:
        out: list[Statement] = []
        text = doc.doc.text
        done: set[tuple[str, str]] = set()
        for sentence in doc.sentences:
            ms = doc.mentions_in(sentence)
            for i, (m, project) in enumerate(ms):
                if project.cls != "Project":
                    continue
                ev = Evidence(sentence, m.start, m.end)
                for op in self._operators(text, ms, i):
                    if ("op", f"{project.iri} {op.iri}") not in done:
                        done.add(("op", f"{project.iri} {op.iri}"))
                        out.append(self.fact(project.iri, KG.operatedBy, op.iri, ev, 0.75))
                status = self._status(sentence.text)
                if status is not None and ("status", str(project.iri)) not in done:
                    done.add(("status", str(project.iri)))
                    out.append(self.fact(project.iri, KG.status, status, ev, 0.7))
                    when = self._date(sentence.text, doc.doc.year)
                    if when is not None:
                        out.append(self.detail(project.iri, KG.statusDate, when))
                out += self._amounts(project, m.text, sentence.text, done)
        return out

    @staticmethod
    def _operators(text: str, ms, i: int):
        m, _ = ms[i]
        ops = []
        if i + 1 < len(ms) and ms[i + 1][1].kind == "org" and \
                any(re.match(p, text[m.end:ms[i + 1][0].start]) for p in _OPERATOR):
            ops.append(ms[i + 1][1])
        if i > 0 and ms[i - 1][1].kind == "org":
            between = text[ms[i - 1][0].end:m.start]
            if re.fullmatch(r"['’]s\s+", between) or re.search(
                    r"^\s+(?:has\s+|have\s+)?(?:kick(?:ed)?\s*started|kicked\s+off|launched|started|began|signed|"
                    r"completed|built|is\s+building|will\s+build)\s+(?:the\s+|its\s+|a\s+)?$", between):
                ops.append(ms[i - 1][1])
        return ops

    @staticmethod
    def _status(sentence: str):
        found = None
        for pattern, status in STATUS:
            if re.search(pattern, sentence, re.I):
                found = status
        return found

    @staticmethod
    def _date(sentence: str, doc_year: int | None) -> Literal | None:
        m = _DATE.search(sentence)
        if not m:
            return None
        if m.group(1):
            year = int(m.group(3)) if m.group(3) else doc_year
            if year is None:
                return None
            month = MONTHS[m.group(1)[:3].lower()]
            return Literal(f"{year:04d}-{month:02d}-{int(m.group(2)):02d}", datatype=XSD.date)
        return Literal(m.group(5), datatype=XSD.gYear)

    def _amounts(self, project, name: str, sentence: str, done: set) -> list[Statement]:
        out = []
        money = _MONEY.search(sentence) or _MONEY_ADJ.search(sentence)
        if money and ("money", str(project.iri)) not in done:
            done.add(("money", str(project.iri)))
            unit = " ".join(x for x in (money.group(2), money.group(3)) if x).lower().replace("us dollars", "dollars")
            unit = unit.replace("dollar", "dollars") if not unit.endswith("dollars") and "dollar" in unit else unit
            out.append(self.detail(project.iri, KG.investmentValue, Literal(_number(money.group(1)), datatype=XSD.decimal)))
            out.append(self.detail(project.iri, KG.investmentUnit, Literal(unit)))
        cap = _CAPACITY.search(name) or _CAPACITY.search(sentence)
        if cap and ("cap", str(project.iri)) not in done:
            done.add(("cap", str(project.iri)))
            value, unit = (cap.group(1), cap.group(2) + "s") if cap.group(1) else (cap.group(3), cap.group(4))
            out.append(self.detail(project.iri, KG.capacityValue, Literal(_number(value), datatype=XSD.decimal)))
            out.append(self.detail(project.iri, KG.capacityUnit, Literal(unit.lower().replace("-", " "))))
        return out
