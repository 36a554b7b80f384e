"""Projects (operator, status, investment, capacity), observations (past figures),
industries (fostered by places, worked in by enterprises), place identity through the
gazetteer, and conflicts between articles. Every sentence is written for the test."""
from __future__ import annotations

from extract_helpers import graph, with_date

from kg.api import KnowledgeGraph
from kg.documents import parse_text

KG = "https://w3id.org/cnpolicy-kg/ontology#"
PREFIXES = f"""PREFIX kg: <{KG}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>"""


def rows(text: str, select: str) -> set[tuple[str, ...]]:
    return {tuple("" if v is None else str(v) for v in r) for r in graph(text).query(PREFIXES + select).rows}


PROJECT = with_date(
    "Sichuan Tianfu Lithium Technology Co., Ltd. signed the lithium battery materials project with an "
    "investment of 3.5 billion yuan on May 8. The 20,000-ton cathode materials project of Sichuan Tianfu "
    "Lithium Technology Co., Ltd. was put into operation in 2023.", "2024-05-10")
PROJECT_Q = """SELECT ?name ?op ?status ?when ?inv ?invUnit ?cap ?capUnit WHERE {
  ?p a kg:Project ; rdfs:label ?name .
  OPTIONAL { ?p kg:operatedBy/rdfs:label ?op } OPTIONAL { ?p kg:status ?s . BIND(STRAFTER(STR(?s), "#") AS ?status) }
  OPTIONAL { ?p kg:statusDate ?when } OPTIONAL { ?p kg:investmentValue ?inv ; kg:investmentUnit ?invUnit }
  OPTIONAL { ?p kg:capacityValue ?cap ; kg:capacityUnit ?capUnit } }"""


def test_project_operator_status_date_and_investment():
    assert ("lithium battery materials project", "Sichuan Tianfu Lithium Technology Co., Ltd.", "Signed",
            "2024-05-08", "3.5", "billion yuan", "", "") in rows(PROJECT, PROJECT_Q)


def test_project_of_an_enterprise_with_capacity_in_its_name_in_operation():
    assert ("20,000-ton cathode materials project", "Sichuan Tianfu Lithium Technology Co., Ltd.", "InOperation",
            "2023", "", "", "20000", "tons") in rows(PROJECT, PROJECT_Q)


def test_completed_piling_is_still_under_construction():
    text = "The 50,000-ton copper foil workshop (Phase II) has completed piling, Wang Li said."
    assert {r[2] for r in rows(text, PROJECT_Q)} == {"UnderConstruction"}


OBS = with_date("Wuhu's GDP reached 480 billion yuan in 2023, and the city will grow 8 percent in 2024.", "2024-02-01")


def test_a_past_figure_is_an_observation_not_a_target():
    obs = rows(OBS, """SELECT ?who ?v ?u ?y WHERE { ?o a kg:Observation ; kg:observedFor/rdfs:label ?who ;
                       kg:observedValue ?v ; kg:unit ?u ; kg:observationYear ?y }""")
    assert obs == {("Wuhu", "480", "billion yuan", "2023")}
    targets = rows(OBS, "SELECT ?v ?y WHERE { ?t a kg:Target ; kg:targetValue ?v ; kg:targetYear ?y }")
    assert targets == {("8", "2024")}


def test_no_observation_from_a_forward_looking_clause():
    text = with_date("Henan will raise its grain output to 70 million tons in 2025.", "2024-01-05")
    assert rows(text, "SELECT ?o WHERE { ?o a kg:Observation }") == set()


FOSTER_Q = """SELECT ?who ?ind WHERE { ?w kg:fostersIndustry ?i . ?w rdfs:label ?who . ?i skos:prefLabel ?ind }"""


def test_a_place_fosters_the_industries_named_after_the_verb():
    text = "Hefei will foster emerging industries such as new energy vehicles, semiconductors and artificial intelligence."
    found = rows(text, FOSTER_Q)
    assert {w for w, _ in found} == {"Hefei"}
    assert len(found) == 3


def test_a_lone_common_word_is_not_an_industry_without_context():
    text = "Zhengzhou will speed up the construction of new roads and support finance reform."
    assert rows(text, FOSTER_Q) == set()


def test_an_enterprise_described_as_a_maker_works_in_that_industry():
    text = "Kunshan Hengda Electronics Co., Ltd., a semiconductor maker, opened a plant."
    found = rows(text, "SELECT ?who WHERE { ?e kg:inIndustry ?i ; rdfs:label ?who }")
    assert found == {("Kunshan Hengda Electronics Co., Ltd.",)}


def test_a_shared_county_name_is_settled_by_the_city_the_text_names():
    kg = KnowledgeGraph(None)
    kg.add_documents([parse_text("a", "Baichi village in Pinglu county is part of the city of Yuncheng."),
                      parse_text("b", "Pinglu District of Shuozhou has a wind farm.")])
    codes = {str(r[0]): str(r[1]) for r in kg.query(PREFIXES + """SELECT ?p ?code WHERE {
        GRAPH ?g { ?d a kg:Document . ?p kg:placeCode ?code ; rdfs:label ?l } FILTER(STRSTARTS(?l, "Pinglu")) }""").rows}
    assert sorted(codes.values()) == ["140603", "140829"]  # two divisions, two nodes


def test_an_unsettled_shared_name_is_not_merged_with_either_division():
    kg = KnowledgeGraph(None)
    kg.add_documents([parse_text("a", "Officials of Pinglu met on Monday.")])
    rows_ = kg.query(PREFIXES + """SELECT ?p WHERE { GRAPH ?g { ?d a kg:Document . ?p rdfs:label "Pinglu" } }""").rows
    assert [str(r[0]).rsplit("/", 1)[-1] for r in rows_] == ["pinglu-unresolved"]


def test_a_village_is_never_the_county_of_the_same_name():
    kg = KnowledgeGraph(None)
    kg.add_documents([parse_text("a", "Farmers in Xinghua Village, Fenyang City, brew liquor.")])
    villages = kg.query(PREFIXES + """SELECT ?p WHERE { GRAPH ?g { ?d a kg:Document . ?p a kg:TownOrVillage } }""").rows
    assert [str(r[0]).rsplit("/", 1)[-1] for r in villages] == ["xinghua-village"]


def test_conflicting_places_from_two_articles_are_reported_with_both_evidences():
    kg = KnowledgeGraph(None)
    kg.add_documents([parse_text("a", "Trucks leave Hongda Logistics Park in Zhengzhou every day."),
                      parse_text("b", "Hongda Logistics Park in Kaifeng is growing."),
                      parse_text("c", "Hongda Logistics Park in Henan hires drivers.")])
    conflicts = kg.conflicts()
    assert [(c["name"], c["nameA"], c["nameB"]) for c in conflicts] == [("Hongda Logistics Park", "Kaifeng", "Zhengzhou")]
    assert "every day" in conflicts[0]["evidenceB"] and "is growing" in conflicts[0]["evidenceA"]
