"""The posts extractor: who holds which post (title) in which organization or place.

Patterns: an appositive after the name ('Li Ming, deputy general manager of X, said'),
a title before it ('Shanxi Governor Li Ming', 'the head of X Li Ming said'), and
'Li Ming was elected (as) the Party secretary of X'. Coordinated titles each become a post;
a title without an object takes the object of the next title ('Secretary of the Party
Committee and Director of the Management Committee of X'). Delegates and deputies
belong to the congress the text is about; Party posts without an object to the Party
committee last named.
"""
from __future__ import annotations

import re
from functools import lru_cache

from rdflib import Literal
from rdflib.namespace import ORG, PROV, RDF, XSD

from ..gazetteer import lexicon
from ..iris import hashed_iri, sentence_iri
from ..resolve import AnalyzedDocument, Entity
from ..vocab import KG
from .names import GENERIC
from .statements import Evidence, Extractor, Statement

ANAPHORA = {"county": {"County"}, "city": {"PrefectureCity", "County"}, "province": {"Province"},
            "district": {"County"}, "town": {"TownOrVillage"}, "village": {"TownOrVillage"},
            "congress": {"Congress"}, "session": {"Congress"}, "company": {"Enterprise"},
            "group": {"Enterprise"}, "committee": {"PartyCommittee"}, "zone": {"Zone"}, "park": {"Zone"}}
CONGRESS_TITLES = {"delegate", "delegates", "deputy", "deputies"}
PLURALS = {"secretaries": "secretary", "deputies": "deputy", "delegates": "delegate", "members": "member",
           "managers": "manager", "engineers": "engineer", "employees": "employee", "workers": "worker",
           "miners": "miner"}
OBJECT_KINDS = {"org", "place", "project"}


@lru_cache(maxsize=1)
def _title_re() -> re.Pattern[str]:
    lex = lexicon()
    heads = "|".join(sorted((re.escape(h) for h in lex.title_heads), key=len, reverse=True))
    mods = "|".join(sorted((re.escape(m) for m in lex.title_modifiers), key=len, reverse=True))
    return re.compile(rf"(?:(?:a|an|the|another|also)\s+)?((?:(?:{mods})\s+){{0,4}}(?:{heads}))\b(?![-'’])", re.I)


_PREP = re.compile(r"\s*(?:of|at|for|to|from|with|in)\s+(?:the\s+|this\s+|a\s+|its\s+)?")
_UNIT_WORDS = re.compile(r"((?:[\w'’-]+\s+){0,3}?[\w'’-]+)(?:(\s+(?:of|at)\s+(?:the\s+)?)|(?=\s+and\s|\s*,|\s*$))")
_ELECTED = re.compile(r"\s+(?:was|were|has been|have been|had been|is|are)\s+(?:again\s+|also\s+|newly\s+)?"
                      r"(?:elected|appointed|named|re-elected|promoted to|made)(?:\s+as)?\s+")


def sentence_case(title: str) -> str:
    """A title as the contract writes it: first letter upper, other words lower, acronyms kept.

    >>> sentence_case("Party Secretary"), sentence_case("mayor"), sentence_case("Secretary of the CPC Committee")
    ('Party secretary', 'Mayor', 'Secretary of the CPC committee')
    """
    words = [w if len(w) > 1 and w.isupper() else w.lower() for w in title.split()]
    return " ".join(words)[:1].upper() + " ".join(words)[1:] if words else title


