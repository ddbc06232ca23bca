"""Story linking: pair features of hand-made profiles, the pair model's direction, and clustering.

None of these depends on the exact coefficients (``bench/stories_train.py`` refits them): only on
their signs and on clear cases.
"""

from __future__ import annotations

import collections
from collections.abc import Iterable

from indexer.language.entities.model import Entity
from indexer.language.stories import (
    THRESHOLD,
    CandidateIndex,
    CorpusStats,
    PairScorer,
    StoryProfile,
    link_stories,
    profile_article,
)
from indexer.language.stories.scoring import FEATURES, day_of

FILLER = [
    ("Council approves budget for schools", "The city council approved the budget for schools on Monday."),
    ("Team wins the league final", "The team won the league final after a late goal by its captain."),
    ("Bank raises interest rates", "The central bank raised interest rates by a quarter point."),
    ("New phone goes on sale", "The company put its new phone on sale in shops across the country."),
    ("Storm closes roads in the north", "Heavy rain and wind closed several roads in the north."),
    ("Singer releases an album", "The singer released a new album with twelve songs."),
]


def _entities(text: str, names: Iterable[tuple[str, str]]) -> list[Entity]:
    found = []
    for name, kind in names:
        start = text.find(name)
        if start >= 0:
            found.append(Entity(start, start + len(name), name, kind, name))  # type: ignore[arg-type]
    return sorted(found, key=lambda e: e.start)


def _profile(doc: str, title: str, text: str, date: str | None, names: Iterable[tuple[str, str]] = ()) -> StoryProfile:
    names = list(names)
    return profile_article(doc, title, text, _entities(text, names), date, _entities(title, names))


def _quake(doc: str, place: str, magnitude: str, date: str, outlet: str = "") -> StoryProfile:
    title = f"Magnitude {magnitude} earthquake strikes {place}"
    text = (
        f"An earthquake of magnitude {magnitude} struck {place} on Tuesday, the geophysics agency said. "
        f"Residents of {place} ran out of their houses and {magnitude} was the strongest reading this year. "
        f"No damage was reported at first{outlet}."
    )
    return _profile(doc, title, text, date, [(place, "LOC")])


def _arrest(doc: str, person: str, date: str | None) -> StoryProfile:
    title = f"Police arrest {person} in Springfield over fraud"
    text = (
        f"Police arrested {person} in Springfield on Friday over a fraud at the harbour authority. "
        f"{person} was taken to the central station for questioning, officers said."
    )
    return _profile(doc, title, text, date, [(person, "PERSON"), ("Springfield", "LOC")])


def _filler() -> list[StoryProfile]:
    return [_profile(f"f{i}", title, text, "2020-01-01") for i, (title, text) in enumerate(FILLER)]


def _scorer(profiles: Iterable[StoryProfile]) -> PairScorer:
    return PairScorer(CorpusStats.of(profiles, shipped_background=False))


def test_features_are_named_and_bounded() -> None:
    a = _profile("a", "John Miller arrested", "Police arrested John Miller.", "2020-03-06", [("John Miller", "PERSON")])
    b = _profile("b", "Peter Jones arrested", "Police arrested Peter Jones.", "2020-03-06", [("Peter Jones", "PERSON")])
    scorer = _scorer([a, b, *_filler()])
    values = scorer.features(a, b)
    assert len(values) == len(FEATURES)
    assert all(0.0 <= x <= 1.0 + 1e-9 for x in values)
    assert values[FEATURES.index("lead_names_apart")] == 1.0


def test_identical_articles_are_almost_surely_one_story() -> None:
    a, b = _arrest("a", "John Miller", "2020-03-06"), _arrest("b", "John Miller", "2020-03-06")
    scorer = _scorer([a, b, *_filler()])
    assert scorer.probability(a, b) > 0.95


def test_other_names_in_the_lead_lower_the_probability() -> None:
    a, same, other = (
        _arrest("a", "John Miller", "2020-03-06"),
        _arrest("b", "John Miller", "2020-03-06"),
        _arrest("c", "Peter Jones", "2020-03-06"),
    )
    scorer = _scorer([a, same, other, *_filler()])
    assert scorer.probability(a, other) < scorer.probability(a, same)


def test_far_dates_lower_the_probability() -> None:
    a, near, far = (
        _arrest("a", "John Miller", "2020-03-06"),
        _arrest("b", "John Miller", "2020-03-07"),
        _arrest("c", "John Miller", "2020-09-30"),
    )
    scorer = _scorer([a, near, far, *_filler()])
    assert scorer.probability(a, far) < scorer.probability(a, near)
    assert day_of("2020-03-06") is not None and day_of("2020-03") is None


