"""The synthetic article generator of the benchmarks (bench/synth.py): determinism, lengths,
words, filled templates, the shape of the planted facts, the corpus writer, and the recall of
the real extractor on the facts the templates planted (printed per kind).
"""
from __future__ import annotations

import json
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.synth import SyntheticArticle, article, generate, main, write_corpus  # noqa: E402
from extract_helpers import norm  # noqa: E402

from kg.api import KnowledgeGraph  # noqa: E402
from kg.documents import load_paths, parse_text  # noqa: E402
from kg.gazetteer import lexicon  # noqa: E402

SCORED = ("holds_position", "chain_owner", "chain_member", "located_in", "target")
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


@pytest.fixture(scope="module")
def sample() -> list[SyntheticArticle]:
    """200 articles of seed 0."""
    return list(generate(200))


# --- determinism ----------------------------------------------------------------------------


def test_same_seed_gives_the_same_articles():
    assert list(generate(15, seed=3)) == list(generate(15, seed=3))


def test_different_seeds_give_different_articles():
    a, b = list(generate(10, seed=0)), list(generate(10, seed=1))
    assert all(x.text != y.text for x, y in zip(a, b))
    assert len({x.text for x in a + b}) == 20


def test_article_i_is_the_ith_of_generate():
    corpus = list(generate(25, seed=5))
    for i in (0, 1, 13, 24):
        assert article(i, seed=5) == corpus[i]


def test_ids_and_dates(sample):
    assert [a.id for a in sample[:3]] == ["syn-0-000000", "syn-0-000001", "syn-0-000002"]
    assert len({a.id for a in sample}) == len(sample)
    years = Counter(a.date[:4] for a in sample)
    assert all(re.fullmatch(r"20\d\d-\d\d-\d\d", a.date) and "2021-01-01" <= a.date <= "2026-12-31" for a in sample)
    assert set(years) == {str(y) for y in range(2021, 2027)}


def test_generating_is_fast():
    t0 = time.process_time()  # CPU time: other processes on the machine do not count
    for _ in generate(500, seed=9):
        pass
    per_article = (time.process_time() - t0) / 500
    assert per_article * 10_000 < 60, f"{per_article * 10_000:.0f} s of CPU for 10,000 articles"


# --- text ---------------------------------------------------------------------------------


def test_lengths(sample):
    words = [len(a.text.split()) for a in sample]
    assert min(words) >= 300 and max(words) <= 1500, (min(words), max(words))
    assert 500 <= statistics.mean(words) <= 900
    assert statistics.pstdev(words) > 100  # not all of one length
    assert all(a.text.count("\n\n") >= 3 for a in sample)  # several paragraphs


def test_word_distribution_is_plausible(sample):
    tokens = [w.lower() for a in sample for w in WORD.findall(a.text)]
    counts = Counter(tokens)
    top = [w for w, _ in counts.most_common(10)]
    assert top[0] == "the"
    assert 0.03 < counts["the"] / len(tokens) < 0.10
    assert {"of", "and", "in"} <= set(top)
    assert sum(n for _, n in counts.most_common(10)) / len(tokens) < 0.35
    assert len(counts) > 1500  # vocabulary over 200 articles
    function = {"the", "of", "and", "in", "a", "to", "for", "its", "has", "at", "on", "by", "with", "was", "said", "is", "as"}
    assert max(n for w, n in counts.items() if w not in function) / len(tokens) < 0.03
    sentences = [s for a in sample for s in re.split(r"(?<=[.?!\"])\s+(?=[A-Z\"])", a.text)]
    lengths = [len(s.split()) for s in sentences]
    assert 10 <= statistics.mean(lengths) <= 25 and max(lengths) < 60


