"""Speakers and claimants on news written in other house styles (US politics, wire copy):
hand-made sentences for each mechanism, with curly quotes and emoji where they occur."""

from __future__ import annotations

from reader.analysis import analyze


def _quotes(text: str) -> list[tuple[str, str | None]]:
    return [(text[q.start : q.end], q.speaker) for q in analyze(text).quotes]


def _claims(text: str) -> list[tuple[str, str | None, str]]:
    return [(text[c.start : c.end], c.claimant, c.kind) for c in analyze(text).claims]


def test_any_verb_after_a_quotation_that_ends_on_a_comma_attributes_it() -> None:
    text = (
        "Senator Maria Lopez ran the rally. “Governor, let me help you out,” the senator riffed 🎤."
    )
    assert _quotes(text) == [("Governor, let me help you out,", "Maria Lopez")]


def test_a_short_sentence_after_a_closed_quotation_names_its_speaker() -> None:
    text = "Hewitt pressed him.\n“That is a false equivalency!” Maher replied. “How many?”"
    assert _quotes(text) == [
        ("That is a false equivalency!", "Maher"),
        ("How many?", "Maher"),
    ]


def test_a_paragraph_ending_in_a_colon_introduces_the_next_one() -> None:
    text = (
        "The Times ran the story in May, and Breitbart News responded:\n\n"
        "“There is no such plan, and there never was one in the budget.”\n"
    )
    assert _quotes(text) == [
        ("There is no such plan, and there never was one in the budget.", "Breitbart News")
    ]


def test_a_signature_line_names_the_speaker_of_the_quotation_above() -> None:
    text = "Fact check.\n\n“Big companies pay zero taxes in this country.”\n\n- Bernie Sanders.\n"
    assert _quotes(text) == [("Big companies pay zero taxes in this country.", "Bernie Sanders")]


def test_a_participle_speaks_for_the_subject_of_its_clause() -> None:
    text = (
        "In a press conference, Donald Trump attacked Barack Obama, calling him “the most "
        "ignorant president in our history.”"
    )
    assert _quotes(text) == [("the most ignorant president in our history.", "Donald Trump")]


def test_relative_clauses_and_possessors_are_not_speakers() -> None:
    text = (
        "Mukasey criticized Clinton’s email use, which an FBI investigation said was "
        "“extremely careless” but not criminal. Another source familiar with Cruz’s "
        "thinking said, “I think he will certainly try again next time.”"
    )
    found = dict(_quotes(text))
    assert found["extremely careless"] == "Federal Bureau of Investigation"
    assert found["I think he will certainly try again next time."] == (
        "Another source familiar with Cruz’s thinking"
    )


def test_groups_and_descriptions_speak_as_written() -> None:
    text = (
        "Sanders’ campaign called the report a “rush to judgment,” on Monday. "
        "“A man you can bait with a tweet cannot be trusted,” said the Democratic nominee."
    )
    assert _quotes(text) == [
        ("rush to judgment,", "Sanders’ campaign"),
        ("A man you can bait with a tweet cannot be trusted,", "Democratic nominee"),
    ]


def test_a_middle_initial_stays_in_the_name_and_does_not_end_the_sentence() -> None:
    text = "CBC Chairman G.K. Butterfield said he was “outraged” by the plan. Lawrence H. Summers agreed."
    names = {a.alias: a.type for a in analyze(text).actors}
    assert names["G.K. Butterfield"] == "person" and names["Lawrence H. Summers"] == "person"
    assert _quotes(text) == [("outraged", "G.K. Butterfield")]


def test_a_direct_quotation_is_its_speakers_claim_marks_included() -> None:
    text = "“We will win this state by ten points,” Mr. Cruz said on Tuesday. 🎉"
    found = _claims(text)
    assert ("“We will win this state by ten points,”", "Cruz", "quoted") in found


def test_quotations_in_two_apostrophes_are_claims_not_quotes() -> None:
    text = "''The bank will need to be transformed,'' said Lawrence H. Summers, a former aide."
    assert _quotes(text) == []
    claims = _claims(text)
    assert len(claims) == 1
    content, claimant, kind = claims[0]
    assert "The bank will need to be transformed" in content
    assert claimant is not None and "Summers" in claimant and kind == "quoted"


