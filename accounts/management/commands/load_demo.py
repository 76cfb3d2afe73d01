from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from idebanken.settings.environment import env_str

from accounts.demo import ensure_demo_users

GOTEBORG_FILE = "goteborg-e-forslag-2017-2020.json"


class Command(BaseCommand):
    help = (
        "Create one demo account per role and import the real ideas from "
        "DATA_DIR. Safe to run again: nothing is created twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=Path(settings.BASE_DIR).parent / "shared" / "data",
            help="The folder with goteborg-e-forslag-2017-2020.json.",
        )
        parser.add_argument(
            "--site-url",
            default="http://127.0.0.1:8000",
            help="The address the site is served on, shown with the sign-ins.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load the demo even though DEBUG is off.",
        )

    def handle(self, *args, data_dir: Path, site_url: str, force: bool, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off, so this looks like a real server: demo accounts "
                "have a known password. Use --force to load them anyway."
            )
        password = env_str("DEMO_PASSWORD", "idebanken-demo")
        users = ensure_demo_users(password)

        ideas_file = data_dir / GOTEBORG_FILE
        if ideas_file.is_file():
            call_command(
                "import_ideas", ideas_file, stdout=self.stdout, stderr=self.stderr
            )
        else:
            self.stderr.write(f"No ideas imported: {ideas_file} does not exist.")

        self.stdout.write(f"\nDemo sign-ins at {site_url.rstrip('/')}/konto/logga-in/")
        self.stdout.write(f"{'user name':<14} {'role':<18} password")
        for demo, _created in users:
            role = demo.role or "administratör (superuser)"
            self.stdout.write(f"{demo.username:<14} {role:<18} {password}")
