"""People and their posts, through the public path (KnowledgeGraph.add_documents -> facts).

Every sentence here is invented for the test; places and firms are from outside the
corpus's home province on purpose.
"""
from __future__ import annotations

from extract_helpers import people, post, posts

# --- people: pinyin names ---------------------------------------------------------


def test_two_syllable_given_name_is_a_person():
    assert people("Zhang Weiguo visited the new plant on Monday.") == {"zhang weiguo"}


def test_one_syllable_given_name_is_a_person():
    assert people("Li Ming, mayor of Baotou, opened the fair.") == {"li ming"}


def test_three_syllable_given_name_is_a_person():
    assert "zhao yingjiahui" in people("Zhao Yingjiahui, manager of Wuhu Ruifeng Auto Parts Co., Ltd., spoke.")


def test_given_name_with_apostrophe_is_a_person():
    assert "lan foan" in people("Lan Fo'an, governor of Guangdong, attended the event.")


def test_given_name_with_curly_apostrophe_is_a_person():
    assert "lan foan" in people("Lan Fo’an, governor of Guangdong, attended the event.")


def test_second_apostrophe_name_is_a_person():
    assert "du ruoan" in people("Du Ruo'an, head of the Xiangyang Municipal Bureau of Commerce, said so.")


def test_two_character_surname_ouyang_is_a_person():
    assert people("Ouyang Xiaofang, mayor of Luoyang, spoke at the meeting.") == {"ouyang xiaofang"}


def test_two_character_surnames_sima_and_zhuge_are_people():
    text = ("Sima Guang, deputy general manager of Wuhu Jiangnan Logistics Co., Ltd., met "
            "Zhuge Liangyu, chairman of Chengdu Jinsha Holding Group.")
    assert {"sima guang", "zhuge liangyu"} <= people(text)


def test_lyu_spelling_is_a_person():
    assert "lyu hong" in people("Lyu Hong, chairman of Henan Zhongyuan Copper Group Co., Ltd., said sales rose.")


def test_lv_spelling_is_a_person():
    assert "lv hong" in people("Lv Hong, mayor of Wuhu, said so.")


def test_all_caps_byline_is_a_person():
    assert people("By ZHANG WEIGUO in Zhengzhou") == {"zhang weiguo"}


def test_all_caps_byline_with_two_reporters():
    assert people("By OUYANG XIAOFANG and SIMA GUANG in Hefei | China Daily") == {"ouyang xiaofang", "sima guang"}


def test_all_caps_photo_credit_is_a_person():
    assert "zhu xingxin" in people("Photo by ZHU XINGXIN / CHINA DAILY")


def test_surname_only_mention_is_the_same_person():
    text = "Zhang Weiguo visited the plant in Zhengzhou. Zhang said the city would grow."
    assert people(text) == {"zhang weiguo"}


def test_post_stated_on_surname_only_mention_goes_to_full_name():
    text = "Zhang Weiguo toured the port. Zhang, Party secretary of Zhengzhou, said more."
    assert post("Zhang Weiguo", "Zhengzhou", "Party secretary") in posts(text)
    assert people(text) == {"zhang weiguo"}


def test_two_character_surname_only_mention_resolves():
    text = "Ouyang Xiaofang spoke first. Ouyang, the mayor of Luoyang, said more."
    assert posts(text) == {post("Ouyang Xiaofang", "Luoyang", "mayor")}


def test_surname_only_mention_of_one_of_two_people_makes_no_new_person():
    text = "Li Zhiqiang and Wang Yuhua attended the meeting. Li said the work went well."
    assert people(text) == {"li zhiqiang", "wang yuhua"}


# --- people: negatives --------------------------------------------------------------


def test_long_march_is_not_a_person():
    assert people("The Long March rocket flew from the launch site.") == set()


def test_golden_week_is_not_a_person():
    assert people("Golden Week tourism rose sharply in Luoyang.") == set()


def test_sun_valley_is_not_a_person():
    assert people("Sun Valley Resort opened in Baotou.") == set()


def test_yellow_river_is_not_a_person():
    assert people("The Yellow River flows through Henan.") == set()


def test_spring_festival_is_not_a_person():
    assert people("The Lunar New Year holiday and Spring Festival boosted sales.") == set()


# --- posts: appositives -------------------------------------------------------------


