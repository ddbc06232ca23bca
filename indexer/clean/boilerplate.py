"""Cleaning: from a raw record to a title, a body of paragraphs, a date, a source and a URL.

Article text is untrusted and messy: scraped pages carry widgets, repeated captions and pasted-twice
bodies; the benchmark corpora join paragraphs with commas (CLICK-ID) or hard-wrap them (Reuters) and
carry mojibake. Every step here is a linear scan, so a 1 MB paragraph costs what its size says.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping

from indexer.clean.dates import dateline_at, parse_date
from indexer.ingest.textfix import normalise_text
from indexer.model import CleanText, PartialDate, Record

__all__ = ["clean_record", "clean_title", "normalise_text"]

TITLE_MAX = 300
"""Longer titles are cut at a word boundary."""
DERIVED_TITLE_MAX = 100
"""A title made from the body's first sentence is at most this long."""
_FURNITURE_MAX = 200
"""Longer lines are never page furniture."""
_DUP_MIN = 30
"""Paragraphs at least this long and ending a sentence are dropped when repeated; table rows may repeat."""
_PROSE_MIN = 80
"""Paragraphs this long are dropped when repeated even without a full stop at the end."""
_REPEAT_MIN = 40
"""Paragraphs at least this long are looked for inside later ones (a lead or caption printed again)."""
_REPEAT_SOURCES = 32
"""Only the first this many such paragraphs: repeats sit near the top, and this bounds the work."""

# --- page furniture ---------------------------------------------------------------------------------

_FURNITURE_EXACT = frozenset(
    (
        *("leave a comment", "leave a reply", "post a comment", "add a comment", "add comment", "comment"),
        *("comments", "0 comments", "no comments", "komentar", "tinggalkan komentar", "tulis komentar"),
        *("kirim komentar", "loading", "memuat", "share", "share this", "share this article", "share article"),
        *("share this story", "share this post", "share on facebook", "share on twitter", "share via email"),
        *("bagikan", "bagikan artikel ini", "bagikan berita ini", "tweet", "facebook", "twitter", "whatsapp"),
        *("telegram", "linkedin", "line", "pinterest", "email", "e-mail", "print", "cetak", "copy link"),
        *("salin link", "salin tautan", "advertisement", "iklan", "scroll to continue with content"),
        *("scroll to continue", "lanjutkan membaca", "continue reading", "read more", "selengkapnya"),
        *("baca selengkapnya", "tags", "tag", "topik"),
    )
)
"""Whole lines of page furniture, as :func:`_furniture_key` writes them."""
_REACTION_HEADINGS = frozenset(
    (
        "what's your reaction",
        "what is your reaction",
        "your reaction",
        "bagaimana reaksi anda",
        "bagaimana reaksimu",
        "reaksi anda",
        "reaksi kamu",
    )
)
_REACTION = re.compile(
    r"(?:like|dislike|love|funny|angry|sad|wow|haha|happy|suka|tidak suka|senang|sedih|marah|lucu|kaget|"
    r"terkejut|takut|bangga|inspiratif|terinspirasi|kesal|cinta|bingung|geram|ngakak)(?:\s*\(?\d+%?\)?)?"
    r"|\d+%?"
)
_LONE_LETTERS = re.compile(r"[A-Za-z][+\-−]?(?:\s+[A-Za-z][+\-−]?)*")
"""Font-size buttons ("A", "A A A", "A- A+"), never a line of text."""
_PROMO = re.compile(
    r"(?:klik|click|tap|ketuk)\s+(?:di\s*sini|disini|here)\b"
    r"|(?:download|unduh)\s+(?:(?:the|our)\s+)?(?:aplikasi|app|apps|application)\b"
    r"|(?:ikuti|follow)\b.{0,80}\b(?:google news|whatsapp|telegram|instagram|twitter|facebook|youtube|tiktok"
    r"|channel|saluran)\b"
    r"|(?:share|bagikan)\s+(?:this|on|ke|via|artikel|berita|halaman)\b"
    r"|(?:scroll|gulir)\s+(?:to|untuk|ke)\b"
    r"|artikel ini (?:telah |sudah )?(?:tayang|terbit|dipublikasikan|ditayangkan)\b"
    r"|(?:subscribe|berlangganan)\s+(?:to|ke|now|sekarang)\b"
)
_RELATED = re.compile(
    r"(?:baca|lihat|simak|tonton|cek)\s+(?:juga|pula)|baca selengkapnya|read also|also read|read more|see also"
    r"|berita terkait|artikel terkait|video terkait|related(?: articles?| news| stories| posts?)?"
)
_RELATED_SEPARATOR = re.compile(r"\s*[:：\-–—»>|]")
_SIGNATURE_LINE = re.compile(r"reuters?\.*(?:\^M)?", re.IGNORECASE)
"""The line that closes a Reuters body ("REUTER", "REUTER...^M")."""
_SIGNATURE = re.compile(r"(?<=[.!?)\"”])\s+(?:REUTER|Reuter)\.*(?:\^M)?\s*$")
"""The same signature at the end of the last line: "… (33.7).        REUTER"."""
_KEY_TRIM = " \t.:!?…•·-–—|>»"


