from django.db import models
from django.utils.translation import gettext_lazy as _


class IdeaStatus(models.TextChoices):
    """Where an idea is in the idea process, as its giver and readers see it."""

    SUBMITTED = "submitted", _("Submitted")
    ASSESSING = "assessing", _("Being assessed")
    DEVELOPING = "developing", _("Being developed")
    PAUSED = "paused", _("Paused")
    CLOSED = "closed", _("Closed")
    DECISION_BASIS = "decision_basis", _("Decision basis being compiled")
    AWAITING_DECISION = "awaiting_decision", _("Awaiting decision")
    APPROVED = "approved", _("Approved for implementation")
    PLANNING = "planning", _("Being planned")
    IMPLEMENTING = "implementing", _("Being implemented")
    IMPLEMENTED = "implemented", _("Implemented")
    EVALUATED = "evaluated", _("Evaluated")
