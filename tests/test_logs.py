"""Log records stay on one line whatever text they include."""

import logging
import logging.config
import sys

from idebanken.logs import SingleLineFormatter
from idebanken.settings import base

FORGED = "1\r\n2026-01-01 12:00:00 CRITICAL idebanken admin signed in"


def formatted(message, *args, exc_info=None) -> str:
    record = logging.LogRecord(
        "participation", logging.WARNING, __file__, 1, message, args, exc_info
    )
    return SingleLineFormatter("%(message)s").format(record)


class TestSingleLineFormatter:
    def test_line_breaks_escaped(self):
        line = formatted("comment post rejected reason=%s", FORGED)

        assert "\n" not in line
        assert "\r" not in line
        assert "reason=1\\r\\n2026-01-01 12:00:00 CRITICAL" in line

    def test_unicode_line_separators_escaped(self):
        line = formatted("title=%s", "a\u2028b\x85c\x0bd")

        assert line.splitlines() == [line]
        assert line == "title=a\\u2028b\\x85c\\x0bd"

    def test_traceback_keeps_lines(self):
        try:
            raise ValueError("broken")
        except ValueError:
            exc_info = sys.exc_info()

        text = formatted("failed", exc_info=exc_info)

        assert text.startswith("failed\nTraceback")

    def test_site_formatter_writes_one_line(self):
        # configure_formatter() pops keys, so it gets a copy of the settings.
        configurator = logging.config.DictConfigurator(base.LOGGING)
        formatter = configurator.configure_formatter(
            dict(base.LOGGING["formatters"]["plain"])
        )
        record = logging.LogRecord(
            "participation", logging.WARNING, __file__, 1, "reason=%s", (FORGED,), None
        )

        line = formatter.format(record)

        assert isinstance(formatter, SingleLineFormatter)
        assert "\n" not in line
        assert line.endswith(
            "WARNING participation reason=1\\r\\n2026-01-01 12:00:00 "
            "CRITICAL idebanken admin signed in"
        )
