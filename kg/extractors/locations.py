"""The locations extractor: where organizations, parks, zones, projects and places are.

Patterns: 'X (based|located) in Y', 'X in Y', 'Y-based X', 'Y, where X is located',
'the northern Y city of X' (X in Y), "Y's X district", 'X District, Y City, Z Province',
'X is a part of the city of Y', 'counties in Y — A, B and C' and 'cities in Y, X'.
A place is put in another only if the other is of a higher level.
"""
from __future__ import annotations

import re

from ..resolve import PLACE_CLASSES, AnalyzedDocument, Entity
from ..vocab import KG
from .statements import Evidence, Extractor, Statement

LEVEL = {"Zone": 0, "Place": 0, "TownOrVillage": 1, "County": 2, "PrefectureCity": 3, "Province": 4, "Country": 5}
LOCATABLE = {"org", "place", "project"}
_IN = re.compile(r"^[\"”’']?\)?\s*(?:\([^)]{1,20}\)\s*)?,?\s*(?:(?:known as|also known as|called)\s+[^,]{1,60},\s*)?"
                 r"(?:(?:which|that)\s+(?:is|was)\s+|is\s+|are\s+)?"
                 r"(?:(?:a|an|the)\s+(?:[\w-]+\s+){0,4}?)?"
                 r"(?:(?:of\s+the\s+(?:[a-z-]+\s+){1,8})?(?:based|located|headquartered|situated|built|completed|lies|lie|lying|sits|sit)\s+)?"
                 r"(?:in|at)\s+(?:the\s+)?(?:(?:northern|southern|eastern|western|central|north|south|east|west)\s+)?"
                 r"(?:(?:city|county|district|village|town|township|province|prefecture)\s+of\s+)?$")
_DESCR_OF = re.compile(r"^\s*(?:[a-z-]+\s+){0,3}(?:city|county|capital|district|village|town|township|province|suburb)"
                       r"\s+of\s+(?:the\s+)?$|^['’]s\s+(?:[a-z-]+\s+){0,2}(?:capital|city)\s*,\s*$")
_PART_OF = re.compile(r"^\s+(?:is|was|are|were)\s+(?:(?:a\s+)?part\s+of|(?:a|an)\s+(?:[\w-]+\s+){0,2}(?:district|county|city|"
                      r"town|township|village|prefecture)\s+(?:under|of|in))\s+(?:the\s+(?:jurisdiction\s+of\s+)?)?"
                      r"(?:(?:city|county|province|district)\s+of\s+)?$")
_LIST_IN = re.compile(r"(?:counties|districts|cities|villages|towns|townships)\s+(?:in|of)\s+$", re.I)
_LIST_GAP = re.compile(r"[\s,—–:-]*(?:such as|including|namely|like)?[\s,—–:-]*(?:and\s+)?")
_APPOSITIVE_OF = re.compile(r",\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}(?:district|county|city|town|township|village|"
                            r"prefecture|province|region|municipality)\s+(?:of|in|under)\s+(?:the\s+)?")


