"""Page furniture: whole lines that are widgets, calls to action, promotions or reaction buttons, and the
signature that closes a Reuters body. Only lines at most :data:`_FURNITURE_MAX` long are tested.
"""

from __future__ import annotations

import re

_FURNITURE_MAX = 200
"""Longer lines are never page furniture."""

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
