"""The reader and scorer of ``bench/ner_score.py``, which the tagger's training and the word clusters share."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest
from support import load_script

ner_score = load_script("bench/ner_score.py")
silver = importlib.import_module("bench.silver")  # importable once the script put the repository on the path

CONLL = """Menurut\tO
Catherine\tB-PERSON
Zeta\tI-PERSON
-\tI-PERSON
Jones\tI-PERSON
,\tO
Bursa\tB-ORGANISATION
Efek\tI-ORGANISATION
Indonesia\tI-ORGANISATION
(\tO
BEI\tB-ORGANISATION
)\tO
di\tO
"\tO
Jakarta\tB-PLACE
"\tO
.\tO

Jokowi NNP B-PER
tiba NN O
"""


def _file(tmp_path: Path) -> Path:
    path = tmp_path / "toy.tsv"
    path.write_text(CONLL, encoding="utf-8")
    return path


def test_tokens_are_read_per_sentence_from_tab_and_space_separated_lines(tmp_path: Path) -> None:
    sentences = ner_score.read_tokens(_file(tmp_path))
    assert [len(tokens) for tokens in sentences] == [17, 2]
    assert sentences[1] == [("Jokowi", "B-PER"), ("tiba", "O")]


def test_gold_spans_point_at_their_words_in_both_spacings(tmp_path: Path) -> None:
    expected = {("Catherine Zeta - Jones", "PERSON"), ("Bursa Efek Indonesia", "ORG"), ("BEI", "ORG")}
    expected |= {("Jakarta", "LOC")}
    token_spaced, _ = ner_score.read_conll(_file(tmp_path))
    assert token_spaced.text == 'Menurut Catherine Zeta - Jones, Bursa Efek Indonesia ( BEI) di " Jakarta ".'
    assert {(token_spaced.text[a:b], kind) for a, b, kind in token_spaced.gold} == expected
    running, second = ner_score.read_conll(_file(tmp_path), natural=True)
    assert running.text == 'Menurut Catherine Zeta-Jones, Bursa Efek Indonesia (BEI) di "Jakarta".'
    expected = (expected - {("Catherine Zeta - Jones", "PERSON")}) | {("Catherine Zeta-Jones", "PERSON")}
    assert {(running.text[a:b], kind) for a, b, kind in running.gold} == expected
    assert (second.text, second.gold) == ("Jokowi tiba", {(0, 6, "PERSON")})


def test_scores_are_exact_span_per_type_and_micro() -> None:
    gold = {(0, 6, "PERSON"), (10, 15, "LOC")}
    predicted = {(0, 6, "PERSON"), (10, 14, "LOC"), (20, 25, "ORG")}
    table = ner_score.score([(gold, predicted)])
    assert table["PERSON"]["f1"] == 1.0
    assert (table["LOC"]["p"], table["LOC"]["r"]) == (0.0, 0.0)
    assert (table["micro"]["p"], table["micro"]["r"]) == (1 / 3, 1 / 2)


def test_predictions_are_stretched_to_the_tokens_they_touch() -> None:
    sentence = ner_score._sentence([("Presiden", "O"), ("(Jokowi)", "B-PER"), ("tiba", "O"), ("di", "O")])
    assert sentence.text == "Presiden (Jokowi) tiba di"
    assert sentence.tokens == ((0, 8), (9, 17), (18, 22), (23, 25))
    inside = {(10, 16, "PERSON")}  # "Jokowi", inside the token "(Jokowi)"
    assert ner_score.on_tokens(inside, sentence.tokens) == sentence.gold == {(9, 17, "PERSON")}
    across = {(3, 12, "ORG")}  # "siden (Jo": both tokens, whole
    assert ner_score.on_tokens(across, sentence.tokens) == {(0, 17, "ORG")}
    assert ner_score.on_tokens({(8, 9, "LOC")}, sentence.tokens) == set()  # the space between two tokens
    assert ner_score.on_tokens(inside, ()) == inside  # no tokens: characters


def test_brackets_out_of_the_gold_leave_the_names_they_held() -> None:
    text = "Presiden Joko Widodo (Jokowi) dan Komisi Pemilihan Umum (KPU) di PT Pertamina (Persero) kemarin"
    gold = {(9, 20, "PERSON"), (21, 29, "PERSON"), (34, 61, "ORG"), (65, 87, "ORG")}
    spans = ner_score.without_brackets(text, gold)
    assert sorted(text[a:b] for a, b, _ in spans) == [
        "Joko Widodo",
        "Jokowi",
        "KPU",
        "Komisi Pemilihan Umum",
        "PT Pertamina",
    ]


def test_silver_sentences_are_scored_alone_in_their_article_and_by_halves(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bodies = {
        "r1": "Analyst Mario Balletto spoke on\nMonday. Balletto said that the prices of the oils fell in the week.",
        "r2": "Prices rose.  The terms were agreed, Comdata said.",
    }
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"id": key, "body": body}) + "\n" for key, body in bodies.items()))
    toy = silver.SilverSet("toy", tmp_path / "toy.jsonl", corpus, silver.reuters_parts, silver.unwrapped)
    answers = tmp_path / "answers.jsonl"
    answers.write_text(
        json.dumps({"sid": "r1#1", "entities": [["Balletto", "PERSON"]]})
        + "\n"
        + json.dumps({"sid": "r2#1", "entities": [["Comdata", "ORG"]]})
        + "\n"
    )
    silver.store(toy, answers)
    table = ner_score.score_silver(toy, halves=True)
    # alone, "Balletto" opens a sentence with nothing to confirm it and is dropped; in its article it is
    # the surname of the person named before
    assert table["micro"]["f1"] == 1.0
    out = capsys.readouterr().out
    alone = out.split("each alone")[1].split("each in its article")[0]
    assert "micro   P 1.000  R 0.500" in alone
    for half, kind in (("even", "PERSON"), ("odd", "ORG")):
        lines = out.split(f"the {half} sentences, in their article\n")[1].splitlines()[:4]
        assert [line.split()[0] for line in lines if "F1 1.000" in line] == [kind, "micro"]


def test_without_names_combiner_rules_and_rejects_others(capsys: pytest.CaptureFixture[str]) -> None:
    assert ner_score.rule_names("brackets, age-group") == frozenset({"brackets", "age-group"})
    with pytest.raises(SystemExit):
        ner_score.main(["--without", "brackets,no-such-rule", "--no-seeds", "--no-silver", "--files"])
    assert "no such rule: no-such-rule" in capsys.readouterr().err
    assert ner_score.main(["--list-rules"]) == 0
    listed = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert listed[0] == "faith-words" and "brackets" in listed and len(listed) == len(set(listed))


def test_without_switches_the_rule_off_in_the_scores(tmp_path: Path) -> None:
    gold = tmp_path / "toy.tsv"
    gold.write_text(
        "Kementerian\tB-ORGANISATION\nPerhubungan\tI-ORGANISATION\n(\tO\nKemenhub\tB-ORGANISATION\n)\tO\n"
        "menyiapkan\tO\narmada\tO\n.\tO\n",
        encoding="utf-8",
    )
    on = ner_score.score_file(gold, 0, characters=True)
    off = ner_score.score_file(gold, 0, characters=True, disabled=frozenset({"brackets"}))
    assert on["micro"]["f1"] == 1.0
    assert off["micro"]["f1"] == 0.0  # "Kementerian Perhubungan (Kemenhub)" as one name
