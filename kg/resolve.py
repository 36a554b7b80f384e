"""From mentions to entities: aliases, short forms, surname-only mentions, context typing,
and the stable IRI of each entity.

>>> from kg.documents import parse_text
>>> d = analyze(parse_text("t", "Example Steel Group (hereinafter referred to as Exsteel) grew. "
...                           "Li Ming, manager of Exsteel, said so. Li said more."))
>>> sorted((e.name, e.cls, len(e.mentions)) for e in d.entities)
[('Example Steel Group', 'Enterprise', 3), ('Li Ming', 'Person', 2)]
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import URIRef

from .documents import Document
from .extractors.names import ORG_CLASSES, Mention, find_names
from .extractors.phrases import find_chains, find_lowercase_places, find_projects, find_units
from .extractors.statistical import find_statistical
from .gazetteer import lexicon, place_iri
from .iris import entity_iri
from .nlp import Sentence, split_sentences

PLACE_CLASSES = {"Place", "Country", "Province", "PrefectureCity", "County", "TownOrVillage", "Zone"}
KIND = {**{c: "org" for c in ORG_CLASSES}, **{c: "place" for c in PLACE_CLASSES},
        "Person": "person", "IndustrialChain": "chain", "Project": "project"}
SPECIFICITY = ["Unknown", "Place", "Organization", "Zone", "Country", "Province", "PrefectureCity", "County",
               "TownOrVillage", "Enterprise", "GovernmentBody", "PartyCommittee", "Congress",
               "Person", "IndustrialChain", "Project"]
ADMIN_SUFFIX = re.compile(r"\s+(city|province|county|district|prefecture|municipality|village|town|township)$", re.I)
ORG_NOUN = (r"(?:company|manufacturer|firm|enterprise|producer|supplier|maker|developer|operator|group|"
            r"carrier|provider|startup|start-up|bank|brand|giant|leader|subsidiary)")
_ALIAS = re.compile(r"^\s*\((?:hereinafter (?:referred to as|called|as)|short for|or)\s*[\"“”']?([^\"“”')]+?)[\"“”']?\s*\)")
_ABBREV = re.compile(r"^\s*\(([A-Z][A-Za-z0-9&]{1,11})\)")
_AKA = re.compile(r"^,?\s*(?:also known as|also called|or simply)\s+[\"“]?([A-Z][\w&'’-]*(?: [A-Z][\w&'’-]*){0,4})")
_LIST_OTHER = re.compile(r"\band other (?:\w+ ){0,4}(towns|parks|zones|cities|counties|enterprises|companies|firms|villages)\b")
_LIST_TYPE = {"towns": "Zone", "parks": "Zone", "zones": "Zone", "cities": "PrefectureCity", "counties": "County",
              "enterprises": "Enterprise", "companies": "Enterprise", "firms": "Enterprise", "villages": "TownOrVillage"}


@dataclass
class Entity:
    """An entity of one document: its class, display name, other names, mentions and IRI."""
    key: str
    cls: str
    name: str
    iri: URIRef
    aliases: set[str] = field(default_factory=set)
    short_names: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    place_code: str | None = None  # the gazetteer division it was resolved to

    @property
    def kind(self) -> str:
        return KIND[self.cls]


@dataclass
class AnalyzedDocument:
    """A document with its sentences, mentions and entities, ready for the relation extractors."""
    doc: Document
    sentences: list[Sentence]
    entities: list[Entity]
    by_span: dict[tuple[int, int], Entity]
    _by_sentence: dict[int, list[tuple[Mention, Entity]]] | None = field(default=None, repr=False)

    def mentions_in(self, sentence: Sentence) -> list[tuple[Mention, Entity]]:
        """The resolved mentions of a sentence, in text order."""
        if self._by_sentence is None:
            self._by_sentence = {}
            for e in self.entities:
                for m in e.mentions:
                    self._by_sentence.setdefault(m.sentence, []).append((m, e))
            for ms in self._by_sentence.values():
                ms.sort(key=lambda me: me[0].start)
        return list(self._by_sentence.get(sentence.index, []))

    def entity_at(self, start: int, end: int) -> Entity | None:
        return self.by_span.get((start, end))

    def last_entity(self, before: int, classes: set[str]) -> Entity | None:
        """The entity of one of these classes mentioned last before an offset."""
        best: tuple[int, Entity] | None = None
        for e in self.entities:
            if e.cls in classes:
                for m in e.mentions:
                    if m.end <= before and (best is None or m.start > best[0]):
                        best = (m.start, e)
        return best[1] if best else None

    def main_place(self) -> Entity | None:
        """The province (else place) mentioned most often: the default owner of a report's targets."""
        for classes in ({"Province"}, PLACE_CLASSES - {"Zone", "Country"}):
            counts = Counter({e.key: len(e.mentions) for e in self.entities if e.cls in classes})
            if counts:
                key = max(sorted(counts), key=lambda k: counts[k])
                return next(e for e in self.entities if e.key == key and e.cls in classes)
        return None


