"""Fixtures for comments, support, follows and attachments."""

import time
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import models
from django.utils import timezone
from django_comments import get_form
from django_comments_xtd.models import XtdComment
from wagtail.models import Page

from accounts import roles
from ideapages.models import IdeaPage
from news.models import NewsIndexPage, NewsPage
from participation.threads import renumber_threads


@pytest.fixture(autouse=True)
def empty_cache():
    """Start every test with no cached thread outlines."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def giver(make_user):
    return make_user(roles.EMPLOYEE, first_name="Greta", last_name="Giver")


@pytest.fixture
def idea(make_idea, giver):
    """Return a live idea owned by `giver`.

    The owner is set after publishing, because publishing as an employee
    needs the admin's publish permission on some versions of
    publish_new_idea.
    """
    idea = make_idea()
    IdeaPage.objects.filter(pk=idea.pk).update(owner=giver)
    idea.refresh_from_db()
    return idea


@pytest.fixture
def moderator(make_user):
    return make_user(roles.EMPLOYEE, roles.IDEA_AMBASSADOR)


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture
def news_page(db):
    index = NewsIndexPage.objects.get()
    page = NewsPage(
        title="Cykelparkeringar byggs vid stationen",
        slug="cykelparkeringar-byggs",
        intro="Idén om låsbara cykelparkeringar genomförs i vår.",
    )
    index.add_child(instance=page)
    return page


@pytest.fixture
def make_comment(db):
    """Return a factory of comments saved the way django-comments-xtd saves them."""

    def make(target, user, text="Bra idé, det behövs.", parent=None, **fields):
        comment = XtdComment(
            content_type=ContentType.objects.get_for_model(target),
            object_pk=str(target.pk),
            site_id=settings.SITE_ID,
            user=user,
            user_name=user.get_display_name() if user else "",
            comment=text,
            parent_id=parent.pk if parent else 0,
            **fields,
        )
        comment.save()
        return comment

    return make


@pytest.fixture
def make_deep_thread(db):
    """Return a factory of one chain of replies, deeper than replies may go.

    The chain is saved as the importer saves it, past
    COMMENTS_XTD_MAX_THREAD_LEVEL, and numbered afterwards.
    """

    def make(target, user, depth: int) -> list[XtdComment]:
        chain = []
        for level in range(depth + 1):
            comment = XtdComment(
                content_type=ContentType.objects.get_for_model(target),
                object_pk=str(target.pk),
                site_id=settings.SITE_ID,
                user=user,
                comment=f"Svar på nivå {level}.",
                submit_date=timezone.now(),
            )
            models.Model.save(comment)
            comment.parent_id = chain[-1].pk if chain else comment.pk
            comment.save(update_fields=["parent_id"])
            chain.append(comment)
        renumber_threads(target)
        for comment in chain:
            comment.refresh_from_db()
        return chain

    return make


def comment_post_data(target, text="Bra idé!", reply_to=0, **overrides) -> dict:
    """Return the POST data of the comment form on `target`, as a browser sends it."""
    form = get_form()(target)
    data = {
        key: form.initial[key]
        for key in ("content_type", "object_pk", "timestamp", "security_hash")
    }
    data.update(
        comment=text,
        reply_to=str(reply_to),
        next=Page.objects.get(pk=target.pk).url,
    )
    data.update(overrides)
    return data


def expired_timestamp_data(target, text) -> dict:
    """Return comment POST data whose form was opened three hours ago."""
    form = get_form()(target)
    timestamp = int(time.time()) - 3 * 60 * 60
    return comment_post_data(
        target,
        text,
        timestamp=str(timestamp),
        security_hash=form.initial_security_hash(timestamp),
    )


class CommentDepths(HTMLParser):
    """Map each rendered comment's id to how many comments enclose it."""

    def __init__(self, html: str):
        super().__init__()
        self.open_items: list[bool] = []
        self.depths: dict[str, int] = {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag != "li":
            return
        attributes = dict(attrs)
        is_comment = "comment" in (attributes.get("class") or "").split()
        if is_comment:
            self.depths[attributes["id"]] = sum(self.open_items)
        self.open_items.append(is_comment)

    def handle_endtag(self, tag):
        if tag == "li":
            self.open_items.pop()


def comment_depths(response) -> dict[str, int]:
    parser = CommentDepths(response.content.decode())
    assert parser.open_items == [], "the comment list left <li> elements open"
    return parser.depths
