"""Comment text as HTML: plain text with clickable links and kept line breaks."""

import re

from django.utils.html import escape, linebreaks, urlize
from django.utils.safestring import SafeString, mark_safe
from idebanken.text import strip_bidi_controls

# Anything urlize() could turn into a link: a scheme, "www.", an e-mail
# address, or a bare domain ending in one of the top-level domains that
# urlize links without a scheme (Django 5.2: com, edu, gov, int, mil, net, org).
LINK_HINT = re.compile(r"://|www\.|@|\.(com|edu|gov|int|mil|net|org)\b", re.IGNORECASE)


def render_comment_text(text: str) -> SafeString:
    """Return a comment's plain text as HTML: escaped, links and line breaks kept.

    Bidirectional control characters are dropped, because they could make
    the comment read differently from what it contains.
    """
    text = strip_bidi_controls(text)
    if LINK_HINT.search(text):
        html = urlize(text, nofollow=True, autoescape=True)
    else:
        # urlize escapes every word it does not link, so without anything
        # that looks like a link its result equals escape(), which is far
        # faster on a long thread.
        html = escape(text)
    if "\n" not in html and "\r" not in html:
        # What linebreaks() returns for a single line, without its regexes.
        return mark_safe(f"<p>{html}</p>")  # noqa: S308 - escaped above
    return mark_safe(linebreaks(html, autoescape=False))  # noqa: S308 - escaped above
