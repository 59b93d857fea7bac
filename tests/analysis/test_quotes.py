"""Direct quotations and their speakers, pattern by pattern, with exact offsets."""

from __future__ import annotations

from reader.analysis import analyze
from tests.conftest import seed


def _quotes(text: str) -> list[tuple[str, str | None]]:
    return [(text[q.start : q.end], q.speaker) for q in analyze(text).quotes]


def test_said_after_the_quote_with_curly_and_straight_marks() -> None:
    text = (
        "Wang Yi met reporters. “We respect sovereignty,” Wang said. "
        '"The talks went well," said Foreign Minister Wang Yi.'
    )
    assert _quotes(text) == [
        ("We respect sovereignty,", "Wang Yi"),
        ("The talks went well,", "Wang Yi"),
    ]


def test_speaker_before_a_colon_and_a_pronoun_after_a_name() -> None:
    text = (
        'Interior Minister Ana Ruiz said: "The border is closed." '
        'Critics were unconvinced. "It will reopen soon," she added.'
    )
    assert _quotes(text) == [
        ("The border is closed.", "Ana Ruiz"),
        ("It will reopen soon,", "Ana Ruiz"),
    ]


def test_quotes_spanning_paragraphs_and_continuations() -> None:
    text = (
        'Coach Mark Hale said: "We were poor in the first half.\n\n'
        '"But the second half was much better." The club is third.\n\n'
        '"We will be back," he said.'
    )
    found = _quotes(text)
    assert [s for _, s in found] == ["Mark Hale"] * 3
    assert found[0][0] == "We were poor in the first half."


def test_a_paragraph_continues_the_previous_speaker() -> None:
    text = (
        '"Prices will rise," said economist Jane Roe.\n\n'
        '"Rates will follow later in the year."\n\nThe bank declined to comment.'
    )
    assert _quotes(text)[1] == ("Rates will follow later in the year.", "Jane Roe")


def test_according_to_and_a_role_resolved_to_the_named_person() -> None:
    text = (
        "State Department spokesman Ned Price spoke on Monday. "
        '"We are watching closely," the spokesman said.'
    )
    assert _quotes(text) == [("We are watching closely,", "Ned Price")]


def test_partial_quote_inside_reported_speech() -> None:
    text = 'Labour MP Stephen Pound labelled the schemes "a pile of pants" on Monday.'
    assert _quotes(text) == [("a pile of pants", "Stephen Pound")]


def test_scare_quotes_titles_and_nicknames_are_not_quotations() -> None:
    text = (
        'Academics found that "games literacy" mattered. Antonio "LA" Reid, chairman of the label, '
        'said: "I can think of no-one more relevant."'
    )
    assert _quotes(text) == [("I can think of no-one more relevant.", "Antonio Reid")]


def test_unknown_speaker_is_unknown_not_guessed() -> None:
    text = 'KEY QUOTES\n\n"We know that the talks will be hard and we are ready for them."'
    assert _quotes(text) == [
        ("We know that the talks will be hard and we are ready for them.", None)
    ]


def test_offsets_are_exact_with_emoji_before_and_inside() -> None:
    text = "🔥🔥 Mayor Lin Hua said: “Welcome 🎉 to the city!” 👋"
    (quote,) = analyze(text).quotes
    assert text[quote.start : quote.end] == "Welcome 🎉 to the city!"
    assert quote.speaker == "Lin Hua"
    assert text[quote.speaker_start : quote.speaker_end] == "Lin Hua"  # type: ignore[misc]


def test_seed_articles_attribute_the_known_quotes() -> None:
    wang = _quotes(seed("002"))
    assert ("new frontiers", "Vladimir Putin") in wang
    assert ("no other option", "Vassily Nebenzya") in wang
    found = _quotes(seed("001"))
    full = [s for q, s in found if q.startswith("Nations that side") and "wrong side" in q]
    assert full == ["State Department spokesperson"]
    # the lead's partial quote is in "a swift rebuke from the United States that …"
    assert ("on the wrong side of history", "United States") in found


