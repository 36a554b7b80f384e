"""Tests of kg.intake: reading scraped files safely, finding their encoding, cleaning text, reading HTML.

Every input is written here by the tests themselves, in short sentences made up for them.
"""
from __future__ import annotations

import codecs
import os
import random
import signal
import stat
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.htmltext import HtmlPage, html_page, looks_like_html
from kg.intake import DEFAULT_MAX_BYTES, HTML_SUFFIXES, clean_text, control_share, decode, read_bytes, read_text

ENGLISH = "The city of Zhengzhou opened a new logistics park. Officials expect trade to grow next year.\n"
CHINESE = "河南省发布新的产业计划。郑州市将建设物流园区。"
MIXED = "Henan Province (河南省) said the Zhengzhou (郑州) park will open in 2025.\n"
WESTERN = "The “new” café – run by Zoë – served crème brûlée in São Paulo’s old market.\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def refusal(call, *args, **kwargs) -> str:
    """The reason of the InputError the call raises."""
    with pytest.raises(InputError) as info:
        call(*args, **kwargs)
    return info.value.reason


# --- constants ---------------------------------------------------------------------------------------------

def test_constants():
    assert DEFAULT_MAX_BYTES == 20_000_000
    assert HTML_SUFFIXES == {".html", ".htm", ".xhtml"}


# --- read_bytes ----------------------------------------------------------------------------------------------

def test_read_bytes_returns_the_bytes(tmp_path):
    path = write(tmp_path, "a.txt", ENGLISH.encode())
    assert read_bytes(path) == ENGLISH.encode()
    assert read_bytes(str(path)) == ENGLISH.encode()  # a str path works too


@pytest.mark.parametrize("data", [b"", b"   ", b" \n\t\r\n\x0b\x0c "])
def test_empty_and_whitespace_only_files(tmp_path, data):
    path = write(tmp_path, "e.txt", data)
    assert refusal(read_bytes, path) == "empty file"
    assert refusal(read_text, path) == "empty file"


def test_whitespace_only_in_utf16_is_empty(tmp_path):
    path = write(tmp_path, "e.txt", codecs.BOM_UTF16_LE + " \n \n".encode("utf-16-le"))
    assert refusal(read_text, path) == "empty file"


def test_too_large_names_size_and_limit(tmp_path):
    path = write(tmp_path, "big.txt", b"x" * 100)
    reason = refusal(read_bytes, path, max_bytes=50)
    assert reason == "too large: 100 bytes, over the limit of 50 (--max-size)"
    assert refusal(read_text, path, max_bytes=99).startswith("too large: 100 bytes")
    assert read_bytes(path, max_bytes=100) == b"x" * 100  # the limit itself is allowed


def test_missing_file(tmp_path):
    assert refusal(read_bytes, tmp_path / "nope.txt") == "cannot read: No such file or directory"


def test_directory_is_not_a_regular_file(tmp_path):
    assert refusal(read_bytes, tmp_path) == "not a regular file (a directory)"


def _alarm(signum, frame):
    raise TimeoutError("read_bytes blocked")


def test_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(5)  # a blocking open would hang here; the alarm turns that into a failure
    try:
        assert refusal(read_bytes, fifo) == "not a regular file (a named pipe)"
        assert refusal(read_text, fifo).startswith("not a regular file")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def test_character_device_is_refused():
    if not os.path.exists("/dev/null"):
        pytest.skip("no /dev/null here")
    assert refusal(read_bytes, Path("/dev/null")) == "not a regular file (a character device)"


def test_broken_symlink(tmp_path):
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "gone.txt")
    assert refusal(read_bytes, link) == "broken symbolic link"


