"""Who the idea process tells about a step, through `notifications.service.notify`.

Params hold codes and what people wrote, never translated text, because the
notification is rendered later in the reader's language. Followers of an
idea are told by another part of the product, from `idea_status_changed`.
"""

from django.conf import settings
from django.contrib.auth import get_user_model

from accounts import roles
from notifications.service import notify

GIVER_DECISION = "process_decision"
GIVER_STEP = "process_step"
ASSIGNED = "process_assigned"
PLAN_CHANGED = "process_plan_changed"
NEWS_WANTED = "process_news_wanted"
NEWS_PUBLISHED = "idea_news_published"


def idea_url(idea) -> str:
    """Return the idea's address for an e-mail, which needs it absolute."""
    return absolute_page_url(idea)


def absolute_page_url(page) -> str:
    url = page.get_url() or ""
    if url.startswith(("http://", "https://")):
        return url
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


def members_of(role: str):
    return get_user_model().objects.filter(groups__name=role, is_active=True)


def tell_giver(idea, event, kind: str = GIVER_STEP):
    """Tell the giver about `event`, with its motivation; imported ideas have none."""
    return notify(
        [idea.owner],
        kind,
        idea=idea,
        actor=event.actor,
        action=str(event.action),
        status=str(event.status),
        motivation=event.motivation,
        idea_url=idea_url(idea),
    )


def tell_giver_of_news(idea, news_page, actor):
    """Tell the giver that news about their idea is published, with its link.

    Publishing news changes no status, so this is not a process step notice.
    """
    return notify(
        [idea.owner],
        NEWS_PUBLISHED,
        idea=idea,
        actor=actor,
        news_page_id=news_page.pk,
        news_title=news_page.title,
        news_url=absolute_page_url(news_page),
    )


def tell_assignee(idea, task_state, actor):
    """Tell the person a step names that the idea now waits for them."""
    return notify(
        [task_state.assignee],
        ASSIGNED,
        idea=idea,
        actor=actor,
        step=task_state.task.specific.step,
        idea_url=idea_url(idea),
    )


def tell_plan_changed(idea, actor):
    """Tell the assessing ambassadors and the giver that the plan changed.

    Ideas whose assessment was derived from imported data have no known
    ambassador, so every ambassador is told.
    """
    from .models import Assessment

    assessor_ids = (
        Assessment.objects.filter(idea=idea, assessor__isnull=False)
        .values_list("assessor", flat=True)
        .distinct()
    )
    ambassadors = members_of(roles.IDEA_AMBASSADOR)
    assessors = ambassadors.filter(pk__in=assessor_ids)
    recipients = list(assessors if assessors.exists() else ambassadors)
    return notify(
        [*recipients, idea.owner],
        PLAN_CHANGED,
        idea=idea,
        actor=actor,
        idea_url=idea_url(idea),
    )


def tell_communicators(idea, actor):
    """Ask the communicators to tell the administration about the idea."""
    return notify(
        list(members_of(roles.COMMUNICATOR)),
        NEWS_WANTED,
        idea=idea,
        actor=actor,
        idea_url=idea_url(idea),
    )
