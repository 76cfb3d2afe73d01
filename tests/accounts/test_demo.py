"""`manage.py load_demo`: one demo account per role, safe to run again."""

import json
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts import roles
from accounts.demo import DEMO_USERS
from ideapages.models import IdeaPage
from tests.ideapages.test_import import AWAITING_DECISION

DEMO_PASSWORD = "demo-lösenord-för-test"


@pytest.fixture
def run_demo(tmp_path, monkeypatch):
    """Return a function that runs load_demo against an empty data folder."""
    monkeypatch.setenv("DEMO_PASSWORD", DEMO_PASSWORD)

    def run(*args) -> tuple[str, str]:
        stdout, stderr = StringIO(), StringIO()
        call_command(
            "load_demo",
            "--data-dir",
            str(tmp_path),
            *args,
            stdout=stdout,
            stderr=stderr,
        )
        return stdout.getvalue(), stderr.getvalue()

    return run


def demo_users():
    return get_user_model().objects.filter(
        username__in=[demo.username for demo in DEMO_USERS]
    )


@pytest.mark.django_db
class TestLoadDemo:
    def test_rejected_when_debug_is_off(self, run_demo, settings):
        settings.DEBUG = False

        with pytest.raises(CommandError, match="--force"):
            run_demo()

        assert not demo_users().exists()

    def test_force_loads_when_debug_is_off(self, run_demo, settings):
        settings.DEBUG = False

        run_demo("--force")

        assert demo_users().count() == len(DEMO_USERS)

    def test_loads_when_debug_is_on(self, run_demo, settings):
        settings.DEBUG = True

        run_demo()

        assert demo_users().count() == len(DEMO_USERS)

    def test_one_user_per_role(self, run_demo):
        run_demo("--force")

        for role in roles.ALL_ROLES:
            members = demo_users().filter(groups__name=role)
            assert members.exists(), role

    @pytest.mark.parametrize(
        "demo",
        [demo for demo in DEMO_USERS if demo.role],
        ids=lambda demo: demo.username,
    )
    def test_demo_user_holds_its_role(self, run_demo, demo):
        run_demo("--force")

        user = get_user_model().objects.get(username=demo.username)
        assert roles.has_role(user, demo.role)

    def test_every_demo_user_is_employee(self, run_demo):
        run_demo("--force")

        assert demo_users().exclude(groups__name=roles.EMPLOYEE).count() == 0

    def test_only_admin_is_superuser(self, run_demo):
        run_demo("--force")

        assert list(
            demo_users().filter(is_superuser=True).values_list("username", flat=True)
        ) == ["admin"]

    def test_demo_password_signs_in(self, run_demo, client):
        run_demo("--force")

        response = client.post(
            "/konto/logga-in/", {"username": "ambassador", "password": DEMO_PASSWORD}
        )

        assert response.status_code == 302

    def test_second_run_creates_nothing(self, run_demo):
        run_demo("--force")
        ids = set(demo_users().values_list("pk", flat=True))

        run_demo("--force")

        assert set(demo_users().values_list("pk", flat=True)) == ids

    def test_second_run_keeps_changed_password(self, run_demo):
        run_demo("--force")
        user = get_user_model().objects.get(username="medarbetare")
        user.set_password("eget lösenord som användaren valt")
        user.save()

        run_demo("--force")

        user.refresh_from_db()
        assert user.check_password("eget lösenord som användaren valt")

    def test_second_run_keeps_changed_groups(self, run_demo):
        run_demo("--force")
        user = get_user_model().objects.get(username="utforare")
        user.groups.remove(*user.groups.filter(name=roles.IMPLEMENTER))

        run_demo("--force")

        assert not roles.has_role(user, roles.IMPLEMENTER)

    def test_missing_idea_file_is_reported(self, run_demo):
        _stdout, stderr = run_demo("--force")

        assert "goteborg-e-forslag-2017-2020.json does not exist" in stderr

    def test_ideas_are_imported_once(self, run_demo, tmp_path):
        (tmp_path / "goteborg-e-forslag-2017-2020.json").write_text(
            json.dumps([AWAITING_DECISION], ensure_ascii=False), encoding="utf-8"
        )

        run_demo("--force")
        ideas_after_first_run = IdeaPage.objects.count()
        stdout, _stderr = run_demo("--force")

        assert IdeaPage.objects.filter(external_id__isnull=False).count() == 1
        assert IdeaPage.objects.count() == ideas_after_first_run
        assert "imported 0, unchanged 1, rejected 0" in stdout


@pytest.mark.django_db
def test_sign_in_table_columns_align(run_demo, settings):
    settings.DEBUG = True

    stdout, _stderr = run_demo()

    lines = stdout.split("Demo sign-ins at", 1)[1].splitlines()[1:]
    header = lines[0]
    rows = [line for line in lines[1:] if line.strip()]
    role_column = header.index("role")
    password_column = header.index("password")
    assert len(rows) == len(DEMO_USERS)
    for row in rows:
        assert row[role_column - 1] == " ", row
        assert row[role_column] != " ", row
        assert row[password_column:] == DEMO_PASSWORD, row
        assert row[password_column - 1] == " ", row