def test_symlink_loop(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.symlink_to(b)
    b.symlink_to(a)
    assert refusal(read_bytes, a).startswith("cannot read: ")


def test_symlink_to_good_file(tmp_path):
    target = write(tmp_path, "target.txt", ENGLISH.encode())
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert read_bytes(link) == ENGLISH.encode()
    assert read_text(link) == (ENGLISH, "utf-8")


def _read_as_nobody(path: Path) -> str:
    """The outcome of read_bytes(path) in a forked child that dropped root for uid/gid 65534.

    A fork, not a new interpreter: the venv's interpreter may live where that user cannot go.
    """
    rfd, wfd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never return into pytest
        code = 1
        try:
            os.close(rfd)
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            try:
                read_bytes(path)
                outcome = "read"
            except InputError as e:
                outcome = e.reason
            os.write(wfd, outcome.encode())
            code = 0
        finally:
            os._exit(code)
    os.close(wfd)
    with os.fdopen(rfd, "rb") as pipe:
        outcome = pipe.read().decode()
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, outcome
    return outcome


def test_unreadable_file():
    # pytest's tmp_path is private to root, so the file lives in a world-traversable folder of its own.
    folder = Path(tempfile.mkdtemp(prefix="kg-intake-"))
    try:
        folder.chmod(0o755)
        path = write(folder, "secret.txt", ENGLISH.encode())
        path.chmod(0)
        if os.geteuid() == 0:
            outcome = _read_as_nobody(path)
        else:
            outcome = refusal(read_bytes, path)
        assert outcome == "cannot read: Permission denied"
    finally:
        (folder / "secret.txt").chmod(stat.S_IRUSR | stat.S_IWUSR)
        (folder / "secret.txt").unlink()
        folder.rmdir()


# --- decode --------------------------------------------------------------------------------------------------

def test_utf8_without_bom():
    assert decode(MIXED.encode()) == (MIXED, "utf-8")
    assert decode(ENGLISH.encode()) == (ENGLISH, "utf-8")


def test_utf8_with_bom_drops_the_bom():
    assert decode(codecs.BOM_UTF8 + MIXED.encode()) == (MIXED, "utf-8-sig")


@pytest.mark.parametrize("bom, codec", [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
                                        (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be")])
def test_utf16_and_utf32_with_bom(bom, codec):
    assert decode(bom + MIXED.encode(codec)) == (MIXED, codec)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(codec):
    assert decode(ENGLISH.encode(codec)) == (ENGLISH, codec)
    assert decode(MIXED.encode(codec)) == (MIXED, codec)


def test_bom_followed_by_bad_bytes_names_the_offset():
    reason = refusal(decode, codecs.BOM_UTF16_LE + b"A\x00B", "x.txt")
    assert "UTF-16-LE" in reason and "offset 4" in reason
    reason = refusal(decode, codecs.BOM_UTF8 + b"ok \xff", "x.txt")
    assert "UTF-8" in reason and "offset 6" in reason


def test_utf16_le_text_starting_with_nul_is_not_utf32():
    assert decode(codecs.BOM_UTF16_LE + "\x00Henan".encode("utf-16-le")) == ("\x00Henan", "utf-16-le")


def test_utf8_cut_short_in_its_last_character():
    assert decode((ENGLISH + "河南").encode()[:-1]) == (ENGLISH + "河", "utf-8")


@pytest.mark.parametrize("text", ["Café", "They met Zoë", "Zhengzhou’s new café"])
def test_cp1252_ending_in_an_accent_is_not_cut_utf8(text):
    assert decode(text.encode("cp1252")) == (text, "cp1252")


@pytest.mark.parametrize("text", [CHINESE, MIXED, "河南", "The Henan 河南 plan.", CHINESE * 50 + MIXED * 20])
def test_gb18030(text):
    assert decode(text.encode("gb18030")) == (text, "gb18030")


@pytest.mark.parametrize("text", [WESTERN, WESTERN * 40, "It’s", "Price – 5€", "Zürich, São Paulo, Montréal."])
def test_cp1252_not_a_lookalike(text):
    decoded, encoding = decode(text.encode("cp1252"))
    assert (decoded, encoding) == (text, "cp1252")
    for lookalike in "ăčěńőŠ":  # what cp1250 makes of ã, è, ì, ñ, õ and š's neighbours
        assert lookalike not in decoded


def test_big5_is_recognised():
    text = "臺灣的經濟發展計畫今年開始實施。台北市政府表示。"
    assert decode(text.encode("big5")) == (text, "big5")


def test_decode_is_deterministic():
    for data in (WESTERN.encode("cp1252"), MIXED.encode("gb18030"), "河南".encode("gb18030")):
        assert len({decode(data) for _ in range(5)}) == 1


def _random_bytes(seed: int, size: int, low: int = 0) -> bytes:
    rnd = random.Random(seed)
    return bytes(rnd.randrange(low, 256) for _ in range(size))


def _png_like(seed: int) -> bytes:
    return (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00"
            + _random_bytes(seed, 3000))


@pytest.mark.parametrize("data", [_png_like(1), _random_bytes(2, 5000), b"\x00" * 64, _random_bytes(3, 3000, 0x80)],
                         ids=["png", "random", "nuls", "high-bytes"])
def test_binary_is_refused(tmp_path, data):
    assert refusal(decode, data, "x.bin").startswith("binary file, not text (")
    path = write(tmp_path, "image.txt", data)
    with pytest.raises(InputError) as info:
        read_text(path)
    assert str(info.value).startswith(f"{path}: binary file, not text")


def test_binary_reason_says_why():
    assert "NUL or control bytes" in refusal(decode, _png_like(4))
    reason = refusal(decode, _random_bytes(5, 3000, 0x80))
    assert "at offset 0 is not UTF-8" in reason


def test_decode_default_path_in_message():
    with pytest.raises(InputError) as info:
        decode(_png_like(6))
    assert info.value.path == "<bytes>"


# --- clean_text, control_share, read_text ----------------------------------------------------------------

def test_clean_text_removes_controls_and_feff_only():
    assert clean_text("a\x00b\x01c\x1bd\x7fe\x85f\x9fg\ufeffh") == "abcdefgh"
    kept = "tab\there\nline\r\nfeed\fend  "
    assert clean_text(kept) == kept  # \r\n kept, nothing stripped
    assert clean_text(MIXED) == MIXED


def test_control_share():
    assert control_share("") == 0.0
    assert control_share("abcd") == 0.0
    assert control_share("ab\x00\x01") == 0.5
    assert control_share("\t\n\r\f") == 0.0
    assert control_share("x" * 8192 + "\x00" * 100) == 0.0  # only the first 8 KiB count


def test_nul_and_controls_removed_from_fine_text(tmp_path):
    dirty = "Zhengzhou\x00 opened a \x07park.\x00 Trade\x1b will grow.\u0085\n" + ENGLISH
    path = write(tmp_path, "dirty.txt", dirty.encode())
    text, encoding = read_text(path)
    assert text == "Zhengzhou opened a park. Trade will grow.\n" + ENGLISH
    assert encoding == "utf-8"


def test_read_text_refuses_text_full_of_c1_controls(tmp_path):
    path = write(tmp_path, "c1.txt", ("Henan\u0085\u0086\u0087" * 20).encode())
    assert refusal(read_text, path) == "binary file, not text (60 control characters in the first 160)"


def test_read_text_keeps_the_bom_out(tmp_path):
    path = write(tmp_path, "bom.txt", codecs.BOM_UTF8 + ENGLISH.encode())
    assert read_text(path) == (ENGLISH, "utf-8-sig")


@pytest.mark.parametrize("codec, data", [("gb18030", MIXED.encode("gb18030")), ("cp1252", WESTERN.encode("cp1252")),
                                         ("utf-16-le", codecs.BOM_UTF16_LE + MIXED.encode("utf-16-le")),
                                         ("utf-16-le", ENGLISH.encode("utf-16-le"))])
def test_read_text_of_encoded_files(tmp_path, codec, data):
    text, encoding = read_text(write(tmp_path, "a.txt", data))
    assert encoding == codec
    assert text in (MIXED, WESTERN, ENGLISH)


def test_error_message_names_the_file(tmp_path):
    path = write(tmp_path, "empty.txt", b"")
    with pytest.raises(InputError) as info:
        read_text(path)
    assert str(info.value) == f"{path}: empty file"


# --- looks_like_html -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "<!DOCTYPE html><html><body><p>Hi</p></body></html>",
    "  \n<!doctype HTML>\n<title>x</title>",
    "\ufeff<html lang='en'>",
    '<?xml version="1.0"?>\n<!-- saved page -->\n<html xmlns="http://www.w3.org/1999/xhtml">',
    "<head><title>Plan</title></head>",
    "Saved:\n<body>\nText</body>",
    "<p>Henan grew.</p>",
    "<div class='story'>\n<p>One.</p>\n<p>Two.</p></div>",
])
def test_looks_like_html_true(text):
    assert looks_like_html(text)


@pytest.mark.parametrize("text", [
    ENGLISH, MIXED, "",
    "Use the <b> tag to make words bold in the report.",
    "The ratio was 3 < 5 and 7 > 2 in Henan.",
    "Engineers wrote <p> once in the manual.\n" + ENGLISH,
    "---\ntitle: Plan\n---\nHenan grew.",
])
def test_looks_like_html_false(text):
    assert not looks_like_html(text)


# --- html_page -----------------------------------------------------------------------------------------------

BOILERPLATE_PAGE = """<!DOCTYPE html>
<html><head>
<title>  Henan opens a park | Example News </title>
<meta property="og:title" content=" Henan opens a logistics park ">
<meta property="article:published_time" content="2024-03-05T08:00:00+08:00">
<script>var tracker = "SCRIPTMARKER";</script>
<style>.menu { color: red; }</style>
</head><body>
<nav><a href="/">Homepage</a> <a href="/world">World section</a> <a href="/sport">Sport section</a></nav>
<article>
<h1>Henan opens a logistics park</h1>
<p>The province of Henan opened a logistics park near Zhengzhou on Tuesday. It covers three districts.</p>
<p>The park will employ four thousand workers by the end of the year. Local firms welcomed the plan.</p>
<p>A second phase is planned for the northern district. Its budget has not been published yet.</p>
</article>
<aside>Most read: weather in the capital</aside>
<footer>Copyright Example News. FOOTERMARKER</footer>
<script>console.log("SECONDSCRIPT")</script>
</body></html>"""


def test_html_page_keeps_the_article_and_drops_boilerplate():
    page = html_page(BOILERPLATE_PAGE, "page.html")
    assert isinstance(page, HtmlPage)
    assert "The province of Henan opened a logistics park near Zhengzhou on Tuesday." in page.text
    assert "It covers three districts." in page.text
    assert "Its budget has not been published yet." in page.text
    for junk in ("SCRIPTMARKER", "SECONDSCRIPT", "FOOTERMARKER", "color: red", "Sport section", "Most read"):
        assert junk not in page.text
    assert page.title == "Henan opens a logistics park"
    assert page.date == "2024-03-05"


def test_html_paragraphs_are_separated_by_blank_lines():
    page = html_page(BOILERPLATE_PAGE)
    paragraphs = page.text.split("\n\n")
    assert any(p.startswith("The park will employ") for p in paragraphs)
    assert all(p == p.strip() and p for p in paragraphs)


def test_html_title_from_title_element_when_no_og_title():
    page = html_page("<html><head><title>\n  Zhengzhou   grows \n</title></head><body><p>It grew.</p></body></html>")
    assert page.title == "Zhengzhou grows"


def test_html_date_is_never_guessed_from_the_body():
    html = ("<html><head><title>Targets</title></head><body><article>"
            "<p>The province will double its output by 2025, officials said.</p>"
            "<p>The plan was approved on March 3, 2024 and published on 2024-03-04 in Zhengzhou.</p>"
            "</article></body></html>")
    page = html_page(html)
    assert "double its output by 2025" in page.text
    assert page.date is None


@pytest.mark.parametrize("head, expected", [
    ('<meta name="date" content="2023-11-05">', "2023-11-05"),
    ('<meta name="pubdate" content="2023-11-05T10:00:00Z">', "2023-11-05"),
    ('<meta name="DC.date" content="2023/11/05">', "2023-11-05"),
    ('<meta name="publishdate" content="November 5, 2023">', "2023-11-05"),
    ('<script type="application/ld+json">{"datePublished": "2023-11-05T09:30:00+08:00"}</script>', "2023-11-05"),
    ('<meta name="date" content="soon">', None),
    ('<meta name="keywords" content="2023-11-05">', None),
])
def test_html_date_from_metadata(head, expected):
    html = f"<html><head>{head}</head><body><p>Anhui opened a new port this week.</p></body></html>"
    assert html_page(html).date == expected


def test_html_date_from_time_element():
    html = ("<html><body><article><p>Posted <time datetime='2022-07-01T10:00:00+08:00'>last Friday</time>.</p>"
            "<p>Hubei signed an agreement with three firms.</p></article></body></html>")
    assert html_page(html).date == "2022-07-01"


def test_tiny_page():
    page = html_page("<html><head><title>T</title></head><body><nav>Menu</nav><p>One short line.</p>"
                     "<footer>Foot</footer></body></html>")
    assert page.text == "One short line."
    assert page.title == "T"


@pytest.mark.parametrize("replacement", [lambda *a, **k: None, lambda *a, **k: 1 / 0], ids=["nothing", "crash"])
def test_fallback_when_trafilatura_finds_nothing(monkeypatch, replacement):
    import trafilatura
    monkeypatch.setattr(trafilatura, "extract", replacement)
    html = ("<html><head><title>Small</title><script>hidden()</script></head><body>"
            "<nav>Menu</nav><h2>Heading</h2><div>First <b>line</b>.<br>Second line.</div>"
            "<ul><li>Item one</li><li>Item two</li></ul><noscript>NOSCRIPT</noscript>"
            "<aside>Aside</aside><footer>Foot</footer></body></html>")
    page = html_page(html)
    assert page.text == "Heading\n\nFirst line.\n\nSecond line.\n\nItem one\n\nItem two"
    assert page.title == "Small"


def test_malformed_html():
    page = html_page("<html><body><p>First <b>bold <i>mixed</b> para<p>Second para</div></span>"
                     "<table><td>Cell text<tr><td>More cells")
    for part in ("First bold mixed para", "Second para", "Cell text", "More cells"):
        assert part in page.text


def test_huge_attribute_value():
    html = '<html><body><p title="' + "x" * 11_000_000 + '">Text after a huge attribute.</p></body></html>'
    assert html_page(html).text == "Text after a huge attribute."


@pytest.mark.parametrize("html", ["", "   ", "<!-- nothing -->", "<html><head><script>x()</script></head></html>",
                                  "<p></p>", "\x00\x00"])
def test_html_without_text(html):
    assert refusal(html_page, html, "p.html") == "HTML page without text"


def test_non_html_input_gives_its_text():
    assert html_page("Just a sentence about Henan.").text == "Just a sentence about Henan."


def test_gb18030_html_with_meta_charset(tmp_path):
    html = ('<!DOCTYPE html><html><head><meta charset="gb2312"><title>河南新闻</title></head><body>'
            f"<article><p>{CHINESE}</p><p>{MIXED.strip()}</p></article></body></html>")
    path = write(tmp_path, "page.html", html.encode("gb18030"))
    text, encoding = read_text(path)
    assert encoding == "gb18030"
    assert looks_like_html(text)
    page = html_page(text, path)
    assert CHINESE in page.text and "Zhengzhou (郑州)" in page.text
    assert page.title == "河南新闻"


def test_html_in_utf16_with_bom(tmp_path):
    path = write(tmp_path, "page.htm", codecs.BOM_UTF16_LE + BOILERPLATE_PAGE.encode("utf-16-le"))
    text, encoding = read_text(path)
    assert encoding == "utf-16-le"
    assert html_page(text).date == "2024-03-05"


# --- properties ----------------------------------------------------------------------------------------------

CONTROLS = {chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)]} - set("\t\n\r\f")


