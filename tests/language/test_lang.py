"""Language detection from function words."""

from __future__ import annotations

import pytest

from indexer.language.detect import detect_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Presiden Joko Widodo mengatakan bahwa pemerintah akan membangun ibu kota baru di Kalimantan.", "id"),
        (
            "Stephen R. Covey () adalah seorang penulis asal Amerika Serikat yang menulis buku laris, "
            '" The Seven Habits of Highly Effective People ".',
            "id",
        ),
        ('Grup musik ini terinspirasi dari musisi seperti " The Cure " dan " Belle and Sebastian ".', "id"),
        ("The company said it would raise its quarterly dividend, which was paid in March.", "en"),
        ("Netanyahu Reveals How Israel Has Avoided Clashing With Russia in Syria", "en"),
        ("Pasukan Rusia bergerak.", "und"),
        ("", "und"),
    ],
)
def test_detected_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected
