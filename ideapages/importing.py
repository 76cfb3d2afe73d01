"""Import of e-proposals ("e-förslag") exported from Göteborg's proposal service.

Each record becomes a live idea. The record's `MatterId` is kept as the
idea's external id, so importing the same file again skips what exists.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from .models import Category, IdeaPage, Unit
from .status import IdeaStatus
from .submission import publish_new_idea

logger = logging.getLogger(__name__)

EXTERNAL_ID_PREFIX = "goteborg-e-forslag:"
EXTERNAL_ID_MAX_LENGTH = IdeaPage._meta.get_field("external_id").max_length

# The outcome decides the status where there is one; a record without an
# outcome must have a status that is still open.
OUTCOME_STATUSES = {
    "För få underskrifter": IdeaStatus.CLOSED,
    "Genomförs ej": IdeaStatus.CLOSED,
    "Uppfyller ej regelverket": IdeaStatus.CLOSED,
    "Redan omhändertaget": IdeaStatus.CLOSED,
    "Tas med i framtida planering": IdeaStatus.PAUSED,
    "Genomförs delvis": IdeaStatus.APPROVED,
    "Genomförs fullt ut": IdeaStatus.APPROVED,
}
OPEN_STATUSES = {
    "Samlar underskrifter": IdeaStatus.SUBMITTED,
    "Inväntar beslut från nämnd": IdeaStatus.AWAITING_DECISION,
}
CLOSED_SOURCE_STATUSES = {"Godkänd arkiverad"}
# A proposal with too few signatures was never sent to a committee.
NO_RECIPIENT = "Ingen mottagare - för få underskrifter"


class RecordError(ValueError):
    """A record that cannot be imported; the message says why."""


@dataclass
class ImportReport:
    imported: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)


def _text(record: dict, key: str, max_length: int, required: bool = True) -> str:
    value = record.get(key)
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise RecordError(f"{key} is not text")
    value = value.strip()
    if required and not value:
        raise RecordError(f"{key} is missing")
    if "\x00" in value:
        # PostgreSQL cannot store a NUL character in a text column.
        raise RecordError(f"{key} contains a NUL character")
    if len(value) > max_length:
        raise RecordError(f"{key} is longer than {max_length} characters")
    return value


def map_status(source_status: str, outcome: str) -> IdeaStatus:
    """Return the idea status for a record's status and outcome.

    Raises RecordError for a value this importer does not know, rather
    than guessing.
    """
    if source_status not in CLOSED_SOURCE_STATUSES | OPEN_STATUSES.keys():
        raise RecordError(f"unknown status {source_status!r}")
    if outcome:
        if outcome not in OUTCOME_STATUSES:
            raise RecordError(f"unknown outcome {outcome!r}")
        return OUTCOME_STATUSES[outcome]
    if source_status in OPEN_STATUSES:
        return OPEN_STATUSES[source_status]
    raise RecordError(f"status {source_status!r} has no outcome")


def parse_submitted_at(value) -> datetime:
    if not isinstance(value, str):
        raise RecordError("CreatedAt is missing")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as error:
        raise RecordError(f"CreatedAt {value!r} is not an ISO 8601 time") from error
    if timezone.is_naive(moment):
        # The export gives local Swedish time without an offset.
        moment = timezone.make_aware(moment)
    return moment


def parse_supports(value) -> int:
    text = str(value if value is not None else "0").strip() or "0"
    # isdigit() also accepts characters such as "²" that int() rejects.
    if not text.isdecimal():
        raise RecordError(f"Röster {value!r} is not a whole number")
    return int(text)


def first_recipient(recipients: str) -> str:
    names = [name.strip() for name in recipients.split(";")]
    return next((name for name in names if name and name != NO_RECIPIENT), "")


def external_id_of(record) -> str:
    if not isinstance(record, dict):
        raise RecordError("the record is not a JSON object")
    matter_id = record.get("MatterId")
    if isinstance(matter_id, bool) or not isinstance(matter_id, int | str):
        raise RecordError("MatterId is missing")
    matter_id = str(matter_id).strip()
    # ASCII digits only, so that one proposal has one spelling of its id.
    if not (matter_id.isascii() and matter_id.isdigit()):
        raise RecordError(f"MatterId {matter_id!r} is not a number")
    external_id = EXTERNAL_ID_PREFIX + matter_id
    if len(external_id) > EXTERNAL_ID_MAX_LENGTH:
        raise RecordError(f"MatterId {matter_id!r} is too long")
    return external_id


def idea_from_record(record: dict, external_id: str) -> tuple[IdeaPage, str, str]:
    """Build an unsaved idea from a record.

    Returns the idea with its category and unit names, which the caller
    turns into objects. Raises RecordError for a record that is not valid.
    """
    source_status = _text(record, "Status", 100)
    outcome = _text(record, "Resultat", 100, required=False)
    recipients = _text(record, "Lämnas_till", 1000, required=False)
    submitted_at = parse_submitted_at(record.get("CreatedAt"))
    idea = IdeaPage(
        title=_text(record, "Rubrik", 255),
        summary=_text(record, "Sammanfattning", 300),
        status=map_status(source_status, outcome),
        submitted_at=submitted_at,
        first_published_at=submitted_at,
        external_id=external_id,
        source_status=source_status,
        source_outcome=outcome,
        source_recipient=recipients,
        decision_text=_text(record, "Beslut", 20000, required=False),
        external_support_count=parse_supports(record.get("Röster")),
    )
    return idea, _text(record, "Gäller", 100), first_recipient(recipients)[:200]


class IdeaImporter:
    """Create ideas under `index_page` from a list of records."""

    def __init__(self, index_page):
        self.index_page = index_page
        self.categories = {
            category.name: category for category in Category.objects.all()
        }
        self.units = {unit.name: unit for unit in Unit.objects.all()}

    def category(self, name: str) -> Category:
        if name not in self.categories:
            self.categories[name], _created = Category.objects.get_or_create(name=name)
        return self.categories[name]

    def unit(self, name: str) -> Unit | None:
        if not name:
            return None
        if name not in self.units:
            self.units[name], _created = Unit.objects.get_or_create(name=name)
        return self.units[name]

    def run(self, records: list) -> ImportReport:
        report = ImportReport()
        existing = set(
            IdeaPage.objects.filter(
                external_id__startswith=EXTERNAL_ID_PREFIX
            ).values_list("external_id", flat=True)
        )
        for position, record in enumerate(records, start=1):
            try:
                external_id = external_id_of(record)
            except RecordError as error:
                report.rejected.append((f"record {position}", str(error)))
                continue
            if external_id in existing:
                report.unchanged.append(external_id)
                continue
            try:
                self.import_record(record, external_id)
            except RecordError as error:
                matter_id = external_id.removeprefix(EXTERNAL_ID_PREFIX)
                report.rejected.append((f"MatterId {matter_id}", str(error)))
                continue
            existing.add(external_id)
            report.imported.append(external_id)
        return report

    @transaction.atomic
    def import_record(self, record: dict, external_id: str) -> IdeaPage:
        idea, category_name, unit_name = idea_from_record(record, external_id)
        idea.category = self.category(category_name)
        idea.unit = self.unit(unit_name)
        publish_new_idea(self.index_page, idea)
        logger.debug("idea imported idea=%s external_id=%s", idea.pk, external_id)
        return idea