def _furniture_key(line: str) -> str:
    """``line`` lower-cased, straight apostrophes, single spaces, no bullets or closing punctuation."""
    return " ".join(line.lower().replace("’", "'").split()).strip(_KEY_TRIM)


def _is_furniture(line: str, key: str) -> bool:
    """Whether a whole line (stripped, at most ``_FURNITURE_MAX`` long) is page furniture."""
    if not key:
        return False
    if key in _FURNITURE_EXACT or _LONE_LETTERS.fullmatch(line) or _PROMO.match(key):
        return True
    related = _RELATED.match(key)
    if related is None:
        return False
    rest = key[related.end() :]
    if not rest or _RELATED_SEPARATOR.match(rest):
        return True  # "Baca juga:", "Baca juga: <headline>"
    # "Baca Juga Judul Berita Lain": a headline, not a sentence ending in a full stop
    after = line[related.end() :].lstrip()
    return len(line) <= 150 and after[:1].isupper() and line[-1] not in '.!?"”'


def _drop_furniture(lines: list[str]) -> list[str]:
    """The paragraphs (or lines) without widgets, calls to action and promotions; blank lines kept."""
    kept: list[str] = []
    in_reactions = False
    for line in lines:
        stripped = line.strip()
        if not stripped:
            kept.append("")
            continue
        if len(stripped) <= _FURNITURE_MAX:
            key = _furniture_key(stripped)
            if in_reactions and _REACTION.fullmatch(key):
                continue
            in_reactions = key in _REACTION_HEADINGS
            if in_reactions or _is_furniture(stripped, key):
                continue
        else:
            in_reactions = False
        kept.append(line)
    for index in range(len(kept) - 1, -1, -1):  # Reuters' closing "REUTER" signature
        if kept[index]:
            if _SIGNATURE_LINE.fullmatch(kept[index].strip()):
                del kept[index]
            else:
                kept[index] = _SIGNATURE.sub("", kept[index])
            break
    return kept


# --- corpus layouts ---------------------------------------------------------------------------------

_LEAD_DASH = re.compile(r"(?:[\s,]*+[-–—]++(?=[\s,“\"A-Z]|$))+[\s,]*")
"""CLICK-ID bodies open with the dash that followed a dropped "JAKARTA, KOMPAS.com"."""
_COMMA_BREAK = re.compile(  # "….,Next" / "… ,Next": a paragraph end, then the joining comma
    r",(?:(?<=[.!?:\"”’],)|(?<=[.!?:\"”’][ \t],)|(?<=[.!?:\"”’][ \t][ \t],))(?:[ \t]*,)*+(?=[“‘A-Z0-9]|\"[\w(])"
    r"|(?<!,),,++(?=[“‘A-Z]|\"[\w(])"  # ",,,Next": empty paragraphs in between
    r"|(?<!,),++(?=loading(?:\.\.\.|…))"
)
"""Commas that join paragraphs (CLICK-ID). Every branch starts with the comma, so the scan is quick, and
possessive runs that start only at the first comma keep a long run of commas linear."""
_COMMA_BREAK_SPACED = re.compile(
    r",(?:(?<=[^A-Z.]\.,)|(?<=[^A-Z.]\.[ \t],)|(?<=[^A-Z.]\.[ \t][ \t],)|(?<=[!?],)|(?<=[!?][ \t],))"
    r"(?:[ \t]*,)*+[ \t]*+(?=[“‘A-Z]|\"[\w(])"
)
"""Kompas' "…lagi., Menurut": only in one-line bodies, as "Elkhart, Ind., Schult" is real text elsewhere."""
_SPACES_BEFORE_COMMA = re.compile(r"(?<![ \t])[ \t]{2,}+,")
_BLOCK_START = re.compile(r"\s|[#*•>-]\s|\d{1,3}[.)]\s")
"""Lines that open a paragraph of their own even in hard-wrapped text: indented, bullets, headings."""
_WRAP_WIDTH = 100
"""Hard-wrapped text has lines no longer than this."""
_SENTENCE_END = frozenset('.!?:"”’')


