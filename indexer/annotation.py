"""The recognition stages an article goes through on its way into the index: entities, then events.

:func:`annotate_article` runs in the index writer's subprocesses, beside stemming, so it must stay a
module-level function of plain data in and out.
"""

from __future__ import annotations

from indexer.entities import annotate
from indexer.events import extract_events
from indexer.model import Annotations, Article


def annotate_article(article: Article) -> Annotations:
    """Entities of the article's text (offsets into ``article.text``) and of its title; as ``extra``,
    the tuple of event mentions its text reports (empty when none, so that old ones are replaced)."""
    lang = article.lang if article.lang in ("id", "en") else None
    entities = annotate(article.text, lang, article.date)
    return Annotations(
        entities=tuple(entities),
        title_entities=tuple(annotate(article.title, lang, article.date)),
        extra=tuple(extract_events(article.id, article.text, entities, lang, article.date)),
    )
