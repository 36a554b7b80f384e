"""Harder phrasings: sentence adverbs before surnames, names that are places or loanwords,
titles after names and organizations, shared appositives, units, place appositives,
chain members by 'takes A as the core', officials called chain chiefs, and targets whose
year or value sits in a list or beside a past statistic.

Each test states what a careful reader gets from the sentence; every sentence is
invented for the test.
"""
from __future__ import annotations

from extract_helpers import norm, pair, pairs, people, post, posts, select, targets, with_date

# --- people -------------------------------------------------------------------------


def test_surname_only_after_sentence_adverb_resolves():
    text = "Ouyang Xiaofang spoke first. Later Ouyang, the mayor of Luoyang, said more."
    assert posts(text) == {post("Ouyang Xiaofang", "Luoyang", "mayor")}


def test_lu_with_umlaut_is_a_person():
    assert people("Lü Hong, mayor of Wuhu, said so.") == {norm("Lü Hong")}


def test_hong_kong_is_not_a_person():
    assert people("Investors from Hong Kong and Macao came to Zhengzhou.") == set()


def test_tai_chi_is_not_a_person():
    assert people("Tourists practiced Tai Chi in the park.") == set()


# --- posts --------------------------------------------------------------------------


def test_place_party_secretary_name():
    assert posts("Wuhan Party Secretary Guo Yuanqiang attended.") == {
        post("Guo Yuanqiang", "Wuhan", "Party Secretary")}


def test_org_title_name_with_surname_he():
    assert posts("Foshan Meida Electric chairman He Xiangmin said sales rose.") == {
        post("He Xiangmin", "Foshan Meida Electric", "chairman")}


def test_title_name_of_place():
    assert posts("Zhang Weiguo said so. Mayor Zhang Weiguo of Zhengzhou said more.") == {
        post("Zhang Weiguo", "Zhengzhou", "mayor")}


def test_the_title_of_org_comma_name_comma():
    text = "The general manager of Anhui Jianghuai Motors Group, Liu Xiaodong, said demand was strong."
    assert posts(text) == {post("Liu Xiaodong", "Anhui Jianghuai Motors Group", "general manager")}


def test_capitalized_delegate_before_name_belongs_to_congress_of_text():
    text = "The 14th National People's Congress opened in Beijing. Delegate Hu Jing said the report was good."
    assert posts(text) == {post("Hu Jing", "14th National People's Congress", "delegate")}


def test_two_people_sharing_one_deputies_appositive():
    text = "Hu Jing and Ding Lei, deputies to the Sichuan Provincial People's Congress, visited Mianyang."
    assert posts(text) == {post("Hu Jing", "Sichuan Provincial People's Congress", "deputy"),
                           post("Ding Lei", "Sichuan Provincial People's Congress", "deputy")}


# --- organizations ------------------------------------------------------------------


def test_lowercase_branch_of_enterprise_is_part_of_it():
    text = "The Wuhu branch of Anhui Jianghuai Motors Group opened."
    assert pairs(text, "part_of") == {pair("Wuhu branch", "Anhui Jianghuai Motors Group")}


def test_and_its_subsidiary():
    text = "Shenzhen Pengcheng Technology Co., Ltd. and its subsidiary Pengcheng Smart Logistics Co., Ltd. expanded."
    assert pairs(text, "part_of") == {pair("Pengcheng Smart Logistics", "Shenzhen Pengcheng Technology")}


# --- places -------------------------------------------------------------------------


def test_zone_lies_in_city():
    text = "The Chengdu Hi-tech Industrial Development Zone lies in Chengdu."
    assert pairs(text, "located_in") == {pair("Chengdu Hi-tech Industrial Development Zone", "Chengdu")}


def test_appositive_a_district_of_city():
    assert pairs("Shunde, a district of Foshan, is famous for appliances.", "located_in") == {
        pair("Shunde", "Foshan")}


def test_district_of_city():
    text = "The Shenzhen Qianhai Cooperation Zone is in Nanshan District of Shenzhen."
    assert pairs(text, "located_in") == {pair("Shenzhen Qianhai Cooperation Zone", "Nanshan"),
                                         pair("Nanshan", "Shenzhen")}


def test_county_level_city_under_prefecture():
    assert pairs("Kunshan is a county-level city under Suzhou.", "located_in") == {pair("Kunshan", "Suzhou")}


