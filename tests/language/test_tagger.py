"""The Indonesian name tagger and how its names are put together: windows, decoding, features, spans."""

from __future__ import annotations

import itertools
import random

from indexer.language.entities import annotate
from indexer.language.entities.gazetteer import gazetteer
from indexer.language.entities.span_edits import _companies, _unbracketed
from indexer.language.entities.tagger import _ALLOWED, _N, _word_features, decode, windows
from indexer.language.entities.tokens import tokenize


def _windows(text: str, inner: str = "( ) dan", lead: str = "desa") -> list[str]:
    tokens = tokenize(text)
    found = windows(tokens, [False] * len(tokens), frozenset(inner.split()), frozenset(lead.split()))
    return [" ".join(tokens.words[first:end]) for first, end in found]


def test_a_window_takes_the_bracket_it_opens_and_closes() -> None:
    assert "Perempuan Ini ( Audy )" in _windows("antara lain Perempuan Ini ( Audy), Tegar ( Rossa), dan lain.")
    assert "PT Pertamina ( Persero )" in _windows("kata PT Pertamina (Persero) kemarin.")


def test_a_window_goes_on_after_an_initial_but_not_after_a_word_and_a_full_stop() -> None:
    inner = "( ) dan ."
    assert "Opsir Udara II H . Sujono" in _windows("Opsir Udara II H. Sujono terbang ke Wirasaba.", inner)
    assert "RSU Dr . Soetomo Surabaya" in _windows("di RSU Dr. Soetomo Surabaya", inner)
    found = _windows("Menteri Luar Negeri Rusia Sergey Lavrov. Lavrov dijadwalkan berpidato.", inner)
    assert "Menteri Luar Negeri Rusia Sergey Lavrov" in found and "Lavrov" in found


def test_an_organisation_defining_its_acronym_stays_where_the_tagger_leaves_it_out() -> None:
    text = "Menurut Komisi Pengawas Persaingan Usaha (KPPU), harga itu wajar."
    got = [(e.text, e.type, e.canonical) for e in annotate(text, lang="id")]
    assert ("Komisi Pengawas Persaingan Usaha", "ORG", "Komisi Pengawas Persaingan Usaha") in got
    assert ("KPPU", "ORG", "Komisi Pengawas Persaingan Usaha") in got


def test_viterbi_finds_the_best_allowed_path() -> None:
    rng = random.Random(7)
    for _ in range(200):
        transitions = [[rng.randint(-5, 5) for _ in range(_N)] for _ in range(_N + 1)]
        emissions = [[rng.randint(-5, 5) + rng.random() for _ in range(_N)] for _ in range(rng.randint(1, 4))]
        best: tuple[float, list[int]] | None = None
        for path in itertools.product(range(_N), repeat=len(emissions)):
            if not _ALLOWED[_N][path[0]] or not all(_ALLOWED[a][b] for a, b in itertools.pairwise(path)):
                continue
            score = transitions[_N][path[0]] + emissions[0][path[0]]
            score += sum(transitions[a][b] + emissions[k + 1][b] for k, (a, b) in enumerate(itertools.pairwise(path)))
            if best is None or score > best[0]:
                best = (score, list(path))
        assert best is not None and decode(transitions, emissions) == best[1]


def test_words_of_known_names_give_their_types() -> None:
    types = gazetteer().word_types()
    assert types["Jakarta"] == "LOC" or "LOC" in types["Jakarta"].split("+")
    assert "gw=" + types["Jakarta"] in _word_features("Jakarta")
    assert not any(feature.startswith("gw=") for feature in _word_features("Zxqwv"))


def _spans(text: str, spans: list[tuple[str, str]], places: dict[int, int] | None = None) -> list[tuple[str, str]]:
    """``_companies`` over ``spans`` given as (words, type), in order, found in ``text``."""
    tokens = tokenize(text)
    words = tokens.words
    indexed: list[tuple[int, int, str]] = []
    k = 0
    for surface, kind in spans:
        size = len(surface.split())
        while words[k : k + size] != surface.split():
            k += 1
        indexed.append((k, k + size - 1, kind))
        k += size
    result = _companies(tokens, indexed, places or {})
    return [(" ".join(words[first : last + 1]), kind) for first, last, kind in result]


