"""The chains extractor: chain owners (an enterprise called the 'chain owner', 'chain master',
'chain leader', 'chain-chief' or 'chain-leading' enterprise of a chain), core/key member
enterprises, and chain chiefs (officials put in charge of a chain, kept apart from owners).
"""
from __future__ import annotations

import re

from ..resolve import AnalyzedDocument, Entity
from ..vocab import KG
from .statements import Evidence, Extractor, Statement

_FIRM = r"[\"”’']?\s*(?:enterprise|company|firm|group)s?\b"
# 'chain owner/master' always names an enterprise; 'chain leader/chief/leading' only when
# followed by 'enterprise' (else a 'chain chief' or 'chain leader' is an official, 链长)
OWNER_CUE = re.compile(r"chain[\s-]+(?:owner|master)s?\b|chain[\s-]+(?:leader|leading|chief)" + _FIRM + r"|链主", re.I)
CHIEF_CUE = re.compile(r"chain[\s-]+(?:chief|head)s?\b(?!" + _FIRM + r")|链长", re.I)
LEADER_CUE = re.compile(r"chain[\s-]+leaders?\b(?!" + _FIRM + r")", re.I)  # owner or chief: the nearest name decides
MEMBER_CUE = re.compile(r"\bas\s+(?:the|its)\s+(?:core|focus|key|backbone|mainstay|main\s+force|support)\b"
                        r"|\b(?:core|key|focus|backbone|member|supporting|leading)\s+(?:enterprise|company|firm)s?\b", re.I)


class ChainExtractor(Extractor):
    name = "chains"
    version = "0.1"

    def extract(self, doc: AnalyzedDocument) -> list[Statement]:
        out: list[Statement] = []
        owned: set[tuple[str, str]] = set()
        known = [e for e in doc.entities if e.cls == "IndustrialChain"]
        for i, sentence in enumerate(doc.sentences):
            mentions = doc.mentions_in(sentence)
            chains = self._chains(sentence.text, sentence.start, mentions, known)
            if not chains and i + 1 < len(doc.sentences) and len(doc.sentences[i + 1].text.split()) <= 12:
                nxt = doc.sentences[i + 1]  # 'with A and B as the focus. Industrial chain of X.'
                chains = self._chains(nxt.text, nxt.start, doc.mentions_in(nxt), known)
            if not chains:
                continue
            orgs = [(m, e) for m, e in mentions if e.kind == "org"]
            people = [(m, e) for m, e in mentions if e.cls == "Person"]
            leaders = [c for c in LEADER_CUE.finditer(sentence.text)
                       if (self._nearest(orgs + people, sentence.start + c.start()) or (None, None))[1] in
                       [e for _, e in orgs]]
            for cue in [*OWNER_CUE.finditer(sentence.text), *leaders]:
                at = sentence.start + cue.start()
                owner = self._nearest(orgs, at)
                if owner:
                    m, e = owner
                    for chain in chains:
                        if (e.key, chain.key) not in owned:
                            owned.add((e.key, chain.key))
                            ev = Evidence(sentence, min(m.start, at), max(m.end, at + len(cue.group(0))))
                            out.append(self.fact(e.iri, KG.chainOwnerOf, chain.iri, ev, 0.85))
            owner_spans = {c.span() for c in leaders}
            for cue in [*CHIEF_CUE.finditer(sentence.text), *(c for c in LEADER_CUE.finditer(sentence.text)
                                                               if c.span() not in owner_spans)]:
                at = sentence.start + cue.start()
                chief = self._nearest(people, at)
                if chief:
                    m, e = chief
                    for chain in chains:
                        ev = Evidence(sentence, min(m.start, at), max(m.end, at + len(cue.group(0))))
                        out.append(self.fact(e.iri, KG.chainChiefOf, chain.iri, ev, 0.8))
            if MEMBER_CUE.search(sentence.text) and not CHIEF_CUE.search(sentence.text):
                for m, e in self._members(sentence.text, sentence.start, orgs):
                    for chain in chains:
                        if (e.key, chain.key) not in owned:
                            ev = Evidence(sentence, m.start, m.end)
                            out.append(self.fact(e.iri, KG.chainMemberOf, chain.iri, ev, 0.75))
        return out

    @staticmethod
    def _chains(text: str, offset: int, mentions, known: list[Entity]) -> list[Entity]:
        found = {e.key: e for m, e in mentions if e.cls == "IndustrialChain"}
        low = text.lower()
        for e in known:  # a known chain named without 'industry chain' ('in wind power equipment')
            if e.key not in found and re.search(r"\b" + re.escape(e.key) + r"\b", low):
                found[e.key] = e
        return sorted(found.values(), key=lambda e: e.key)

    @staticmethod
    def _nearest(cands, at: int):
        best = None
        for m, e in cands:
            d = at - m.end if m.end <= at else m.start - at
            if d < 200 and (best is None or d < best[0]):
                best = (d, (m, e))
        return best[1] if best else None

    @staticmethod
    def _members(text: str, offset: int, orgs):
        """Organizations in 'with A (and B) as the core/focus' or listed beside 'key enterprises'."""
        out = []
        for cue in re.finditer(r"\b(?:with|takes?|taking|took)\s+(.{3,200}?)\s+as\s+(?:the|its)\s+"
                               r"(?:core|focus|key|backbone|mainstay)", text, re.I):
            s, e = offset + cue.start(1), offset + cue.end(1)
            out += [(m, ent) for m, ent in orgs if s <= m.start and m.end <= e]
        if not out and re.search(r"\b(?:core|key|focus|backbone|member|supporting)\s+(?:enterprise|company|firm)s?\b",
                                 text, re.I):
            out = list(orgs)  # 'A is a key enterprise of the X chain', 'key enterprises of X include A and B'
        return out