def test_beliefs_and_intentions_are_attributed_stances_apart_from_reported_speech() -> None:
    text = (
        "Hillary Clinton wants to raise the minimum wage to $15 an hour. "
        "Donald Trump believes that the deal was a disaster for American workers."
    )
    found = _claims(text)
    assert ("to raise the minimum wage to $15 an hour", "Hillary Clinton", "stance") in found
    assert (
        "the deal was a disaster for American workers",
        "Donald Trump",
        "reported",
    ) in found


def test_according_to_a_source_not_in_the_gazetteer_keeps_it_as_written() -> None:
    text = "Sanders trails Clinton in California by 4 points, according to HuffPost Pollster’s average."
    assert _claims(text) == [
        (
            "Sanders trails Clinton in California by 4 points",
            "HuffPost Pollster’s average",
            "reported",
        )
    ]


def test_a_sentence_reporting_an_actors_stance_is_not_the_articles_assertion() -> None:
    text = "Only about 4 in 10 Republican voters want 11 million immigrants to be deported."
    kinds = [kind for _, _, kind in _claims(text)]
    assert "assertion" not in kinds and kinds


def test_tokenised_wire_copy_and_capital_headlines_are_read_by_the_tagger() -> None:
    text = (
        "RUSSIA SAYS TALKS WITH CHECHENS GO ON .\nMOSCOW 1996-08-24\n"
        "The Interfax news agency said Yeltsin 's envoy Alexander Lebed met rebel leaders in "
        "Grozny , the Itar-Tass agency reported .\n"
    )
    found = {text[a.start : a.end]: a.type for a in analyze(text).actors}
    assert found["RUSSIA"] == "place" and found["MOSCOW"] == "place"
    assert found["Interfax"] == "organisation" and found["Itar-Tass"] == "organisation"
    assert found["Alexander Lebed"] == "person" and found["Grozny"] == "place"


def test_prose_is_left_to_the_rules() -> None:
    """The tagger reads prose only in its lines in capitals: a BBC-style sentence keeps the
    rules' answer ("Aston Villa" a club, not a person)."""
    text = "Aston Villa boss David O'Leary said the Midlands side would fight on."
    found = {text[a.start : a.end]: (a.type, a.how) for a in analyze(text).actors}
    assert found["Aston Villa"][0] == "organisation"
    assert all(how != "model" for _, how in found.values())


def test_names_in_a_title_case_headline_are_those_of_the_body() -> None:
    text = (
        "Carly Fiorina Endorses Ted Cruz: I Am ‘Horrified’ By Donald Trump\n\n"
        "Carly Fiorina threw her support behind Sen. Ted Cruz on Wednesday, saying it is time "
        "to have a “real constitutional conservative” in the White House.\n"
    )
    headline = text[: text.index("\n")]
    found = {
        (text[a.start : a.end], a.type) for a in analyze(text).actors if a.end <= len(headline)
    }
    assert found == {
        ("Carly Fiorina", "person"),
        ("Ted Cruz", "person"),
        ("Donald Trump", "person"),
    }  # not "Fiorina Endorses Ted Cruz"
    assert _quotes(text) == [("real constitutional conservative", "Carly Fiorina")]


def test_party_members_and_a_partys_candidate_speak_as_written() -> None:
    text = (
        "Democrats said the bill would fail. “We will not let this pass,” the GOP "
        "front-runner said on Tuesday. 🇺🇸"
    )
    found = _claims(text)
    assert ("the bill would fail", "Democrats", "reported") in found
    assert _quotes(text) == [("We will not let this pass,", "GOP front-runner")]


def test_documents_and_crowds_before_the_verb_are_the_source_as_written() -> None:
    text = (
        "Trump could lose Colorado (although as Tuesday’s results show, Florida may not be out "
        "of reach). Many environmental groups and climate experts would call the plan wishful "
        "thinking."
    )
    claimants = {claimant for _, claimant, _ in _claims(text)}
    assert "Tuesday’s results" in claimants
    assert "Many environmental groups and climate experts" in claimants


def test_a_description_ends_where_its_verb_phrase_starts() -> None:
    text = (
        "Lee Baxter runs the fund. The fund manager noted that he once taught law, and added: "
        "“We are not worried 😊.”\n\n"
        "Her campaign sent a letter. The email goes on to say: “Donate today.”\n\n"
        "He met the former secretary of state. The former secretary of state talked about "
        "continuing the “progress we had,” aides said."
    )
    assert _quotes(text)[:2] == [
        ("We are not worried 😊.", "Lee Baxter"),
        ("Donate today.", "email"),
    ]


