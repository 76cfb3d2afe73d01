from django.conf import settings
from django.contrib.auth.models import Group
from django.db.models.signals import post_save
from django.dispatch import receiver

from .roles import EMPLOYEE


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def add_new_user_to_employees(sender, instance, created, raw=False, **kwargs):
    """Make every new account an employee, the role that all signed-in users have."""
    if created and not raw:
        group = Group.objects.filter(name=EMPLOYEE).first()
        if group is not None:
            instance.groups.add(group)
