"""Record when a paused idea was taken up again, and fill it in from the timeline.

Before this field, an idea taken up again showed the time its step started,
from before the pause, as the time it has waited since.
"""

from django.db import migrations, models
from django.db.models import Max

RESUME_ACTION = "ideas.assessment.resume"


def fill_resumed_at(apps, schema_editor):
    IdeaTaskState = apps.get_model("workflows", "IdeaTaskState")
    ProcessEvent = apps.get_model("workflows", "ProcessEvent")
    latest_resumes = (
        ProcessEvent.objects.filter(action=RESUME_ACTION, task_state__isnull=False)
        .values("task_state")
        .annotate(last=Max("created_at"))
    )
    for row in latest_resumes:
        IdeaTaskState.objects.filter(pk=row["task_state"]).update(
            resumed_at=row["last"]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("workflows", "0002_create_idea_process"),
    ]

    operations = [
        migrations.AddField(
            model_name="ideataskstate",
            name="resumed_at",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="taken up again at"
            ),
        ),
        migrations.RunPython(fill_resumed_at, migrations.RunPython.noop),
    ]
