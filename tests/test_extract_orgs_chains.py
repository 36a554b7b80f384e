"""Organizations (forms, aliases, part_of) and industrial chains (owners, members, chiefs),
through the public path (KnowledgeGraph.add_documents -> facts, and SPARQL on the graph).

Every sentence and firm here is invented for the test.
"""
from __future__ import annotations

import pytest

from extract_helpers import chain_relations, entities, norm, pair, pairs, post, posts, triples


def orgs(text: str) -> set[str]:
    return {n for n, types in entities(text).items() if "Organization" in types}


# --- organization forms -------------------------------------------------------------


@pytest.mark.parametrize("name", [
    "Henan Zhongyuan Copper Group Co., Ltd.",
    "Baotou Northern Rare Earth Corp",
    "Chengdu Jinsha Holding Group",
    "Sichuan Tianfu Lithium Technology Co., Ltd.",
    "Wuhu Jiangnan Logistics Co., Ltd.",
    "Anhui Jianghuai Motors Group",
    "Foshan Meida Electric Co., Ltd.",
    "Suzhou Huaxing Holdings",
    "Hubei Changjiang Pharmaceutical Co., Ltd.",
])
def test_enterprise_forms_are_organizations(name):
    assert norm(name) in orgs(f"{name} announced higher profits on Tuesday.")


def test_two_enterprises_joined_by_and_stay_apart():
    got = orgs("Shenzhen Pengcheng Technology and Foshan Meida Electric signed a deal.")
    assert got == {"shenzhen pengcheng technology", "foshan meida electric"}


def test_ministry_of_is_one_organization():
    assert orgs("The Ministry of Industry and Information Technology issued a plan.") == {
        "ministry of industry and information technology"}


def test_ministry_and_provincial_department_are_two_organizations():
    got = orgs("The Ministry of Commerce and the Anhui Provincial Department of Commerce held a fair.")
    assert got == {"ministry of commerce", "anhui provincial department of commerce"}


def test_provincial_department_of_finance_is_organization():
    assert orgs("The Henan Provincial Department of Finance released funds.") == {
        "henan provincial department of finance"}


def test_party_committee_and_government_are_organizations():
    got = orgs("The Luoyang Municipal Party Committee and the Luoyang Municipal People's Government issued a plan.")
    assert got == {"luoyang municipal party committee", "luoyang municipal peoples government"}


def test_university_is_organization():
    assert "hefei university of technology" in orgs("Hefei University of Technology opened a new lab.")


def test_enterprise_named_after_a_place_is_not_a_place():
    ents = entities("Baotou Northern Rare Earth Corp announced results.")
    assert ents == {"baotou northern rare earth corp": {"Organization"}}


# --- aliases ------------------------------------------------------------------------


ALIAS_HEREINAFTER = ('Henan Zhongyuan Copper Group Co., Ltd. (hereinafter referred to as "Zhongyuan Copper") '
                     'opened a plant. ')


def test_hereinafter_alias_is_not_a_second_entity():
    assert orgs(ALIAS_HEREINAFTER + "Zhongyuan Copper hired 300 workers.") == {"henan zhongyuan copper group"}


def test_post_naming_the_hereinafter_alias_goes_to_full_entity():
    text = ALIAS_HEREINAFTER + "Wu Gang, general manager of Zhongyuan Copper, said so."
    assert posts(text) == {post("Wu Gang", "Henan Zhongyuan Copper Group", "general manager")}


def test_location_of_the_hereinafter_alias_goes_to_full_entity():
    text = ALIAS_HEREINAFTER + "Zhongyuan Copper is based in Luoyang."
    assert pairs(text, "located_in") == {pair("Henan Zhongyuan Copper Group", "Luoyang")}


def test_abbreviation_in_parentheses_is_not_a_second_entity():
    text = "Sichuan Tianfu Lithium Technology Co., Ltd. (TFLT) expanded. TFLT hired workers."
    assert orgs(text) == {"sichuan tianfu lithium technology"}


def test_post_naming_the_abbreviation_goes_to_full_entity():
    text = "Sichuan Tianfu Lithium Technology Co., Ltd. (TFLT) expanded. Huang Bo, vice-president of TFLT, spoke."
    assert posts(text) == {post("Huang Bo", "Sichuan Tianfu Lithium Technology", "vice-president")}


