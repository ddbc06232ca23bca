"""The tagger's trainer (``tools/train_ner.py``): a CRF's weights copied into the tagger's format tag as
the CRF learned."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import load_script

pytest.importorskip("pycrfsuite")  # the '[dev]' extra installs it; Warta itself does not need it
train_ner = load_script("tools/train_ner.py")

SENTENCES = [
    [
        ("Presiden", "O"),
        ("Joko", "B-PERSON"),
        ("Widodo", "I-PERSON"),
        ("tiba", "O"),
        ("di", "O"),
        ("Bandung", "B-PLACE"),
    ],
    [("Kementerian", "B-ORGANISATION"), ("Luar", "I-ORGANISATION"), ("Negeri", "I-ORGANISATION"), ("menyatakan", "O")],
    [("Warga", "O"), ("Surabaya", "B-PLACE"), ("menyambut", "O"), ("Siti", "B-PERSON"), ("Aminah", "I-PERSON")],
    [("Badan", "B-ORGANISATION"), ("Pusat", "I-ORGANISATION"), ("Statistik", "I-ORGANISATION"), ("mencatat", "O")],
    [("Kota", "O"), ("Medan", "B-PLACE"), ("dan", "O"), ("Kota", "O"), ("Padang", "B-PLACE"), ("banjir", "O")],
    [("Menurut", "O"), ("Budi", "B-PERSON"), ("Santoso", "I-PERSON"), (",", "O"), ("harga", "O"), ("naik", "O")],
]


def test_a_crf_copied_into_the_tagger_format_fits_its_training_sentences(tmp_path: Path) -> None:
    data = tmp_path / "tiny.tsv"
    data.write_text("\n\n".join("\n".join(f"{w}\t{t}" for w, t in s) for s in SENTENCES) + "\n", encoding="utf-8")
    bench = train_ner._bench()
    examples = train_ner.prepare(data, bench)
    model = train_ner.train_crf(examples, c2=0.01, iterations=100, min_inner=1, prune=0.0, quiet=True)
    assert any(model.transitions[len(train_ner.LABELS)]), "the window-start feature became the start transitions"
    assert train_ner.WINDOW_START not in model.weights
    table = train_ner.evaluate(model, examples, bench, 0.0)
    assert table["micro"]["f1"] == 1.0