def _parts(text: str, first_word: str, last_word: str, kind: str = "ORG") -> list[str]:
    tokens = tokenize(text)
    words = tokens.words
    first, last = words.index(first_word), len(words) - 1 - words[::-1].index(last_word)
    return [" ".join(words[a : b + 1]) for a, b, _ in _unbracketed(tokens, first, last, kind)]


def test_a_name_opens_on_no_stop_and_holds_no_bracket() -> None:
    assert _parts("Menteri Sergey Lavrov. Lavrov datang", ".", "Lavrov", "PERSON") == ["Lavrov"]
    assert _parts("Presiden Joko Widodo (Jokowi) datang", "(", ")", "PERSON") == ["Jokowi"]
    text = "pejabat Kementerian Perhubungan (Kemenhub) datang"
    assert _parts(text, "Kementerian", ")") == ["Kementerian Perhubungan", "Kemenhub"]
    assert _parts("ke PT Angkasa Pura II (Persero) dan", "PT", ")") == ["PT Angkasa Pura II"]  # a legal form
    assert _parts("ke PT Angkasa Pura II (Persero) dan", "PT", "Persero") == ["PT Angkasa Pura II"]
    assert _parts("dan PT Maju (Jaya kemarin", "PT", "Jaya") == ["PT Maju", "Jaya"]
    assert _parts("Gedung KPK) di Jakarta", "Gedung", ")", "LOC") == ["Gedung KPK"]
    assert _parts("Taman Makam Pahlawan (TMP) Kalibata", "(", "Kalibata", "LOC") == ["TMP", "Kalibata"]


def test_company_names() -> None:
    text = "mantan Direktur Pertamina Energy Trading Ltd (Petral) diperiksa"
    assert _spans(text, [("Pertamina", "ORG"), ("Energy Trading Ltd", "PERSON")]) == [
        ("Pertamina Energy Trading Ltd", "ORG")
    ]
    text = "dihadiri Chairman MNC Group Hary Tanoesoedibjo sebagai tamu"
    assert _spans(text, [("MNC Group Hary Tanoesoedibjo", "ORG")]) == [
        ("MNC Group", "ORG"),
        ("Hary Tanoesoedibjo", "PERSON"),
    ]
    text = "ujar Presiden Gojek Group Andre Soelistyo dalam acara"
    assert _spans(text, [("Gojek", "ORG"), ("Group Andre Soelistyo", "PERSON")]) == [
        ("Gojek Group", "ORG"),
        ("Andre Soelistyo", "PERSON"),
    ]
    assert _spans("mengalahkan eBay Inc. dan Amazon", [("Inc", "PERSON"), ("Amazon", "ORG")]) == [("Amazon", "ORG")]
    text = "Sementara, SIAM Group Holding Ltd sengaja dipakai"
    assert _spans(text, [("SIAM", "ORG"), ("Group Holding Ltd", "ORG")]) == [("SIAM Group Holding Ltd", "ORG")]
    assert _spans("pengumuman PLN Group Tingkat", [("PLN", "ORG"), ("Group", "ORG")]) == [("PLN Group", "ORG")]
    text = "pendiri Grup Royal Golden Eagle itu"  # "Grup" opening a name is part of it
    assert _spans(text, [("Grup Royal Golden Eagle", "ORG")]) == [("Grup Royal Golden Eagle", "ORG")]


def test_a_place_written_in_english_opens_a_company_name_before_an_ordinary_word() -> None:
    text = "Produsen cip Taiwan Semiconductor Manufacturing Co Ltd melaporkan laba."
    got = [(e.text, e.type) for e in annotate(text)]
    assert ("Taiwan Semiconductor Manufacturing Co Ltd", "ORG") in got
    # in Indonesian spelling the place is the company's country, not its name
    text = "Raksasa Amerika Serikat Software Solutions Inc melaporkan laba."
    places = {2: 1}  # "Amerika Serikat" would count only if written as its canonical name
    assert _spans(text, [("Software Solutions Inc", "ORG")], {}) == [("Software Solutions Inc", "ORG")]
    assert _spans(text, [("Software Solutions Inc", "ORG")], places)[0][0].startswith("Amerika")
