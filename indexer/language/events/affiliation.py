"""Countries of known persons, from the notes of the knowledge tables ("President of Russia" → Russia).

Events of different articles often name the same leaders without their titles; a leader's country,
kept as an affiliation of the events they take part in, lets related-event ranking see that Putin's
meeting with Lukashenko concerns Russia and Belarus. Read once from the entity recogniser's knowledge
tables (``data/knowledge``, ``$WARTA_KNOWLEDGE``) through :func:`indexer.language.entities.tables.load_tables`,
the public reader of that package. When they cannot be read (a missing or unreadable file, a malformed
table) a :class:`RuntimeWarning` says why and events get no countries: affiliations are extra evidence
for ranking, and extraction must not fail for them (the entity recogniser reports broken tables
itself). Any other error is a bug and propagates.
"""

from __future__ import annotations

import re
import warnings
from functools import lru_cache

from indexer.language.entities.tables import KnowledgeError, knowledge_files, load_tables, read_table

__all__ = ["countries", "news_media", "person_countries", "with_countries"]

_OF_COUNTRY = re.compile(r"\bof (?:the )?([A-Z][A-Za-z.' ]*?[A-Za-z])(?:\s+\d{4}.*|\s*\(.*)?$")
_ADJECTIVES = {
    "Chinese": "China",
    "Russian": "Russia",
    "American": "United States",
    "Indonesian": "Indonesia",
    "Ukrainian": "Ukraine",
    "Belarusian": "Belarus",
    "British": "United Kingdom",
    "French": "France",
    "German": "Germany",
    "Japanese": "Japan",
    "Iranian": "Iran",
    "Israeli": "Israel",
    "Indian": "India",
    "Soviet": "Soviet Union",
    "North Korean": "North Korea",
    "South Korean": "South Korea",
}


@lru_cache(maxsize=1)
def person_countries() -> dict[str, str]:
    """Canonical person name → canonical country name, for the persons whose notes name a country."""
    try:
        rows = load_tables()
    except (OSError, UnicodeDecodeError, KnowledgeError) as error:
        warnings.warn(
            f"events: no countries of persons, knowledge tables unreadable: {error}", RuntimeWarning, stacklevel=2
        )
        return {}
    places = {row.canonical for row in rows if row.type == "LOC"}
    found: dict[str, str] = {}
    for row in rows:
        if row.type != "PERSON" or not row.notes:
            continue
        match = _OF_COUNTRY.search(row.notes)
        country = match.group(1) if match else None
        if country is None:
            for adjective, name in _ADJECTIVES.items():
                if row.notes.startswith(adjective + " ") or f", {adjective} " in row.notes:
                    country = name
                    break
        if country and country in places:
            found.setdefault(row.canonical, country)
    return found


@lru_cache(maxsize=1)
def countries() -> frozenset[str]:
    """Canonical names of countries (places whose notes start with "country"): a country may take part
    in a meeting or an agreement ("Indonesia dan Malaysia sepakat"), a city or a region may not."""
    try:
        rows = load_tables()
    except (OSError, UnicodeDecodeError, KnowledgeError) as error:
        warnings.warn(f"events: no countries, knowledge tables unreadable: {error}", RuntimeWarning, stacklevel=2)
        return frozenset()
    return frozenset(row.canonical for row in rows if row.type == "LOC" and row.notes.startswith("country"))


@lru_cache(maxsize=1)
def news_media() -> frozenset[str]:
    """Canonical names of news agencies and outlets (the ``media`` tables): they report, they are not
    the speaker of a statement ("…, Reuters reported")."""
    names: set[str] = set()
    for path in knowledge_files():
        if not path.stem.lower().startswith("media"):
            continue
        try:
            names.update(row.canonical for row in read_table(path))
        except (OSError, UnicodeDecodeError, KnowledgeError) as error:
            warnings.warn(f"events: media table {path} unreadable: {error}", RuntimeWarning, stacklevel=2)
    return frozenset(names)


def with_countries(actors: tuple[str, ...], affiliations: tuple[str, ...]) -> tuple[str, ...]:
    """``affiliations`` plus the known countries of the actors, none of them an actor."""
    countries = person_countries()
    found = [*affiliations, *(countries[a] for a in actors if a in countries)]
    return tuple(dict.fromkeys(name for name in found if name not in actors))
