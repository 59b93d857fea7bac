"""The block classifier for text captures, on pages written for these tests in the shape of a
browser's "save as text": menus as runs of list items, furniture and all."""

from __future__ import annotations

import textwrap

from reader.ingest import clean, load
from reader.ingest import patterns as pat
from reader.ingest.classify import FURNITURE, HEADING, PROSE, BlockIn, classify
from reader.ingest.clean import explain
from reader.ingest.stopwords import page_stoplist, stoplist

P1 = (
    "The city council voted on Tuesday to raise local taxes by 3% next year, citing a budget gap "
    "of £12m that officials said could not be closed by cuts alone."
)
P2 = (
    "Opposition members said the rise would hit families already struggling with energy bills, and "
    "promised to campaign against it before the next election in May."
)
P3 = (
    "The council leader, Maria Okafor, said the decision had been the hardest of her career and "
    "that every other option, from selling buildings to closing libraries, had been examined."
)
P4 = (
    "A public meeting on the plans will be held at the town hall on 14 March, and residents can "
    "send their views to the council until the end of the month, a spokesman said."
)
MENU = "\n".join(
    ["The Local Paper", "* Home", "* News", "+ Local", "+ Politics", "* Sport", "* Opinion"]
)
COOKIES = (
    "We use cookies to give you the best experience on our website. By continuing you agree to "
    "our cookie policy and privacy notice.\nAccept all cookies"
)
MOST_READ = "\n".join(
    [
        "Most read",
        "* Mayor Defends Spending Plan In Heated Session",
        "* Schools Brace For Deep Cuts After Budget Vote",
        "* Ten Things To Do In Town This Weekend",
    ]
)
COMMENTS = "\n\n".join(
    [
        "12 comments",
        "jsmith says:",
        "March 5, 2024 at 9:14 am",
        "This is an outrage and the council should be ashamed of itself for wasting our money.",
        "localmum says:",
        "March 5, 2024 at 10:02 am",
        "I for one think they had no choice, given what the government has done to their funding.",
    ]
)
FOOTER = "\n".join(
    [
        "* About us",
        "* Contact",
        "* Advertise",
        "* Privacy policy",
        "© 2024 The Local Paper Ltd. All rights reserved.",
    ]
)


def page(*parts: str) -> str:
    return "\n\n".join(parts)


def test_a_full_capture_keeps_the_article_and_nothing_else() -> None:
    capture = page(
        MENU,
        COOKIES,
        "Council raises taxes to close budget gap",
        "By Jane Roe",
        "5 March 2024",
        P1,
        P2,
        MOST_READ,
        P3,
        P4,
        "Share this article",
        COMMENTS,
        FOOTER,
    )
    text, meta = clean(capture)
    assert meta.title == "Council raises taxes to close budget gap"
    assert meta.byline == "Jane Roe"
    assert meta.date == "2024-03-05"
    assert text == page(P1, P2, P3, P4)


def test_the_most_read_list_between_paragraphs_goes_and_the_paragraphs_stay() -> None:
    text, _ = clean(page(MENU, "Council raises taxes", P1, P2, MOST_READ, P3, P4, FOOTER))
    assert "Mayor Defends Spending Plan" not in text
    assert "Most read" not in text
    for para in (P1, P2, P3, P4):
        assert para in text


def test_comments_read_like_prose_but_are_not_the_article() -> None:
    text, _ = clean(page(MENU, "Council raises taxes", P1, P2, P3, COMMENTS, FOOTER))
    assert text == page(P1, P2, P3)
    assert "outrage" not in text and "no choice" not in text


def test_teasers_of_other_stories_after_the_article_go() -> None:
    teasers = page(
        "Related stories",
        "Mayor defends spending plan",
        "The mayor has defended the council's spending plans after a heated session in which "
        "opposition members accused him of wasting money on consultants...",
        "Schools brace for cuts",
        "Head teachers say they will have to cut staff if the council goes ahead with plans to "
        "reduce the schools budget by a tenth next year, a move the council…",
    )
    text, _ = clean(page(MENU, "Council raises taxes", P1, P2, P3, teasers, FOOTER))
    assert text == page(P1, P2, P3)


def test_emoji_and_curly_quotes_in_the_prose_survive_untouched() -> None:
    quote = (
        "“We’re thrilled 🎉,” said Ana Lima, who has run the café since 1998 and plans to stay "
        "for at least another decade — ‘if the rent allows it’, she added with a laugh."
    )
    text, _ = clean(page(MENU, COOKIES, "Café turns 25 🎂", quote, P2, FOOTER))
    assert text == page(quote, P2)


def test_a_short_article_of_two_paragraphs_is_not_dropped() -> None:
    short_1 = "The bridge on Mill Road will close for repairs from Monday, the council said."
    short_2 = "Diversions will be signposted and the work should take two weeks."
    text, meta = clean(page(MENU, COOKIES, "Mill Road bridge to close", short_1, short_2, FOOTER))
    assert meta.title == "Mill Road bridge to close"
    assert text == page(short_1, short_2)