def test_a_noun_after_a_possessive_is_no_verb_of_saying_and_a_clause_is_no_speaker() -> None:
    text = (
        "Sanders said his staff erred, but that the DNC’s blocking of his campaign was “an "
        "egregious act.”\n\n"
        "Hillary Clinton spoke in Iowa. She has proposed a “chief trade prosecutor” who reports "
        "directly to the president, and called for tripling “enforcement.”"
    )
    speakers = dict(_quotes(text))
    assert speakers["an egregious act."] == "Sanders"
    assert speakers["enforcement."] == "Hillary Clinton"
    alone = "She has proposed a “chief trade prosecutor” who reports directly to the president, "
    alone += "and called for tripling “enforcement.”"
    assert _quotes(alone) == [("enforcement.", None)]  # not "who reports directly to the …"


def test_states_is_a_verb_of_saying_only_where_a_verb_would_stand() -> None:
    from reader.analysis.speech import ALL_CUES, find_words

    nouns = "Voters in five states going to the polls said so in the states of the South 🗳️."
    assert [w.group() for w in find_words(nouns, ALL_CUES)] == ["said"]
    verbs = "The ad states: “She will fight.” The memo states that taxes rose."
    assert [w.group() for w in find_words(verbs, ALL_CUES)] == ["states", "states"]


def test_as_reported_by_names_the_source_of_what_follows() -> None:
    text = (
        "Judicial Watch added a note.\n\n"
        "As reported by Western Journalism, the New York Times broke the story in March 📰."
    )
    said = ("the New York Times broke the story in March", "Western Journalism", "reported")
    assert said in _claims(text)


def test_a_participle_speaks_for_the_person_the_clause_names_past_datelines_and_modifiers() -> None:
    text = (
        "PARIS, Aug 31 (Reuters) - France’s far-right National Front party leader, Marine Le "
        "Pen, voiced support for Donald Trump on Wednesday, saying his rival would bring war.\n\n"
        "U.S. District Judge James C. Cacheris imposed a 52-month sentence 🔒, saying a tough "
        "penalty was needed.\n\n"
        "At a campaign event in Ames, Iowa, on Sunday, Mrs. Clinton tried to expand on her "
        "statement, saying that the United States should lead the coalition."
    )
    claimants = {content: who for content, who, _ in _claims(text)}
    assert claimants["his rival would bring war"] == "Marine Le Pen"
    assert claimants["a tough penalty was needed"] == "James C Cacheris"
    assert claimants["the United States should lead the coalition"] == "Clinton"


def test_a_party_word_that_qualifies_a_description_is_not_the_source() -> None:
    text = (
        "Even a top GOP strategist said Clinton will have to choose a side.\n\n"
        "Republicans on Capitol Hill seized on the message, arguing that it showed intent.\n\n"
        "Other Republicans echoed those comments, saying Obama’s strategy was failing."
    )
    claimants = {content: who for content, who, _ in _claims(text)}
    assert claimants["Clinton will have to choose a side"] == "GOP strategist"
    assert claimants["it showed intent"] == "Republicans"
    # the participle's object is what was said, not an inverted "…, said Obama"
    assert claimants["Obama’s strategy was failing"] == "Republicans"


def test_a_quotation_no_verb_of_saying_attributes_is_its_sentence_subjects() -> None:
    text = (
        "Senator Maria Lopez toured Ohio.\n\n"
        "On Monday, Lopez groused to a crowd in Dayton 🇺🇸 that the network “does not treat me "
        "properly at all” before leaving.\n\n"
        "Loud cheers greeted the line “four more years, four more years.”"
    )
    quotes = analyze(text).quotes
    assert [(text[q.start : q.end], q.speaker, q.how) for q in quotes] == [
        ("does not treat me properly at all", "Maria Lopez", "subject"),
        ("four more years, four more years.", None, "unknown"),  # nobody the text names
    ]


def test_a_name_after_the_noun_that_introduces_it_is_the_speaker() -> None:
    text = (
        "The professor was headed to Cairo, the Guardian reported. “We had called him just "
        "before he boarded and everything was fine 🙏” his nephew Michery el Soheil added."
    )
    assert _quotes(text) == [
        ("We had called him just before he boarded and everything was fine 🙏", "Michery el Soheil")
    ]