def test_appositive_party_secretary_of_city():
    text = "Zhang Weiguo, Party secretary of Zhengzhou, visited the plant."
    assert posts(text) == {post("Zhang Weiguo", "Zhengzhou", "Party secretary")}


def test_appositive_governor_of_province():
    assert posts("Lan Fo'an, governor of Guangdong, attended the event.") == {
        post("Lan Fo'an", "Guangdong", "governor")}


def test_appositive_chairman_of_enterprise():
    text = "Lyu Hong, chairman of Henan Zhongyuan Copper Group Co., Ltd., said sales rose."
    assert posts(text) == {post("Lyu Hong", "Henan Zhongyuan Copper Group", "chairman")}


def test_appositive_after_said():
    text = '"We will grow," said Liu Xiaodong, general manager of Anhui Jianghuai Motors Group.'
    assert posts(text) == {post("Liu Xiaodong", "Anhui Jianghuai Motors Group", "general manager")}


def test_appositive_deputy_general_manager():
    text = "Sima Guang, deputy general manager of Wuhu Jiangnan Logistics Co., Ltd., said so."
    assert posts(text) == {post("Sima Guang", "Wuhu Jiangnan Logistics Co., Ltd.", "deputy general manager")}


def test_appositive_chief_engineer():
    text = "Jiang Tao, chief engineer of Baotou Northern Rare Earth Corp, said the plant was upgraded."
    assert posts(text) == {post("Jiang Tao", "Baotou Northern Rare Earth Corp", "chief engineer")}


def test_appositive_head_of_municipal_bureau():
    text = "Pan Yue, head of the Kunshan Municipal Bureau of Commerce, said exports grew."
    assert posts(text) == {post("Pan Yue", "Kunshan Municipal Bureau of Commerce", "head")}


def test_appositive_university_president():
    text = "Yan Bing, president of Hefei University of Technology, said so."
    assert posts(text) == {post("Yan Bing", "Hefei University of Technology", "president")}


def test_appositive_worker_at_enterprise():
    text = "Xu Lan, a worker at Kunshan Huaxing Electronics Co., Ltd., said production was busy."
    assert posts(text) == {post("Xu Lan", "Kunshan Huaxing Electronics", "worker")}


def test_two_people_each_with_own_appositive():
    text = "Gu Haiyan, vice-mayor of Wuhan, and Cao Min, mayor of Xiangyang, signed the agreement."
    assert posts(text) == {post("Gu Haiyan", "Wuhan", "vice-mayor"), post("Cao Min", "Xiangyang", "mayor")}


def test_second_person_in_sentence_does_not_take_first_persons_post():
    text = "Zhang Weiguo, Party secretary of Zhengzhou, met Li Qiangsheng, mayor of Luoyang."
    assert posts(text) == {post("Zhang Weiguo", "Zhengzhou", "Party secretary"),
                           post("Li Qiangsheng", "Luoyang", "mayor")}


# --- posts: coordinated titles ------------------------------------------------------


def test_coordinated_titles_with_two_places():
    text = "Wang Jianhua, mayor of Hefei and deputy Party secretary of Anhui, said so."
    assert posts(text) == {post("Wang Jianhua", "Hefei", "mayor"),
                           post("Wang Jianhua", "Anhui", "deputy Party secretary")}


def test_coordinated_titles_share_the_last_object():
    text = "Qin Yue, secretary of the Party committee and chairman of Luoyang Bearing Group Co., Ltd., said so."
    got = posts(text)
    assert post("Qin Yue", "Luoyang Bearing Group", "chairman") in got
    assert any(p == "qin yue" and o == "luoyang bearing group" and "secretary" in t for p, o, t in got)


def test_congress_deputy_and_enterprise_post_together():
    text = ("Hu Jing, a deputy to the Henan Provincial People's Congress and chairwoman of "
            "Luoyang Yuxin Mining Co., Ltd., spoke.")
    assert posts(text) == {post("Hu Jing", "Henan Provincial People's Congress", "deputy"),
                           post("Hu Jing", "Luoyang Yuxin Mining", "chairwoman")}


# --- posts: title before the name ---------------------------------------------------


def test_place_title_name():
    assert posts("Henan Governor Liu Jianmin inspected the site.") == {post("Liu Jianmin", "Henan", "governor")}


