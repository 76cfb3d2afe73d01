"""Clean-up of text that people type."""

import unicodedata

# Unicode's bidirectional embedding, override and isolate controls. A right-
# to-left override reverses the text after it, so a title or comment could
# show something other than what it contains.
BIDI_CONTROLS = dict.fromkeys(
    map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)


def strip_bidi_controls(text: str) -> str:
    return text.translate(BIDI_CONTROLS)


def has_visible_text(text: str) -> bool:
    """Return whether `text` has a character other than spaces and format marks.

    Format marks (Unicode category Cf), such as the zero-width space, show
    nothing, so a text made only of them is as good as empty.
    """
    return any(
        not char.isspace() and unicodedata.category(char) != "Cf" for char in text
    )