def entity_key(text: str, cls: str) -> str:
    """The normalized name that identifies an entity of a class."""
    s = re.sub(r"^(the|a|an)\s+", "", text.strip(), flags=re.I).replace("’", "'")
    s = re.sub(r"['']s$", "", s)
    kind = KIND.get(cls, "org")
    if kind == "place":
        s = ADMIN_SUFFIX.sub("", s) or s
        if cls == "TownOrVillage":  # never the same node as a county of the same name
            s += " village"
    elif kind == "org":
        s = re.sub(r"\((?:group)\)", " group ", s, flags=re.I)
        s = re.sub(r"[,.]?\s+(co\.?,?\s*ltd\.?|co\.?|ltd\.?|inc\.?|corp\.?|corporation|company limited|limited)$",
                   "", s, flags=re.I)
    elif kind == "chain":
        s = re.sub(r"^(industry|industrial) chains? of\s+|\s+(industry|industrial) chains?$", "", s, flags=re.I)
    return re.sub(r"\s+", " ", s).strip().lower()


def analyze(doc: Document) -> AnalyzedDocument:
    """Find and resolve the entities of a document."""
    sentences = split_sentences(doc.text)
    raw: list[Mention] = []
    for s in sentences:
        raw.extend(find_names(s))
        for finder in (find_lowercase_places, find_units, find_chains, find_projects):
            raw.extend(finder(s))
    mentions = _drop_overlaps(raw)
    extra = [m for m in find_statistical(sentences)  # optional spaCy candidates; the rules win overlaps
             if not any(m.start < r.end and r.start < m.end for r in mentions)]
    mentions = sorted(mentions + extra, key=lambda m: m.start)
    aliases = _aliases(doc.text, mentions)
    mentions = _type_unknowns(doc.text, mentions, aliases)
    return _group(doc, sentences, mentions, aliases)


def _drop_overlaps(raw: list[Mention]) -> list[Mention]:
    kept: list[Mention] = []
    for m in sorted(raw, key=lambda m: (m.start, -(m.end - m.start), SPECIFICITY.index(m.cls) * -1)):
        if kept and m.start < kept[-1].end:
            continue
        kept.append(m)
    return kept


def _aliases(text: str, mentions: list[Mention]) -> dict[str, Mention]:
    """Alias text -> the mention that introduces it ('(hereinafter referred to as X)', '(ABC)')."""
    out: dict[str, Mention] = {}
    for m in mentions:
        if m.cls == "Unknown" or m.cls == "Person":
            continue
        after = text[m.end:m.end + 120]
        for pattern in (_ALIAS, _ABBREV, _AKA):
            a = pattern.match(after)
            if a:
                out[a.group(1).strip()] = m
    return out


@lru_cache(maxsize=1)
def _title_before() -> re.Pattern[str]:
    """A title followed by 'of' / 'at' at the end of a text: 'chairman of ' names an organization."""
    heads = "|".join(sorted((re.escape(h) for h in lexicon().title_heads), key=len, reverse=True))
    return re.compile(r"\b(" + heads + r")\s+(of|at)\s+$", re.I)


def _type_unknowns(text: str, mentions: list[Mention], aliases: dict[str, Mention]) -> list[Mention]:
    surnames = {m.text.split()[0] for m in mentions if m.cls == "Person"}
    surnames |= {m.text.split()[0].title() for m in mentions if m.cls == "Person" and m.text.isupper()}
    typed: list[Mention] = []
    for m in mentions:
        cls = m.cls
        if cls == "Unknown":
            before, after = text[max(0, m.start - 60):m.start], text[m.end:m.end + 80]
            list_ctx = _LIST_OTHER.search(text[m.end:m.end + 200])
            if m.text in aliases:
                cls = aliases[m.text].cls
            elif " " not in m.text and m.text.title() in surnames:
                typed.append(Mention(m.start, m.end, m.text, "Person", m.sentence, surname_only=True))
                continue
            elif _title_before().search(before) or re.match(r",\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}" + ORG_NOUN + r"\b", after):
                cls = "Enterprise"
            elif list_ctx and re.fullmatch(r"(?:\s*,\s*[A-Z][\w'’ -]+?)*\s*", text[m.end:m.end + list_ctx.start()]):
                cls = _LIST_TYPE[list_ctx.group(1)]
        if cls != "Unknown":
            typed.append(Mention(m.start, m.end, m.text, cls, m.sentence, m.surname_only))
        else:
            typed.append(m)
    return typed


