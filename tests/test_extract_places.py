"""Places and located_in facts, through the public path (KnowledgeGraph.add_documents -> facts).

Every sentence here is invented for the test, with places from outside the corpus's
home province.
"""
from __future__ import annotations

from extract_helpers import entities, pair, pairs


def located(text: str) -> set[tuple[str, str]]:
    return pairs(text, "located_in")


# --- gazetteer places ---------------------------------------------------------------


def test_gazetteer_province_and_cities_are_places():
    ents = entities("Zhengzhou and Luoyang are the two largest cities of Henan.")
    for name in ("zhengzhou", "luoyang", "henan"):
        assert ents.get(name) == {"Place"}, name


def test_gazetteer_places_from_other_provinces():
    ents = entities("Investors from Shenzhen, Chengdu, Hefei and Baotou met in Wuhan.")
    for name in ("shenzhen", "chengdu", "hefei", "baotou", "wuhan"):
        assert ents.get(name) == {"Place"}, name


def test_two_word_gazetteer_province():
    assert entities("Inner Mongolia expanded its grasslands.").get("inner mongolia") == {"Place"}


def test_lowercase_county_word_makes_a_place():
    assert entities("The company moved to Luanchuan county.").get("luanchuan") == {"Place"}


def test_the_city_of_x_is_a_place():
    assert entities("Trade grew in the city of Kunshan.").get("kunshan") == {"Place"}


# --- located_in: organizations ------------------------------------------------------


def test_org_based_in_city():
    text = "Henan Zhongyuan Copper Group Co., Ltd. is based in Luoyang."
    assert located(text) == {pair("Henan Zhongyuan Copper Group", "Luoyang")}


def test_org_comma_based_in_city():
    text = "Wuhu Ruifeng Auto Parts Co., Ltd., based in Wuhu, expanded."
    assert located(text) == {pair("Wuhu Ruifeng Auto Parts", "Wuhu")}


def test_org_located_in_the_city_of_x():
    text = "Kunshan Huaxing Electronics Co., Ltd. is located in the city of Kunshan."
    assert located(text) == {pair("Kunshan Huaxing Electronics", "Kunshan")}


def test_x_based_org():
    text = "Hefei-based Anhui Xinxin Technology Co., Ltd. grew fast."
    assert located(text) == {pair("Anhui Xinxin Technology", "Hefei")}


def test_org_headquartered_in_city_and_province():
    text = "Mianyang Jiuzhou Electronics Co., Ltd. is headquartered in Mianyang, Sichuan Province."
    assert located(text) == {pair("Mianyang Jiuzhou Electronics", "Mianyang"), pair("Mianyang", "Sichuan")}


def test_where_org_is_located():
    text = "Baotou, where Baotou Northern Rare Earth Corp is located, grew."
    assert located(text) == {pair("Baotou Northern Rare Earth Corp", "Baotou")}


def test_where_org_is_located_in_a_zone():
    text = "Xiangyang High-tech Zone, where Hubei Longzhong Auto Parts Co., Ltd. is located, grew fast."
    assert located(text) == {pair("Hubei Longzhong Auto Parts", "Xiangyang High-tech Zone")}


# --- located_in: administrative chains ----------------------------------------------


def test_district_city_province_chain():
    text = "The plant is in Jinshui District, Zhengzhou City, Henan Province."
    assert located(text) == {pair("Jinshui", "Zhengzhou"), pair("Zhengzhou", "Henan")}


def test_org_in_county_city_province_chain():
    text = "Luoyang Yuxin Mining Co., Ltd. is located in Luanchuan County, Luoyang City, Henan Province."
    assert located(text) == {pair("Luoyang Yuxin Mining", "Luanchuan"), pair("Luanchuan", "Luoyang"),
                             pair("Luoyang", "Henan")}


def test_district_city_pair_after_in():
    text = "Foshan Meida Electric Co., Ltd. opened a factory in Shunde District, Foshan City."
    assert pair("Shunde", "Foshan") in located(text)