@given(st.text())
def test_bom_round_trip(text):
    assert decode(codecs.BOM_UTF8 + text.encode()) == (text, "utf-8-sig")
    if not text.startswith("\x00"):  # else the bytes begin with the UTF-32-LE mark: ambiguous
        assert decode(codecs.BOM_UTF16_LE + text.encode("utf-16-le")) == (text, "utf-16-le")
    assert decode(codecs.BOM_UTF16_BE + text.encode("utf-16-be")) == (text, "utf-16-be")


@given(st.text())
def test_utf8_round_trip(text):
    if text.startswith("\ufeff") or "\x00" in text:
        return  # a leading U+FEFF is a BOM; NULs make UTF-16-like or binary bytes
    try:
        assert decode(text.encode()) == (text, "utf-8")
    except InputError as e:  # only when the text is mostly control characters
        assert e.reason.startswith("binary file")
        assert sum(ch in CONTROLS for ch in text) >= 8


@given(st.text(st.characters(blacklist_categories=("Cc", "Cs"))))
def test_utf8_round_trip_without_controls(text):
    if not text.startswith("\ufeff"):
        assert decode(text.encode()) == (text, "utf-8")


@given(st.text())
def test_clean_text_leaves_no_controls_and_is_idempotent(text):
    cleaned = clean_text(text)
    assert not (set(cleaned) & CONTROLS)
    assert "\ufeff" not in cleaned
    assert clean_text(cleaned) == cleaned
    assert 0.0 <= control_share(text) <= 1.0


@settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(), st.text(alphabet=st.sampled_from(list("<>/=\"' !-?&;abpdivhtmlbodyscript\n"))),
                 st.builds("<html><body><p>{}</p></body></html>".format, st.text())))
def test_html_page_raises_only_input_error(text):
    try:
        page = html_page(text)
    except InputError as e:
        assert e.reason == "HTML page without text"
    else:
        assert page.text and page.text == page.text.strip()
        assert page.date is None  # no metadata, so never a date


@settings(deadline=None, max_examples=50)
@given(st.binary(max_size=600))
def test_decode_raises_only_input_error(data):
    try:
        text, encoding = decode(data)
    except InputError as e:
        assert e.path == "<bytes>"
    else:
        assert isinstance(text, str) and codecs.lookup(encoding)
