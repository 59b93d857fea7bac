"""The five bundled articles: their furniture goes, every sentence of the article stays."""

from __future__ import annotations

import pytest

from reader.ingest import clean
from tests.conftest import seed


def _clean(prefix: str) -> tuple[str, object]:
    return clean(seed(prefix))


def test_reuters_take_format() -> None:
    text, meta = clean(seed("000"))
    assert (
        meta.title
        == "UN General Assembly: Britain urges China to push Russia to withdraw from Ukraine"
    )
    assert meta.source == "Reuters"
    assert meta.byline is None and meta.date is None  # the text gives neither: nothing invented
    # the triple title and the "World" section label are gone
    assert meta.title not in text
    assert not text.startswith("World")
    assert text.startswith("UNITED NATIONS (Reuters) - Britain's Foreign Secretary James Cleverly")
    for kept in (
        "THE TAKE",
        "KEY QUOTES",
        'China and Russia announced a "no limits" partnership',
        '"We support those messages and we hope that those messages will be repeated when '
        'Foreign Minister Wang Yi visits Moscow."',
    ):
        assert kept in text


def test_washington_post_capture_loses_its_account_widgets() -> None:
    text, meta = clean(seed("001"))
    assert meta.title == (
        "Chinese President Xi backs Russian ‘sovereignty’ in call with Putin amid war in Ukraine"
    )
    for gone in (
        "Placeholder while loading article actions",
        "#Chinese #President",
        "Post expires",
        "Back to Top",
        "Log In",
        "Forgot password?",
        "reset your password",
        "Privacy Policy",
        "social login",
        "Add to Collection",
        "No Collections",
        "Drag and drop",
        "Add to cart",
        "compare bar",
    ):
        assert gone not in text, gone
    for kept in (
        "Chinese President Xi Jinping declared support for Russia’s ‘sovereignty and security’",
        "“Nations that side with Vladimir Putin will inevitably find themselves on the wrong side "
        "of history.”",
        "We are watching China’s activity closely.",
        "Cate Cadell and Ellen Nakashima contributed to this report",
    ):
        assert kept in text, kept


def test_repeated_paragraphs_collapse_and_new_sentences_stay() -> None:
    text, meta = clean(seed("002"))
    assert meta.title == "Wang Yi-Putin Meeting Strengthens China-Russia Ties"
    assert meta.date == "2023-10-28"  # from the page's date line, which leaves the body
    assert "Saturday, October 28, 2023" not in text
    assert "Date:" not in text
    assert "Latest stories" not in text
    assert text.count("The relationship between Russia and China has been on full display") == 1
    assert text.count("Lavrov said that ties between the two countries") == 1
    # the last paragraph restates earlier ones but adds a sentence: it is kept whole
    assert "Some analysts say while China has emphasised its close ties with Moscow" in text
    assert "“no other option”" in text
    assert "He said that ties between China and Russia had reached “new frontiers”" in text


def test_scmp_capture_promos_caption_and_video_teaser() -> None:
    text, meta = clean(seed("003"))
    assert meta.title == "China urges US to respect Russia’s concerns in stand-off over Ukraine"
    for gone in (
        "Advertisement",
        "Get more with myNEWS",
        "personalised news feed",
        "Learn more",
        "China-Russia relations\n",
        "Photo: Reuters",
        "02:30",
    ):
        assert gone not in text, gone
    assert not text.rstrip().endswith("61")
    assert text.count("US predicts Russia will ‘move in’ on Ukraine") <= 1
    for kept in (
        "• The comments by Foreign Minister Wang Yi to Secretary of State Antony Blinken",
        "Chinese Foreign Minister Wang Yi has called on the US to respect Russia’s security concerns",
        "“Our Chinese friends are paying close attention to the talks,” Andrey Denisov",
        "Additional reporting by Reuters",
    ):
        assert kept in text, kept


def test_bbc_byline_block_captions_and_comment_form() -> None:
    text, meta = clean(seed("004"))
    assert meta.title == "US urges Xi to press Putin over ‘war crimes’ in Ukraine"
    assert meta.byline == "Marita Moloney"
    assert meta.source == "BBC News"
    for gone in (
        "By Marita Moloney",
        "video title,",
        "WATCH: Putin and Xi’s ‘dear friendship’",
        "image caption,",
        "Russian matryoshka dolls with portraits",
        "See also",
        "Leave a Reply",
        "Your email address will not be published",
    ):
        assert gone not in text, gone
    assert text.startswith(
        "The US has urged Chinese President Xi Jinping to pressure Vladimir Putin"
    )
    for kept in (
        "“We are always ready for the negotiation process,” Mr Putin said",
        "In another development, Japanese Prime Minister Fumio Kishida has made a surprise visit",
        "But they have been unable to forge a global consensus, with China, India and many African "
        "countries reluctant to condemn Mr Putin.",
    ):
        assert kept in text, kept


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_cleaned_text_is_normalised(prefix: str) -> None:
    text, _ = clean(seed(prefix))
    assert text == text.strip()
    assert "\n\n\n" not in text
    assert "  " not in text
    assert all(line == line.strip() for line in text.split("\n"))
