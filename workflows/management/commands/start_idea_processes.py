from django.core.management.base import BaseCommand

from ideapages.models import IdeaPage
from ideapages.status import IdeaStatus
from workflows.process import start_process


class Command(BaseCommand):
    help = (
        "Start the idea process on submitted ideas that have none, for example "
        "after it failed to start when the idea was submitted."
    )

    def handle(self, *args, **options):
        ideas = IdeaPage.objects.live().filter(
            status=IdeaStatus.SUBMITTED,
            external_id__isnull=True,
            process_events__isnull=True,
        )
        started = sum(1 for idea in ideas.distinct() if start_process(idea, idea.owner))
        self.stdout.write(f"Idea process started on {started} ideas.")
