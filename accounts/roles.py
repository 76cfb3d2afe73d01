"""The roles of the idea process, each a Django group.

The idea giver is not a group: it is the owner of one idea page. A person
can hold several roles. Group names are in Swedish because staff see them
in the administration interface.
"""

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


def has_role(user, role: str) -> bool:
    """Return whether an active `user` belongs to the group named `role`."""
    if not user.is_authenticated or not user.is_active:
        return False
    return role in {group.name for group in user.groups.all()}