def test_capitalized_cities_in_province_such_as():
    text = "Cities in Henan, such as Zhengzhou, Luoyang and Xuchang, grew fast."
    assert pairs(text, "located_in") == {pair("Zhengzhou", "Henan"), pair("Luoyang", "Henan"),
                                         pair("Xuchang", "Henan")}


# --- chains -------------------------------------------------------------------------


def test_chain_takes_a_and_b_as_the_core():
    text = ("The lithium battery industry chain takes Sichuan Tianfu Lithium Technology Co., Ltd. and "
            "Mianyang Jiuzhou Electronics Co., Ltd. as the core.")
    assert pairs(text, "chain_member") == {pair("Sichuan Tianfu Lithium Technology", "lithium battery"),
                                           pair("Mianyang Jiuzhou Electronics", "lithium battery")}


def test_sentence_initial_with_a_and_b_as_the_core():
    text = ("With Foshan Meida Electric Co., Ltd. and Shenzhen Pengcheng Technology Co., Ltd. as the core, "
            "the home appliance industry chain grew.")
    assert pairs(text, "chain_member") == {pair("Foshan Meida Electric", "home appliance"),
                                           pair("Shenzhen Pengcheng Technology", "home appliance")}


def test_is_a_key_enterprise_of_the_chain():
    text = "Wuhu Ruifeng Auto Parts Co., Ltd. is a key enterprise of the auto parts industry chain."
    assert pairs(text, "chain_member") == {pair("Wuhu Ruifeng Auto Parts", "auto parts")}


def test_key_enterprises_of_the_chain_include():
    text = ("Key enterprises of the auto parts industry chain include Wuhu Ruifeng Auto Parts Co., Ltd. "
            "and Wuhu Jiangnan Logistics Co., Ltd.")
    assert pairs(text, "chain_member") == {pair("Wuhu Ruifeng Auto Parts", "auto parts"),
                                           pair("Wuhu Jiangnan Logistics", "auto parts")}


def test_firm_visited_by_chain_chief_is_not_chain_owner():
    text = ("Vice-mayor Ouyang Xiaofang, the chain chief of the bearing industry chain, "
            "visited Luoyang Bearing Group Co., Ltd.")
    assert pairs(text, "chain_owner") == set()


# --- targets ------------------------------------------------------------------------


def test_sentence_initial_by_year_comma_will_become():
    got = targets("Henan's economy will grow. By 2030, Baotou will become a national rare earth hub.")
    assert any(t["owner"] == "baotou" and t["year"] == 2030 and "rare earth hub" in t["metric"] for t in got)


def test_targets_for_year_include_gives_year_and_values():
    got = targets("Anhui's targets for 2024 include GDP growth of around 5.5 percent; "
                  "and urban unemployment of about 5.5 percent.")
    assert sorted((t["owner"], t["year"], t["value"], t["unit"]) for t in got) == [
        ("anhui", 2024, 5.5, "percent"), ("anhui", 2024, 5.5, "percent")]


def test_past_growth_joined_by_and_to_a_goal_is_not_a_target():
    got = targets("Wuhu's output grew 9 percent in 2023 and the city will strive to grow another "
                  "8 percent in 2024.")
    assert [(t["owner"], t["year"], t["value"]) for t in got] == [("wuhu", 2024, 8)]


# --- definite descriptions, plan periods, multiples -----------------------------------


def test_the_governor_is_the_one_person_given_that_title():
    text = ("Wang Hua, governor of Henan, spoke on Monday. Li Ming, a farmer, listened. The governor, who is "
            "also deputy Party secretary of the Henan Provincial Committee, said grain output will rise.")
    assert post("Wang Hua", "Henan Provincial Committee", "deputy Party secretary") in posts(text)


def test_the_official_stays_unresolved_when_two_officials_fit():
    text = ("Wang Hua, mayor of Luoyang, and Zhou Jie, mayor of Kaifeng, met. The official, who is also "
            "director of the Henan Provincial Department of Commerce, spoke.")
    assert all(p[1] != norm("Henan Provincial Department of Commerce") for p in posts(text))


def test_a_target_during_a_five_year_plan_is_due_in_its_last_year():
    text = with_date("Anhui will double its output of new energy vehicles during the 14th Five-Year Plan.",
                     "2021-03-01")
    assert [(t["owner"], t["year"], t["value"], t["unit"]) for t in targets(text)] == [("anhui", 2025, 2, "times")]
    assert select(text, "SELECT ?p WHERE { ?t kg:period ?p }") == {("14th Five-Year Plan",)}
