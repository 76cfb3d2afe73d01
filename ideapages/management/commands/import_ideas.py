import json
import logging
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ideapages.importing import IdeaImporter
from ideapages.models import IdeaIndexPage

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Import e-proposals from a JSON file exported from Göteborg's proposal "
        "service. Records already imported are skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The JSON file: a list of records.")

    def handle(self, *args, path: Path, **options):
        records = self.read_records(path)
        index_page = IdeaIndexPage.objects.first()
        if index_page is None:
            raise CommandError(
                "There is no idea list page to import into: run migrate."
            )

        report = IdeaImporter(index_page).run(records)
        for record_id, reason in report.rejected:
            self.stderr.write(f"rejected {record_id}: {reason}")
        logger.info(
            "ideas imported imported=%s unchanged=%s rejected=%s",
            len(report.imported),
            len(report.unchanged),
            len(report.rejected),
        )
        self.stdout.write(
            f"imported {len(report.imported)}, unchanged {len(report.unchanged)}, "
            f"rejected {len(report.rejected)}"
        )

    def read_records(self, path: Path) -> list:
        try:
            records = json.loads(path.read_text(encoding="utf-8"))
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from error
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CommandError(f"{path} is not valid UTF-8 JSON: {error}.") from error
        if not isinstance(records, list):
            raise CommandError(f"{path} must contain a JSON list of records.")
        return records
