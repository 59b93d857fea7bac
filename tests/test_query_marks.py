"""actor: searches mark the actor's mentions in the open article."""

from reader.model import ActorMention, Layers
from reader.query_marks import actor_marks, actor_names


def test_actor_names_of_a_query() -> None:
    assert actor_names('actor:"Wang Yi" sovereignty') == [["wang", "yi"]]
    assert actor_names("actor:Putin OR actor:Lavrov") == [["putin"], ["lavrov"]]
    assert actor_names("NOT actor:Putin") == [] and actor_names("-actor:Putin") == []
    assert actor_names('"actor:Putin"') == []  # words in a phrase, not a field
    assert actor_names("speaker:Putin") == []


def test_marks_are_the_mentions_whatever_words_they_use() -> None:
    layers = Layers(
        actors=(
            ActorMention(0, 7, "Wang Yi", "person"),
            ActorMention(40, 48, "Wang Yi", "person", alias="Mr Wang"),
            ActorMention(60, 66, "Vladimir Putin", "person", alias="Putin"),
            ActorMention(70, 75, "Wang Jing", "person"),
        )
    )
    assert actor_marks('actor:"Wang Yi"', layers) == [(0, 7), (40, 48)]
    assert actor_marks("actor:wang", layers) == [(0, 7), (40, 48), (70, 75)]
    assert actor_marks("actor:putin ukraine", layers) == [(60, 66)]
    assert actor_marks("ukraine", layers) == []