def test_a_noun_of_saying_is_no_verb_and_its_from_names_the_speaker() -> None:
    # the words before a noun of saying are no speaker ("The call prompted a swift rebuke")
    text = (
        "Xi Jinping declared support for Russia. The call prompted a swift rebuke that nations"
        " siding with him would be “on the wrong side of history”."
    )
    assert _quotes(text) == [("on the wrong side of history", None)]
    # whoever the rebuke, the warning or the statement is from said it
    assert _quotes(
        "The call prompted a swift rebuke from the United States that nations siding with him"
        " would be “on the wrong side of history”."
    ) == [("on the wrong side of history", "United States")]
    assert _quotes(
        "The move prompted a warning from the Federal Reserve that rates would rise “sooner"
        " than expected”."
    ) == [("sooner than expected", "US Federal Reserve")]
    # verbs stay verbs: "a spokesman said", "a spokesman warns"
    assert _quotes("A spokesman said the talks were “very productive”.") == [
        ("very productive", "spokesman")
    ]
    assert _quotes("Mayor Lin Hua warns: “The river will rise tonight.”") == [
        ("The river will rise tonight.", "Lin Hua")
    ]


def test_a_he_that_opens_the_sentence_before_carries_the_subject() -> None:
    text = (
        'Wasps coach Warren Gatland said: "We have not offered Matt a deal yet."\n\n'
        "Matt Dawson played a vital part last year. However he hopes the deal will help him.\n\n"
        "“Rugby is still my priority 🏉,” he said. When he refused to train, he said: "
        '"I am not going to resign."'
    )
    found = _quotes(text)
    assert ("We have not offered Matt a deal yet.", "Warren Gatland") in found
    assert ("Rugby is still my priority 🏉,", "Matt Dawson") in found
    assert ("I am not going to resign.", "Matt Dawson") in found


def test_a_trailing_he_said_is_not_the_subject_of_its_clause() -> None:
    text = (
        "The prime minister's enthusiasm is undimmed, Alan Milburn, Labour's strategist told "
        'the BBC. Mr Tony Blair has "the same passion for the job" as in 1997, he said.'
    )
    assert ("the same passion for the job", "Alan Milburn") in _quotes(text)


def test_words_someone_owns_and_bodies_described_by_a_noun() -> None:
    text = (
        "Sir Digby Jones said stability was key. His message to the chancellor was: “Please "
        "don't give it away.” CENTR, the council of registries, agrees. \"A rush to ban IDNs "
        'is an overly-zealous step," the organisation said in a statement.'
    )
    found = _quotes(text)
    assert ("Please don't give it away.", "Digby Jones") in found
    assert ("A rush to ban IDNs is an overly-zealous step,", "CENTR") in found


def test_a_so_called_term_is_not_a_quotation() -> None:
    text = 'Mr Putin said the sale was "fair". He referred to so-called "cowboy capitalism".'
    assert _quotes(text) == [("fair", "Vladimir Putin")]


def test_two_names_joined_by_and_speak_together() -> None:
    text = 'China and Russia announced a "no limits" partnership in February.'
    assert _quotes(text) == [("no limits", "China and Russia")]


def test_an_unknown_full_name_after_an_inverted_verb_speaks() -> None:
    text = (
        "Her family connection was important.\n\n"
        "“I believe she knows the state,” said Patricia Moran of Cheyenne. “They know it.”\n\n"
        '"You were going to cure your problems," said former Rep. George Miller (D-Calif.), '
        'one of the negotiators. "That was our job."'
    )
    assert [s for _, s in _quotes(text)] == [
        "Patricia Moran",
        "Patricia Moran",
        "George Miller",
        "George Miller",
    ]


