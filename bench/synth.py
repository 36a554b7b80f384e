"""Synthetic English news articles about Chinese regional economic policy, for benchmarks.

Real provinces, prefecture cities and counties with their hierarchy (kg/data/places.tsv); people named by a surname
(surnames.txt) and a one- or two-syllable pinyin given name (pinyin_syllables.txt); titles (titles.txt); industries
labelled in ontology/industries.ttl; invented enterprises, parks and projects. Article i of seed s depends only on
(s, i), so any slice can be made on its own. ``planted`` lists the facts the templates stated, shaped like rows of the
facts export (../shared/eval/FORMAT.md), plus ``observation`` rows (past figures; not a kind of the contract).
Command line: python -m bench.synth N OUT [--seed S] [--jsonl]
"""
from __future__ import annotations

import argparse
import calendar
import datetime as dt
import json
import random
import re
import sys
from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from string import capwords
from typing import Iterator

from kg.gazetteer import lexicon

INDUSTRIES_TTL = Path(__file__).resolve().parent.parent / "ontology" / "industries.ttl"
FIRST_DAY, DAYS = dt.date(2021, 1, 1), (dt.date(2026, 12, 31) - dt.date(2021, 1, 1)).days + 1
MONTHS, WEEKDAYS = list(calendar.month_name)[1:], list(calendar.day_name)
SLOT_POOLS = "event pred predpl quote clause fpred ppred zpred jpred cpred tail".split()  # clauses that state no fact
KINDS = {"H": "holds_position", "L": "located_in", "O": "chain_owner", "M": "chain_member", "T": "target", "B": "observation"}
UNITS = {"u1": "billion yuan", "u2": "{thing}", "u3": "new jobs", "u4": "million kilowatts", "pc": "percent", "times": "times"}
FACTS_PER_ARTICLE = {"post": (2, 6), "chain": (1, 4), "loc": (2, 6), "target": (1, 4), "obs": (1, 2)}  # templates of each kind
RANGES = {"u1": (20, 900, 1), "u2": (10, 80, 1), "u3": (2, 40, 5000), "u4": (2, 30, 1)}  # value ranges by unit


def _parse(text: str) -> dict[str, list[str]]:
    """Named lists: 'name: a|b|c' (or words split by spaces), continued on indented lines."""
    pools: dict[str, str] = {}
    for line in text.strip("\n").splitlines():
        if not line.startswith(" "):
            key, _, line = line.partition(":")
            pools[key] = ""
        pools[key] += line.strip() + ("" if line.endswith("|") else " ")
    return {k: [x.strip() for x in v.split("|")] if "|" in v else v.split() for k, v in pools.items()}


