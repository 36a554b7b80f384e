"""HTML pages to article text: the main text by trafilatura (lxml when it finds nothing), the
title the page gives, and the date only from the page's metadata, never guessed from the
text. Nothing named in a page is ever fetched.

>>> looks_like_html("<!DOCTYPE html><html><body><p>Shanxi grew.</p></body></html>")
True
>>> looks_like_html("Profits rose <b>sharply</b> in Taiyuan.")
False
"""
from __future__ import annotations

import copy
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .intake import clean_text

_PREAMBLE = re.compile(r"\A(?:\s|\ufeff|<\?xml[^>]*>|<!--.*?-->)*", re.S)
_HTML_START = re.compile(r"<!doctype\s+html|<html[\s>]", re.I)
_HTML_PARTS = re.compile(r"<(?:body|head)[\s>]", re.I)
_TAG = re.compile(r"</?(?:p|div|br|h[1-6]|li|ul|ol|table|tr|td|article|section|span|a|meta|link|title|script"
                  r"|style|img|main|header)(?:\s[^<>]*)?/?>", re.I)


def looks_like_html(text: str) -> bool:
    """Whether the text is an HTML page (or fragment) rather than an article that mentions a tag.

    >>> looks_like_html("<!DOCTYPE html><p>Hi</p>"), looks_like_html("Use <b> for bold.")
    (True, False)
    """
    head = text[:2048]
    rest = _PREAMBLE.sub("", head, count=1)  # the pattern always matches at the start
    if _HTML_START.match(rest) or _HTML_PARTS.search(head):
        return True
    tags = len(_TAG.findall(head))
    return tags >= 3 or (tags >= 2 and _TAG.match(rest) is not None)


@dataclass(frozen=True)
class HtmlPage:
    """The article text of an HTML page, with the title and ISO date its metadata states."""
    text: str
    title: str | None
    date: str | None


_DATE_KEYS = ("article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
              "publish_date", "publish-date", "date", "dc.date", "dc.date.issued", "dcterms.date",
              "dcterms.issued", "dcterms.created", "citation_publication_date", "parsely-pub-date", "sailthru.date")
_DROP = ("script", "style", "noscript", "template", "head", "nav", "footer", "aside", "svg", "iframe")
_BLOCKS = ("p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "tr", "td", "th", "pre",
           "blockquote", "article", "section", "main", "header", "figcaption", "caption", "address", "table")


def html_page(html: str, path: str | Path = "<html>") -> HtmlPage:
    """The main text, title and publication date of an HTML page; nothing is fetched.

    >>> page = html_page('<html><head><title> Plan </title><meta name="date" content="2024-03-05">'
    ...                  '</head><body><p>Henan grew.</p><p>So did Hubei.</p></body></html>')
    >>> page
    HtmlPage(text='Henan grew.\\n\\nSo did Hubei.', title='Plan', date='2024-03-05')
    """
    from lxml import etree
    from lxml.html import HTMLParser
    # huge_tree: a page within the size limit may still hold a text node or attribute over 10 MB.
    parser = HTMLParser(encoding="utf-8", huge_tree=True, remove_comments=True, remove_pis=True, no_network=True)
    try:
        # A form feed is fine in text but not in XML, and lxml would refuse it when text is set.
        tree = etree.fromstring(clean_text(html).replace("\f", " ").encode("utf-8", "replace"), parser)
    except (etree.LxmlError, ValueError):
        tree = None
    if tree is None:
        raise InputError(path, "HTML page without text")
    metas: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        metas.setdefault(key, meta.get("content") or "")
    title = " ".join(metas.get("og:title", "").split()) or " ".join(tree.xpath("string(//title)").split()) or None
    date = _date(tree, metas)
    # Boilerplate goes before trafilatura sees the page: on tiny pages its fallbacks keep menus.
    etree.strip_elements(tree, *_DROP, with_tail=False)
    text = _main_text(copy.deepcopy(tree)) or _block_text(tree)
    if not text:
        raise InputError(path, "HTML page without text")
    return HtmlPage(text, title, date)


def _main_text(tree) -> str:
    """The article text trafilatura finds, one paragraph per block, or "" when it finds none."""
    import trafilatura
    if logging.getLogger("trafilatura").level == logging.NOTSET:  # unless configured, no "discarding data"
        logging.getLogger("trafilatura").setLevel(logging.ERROR)
    try:
        text = trafilatura.extract(tree, output_format="txt", include_comments=False, include_tables=True,
                                   favor_recall=True, with_metadata=False)
    except Exception:  # a third-party extractor on hostile input: the lxml fallback still applies
        text = None
    return "\n\n".join(line.strip() for line in (text or "").splitlines() if line.strip())


def _block_text(tree) -> str:
    """The text of the page's block elements, one paragraph each: for pages trafilatura finds nothing in."""
    for el in tree.iter(*_BLOCKS):
        el.tail = "\n" + (el.tail or "")
        if el.tag != "br":
            el.text = "\n" + (el.text or "")
    lines = (" ".join(line.split()) for line in "".join(tree.itertext()).split("\n"))
    return "\n\n".join(line for line in lines if line)


def _date(tree, metas: dict[str, str]) -> str | None:
    """The publication date from the page's metadata (meta tags, JSON-LD, <time datetime>), never its text."""
    values = [metas[k] for k in _DATE_KEYS if metas.get(k)]
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() == "application/ld+json":
            values += re.findall(r'"datePublished"\s*:\s*"([^"]{4,40})"', script.text or "")
    times = [t for t in tree.iter("time") if t.get("datetime")]
    times.sort(key=lambda t: not (t.get("pubdate") is not None or t.get("itemprop") == "datePublished"))
    values += [t.get("datetime") for t in times]
    from .documents import parse_date  # imported here: documents imports this module
    for value in values:
        iso = parse_date(re.sub(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})", r"\1-\2-\3", value.strip()))
        if iso:
            return iso
    return None
