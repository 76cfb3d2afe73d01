import logging

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django_comments_xtd.models import TmpXtdComment, XtdComment
from django_comments_xtd.signals import confirmation_received

from ideapages.models import IdeaPage
from ideapages.signals import idea_status_changed

from . import services
from .comments import forget_outline

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


@receiver(post_save, sender=XtdComment)
@receiver(post_delete, sender=XtdComment)
def forget_thread_outline(sender, instance, **kwargs):
    forget_outline(instance.content_type_id, instance.object_pk)


@receiver(confirmation_received, sender=TmpXtdComment)
def comment_posted(sender, comment, request, **kwargs):
    """Tell an idea's followers about a comment posted on the site.

    django-comments-xtd sends this signal once it has saved the comment
    from the form, with the saved comment as `xtd_comment`. Imported
    comments are saved without it, so they notify nobody.
    """
    saved = comment.xtd_comment
    if saved is None or not saved.is_public:
        return
    logger.info(
        "comment posted comment=%s user=%s target=%s:%s",
        saved.pk,
        saved.user_id,
        saved.content_type_id,
        saved.object_pk,
    )
    target = saved.content_object
    if isinstance(target, IdeaPage):
        services.notify_new_comment(saved, target)


@receiver(idea_status_changed)
def status_changed(sender, idea, old_status, new_status, user=None, **kwargs):
    services.notify_status_change(idea, old_status, new_status, user)