def test_according_to_opening_a_sentence_and_state_as_an_adjective() -> None:
    text = (
        "Bob Woodward spoke.\n\n"
        "According to Woodward, “The real estate world is more complex than the CIA,” "
        "presumably meaning this.\n\n"
        '"We are tying their hands," state Sen. Jason Holsman said. "I disagree."'
    )
    assert [s for _, s in _quotes(text)] == ["Bob Woodward", "Jason Holsman", "Jason Holsman"]


def test_a_quoted_sentence_split_by_its_attribution_keeps_its_speaker() -> None:
    text = (
        "Clinton's workers have been busy.\n\n"
        "\"We've had offices here since April,\" said Stephanie Formas, Clinton's state "
        'communications director, "and we\'ve been forming relationships that last."'
    )
    assert [s for _, s in _quotes(text)] == ["Stephanie Formas", "Stephanie Formas"]


def test_an_attribution_sentence_after_a_quotation_that_closed_its_own() -> None:
    text = (
        "Allan Lichtman is a historian.\n\n"
        '"Why would you cozy up to George W. Bush?" Lichtman said about the effort to '
        "downplay his connection to the president.\n\n"
        '"Perpetual motion!" Rep. Glenn Thompson, R-Pa., said of the swirl of activities.'
    )
    assert [s for _, s in _quotes(text)] == ["Allan Lichtman", "Glenn Thompson"]


def test_as_x_put_it_names_the_speaker() -> None:
    text = (
        "Merrick Garland waits. As The Post's Ruth Marcus puts it, Obama is trying to make "
        'Republicans "an offer they can\'t afford to refuse."'
    )
    assert _quotes(text) == [("an offer they can't afford to refuse.", "Ruth Marcus")]


def test_an_introductory_phrase_is_neither_an_apposition_nor_the_subject() -> None:
    text = (
        "Gonzalo Curiel is a judge. In an interview with The Wall Street Journal, Trump "
        "doubled down on his comments about Curiel and said the judge had “an inherent "
        "conflict of interest” in the cases. Speaking at a town hall in Salem, New Hampshire, "
        "Trump went after Jeb Bush, calling him “a total stiff.”"
    )
    assert [s for _, s in _quotes(text)] == ["Donald Trump", "Donald Trump"]


def test_the_next_sentence_names_who_asked_or_told_whom() -> None:
    text = (
        "Chuck Todd asked the GOP frontrunner about it. “Did you know it was Mussolini?” Todd "
        "asked the real estate mogul.\n\n"
        "“It looks like we’re not going to have a very good relationship, who knows?” Trump "
        "told Britain’s ITV television station in an interview."
    )
    assert [s for _, s in _quotes(text)] == ["Chuck Todd", "Donald Trump"]


def test_a_role_qualified_by_a_name_is_not_the_last_speaker() -> None:
    text = (
        'Donald Trump said: "We need a new President -- FAST!" Marco Rubio disagreed. Nothing '
        'the president said "will assuage people\'s fears," the Florida senator said.'
    )
    assert _quotes(text)[1][1] != "Donald Trump"


def test_a_participle_speaks_for_the_subject_of_its_main_clause() -> None:
    text = (
        "Donald Trump spoke. “If she gets to pick her judges, nothing you can do, folks,” Trump "
        "told a North Carolina rally, saying Clinton would “abolish the second amendment.” "
        "François Hollande has joined them. Trump’s “excesses” are sickening, Hollande said "
        "Tuesday in Paris, noting the Republican nominee “makes you want to retch.”"
    )
    found = _quotes(text)
    assert found[1] == ("abolish the second amendment.", "Donald Trump")
    assert found[-1] == ("makes you want to retch.", "Hollande")


def test_an_object_relative_and_a_later_clause_do_not_speak() -> None:
    text = (
        "Glenn Beck spoke. Much of Beck’s ire was directed at Stephen Bannon, who Beck on "
        "Wednesday called “a horrible, despicable human being.” Nikki Haley endorsed Rubio. "
        "Jason Sims says he was “kind of riding the fence” until Haley said she backed Rubio."
    )
    assert [s for _, s in _quotes(text)] == ["Glenn Beck", "Jason Sims"]