def test_templates_are_filled(sample):
    for a in sample:
        for part in (a.title, a.text):
            assert not re.search(r"[{}|]|::|\s\s(?!\n)|\bNone\b", part.replace("\n\n", " ")), (a.id, part[:200])
        assert "Ltd.." not in a.text and not re.search(r"Ltd\.\s+[A-Z]", a.text)  # 'Ltd.' never ends a sentence
        assert all(p[:1].isupper() or p[:1] == '"' for p in a.text.split("\n\n"))


def test_txt_front_matter_round_trips():
    a = article(4)
    doc = parse_text(a.id, a.to_txt())
    assert (doc.title, doc.date, doc.text.strip()) == (a.title, a.date, a.text)


# --- planted facts ------------------------------------------------------------------------


def test_planted_facts_have_the_export_shape(sample):
    for a in sample:
        for f in a.planted:
            assert set(f) == {"doc", "kind", "subject", "object", "qualifiers", "evidence"}
            assert f["doc"] == a.id and f["evidence"] in a.text
            assert f["kind"] in SCORED or f["kind"] == "observation"
            if f["kind"] not in ("target", "observation"):  # names as written ('A and B industry chains' names A)
                assert f["subject"] in f["evidence"], f
                assert re.sub(r" (industry|industrial) chain$", "", f["object"]) in f["evidence"], f
            if f["kind"] == "holds_position":
                assert f["qualifiers"]["title"].lower().split()[-1] in lexicon().title_heads
            if f["kind"] in ("target", "observation"):
                q = f["qualifiers"]
                assert isinstance(q["year"], int) and isinstance(q["value"], (int, float)) and q["unit"]
                assert (q["year"] >= int(a.date[:4])) == (f["kind"] == "target")


def test_fact_density(sample):
    per = [Counter(f["kind"] for f in a.planted) for a in sample]
    assert all(c["holds_position"] >= 2 and c["located_in"] >= 1 and c["target"] >= 1 and c["observation"] >= 1
               and c["chain_owner"] + c["chain_member"] >= 1 for c in per)  # (two templates may state one location)
    assert 2 <= statistics.mean(c["holds_position"] for c in per) <= 8
    assert 2 <= statistics.mean(c["located_in"] for c in per) <= 7


def test_names_come_from_the_gazetteers(sample):
    lex = lexicon()
    for a in sample[:50]:
        for f in a.planted:
            if f["kind"] == "holds_position":
                sur, given = f["subject"].split()
                assert lex.is_surname(sur) and lex.is_pinyin_given_name(given)
            if f["kind"] == "located_in":  # place in place: the real hierarchy
                inner = [e for e in lex.place(re.sub(r" (County|District|City|Province)$", "", f["subject"]))]
                outer = lex.place(re.sub(r" (County|District|City|Province)$", "", f["object"]))
                if inner and outer:
                    assert lex.parent_of(inner[0]) == outer[0], f


# --- the corpus writer --------------------------------------------------------------------


def test_write_corpus_txt(tmp_path):
    assert write_corpus(tmp_path, 6, seed=2) == 6
    docs = load_paths([tmp_path])
    assert [d.id for d in docs] == [f"syn-2-{i:06d}" for i in range(6)]
    assert docs[3].title == article(3, 2).title and docs[3].date == article(3, 2).date


def test_write_corpus_jsonl(tmp_path):
    assert write_corpus(tmp_path, 5, seed=1, fmt="jsonl") == 5
    lines = (tmp_path / "syn-1.jsonl").read_text(encoding="utf-8").splitlines()
    assert [set(json.loads(x)) for x in lines] == [{"id", "text", "title", "date"}] * 5
    assert [d.text for d in load_paths([tmp_path])] == [a.text for a in generate(5, 1)]


def test_write_corpus_refuses_an_unknown_format(tmp_path):
    with pytest.raises(ValueError):
        write_corpus(tmp_path, 1, fmt="xml")


