"""Shared fixtures: users in roles, the idea list page and ideas."""

import itertools

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache

from accounts import roles
from ideapages.models import Category, IdeaIndexPage, IdeaPage, Unit
from ideapages.submission import publish_new_idea

PASSWORD = "correct horse battery staple"
_numbers = itertools.count(1)


@pytest.fixture
def make_user(db):
    """Return a factory of active users, each in the given role groups."""

    def make(*role_names: str, username: str | None = None, **fields):
        number = next(_numbers)
        user = get_user_model().objects.create_user(
            username=username or f"user{number}",
            password=PASSWORD,
            email=fields.pop("email", f"user{number}@example.org"),
            first_name=fields.pop("first_name", "Förnamn"),
            last_name=fields.pop("last_name", f"Efternamn{number}"),
            **fields,
        )
        for name in role_names:
            user.groups.add(Group.objects.get(name=name))
        return user

    return make


@pytest.fixture
def employee(make_user):
    return make_user(roles.EMPLOYEE)


@pytest.fixture
def employee_client(client, employee):
    client.force_login(employee)
    return client


@pytest.fixture
def index_page(db):
    return IdeaIndexPage.objects.get()


@pytest.fixture
def category(db):
    return Category.objects.create(name="Trafik och kommunikationer")


@pytest.fixture
def unit(db):
    return Unit.objects.create(name="Trafiknämnden")


@pytest.fixture
def make_idea(index_page, category, unit):
    """Return a factory of live ideas with a real-looking title and summary."""

    def make(owner=None, **fields):
        number = next(_numbers)
        idea = IdeaPage(
            title=fields.pop("title", f"Cykelparkeringar vid stationen {number}"),
            summary=fields.pop(
                "summary", "Fler låsbara cykelparkeringar nära pendeltågen."
            ),
            description=fields.pop(
                "description",
                "Cyklar står i dag längs staketet och blockerar gångvägen.",
            ),
            category=fields.pop("category", category),
            unit=fields.pop("unit", unit),
            **fields,
        )
        return publish_new_idea(index_page, idea, owner)

    return make


@pytest.fixture
def comment_form_data():
    """Return a factory of POST data for the comment form on a target.

    The hidden fields (content type, object id, timestamp and security hash)
    come from the form that the idea page renders, so a test posts what a
    browser would.
    """
    from django_comments import get_form

    def make(target, text: str, reply_to=None, next_url: str = "") -> dict:
        form = get_form()(target, comment=reply_to)
        return {
            **{name: str(value) for name, value in form.initial.items()},
            "name": "",
            "email": "",
            "url": "",
            "honeypot": "",
            "comment": text,
            "reply_to": str(reply_to.pk if reply_to else 0),
            "next": next_url or target.url,
        }

    return make


@pytest.fixture
def make_comment(db):
    """Return a factory of published comments on an idea, optionally replies."""
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from django_comments_xtd.models import XtdComment

    def make(idea, user, text: str = "Bra idé, vi har samma problem.", parent=None):
        return XtdComment.objects.create(
            content_type=ContentType.objects.get_for_model(idea),
            object_pk=str(idea.pk),
            site_id=settings.SITE_ID,
            user=user,
            comment=text,
            parent_id=parent.pk if parent else 0,
            is_public=True,
        )

    return make


@pytest.fixture(autouse=True)
def empty_cache():
    """Start every test with an empty cache, so no test sees another's pages."""
    cache.clear()
