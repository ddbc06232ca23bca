"""The silver NER sets of ``bench/silver.py``: splitting, picking, storing answers and reading them back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import load_script

silver = load_script("bench/silver.py")


def _set(tmp_path: Path, bodies: dict[str, str], reuters: bool = False) -> object:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"id": key, "body": body}) + "\n" for key, body in bodies.items()))
    if reuters:
        return silver.SilverSet("toy", tmp_path / "silver.jsonl", corpus, silver.reuters_parts, silver.unwrapped)
    return silver.SilverSet("toy", tmp_path / "silver.jsonl", corpus, silver.clickid_parts)


def test_reuters_bodies_are_unwrapped_and_cut_at_sentence_ends_not_abbreviations() -> None:
    body = (
        "The U.S. Treasury said Standard and Poor's\nrated it. First Boston Corp. and Mr. Smith\n"
        'agreed.  It rose 1.5 pct on Jan. 5. (The Fed) said "no." But Exxon Corp disagreed!\n   Reuter'
    )
    assert silver.reuters_parts(body) == [
        "The U.S. Treasury said Standard and Poor's rated it.",
        "First Boston Corp. and Mr. Smith agreed.",
        "It rose 1.5 pct on Jan. 5.",
        '(The Fed) said "no."',
        "But Exxon Corp disagreed!",
        "Reuter",
    ]


def test_clickid_bodies_are_cut_at_sentence_ends_and_bare_commas() -> None:
    assert silver.clickid_parts("Ia tiba di Bogor. Ia disambut.,Kemudian KPK datang, lalu pergi.") == [
        "Ia tiba di Bogor.",
        "Ia disambut.",
        "Kemudian KPK datang, lalu pergi.",
    ]


def test_picking_keeps_plain_sentences_one_per_article_in_a_fixed_order(tmp_path: Path) -> None:
    keep = "Presiden Joko Widodo meresmikan jembatan baru di Kota Bogor pada pagi hari ini."
    bodies = {
        "a": f"{keep} Presiden Joko Widodo juga berbicara kepada warga di Kota Bogor soal jalan.",
        "b": "terlalu pendek Bogor. " + "tanpa huruf besar sama sekali di kalimat ini yang cukup panjang.",
        "c": "Presiden Joko Widodo meresmikan jembatan , tautan hilang di Kota Bogor pagi ini.",
        "d": "Presiden Joko Widodo meresmikan jembatan baru di Kota Bogor tanpa tanda akhir",
    }
    toy = _set(tmp_path, bodies)
    assert [(key, number) for key, number, _ in silver.candidates(toy)] == [("a", 0), ("a", 1)]
    first = silver.pick(toy, 5, seed=1)
    assert len(first) == 1 and first[0][0] == "a"
    assert silver.pick(toy, 5, seed=1) == first


def test_answers_are_stored_as_offsets_and_read_back_with_their_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    toy = _set(tmp_path, {"a1": "Presiden Joko Widodo tiba di Bogor. Ia disambut Joko.,Kemudian KPK datang."})
    answers = tmp_path / "answers.jsonl"
    lines = [
        {"sid": "a1#2", "entities": [["KPK", "ORG"]]},
        {"sid": "a1#0", "entities": [["Joko Widodo", "PERSON"], ["Bogor", "LOC"]]},
        {"sid": "a1#1", "entities": []},
    ]
    answers.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    assert silver.store(toy, answers) == 3
    stored = [json.loads(line) for line in toy.path.read_text().splitlines()]
    assert [(r["sentence"], r["entities"]) for r in stored] == [
        (0, [[9, 20, "PERSON"], [29, 34, "LOC"]]),
        (1, []),
        (2, [[9, 12, "ORG"]]),
    ]
    assert stored[0]["sha1"] == silver.checksum("Presiden Joko Widodo tiba di Bogor.")

    stored[1]["sha1"] = "000000000000"
    stored.append({"id": "gone", "sentence": 0, "sha1": "0", "entities": []})
    toy.path.write_text("".join(json.dumps(record) + "\n" for record in stored), encoding="utf-8")
    sentences = silver.read(toy)
    assert [(s.text, sorted(s.text[a:b] for a, b, _ in s.gold)) for s in sentences] == [
        ("Presiden Joko Widodo tiba di Bogor.", ["Bogor", "Joko Widodo"]),
        ("Kemudian KPK datang.", ["KPK"]),
    ]
    assert all(s.article[s.offset : s.offset + len(s.text)] == s.text for s in sentences)
    assert sentences[1].offset == len("Presiden Joko Widodo tiba di Bogor. Ia disambut Joko.,")
    assert capsys.readouterr().err.splitlines() == [
        "silver.jsonl: a1 sentence 1 changed, skipped",
        "silver.jsonl: gone not in corpus.jsonl, skipped",
    ]


def test_reuters_sentences_point_into_the_unwrapped_article(tmp_path: Path) -> None:
    toy = _set(tmp_path, {"r1": "Exxon Corp said\nit rose.  Exxon said it\nwould buy."}, reuters=True)
    answers = tmp_path / "answers.jsonl"
    answers.write_text(json.dumps({"sid": "r1#1", "entities": [["Exxon", "ORG"]]}) + "\n", encoding="utf-8")
    silver.store(toy, answers)
    (sentence,) = silver.read(toy)
    assert sentence.article == "Exxon Corp said it rose. Exxon said it would buy."
    assert (sentence.text, sentence.offset) == ("Exxon said it would buy.", 25)


def test_a_repeated_name_is_found_after_the_previous_one_and_a_missing_one_is_refused() -> None:
    text = "Joko bertemu Joko di Bogor."
    assert silver.locate(text, [("Joko", "PERSON"), ("Joko", "PERSON")]) == [(0, 4, "PERSON"), (13, 17, "PERSON")]
    with pytest.raises(ValueError, match="'Jakarta' is not in"):
        silver.locate(text, [("Jakarta", "LOC")])


def test_storing_answers_for_an_unknown_article_fails_and_writes_nothing(tmp_path: Path) -> None:
    toy = _set(tmp_path, {"a1": "Presiden Joko Widodo tiba di Bogor."})
    answers = tmp_path / "answers.jsonl"
    answers.write_text(json.dumps({"sid": "zz#0", "entities": []}) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"not in corpus\.jsonl: zz"):
        silver.store(toy, answers)
    assert not toy.path.exists()
