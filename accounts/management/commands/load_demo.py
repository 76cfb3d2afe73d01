from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from idebanken.settings.environment import env_str

from accounts.demo import ensure_demo_users

GOTEBORG_FILE = "goteborg-e-forslag-2017-2020.json"
MADRID_DIR = "decide-madrid-2019"


class Command(BaseCommand):
    help = (
        "Create one demo account per role, import the real ideas and comment "
        "threads from DATA_DIR and give the ideas a process history. Safe to "
        "run again: nothing is created twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=Path(settings.BASE_DIR).parent / "shared" / "data",
            help=(
                "The folder with goteborg-e-forslag-2017-2020.json and the "
                "decide-madrid-2019 folder."
            ),
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load the demo even though DEBUG is off.",
        )

    def handle(self, *args, data_dir: Path, force: bool, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off, so this looks like a real server: demo accounts "
                "have a known password. Use --force to load them anyway."
            )
        password = env_str("DEMO_PASSWORD", "idebanken-demo")
        users = ensure_demo_users(password)

        self.import_data(data_dir)
        call_command(
            "load_demo_process", force=force, stdout=self.stdout, stderr=self.stderr
        )

        site_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        self.stdout.write(f"\nDemo sign-ins at {site_url}/konto/logga-in/")
        rows = [("user name", "role", "password")]
        for demo, _created in users:
            rows.append(
                (demo.username, demo.role or "administratör (superuser)", password)
            )
        for line in format_table(rows):
            self.stdout.write(line)

    def import_data(self, data_dir: Path) -> None:
        ideas_file = data_dir / GOTEBORG_FILE
        if ideas_file.is_file():
            call_command(
                "import_ideas", ideas_file, stdout=self.stdout, stderr=self.stderr
            )
        else:
            self.stderr.write(f"No ideas imported: {ideas_file} does not exist.")

        threads_dir = data_dir / MADRID_DIR
        if threads_dir.is_dir():
            call_command(
                "import_comments", threads_dir, stdout=self.stdout, stderr=self.stderr
            )
        else:
            self.stderr.write(f"No comment threads imported: {threads_dir} is missing.")


def format_table(rows: list[tuple[str, ...]]) -> list[str]:
    """Return `rows` as aligned lines, each column as wide as its longest cell."""
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    return [
        "  ".join(
            cell.ljust(width) for cell, width in zip(row, widths, strict=True)
        ).rstrip()
        for row in rows
    ]
