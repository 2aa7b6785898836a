"""The schedule as readers read it, in French and English, and its next slots in Paris time."""

from datetime import datetime, time

import pytest
from django.utils import translation

from manchette.newsletters.schedule import label, next_slot
from tests.conftest import PARIS


@pytest.mark.parametrize(
    ("days", "at", "french", "english"),
    [
        ("1", time(11), "Tous les mardis à 11h", "Every Tuesday at 11:00"),
        ("01234", time(7), "Du lundi au vendredi à 7h", "Monday to Friday at 7:00"),
        ("0123456", time(6, 30), "Tous les jours à 6h30", "Every day at 6:30"),
        (
            "024",
            time(18, 5),
            "Les lundis, mercredis et vendredis à 18h05",
            "Mondays, Wednesdays and Fridays at 18:05",
        ),
        ("56", time(9), "Les samedis et dimanches à 9h", "Saturdays and Sundays at 9:00"),
    ],
)
def test_labels(days: str, at: time, french: str, english: str) -> None:
    with translation.override("fr"):
        assert label(days, at) == french
    with translation.override("en"):
        assert label(days, at) == english


def test_next_slot_is_later_the_same_day_or_on_the_next_scheduled_day() -> None:
    tuesday_morning = datetime(2027, 1, 12, 9, 0, tzinfo=PARIS)
    assert next_slot("1", time(11), tuesday_morning) == datetime(2027, 1, 12, 11, 0, tzinfo=PARIS)
    at_eleven = datetime(2027, 1, 12, 11, 0, tzinfo=PARIS)
    assert next_slot("1", time(11), at_eleven) == datetime(2027, 1, 19, 11, 0, tzinfo=PARIS)
    friday_evening = datetime(2027, 1, 15, 20, 0, tzinfo=PARIS)
    assert next_slot("01234", time(7), friday_evening) == datetime(2027, 1, 18, 7, 0, tzinfo=PARIS)
    assert next_slot("", time(7), friday_evening) is None


def test_seven_o_clock_stays_seven_o_clock_across_the_change_to_summer_time() -> None:
    # 28 March 2027: clocks go forward in Paris; the Monday slot is 7h local, 5h UTC.
    saturday = datetime(2027, 3, 27, 12, 0, tzinfo=PARIS)
    slot = next_slot("0", time(7), saturday)
    assert slot is not None
    assert (slot.astimezone(PARIS).hour, slot.utcoffset().total_seconds()) == (7, 7200)