def _group(doc: Document, sentences: list[Sentence], mentions: list[Mention],
           aliases: dict[str, Mention]) -> AnalyzedDocument:
    entities: dict[tuple[str, str], Entity] = {}
    by_span: dict[tuple[int, int], Entity] = {}
    people_by_surname: dict[str, Entity] = {}

    def add(m: Mention, target: Entity | None = None) -> None:
        if target is None:
            kind, key = KIND[m.cls], entity_key(m.text, m.cls)
            target = entities.get((kind, key))
            if target is None:
                name = re.sub(r"^(the|a|an)\s+", "", m.text, flags=re.I)
                target = entities[(kind, key)] = Entity(key, m.cls, name, entity_iri(kind, key))
            elif m.text != target.name and not m.surname_only:
                target.aliases.add(m.text)
        elif m.text != target.name:
            (target.short_names if m.text in aliases else target.aliases).add(m.text)
        if SPECIFICITY.index(m.cls) > SPECIFICITY.index(target.cls) and KIND[m.cls] == target.kind:
            target.cls = m.cls
        target.mentions.append(m)
        by_span[(m.start, m.end)] = target
        if target.cls == "Person" and not m.surname_only:
            people_by_surname.setdefault(m.text.split()[0].title(), target)

    deferred: list[Mention] = []
    for m in mentions:
        if m.cls == "Unknown" or m.surname_only or m.text in aliases:
            deferred.append(m)
        else:
            add(m)
    for m in deferred:
        if m.text in aliases:
            src = aliases[m.text]
            add(m, entities.get((KIND[src.cls], entity_key(src.text, src.cls))))
        elif m.surname_only and m.text.title() in people_by_surname:
            add(m, people_by_surname[m.text.title()])
        elif m.cls == "Unknown" and " " not in m.text:
            # a short form: the first word of exactly one longer organization or zone name
            hits = [e for e in entities.values() if e.kind in ("org", "place") and " " in e.name
                    and e.name.split()[0] == m.text and not lexicon().place(m.text)
                    and lexicon().is_pinyin_given_name(m.text.replace("-", ""))]
            if len(hits) == 1:
                add(m, hits[0])
    _merge_projects(entities, by_span)
    _resolve_places(list(entities.values()))
    _definite_descriptions(doc.text, sentences, list(entities.values()), by_span)
    ordered = sorted(entities.values(), key=lambda e: (e.mentions[0].start, e.key))
    return AnalyzedDocument(doc, sentences, ordered, by_span)


_DESCRIPTION = re.compile(r"\b[Tt]he (governor|vice-governor|mayor|official|Party chief|Party secretary|secretary|"
                          r"chairman|chairwoman|president|general manager|manager|director|minister|chief engineer)\b"
                          r"(?!\s+of\b)(?![-'’])")
_OFFICIAL = re.compile(r"\b(?:secretary|governor|mayor|minister|head|chief|director|commissioner|deputy|delegate|"
                       r"magistrate|chairman|official)\b", re.I)


def _definite_descriptions(text: str, sentences: list[Sentence], entities: list[Entity],
                           by_span: dict[tuple[int, int], Entity]) -> None:
    """'the governor' / 'the official' is the person the text gave that title before, when
    exactly one person fits (any person with an official title, for 'the official')."""
    people = [e for e in entities if e.cls == "Person"]
    def near(m: Mention) -> str:  # where a title of the person is written: beside the name, same sentence
        s = sentences[m.sentence]
        return text[max(s.start, m.start - 30):min(s.end, m.end + 60)].lower()
    around = {id(p): " ".join(near(m) for m in p.mentions) for p in people}
    for s in sentences:
        for d in _DESCRIPTION.finditer(s.text):
            word, start = d.group(1).lower(), s.start + d.start()
            fits = [p for p in people if any(m.end <= start for m in p.mentions) and (
                _OFFICIAL.search(around[id(p)]) if word == "official"
                else re.search(r"\b" + re.escape(word) + r"\b", around[id(p)]))]
            if len(fits) == 1:
                m = Mention(start, s.start + d.end(), d.group(0), "Person", s.index, surname_only=True)
                fits[0].mentions.append(m)
                by_span[(m.start, m.end)] = fits[0]


def _resolve_places(entities: list[Entity]) -> None:
    """Tie place entities to gazetteer divisions; a shared name ('Pinglu') is settled by the
    other places of the text or left unresolved (a node of its own, never merged silently)."""
    lex = lexicon()
    context = {e.key for e in entities if e.kind == "place"}
    for e in entities:
        if e.kind != "place" or e.cls in ("Zone", "TownOrVillage"):
            continue
        entry = lex.resolve(e.key, e.cls, context - {e.key})
        if entry is not None:
            e.iri, e.place_code, e.cls = place_iri(entry), entry.code, entry.cls
        elif lex.place(e.key):
            e.iri = entity_iri("place", e.key + " unresolved")


def _merge_projects(entities: dict[tuple[str, str], Entity], by_span: dict[tuple[int, int], Entity]) -> None:
    """Within a document, a project named with a subset of another's words is that project."""
    def words(e: Entity) -> set[str]:
        return set(re.sub(r"['’]s\b", "", e.key).split())
    projects = sorted((e for e in entities.values() if e.kind == "project"), key=lambda e: -len(words(e)))
    for small in reversed(projects):
        for big in projects:
            if big is not small and len(words(big)) > len(words(small)) and words(small) <= words(big):
                big.aliases.add(small.name)
                big.mentions.extend(small.mentions)
                for m in small.mentions:
                    by_span[(m.start, m.end)] = big
                del entities[("project", small.key)]
                break