def test_command_line(tmp_path, capsys):
    assert main(["3", str(tmp_path / "out"), "--seed", "4", "--jsonl"]) == 0
    assert "wrote 3 articles" in capsys.readouterr().out
    assert len((tmp_path / "out" / "syn-4.jsonl").read_text().splitlines()) == 3


# --- recall of the real extractor ---------------------------------------------------------


def _key(f: dict) -> tuple:
    if f["kind"] == "target":
        value = f["qualifiers"].get("value")
        return f["kind"], norm(f["subject"]), f["qualifiers"].get("year"), None if value is None else float(value)
    return f["kind"], norm(f["subject"]), norm(f["object"])


def _matches(planted: dict, extracted: dict) -> bool:
    if planted["kind"] != "holds_position":
        return True
    words = lambda f: set(f["qualifiers"]["title"].lower().split())  # noqa: E731
    return bool(words(planted) & words(extracted))  # the contract's rule: titles share a word


@pytest.fixture(scope="module")
def extracted() -> tuple[list[SyntheticArticle], dict[str, list[dict]]]:
    """30 articles and the facts the extractor found in them (one in-memory graph)."""
    arts = list(generate(30, seed=0))
    with KnowledgeGraph(None) as kg:
        kg.add_documents([parse_text(a.id, a.to_txt()) for a in arts])
        facts = kg.facts()
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for f in facts:
        if f["kind"] in SCORED:
            by_doc[f["doc"]].append(f)
    return arts, by_doc


def test_extractor_recall_of_planted_facts(extracted, capsys):
    arts, by_doc = extracted
    found, total, missed = Counter(), Counter(), []
    for a in arts:
        index = defaultdict(list)
        for f in by_doc[a.id]:
            index[_key(f)].append(f)
        for p in (p for p in a.planted if p["kind"] in SCORED):
            total[p["kind"]] += 1
            if any(_matches(p, e) for e in index[_key(p)]):
                found[p["kind"]] += 1
            else:
                missed.append(f"  {p['kind']}: {p['subject']} | {p['object']}  <- {p['evidence']}")
    lines = [f"{k:<15} {found[k]:>4}/{total[k]:<4} recall {found[k] / total[k]:.2f}" for k in SCORED]
    overall = sum(found.values()) / sum(total.values())
    with capsys.disabled():
        print("\n[bench.synth] extractor recall of planted facts on 30 articles\n" + "\n".join(lines)
              + f"\noverall         {sum(found.values()):>4}/{sum(total.values()):<4} recall {overall:.2f}")
        print("missed:\n" + "\n".join(missed[:15]))
    assert overall >= 0.8
    assert all(found[k] / total[k] >= 0.7 for k in SCORED), lines


def test_few_extracted_facts_were_not_planted(extracted, capsys):
    arts, by_doc = extracted
    extra: Counter = Counter()
    examples = []
    for a in arts:
        planted = {_key(p) for p in a.planted}
        for f in by_doc[a.id]:
            if _key(f) not in planted:
                extra[f["kind"]] += 1
                examples.append(f"  {f['kind']}: {f['subject']} | {f['object']}  <- {f['evidence'][:160]}")
    n_planted = sum(1 for a in arts for p in a.planted if p["kind"] in SCORED)
    with capsys.disabled():
        print(f"\n[bench.synth] extracted but not planted: {sum(extra.values())} of {n_planted} planted "
              f"({dict(extra) or 'none'})" + ("\n" + "\n".join(examples[:10]) if examples else ""))
    assert sum(extra.values()) <= 0.05 * n_planted


def test_planted_observations_are_not_targets(extracted):
    arts, by_doc = extracted
    for a in arts:
        targets = {(norm(f["subject"]), f["qualifiers"].get("year"), f["qualifiers"].get("value")) for f in by_doc[a.id]
                   if f["kind"] == "target"}
        for o in (p for p in a.planted if p["kind"] == "observation"):
            q = o["qualifiers"]
            assert (norm(o["subject"]), q["year"], q["value"]) not in targets, o
