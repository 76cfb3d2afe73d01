"""Dates and completion read from an imported proposal's decision text.

The Göteborg e-proposals carry the committee's decision as free Swedish text.
It often names the meeting date, as "2019-12-12" or "den 31 maj 2018", and
sometimes declares the assignment fulfilled ("fullgjort") or the proposal
answered ("besvarat"). Derived histories use both, so that a reconstructed
step is never dated before the decision it quotes, and an idea whose work
is reported done is not shown as still to be planned.
"""

import re
from datetime import date, datetime, time

from django.utils import timezone

SWEDISH_MONTHS = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
]
ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
SWEDISH_DATE = re.compile(
    r"\b(\d{1,2})\s+(" + "|".join(SWEDISH_MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE
)
# "förklarar uppdraget fullgjort" (declares the assignment fulfilled) and
# "anser förslaget besvarat" (considers the proposal answered) close a matter.
DONE_WORDS = re.compile(r"\b(fullgjor[dt]|besvara[dt])\b", re.IGNORECASE)

# A date without a time of day is placed at noon, so that the local date
# stays the same in any time zone an administrator may set.
NOON = time(12)


def dates_in(text: str) -> list[date]:
    """Return the valid calendar dates written in `text`, in order of appearance.

    Dates without a year ("den 28 maj") are left out, because the year
    cannot be told from the text.
    """
    found = []
    for match in ISO_DATE.finditer(text):
        found.append((match.start(), match.group(1), match.group(2), match.group(3)))
    for match in SWEDISH_DATE.finditer(text):
        month = SWEDISH_MONTHS.index(match.group(2).lower()) + 1
        found.append((match.start(), match.group(3), month, match.group(1)))
    dates = []
    for _position, year, month, day in sorted(found):
        try:
            dates.append(date(int(year), int(month), int(day)))
        except ValueError:
            continue
    return dates


def decided_on(text: str, submitted_at: datetime) -> datetime | None:
    """Return when the decision in `text` was taken, or None if it names no date.

    That is the latest date in the text after the submission day and not
    in the future, at noon local time. Earlier dates refer to older
    decisions that the text quotes.
    """
    submitted = timezone.localtime(submitted_at).date()
    today = timezone.localdate()
    candidates = [day for day in dates_in(text) if submitted < day <= today]
    if not candidates:
        return None
    return timezone.make_aware(datetime.combine(max(candidates), NOON))


def reports_done(text: str) -> bool:
    """Return whether `text` declares the work fulfilled or the proposal answered."""
    return bool(DONE_WORDS.search(text))