def test_a_title_after_the_kind_of_work_it_names_does_not_break_a_speakers_words() -> None:
    text = (
        'Pushed by host Chuck Todd, Cuban demurred. "It is too early to tell," said Cuban, who '
        'is also a host on the TV show "Shark Tank." "I mean, it depends on the race 🏁."'
    )
    assert [(q, who) for q, who in _quotes(text)] == [
        ("It is too early to tell,", "Cuban"),
        ("I mean, it depends on the race 🏁.", "Cuban"),
    ]


def test_a_programme_or_a_book_named_in_title_case_is_no_quotation() -> None:
    text = (
        "“She just made it up,” Trump said on ABC’s “This Week.” He told “Meet the Press” "
        'the same, in an interview with "Fox News Sunday." Fiorina wrote in her memoir, '
        '"Tough Choices," that she was adamant.\n\nOf the plan, Cruz said: “Good For Nobody.”'
    )
    assert [(q, who) for q, who in _quotes(text)] == [
        ("She just made it up,", "Donald Trump"),
        ("Good For Nobody.", "Cruz"),  # a speaker's words in capitals, after a verb
    ]


def test_two_names_the_gazetteer_missed_and_a_calculation_name_their_source() -> None:
    text = (
        "Forbes and Wealth-X say the United States 🇺🇸 has more billionaires.\n\n"
        "Adam Ozimek, an economist at Moody's Analytics, calculates that 600,000 jobs pay less."
    )
    claimants = {content: who for content, who, _ in _claims(text)}
    assert claimants["the United States 🇺🇸 has more billionaires"] == "Forbes and Wealth-X"
    assert claimants["600,000 jobs pay less"] == "Adam Ozimek"


def test_an_unnamed_official_before_an_aside_and_an_echo_name_their_speaker() -> None:
    text = (
        "Support grew. An Israeli official, speaking on the condition of anonymity, said "
        'Wednesday that Netanyahu "will meet with any candidate from either party 🤝."\n\n'
        "He spoke. 17-year-old Jared Potts echoed:\n\n“He speaks his mind, and that is good.”"
    )
    assert _quotes(text) == [
        ("will meet with any candidate from either party 🤝.", "An Israeli official"),
        ("He speaks his mind, and that is good.", "Jared Potts"),
    ]


def test_a_name_signed_after_a_dash_on_the_quotations_line_is_its_speaker() -> None:
    text = (
        "31 Latinos Share Their Thoughts.\n\n"
        "“During the debate he said we live in hell 🔥.”― Pamela Padilla \n"
        "“He must stop portraying us as gangsters.” — Carla Sanchez.\n\n"
        'Rajoy said it was "a sad day for all of us."--Kim Hjelmgaard.'
    )
    assert _quotes(text) == [
        ("During the debate he said we live in hell 🔥.", "Pamela Padilla"),
        ("He must stop portraying us as gangsters.", "Carla Sanchez"),
        # a dash after a quotation inside a longer paragraph signs the item, not the quotation
        ("a sad day for all of us.", "Rajoy"),
    ]


def test_a_list_of_titles_is_no_quotation_and_a_titled_name_speaks_not_its_place() -> None:
    text = (
        "The band will play “Listen To The Music,” “China Grove,” “Black Water” and more 🎸.\n\n"
        '"We believe that justice has been served," said U.S. Attorney Nealy Cox.'
    )
    assert _quotes(text) == [("We believe that justice has been served,", "Nealy Cox")]


def test_a_word_somebody_characterises_with_is_their_quotation() -> None:
    text = (
        "At a rally in Ohio 🇺🇸, Donald Trump likened the refugees to a “vicious snake” again.\n\n"
        "Governor Chris Christie blasted Hillary Clinton as a “disgrace” on Wednesday.\n\n"
        "When the attackers were named, Barack Obama and Hillary Clinton call them "
        "“lone wolves” and move on.\n\n"
        "The group has been called “the quiet ones” for years, and a so-called “rebel” wing "
        "formed."
    )
    assert _quotes(text) == [
        ("vicious snake", "Donald Trump"),
        ("disgrace", "Chris Christie"),
        ("lone wolves", "Barack Obama"),  # the first of the pair that speaks
    ]


def test_a_possessors_noun_of_saying_gives_the_words_to_the_possessor() -> None:
    text = (
        "PolitiFact checked Donald Trump’s claim that there have been “thousands of shootings” "
        "in Chicago.\n\n"
        "President François Hollande denounced Donald Trump’s remarks as “hurtful” on Monday."
    )
    assert _quotes(text) == [
        ("thousands of shootings", "Donald Trump"),
        ("hurtful", "François Hollande"),
    ]