# Word lists, and the templates of each kind of fact (post, loc, owner, member, target, obs): [want::]text::facts, where
# want says what the slots hold, and each fact (';'-separated) is a letter of KINDS and slot names (T, B: owner year value
# unit metric...). Slots in braces are filled by _Writer.fill; the lists named in SLOT_POOLS are clauses that state no fact.
D = _parse("""
surnames: Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo Lin Luo Zheng Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong
  Yuan Jiang Cai Jia Wei Xue Ye Yan Yu Du Dai Xia Zhong Tan Lu Jin Shi Kong Cui Qin Qiu Ren Fang Yao Gao Lei Hou Meng Bai Xiong Qian Shao Kang Gu Tao Jiao
  Ouyang Sima Duan Lyu Fu Cheng Wan Qi Yin Chang Niu Geng Hao Zou
given: li xin ming hua wei jun jie tao bin hong qiang yan jing hui ping fang ling yun feng bo chao gang hao jian kai lin peng qing rong rui shan sheng tian
  ting wen xia xiang xiao xue yang yi ying yong yu yuan zhen zhi zhong guo dong hai kun liang lu mei ning qian qin shu song xu yao zhan zheng chun de fei
  gui heng jia jin kang lan lei min na nan qi quan ru shi tong wu xing xiu yue zhe zi
industries: artificial intelligence|nuclear power equipment|construction machinery|agricultural machinery|coal mining machinery|electrolytic aluminum|
  wind power equipment|engineering plastics|consumer electronics|satellite navigation|biological medicine|new energy vehicle|integrated circuit|new display|
  photovoltaic glass|medical equipment|synthetic biology|advanced ceramics|marine equipment|cultural tourism|stainless steel|magnesium alloy|energy storage|
  hydrogen energy|cloud computing|rail equipment|special steel|power battery|semiconductor|coal chemical|carbon fiber|photovoltaic|rare earth|smart grid|
  aerospace|logistics|graphene|big data|robotics
stems: hua xin heng tai jin sheng rui feng yuan kai tian ding hong xing zhong cheng fu kang mei bao run jia tong chang da
heads: Technology Co., Ltd.|Industry Co., Ltd.|Group Co., Ltd.|Holding Group|Technologies|Technology|Industries|Holdings|Group
parks: Economic and Technological Development Zone|High-tech Industrial Development Zone|Circular Economy Industrial Park|{Ind} Industrial Park|
  {Ind} Industry Base|Industrial Park
projects: {n}-billion-yuan {ind} production line project|{pl} {ind} research and development center project|{pl} {ind} intelligent manufacturing project|
  {n}0,000-ton {ind} materials project|{n}00-megawatt {ind} base project|{pl} phase-II {ind} expansion project
event: an on-site review of major investment schemes|a meeting on private enterprise development|a symposium on industrial upgrading|the signing ceremony|
  an industry promotion conference|a provincial investment fair|the annual work conference|the opening ceremony|a press briefing
pred: called for closer cooperation between universities and manufacturers|noted that the business environment had improved markedly|attended the ceremony|
  told reporters that orders had picked up since spring|said the company had stepped up research spending|said approval procedures had been simplified|
  met a delegation of investors from Hong Kong|said local suppliers had benefited the most|stressed the importance of safe production|
  said the new line was running smoothly|described the year as a turning point|visited several workshops on {wd}|briefed visitors on the expansion|
  chaired a meeting on the matter|inspected the production lines|spoke at the opening session|said demand remained steady|declined to give details
predpl: joined a panel discussion on rural revitalization|submitted proposals on talent policy|visited the industrial park on {wd}|attended the session|
  spoke with workers at the plant
quote: Nobody here wants to go back to the old way of doing things|We have seen strong interest from investors this spring|We cannot rely on coal alone|
  Our engineers solved problems nobody had solved before|Every approval can now be handled at a single window|Small firms need credit they can actually get|
  Our priority is to keep the supply of parts stable|Green transition is not a slogan for us|Talent is what we compete for now|
  The market gave us a clear signal
clause: more firms had applied for support than expected|the approval process had been cut to a few days|the first batch of equipment had arrived|
  the work had gone smoothly so far
fpred: signed a cooperation agreement with a local university|shipped its first products to Southeast Asia|opened a new production line on {wd}|
  won a national award for innovation|upgraded its automated workshops|hired hundreds of new workers|expanded its research team|reported higher profits|
  began trial production
ppred: has streamlined its approval procedures|has improved its roads and power supply|is known for its industrial heritage|
  has drawn a wave of new investment|held an investment fair in {month}|hosted a trade delegation on {wd}
zpred: was upgraded to a provincial-level zone|hosts research centers and testing labs|has attracted dozens of manufacturers|
  added new standard factory buildings|covers several square kilometers
jpred: was listed among the major schemes of the province|has a total investment of {n}.{n2} billion yuan|has entered the equipment installation stage|
  was put into trial operation|broke ground in {month}
cpred: now employs tens of thousands of people|has drawn in dozens of suppliers|has grown rapidly
tail: according to the municipal bureau of industry|local media reported|officials said
follow: {sur} added that local suppliers had been consulted.|{sur} said the details were still being worked out.|"{quote}," {sur} said.|
  "{quote}," {sur} told reporters after the meeting.|{sur} did not say how much the upgrade would cost.
filler: Researchers at local universities have worked with manufacturers on green and low-carbon production.|The {ind} sector has grown quickly across {P}.|
  Meanwhile, suppliers of parts and materials have moved closer to their customers in {c}.|"We want companies to feel at home here," a local official said.|
  Private firms in {c} have put more money into digital services in the past few years.|Industry insiders say competition in the {ind} market is fierce.|
  Since then, state-owned enterprises have reorganized their logistics and warehousing.|A shortage of skilled technicians was mentioned again and again.|
  On {wd}, the municipal government published a list of measures to help private firms.|Environmental inspections have become stricter in recent years.|
  Some of the old factory buildings have been turned into offices and exhibition halls.|Attendees also visited an exhibition of locally made products.|
  Earlier this year, manufacturers in {c} complained about the cost of land and power.|Rail links have shortened the trip to the provincial capital.|
  Local authorities have paid close attention to vocational training, officials said.|Several cooperation agreements were signed at the end of the meeting.|
  In {month}, officials in {P} stepped up efforts to upgrade traditional industries.|Banks were asked to lend more to manufacturers with sound order books.|
  Officials said the paperwork for new factories now takes days rather than months.|The county government, for its part, has cut fees for small businesses.|
  Officials in {P} have repeatedly called for better coordination between cities.|Farmers in the surrounding villages rent their land to the new factories.|
  A series of preferential policies on land and taxes was announced in {month}.|Roads, water and power lines have been extended to the new industrial land.|
  Local authorities have simplified the procedures for registering a business.|For years, the county relied on a handful of coal mines and a cement plant.|
  Participants discussed ways to cut costs for small and medium-sized firms.|Not every firm has benefited, and some smaller suppliers closed last year.|
  The provincial government held a teleconference on the matter in {month}.|The province is rich in coal, but officials say that is no longer enough.|
  Industry associations have sought partners to strengthen export channels.|Many of the workers are young graduates who returned to their hometowns.|
  The local government set up a service team to help firms solve problems.|Critics warn that subsidies alone cannot build a competitive industry.|
  Smaller suppliers, by contrast, still struggle to find skilled staff.|Power prices remain a concern for energy-intensive factories.|
  The {ind} market has become crowded, and prices have fallen.|Workers on the site put in long shifts through the winter.|
  Such efforts have also helped ease pressure on employment.|In recent years, {c} has worked to diversify its economy.|The meeting was held in {c} on {wd}.|
  Young engineers make up a growing share of the workforce.|Officials reviewed the progress made over the past year.|Local media covered the event widely.|
  The weather was cold, but the mood in the hall was warm.|Investors toured the new factories after the meeting.|Some residents said traffic had increased.|
  Is the shift fast enough? Not everyone is convinced.|Visitors queued to see the new production equipment.|The event drew business people from across {P}.|
  Several universities sent researchers to the forum.|Training courses for skilled workers were expanded.|Exports of {ind} products rose in the first half.|
  The plan was drawn up after months of consultation.|Experts at the forum spoke highly of the approach.|The region was long dominated by heavy industry.|
  Demand from overseas buyers recovered gradually.|Land prices in the area have risen steadily.|The talks lasted most of the afternoon.
titles: {c} bets on {ind} to reshape its economy|{P} pushes {ind} as old industries fade|Officials in {P} map out the road ahead|New factories rise in {k}|
  {P} firms expand despite headwinds|{c} rolls out support for industry|{c} sets sights on {ind} growth|{Ind} drives investment in {c}|
  How {c} courts investors|{k} woos manufacturers
things: hydrogen refueling stations|standard factory buildings|charging stations|digital workshops|5G base stations|smart factories|data centers
products: wind turbines|battery packs|machine tools|vehicles|robots|drones
posts: Party secretary/{P}/Party Secretary|governor/{P}/Governor|mayor/{c}/Mayor|vice-governor/{P}/Vice-Governor|vice-mayor/{c}/Vice-Mayor|
  Party secretary/{c}/Party Secretary|Party secretary/{k}/Party Secretary|head/{k}/Head
bodies: {P} Provincial Development and Reform Commission|{c} Municipal Development and Reform Commission|{P} Provincial Department of Commerce|
  {P} Provincial Department of Finance|{c} Municipal Bureau of Commerce
bodytitles: deputy director|director|director|head
firmtitles: deputy general manager|general manager|chief engineer|chairwoman|president|chairman
post: ps::{p}, Party secretary and chairman of {o}, {pred}.::H p o t;H p o t2|place::{p}, {t} of {o}, serves as the chain chief of the {ch}.::H p o t|
  cg::{p} and {p2}, deputies to the {o}, {predpl}.::H p o t;H p2 o t|two::{p}, {t} of {o} and {t2} of {o2}, {pred}.::H p o t;H p o2 t2|
  any::{Event} was chaired by {p}, the {t} of {o}.::H p o t|any::"{quote}," {p}, {t} of {o}, told reporters.::H p o t|pl::{T} {p} of {o} {pred}.::H p o t|
  any::{p} was appointed {t} of {o} in {month}.::H p o t|any::According to {p}, {t} of {o}, {clause}.::H p o t|any::The {t} of {o}, {p}, {pred}.::H p o t|
  any::{p}, who serves as {t} of {o}, {pred}.::H p o t|any::"{quote}," said {p}, {t} of {o}.::H p o t|any::{p}, {t} of {o}, {pred}.::H p o t|
  pf::{o} {T} {p} {pred}.::H p o t
loc: park::The {x}, located in {kn}, {c} City, {zpred}.::L x kn;L kn c|firm::{x} is headquartered in {c}, {Pn}.::L x c;L c Pn|
  firm::{x}, a {ind} company located in {y}, {fpred}.::L x y|cp::{c}, a prefecture-level city in {P}, {ppred}.::L c P|firm::{yb}-based {x} {fpred}.::L x yb|
  firm::{x} is located in {kn}, {c} City.::L x kn;L kn c|firm::{y}, where {x} is located, {ppred}.::L x y|proj::The {x}, located in {kn}, {jpred}.::L x kn|
  kc::{kb}, a {kw} under {c}, {ppred}.::L kb c|firm::{x}, based in {y}, {fpred}.::L x y|park::The {x} in {y} {zpred}.::L x y|
  kc::{c}'s {kb} {kw} {ppred}.::L kb c|pz::The {x} sits in the {z}.::L x z|firm::{x} is based in {y}.::L x y|firm::{x} in {y} {fpred}.::L x y|
  fz::{x} lies in the {z}.::L x z
owner: {f} is the chain owner of both the {ind} and {ind2} industry chains.::O f ch1;O f ch2|{f} was designated chain master of the {ch} last year.::O f ch|
  Officials said {f} would act as the chain leader enterprise of the {ch}.::O f ch|As the chain master enterprise of the {ch}, {f} {fpred}.::O f ch|
  {f} serves as the chain-leading enterprise of the {ch}.::O f ch|The {ch} is led by its chain owner, {f}, which {fpred}.::O f ch|
  {f}, a chain-chief enterprise of the {ch}, {fpred}.::O f ch|{c} has named {f} the chain owner of its {ch}.::O f ch|
  {f}, the chain owner of the {ch}, {fpred}.::O f ch|{f} is the chain leader of the {ch}.::O f ch
member: Taking {f} as the core, {c} has extended the {ch} upstream and downstream.::M f ch|With {f} and {f2} as the core, the {ch} {cpred}.::M f ch;M f2 ch|
  {f}, {f2} and {f3} are backbone enterprises of the {ch}.::M f ch;M f2 ch;M f3 ch|The {ch} counts {f} and {f2} among its key enterprises.::M f ch;M f2 ch|
  Key enterprises of the {ch} include {f} and {f2}, {tail}.::M f ch;M f2 ch|{f} has become a supporting enterprise of the {ch}.::M f ch|
  The {ch} takes {f} and {f2} as the core.::M f ch;M f2 ch|{f} is one of the core enterprises of the {ch}.::M f ch|
  {c} is building the {ch} with {f} as the core.::M f ch|{f} is a key enterprise of the {ch}.::M f ch
target: pl::During the {fyp} Five-Year Plan period, {w} will double the number of high-tech enterprises.::T w yp two times number of high-tech enterprises|
  pl::{ws} targets for {y} include GDP growth of about {gs} percent; and urban unemployment of about {hs} percent.::T w y g pc GDP growth;T w y h pc jobless|
  pv::The target is to cut energy use per unit of GDP by {gs} percent in {y}, {w} officials said.::T w y g pc energy use per unit of GDP|
  pl::{w} will increase the installed capacity of {ind} to {vs} million kilowatts by {y}.::T w y v u4 installed capacity of {ind}|
  pl::According to the plan, {w} is expected to attract {vs} billion yuan of investment by {y}.::T w y v u1 investment attracted|
  pl::By {y}, {w} aims to raise the output of its {ind} industry to {vs} billion yuan.::T w y v u1 output of its {ind} industry|
  pl::{w} will strive to grow its industrial output by {gs} percent this year.::T w y0 g pc industrial output growth|
  pl::{w} expects its {ind} output to exceed {vs} billion yuan next year.::T w y1 v u1 {ind} output|
  fm::{w} expects revenue to exceed {vs} billion yuan in {y}.::T w y v u1 revenue|pl::{w} plans to add at least {vs} new jobs in {y}.::T w y v u3 new jobs|
  pl::{w} will build more than {vs} {thing} by {y}.::T w y v u2 {thing}|fm::{w} plans to sell {vs} {thing} by {y}.::T w y v u2 sales
obs: Last year, the added value of the {ind} industry in {w} rose {gs} percent.::B w yl g pc added value of the {ind} industry|
  {ws} GDP reached {vs} billion yuan in {yb0}, up {gs} percent year-on-year.::B w yb0 v u1 GDP;B w yb0 g pc GDP growth|
  {w} recorded {vs} billion yuan of fixed-asset investment in {yb0}.::B w yb0 v u1 fixed-asset investment|
  The output of the {ind} industry in {w} hit {vs} billion yuan in {yb0}.::B w yb0 v u1 {ind} output|
  In {yb0}, {ws} foreign trade totaled {vs} billion yuan.::B w yb0 v u1 foreign trade
""")


