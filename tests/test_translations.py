"""The Swedish catalogue is complete and its compiled form is current."""

import ast
import re
from pathlib import Path

from django.conf import settings
from django.utils import translation

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "sv" / "LC_MESSAGES" / "django.po"
ENTRY = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d\])?) (".*")$')


def read_catalogue() -> list[dict[str, str]]:
    entries, current, key = [], {}, None
    for line in CATALOGUE.read_text(encoding="utf-8").splitlines() + [""]:
        match = ENTRY.match(line)
        if match:
            key = match.group(1)
            current[key] = ast.literal_eval(match.group(2))
        elif line.startswith('"') and key:
            current[key] += ast.literal_eval(line)
        elif not line.strip() and current:
            entries.append(current)
            current, key = {}, None
    return [entry for entry in entries if entry.get("msgid")]


class TestSwedishCatalogue:
    def test_every_message_translated(self):
        untranslated = [
            entry["msgid"]
            for entry in read_catalogue()
            if not all(
                value for name, value in entry.items() if name.startswith("msgstr")
            )
        ]
        assert untranslated == []

    def test_compiled_catalogue_matches_source(self):
        stale = []
        with translation.override("sv"):
            for entry in read_catalogue():
                if "msgid_plural" in entry:
                    shown = translation.ngettext(
                        entry["msgid"], entry["msgid_plural"], 1
                    )
                    expected = entry["msgstr[0]"]
                elif "msgctxt" in entry:
                    shown = translation.pgettext(entry["msgctxt"], entry["msgid"])
                    expected = entry["msgstr"]
                else:
                    shown = translation.gettext(entry["msgid"])
                    expected = entry["msgstr"]
                if shown != expected:
                    stale.append(entry["msgid"])
        assert stale == []