def test_chain_owner_named_by_abbreviation_goes_to_full_entity():
    text = ("Sichuan Tianfu Lithium Technology Co., Ltd. (TFLT) grew. "
            "TFLT, the chain owner of the lithium battery industry chain, hired workers.")
    assert pairs(text, "chain_owner") == {pair("Sichuan Tianfu Lithium Technology", "lithium battery")}


def test_name_with_and_without_co_ltd_is_one_entity():
    text = ("Luoyang Bearing Group Co., Ltd. won an award. Luoyang Bearing Group also opened a lab.")
    assert orgs(text) == {"luoyang bearing group"}


# --- part_of ------------------------------------------------------------------------


def test_unit_of_enterprise_is_part_of_it():
    text = "The Engineering Technology Center of Luoyang Bearing Group Co., Ltd. won an award."
    assert pairs(text, "part_of") == {pair("Engineering Technology Center", "Luoyang Bearing Group")}


def test_research_institute_of_group_is_part_of_it():
    text = "The Research Institute of Anhui Wanjiang Logistics Group was founded."
    assert pairs(text, "part_of") == {pair("Research Institute", "Anhui Wanjiang Logistics Group")}


def test_possessive_subsidiary_is_part_of_parent():
    text = "Wanjiang Logistics Group's subsidiary Wanjiang Cold Chain Co., Ltd. opened a warehouse."
    assert pairs(text, "part_of") == {pair("Wanjiang Cold Chain", "Wanjiang Logistics Group")}


def test_appositive_a_subsidiary_of():
    text = "Kunshan Huaxing Electronics Co., Ltd., a subsidiary of Suzhou Huaxing Holding Group, opened a line."
    assert pairs(text, "part_of") == {pair("Kunshan Huaxing Electronics", "Suzhou Huaxing Holding Group")}


def test_name_prefix_unit_is_part_of_group():
    text = "The Hefei Xinhua Holding Group Research Institute released a report. Hefei Xinhua Holding Group grew."
    assert pairs(text, "part_of") == {pair("Hefei Xinhua Holding Group Research Institute",
                                           "Hefei Xinhua Holding Group")}


def test_two_unrelated_enterprises_are_not_part_of_each_other():
    text = "Shenzhen Pengcheng Technology Co., Ltd. and Foshan Meida Electric Co., Ltd. signed a deal."
    assert pairs(text, "part_of") == set()


def test_enterprise_is_not_part_of_a_government_body_it_met():
    text = "Foshan Meida Electric Co., Ltd. met the Ministry of Commerce in Beijing."
    assert pairs(text, "part_of") == set()


# --- chain owners -------------------------------------------------------------------


def test_the_chain_owner_enterprise_of_the_chain():
    text = ("Henan Zhongyuan Copper Group Co., Ltd., the chain owner enterprise of the copper processing "
            "industry chain, expanded output.")
    assert pairs(text, "chain_owner") == {pair("Henan Zhongyuan Copper Group", "copper processing industry chain")}


def test_as_the_chain_master_enterprise_of_the_industrial_chain():
    text = ("As the chain master enterprise of the new energy vehicle industrial chain, "
            "Anhui Jianghuai Motors Group led the cluster.")
    assert pairs(text, "chain_owner") == {pair("Anhui Jianghuai Motors Group", "new energy vehicle industrial chain")}


def test_is_the_chain_leader_of():
    text = "Hefei Xinhua Holding Group is the chain leader of the display panel industry chain."
    assert pairs(text, "chain_owner") == {pair("Hefei Xinhua Holding Group", "display panel industry chain")}


def test_chain_leading_enterprise():
    text = "Luoyang Bearing Group Co., Ltd. serves as the chain-leading enterprise of the bearing industry chain."
    assert pairs(text, "chain_owner") == {pair("Luoyang Bearing Group", "bearing industry chain")}


def test_chain_chief_enterprise_is_an_owner():
    text = ("Baotou Northern Rare Earth Corp, a chain-chief enterprise of the rare earth industry chain, "
            "hired 500 workers.")
    assert pairs(text, "chain_owner") == {pair("Baotou Northern Rare Earth Corp", "rare earth industry chain")}


def test_owner_of_two_chains():
    text = "Hefei Xinhua Holding Group is the chain owner of both the display panel and semiconductor industry chains."
    assert pairs(text, "chain_owner") == {pair("Hefei Xinhua Holding Group", "display panel"),
                                          pair("Hefei Xinhua Holding Group", "semiconductor")}