@dataclass
class SyntheticArticle:
    """One generated article: id, title, ISO date, text, the facts planted in it, and its places."""
    id: str
    title: str
    date: str
    text: str
    planted: list[dict] = field(default_factory=list)
    places: dict = field(default_factory=dict)

    def to_txt(self) -> str:
        """The article as a .txt file with front matter (title, date, source)."""
        return f"---\ntitle: {self.title}\ndate: {self.date}\nsource: Synthetic Daily\n---\n{self.text}\n"


@lru_cache(maxsize=1)
def _pools() -> dict:
    """Names drawn from the gazetteers and the industry vocabulary, loaded once."""
    lex = lexicon()
    labels = {m.lower() for m in re.findall(r'"([^"]+)"@en', INDUSTRIES_TTL.read_text(encoding="utf-8"))}
    one = lambda e: re.fullmatch(r"[A-Z][a-z]+", e.name) and len(lex.place(e.name)) == 1 and not lex.is_surname(e.name)  # noqa: E731
    entries = list(lex.by_code.values())
    provs = {e.code: e for e in entries if e.level == "province" and e.suffix in ("province", "autonomous region") and e.code != "710000"}
    cities = {e.code: e for e in entries if e.level == "prefecture" and e.suffix == "city" and e.parent in provs and one(e)}
    counties: dict[str, list] = {}
    for e in entries:
        if e.level == "county" and e.parent in cities and e.suffix in ("county", "district", "city") and one(e):
            counties.setdefault(e.parent, []).append(e)
    surnames = [s for s in D["surnames"] if lex.is_surname(s) and not lex.place(s)]
    return {"surnames": surnames, "given": [g for g in D["given"] if g in lex.syllables and g.title() not in surnames],
            "industries": [i for i in D["industries"] if i in labels],
            "geo": [(cities[c], provs[cities[c].parent], ks) for c, ks in sorted(counties.items()) if len(ks) >= 3]}


