from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from workflows.demo import load_process_demo


class Command(BaseCommand):
    help = (
        "Give the imported ideas histories in the idea process and add demo "
        "ideas in every status. Run after load_demo; safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load the demo even though DEBUG is off.",
        )

    def handle(self, *args, force: bool, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off, so this looks like a real server: the demo adds "
                "ideas and decisions. Use --force to load it anyway."
            )
        report = load_process_demo()
        self.stdout.write(
            f"Idea process: {report.derived} imported ideas given a history, "
            f"{report.opened} of them with a running process, "
            f"{report.carried_on} carried on by demo users, "
            f"{report.new_ideas} new demo ideas."
        )
        for reason in report.skipped:
            self.stderr.write(f"Skipped {reason}.")
