"""Messages for forms sent after the idea had moved on."""

from django.utils import formats, timezone
from django.utils.translation import gettext as _


def latest_step(idea) -> dict | None:
    """Describe the idea's latest timeline event for a message, or return None."""
    from .models import ProcessEvent

    event = (
        ProcessEvent.objects.filter(idea=idea)
        .select_related("actor")
        .order_by("-created_at", "-pk")
        .first()
    )
    if event is None:
        return None
    step = {
        "step": event.get_action_display(),
        "date": formats.date_format(
            timezone.localtime(event.created_at), "DATETIME_FORMAT"
        ),
    }
    if event.actor is None:
        step["by"] = step["date"]
    else:
        step["by"] = _("by %(person)s, %(date)s") % {
            "person": event.actor.get_display_name(),
            "date": step["date"],
        }
    return step


def stale_message(idea) -> str:
    """Say that the step closed before the form arrived and what happened instead."""
    step = latest_step(idea)
    if step is None:
        return _(
            "This step is no longer open. Nothing was recorded; open the idea "
            "again to see where it is."
        )
    return (
        _(
            "This step was already taken: “%(step)s”, %(by)s. Nothing was "
            "recorded from your form. Open the idea to see where it is now."
        )
        % step
    )


def changed_message(idea) -> str:
    """Say that someone acted since the form was opened, which may still be sent."""
    step = latest_step(idea)
    if step is None:
        return _(
            "The idea changed since you opened the form. Nothing was recorded. "
            "Check the idea; your text is kept and you can send it again."
        )
    return (
        _(
            "The idea changed since you opened the form: “%(step)s”, %(by)s. "
            "Nothing was recorded. Check the idea; your text is kept and you "
            "can send it again."
        )
        % step
    )