class _Writer:
    """One article while it is written: its places, people and firms, and the facts its sentences state."""

    def __init__(self, rng: random.Random, doc_id: str, year: int):
        self.rng, self.doc_id, self.year, pools = rng, doc_id, year, _pools()
        self.city, self.prov, ks = rng.choice(pools["geo"])
        self.counties, self.inds = rng.sample(ks, 3), rng.sample(pools["industries"], 3)
        self.surnames, self.filler = rng.sample(pools["surnames"], 16), list[str]()
        self.kn = [f"{e.name} {e.suffix.title()}" if e.suffix in ("county", "district") else e.name for e in self.counties]
        self.pn = f"{self.prov.name} Province" if self.prov.suffix == "province" else self.prov.name  # not 'Tibet Province'
        self.places = [*[self.city.name] * 2, f"{self.city.name} City", self.kn[0], self.kn[0], self.prov.name, self.pn]  # nested
        self.firms, self.owner, self.stems = dict[str, list[str]](), dict[str, str](), set[str]()
        self.chain = rng.choice(["industry chain", "industrial chain"])

    def person(self) -> str:
        r, syl = self.rng, _pools()["given"]
        return f"{self.surnames.pop()} {(r.choice(syl) if r.random() < 0.3 else r.choice(syl) + r.choice(syl)).title()}"

    def firm(self, ind: str | None = None, new: bool = False, exclude: tuple = ()) -> str:
        r = self.rng
        ind = ind or r.choice(self.inds)
        old = [f for f in self.firms.get(ind, []) if f not in exclude]
        if old and not new:
            return r.choice(old)
        stem = ""
        while not stem or stem in self.stems:
            stem = "".join(r.sample(D["stems"], 2)).title()
        self.stems.add(stem)
        head = r.choice([h for h in D["heads"] if h.split()[0] not in ind.title()])  # not 'Equipment Equipment Group'
        place = r.choice([self.city.name] * 3 + [self.prov.name, self.counties[0].name, ""])
        self.firms.setdefault(ind, []).append(" ".join(x for x in (place, stem, capwords(ind), head) if x))
        return self.firms[ind][-1]

    def park(self) -> str:
        r = self.rng
        return f"{r.choice([self.city.name, self.counties[0].name])} " + r.choice(D["parks"]).replace("{Ind}", capwords(r.choice(self.inds)))

    def post(self, want: str) -> tuple[str, str, str]:
        """(title, object, title as written before a name) of a post in a place ('pl': one a title may precede a name of),
        a government body or a firm."""
        r, names = self.rng, dict(c=self.city.name, P=self.prov.name, k=self.kn[0])
        if want == "body":
            return (t := r.choice(D["bodytitles"])), "the " + r.choice(D["bodies"]).format(**names), t
        if want == "firm":
            return (t := r.choice(D["firmtitles"])), self.firm(), t
        t, o, before = r.choice(D["posts"][:-1] if want == "pl" else D["posts"]).split("/")
        return t, o.format(**names), before

    def slots(self, text: str) -> dict:
        """Values for the slots of a template: places, industries, chains, and the clauses that state no fact."""
        r = self.rng
        ind, ind2 = r.sample(self.inds, 2)
        s = dict(c=self.city.name, P=self.prov.name, Pn=self.pn, k=self.counties[0].name, ind=ind, ind2=ind2, Ind=capwords(ind),
                 month=r.choice(MONTHS), wd=r.choice(WEEKDAYS), n=r.randint(2, 9), n2=r.randint(1, 9),
                 ch=f"{ind} {self.chain}", ch1=f"{ind} {self.chain}", ch2=f"{ind2} {self.chain}")
        s.update({k: r.choice(D[k]).format(**s) for k in SLOT_POOLS if "{" + k in text.lower()})
        s["Event"] = s.get("event", "")[:1].upper() + s.get("event", "")[1:]
        return s

    def fill(self, kind: str) -> tuple[list[str], list[dict]]:
        """The sentences of one template of a kind ('post', 'loc', 'owner', 'member', 'target', 'obs'), and its facts."""
        r = self.rng
        line = r.choice(D[kind]).split("::")
        want, text, spec = ["", *line] if len(line) == 2 else line
        s = self.slots(text + ("{quote}{ppred}" if kind in ("post", "loc") else ""))
        if kind == "post":
            s.update(p=self.person(), p2=self.person())
            s["t"], s["o"], s["T"] = self.post({"any": r.choice(["place", "body", "firm"]), "pf": r.choice(["pl", "firm"]),
                                                "two": "place", "pl": "pl", "place": "place"}.get(want, "firm"))
            s["t2"], s["o2"], _ = self.post("body")  # the second post of 'two'
            s.update({"ps": dict(t="Party secretary", t2="chairman"), "cg": dict(t="deputy", o=f"{s['P']} Provincial People's Congress")}
                     .get(want, {}))
        elif kind == "loc":
            e = next((e for e in self.counties if e.suffix != "city"), self.counties[0])
            inds = [i for i in self.inds if "new" not in i.split()] or ["photovoltaic"]  # 'new' would cut a project's name
            project = lambda: r.choice(D["projects"]).format(n=r.randint(1, 9), ind=r.choice(inds), pl=self.counties[0].name)  # noqa: E731
            s.update(x={"firm": self.firm, "fz": self.firm, "park": self.park, "proj": project, "pz": project}.get(want, str)(),
                     y=r.choice(self.places), z=self.park(), kn=self.kn[0], yb=r.choice([s["c"], s["k"]]), kb=e.name,
                     kw={"county": "county", "district": "district"}.get(e.suffix, "county-level city"))
            if "{c}'s" in text and e.suffix == "city":
                text, spec = "{kb}, a {kw} under {c}, {ppred}.", "L kb c"
        elif kind in ("owner", "member"):
            s["f"] = own = self.owner.setdefault(s["ind"], self.firm(s["ind"]))
            if "ind2" in text:
                self.owner.setdefault(s["ind2"], own)
            for key in ("f", "f2", "f3") if kind == "member" else ():  # members: firms of the chain's industry, not its owner
                s[key] = self.firm(s["ind"], new=r.random() < 0.6, exclude=(own, s.get("f"), s.get("f2")))
        else:
            lo, hi, step = RANGES[next((u for u in RANGES if f" {u} " in spec), "u1")]
            s["w"] = w = {"pv": s["P"], "fm": self.firm()}.get(want) or r.choice(self.places)
            hi //= 4 if want == "fm" else 8 if w in self.kn else 3 if w.startswith(self.city.name) else 1  # smaller places, smaller sums
            g, h = (x // 10 if x % 10 == 0 else x / 10 for x in (r.randint(25, 95), r.randint(45, 60)))  # percentages
            y0 = self.year
            s.update(g=g, h=h, v=r.randint(lo, max(lo, hi)) * step, y=y0 + r.randint(1, 5), y0=y0, y1=y0 + 1, yb0=y0 - r.randint(1, 2),
                     yl=y0 - 1, two=2, fyp="14th" if y0 <= 2025 else "15th", yp=2025 if y0 <= 2025 else 2030,
                     thing=r.choice(D["products"] if want == "fm" else D["things"]), ws=w + "'s", gs=f"{g:g}", hs=f"{h:g}")
            s["vs"] = f"{s['v']:,}"
        sentence = text.format(**s)
        if sentence.endswith("Co., Ltd.."):  # a full stop after 'Ltd.' would not end the sentence: end on the short name
            last = next(k for k, v in s.items() if isinstance(v, str) and v.endswith("Ltd.") and sentence.endswith(v + "."))
            s[last] = s[last][:-len(" Co., Ltd.")]
            sentence = text.format(**s)
        later = r.choice(D["follow"]).format(quote=s["quote"], sur=s["p"].split()[0]) if kind == "post" and r.random() < 0.35 else ""
        return [sentence, later] if later else [sentence], [self.fact(f.split(), s, sentence) for f in spec.split(";")]

    def fact(self, f: list[str], s: dict, evidence: str) -> dict:
        """A planted fact in the shape of the facts export, from a template's fact spec."""
        bare = lambda x: x[4:] if x.startswith("the ") else x  # noqa: E731
        if f[0] in "TB":  # owner year value unit metric...
            obj, quals = " ".join(f[5:]).format(**s), {"year": s[f[2]], "value": s[f[3]], "unit": UNITS[f[4]].format(**s)}
        else:
            obj, quals = bare(s[f[2]]), {"title": s[f[3]]} if f[0] == "H" else {}
        return {"doc": self.doc_id, "kind": KINDS[f[0]], "subject": bare(s[f[1]]), "object": obj, "qualifiers": quals,
                "evidence": evidence}

    def background(self) -> str:
        """A sentence that states no fact, not used yet in the article (until all have been)."""
        self.filler = self.filler or self.rng.sample(D["filler"], len(D["filler"]))
        text = self.filler.pop()
        return text.format(**self.slots(text)) if "{" in text else text


def article(i: int, seed: int = 0) -> SyntheticArticle:
    """Article number i of a seed's corpus: it depends only on (seed, i)."""
    rng = random.Random(f"bench.synth/{seed}/{i}")
    date = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
    w = _Writer(rng, f"syn-{seed}-{i:06d}", date.year)
    goal = min(1450, 300 + int(rng.gammavariate(2.0, 200)))  # words: mean about 700
    counts = {kind: max(rng.randint(*spread) for _ in range(1 + goal // 700)) for kind, spread in FACTS_PER_ARTICLE.items()}
    while sum(counts.values()) * 26 > 0.7 * goal and any(counts[k] > FACTS_PER_ARTICLE[k][0] for k in counts):  # short: fewer facts
        counts[max(counts, key=lambda k: counts[k] - FACTS_PER_ARTICLE[k][0])] -= 1
    units: list[list[str]] = []
    planted: dict[str, dict] = {}
    for kind, n in counts.items():
        for _ in range(n):
            sentences, facts = w.fill(rng.choice(["owner", "member"]) if kind == "chain" else kind)
            units.append(sentences)
            for f in facts:  # a fact stated twice is one fact
                planted.setdefault(json.dumps([f["kind"], f["subject"], f["object"], f["qualifiers"]], sort_keys=True), f)
    paragraphs, size = [[w.background()]], rng.randint(2, 4)
    words = sum(len(x.split()) for u in [*paragraphs, *units] for x in u)
    while words < goal:
        units.append([w.background()])
        words += len(units[-1][0].split())
    rng.shuffle(units)
    for u in units:
        if len(paragraphs[-1]) >= size:
            paragraphs.append([])
            size = rng.randint(2, 6)
        paragraphs[-1] += u
    title = rng.choice(D["titles"]).format(**{**w.slots(""), "k": w.kn[0]})
    return SyntheticArticle(w.doc_id, title, date.isoformat(), "\n\n".join(" ".join(p) for p in paragraphs), list(planted.values()),
                            {"province": w.prov.name, "city": w.city.name, "counties": [e.name for e in w.counties]})


def generate(n: int, seed: int = 0) -> Iterator[SyntheticArticle]:
    """Articles 0..n-1 of a seed's corpus, one at a time (deterministic for the seed)."""
    return (article(i, seed) for i in range(n))


def write_corpus(folder: str | Path, n: int, seed: int = 0, fmt: str = "txt") -> int:
    """Write n articles into a folder, streaming: one .txt file with front matter each (fmt 'txt') or one file
    syn-{seed}.jsonl of {"id","text","title","date"} records (fmt 'jsonl'). Returns the number written."""
    if fmt not in ("txt", "jsonl"):
        raise ValueError(f"fmt must be 'txt' or 'jsonl', not {fmt!r}")
    out, count = Path(folder), 0
    out.mkdir(parents=True, exist_ok=True)
    with (out / f"syn-{seed}.jsonl").open("w", encoding="utf-8") if fmt == "jsonl" else nullcontext() as f:
        for a in generate(n, seed):
            if f is not None:
                f.write(json.dumps({"id": a.id, "text": a.text, "title": a.title, "date": a.date}, ensure_ascii=False) + "\n")
            else:
                (out / f"{a.id}.txt").write_text(a.to_txt(), encoding="utf-8")
            count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    """python -m bench.synth N OUT [--seed S] [--jsonl]: write N articles into the folder OUT."""
    ap = argparse.ArgumentParser(prog="python -m bench.synth", description="Write N synthetic news articles into the folder OUT.")
    ap.add_argument("n", type=int, help="number of articles")
    ap.add_argument("out", help="output folder")
    ap.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    ap.add_argument("--jsonl", action="store_true", help="one .jsonl file instead of one .txt file per article")
    a = ap.parse_args(argv)
    print(f"wrote {write_corpus(a.out, a.n, a.seed, 'jsonl' if a.jsonl else 'txt')} articles to {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
