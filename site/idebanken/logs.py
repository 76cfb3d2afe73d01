"""Log formatting that keeps each record on one line."""

import logging

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
