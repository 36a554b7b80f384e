"""The data the extractors read: place gazetteer, surnames, pinyin syllables, titles, name heads.

All of it lives in kg/data as plain files (see kg/data/SOURCES.md) and is loaded once.

>>> lex = lexicon()
>>> lex.is_pinyin_given_name("Xiangjun"), lex.is_pinyin_given_name("Steel")
(True, False)
>>> lex.org_head("Group")
'Enterprise'
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rdflib import Graph, URIRef

DATA = Path(__file__).resolve().parent / "data"
PLACES_FILE = DATA / "places.tsv"
LEVEL_CLASS = {"province": "Province", "prefecture": "PrefectureCity", "county": "County"}


@dataclass(frozen=True)
class PlaceEntry:
    """One administrative division of the gazetteer."""
    code: str
    name: str
    level: str
    parent: str
    suffix: str

    @property
    def cls(self) -> str:
        return LEVEL_CLASS.get(self.level, "Place")


@dataclass
class Lexicon:
    surnames: frozenset[str]
    syllables: frozenset[str]
    title_heads: frozenset[str]
    title_modifiers: frozenset[str]
    org_heads: dict[str, str]
    place_heads: dict[str, str]
    not_names: frozenset[str] = frozenset()  # pinyin phrases that look like names but are not ('tai chi')
    places: dict[str, list[PlaceEntry]] = field(default_factory=dict)  # lower-case name -> entries
    by_code: dict[str, PlaceEntry] = field(default_factory=dict)

    def org_head(self, word: str) -> str | None:
        """The organization class a name's last word implies ('Group' -> 'Enterprise'), or None."""
        return self.org_heads.get(word) or self.org_heads.get(word.title())

    def place_head(self, word: str) -> str | None:
        """The place class a name's last word implies ('County' -> 'County'), or None."""
        return self.place_heads.get(word) or self.place_heads.get(word.title())

    def place(self, name: str) -> list[PlaceEntry]:
        """Gazetteer entries with this name (any case), most senior level first."""
        return self.places.get(name.lower(), [])

    def parent_of(self, entry: PlaceEntry) -> PlaceEntry | None:
        """The entry one level up, if any."""
        return self.by_code.get(entry.parent)

    def ancestors(self, entry: PlaceEntry) -> list[PlaceEntry]:
        """The entries above this one, nearest first."""
        out, cur = [], self.parent_of(entry)
        while cur is not None:
            out.append(cur)
            cur = self.parent_of(cur)
        return out

    def resolve(self, name: str, cls: str | None, context: set[str]) -> PlaceEntry | None:
        """The one division a place name means, or None if there is none or the text does
        not say which ('Pinglu' is in Yuncheng and in Shuozhou: a mention of either city
        decides). cls narrows by level; context holds the other place names of the text."""
        cands = self.place(name)
        level = {v: k for k, v in LEVEL_CLASS.items()}.get(cls or "")
        if level and any(e.level == level for e in cands):
            cands = [e for e in cands if e.level == level]
        if len(cands) > 1:
            near = [e for e in cands if any(a.name.lower() in context for a in self.ancestors(e))]
            cands = near if near else cands
        return cands[0] if len(cands) == 1 else None

    def is_ambiguous(self, entry: PlaceEntry) -> bool:
        """Whether another division shares this one's name."""
        return len(self.places.get(entry.name.lower(), [])) > 1

    def is_surname(self, word: str) -> bool:
        return word.lower() in self.surnames

    def is_pinyin_given_name(self, word: str) -> bool:
        """Whether a word splits into one to three pinyin syllables ('Xiangjun', "Fo'an")."""
        parts = [p for p in word.lower().replace("’", "'").replace("-", "'").split("'") if p]
        if not parts:
            return False
        counts = [self._syllable_count(p) for p in parts]
        return all(c > 0 for c in counts) and sum(counts) <= 3

    def _syllable_count(self, s: str) -> int:
        """The fewest syllables s splits into (0 if it does not split)."""
        best = [0] + [99] * len(s)
        for i in range(1, len(s) + 1):
            for j in range(max(0, i - 6), i):
                if best[j] < 99 and s[j:i] in self.syllables:
                    best[i] = min(best[i], best[j] + 1)
        return best[len(s)] if best[len(s)] < 99 else 0


def _lines(name: str) -> list[str]:
    path = DATA / name
    if not path.exists():
        return []
    return [ln.rstrip("\n") for ln in path.read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")]


def _pairs(name: str) -> dict[str, str]:
    return dict(ln.split("\t", 1) for ln in _lines(name) if "\t" in ln)


def _load_places() -> tuple[dict[str, list[PlaceEntry]], dict[str, PlaceEntry]]:
    rows = _lines("places.tsv")
    names: dict[str, list[PlaceEntry]] = {}
    codes: dict[str, PlaceEntry] = {}
    order = {"province": 0, "prefecture": 1, "county": 2}
    for row in rows[1:]:
        cols = row.split("\t")
        if len(cols) < 5:
            continue
        entry = PlaceEntry(cols[0], cols[1], cols[2], cols[3], cols[4])
        codes[entry.code] = entry
        aliases = cols[6].split("|") if len(cols) > 6 and cols[6] else []
        for form in {entry.name, *aliases}:
            names.setdefault(form.lower(), []).append(entry)
    for entries in names.values():
        entries.sort(key=lambda e: (order.get(e.level, 9), e.code))
    return names, codes


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon, loaded once from kg/data."""
    places, codes = _load_places()
    return Lexicon(
        surnames=frozenset(w.lower() for w in _lines("surnames.txt")),
        syllables=frozenset(w.lower() for w in _lines("pinyin_syllables.txt")),
        title_heads=frozenset(w.lower() for w in _lines("titles.txt")),
        title_modifiers=frozenset(w.lower() for w in _lines("title_modifiers.txt")),
        not_names=frozenset(w.lower() for w in _lines("not_names.txt")),
        org_heads=_pairs("org_heads.txt"),
        place_heads=_pairs("place_heads.txt"),
        places=places,
        by_code=codes,
    )


def place_iri(entry: PlaceEntry) -> "URIRef":
    """The IRI of a gazetteer division: kgr:place/{name}, with its code when the name is shared.

    >>> place_iri(lexicon().place("Taiyuan")[0])
    rdflib.term.URIRef('https://w3id.org/cnpolicy-kg/id/place/taiyuan')
    """
    from .iris import slug
    from .vocab import KGR
    lex = lexicon()
    key = slug(entry.name) + (f"-{entry.code}" if lex.is_ambiguous(entry) else "")
    return KGR[f"place/{key}"]


def gazetteer_graph() -> "Graph":
    """Every division as RDF: type, names, code and the division it lies in (kg:locatedIn)."""
    from rdflib import Graph, Literal
    from rdflib.namespace import RDF, RDFS, SKOS
    from .vocab import KG
    lex = lexicon()
    g = Graph()
    for entry in lex.by_code.values():
        node = place_iri(entry)
        g.add((node, RDF.type, KG[entry.cls]))
        g.add((node, RDFS.label, Literal(entry.name)))
        g.add((node, KG.placeCode, Literal(entry.code)))
        if entry.suffix:
            g.add((node, SKOS.altLabel, Literal(f"{entry.name} {entry.suffix.title()}")))
        parent = lex.parent_of(entry)
        if parent is not None:
            g.add((node, KG.locatedIn, place_iri(parent)))
    return g
