"""Demo accounts: one person per role of the idea process."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from . import roles


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: str | None
    is_superuser: bool = False


DEMO_USERS = [
    DemoUser("medarbetare", "Anna", "Lindqvist", roles.EMPLOYEE),
    DemoUser("ambassador", "Erik", "Johansson", roles.IDEA_AMBASSADOR),
    DemoUser("innovation", "Maria", "Nilsson", roles.INNOVATION_GROUP),
    DemoUser("ledning", "Karin", "Berg", roles.MANAGEMENT_GROUP),
    DemoUser("enhetschef", "Johan", "Ek", roles.UNIT_HEAD),
    DemoUser("utforare", "Sara", "Holm", roles.IMPLEMENTER),
    DemoUser("kommunikator", "Lars", "Dahl", roles.COMMUNICATOR),
    DemoUser("namnd", "Eva", "Strand", roles.SERVICE_COMMITTEE),
    DemoUser("admin", "Ingrid", "Sundberg", None, is_superuser=True),
]


def ensure_demo_users(password: str) -> list[tuple[DemoUser, bool]]:
    """Create the demo accounts that do not exist yet.

    Returns each demo user with whether this call created it. Existing
    accounts keep their password and groups.
    """
    user_model = get_user_model()
    results = []
    for demo in DEMO_USERS:
        user, created = user_model.objects.get_or_create(
            username=demo.username,
            defaults={
                "first_name": demo.first_name,
                "last_name": demo.last_name,
                "email": f"{demo.username}@idebanken.example",
                "is_staff": demo.is_superuser,
                "is_superuser": demo.is_superuser,
            },
        )
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
            if demo.role:
                user.groups.add(Group.objects.get(name=demo.role))
        results.append((demo, created))
    return results
