"""The calendar of UTC as the project's partitions see it.

The irregular partitions (tests/calendar_keys.py) are exactly those the zone's offsets imply:
none without daylight saving, so the pipeline's tests never pass over them empty.
"""

from datetime import UTC, timedelta

from calendar_keys import FIRST_DAY, IRREGULAR, ZONE


def offsets_change_in_the_first_year() -> bool:
    """Whether the zone's UTC offset changes at all in the first year (from the tz database)."""
    start = FIRST_DAY.astimezone(UTC)
    days = (start + timedelta(days=day) for day in range(367))
    return len({day.astimezone(ZONE).utcoffset() for day in days}) > 1


def test_the_calendar_has_the_irregular_partitions_the_zone_implies() -> None:
    assert bool(IRREGULAR) == offsets_change_in_the_first_year()
