"""The recognition stages an article goes through on its way into the index: entities (then events).

:func:`annotate_article` runs in the index writer's subprocesses, beside stemming, so it must stay a
module-level function of plain data in and out.
"""

from __future__ import annotations

from indexer.entities import annotate
from indexer.model import Annotations, Article


def annotate_article(article: Article) -> Annotations:
    """Entities of the article's text (offsets into ``article.text``) and of its title."""
    lang = article.lang if article.lang in ("id", "en") else None
    return Annotations(
        entities=tuple(annotate(article.text, lang, article.date)),
        title_entities=tuple(annotate(article.title, lang, article.date)),
    )