def _comma_breaks(line: str) -> str:
    """``line`` with the commas that join paragraphs turned into paragraph breaks."""
    if "  ," in line:
        line = _SPACES_BEFORE_COMMA.sub(" ,", line)  # "WIB.   ,“Tak" as "WIB. ,“Tak"
    return _COMMA_BREAK.sub("\n\n", line)


def _is_hard_wrapped(lines: list[str]) -> bool:
    """Whether the text's lines were broken at a fixed width inside paragraphs (Reuters), not one per paragraph.

    A break is soft when the next line starts in lower case or its first word would not have fitted on the
    line before it; hard-wrapped text has mostly soft breaks between lines of one paragraph.
    """
    widths = [len(line.rstrip()) for line in lines if line.strip()]
    if len(widths) < 2:
        return False
    short = [w for w in widths if w <= _WRAP_WIDTH]
    if len(short) * 10 < len(widths) * 9:
        return False
    width = max(short)
    if width < 30:
        return False
    lowercase = overfull = joints = 0
    for line, following in itertools.pairwise(lines):
        if not line.strip() or not following.strip() or _BLOCK_START.match(following):
            continue
        joints += 1
        first_word = following.split(None, 1)[0]
        if first_word[0].islower():
            lowercase += 1
        elif line.rstrip()[-1] not in _SENTENCE_END and len(line.rstrip()) + 1 + len(first_word) > width:
            overfull += 1  # the next word would not have fitted, and no sentence ended here
    if joints < 3:  # too few lines to judge a width: only lower-case continuations count
        overfull = 0
    return joints > 0 and (lowercase + overfull) * 2 >= joints


_READABLE = re.compile(r"[^\W_]")
_STRAY_COMMAS = re.compile(r"(?: ?,)+")


def _tidy(paragraph: str) -> str:
    """Single spaces, no stray commas at the ends; empty when nothing readable is left."""
    text = " ".join(paragraph.split()).strip(" ,")
    if " ," in text or ",," in text:
        text = _STRAY_COMMAS.sub(",", text)  # "pelatih ,, Gareth": link text lost in scraping
    return text if _READABLE.search(text) else ""


def _paragraphs(lines: list[str]) -> list[str]:
    """Paragraphs from lines: one per line, or re-joined when the text is hard-wrapped."""
    if not _is_hard_wrapped(lines):
        return [p for p in map(_tidy, lines) if p]
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        joined = _tidy("".join(current))
        if joined:
            paragraphs.append(joined)
        current.clear()

    for line in lines:
        text = line.strip()
        if not text or _BLOCK_START.match(line):
            flush()
        if not text:
            continue
        if current and not (len(current[-1]) > 1 and current[-1][-1] == "-" and current[-1][-2].isalpha()):
            current.append(" ")  # a word hyphenated across lines ("mid-" + "year") is joined without one
        current.append(text)
    flush()
    return paragraphs


# --- repetitions ------------------------------------------------------------------------------------

_CREDIT = re.compile(
    r"\([^()]{1,150}\)"
    r"|(?:foto|photo|image|gambar|ilustrasi|sumber|source|credit|kredit|getty|reuters|afp|ap|antara)\b.{0,150}",
    re.IGNORECASE,
)
_DATELINE_REMNANT = re.compile(r"[^.!?\n]{1,80}?\s[-–—]+")
"""What is left of "BELGRADE, March 30 - <repeated paragraph>" once the repeat is cut."""
_SEGMENT_END = frozenset('.!?"”’)…')


def _drop_repeats(paragraphs: list[str]) -> list[str]:
    """Each paragraph once: exact repeats go, and an earlier paragraph repeated inside a later one is cut out
    (a caption printed again with its photo credit goes whole)."""
    kept: list[str] = []
    seen: set[str] = set()
    sources: list[str] = []
    for paragraph in paragraphs:
        if paragraph in seen:
            continue
        if sources and len(paragraph) > _REPEAT_MIN:
            remainder = _cut_repeats(paragraph, sources)
            if remainder is None or remainder in seen:
                continue
            paragraph = remainder
        kept.append(paragraph)
        if len(paragraph) >= _PROSE_MIN or (len(paragraph) >= _DUP_MIN and paragraph[-1] in _SEGMENT_END):
            seen.add(paragraph)  # prose; a table row ("Avg shrs 2,332,397 vs 1,428,000") may repeat
            if len(paragraph) >= _REPEAT_MIN and len(sources) < _REPEAT_SOURCES:
                sources.append(paragraph)
    return kept