def test_chain_is_an_industrial_chain_entity():
    text = "Hefei Xinhua Holding Group is the chain leader of the display panel industry chain."
    assert ("entity", "display panel", "IndustrialChain") in triples(text, "entity")


# --- chain members ------------------------------------------------------------------


def test_with_a_and_b_as_the_core_are_members():
    text = ("The home appliance industry chain grew, with Foshan Meida Electric Co., Ltd. and "
            "Shenzhen Pengcheng Technology Co., Ltd. as the core.")
    assert pairs(text, "chain_member") == {pair("Foshan Meida Electric", "home appliance"),
                                           pair("Shenzhen Pengcheng Technology", "home appliance")}


def test_build_chain_with_one_firm_as_the_core():
    text = "Luoyang will build the bearing industry chain with Luoyang Bearing Group Co., Ltd. as the core."
    assert pairs(text, "chain_member") == {pair("Luoyang Bearing Group", "bearing")}


def test_member_is_not_also_an_owner():
    text = "Luoyang will build the bearing industry chain with Luoyang Bearing Group Co., Ltd. as the core."
    assert pairs(text, "chain_owner") == set()


# --- chain chiefs (officials) kept apart from owners --------------------------------


CHIEF_AND_OWNER = ("Zhang Weiguo, the chain chief of the copper processing industry chain, visited "
                   "Henan Zhongyuan Copper Group Co., Ltd., the chain owner.")


def test_chain_chief_official_is_chief_in_the_graph():
    assert ("zhang weiguo", "chief", "copper processing") in chain_relations(CHIEF_AND_OWNER)


def test_chain_chief_official_is_not_exported_as_owner():
    assert pairs(CHIEF_AND_OWNER, "chain_owner") == {pair("Henan Zhongyuan Copper Group", "copper processing")}


def test_chain_chief_official_is_not_owner_in_the_graph():
    rel = chain_relations(CHIEF_AND_OWNER)
    assert ("zhang weiguo", "owner", "copper processing") not in rel
    assert ("henan zhongyuan copper group", "owner", "copper processing") in rel


def test_lone_chain_chief_official_gives_no_owner():
    text = "Vice-governor Zhang Weiguo serves as the chain chief of the copper processing industry chain."
    assert pairs(text, "chain_owner") == set()
    assert ("zhang weiguo", "chief", "copper processing") in chain_relations(text)


# --- chains: negatives --------------------------------------------------------------


def test_supply_chain_is_not_an_industrial_chain():
    text = "Foshan Meida Electric Co., Ltd. strengthened its supply chain."
    assert not any(t == "IndustrialChain" for _, _, t in triples(text, "entity"))


def test_innovation_and_talent_chains_are_not_industrial_chains():
    text = "The innovation chain and the talent chain were integrated at Hefei Xinhua Holding Group."
    assert not any(t == "IndustrialChain" for _, _, t in triples(text, "entity"))


def test_cold_chain_warehouse_is_not_an_industrial_chain():
    text = "Wuhu Ruifeng Auto Parts Co., Ltd. built a cold chain warehouse."
    assert not any(t == "IndustrialChain" for _, _, t in triples(text, "entity"))


def test_leading_a_chain_without_an_owner_cue_gives_no_owner():
    text = "Luoyang Bearing Group Co., Ltd. leads the industrial chain."
    assert pairs(text, "chain_owner") == set()


def test_supply_chain_leader_gives_no_chain_owner():
    text = "Foshan Meida Electric Co., Ltd. improved its supply chain and became a market leader."
    assert pairs(text, "chain_owner") == set() and pairs(text, "chain_member") == set()


def test_chain_with_many_enterprises_names_no_member():
    text = "The bearing industry chain in Luoyang has 120 enterprises."
    assert pairs(text, "chain_member") == set() and pairs(text, "chain_owner") == set()


def test_an_opening_participle_is_not_part_of_the_firm_name():
    from rdflib.namespace import RDFS
    from kg.documents import parse_text
    from kg.pipeline import extract
    text = ("Taking Xinzhou Hengda Materials Group as the core, Xinzhou is building a chain of new materials. "
            "Guided by Luliang Shengtai Energy Co., Ltd., the county plans more plants.")
    _, graph = extract(parse_text("t", text))
    labels = {str(o) for o in graph.objects(None, RDFS.label)}
    assert "Xinzhou Hengda Materials Group" in labels
    assert not any(label.startswith(("Taking ", "Guided ")) for label in labels)
