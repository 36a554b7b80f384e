"""Targets: forward-looking goals with owner, year, value and unit; past statistics are not
targets. Through the public path (KnowledgeGraph.add_documents -> facts, SPARQL for comparators).

Every sentence here is invented for the test.
"""
from __future__ import annotations

from extract_helpers import comparators, norm, targets, with_date


def only(text: str) -> dict:
    """The one target of a text."""
    got = targets(text)
    assert len(got) == 1, got
    return got[0]


def values(text: str) -> set:
    return {t["value"] for t in targets(text)}


# --- positives ----------------------------------------------------------------------


def test_by_year_province_aims_to():
    t = only("By 2027, Henan aims to raise the output of its copper processing industry to 300 billion yuan.")
    assert (t["owner"], t["year"], t["value"], t["unit"]) == ("henan", 2027, 300, "billion yuan")
    assert "copper processing" in t["metric"]


def test_government_work_report_projected_gdp_growth_this_year_uses_document_date():
    text = with_date("The government work report projected GDP growth of about 6 percent for Anhui this year.",
                     "2024-03-05")
    t = only(text)
    assert (t["owner"], t["year"], t["value"], t["unit"]) == ("anhui", 2024, 6, "percent")
    assert "GDP growth" in t["metric"]


def test_report_without_owner_in_sentence_belongs_to_the_documents_place():
    text = with_date("Anhui held its annual session. "
                     "The government work report projected GDP growth of about 6 percent this year.", "2024-01-23")
    t = only(text)
    assert (t["owner"], t["year"], t["value"], t["unit"]) == ("anhui", 2024, 6, "percent")


def test_next_year_uses_document_date():
    text = with_date("Henan will invest 200 billion yuan in new infrastructure next year.", "2023-12-28")
    t = only(text)
    assert (t["owner"], t["year"], t["value"], t["unit"]) == ("henan", 2024, 200, "billion yuan")


def test_expects_to_exceed_next_year():
    text = with_date("Inner Mongolia expects its grain output to exceed 40 million tons next year.", "2024-01-20")
    t = only(text)
    assert (t["owner"], t["year"], t["value"], t["unit"]) == ("inner mongolia", 2025, 40, "million tons")


def test_more_than_with_by_year():
    t = only("Sichuan will build more than 20 new data centers by 2026.")
    assert (t["owner"], t["year"], t["value"]) == ("sichuan", 2026, 20)
    assert "data centers" in t["unit"]


def test_more_than_is_recorded_as_comparator():
    assert comparators("Sichuan will build more than 20 new data centers by 2026.") == {("20", "MoreThan")}


def test_at_least_with_in_year():
    t = only("Hubei plans to add at least 500,000 new jobs in 2025.")
    assert (t["owner"], t["year"], t["value"]) == ("hubei", 2025, 500000)
    assert "jobs" in t["unit"]


def test_at_least_is_recorded_as_comparator():
    assert comparators("Hubei plans to add at least 500,000 new jobs in 2025.") == {("500000", "AtLeast")}


def test_about_is_recorded_as_comparator():
    assert comparators("Anhui expects GDP growth of about 6 percent in 2024.") == {("6", "About")}


def test_plain_number_is_exact():
    assert comparators("Hefei aims to cultivate ten unicorn companies by 2027.") == {("10", "Exactly")}


def test_number_word_five_bases():
    t = only("By 2025, Jiangsu will build five bases for advanced manufacturing.")
    assert (t["owner"], t["year"], t["value"], t["unit"]) == ("jiangsu", 2025, 5, "bases")


def test_number_word_ten_companies():
    t = only("Hefei aims to cultivate ten unicorn companies by 2027.")
    assert (t["owner"], t["year"], t["value"]) == ("hefei", 2027, 10)
    assert "unicorn companies" in t["unit"]


def test_enterprise_owns_its_sales_target():
    t = only("Anhui Jianghuai Motors Group plans to sell 800,000 vehicles by 2026.")
    assert (t["owner"], t["year"], t["value"], t["unit"]) == (norm("Anhui Jianghuai Motors Group"), 2026, 800000,
                                                              "vehicles")