def test_lines_quoted_with_no_end_and_no_speaker_are_not_offered_as_quotations() -> None:
    text = (
        "Pence appeared on the programme on Sunday.\n\n"
        "Partial transcript as follows:\n\n"
        '"WALLACE: Let’s start with the debate. Why would he do that? 🤔\n\n'
        '"PENCE: Well, look, this is serious business for the American people.\n\n'
        '"WALLACE: Thank you, Governor."\n\n'
        "Senator Amy Klobuchar said: “It was a bad week for him.”"
    )
    result = analyze(text)
    assert [(text[q.start : q.end], q.speaker) for q in result.quotes] == [
        ("It was a bad week for him.", "Amy Klobuchar")
    ]
    # a quotation that runs on over paragraphs with its speaker named is kept whole
    run_on = (
        "Senator Amy Klobuchar said:\n\n"
        "“We have to hold them to account, every one of them.\n\n"
        "“And we will,” she added."
    )
    assert [q.speaker for q in analyze(run_on).quotes] == ["Amy Klobuchar", "Amy Klobuchar"]


def test_two_apostrophes_after_a_word_close_a_quotation() -> None:
    text = (
        "“It was an attempt to mislead voters,’’ Will Moy, chief executive of Full Fact, told "
        "the BBC. “And it is inappropriate.”"
    )
    quotes = _quotes(text)
    assert quotes[0] == ("It was an attempt to mislead voters,", "Will Moy")
    assert [speaker for _, speaker in quotes] == ["Will Moy", "Will Moy"]


def test_key_quotes_after_an_interview_are_the_interviewees() -> None:
    text = (
        "Foreign Secretary James Cleverly urged Wang Yi on Tuesday to press Russia.\n\n"
        "Cleverly spoke to Reuters in an interview on the same day that Wang met officials.\n\n"
        "KEY QUOTES\n\n"
        '"We know that President Xi has significant influence on the world stage 🌍.\n\n'
        '"We support those messages and we hope that they will be repeated in Moscow."\n\n'
        'Critics called the plan a "wish list" on Wednesday.'
    )
    quotes = analyze(text).quotes
    assert [(q.speaker, q.how) for q in quotes] == [
        ("James Cleverly", "interview"),
        ("James Cleverly", "interview"),
        ("critics", "explicit"),  # a phrase in somebody's sentence is theirs, not his
    ]
    # with two people interviewed nobody is chosen, and the run, with no speaker and no end
    # to its first paragraph, is not offered as anybody's
    two = text.replace(
        "Cleverly spoke",
        "Senator Amy Klobuchar told CNN in an interview that talks would fail.\n\nCleverly spoke",
    )
    assert [q.speaker for q in analyze(two).quotes] == ["critics"]


def test_an_apposition_in_capitals_and_a_title_in_the_attribution_leave_the_speaker() -> None:
    text = (
        "“Our strategy is to be where the consumer is 🎮,” Strauss Zelnick, CEO of Take-Two, "
        "adds.\n\n"
        "James Van Der Beek shared a clip of the ultrasound.\n\n"
        "“Hearing the heartbeat was something we never take for granted,” the “Pose” actor James Van "
        "Der Beek said on “DWTS.”"
    )
    quotes = _quotes(text)
    assert quotes[0] == ("Our strategy is to be where the consumer is 🎮,", "Strauss Zelnick")
    assert (
        "Hearing the heartbeat was something we never take for granted,",
        "James Van Der Beek",
    ) in quotes


def test_a_relative_aside_after_the_subject_is_not_the_claimant() -> None:
    text = (
        "Russia, which has been building up its forces on Ukraine’s borders for months 🪖, has "
        "demanded that Nato pull back troops and weapons from eastern Europe."
    )
    assert [who for _, who, _ in _claims(text)] == ["Russia"]


def test_naming_and_finishing_are_no_attributions() -> None:
    text = (
        "Last month, Russia and China flew bombers over the Sea of Japan, also known as the East "
        "Sea 🌊, while President Biden was away. Tokyo, concluding his first trip to Asia, said "
        "nothing.\n\n"
        "The inquiry concluded that the pilots had followed the rules."
    )
    claims = _claims(text)
    assert all(who != "Japan" for _, who, _ in claims), claims
    # "concluded that" still reports a finding
    assert any(span.startswith("the pilots had followed") for span, _, _ in claims), claims