def test_possessive_district():
    text = "Luoyang Yuxin Mining Co., Ltd. operates in Guangdong's Nanhai district."
    assert pair("Nanhai", "Guangdong") in located(text)


def test_possessive_county_at_sentence_start():
    assert located("Luoyang's Luanchuan county mines molybdenum.") == {pair("Luanchuan", "Luoyang")}


def test_city_in_province():
    assert located("Zhengzhou in Henan Province attracts investors.") == {pair("Zhengzhou", "Henan")}


def test_is_a_part_of_the_city_of():
    assert located("Xinzheng is a part of the city of Zhengzhou.") == {pair("Xinzheng", "Zhengzhou")}


def test_counties_in_city_dash_list():
    text = "Among the counties in Mianyang — Anzhou, Santai and Yanting — the output rose."
    assert located(text) == {pair("Anzhou", "Mianyang"), pair("Santai", "Mianyang"), pair("Yanting", "Mianyang")}


def test_districts_in_city_dash_list():
    text = "Among the districts in Wuhan — Jiangxia, Hongshan and Caidian — Jiangxia grew fastest."
    assert located(text) == {pair("Jiangxia", "Wuhan"), pair("Hongshan", "Wuhan"), pair("Caidian", "Wuhan")}


def test_the_cities_in_province_such_as():
    text = "The cities in Henan, such as Zhengzhou, Luoyang and Xuchang, grew fast."
    assert located(text) == {pair("Zhengzhou", "Henan"), pair("Luoyang", "Henan"), pair("Xuchang", "Henan")}


# --- located_in: parks and zones ----------------------------------------------------


def test_zone_in_city():
    text = "The Zhengzhou Airport Economy Zone in Zhengzhou attracted investment."
    assert located(text) == {pair("Zhengzhou Airport Economy Zone", "Zhengzhou")}


def test_zone_in_province():
    text = "The Wuhu Economic and Technological Development Zone in Anhui Province hosts many carmakers."
    assert located(text) == {pair("Wuhu Economic and Technological Development Zone", "Anhui")}


def test_high_tech_zone_in_province():
    assert located("Xiangyang High-tech Zone in Hubei hosts many firms.") == {
        pair("Xiangyang High-tech Zone", "Hubei")}


def test_science_city_is_in_province():
    text = "The Mianyang Science and Technology City is in Sichuan."
    assert located(text) == {pair("Mianyang Science and Technology City", "Sichuan")}


def test_zone_is_in_district():
    text = "The Shenzhen Qianhai Cooperation Zone is in Nanshan District."
    assert located(text) == {pair("Shenzhen Qianhai Cooperation Zone", "Nanshan")}


# --- negatives ----------------------------------------------------------------------


def test_sibling_counties_are_not_inside_each_other():
    assert located("Ruyang, Luanchuan and Songxian counties are in the mountains.") == set()


def test_sibling_county_level_cities_are_not_inside_each_other():
    assert located("Gongyi, Dengfeng and Xinmi, three county-level cities, each set up a park.") == set()


def test_sibling_cities_are_not_inside_each_other():
    assert located("Zhengzhou, Luoyang and Kaifeng signed a tourism pact.") == set()


def test_province_is_never_in_a_city():
    assert located("Officials from Henan in Luoyang met investors.") == set()


def test_city_is_never_in_a_county():
    assert located("Leaders of Luoyang in Ruyang county met farmers.") == set()


def test_city_comma_province_is_not_reversed():
    got = located("Mianyang Jiuzhou Electronics Co., Ltd. is headquartered in Mianyang, Sichuan Province.")
    assert pair("Sichuan", "Mianyang") not in got


def test_district_city_chain_is_not_reversed():
    got = located("The plant is in Jinshui District, Zhengzhou City, Henan Province.")
    assert not got & {pair("Zhengzhou", "Jinshui"), pair("Henan", "Zhengzhou"), pair("Henan", "Jinshui")}


def test_two_places_joined_by_and_are_not_nested():
    assert located("The Ruyang county government and Luoyang city signed a deal.") == set()