class LocationExtractor(Extractor):
    name = "locations"
    version = "0.1"

    def extract(self, doc: AnalyzedDocument) -> list[Statement]:
        out: dict[tuple[str, str], Statement] = {}
        text = doc.doc.text

        def add(a: tuple, b: Entity | None, sentence, conf: float = 0.8) -> None:
            ma, ea = a
            if b is None or ea.key == b.key and ea.kind == b.kind or b.cls not in PLACE_CLASSES:
                return
            if ea.cls in PLACE_CLASSES and LEVEL.get(ea.cls, 0) >= LEVEL.get(b.cls, 0) and b.cls != "Zone" \
                    and not (ea.cls == "Place" or b.cls == "Place"):
                return
            key = (str(ea.iri), str(b.iri))
            if key not in out:
                out[key] = self.fact(ea.iri, KG.locatedIn, b.iri, Evidence(sentence, ma.start, ma.end), conf)

        for sentence in doc.sentences:
            ms = [(m, e) for m, e in doc.mentions_in(sentence) if e.kind in LOCATABLE]
            for i, (m, e) in enumerate(ms):
                nxt = ms[i + 1] if i + 1 < len(ms) else None
                between = text[m.end:nxt[0].start] if nxt else ""
                if nxt and _IN.match(between):
                    target = self._resolve_np(ms, i + 1, text)
                    if target:
                        add((m, e), target[1], sentence)
                        prev = ms[i - 1] if i > 0 else None
                        if prev and prev[1].kind in ("org", "project") and \
                                re.fullmatch(r"\s+of\s+(?:the\s+)?", text[prev[0].end:m.start]):
                            add(prev, target[1], sentence)  # 'the A of the B, located in P': A too
                        self._chain(ms, ms.index(target), text, add, sentence)
                if re.match(r"^\s+in\s+the\s+(province|city|county)\b(?!\s+of\b)", text[m.end:m.end + 30]):
                    word = re.match(r"^\s+in\s+the\s+(\w+)", text[m.end:]).group(1).lower()
                    cls = {"province": {"Province"}, "city": {"PrefectureCity"}, "county": {"County"}}[word]
                    add((m, e), doc.last_entity(m.start, cls) or (doc.main_place() if word == "province" else None),
                        sentence, 0.7)
                if nxt and (_DESCR_OF.match(between) and e.cls in PLACE_CLASSES) and not re.match(r"\s*(?:in|at)\b", between):
                    add(nxt, e, sentence)  # 'the northern Y city of X', "Y's capital, X"
                if nxt and re.fullmatch(r"['’]s\s+", between) and e.cls in PLACE_CLASSES:
                    add(nxt, e, sentence)  # "Y's X county"
                if nxt and re.fullmatch(r",\s*", between) and e.cls in PLACE_CLASSES \
                        and LEVEL.get(e.cls, 0) < LEVEL.get(nxt[1].cls, 0) and nxt[1].cls not in ("Zone", "Place"):
                    add((m, e), nxt[1], sentence, 0.75)  # 'X District, Y City'
                if nxt and _PART_OF.match(between):
                    add((m, e), nxt[1], sentence)
                if nxt and re.fullmatch(r",\s+where\s+", between) and e.cls in PLACE_CLASSES:
                    rest = text[nxt[0].end:nxt[0].end + 40]
                    if re.match(r"\s+(?:is|are)\s+(?:located|based)", rest):
                        add(nxt, e, sentence)
                if e.cls in PLACE_CLASSES and _LIST_IN.search(text[max(sentence.start, m.start - 40):m.start]):
                    last = m.end  # 'counties in Y — A, B and C', 'cities in Y, such as A and B', 'cities in Y, X'
                    for m2, e2 in ms[i + 1:]:
                        if not _LIST_GAP.fullmatch(text[last:m2.start]) or e2.cls not in PLACE_CLASSES:
                            break
                        add((m2, e2), e, sentence, 0.7)
                        last = m2.end
                if nxt and _APPOSITIVE_OF.fullmatch(between) and e.cls in PLACE_CLASSES:
                    add((m, e), nxt[1], sentence)  # 'Shunde, a district of Foshan'
                if nxt and re.fullmatch(r"\s+of\s+(?:the\s+)?", between) and e.cls in PLACE_CLASSES:
                    add((m, e), nxt[1], sentence, 0.75)  # 'Nanshan District of Shenzhen'
            for m, e in doc.mentions_in(sentence):  # 'Taiyuan-based Example Co'
                if text[m.end:m.end + 6] == "-based" and e.cls in PLACE_CLASSES:
                    after = [x for x in ms if x[0].start > m.end and x[0].start - m.end < 12]
                    if after:
                        add(after[0], e, sentence)
        return list(out.values())

    @staticmethod
    def _resolve_np(ms, j: int, text: str):
        """The place an 'in ...' phrase ends on: 'the Y provincial capital of X' is X."""
        target = ms[j]
        if target[1].cls not in PLACE_CLASSES:
            return None
        if j + 1 < len(ms) and ms[j + 1][1].cls in PLACE_CLASSES and (
                _DESCR_OF.match(text[target[0].end:ms[j + 1][0].start])
                or re.fullmatch(r"['’]s\s+", text[target[0].end:ms[j + 1][0].start])):
            return ms[j + 1]  # 'the Y provincial capital of X', "Y's X district"
        return target

    @staticmethod
    def _chain(ms, j: int, text: str, add, sentence) -> None:
        """'in X District, Y City, Z Province': each place in the next."""
        while j + 1 < len(ms) and re.fullmatch(r",\s*", text[ms[j][0].end:ms[j + 1][0].start]):
            add(ms[j], ms[j + 1][1], sentence, 0.75)
            j += 1
