"""The recognition stages an article goes through on its way into the index: entities, then events.

:func:`annotate_article` runs in the index writer's subprocesses, beside stemming, so it must stay a
module-level function of plain data in and out.
"""

from __future__ import annotations

from dataclasses import dataclass

from indexer.language.entities import annotate
from indexer.language.entities.clusters import CLUSTERS_PATH
from indexer.language.entities.common import LEXICON_DIR
from indexer.language.entities.tables import knowledge_files
from indexer.language.entities.tagger import MODEL_PATH
from indexer.language.events import EventMention, extract_events
from indexer.language.limits import analysed_part
from indexer.language.stories import StoryProfile, profile_article
from indexer.model import Annotations, Article, PartialDate
from indexer.resources import fingerprint

_WARM_UP_TEXTS = (
    (
        "id",
        "Presiden Joko Widodo bertemu Menteri Luar Negeri Amerika Serikat di Jakarta pada Senin (1/3/2023), "
        'kata juru bicara Kementerian Luar Negeri. "Kami sepakat," ujarnya pekan lalu.',
    ),
    ("en", "U.S. President Joe Biden met Chinese leader Xi Jinping in Bali on Monday, Reuters said on 15 Aug 2023."),
)


@dataclass(frozen=True, slots=True)
class Findings:
    """What the indexing process keeps beside the index: the event mentions of an article's text
    (empty when none, so that old ones are replaced) and its story profile."""

    mentions: tuple[EventMention, ...]
    profile: StoryProfile


def annotate_article(article: Article) -> Annotations:
    """Entities of the article's text (offsets into ``article.text``) and of its title; as ``extra``,
    its :class:`Findings`. All three read :func:`.limits.analysed_part` of the text: the whole of any
    real article, the first :data:`.limits.ANALYSED_CHARS` characters of a pathological one."""
    lang = article.lang if article.lang in ("id", "en") else None
    text = analysed_part(article.text)  # a pathological article is read up to a limit, and indexed whole
    entities = annotate(text, lang, article.date)
    title_entities = annotate(article.title, lang, article.date)
    date = article.date.iso if article.date else None
    return Annotations(
        entities=tuple(entities),
        title_entities=tuple(title_entities),
        extra=Findings(
            tuple(extract_events(article.id, text, entities, lang, article.date)),
            profile_article(article.id, article.title, text, entities, date, title_entities),
        ),
    )


def warm_up() -> None:
    """Load, in this process, what recognition reads once: the tagger model, the name tables, the date
    parser's languages. Writer processes forked afterwards start with them instead of each loading them."""
    for lang, text in _WARM_UP_TEXTS:
        annotate_article(
            Article("warm-up", "", "", text[:40], text, "", PartialDate("2023-08-15", "day"), None, None, lang, "")
        )


def annotation_fingerprint() -> str:
    """A hash of every file recognition reads: the shipped tables, word-case counts, clusters and tagger
    model, and the user's ``$WARTA_KNOWLEDGE`` tables. It is part of every content hash, so that a change
    to any of them re-reads the articles it may affect."""
    return fingerprint([*knowledge_files(), *sorted(LEXICON_DIR.glob("*.tsv")), CLUSTERS_PATH, MODEL_PATH])
