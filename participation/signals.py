import logging

from django.db.models.signals import pre_save
from django.dispatch import receiver
from django_comments_xtd.models import XtdComment

logger = logging.getLogger(__name__)


@receiver(pre_save, sender=XtdComment)
def drop_copied_personal_data(sender, instance, **kwargs):
    """Keep only the user link on an employee's comment.

    django-comments copies the author's e-mail address and IP address onto
    each comment. Idébanken reads both from the user when needed, so the
    copies are not kept.
    """
    if instance.user_id:
        instance.user_email = ""
        instance.ip_address = None
