"""Actors: gazetteer names and aliases, titles and roles, shapes, coreference, offsets."""

from __future__ import annotations

from reader.analysis import analyze
from reader.analysis.actors import Mention
from tests.conftest import seed


def _found(text: str) -> list[tuple[str, str, str]]:
    return [(text[m.start : m.end], m.name, m.type) for m in analyze(text).actors]


def test_gazetteer_aliases_resolve_to_the_canonical_actor() -> None:
    text = "President Xi met Mr Putin in Moscow. The Kremlin said Xi Jinping stayed two days."
    found = _found(text)
    assert ("Xi", "Xi Jinping", "person") in found  # the title is not part of the span
    assert ("Putin", "Vladimir Putin", "person") in found
    assert ("Moscow", "Russia", "place") in found  # the capital stands for the state
    assert ("Xi Jinping", "Xi Jinping", "person") in found
    assert any(alias == "Kremlin" and name == "Russia" for alias, name, _ in found)


def test_titles_and_roles_mark_people_the_gazetteer_does_not_know() -> None:
    text = (
        "Finance Minister Olena Kovalenko spoke first. Later, spokesman Tomas Reyes said the "
        "talks would go on. Kovalenko left early."
    )
    found = _found(text)
    assert ("Olena Kovalenko", "Olena Kovalenko", "person") in found
    assert ("Tomas Reyes", "Tomas Reyes", "person") in found
    # a lone surname after the full name is the same person
    assert ("Kovalenko", "Olena Kovalenko", "person") in found


def test_organisations_by_suffix_acronym_and_context() -> None:
    text = (
        "The International Criminal Court (ICC) issued a warrant. The ICC said more would follow. "
        "Cable firms NTL and Telewest cut prices; Telewest chief executive Eric Tveter spoke."
    )
    found = _found(text)
    assert ("International Criminal Court", "International Criminal Court", "organisation") in found
    assert ("ICC", "International Criminal Court", "organisation") in found
    assert sum(1 for a, _, t in found if a == "Telewest" and t == "organisation") == 2
    assert ("Eric Tveter", "Eric Tveter", "person") in found


def test_capitalised_words_that_are_not_actors() -> None:
    text = (
        "Economic growth, measured by GDP, rose. A personal video recorder (PVR) costs less. "
        "He sang Way You Move and Hey Ya at the Las Vegas-style show."
    )
    names = [alias for alias, _, _ in _found(text)]
    assert "GDP" not in names and "PVR" not in names
    assert "Way You Move" not in names and "Las Vegas-style" not in names


def test_a_team_sheet_is_a_list_of_people() -> None:
    text = "Exeter: Jones, Hiley, Sawyer, Gaia, Jeannin, Moxey.\n"
    found = _found(text)
    assert [a for a, _, t in found if t == "person"] == [
        "Jones",
        "Hiley",
        "Sawyer",
        "Gaia",
        "Jeannin",
        "Moxey",
    ]


def test_offsets_are_code_points_with_emoji_and_curly_quotes() -> None:
    text = "🇺🇦🔥 “Kyiv stands,” said President Volodymyr Zelensky 😀 in Kyiv."
    mentions = analyze(text).actors
    for m in mentions:
        assert text[m.start : m.end] == m.alias
    assert {m.alias for m in mentions} >= {"Volodymyr Zelensky", "Kyiv"}


def test_seed_articles_type_kishida_and_nato() -> None:
    text = seed("004")
    mentions: list[Mention] = analyze(text).actors
    kishida = [m for m in mentions if "Kishida" in m.alias]
    assert kishida and all(m.type == "person" for m in kishida)
    nato = [m for m in analyze(seed("000")).actors if m.alias == "NATO"]
    assert nato and all(m.type == "organisation" for m in nato)


def test_a_user_gazetteer_extends_the_built_in_one(tmp_path) -> None:  # type: ignore[no-untyped-def]
    user = tmp_path / "gazetteer.json"
    user.write_text(
        '{"actors": [{"name": "Acme Widgets", "type": "organisation", "aliases": ["Acme"]}]}',
        encoding="utf-8",
    )
    a = analyze("Shares in Acme rose.", user)
    assert [(m.alias, m.name, m.type) for m in a.actors] == [
        ("Acme", "Acme Widgets", "organisation")
    ]
