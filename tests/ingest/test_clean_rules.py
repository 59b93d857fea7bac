"""Cleaning rules on pages written for these tests: the rules must hold beyond the five seeds."""

from __future__ import annotations

from reader.ingest import clean
from reader.ingest.clean import normalise_whitespace

PROSE = (
    "The city council voted on Tuesday to raise local taxes by 3% next year, citing a budget gap "
    "of £12m that officials said could not be closed by cuts alone."
)
PROSE2 = (
    "Opposition members said the rise would hit families already struggling with energy bills, and "
    "promised to campaign against it before the next election in May."
)


def page(*lines: str) -> str:
    return "\n\n".join(lines)


def test_cookie_share_and_newsletter_furniture_is_dropped() -> None:
    text, meta = clean(
        page(
            "Skip to content",
            "Council raises taxes to close budget gap",
            "Share on Facebook | Twitter | Email",
            "We use cookies to improve your experience. Accept all cookies",
            PROSE,
            "Sign up for our newsletter",
            PROSE2,
            "Related stories",
            "Mayor defends spending plan",
            "Schools brace for cuts",
            "© 2024 The Local Paper. All rights reserved.",
        )
    )
    assert meta.title == "Council raises taxes to close budget gap"
    assert text == page(PROSE, PROSE2)


def test_prose_that_mentions_passwords_or_cookies_is_kept() -> None:
    long_line = (
        "Investigators said the attackers reset the password of the council's payroll account and "
        "used cookies stolen from a contractor's browser to log in without being noticed for weeks."
    )
    text, _ = clean(page("Hackers breached council payroll", long_line, PROSE))
    assert long_line in text


def test_exact_and_near_repeated_paragraphs_collapse() -> None:
    restated = PROSE.replace("on Tuesday ", "on Tuesday evening ")
    text, _ = clean(page("Council raises taxes", PROSE, PROSE2, PROSE, restated))
    assert text == page(PROSE, PROSE2)


def test_short_repeated_lines_in_tables_are_kept() -> None:
    rows = ["Wheat 1986/87 1985/86", "10.5 11.2", "Corn 1986/87 1985/86", "10.5 11.2"]
    text, _ = clean(page("USDA SUPPLY TABLE ISSUED", PROSE, *rows))
    assert text.count("10.5 11.2") == 2


def test_caption_labels_take_their_caption_with_them() -> None:
    text, _ = clean(
        page(
            "Floods hit northern towns",
            PROSE,
            "image source, Getty Images",
            "image caption,",
            "Residents wade through flood water in the town centre",
            PROSE2,
            "Rescue teams at work. Photo: AFP",
        )
    )
    assert text == page(PROSE, PROSE2)


def test_trailing_furniture_is_cut_but_prose_after_a_marker_survives() -> None:
    after = (
        "Back to top is not where this story ends: the council will meet again on Friday to settle "
        "the final figures, and residents can send comments until the end of the month, officials said."
    )
    text, _ = clean(page("Council raises taxes", PROSE, "Back to top", after, "Comments", "Log in"))
    assert after in text
    assert "Log in" not in text


def test_hashtag_lines_go_but_a_single_hashtag_in_prose_stays() -> None:
    tagged = PROSE + " Campaigners used the tag #NoTaxRise online."
    text, _ = clean(page("Council raises taxes", tagged, "#council #tax #budget #localnews"))
    assert text == tagged


def test_byline_outlet_and_dates_are_found_never_invented() -> None:
    text, meta = clean(
        page(
            "Council raises taxes",
            "By Jane Roe and John Doe",
            "The Local Times",
            "Published 5 March 2024",
            PROSE,
        )
    )
    assert (meta.byline, meta.source, meta.date) == (
        "Jane Roe and John Doe",
        "The Local Times",
        "2024-03-05",
    )
    assert text == PROSE
    _, meta = clean(page("Council raises taxes", PROSE + " The vote was on March 5."))
    assert meta.date is None and meta.byline is None and meta.source is None


def test_wire_dateline_names_the_source() -> None:
    _, meta = clean(page("Oil prices climb", "LONDON (AFP) - " + PROSE))
    assert meta.source == "AFP"


def test_hard_wrapped_text_is_reflowed_into_paragraphs() -> None:
    wrapped = (
        "TAX RISE APPROVED\n\n"
        "The city council voted on Tuesday to raise local taxes by three\n"
        "percent next year, citing a budget gap that officials said could\n"
        "not be closed by cuts alone, after a long debate in the chamber\n"
        "that ran late into the evening with many residents watching.\n\n"
        "Opposition members said the rise would hit families already\n"
        "struggling with energy bills and promised to campaign against it\n"
        "before the next election, which is due to be held in early May.\n"
    )
    text, meta = clean(wrapped)
    assert meta.title == "TAX RISE APPROVED"
    assert len(text.split("\n\n")) == 2
    assert "three percent next year" in text


def test_whitespace_and_invisible_characters_are_normalised() -> None:
    assert normalise_whitespace("a\u00a0\u00a0b\u200b c\r\n\t d ") == "a b c\nd"


def test_text_without_headline_keeps_everything() -> None:
    text, meta = clean(PROSE + "\n\n" + PROSE2)
    assert meta.title is None
    assert text == page(PROSE, PROSE2)


def test_emoji_and_curly_quotes_survive_untouched() -> None:
    line = "“We’re thrilled 🎉,” said Ana Lima, who has run the café since 1998 and plans to stay."
    text, _ = clean(page("Café turns 25 🎂", line))
    assert text == line


def test_a_table_without_prose_is_kept_not_refused() -> None:
    # a wire earnings brief: nothing but figures, which is still the article
    text, meta = clean(
        "ACME CORP 2ND QTR LOSS\n\nMINNEAPOLIS, March 12 - Shr loss two cts vs loss five cts\n\n"
        "Net loss 17,334 vs loss 51,507\n\nSales 245,560 vs 179,839\n\nShare this article\n"
    )
    assert meta.title == "ACME CORP 2ND QTR LOSS"
    assert text == (
        "MINNEAPOLIS, March 12 - Shr loss two cts vs loss five cts\n\n"
        "Net loss 17,334 vs loss 51,507\n\nSales 245,560 vs 179,839"
    )
    assert clean("Sign in\n\nSubscribe to our newsletter\n\nShare this article\n")[0] == ""


def test_another_storys_headline_between_paragraphs_is_left_out() -> None:
    text, _ = clean(
        page(
            "Council raises taxes",
            PROSE,
            "Beijing chafing at Moscow’s demands for support, Chinese officials say",
            PROSE2,
            "‘New shocks’: US hasn’t followed direction leaders discussed, China tells Blinken",
            "The vote passed 12 to 9 after a long debate about libraries and parks 📚.",
            "What the council said",
            PROSE + " It met again on Friday.",
        )
    )
    assert "chafing" not in text and "New shocks" not in text
    assert PROSE in text and PROSE2 in text
    assert "What the council said" in text  # a subheading is the article's
