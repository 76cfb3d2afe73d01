"""Clean-up of text that people type."""

# Unicode's bidirectional embedding, override and isolate controls. A right-
# to-left override reverses the text after it, so a title or comment could
# show something other than what it contains.
BIDI_CONTROLS = dict.fromkeys(
    map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)


def strip_bidi_controls(text: str) -> str:
    return text.translate(BIDI_CONTROLS)
