"""Log formatting that keeps each record on one line."""

import logging

from django.core.exceptions import PermissionDenied

# The characters that str.splitlines() treats as line breaks: CR, LF, VT,
# FF, the file, group and record separators, NEL and the Unicode line and
# paragraph separators.
LINE_BREAKS = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# Each is written as its Python escape: "\\n", "\\x85", "\\u2028".
ESCAPED_LINE_BREAKS = {ord(char): repr(char)[1:-1] for char in LINE_BREAKS}


class SingleLineFormatter(logging.Formatter):
    """A formatter that escapes line breaks in each record's message.

    Text that a user typed then cannot forge a record of its own. NOTE: a
    traceback that format() appends keeps its lines, and with them any line
    break in the exception's message.
    """

    def formatMessage(self, record):
        return super().formatMessage(record).translate(ESCAPED_LINE_BREAKS)


class ExpectedErrorFilter(logging.Filter):
    """Drop the traceback from the record of an expected PermissionDenied.

    Django logs every 403 from a raised PermissionDenied at WARNING with the
    exception attached. The path and status are enough to trace a refusal,
    so the record stays one line. Other exceptions, such as a 500's, keep
    their traceback.
    """

    def filter(self, record):
        if record.exc_info and isinstance(record.exc_info[1], PermissionDenied):
            record.exc_info = None
            record.exc_text = None
        return True