def test_city_mayor_name():
    assert posts("Luoyang Mayor Ouyang Xiaofang opened the fair.") == {
        post("Ouyang Xiaofang", "Luoyang", "mayor")}


def test_the_title_of_org_then_name():
    text = "The general manager of Anhui Jianghuai Motors Group Liu Xiaodong said demand was strong."
    assert posts(text) == {post("Liu Xiaodong", "Anhui Jianghuai Motors Group", "general manager")}


def test_org_title_name():
    text = "Foshan Meida Electric chairman Fang Hongbo said sales rose."
    assert posts(text) == {post("Fang Hongbo", "Foshan Meida Electric", "chairman")}


# --- posts: elected / appointed -----------------------------------------------------


def test_elected_as_title_of_place():
    assert posts("Tan Li was elected as the Party secretary of Mianyang.") == {
        post("Tan Li", "Mianyang", "Party secretary")}


def test_elected_title_of_organization():
    text = "Chen Meiling was elected chairwoman of the Sichuan Provincial Federation of Trade Unions."
    assert posts(text) == {post("Chen Meiling", "Sichuan Provincial Federation of Trade Unions", "chairwoman")}


def test_elected_chairman_of_the_board():
    text = "Hou Jun was elected chairman of the board of Chengdu Jinsha Holding Group."
    got = posts(text)
    assert len(got) == 1
    person, where, title = next(iter(got))
    assert (person, where) == ("hou jun", "chengdu jinsha holding group") and "chairman" in title


def test_appointed_title_of_enterprise():
    text = "Liang Jun was appointed general manager of Shenzhen Pengcheng Technology Co., Ltd. in May."
    assert posts(text) == {post("Liang Jun", "Shenzhen Pengcheng Technology", "general manager")}


# --- posts: congress delegates and deputies -----------------------------------------


def test_deputy_to_national_peoples_congress():
    text = "Zhou Hongbo, a deputy to the 14th National People's Congress, spoke."
    assert posts(text) == {post("Zhou Hongbo", "14th National People's Congress", "deputy")}


def test_deputy_to_provincial_peoples_congress():
    text = "Feng Xiaoyu, a deputy to the Henan Provincial People's Congress, proposed a new law."
    assert posts(text) == {post("Feng Xiaoyu", "Henan Provincial People's Congress", "deputy")}


def test_bare_delegate_belongs_to_the_congress_of_the_text():
    text = "The 14th National People's Congress opened. Hu Jing, a delegate, said the report was good."
    assert posts(text) == {post("Hu Jing", "14th National People's Congress", "delegate")}


# --- posts: units inside an organization --------------------------------------------


def test_director_of_department_of_org_has_org_as_object():
    text = "Sun Lihua, director of the sales department of Foshan Meida Electric Co., Ltd., said orders doubled."
    got = posts(text)
    assert len(got) == 1
    person, where, title = next(iter(got))
    assert (person, where) == ("sun lihua", "foshan meida electric")
    assert "director" in title and "sales department" in title


# --- posts: negatives ---------------------------------------------------------------


def test_farmer_in_village_is_not_a_post():
    assert posts("Guo Fei, a farmer in Xiaoliu village, planted corn.") == set()


def test_farmer_predicate_is_not_a_post():
    assert posts("Zhao Ming is a farmer in Yichuan county.") == set()


def test_title_without_organization_gives_no_fact():
    assert posts("Ma Jun, the director, said that work continued.") == set()


def test_occupation_without_organization_gives_no_fact():
    assert posts("Deng Yuxi, an engineer, checked the line.") == set()


def test_reporter_without_outlet_gives_no_fact():
    assert posts("Tang Jie, a reporter, wrote the story.") == set()


def test_worker_from_unnamed_company_gives_no_fact():
    assert posts("Wei Dong, a worker from a steel company, said wages rose.") == set()


def test_title_before_name_without_place_gives_no_fact():
    assert posts("Vice-governor Zhang Weiguo inspected the copper smelter.") == set()


def test_meeting_an_official_is_not_holding_the_post():
    assert posts("Zhang Weiguo met the mayor of Luoyang on Monday.") == set()


def test_visiting_a_place_is_not_a_post():
    assert posts("Liu Yang, who visited Zhengzhou last week, said trade rose.") == set()


def test_works_as_driver_without_employer_is_not_a_post():
    assert posts("Shi Lei works as a driver.") == set()