def _starts_segment(text: str, index: int) -> bool:
    """Whether ``index`` opens a sentence of ``text``, or follows a dateline dash ("… (afederasi.com) - ")."""
    if index == 0:
        return True
    if not text[index - 1].isspace():
        return False
    before = text[max(index - 4, 0) : index].rstrip()
    if not before:
        return True
    return before[-1] in _SEGMENT_END or (before[-1] in "-–—" and len(before) > 1 and before[-2].isspace())


def _cut_repeats(paragraph: str, sources: list[str]) -> str | None:
    """``paragraph`` without the earlier paragraphs it repeats; None when nothing of its own is left."""
    spans: list[tuple[int, int]] = []
    for earlier in sources:
        if len(earlier) >= len(paragraph):
            continue
        start = paragraph.find(earlier)
        for _ in range(4):  # a few occurrences at most: bounded work on repetitive input
            if start < 0:
                break
            end = start + len(earlier)
            if _starts_segment(paragraph, start) and (end == len(paragraph) or paragraph[end].isspace()):
                spans.append((start, end))
                break
            start = paragraph.find(earlier, start + 1)
    if not spans:
        return paragraph
    spans.sort()
    pieces, position = [], 0
    for start, end in spans:
        if start >= position:
            pieces.append(paragraph[position:start])
            position = end
    pieces.append(paragraph[position:])
    remainder = _tidy(" ".join(pieces))
    if not remainder or (
        len(remainder) <= 200
        and (
            _CREDIT.fullmatch(remainder)
            or _SOURCE_PREFIX.fullmatch(remainder + " ")
            or _DATELINE_REMNANT.fullmatch(remainder)
        )
    ):
        return None
    return remainder


# --- title, source, date ----------------------------------------------------------------------------

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


# --- the record -------------------------------------------------------------------------------------


def _field(fields: Mapping[str, object], name: str) -> str:
    value = fields.get(name)
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def _optional(value: str) -> str | None:
    text = " ".join(normalise_text(value).split())
    return text[:2000] or None


def _split_title(lines: list[str]) -> tuple[str, list[str]]:
    """For text files: the first line that reads as a title, and the lines after it."""
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if len(stripped) > TITLE_MAX:
            return "", lines[index:]  # a paragraph, not a title
        if len(stripped) <= _FURNITURE_MAX and _is_furniture(stripped, _furniture_key(stripped)):
            continue
        if dateline_at([stripped]) is not None:
            continue
        return stripped, lines[:index] + lines[index + 1 :]
    return "", []


def _drop_title_lines(lines: list[str], titles: tuple[str, ...]) -> list[str]:
    keys = {" ".join(t.split()).casefold() for t in titles if t}
    if not keys:
        return lines
    longest = max(map(len, keys)) + 10
    return [
        line for line in lines if len(line) > longest * 2 or " ".join(line.split()).casefold().lstrip("# ") not in keys
    ]


def clean_record(record: Record) -> CleanText:
    """Title, cleaned body, date, source and URL of one record."""
    fields = record.fields
    body = normalise_text(_field(fields, "body"))
    names = _site_names(fields)
    url = _optional(_field(fields, "url"))
    if record.fmt == "text":
        raw_title, lines = _split_title(body.split("\n"))
    else:
        raw_title = " ".join(normalise_text(_field(fields, "title")).split())
        lead = _LEAD_DASH.match(body)
        if lead:
            body = body[lead.end() :]
        lines = body.split("\n")
    title = clean_title(raw_title, names)
    if len(lines) == 1 and len(lines[0]) > 200:
        lines[0] = _COMMA_BREAK_SPACED.sub("\n\n", lines[0])
    lines = [_comma_breaks(line) if "," in line else line for line in lines]
    paragraphs = _drop_furniture(_paragraphs("\n".join(lines).split("\n")))

    date = parse_date(_field(fields, "date"))
    if date is None:
        dateline = dateline_at(paragraphs)
        if dateline is not None:
            del paragraphs[dateline[0]]
            date = dateline[1]
    date = _with_url_date(date, url)

    paragraphs = _drop_repeats(_drop_title_lines(paragraphs, (title, raw_title)))
    source = _optional(_field(fields, "source")) or _source_in_text(paragraphs)
    return CleanText(
        title=title or _derived_title(paragraphs),
        text="\n\n".join(paragraphs),
        date=date,
        source=source[:200] if source else None,
        url=url,
    )
