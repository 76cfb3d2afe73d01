from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save
from django.dispatch import receiver

from .roles import EMPLOYEE


def add_to_employees(user) -> None:
    """Add `user` to the employee group, the role that all signed-in users have."""
    group = Group.objects.filter(name=EMPLOYEE).first()
    if group is not None:
        user.groups.add(group)


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def add_new_user_to_employees(sender, instance, created, raw=False, **kwargs):
    """Make every new account an employee.

    A form that saves the user's groups after the user, such as the admin's
    user form, replaces this membership. The `after_create_user` hook in
    accounts/wagtail_hooks.py adds it again there.
    """
    if created and not raw:
        add_to_employees(instance)


@receiver(user_logged_in)
def add_groupless_user_to_employees(sender, request, user, **kwargs):
    """Make an account that is in no group an employee when it signs in.

    This covers accounts created before every new account joined the group,
    or by a path that saved an empty group list after the user.
    """
    if not user.groups.exists():
        add_to_employees(user)
