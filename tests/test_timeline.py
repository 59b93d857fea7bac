"""Counts over time: per month within three years, per year beyond; gaps kept, undated apart."""

from reader.timeline import timeline


def test_months_with_gaps_and_undated() -> None:
    t = timeline([("2023-02-20", 1), ("2023-02-01", 1), ("2023-05-03", 1), (None, 1), ("", 1)])
    assert t.unit == "month" and t.undated == 2 and t.dated == 3
    assert t.periods == (("2023-02", 2), ("2023-03", 0), ("2023-04", 0), ("2023-05", 1))


def test_years_when_the_span_is_long_and_mentions_weigh() -> None:
    t = timeline([("2019-12-31", 4), ("2021-06-01", 1), ("2022", 2)], what="mentions")
    assert t.unit == "year" and t.what == "mentions"
    assert t.periods == (("2019", 4), ("2020", 0), ("2021", 1), ("2022", 2))


def test_across_a_new_year_and_nothing_dated() -> None:
    t = timeline([("2022-12-30", 1), ("2023-01-02", 1)])
    assert t.periods == (("2022-12", 1), ("2023-01", 1))
    empty = timeline([(None, 1)])
    assert empty.periods == () and empty.undated == 1
