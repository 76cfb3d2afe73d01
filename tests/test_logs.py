"""Log records stay on one line whatever text they include."""

import io
import logging
import logging.config
import sys

import pytest
from django.core.exceptions import PermissionDenied
from django.utils.log import DEFAULT_LOGGING
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


@pytest.fixture
def site_logging(settings):
    """Configure logging as a development server does, writing to a buffer."""
    names = ["", "django", "django.request", "django.server"]
    saved = {}
    for name in names:
        logger = logging.getLogger(name)
        saved[name] = (logger.handlers[:], logger.propagate, logger.level)
    settings.DEBUG = True
    logging.config.dictConfig(DEFAULT_LOGGING)
    logging.config.dictConfig(base.LOGGING)
    output = io.StringIO()
    for name in names:
        for handler in logging.getLogger(name).handlers:
            if isinstance(handler, logging.StreamHandler):
                handler.setStream(output)
    yield output
    for name, (handlers, propagate, level) in saved.items():
        logger = logging.getLogger(name)
        logger.handlers = handlers
        logger.propagate = propagate
        logger.level = level


def raised(error: Exception):
    try:
        raise error
    except Exception:  # noqa: BLE001 - any error, raised only to get its traceback
        return sys.exc_info()


class TestRequestErrorLogging:
    # Django's exception handler logs a 403 and a 500 this way
    # (django/core/handlers/exception.py, response_for_exception).
    def test_permission_denied_one_line(self, site_logging):
        logging.getLogger("django.request").warning(
            "Forbidden (Permission denied): %s",
            "/ideer/x/redigera/",
            exc_info=raised(PermissionDenied("not the giver")),
        )

        output = site_logging.getvalue()

        assert output.count("\n") == 1
        assert "WARNING django.request Forbidden (Permission denied)" in output
        assert "Traceback" not in output

    def test_server_error_keeps_traceback(self, site_logging):
        logging.getLogger("django.request").error(
            "Internal Server Error: %s",
            "/ideer/",
            exc_info=raised(ValueError("broken")),
        )

        output = site_logging.getvalue()

        assert output.count("Traceback") == 1
        assert "ValueError: broken" in output