class PostExtractor(Extractor):
    name = "posts"
    version = "0.1"

    def extract(self, doc: AnalyzedDocument) -> list[Statement]:
        out: list[Statement] = []
        text = doc.doc.text
        for sentence in doc.sentences:
            mentions = doc.mentions_in(sentence)
            starts = {m.start: (m, e) for m, e in mentions}
            for i, (m, person) in enumerate(mentions):
                if person.cls != "Person":
                    continue
                found: list[tuple[str, Entity | None, int]] = []
                group = [person]
                j, pos = i, m.end
                while j + 1 < len(mentions) and mentions[j + 1][1].cls == "Person" and \
                        re.fullmatch(r"\s*(,|and|, and)\s*", text[pos:mentions[j + 1][0].start]):
                    j += 1
                    group.append(mentions[j][1])
                    pos = mentions[j][0].end
                after = text[pos:sentence.end]
                elected = _ELECTED.match(after)
                lead = re.match(r"\s*,\s*(?:who\s+(?:is|was|serves\s+as|served\s+as)\s+(?:also\s+)?(?:the\s+)?)?", after) \
                    or elected
                shared: list[tuple[str, Entity | None, int]] = []
                if lead:
                    shared = self._chain(doc, pos + lead.end(), sentence.end, starts, m.start)
                found += self._before(doc, sentence.start, m.start, m.end, starts)
                for title, obj, end in shared:
                    # 'A and B, deputies to X' / 'A and B were elected ...' name every person;
                    # a singular title after 'A and B,' belongs to B alone (B's own turn comes)
                    plural = title.split()[-1].lower() in PLURALS
                    for p in (group if plural or elected else [person] if len(group) == 1 else []):
                        found.append((title, obj, end, p))
                for title, obj, end, *who in found:
                    obj = obj or self._default_object(doc, title, m.start)
                    if obj is None:
                        continue
                    ev = Evidence(sentence, m.start, max(end, m.end))
                    out += self._post(doc, who[0] if who else person, title, obj, ev)
        return out

    def _chain(self, doc: AnalyzedDocument, pos: int, limit: int, starts, person_start: int):
        """Titles and objects from pos on: 'T1 of X and T2 of Y'; a title lacking an object
        takes the next one's."""
        text = doc.doc.text
        items: list[list] = []
        while pos < limit:
            t = _title_re().match(text, pos, limit)
            if not t:
                break
            title, pos = t.group(1), t.end()
            obj = None
            while pos < limit:
                p = _PREP.match(text, pos, limit)
                if not p:
                    break
                at = p.end()
                if title.lower() in CONGRESS_TITLES and p.group(0).strip().startswith("from"):
                    break  # 'a deputy from Taiyuan': the constituency, not the post's body
                if at in starts and starts[at][1].kind in OBJECT_KINDS:
                    m, obj = starts[at]
                    pos = m.end
                    break
                ana = re.match(r"(county|city|province|district|town|village|congress|session|company|group|"
                               r"committee|zone|park)\b(?:['’]s\s+(?:government|committee|people's government))?",
                               text[at:limit], re.I)
                if ana and not (at + ana.end() < limit and text[at + ana.end()] == " " and
                                re.match(r"\s+of\b", text[at + ana.end():limit])):
                    obj = doc.last_entity(at, ANAPHORA[ana.group(1).lower()])
                    title += " " + text[t.end():at + ana.end()].strip() if ana.group(0) != ana.group(1) else ""
                    pos = at + ana.end()
                    break
                unit = _UNIT_WORDS.match(text, at, limit)
                if unit and all(w.lower() in GENERIC or w[:1].islower() for w in unit.group(1).split()):
                    title = text[t.start(1):unit.end(1)]  # 'director of the sales department'
                    pos = unit.end(1)
                    if unit.group(2):
                        continue
                break
                break  # a preposition that leads nowhere ('a worker from a steel company')
            items.append([title, obj, pos])
            sep = re.match(r"\s*(?:,\s*and|and|,)\s+", text[pos:limit])
            if not sep or not _title_re().match(text, pos + sep.end(), limit):
                break
            pos += sep.end()
        for k in range(len(items) - 2, -1, -1):  # an object-less title shares the next one's object
            if items[k][1] is None and items[k][0].lower() not in CONGRESS_TITLES:
                items[k][1] = items[k + 1][1]
        return [tuple(x) for x in items]

    def _before(self, doc: AnalyzedDocument, sent_start: int, person_start: int, person_end: int, starts):
        """'Shanxi Governor Li Ming', 'Mayor Li Ming of X', 'Delegate Li Ming' and
        'the head of the sales department of X(,) Li Ming'."""
        text = doc.doc.text
        before = text[sent_start:person_start]
        out = []
        for t in _title_re().finditer(before):
            rest = before[t.end():]
            if not rest.strip():  # title right before the name: 'Governor Li Ming'
                prev = [x for x in starts.values() if x[0].end <= sent_start + t.start(1)
                        and not text[x[0].end:sent_start + t.start(1)].strip()]
                obj = prev[-1][1] if prev and prev[-1][1].kind in OBJECT_KINDS else None
                of = re.match(r"\s+(?:of|at)\s+(?:the\s+)?", text[person_end:person_end + 12])
                if obj is None and of and person_end + of.end() in starts:
                    m2, obj = starts[person_end + of.end()]  # 'Mayor Li Ming of Zhengzhou'
                    if obj.kind not in OBJECT_KINDS:
                        obj = None
                out.append((t.group(1), obj, person_start))  # no object: a congress title may take one
            else:
                org = [x for x in starts.values() if x[0].end <= person_start
                       and text[x[0].end:person_start].strip() in ("", ",") and x[0].start > sent_start + t.end()]
                if org and org[0][1].kind == "org" and re.fullmatch(
                        r"(?:\s+(?:of|at)\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,4}?)*\s*(?:of|at)\s+(?:the\s+)?",
                        text[sent_start + t.end():org[0][0].start]):
                    unit = text[sent_start + t.end():org[0][0].start]
                    unit = re.sub(r"\s+(?:of|at)\s+(?:the\s+)?$", "", unit)
                    out.append((t.group(1) + unit, org[0][1], person_start))
        return out

    def _default_object(self, doc: AnalyzedDocument, title: str, before: int) -> Entity | None:
        low = title.lower()
        if low.split()[-1] in CONGRESS_TITLES and len(low.split()) == 1:
            return doc.last_entity(before, {"Congress"}) or doc.last_entity(len(doc.doc.text), {"Congress"})
        if "party" in low and "secretar" in low:
            return doc.last_entity(before, {"PartyCommittee"})
        return None

    def _post(self, doc: AnalyzedDocument, person: Entity, title: str, obj: Entity, ev: Evidence) -> list[Statement]:
        words = title.split()
        words[-1] = PLURALS.get(words[-1].lower(), words[-1])
        title = sentence_case(" ".join(words))  # one post, one spelling of its title: "Mayor" = "mayor"
        post = hashed_iri("post", title.lower(), obj.iri)
        date = doc.doc.date or ""
        holding = hashed_iri("holding", person.iri, post, date or doc.doc.id)
        out = [self.fact(person.iri, ORG.holds, post, ev),
               self.detail(post, RDF.type, KG.Post), self.detail(post, KG.title, Literal(title)),
               self.detail(post, KG.postIn, obj.iri),
               self.detail(holding, RDF.type, KG.PostHolding), self.detail(holding, KG.holder, person.iri),
               self.detail(holding, KG.post, post),
               self.detail(holding, PROV.wasDerivedFrom, sentence_iri(doc.doc.id, ev.sentence.index))]
        if date:
            out.append(self.detail(holding, KG.asOf, Literal(date, datatype=XSD.date)))
        return out
