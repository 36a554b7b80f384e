"""Tests of ontology/industries.ttl, the SKOS vocabulary of industries.

Three concept schemes: the national industry classification GB/T 4754-2017
(20 sections, 97 divisions), the strategic emerging industries (9 categories
of the 2018 classification, with narrower industries) and a small scheme of
cross-cutting industries of policy news. The tests check the structure the
extractors rely on (one concept per label, a clean hierarchy) and the SKOS
integrity conditions that can be checked on the graph itself.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS
from rdflib.term import BNode

ROOT = Path(__file__).resolve().parent.parent
VOCAB_FILE = ROOT / "ontology" / "industries.ttl"
ONTOLOGY_FILE = ROOT / "ontology" / "kg.ttl"

KG_NS = "https://w3id.org/cnpolicy-kg/ontology#"
KG_INDUSTRY = URIRef(KG_NS + "Industry")
ID = "https://w3id.org/cnpolicy-kg/id/"
INDUSTRY_NS = ID + "industry/"
GBT = URIRef(ID + "scheme/gbt4754-2017")
SEI = URIRef(ID + "scheme/strategic-emerging-industries")
CROSS = URIRef(ID + "scheme/cross-cutting-industries")
SCHEMES = {GBT, SEI, CROSS}

# GB/T 4754-2017: section letter -> its division codes
SECTION_DIVISIONS = {
    "A": range(1, 6), "B": range(6, 13), "C": range(13, 44), "D": range(44, 47), "E": range(47, 51),
    "F": range(51, 53), "G": range(53, 61), "H": range(61, 63), "I": range(63, 66), "J": range(66, 70),
    "K": range(70, 71), "L": range(71, 73), "M": range(73, 76), "N": range(76, 80), "O": range(80, 83),
    "P": range(83, 84), "Q": range(84, 86), "R": range(86, 91), "S": range(91, 97), "T": range(97, 98),
}

SEI_CATEGORIES = {
    "1": "new-generation information technology",
    "2": "high-end equipment manufacturing",
    "3": "new materials",
    "4": "biotechnology",
    "5": "new energy vehicle",
    "6": "new energy industry",
    "7": "energy conservation and environmental protection",
    "8": "digital creative",
    "9": "related services",
}

# altLabels too generic to name one industry in running text
GENERIC = {"industry", "industries", "sector", "services", "service", "manufacturing", "energy", "economy",
           "materials", "equipment", "technology", "production", "trade", "development", "construction",
           "processing", "infrastructure", "innovation", "environment", "environmental protection",
           "energy saving", "energy conservation", "high-tech", "emerging industries", "industrial chain"}

# labels that news uses and that must resolve to the concept given (by the concept's prefLabel)
NEWS_PHRASES = {
    "coal mining": "Mining and washing of coal",
    "coal industry": "Mining and washing of coal",
    "coking": "Processing of petroleum, coal and other fuels",
    "steel industry": "Smelting and pressing of ferrous metals",
    "logistics": "Transport, storage and postal services",
    "modern agriculture": "Agriculture, forestry, animal husbandry and fishery",
    "baijiu": "Manufacture of liquor, beverages and refined tea",
    "vinegar industry": "Manufacture of foods",
    "cultural tourism": "Cultural tourism industry",
    "digital economy": "Digital economy",
    "new energy vehicles": "New energy vehicle industry",
    "nev": "New energy vehicle industry",
    "photovoltaic": "Photovoltaic and solar energy industry",
    "solar": "Photovoltaic and solar energy industry",
    "wind power": "Wind power industry",
    "hydrogen energy": "Hydrogen energy industry",
    "big data": "Big data industry",
    "semiconductor industry": "Semiconductors and integrated circuits",
    "high-end equipment manufacturing": "High-end equipment manufacturing industry",
    "new materials": "New materials industry",
    "magnesium alloys": "Magnesium alloys",
    "special steel": "Advanced steel materials",
}


# ------------------------------------------------------------------ fixtures ---

@pytest.fixture(scope="module")
def g() -> Graph:
    graph = Graph()
    graph.parse(VOCAB_FILE, format="turtle")
    return graph


@pytest.fixture(scope="module")
def concepts(g) -> set[URIRef]:
    return set(g.subjects(RDF.type, SKOS.Concept))


def pref(g: Graph, c) -> str:
    return str(g.value(c, SKOS.prefLabel))


def scheme_of(g: Graph, c) -> URIRef:
    return g.value(c, SKOS.inScheme)


def labels(g: Graph, c) -> list[Literal]:
    return list(g.objects(c, SKOS.prefLabel)) + list(g.objects(c, SKOS.altLabel))


def norm(label: str) -> str:
    return " ".join(str(label).lower().split())


def sections(g: Graph, concepts) -> set:
    return {c for c in concepts if scheme_of(g, c) == GBT and (c, SKOS.topConceptOf, GBT) in g}


def divisions(g: Graph, concepts) -> set:
    return {c for c in concepts if scheme_of(g, c) == GBT and (c, SKOS.topConceptOf, GBT) not in g}


def broader_chain(g: Graph, c) -> list:
    """The concepts above c, nearest first; fails on a cycle."""
    chain, seen = [], {c}
    node = c
    while (up := g.value(node, SKOS.broader)) is not None:
        assert up not in seen, f"cycle through {node}"
        seen.add(up)
        chain.append(up)
        node = up
    return chain


# ------------------------------------------------------------------- parsing ---

def test_the_file_parses_and_has_no_blank_nodes(g):
    assert len(g) > 1000
    assert not any(isinstance(t, BNode) for triple in g for t in triple)


def test_only_terms_declared_in_the_ontology_are_used(g):
    onto = Graph().parse(ONTOLOGY_FILE, format="turtle")
    declared = {s for s in onto.subjects() if str(s).startswith(KG_NS)}
    used = {t for triple in g for t in triple if isinstance(t, URIRef) and str(t).startswith(KG_NS)}
    assert used <= declared
    assert (KG_INDUSTRY, RDFS.subClassOf, SKOS.Concept) in onto


def test_every_concept_is_an_industry_and_every_industry_a_concept(g, concepts):
    industries = set(g.subjects(RDF.type, KG_INDUSTRY))
    assert concepts == industries
    for c in concepts:
        assert str(c).startswith(INDUSTRY_NS), c


def test_the_three_schemes_are_described(g):
    assert set(g.subjects(RDF.type, SKOS.ConceptScheme)) == SCHEMES
    for s in SCHEMES:
        for p in (DCTERMS.title, DCTERMS.source, RDFS.comment):
            values = list(g.objects(s, p))
            assert len(values) == 1 and str(values[0]).strip(), (s, p)


# ------------------------------------------------------------------- labels ---

def test_every_concept_has_exactly_one_english_pref_label(g, concepts):
    for c in concepts:
        prefs = list(g.objects(c, SKOS.prefLabel))
        assert len(prefs) == 1, (c, prefs)
        assert prefs[0].language == "en", c


def test_labels_are_english_and_trimmed(g, concepts):
    for c in concepts:
        for label in labels(g, c):
            assert isinstance(label, Literal) and label.language == "en", (c, label)
            assert str(label) == str(label).strip() and "  " not in str(label), (c, label)
            assert str(label), c


def test_no_generic_alt_labels(g, concepts):
    for c in concepts:
        for label in g.objects(c, SKOS.altLabel):
            assert norm(label) not in GENERIC, (c, label)
            assert len(norm(label)) >= 2, (c, label)


def test_a_label_names_one_concept_within_a_scheme(g, concepts):
    seen: dict[tuple, set] = defaultdict(set)
    for c in concepts:
        for label in labels(g, c):
            seen[(scheme_of(g, c), norm(label))].add(c)
    clashes = {k: v for k, v in seen.items() if len(v) > 1}
    assert not clashes


def test_a_label_names_one_concept_across_schemes(g, concepts):
    """Stricter than SKOS asks: a phrase found in a text resolves to one industry."""
    seen: dict[str, set] = defaultdict(set)
    for c in concepts:
        for label in labels(g, c):
            seen[norm(label)].add(c)
    clashes = {k: sorted(map(str, v)) for k, v in seen.items() if len(v) > 1}
    assert not clashes


def test_news_phrases_resolve_to_the_expected_concept(g, concepts):
    index = {norm(label): c for c in concepts for label in labels(g, c)}
    for phrase, expected in NEWS_PHRASES.items():
        assert phrase in index, phrase
        assert pref(g, index[phrase]) == expected, phrase


# ------------------------------------------------------------------ schemes ---

def test_every_concept_is_in_exactly_one_known_scheme(g, concepts):
    for c in concepts:
        schemes = set(g.objects(c, SKOS.inScheme))
        assert len(schemes) == 1 and schemes <= SCHEMES, (c, schemes)


def test_top_concepts_agree_both_ways_and_have_no_broader(g, concepts):
    tops = {(c, s) for c, s in g.subject_objects(SKOS.topConceptOf)}
    has = {(c, s) for s, c in g.subject_objects(SKOS.hasTopConcept)}
    assert tops == has
    for c, s in tops:
        assert scheme_of(g, c) == s
        assert g.value(c, SKOS.broader) is None, c


def test_iris_are_slugs_and_gbt_iris_carry_the_code(g, concepts):
    for c in concepts:
        local = str(c)[len(INDUSTRY_NS):]
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", local), c
        if scheme_of(g, c) == GBT:
            assert local.startswith(f"gbt-{str(g.value(c, SKOS.notation)).lower()}-"), c
        else:
            assert not local.startswith("gbt-"), c


def test_notations_are_unique_within_a_scheme(g, concepts):
    counts = Counter((scheme_of(g, c), str(n)) for c in concepts for n in g.objects(c, SKOS.notation))
    assert all(v == 1 for v in counts.values()), [k for k, v in counts.items() if v > 1]
    for c in concepts:
        assert len(list(g.objects(c, SKOS.notation))) <= 1, c


# ---------------------------------------------------------------- hierarchy ---

def test_broader_and_narrower_are_inverse(g):
    broader = set(g.subject_objects(SKOS.broader))
    narrower = {(b, a) for a, b in g.subject_objects(SKOS.narrower)}
    assert broader == narrower
    assert broader, "the vocabulary has a hierarchy"


def test_hierarchy_stays_within_a_scheme_and_is_a_tree(g, concepts):
    for c in concepts:
        ups = list(g.objects(c, SKOS.broader))
        assert len(ups) <= 1, (c, ups)
        for up in ups:
            assert up in concepts
            assert scheme_of(g, up) == scheme_of(g, c), (c, up)


def test_no_cycles(g, concepts):
    for c in concepts:
        broader_chain(g, c)  # raises on a cycle


def test_every_concept_reaches_a_top_concept_of_its_scheme(g, concepts):
    for c in concepts:
        top = ([c] + broader_chain(g, c))[-1]
        assert (top, SKOS.topConceptOf, scheme_of(g, c)) in g, c


# -------------------------------------------------------------------- GB/T ---

def test_gbt_has_20_sections_and_97_divisions(g, concepts):
    secs, divs = sections(g, concepts), divisions(g, concepts)
    assert len(secs) == 20
    assert len(divs) == 97
    assert sorted(str(g.value(s, SKOS.notation)) for s in secs) == list("ABCDEFGHIJKLMNOPQRST")
    assert sorted(str(g.value(d, SKOS.notation)) for d in divs) == [f"{i:02d}" for i in range(1, 98)]


def test_every_division_has_a_two_digit_code_and_one_section(g, concepts):
    secs = sections(g, concepts)
    for d in divisions(g, concepts):
        assert re.fullmatch(r"\d\d", str(g.value(d, SKOS.notation))), d
        ups = list(g.objects(d, SKOS.broader))
        assert len(ups) == 1 and ups[0] in secs, (d, ups)
        assert not list(g.objects(d, SKOS.narrower)), d


def test_divisions_are_under_the_right_section(g, concepts):
    for s in sections(g, concepts):
        letter = str(g.value(s, SKOS.notation))
        codes = sorted(int(str(g.value(d, SKOS.notation))) for d in g.objects(s, SKOS.narrower))
        assert codes == list(SECTION_DIVISIONS[letter]), letter


@pytest.mark.parametrize("code, words", [
    ("A", "agriculture"), ("B", "mining"), ("C", "manufacturing"), ("G", "transport"), ("R", "culture"),
    ("06", "coal"), ("15", "liquor"), ("25", "petroleum, coal"), ("31", "ferrous"), ("32", "non-ferrous"),
    ("36", "automobiles"), ("39", "computers"), ("44", "electricity"), ("58", "multimodal"),
    ("65", "software"), ("79", "land"), ("97", "international"),
])
def test_gbt_names(g, concepts, code, words):
    found = [c for c in concepts if scheme_of(g, c) == GBT and str(g.value(c, SKOS.notation)) == code]
    assert len(found) == 1
    assert words in pref(g, found[0]).lower()


# --------------------------------------------------------------------- SEI ---

def test_the_nine_sei_categories_exist_with_narrower_industries(g, concepts):
    tops = set(g.objects(SEI, SKOS.hasTopConcept))
    assert len(tops) == 9
    by_notation = {str(g.value(t, SKOS.notation)): t for t in tops}
    assert set(by_notation) == set(SEI_CATEGORIES)
    for n, words in SEI_CATEGORIES.items():
        assert words in pref(g, by_notation[n]).lower(), n
        assert len(list(g.objects(by_notation[n], SKOS.narrower))) >= 2, n


def test_sei_narrower_industries_named_in_news(g, concepts):
    under = defaultdict(set)
    for c in concepts:
        if scheme_of(g, c) == SEI and (up := g.value(c, SKOS.broader)) is not None:
            under[str(g.value(up, SKOS.notation))] |= {norm(lab) for lab in labels(g, c)}
    expected = {
        "6": {"photovoltaic", "wind power", "hydrogen energy", "nuclear power", "biomass energy", "energy storage"},
        "1": {"big data", "cloud computing", "artificial intelligence", "semiconductors", "5g",
              "internet of things", "integrated circuits"},
        "2": {"rail transit equipment", "aerospace", "smart manufacturing equipment", "marine engineering"},
        "3": {"special steel", "carbon-based materials", "magnesium alloys", "rare earth materials"},
    }
    for n, phrases in expected.items():
        assert phrases <= under[n], (n, phrases - under[n])


# ---------------------------------------------------------- SKOS integrity ---

def test_concepts_and_schemes_are_disjoint(g):  # S9, S37
    assert not set(g.subjects(RDF.type, SKOS.Concept)) & set(g.subjects(RDF.type, SKOS.ConceptScheme))
    for p in (SKOS.broader, SKOS.narrower, SKOS.related, SKOS.closeMatch, SKOS.relatedMatch, SKOS.exactMatch):
        for s, o in g.subject_objects(p):
            assert (s, RDF.type, SKOS.Concept) in g and (o, RDF.type, SKOS.Concept) in g, (p, s, o)


def test_pref_alt_and_hidden_labels_are_disjoint(g, concepts):  # S13 (compared lower-case: stricter)
    for c in concepts:
        pref_ = {norm(x) for x in g.objects(c, SKOS.prefLabel)}
        alt = [norm(x) for x in g.objects(c, SKOS.altLabel)]
        hidden = {norm(x) for x in g.objects(c, SKOS.hiddenLabel)}
        assert not pref_ & set(alt), c
        assert not pref_ & hidden and not set(alt) & hidden, c
        assert len(alt) == len(set(alt)), (c, [a for a, n in Counter(alt).items() if n > 1])


def test_one_pref_label_per_language(g, concepts):  # S14
    for c in concepts:
        langs = Counter(x.language for x in g.objects(c, SKOS.prefLabel))
        assert all(n == 1 for n in langs.values()), c


def test_mapping_properties_are_symmetric_and_cross_schemes(g):
    for p in (SKOS.closeMatch, SKOS.relatedMatch, SKOS.exactMatch, SKOS.related):
        for s, o in g.subject_objects(p):
            assert (o, p, s) in g, (p, s, o)
            assert s != o, s
            if p != SKOS.related:
                assert scheme_of(g, s) != scheme_of(g, o), (p, s, o)


def test_related_is_disjoint_with_hierarchy(g, concepts):  # S27, and S46 for the mappings
    related = set(g.subject_objects(SKOS.related)) | set(g.subject_objects(SKOS.relatedMatch))
    for a, b in related:
        assert b not in broader_chain(g, a) and a not in broader_chain(g, b), (a, b)
    close = set(g.subject_objects(SKOS.closeMatch)) | set(g.subject_objects(SKOS.exactMatch))
    assert not close & related
    for p in (SKOS.broadMatch, SKOS.narrowMatch):
        assert not set(g.subject_objects(p)) & (close | related)


def test_every_cross_cutting_industry_is_mapped(g, concepts):
    for c in concepts:
        if scheme_of(g, c) == CROSS:
            assert list(g.objects(c, SKOS.relatedMatch)) or list(g.objects(c, SKOS.closeMatch)), c
