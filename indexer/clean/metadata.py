"""Title, source and date: a record's own cleaned, or found in its text and URL when it has none."""

from __future__ import annotations

import re
from collections.abc import Mapping

from indexer.clean.dates import parse_date
from indexer.ingest.textfix import normalise_text
from indexer.model import PartialDate

__all__ = ["DERIVED_TITLE_MAX", "TITLE_MAX", "clean_title"]

TITLE_MAX = 300
"""Longer titles are cut at a word boundary."""
DERIVED_TITLE_MAX = 100
"""A title made from the body's first sentence is at most this long."""

_KNOWN_OUTLETS = frozenset(
    """kompas|kompas.com|kompas tv|detik|detikcom|detik.com|detiknews|tempo|tempo.co|cnn indonesia|
    cnbc indonesia|antara|antara news|antaranews|liputan6|liputan6.com|okezone|okezone.com|tribunnews|
    tribunnews.com|republika|kumparan|idn times|suara.com|jpnn|merdeka.com|viva|sindonews|kapanlagi|
    wowkeren|fimela|the jakarta post|jakarta post|bbc|bbc news|bbc news indonesia|bbc indonesia|reuters|
    ap|ap news|associated press|afp|cnn|fox news|the guardian|voa|voa indonesia|al jazeera|
    the new york times|nytimes|the washington post|bloomberg|dw|dw indonesia""".replace("\n", "")
    .replace("    ", "")
    .split("|")
)
_DOMAIN = r"[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\.(?:com|co\.id|id|net|org|co|news|tv|info|io|my|sg|uk)"
_DOMAIN_RE = re.compile(_DOMAIN, re.IGNORECASE)
_TITLE_SEPARATOR = re.compile(r"\s+(?:\||::|»|•|·|-|–|—)\s+")
_TITLE_DASHES = frozenset("-–—")
_HOST = re.compile(r"^[a-z][a-z0-9+.-]*://(?:[^/@\s]*@)?([^/:?#\s]+)", re.IGNORECASE)
_SOURCE_PREFIX = re.compile(
    rf"(?:[A-Z][\w'’.]*(?:,?\s+[A-Z][\w'’.]*){{0,4}}(?:\s*,\s*|\s+))?"  # place: "Beijing, China," / "JAKARTA,"
    rf"(?:\((?P<paren>[^()\n]{{2,40}})\)|(?P<domain>{_DOMAIN}))"  # "(afederasi.com)" / "KOMPAS.com"
    r"\s*[-–—]+\s"
)
_SOURCE_AFTER = re.compile(rf"(?P<domain>{_DOMAIN})\s*,\s*[A-Z][\w ]{{1,30}}\s*[-–—]+\s")
"""The other order: "Liputan6.com, Jakarta - "."""
_AGENCY = re.compile(r"[A-Z]{2,10}")
"""A news agency in capitals in a dateline: "(ANTARA)", "(AFP)"."""
_FIRST_SENTENCE = re.compile(r".+?[.!?](?=\s|$)")
_URL_DATE = re.compile(r"/((?:18|19|20)\d\d)/(\d\d?)/(\d\d?)(?:/|$)")
_HEADING_MARK = re.compile(r"#{1,6}\s+")


def _site_names(fields: Mapping[str, str]) -> frozenset[str]:
    """Names a title suffix may give for this article's site: its source field and its URL's host."""
    names: set[str] = set()
    source = fields.get("source")
    if isinstance(source, str) and source.strip():
        names.add(" ".join(source.split()).lower())
    url = fields.get("url")
    host = _HOST.match(url) if isinstance(url, str) else None
    if host:
        labels = host.group(1).lower().removeprefix("www.").split(".")
        for index in range(len(labels) - 1):
            names.add(".".join(labels[index:]))
            names.add(labels[index])
    return frozenset(names)


def _is_site(text: str, names: frozenset[str]) -> bool:
    key = " ".join(text.split()).lower()
    return key in names or key in _KNOWN_OUTLETS or _DOMAIN_RE.fullmatch(key) is not None


def _short(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + "…"


def clean_title(title: str, site_names: frozenset[str] = frozenset()) -> str:
    """A title without the site's name around it ("… | 31left", "… - Kompas.com"), on one line."""
    text = " ".join(normalise_text(title).split())
    heading = _HEADING_MARK.match(text)
    if heading:
        text = text[heading.end() :]
    first = _TITLE_SEPARATOR.search(text[:60])
    if first and first.end() < len(text) and _is_site(text[: first.start()], site_names):
        text = text[first.end() :]  # "detik.com | Judul"
    for _ in range(3):
        separators = list(_TITLE_SEPARATOR.finditer(text[-120:]))
        if not separators:
            break
        last = separators[-1]
        offset = max(len(text) - 120, 0)
        head, tail = text[: offset + last.start()].rstrip(), text[offset + last.end() :].strip()
        if not head:
            break
        mark = last.group().strip()
        if mark in _TITLE_DASHES:  # a dash also joins the parts of a real title: only a site name goes
            if not _is_site(tail, site_names):
                break
        elif len(tail) > 40 or len(tail.split()) > 4 or len(tail) >= len(head):
            break
        text = head
    return _short(text, TITLE_MAX)


def _derived_title(paragraphs: list[str]) -> str:
    """A title from the body's first sentence, when the record has none."""
    if not paragraphs:
        return ""
    opening = paragraphs[0][: TITLE_MAX * 2]
    sentence = _FIRST_SENTENCE.match(opening)
    return _short(sentence.group() if sentence else opening, DERIVED_TITLE_MAX)


def _source_in_text(paragraphs: list[str]) -> str | None:
    """The outlet named in a dateline such as "Beijing, China, (afederasi.com) - " or "JAKARTA, KOMPAS.com -"."""
    for paragraph in paragraphs[:5]:
        opening = paragraph[:160]
        match = _SOURCE_PREFIX.match(opening) or _SOURCE_AFTER.match(opening)
        if match is None:
            continue
        domain = match.group("domain")
        if domain:
            return domain
        named = match.group("paren").strip()
        if _DOMAIN_RE.fullmatch(named) or named.lower() in _KNOWN_OUTLETS or _AGENCY.fullmatch(named):
            return named
    return None


def _with_url_date(date: PartialDate | None, url: str | None) -> PartialDate | None:
    """``date``, unless the URL's ``/YYYY/MM/DD/`` shows its day and month were swapped (Kompas in CLICK-ID)."""
    if date is None or date.precision != "day" or not url:
        return date
    found = _URL_DATE.search(url)
    if found is None:
        return date
    year, month, day = (int(part) for part in found.groups())
    swapped = f"{year:04d}-{day:02d}-{month:02d}"
    if month != day and date.iso == swapped:
        correct = parse_date(f"{year:04d}-{month:02d}-{day:02d}")
        return correct or date
    return date