def test_enterprise_with_co_ltd_owns_its_revenue_target():
    t = only("Luoyang Bearing Group Co., Ltd. expects revenue to exceed 10 billion yuan in 2025.")
    assert (t["owner"], t["year"], t["value"], t["unit"]) == ("luoyang bearing group", 2025, 10, "billion yuan")


def test_the_city_anaphora_owns_the_target():
    text = "Last year, Zhengzhou's industrial output rose 8 percent. The city will raise it by 7 percent in 2025."
    t = only(text)
    assert (t["owner"], t["year"], t["value"], t["unit"]) == ("zhengzhou", 2025, 7, "percent")


def test_the_target_is_to_cut_energy_use():
    t = only("The target is to cut energy use per unit of GDP by 3 percent in 2025, Hefei officials said.")
    assert (t["owner"], t["year"], t["value"], t["unit"]) == ("hefei", 2025, 3, "percent")


def test_qualitative_goal_without_number():
    t = only("Shenzhen plans to create a world-class innovation center.")
    assert t["owner"] == "shenzhen" and "innovation center" in t["metric"] and t["value"] is None


def test_lowercase_by_year_will_become():
    t = only("Officials said that by 2030, Baotou will become a national rare earth hub.")
    assert (t["owner"], t["year"]) == ("baotou", 2030) and "rare earth hub" in t["metric"]


def test_targets_include_list_gives_one_target_per_item():
    got = targets("Anhui's targets for 2024 include GDP growth of around 5.5 percent; "
                  "and urban unemployment of about 5.5 percent.")
    metrics = sorted(t["metric"] for t in got)
    assert len(got) == 2 and all(t["owner"] == "anhui" for t in got)
    assert "GDP growth" in metrics[0] and "unemployment" in metrics[1]


# --- negatives ----------------------------------------------------------------------


def test_past_gdp_statistic_is_not_a_target():
    assert targets("Henan's GDP reached 6.1 trillion yuan in 2023, up 4.1 percent year-on-year.") == []


def test_past_trade_total_is_not_a_target():
    assert targets("In 2023, Sichuan's foreign trade totaled 950 billion yuan.") == []


def test_last_years_achievement_is_not_a_target():
    assert targets("Guangdong built 12 new ports last year.") == []


def test_present_perfect_achievement_is_not_a_target():
    assert targets("Hubei has completed 300 projects since 2021.") == []


def test_past_clause_beside_a_goal_clause_is_not_a_target():
    got = targets("Anhui's GDP grew 5.8 percent in 2023, and the province will aim for growth of about "
                  "5.5 percent in 2024.")
    assert 5.8 not in {t["value"] for t in got}
    assert [(t["owner"], t["year"], t["value"]) for t in got] == [("anhui", 2024, 5.5)]


def test_past_sentence_before_goal_is_not_a_target():
    text = "Last year, Zhengzhou's industrial output rose 8 percent. The city will raise it by 7 percent in 2025."
    assert 8 not in values(text)


def test_over_the_next_five_years_is_not_a_quantity():
    assert targets("Over the next five years, Guangdong will deepen reforms.") == []


def test_span_of_years_is_not_the_value_of_a_quantified_goal():
    t = only("Wuhan aims to attract 1,000 new technology companies over the next five years.")
    assert (t["owner"], t["value"]) == ("wuhan", 1000) and "companies" in t["unit"]


def test_span_of_years_with_qualitative_goal_gives_no_value():
    assert 5 not in values("Jiangsu aims to cut carbon emissions over the next five years.")


def test_within_two_years_is_not_a_quantity():
    t = only("Mianyang will recruit 3,000 workers within two years.")
    assert (t["owner"], t["value"], t["unit"]) == ("mianyang", 3000, "workers")


def test_year_number_is_not_a_value():
    assert 2027 not in values("Hefei aims to cultivate ten unicorn companies by 2027.")


def test_no_year_stated_gives_no_year():
    t = only("Chengdu will build 10 new parks over the next three years.")
    assert (t["owner"], t["value"], t["year"]) == ("chengdu", 10, None)