def test_a_place_with_its_state_inside_an_aside_is_not_the_speaker() -> None:
    text = (
        "Hillary Clinton, during a town hall meeting in Columbus, Ohio, said she was “going to "
        "put a lot of coal miners out of business” ⛏️ while explaining her plan."
    )
    assert _quotes(text) == [
        ("going to put a lot of coal miners out of business", "Hillary Clinton")
    ]


def test_a_quotation_split_by_a_role_resolved_from_the_sentence_before_is_one_speakers() -> None:
    text = (
        "Marco Rubio spoke in Iowa on Sunday.\n\n"
        "“It’s a difficult issue,” said the Florida senator, “because it puts in conflict two "
        "competing rights ⚖️.”"
    )
    assert [speaker for _, speaker in _quotes(text)] == ["Marco Rubio", "Marco Rubio"]


def test_an_attribution_set_in_the_middle_of_its_content() -> None:
    text = (
        "Janet Yellen spoke in Paris 📉 on Monday.\n\n"
        "Otherwise, she said, countries may simply steal growth from one another.\n\n"
        "John Smith runs the club.\n\n"
        "Many of the closures, he said, have involved public courses.\n\n"
        "But although there was no evidence of fraud, the bank said, the Secret Service is said "
        "to be looking into the loss.\n\n"
        "Gov. John Kasich of Ohio, a Republican who has refused to endorse Mr. Trump, said the "
        "Khan family deserved better.\n\n"
        "Donald Trump promised to build a wall on the border."
    )
    claims = [(span, who) for span, who, _ in _claims(text)]
    # after an introduction, what follows the aside
    assert ("countries may simply steal growth from one another", "Janet Yellen") in claims
    # a subject before the aside: one content across it
    assert ("Many of the closures, he said, have involved public courses", "John Smith") in claims
    # a subordinate clause before it: the clause alone
    assert ("But although there was no evidence of fraud", "bank") in claims
    # a name and its apposition before "said" are its subject, not an inverted attribution
    assert ("the Khan family deserved better", "John Kasich") in claims
    # an intention after "promised to"
    assert ("to build a wall on the border", "Donald Trump") in claims


def test_he_is_not_the_last_speaker_when_she_was_a_woman() -> None:
    text = (
        "Janet Yellen spoke in Paris 📉 on Monday. “Growth is slowing,” she said.\n\n"
        "John Smith runs the club.\n\n"
        "“Many of the closures have involved public courses,” he said."
    )
    assert [speaker for _, speaker in _quotes(text)] == ["Janet Yellen", "John Smith"]


def test_a_noun_before_an_aside_is_no_verb_of_attribution() -> None:
    text = (
        "But China has largely abstained on U.N. General Assembly votes - adopted with "
        "overwhelming support among the 193-member body 🗳️ - that demanded Russia stop fighting."
    )
    spans = [span for span, _, _ in _claims(text)]
    assert not any(span.startswith("adopted with") for span in spans), spans
    assert any(span.startswith("Russia stop fighting") for span in spans), spans


def test_a_title_and_a_name_are_the_person_but_a_crowd_near_a_name_is_not() -> None:
    text = (
        "John Kirby said it was not enough 🕊️.\n\n"
        "This was echoed by US defense spokesman Mr Kirby, who urged Mr Xi to “play a "
        "constructive role” in trying to end the standoff.\n\n"
        "Several superdelegates supporting Bernie Sanders said that the race was not over."
    )
    assert _quotes(text) == [("play a constructive role", "John Kirby")]
    claims = _claims(text)
    assert ("the race was not over", "Several superdelegates supporting Bernie Sanders") in [
        (span, who) for span, who, _ in claims
    ], claims


def test_what_he_called_is_the_clauses_subject_and_a_pair_of_objects_is_no_new_clause() -> None:
    text = (
        "Jean-Marc Ayrault said the test was a threat.\n\n"
        "Secretary General Ban Ki-moon condemned what he called a “brazen breach” 💥 of the "
        "resolutions.\n\n"
        "Later, Donald Trump attacked Hillary Clinton for her support of military action in "
        "Iraq and Libya, saying, “She's trigger-happy and very unstable.”"
    )
    assert _quotes(text) == [
        ("brazen breach", "Ban Ki-moon"),
        ("She's trigger-happy and very unstable.", "Donald Trump"),
    ]


