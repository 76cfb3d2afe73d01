"""The roles of the idea process, each a Django group.

The idea giver is not a group: it is the owner of one idea page. A person
can hold several roles. Group names are in Swedish because staff see them
in the administration interface. `role_label` returns the name to show a reader.
"""

from django.utils.translation import pgettext_lazy

EMPLOYEE = "Medarbetare"
IDEA_AMBASSADOR = "Idéambassadörer"
INNOVATION_GROUP = "Innovationsgrupp"
MANAGEMENT_GROUP = "Ledningsgrupp"
UNIT_HEAD = "Enhetschefer"
IMPLEMENTER = "Utförare"
COMMUNICATOR = "Kommunikatörer"
SERVICE_COMMITTEE = "Servicenämnden"

ALL_ROLES = [
    EMPLOYEE,
    IDEA_AMBASSADOR,
    INNOVATION_GROUP,
    MANAGEMENT_GROUP,
    UNIT_HEAD,
    IMPLEMENTER,
    COMMUNICATOR,
    SERVICE_COMMITTEE,
]

# Each role's name in the interface. The Swedish catalogue translates each
# label back to the group's name, so Swedish readers see the group they know.
ROLE_LABELS = {
    EMPLOYEE: pgettext_lazy("role", "Employees"),
    IDEA_AMBASSADOR: pgettext_lazy("role", "Idea ambassadors"),
    INNOVATION_GROUP: pgettext_lazy("role", "Innovation group"),
    MANAGEMENT_GROUP: pgettext_lazy("role", "Management group"),
    UNIT_HEAD: pgettext_lazy("role", "Unit heads"),
    IMPLEMENTER: pgettext_lazy("role", "Implementers"),
    COMMUNICATOR: pgettext_lazy("role", "Communicators"),
    SERVICE_COMMITTEE: pgettext_lazy("role", "Service committee"),
}


def role_label(group_name: str) -> str:
    """Return the translated name of the role `group_name`, or the name itself.

    A group that an administrator added has no translation and shows as named.
    """
    return str(ROLE_LABELS.get(group_name, group_name))


def has_role(user, role: str) -> bool:
    """Return whether an active `user` belongs to the group named `role`."""
    if not user.is_authenticated or not user.is_active:
        return False
    return role in {group.name for group in user.groups.all()}