def test_other_place_and_numbers_lower_the_probability() -> None:
    a, same, other = (
        _quake("a", "Talaud", "5.7", "2020-03-06"),
        _quake("b", "Talaud", "5.7", "2020-03-06", " in the capital"),
        _quake("c", "Jember", "4.8", "2020-03-06"),
    )
    scorer = _scorer([a, same, other, *_filler()])
    assert scorer.probability(a, other) < scorer.probability(a, same)
    values = scorer.features(a, other)
    assert values[FEATURES.index("lead_places_apart")] == 1.0
    assert values[FEATURES.index("lead_numbers_apart")] == 1.0


def _link(batches: list[list[StoryProfile]], everything: list[StoryProfile]) -> dict[str, str]:
    scorer = _scorer(everything)
    by_id = {p.doc_id: p for p in everything}
    index = CandidateIndex()
    story: dict[str, str] = {}
    for batch in batches:
        for p in batch:
            index.add(p.doc_id, day_of(p.date), p.search_keys())
        members = collections.defaultdict(set)
        for doc, s in story.items():
            members[s].add(doc)
        story.update(
            link_stories(
                batch,
                index,
                story,
                lambda s, members=members: members.get(s, set()),
                lambda ids: {d: by_id[d] for d in ids},
                scorer,
            )
        )
    return story


def test_clustering_merges_a_clear_pair_and_keeps_two_quakes_apart() -> None:
    first = _quake("q1", "Talaud", "5.7", "2020-03-06")
    again = _quake("q2", "Talaud", "5.7", "2020-03-06", " in the capital")
    other = _profile(
        "q3",
        "Quake damages houses in Jember",
        "A quake measuring 4.8 shook Jember, East Java, on Saturday and damaged ten houses, officials said.",
        "2020-03-10",
        [("Jember", "LOC"), ("East Java", "LOC")],
    )
    everything = [first, again, other, *_filler()]
    story = _link([everything], everything)
    assert story["q1"] == story["q2"]
    assert story["q3"] != story["q1"]
    assert 0.0 < THRESHOLD < 1.0


def test_incremental_linking_joins_a_new_article_to_a_stored_story() -> None:
    first = _arrest("a1", "John Miller", "2020-03-06")
    second = _arrest("a2", "John Miller", "2020-03-06")
    late = _arrest("a3", "John Miller", "2020-03-07")
    everything = [first, second, late, *_filler()]
    stored = [first, second, *_filler()]
    story = _link([stored, [late]], everything)
    assert story["a1"] == story["a2"] == story["a3"] == "a1"


def test_background_counts_ship_and_steady_the_weights() -> None:
    from indexer.language.stories.background import background

    documents, counts = background()
    assert documents > 10_000 and counts["yang"] > counts["gempa"] > 0 and counts["the"] > counts["earthquake"] > 0
    small = CorpusStats.with_background(3, {"gempa": 3}, {})
    # in an index of three articles that all say "gempa", the word still weighs what it does in the news
    assert small.term_idf("gempa") > small.term_idf("yang") > 0


def test_a_different_day_in_the_leads_and_different_people_lower_the_probability() -> None:
    def report(doc: str, person: str, day: str) -> StoryProfile:
        title = f"{person} ditangkap polisi"
        text = f"Polisi menangkap {person} di Medan pada {day}. {person} diperiksa di Polda Sumatera Utara."
        entities = _entities(text, [(person, "PERSON"), ("Medan", "LOC")])
        date_at = text.find(day)
        entities.append(Entity(date_at, date_at + len(day), day, "DATE", day))
        return profile_article(doc, title, text, sorted(entities, key=lambda e: e.start), "2019-09-20", [])

    first = report("a", "Budi Santoso", "2019-09-17")
    same = report("b", "Budi Santoso", "2019-09-17")
    other_day = report("c", "Budi Santoso", "2019-09-10")
    other_person = report("d", "Joko Susilo", "2019-09-17")
    scorer = _scorer([first, same, other_day, other_person, *_filler()])
    assert first.lead_days == frozenset({"2019-09-17"}) and first.lead_people == frozenset({"Budi Santoso"})
    assert scorer.probability(first, same) > scorer.probability(first, other_day)
    assert scorer.probability(first, same) > scorer.probability(first, other_person)
    assert StoryProfile.from_json(first.as_json()) == first