def test_any_verb_of_speech_inverted_after_a_quotation_names_its_speaker() -> None:
    text = (
        "Tom Johnston leads the band 🎸.\n\n"
        "“We're truly excited about our 50th Anniversary Tour,” comments Johnston in a "
        "statement, “as it's a celebration of the band’s entire history.”\n\n"
        "Trump went on to promote “Celebrity Apprentice,” note that he had just bought the Old "
        "Post Office."
    )
    quotes = _quotes(text)
    assert quotes[:2] == [
        ("We're truly excited about our 50th Anniversary Tour,", "Tom Johnston"),
        ("as it's a celebration of the band’s entire history.", "Tom Johnston"),
    ]
    assert all(speaker != "Old Post Office" for _, speaker in quotes), quotes


def test_a_transcripts_lines_are_claims_of_the_speaker_its_label_names() -> None:
    text = (
        "Gov. Mike Pence spoke to Chris Wallace on Sunday 📺.\n\n"
        "Partial transcript as follows:\n\n"
        '"WALLACE: Why would Trump do that, and will she be there tomorrow night?\n\n'
        '"PENCE: Well, look, this is serious business for the American people.\n\n'
        '"But the truth is that Donald Trump has a unique way of communicating.\n\n'
        '"VIDEO: Crowds cheered outside the hall."'
    )
    result = analyze(text)
    assert result.quotes == []  # a transcript is not set out as the article's quotations
    claimants = {text[c.start : c.end].strip('"')[:20]: c.claimant for c in result.claims}
    assert claimants.get("Why would Trump do t") == "Chris Wallace", claimants
    assert claimants.get("Well, look, this is ") == "Mike Pence", claimants
    assert claimants.get("But the truth is tha") == "Mike Pence", claimants  # the turn goes on
    # a label that names nobody opens a new turn, nobody's
    assert all(who is None for span, who in claimants.items() if "Crowds" in span), claimants


def test_when_or_where_something_was_said_is_not_what_was_said() -> None:
    text = (
        "“The risks are real,” US State Department spokesman Ned Price said after the phone "
        "call 📞.\n\n"
        "“There’s no need to hide anything,” Andrey Denisov said at the Russian embassy in "
        "Beijing.\n\n"
        "Ned Price said after the call that the talks had failed."
    )
    spans = [span for span, _, _ in _claims(text)]
    assert not any(span.startswith(("after the phone", "at the Russian")) for span in spans)
    assert "the talks had failed" in spans, spans


def test_what_an_act_prompted_is_no_part_of_it() -> None:
    text = (
        "Chinese President Xi Jinping declared support for Russia’s ‘sovereignty and security’ "
        "in a Wednesday phone call with Vladimir Putin 📞, prompting a swift rebuke from the "
        "United States that nations siding with him would be “on the wrong side of history”."
    )
    claims = [(span, who) for span, who, _ in _claims(text)]
    assert claims[0][1] == "Xi Jinping"
    assert claims[0][0].endswith("phone call with Vladimir Putin"), claims  # not the rebuke


def test_it_after_a_capital_that_stands_for_its_government() -> None:
    text = (
        "Russia has massed troops on the border 🪖.\n\n"
        "Beijing had not directly expressed support for Russia over Ukraine before. Previously, "
        "it called on countries to observe the traditional UN Olympic Truce resolution."
    )
    claims = [(span, who) for span, who, _ in _claims(text)]
    assert any(
        span.startswith("countries to observe") and who == "China" for span, who in claims
    ), claims


def test_titles_named_by_what_follows_or_introduces_them_are_no_quotations() -> None:
    text = (
        "The Rev. Al Sharpton took calls on his “Keepin' It Real” radio program 📻 on Sunday.\n\n"
        "Clinton said she backed the raid during a “Commander-in-Chief Forum” sponsored by NBC.\n\n"
        "On “Face the Nation,” Sen. Bernie Sanders said the race was close.\n\n"
        "Trump gave him the nickname “Lyin' Ted” at a rally.\n\n"
        "Trump called the senator a “nasty guy” on Tuesday."
    )
    assert _quotes(text) == [("nasty guy", "Donald Trump")]


def test_the_two_leaders_are_the_pair_the_article_named() -> None:
    text = (
        "The State Department noted that Putin and Xi met in Beijing in February 🤝. At the "
        "time, the two leaders had declared a partnership “without limits”."
    )
    assert _quotes(text) == [("without limits", "Putin and Xi")]