def test_said_then_adding_and_a_function_word_that_names_nobody() -> None:
    text = (
        "Omar Mateen prayed there. Mateen didn't mingle but left as soon as prayers were "
        'finished, Nefzi said, adding, "He was not very religious." When asked about it, '
        "Canova “bristled” and left."
    )
    assert _quotes(text) == [("He was not very religious.", "Nefzi"), ("bristled", None)]


def test_names_the_gazetteer_missed_after_a_title_or_an_introduction() -> None:
    text = (
        "Few choices were left. Former Maryland Gov. Martin O’Malley said back in 2015: “I "
        "think it’s a big mistake for us as a party.”\n\n"
        'In other words, explained CBS moderator Nancy Cordes: "What does that have to do '
        'with taking big donations?"'
    )
    assert [s for _, s in _quotes(text)] == ["Martin O’Malley", "Nancy Cordes"]


def test_a_subject_after_an_introduction_and_a_verb_in_a_relative_clause() -> None:
    text = (
        '"It is a big deal," said Larry Sabato, a political scientist.\n\n'
        'At least a half-dozen times, Trump cited "Obama-Clinton" policies, which he said had '
        "harmed the economy. Marco Rubio came third. Cruz says he is “effectively tied for "
        "second place” with Florida Sen. Marco Rubio, in a finish that he said defied "
        "expectations."
    )
    assert [s for _, s in _quotes(text)][1:] == ["Donald Trump", "Cruz"]


def test_the_subject_before_but_now_said_speaks() -> None:
    text = (
        "House Republican Thomas Massie used to support fellow Kentuckian Rand Paul, but now "
        "said Trump had “the opportunity and the obligation to bring us together.”"
    )
    assert _quotes(text)[0][1] != "Rand Paul"
    assert "Massie" in (_quotes(text)[0][1] or "")


def test_somebody_described_but_not_named_speaks_as_written() -> None:
    text = (
        "The company confirmed it. “We are shocked, Ahmed was a friend to us,” one P&G Amiens "
        "employee told French television station BFMTV.\n\n"
        '"It wasn\'t a convincing argument," said one Democrat familiar with the discussion.'
    )
    assert [s for _, s in _quotes(text)] == [
        "one P&G Amiens employee",
        "one Democrat familiar with the discussion",
    ]


def test_a_statement_issued_right_before_the_quotation() -> None:
    text = (
        "Donald Trump spoke. Immediately after the attacks, Trump issued a statement, “Last "
        "night, our nation was attacked.”\n\n"
        "Bill Clinton met him. When Wallace died in 1998, President Clinton released the "
        "following statement:\n\n“Hillary and I offer our condolences to the family.”"
    )
    assert [s for _, s in _quotes(text)] == ["Donald Trump", "Bill Clinton"]


def test_a_relative_aside_that_names_someone_is_not_the_subject() -> None:
    text = (
        "Bernie Sanders ran. Hillary Clinton ran. Speaking later on the same show, Sen. Claire "
        'McCaskill (D-Mo.), who has endorsed Clinton, said Sanders has pushed her to be a "more '
        'aggressive" candidate.'
    )
    assert _quotes(text) == [("more aggressive", "Claire McCaskill")]


def test_a_document_named_by_its_noun_is_whose_the_article_said() -> None:
    text = (
        "China tells Blinken\n\nBeijing’s statement followed the call. “We call on all parties to remain calm,” the"
        " statement read.\n\nChina’s plan does not call for a withdrawal. The plan also"
        " condemned the use of “unilateral sanctions”."
    )
    assert _quotes(text) == [
        ("We call on all parties to remain calm,", "Beijing’s statement"),
        ("unilateral sanctions", "China’s plan"),
    ]
    # nobody's plan named before: the noun, as written
    assert _quotes("The plan also condemned the use of “unilateral sanctions”.") == [
        ("unilateral sanctions", "plan")
    ]