def test_a_page_that_is_all_furniture_keeps_its_text_not_its_chrome() -> None:
    # No prose at all (an index page of headlines): nothing is decided, the headlines stay and
    # what is certainly furniture (cookie notices, copyright) goes; it is never refused.
    headlines = "\n\n".join(
        [
            "Mayor Defends Spending Plan In Heated Session",
            "Schools Brace For Deep Cuts After Budget Vote",
            "Ten Things To Do In Town This Weekend",
        ]
    )
    doc = load(page(MENU, COOKIES, headlines, FOOTER).encode(), "text")
    assert "Schools Brace For Deep Cuts After Budget Vote" in doc.text
    assert "Ten Things To Do In Town This Weekend" in doc.text
    assert "cookies" not in doc.text
    assert "All rights reserved" not in doc.text


def test_a_clean_text_with_a_list_is_left_alone() -> None:
    # No sign of a web page (no menus, notices, share bars): its list is the article's.
    items = "\n".join(
        ["- Spend three years on probation", "- Pay a $1,000 fine", "- Have random drug tests"]
    )
    ranking = page("1 Roger Federer (Switzerland)", "2 Andy Roddick (US)", "3 Lleyton Hewitt")
    text, _ = clean(page("Singer spared jail", P1, items, P2, ranking))
    assert text == page(P1, *items.split("\n"), P2, ranking)


def test_a_table_under_the_article_stays_on_a_web_page_too() -> None:
    rows = ["Palm Bay 70, Rockledge 44", "Melbourne 61, Titusville 58", "Viera 55, Cocoa 49"]
    text, _ = clean(page(MENU, COOKIES, "Tuesday's high school results", P1, *rows, FOOTER))
    assert text == page(P1, *rows)


def test_text_already_extracted_from_html_only_gets_the_rules() -> None:
    # The classifier is for captures; trafilatura has already taken the article out of HTML.
    headlines = page(
        "Mayor Defends Spending Plan In Heated Session", "Schools Brace For Deep Cuts Now"
    )
    text, _ = clean(page(MENU, "Council raises taxes", P1, headlines), capture=False)
    assert "Mayor Defends Spending Plan In Heated Session" in text
    text, _ = clean(page(MENU, "Council raises taxes", P1, headlines), capture=True)
    assert "Mayor Defends Spending Plan In Heated Session" not in text


def test_the_article_is_the_densest_run_of_prose_not_the_longest_footer_line() -> None:
    legal = (
        "The information on this website is provided for general purposes only; the publisher "
        "accepts no liability for its use. All trademarks belong to their owners. Copyright "
        "notice: this site and its content are protected, all rights reserved."
    )
    menu = ["* Home", "* News", "* Sport", "* Opinion", "* Weather", "* Jobs"]
    blocks = [
        *(BlockIn(item, gap_before=n == 0, gap_after=n == 5) for n, item in enumerate(menu)),
        BlockIn("Council raises taxes"),
        BlockIn(P1),
        BlockIn(P2),
        BlockIn(P3),
        BlockIn("Share this article", furniture=True),
        BlockIn(legal),
    ]
    verdicts = classify(blocks)
    assert verdicts is not None
    assert [v.keep for v in verdicts] == [False] * 7 + [True] * 3 + [False] * 2
    assert verdicts[7].kind == PROSE
    assert verdicts[0].kind == FURNITURE
    assert verdicts[6].kind == HEADING


def test_nothing_to_decide_in_a_clean_text() -> None:
    blocks = [BlockIn("Council raises taxes"), BlockIn(P1), BlockIn("Sign in", furniture=True)]
    assert classify(blocks) is None


def test_the_page_language_picks_the_stop_words() -> None:
    german = (
        "Die Stadt hat am Dienstag beschlossen, die Steuern im nächsten Jahr zu erhöhen, weil "
        "die Lücke im Haushalt nicht durch Kürzungen allein geschlossen werden kann."
    )
    assert page_stoplist(pat.words(german)) == stoplist("German")
    assert page_stoplist(pat.words(P1)) == stoplist("English")
    assert page_stoplist([]) is None


def test_every_removed_block_says_why() -> None:
    capture = page(MENU, COOKIES, "Council raises taxes", "By Jane Roe", P1, P2, COMMENTS, FOOTER)
    decisions = explain(capture)
    text, _ = clean(capture)
    assert "\n\n".join(d.text for d in decisions if d.kept) == text == page(P1, P2)
    why = {d.text: d.why for d in decisions if not d.kept}
    assert why["Council raises taxes"] == "headline"
    assert why["By Jane Roe"] == "byline"
    assert why["* Sport"] == "list of links"
    assert why["Accept all cookies"] == "page furniture"
    assert why["jsmith says:"] == "comment header"
    assert all(d.why == "" for d in decisions if d.kept)
    assert all(d.why for d in decisions if not d.kept)


def test_a_capture_wrapped_by_a_text_browser_is_put_back_together() -> None:
    capture = page(MENU, COOKIES, "Council raises taxes", P1, P2, MOST_READ, P3, P4, FOOTER)
    wrapped = "\n".join(
        "\n".join(textwrap.wrap(line, 72)) if line else "" for line in capture.split("\n")
    )
    assert max(len(line) for line in wrapped.split("\n")) <= 72
    text, meta = clean(wrapped)
    assert meta.title == "Council raises taxes"
    assert text == page(P1, P2, P3, P4)
