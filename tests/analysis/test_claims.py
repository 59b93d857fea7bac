"""Claims: reported speech with its claimant, the article's own checkable assertions, scores."""

from __future__ import annotations

from reader.analysis import analyze


def _claims(text: str) -> list[tuple[str, str | None, str]]:
    return [(text[c.start : c.end], c.claimant, c.kind) for c in analyze(text).claims]


def test_reported_speech_with_that_and_without() -> None:
    text = (
        "Defence Minister Ana Ruiz said that 40 soldiers had been wounded. "
        "The Kremlin denied the convoy was attacked."
    )
    found = _claims(text)
    assert ("40 soldiers had been wounded", "Ana Ruiz", "reported") in found
    assert ("the convoy was attacked", "Russia", "reported") in found


def test_according_to_before_and_after() -> None:
    text = (
        "According to the United Nations, 3 million people have fled. "
        "Prices rose 12% last year, according to the Bank of England."
    )
    found = _claims(text)
    assert ("3 million people have fled", "United Nations", "reported") in found
    assert ("Prices rose 12% last year", "Bank of England", "reported") in found


def test_two_claimants_in_one_sentence_are_two_claims() -> None:
    text = (
        "The Lib Dems say they will look at the plans again, "
        "but Tory Liam Fox said his party offered a clear choice on the issue."
    )
    found = _claims(text)
    assert [c[1] for c in found] == ["Liberal Democrats", "Liam Fox"]
    assert found[0][0] == "they will look at the plans again"


def test_a_pronoun_claimant_after_a_named_one() -> None:
    text = (
        "Mr Howard has said Britain should take its fair share of refugees. "
        "But he claims the current asylum system is being abused."
    )
    found = _claims(text)
    assert [c[1] for c in found] == ["Howard", "Howard"]


def test_participle_takes_the_sentence_subject() -> None:
    text = "A British Muslim group has criticised the drama, claiming it portrays Islam unfairly."
    assert _claims(text) == [("it portrays Islam unfairly", "British Muslim group", "reported")]


def test_assertions_with_figures_superlatives_and_causes_score_higher() -> None:
    text = (
        "The weather was pleasant. Unemployment fell to 4.1%, its lowest level since 1975, "
        "because of strong hiring. The talks may possibly resume."
    )
    claims = analyze(text).claims
    by_text = {text[c.start : c.end]: c for c in claims}
    strong = next(c for t, c in by_text.items() if t.startswith("Unemployment"))
    assert strong.kind == "assertion" and strong.claimant is None
    assert {"figures", "comparison or superlative", "causal claim"} <= set(strong.reasons)
    assert 0.0 <= strong.score <= 1.0
    assert "The weather was pleasant" not in by_text  # nothing to check
    weak = [c for t, c in by_text.items() if "talks" in t]
    assert all(c.score < strong.score for c in weak)


def test_claim_offsets_with_emoji_and_curly_quotes() -> None:
    text = "🚀🚀 Mission chief Dara Osei said the launch was “a complete success” 🎉."
    (claim,) = analyze(text).claims
    assert text[claim.start : claim.end] == "the launch was “a complete success”"
    assert claim.claimant == "Dara Osei"


def test_a_quoted_phrase_inside_the_content_does_not_hide_the_claim() -> None:
    text = (
        "“Sustainable communities” were promoted without a plan, the Environmental Audit "
        "Committee said. “Irreversible damage” will follow 🏗️, MPs have warned."
    )
    found = _claims(text)
    assert (
        "“Sustainable communities” were promoted without a plan",
        "Environmental Audit Committee",
        "reported",
    ) in found
    assert ("“Irreversible damage” will follow", "MPs", "reported") in found


def test_refusing_to_say_claims_nothing() -> None:
    text = (
        "Mr Balls refused to say whether Mr Brown would stay on as chancellor. "
        "The two firms did not say if they were building it for other languages."
    )
    assert [c for c in _claims(text) if c[2] == "reported"] == []


def test_the_content_stops_where_another_voice_starts() -> None:
    text = (
        "Hingis said in October a comeback was unlikely, but in Thailand she admitted: "
        '"I did not know." The EU has noted the rules are applied unevenly, the US Trade '
        "Representative's Office said."
    )
    found = _claims(text)
    assert ("a comeback was unlikely", "Hingis", "reported") in found
    assert any(c[0] == "the rules are applied unevenly" for c in found)


def test_an_aside_between_dashes_is_not_the_claimant() -> None:
    text = (
        "Supporters' group Shareholders United - which has rallied opposition to Mr Malcolm "
        "Glazer's campaign - said it would fight any move by the tycoon."
    )
    found = _claims(text)
    assert ("it would fight any move by the tycoon", "Shareholders United", "reported") in found


def test_descriptions_and_pronouns_of_organisations() -> None:
    text = (
        "Nike has reported its best quarter. The global sports giant said it posted a profit of "
        "$261.9m. The Environmental Audit Committee said housing targets were too high. The "
        "report said water supplies were too low. Regulations are too lax, it said. ScanSoft "
        "and Gracenote are working on voice control. The companies estimate that it will be "
        "ready in 2005."
    )
    found = _claims(text)
    assert ("it posted a profit of $261.9m", "Nike", "reported") in found
    assert ("water supplies were too low", "Environmental Audit Committee", "reported") in found
    assert ("Regulations are too lax", "Environmental Audit Committee", "reported") in found
    assert ("it will be ready in 2005", "ScanSoft and Gracenote", "reported") in found


def test_accusations_and_attributions_before_a_time_clause() -> None:
    text = (
        "Yukos accused Gazprom of illegally taking part in the auction. A change of direction "
        "is needed in Britain, the shadow chancellor said as the conference began."
    )
    found = _claims(text)
    assert any(
        c[0].startswith("Gazprom of illegally taking part") and c[1] == "Yukos" for c in found
    )
    assert ("A change of direction is needed in Britain", "shadow chancellor", "reported") in found
    assert not any(c[0].startswith("as the conference") for c in found)


def test_a_described_claimant_is_named_alike_wherever_it_stands() -> None:
    text = (
        "Analysts say the merger will cut 3,000 jobs. The deal was approved, but prices will "
        "rise by 5% next year, analysts said. Ministry of Defence lawyers said the case failed."
    )
    claimants = [c[1] for c in _claims(text) if c[2] == "reported"]
    assert claimants == ["analysts", "analysts", "Ministry of Defence lawyers"]
