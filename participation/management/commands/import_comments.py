import logging
import re
from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ideapages.models import IdeaIndexPage
from participation.importing import CATEGORY_NAME, MadridImporter, read_rows

logger = logging.getLogger(__name__)

PROPOSALS_FILE = "proposals.csv"
COMMENTS_FILE = "comments.csv"


class Command(BaseCommand):
    help = (
        "Import Decide Madrid proposals as ideas, with their comment threads, "
        "from a folder with proposals.csv and comments.csv. Rows already "
        "imported are skipped; malformed rows are reported and skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path", type=Path, help="The folder with proposals.csv and comments.csv."
        )

    def handle(self, *args, path: Path, **options):
        proposals = self.read(path / PROPOSALS_FILE)
        comments = self.read(path / COMMENTS_FILE)
        index_page = IdeaIndexPage.objects.first()
        if index_page is None:
            raise CommandError(
                "There is no idea list page to import into: run migrate."
            )

        report = MadridImporter(index_page).run(proposals, comments)
        for what, reason in report.rejected:
            self.stderr.write(f"rejected {what}: {reason}")
        reasons = Counter(
            re.sub(r"\d+", "N", reason) for _what, reason in report.rejected
        )
        logger.info(
            "comment import finished ideas=%s comments=%s rejected=%s",
            report.ideas_imported,
            report.comments_imported,
            len(report.rejected),
        )
        self.stdout.write(
            f"ideas: imported {report.ideas_imported}, unchanged "
            f"{report.ideas_unchanged} (category {CATEGORY_NAME!r})\n"
            f"comments: imported {report.comments_imported} (of which "
            f"{report.comments_removed} empty, kept as removed), unchanged "
            f"{report.comments_unchanged}, rejected {len(report.rejected)}\n"
            f"placeholders for parents missing from the data: "
            f"{report.placeholders_created}\n"
            f"pseudonymous accounts created: {report.users_created}"
        )
        for reason, count in reasons.most_common():
            self.stdout.write(f"  rejected {count}: {reason}")

    def read(self, path: Path) -> list[dict]:
        try:
            return read_rows(path)
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from error
        except (UnicodeDecodeError, ValueError) as error:
            raise CommandError(f"{path} is not valid UTF-8 CSV: {error}.") from error
