"""Demo content for the idea process: histories for imported ideas, and new ideas.

Imported proposals keep the status the original system gave them, except
that an approved one whose decision text reports the work done becomes
implemented. Their history in Idébanken is reconstructed from that status,
the outcome and the decision text, as records marked `is_derived`, and no
step is dated before the decision date its text names. Proposals still
open (submitted, awaiting a decision, paused, approved, implemented) get a
running process so that the demo users can take the next step, and a few approved
ones are carried on through plan, implementation and evaluation by the
demo users. New ideas by the demo employee show the earlier steps and the
giver's notifications.

Everything here is safe to run again: an idea that already has a timeline
is left alone.
"""

import logging
import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from wagtail.models import TaskState

from ideapages.lifecycle import change_status
from ideapages.models import Category, IdeaIndexPage, IdeaPage, Unit
from ideapages.status import IdeaStatus
from ideapages.submission import create_idea

from .decision_text import decided_on, reports_done
from .models import (
    Assessment,
    AssessmentOutcome,
    AssessmentTask,
    Decision,
    DecisionBasis,
    DecisionLevel,
    DecisionOutcome,
    EvaluationTask,
    ImplementationReport,
    ManagementDecisionTask,
    PlanTask,
    ProcessAction,
    ProcessEvent,
)
from .process import current_workflow_state, move_to, start_process
from .transitions import perform

logger = logging.getLogger(__name__)

# Days after submission at which a reconstructed step is dated. Göteborg's
# e-proposals collected signatures for 90 days before a committee got them.
SIGNATURE_PERIOD = timedelta(days=90)
BASIS_AFTER = timedelta(days=120)
DECISION_AFTER = timedelta(days=180)
# When a text reports the work done but names no date.
COMPLETED_AFTER = timedelta(days=365)

APPROVING_OUTCOMES = ("Genomförs delvis", "Genomförs fullt ut")

NO_DETAILS = "Framgår inte av ärendet i det tidigare systemet."
CLOSING_MOTIVATIONS = {
    "För få underskrifter": (
        "Förslaget samlade för få underskrifter under insamlingstiden och "
        "lämnades därför inte vidare till någon nämnd."
    ),
    "Uppfyller ej regelverket": "Förslaget uppfyllde inte regelverket för e-förslag.",
    "Redan omhändertaget": "Frågan var redan omhändertagen när förslaget kom in.",
}
PAUSING_MOTIVATION = "Förslaget tas med i framtida planering."
DECLINING_MOTIVATION = "Nämnden beslutade att inte genomföra förslaget."
APPROVING_MOTIVATION = "Nämnden beslutade att genomföra förslaget."


@dataclass
class DemoReport:
    derived: int = 0
    opened: int = 0
    carried_on: int = 0
    new_ideas: int = 0
    skipped: list = field(default_factory=list)


def demo_user(username: str):
    return get_user_model().objects.filter(username=username, is_active=True).first()


def capped(moment):
    """Return `moment`, or now if it lies in the future."""
    return min(moment, timezone.now())


# Reconstructed histories -------------------------------------------------------


def spread(start, end, offsets) -> list:
    """Return a moment for each offset after `start`, all before `end`.

    The steps keep their usual offsets when the last of them comes before
    `end`. Otherwise they share the time before `end` evenly, in order.
    """
    span = end - start
    if max(offsets) < span:
        return [start + offset for offset in offsets]
    count = len(offsets)
    return [start + span * position / (count + 1) for position in range(1, count + 1)]


class HistoryBuilder:
    """Collect the derived events and records of imported ideas for bulk saving.

    `waiting_since` keeps, per idea, the moment of its last derived step,
    which is when an idea still open began to wait where it is. `completed`
    contains the ideas whose decision text reports the work done.
    """

    def __init__(self, implementer=None):
        self.implementer = implementer
        self.events = []
        self.assessments = []
        self.bases = []
        self.decisions = []
        self.reports = []
        self.waiting_since = {}
        self.completed = set()

    def event(self, idea, action, status, moment, motivation=""):
        moment = capped(moment)
        self.events.append(
            ProcessEvent(
                idea=idea,
                action=action,
                status=status,
                created_at=moment,
                motivation=motivation,
                is_derived=True,
            )
        )
        self.waiting_since[idea.pk] = moment

    def assessment(self, idea, outcome, moment, motivation):
        self.assessments.append(
            Assessment(
                idea=idea,
                outcome=outcome,
                motivation=motivation,
                created_at=capped(moment),
                is_derived=True,
            )
        )

    def assessed(self, idea, outcome, action, status, moment, motivation):
        self.assessment(idea, outcome, moment, motivation)
        self.event(idea, action, status, moment, motivation)

    def developed_to_decision(self, idea, decided_at=None):
        """Reconstruct assessment, development and decision basis of a sent proposal.

        Both steps come before `decided_at` when the decision is known.
        """
        start = idea.submitted_at
        offsets = [SIGNATURE_PERIOD, BASIS_AFTER]
        if decided_at is None:
            assessed_at, basis_at = (start + offset for offset in offsets)
        else:
            assessed_at, basis_at = spread(start, decided_at, offsets)
        recipient = idea.source_recipient.split(";")[0].strip() or "nämnden"
        motivation = (
            "Förslaget fick tillräckligt många underskrifter och lämnades till "
            f"{recipient} för beslut."
        )
        self.assessed(
            idea,
            AssessmentOutcome.DEVELOP,
            ProcessAction.ASSESSMENT_DEVELOP,
            IdeaStatus.DEVELOPING,
            assessed_at,
            motivation,
        )
        self.bases.append(
            DecisionBasis(
                idea=idea,
                summary=idea.summary,
                resources=NO_DETAILS,
                effects_short_term=NO_DETAILS,
                effects_long_term=NO_DETAILS,
                created_at=capped(basis_at),
                is_derived=True,
            )
        )
        self.event(
            idea,
            ProcessAction.DECISION_BASIS_SEND,
            IdeaStatus.AWAITING_DECISION,
            basis_at,
        )

    def decision(self, idea, outcome, action, status, moment, motivation):
        # Imported decisions name no implementer. The demo appoints the demo
        # implementer, so that someone can write the plan of an approved idea.
        implementer = self.implementer if outcome == DecisionOutcome.APPROVE else None
        self.decisions.append(
            Decision(
                idea=idea,
                level=DecisionLevel.MANAGEMENT,
                outcome=outcome,
                motivation=motivation,
                resources="Enligt nämndens beslut."
                if outcome == DecisionOutcome.APPROVE
                else "",
                implementer=implementer,
                created_at=capped(moment),
                is_derived=True,
            )
        )
        self.event(idea, action, status, moment, motivation)

    def approved(self, idea, text, decided_at):
        """Reconstruct an approval; a text that reports the work done completes it."""
        if reports_done(text):
            self.completed_approval(idea, text, decided_at)
            return
        decided_at = decided_at or idea.submitted_at + DECISION_AFTER
        self.developed_to_decision(idea, decided_at)
        self.decision(
            idea,
            DecisionOutcome.APPROVE,
            ProcessAction.MANAGEMENT_APPROVE,
            IdeaStatus.APPROVED,
            decided_at,
            text or APPROVING_MOTIVATION,
        )

    def completed_approval(self, idea, text, done_at):
        """Reconstruct an approval whose decision text closed the matter as done.

        The text dates and explains the completion. The approval before it
        is not in the data, so it gets the usual wording and an earlier date.
        """
        done_at = done_at or idea.submitted_at + COMPLETED_AFTER
        approved_at = spread(idea.submitted_at, done_at, [DECISION_AFTER])[0]
        self.developed_to_decision(idea, approved_at)
        self.decision(
            idea,
            DecisionOutcome.APPROVE,
            ProcessAction.MANAGEMENT_APPROVE,
            IdeaStatus.APPROVED,
            approved_at,
            APPROVING_MOTIVATION,
        )

        self.completed.add(idea.pk)
        self.reports.append(
            ImplementationReport(
                idea=idea, summary=text, created_at=capped(done_at), is_derived=True
            )
        )
        self.event(
            idea,
            ProcessAction.IMPLEMENTATION_COMPLETE,
            IdeaStatus.IMPLEMENTED,
            done_at,
            text,
        )

    def add(self, idea):
        """Reconstruct the history of one imported idea from its real data.

        A step that quotes the decision text is dated on the latest date the
        text names, when it names one, and the steps before it come earlier.
        """
        start = idea.submitted_at
        self.event(idea, ProcessAction.SUBMIT, IdeaStatus.SUBMITTED, start)
        outcome = idea.source_outcome
        text = idea.decision_text.strip()
        if not text.strip(" ."):
            # Some records hold only a full stop where the text would be.
            text = ""
        decided_at = decided_on(text, start)
        if outcome in CLOSING_MOTIVATIONS:
            self.assessed(
                idea,
                AssessmentOutcome.CLOSE,
                ProcessAction.ASSESSMENT_CLOSE,
                IdeaStatus.CLOSED,
                decided_at or start + SIGNATURE_PERIOD,
                text or CLOSING_MOTIVATIONS[outcome],
            )
        elif outcome == "Tas med i framtida planering":
            self.assessed(
                idea,
                AssessmentOutcome.PAUSE,
                ProcessAction.ASSESSMENT_PAUSE,
                IdeaStatus.PAUSED,
                decided_at or start + SIGNATURE_PERIOD,
                text or PAUSING_MOTIVATION,
            )
        elif outcome == "Genomförs ej":
            decided_at = decided_at or start + DECISION_AFTER
            self.developed_to_decision(idea, decided_at)
            self.decision(
                idea,
                DecisionOutcome.DECLINE,
                ProcessAction.MANAGEMENT_DECLINE,
                IdeaStatus.CLOSED,
                decided_at,
                text or DECLINING_MOTIVATION,
            )
        elif outcome in APPROVING_OUTCOMES:
            self.approved(idea, text, decided_at)
        elif idea.status == IdeaStatus.AWAITING_DECISION:
            self.developed_to_decision(idea)

    def save(self):
        ProcessEvent.objects.bulk_create(self.events, batch_size=500)
        Assessment.objects.bulk_create(self.assessments, batch_size=500)
        DecisionBasis.objects.bulk_create(self.bases, batch_size=500)
        Decision.objects.bulk_create(self.decisions, batch_size=500)
        ImplementationReport.objects.bulk_create(self.reports, batch_size=500)


# The task at which an open imported idea waits, by its status.
OPEN_TASKS = {
    IdeaStatus.SUBMITTED: AssessmentTask,
    IdeaStatus.PAUSED: AssessmentTask,
    IdeaStatus.AWAITING_DECISION: ManagementDecisionTask,
    IdeaStatus.APPROVED: PlanTask,
    IdeaStatus.IMPLEMENTED: EvaluationTask,
}


def open_process_at(idea, task_class, since):
    """Start the process on an imported idea and place it at `task_class`.

    Steps the idea took before it came to Idébanken are marked skipped in
    the workflow; their content is in the derived records.
    """
    workflow = idea.get_workflow()
    workflow_state = workflow.start(idea, None)
    task_state = workflow_state.current_task_state
    if task_class is not AssessmentTask:
        task_state.status = TaskState.STATUS_SKIPPED
        task_state.finished_at = since
        task_state.save(update_fields=["status", "finished_at"])
        task_state = move_to(workflow_state, task_class, None)
    TaskState.objects.filter(pk=task_state.pk).update(started_at=since)
    if idea.status == IdeaStatus.PAUSED:
        task_state.specific.__class__.objects.filter(pk=task_state.pk).update(
            paused_at=since
        )


def derive_histories(report: DemoReport) -> list[IdeaPage]:
    """Reconstruct histories for imported ideas that have none; return the new ones."""
    ideas = list(
        IdeaPage.objects.filter(external_id__isnull=False, process_events__isnull=True)
        .order_by("submitted_at", "pk")
        .distinct()
    )
    builder = HistoryBuilder(implementer=demo_user("utforare"))
    with transaction.atomic():
        for idea in ideas:
            builder.add(idea)
        builder.save()
        for idea in ideas:
            if idea.pk in builder.completed:
                # The original system has no status for work that is done.
                change_status(idea, IdeaStatus.IMPLEMENTED)
            task_class = OPEN_TASKS.get(idea.status)
            if task_class is not None and idea.get_workflow() is not None:
                open_process_at(idea, task_class, builder.waiting_since[idea.pk])
                report.opened += 1
    report.derived = len(ideas)
    return ideas


def open_missing_processes(report: DemoReport) -> None:
    """Start the process on imported submitted ideas that have none running.

    A demo database loaded before submitted ideas got a process has their
    histories already, so derive_histories() passes them by.
    """
    ideas = IdeaPage.objects.filter(
        external_id__isnull=False, status=IdeaStatus.SUBMITTED
    ).order_by("pk")
    with transaction.atomic():
        for idea in ideas:
            if idea.get_workflow() is None or current_workflow_state(idea):
                continue
            open_process_at(idea, AssessmentTask, idea.submitted_at)
            report.opened += 1


# Carrying imported approved ideas on ------------------------------------------


def take(idea, user, action, **data):
    """Take an action as a demo user, as the admin form would post it."""
    state = current_workflow_state(idea).current_task_state.specific
    return perform(
        state,
        user,
        action,
        {"task_state_id": state.pk, "version": state.version, **data},
    )


def plan_data(idea, done: bool) -> dict:
    """Return a plan for a carried-on idea; a finished one has its milestones done."""
    today = timezone.localdate() - timedelta(days=300 if done else 0)
    decision = idea.decision_text.strip() or APPROVING_MOTIVATION
    return {
        "description": (
            "Genomförandet följer beslutet i ärendet: "
            f"{decision[:600]}\n\nPlanen skrivs tillsammans med förslagsställaren."
        ),
        "participants": "Utföraren, idégivaren och den berörda förvaltningen.",
        "milestones": [
            {
                "title": "Planering och förankring klar",
                "due_date": (today + timedelta(days=30)).isoformat(),
                "done": done,
            },
            {
                "title": "Genomförande",
                "due_date": (today + timedelta(days=120)).isoformat(),
                "done": done,
            },
            {
                "title": "Uppföljning och utvärdering",
                "due_date": (today + timedelta(days=240)).isoformat(),
                "done": done,
            },
        ],
    }


# How far some imported ideas with "Genomförs fullt ut" are carried on. Those
# decided longest ago end implemented or evaluated, with their plan done. The
# most recently decided end in planning or implementation, whose plans have
# milestones still ahead. The rest wait for their plan.
FINISHED_ENDS = ["evaluate", "evaluate", "mark-implemented", "mark-implemented"]
RUNNING_ENDS = ["anchor-plan", "anchor-plan", "save-plan", "save-plan"]
CARRY_ON_STEPS = ["save-plan", "anchor-plan", "mark-implemented", "evaluate"]


def carry_on_ends(ideas) -> list[tuple]:
    """Pair the imported ideas to carry on with the step each of them ends at.

    Only approved ideas qualify, so an idea whose decision text reports the
    work done, which the derived history already completed, is never planned.
    """
    approved = [
        idea
        for idea in ideas
        if idea.source_outcome == "Genomförs fullt ut"
        and idea.status == IdeaStatus.APPROVED
    ]
    decided = dict(
        Decision.objects.filter(
            idea__in=approved, outcome=DecisionOutcome.APPROVE
        ).values_list("idea", "created_at")
    )
    approved.sort(key=lambda idea: (decided.get(idea.pk, idea.submitted_at), idea.pk))
    finished = list(zip(approved, FINISHED_ENDS, strict=False))
    remaining = approved[len(finished) :]
    running = list(zip(reversed(remaining), RUNNING_ENDS, strict=False))
    return finished + running


def carry_on(ideas, report: DemoReport) -> None:
    implementer = demo_user("utforare")
    innovation = demo_user("innovation")
    if implementer is None or innovation is None:
        report.skipped.append("carrying approved ideas on: demo users missing")
        return
    for idea, last_step in carry_on_ends(ideas):
        actor_data = {
            "save-plan": (
                implementer,
                plan_data(idea, done=last_step in ("mark-implemented", "evaluate")),
            ),
            "anchor-plan": (
                innovation,
                {"anchoring_note": "Förankrad i förvaltningsledningens möte."},
            ),
            "mark-implemented": (
                implementer,
                {"summary": "Förslaget är genomfört enligt planen."},
            ),
            "evaluate": (
                innovation,
                {
                    "effects": (
                        "Förslaget är genomfört som nämnden beslutade, och de "
                        "berörda verksamheterna har tagit det i bruk."
                    ),
                    "lessons": (
                        "Förslag som prövas mot uppdraget tidigt går snabbare "
                        "att genomföra."
                    ),
                    "other_units": "Andra förvaltningar med liknande uppdrag.",
                },
            ),
        }
        for step in CARRY_ON_STEPS[: CARRY_ON_STEPS.index(last_step) + 1]:
            user, data = actor_data[step]
            with transaction.atomic():
                take(idea, user, step, **data)
        report.carried_on += 1


# New demo ideas ---------------------------------------------------------------


@dataclass(frozen=True)
class DemoIdea:
    key: str
    title: str
    summary: str
    description: str
    category: str
    steps: tuple = ()


DEMO_IDEAS = [
    DemoIdea(
        "7b6f2d1e-0c1a-4c8e-9d59-1a2b3c4d5e01",
        "Digital blankett för avvikelser i hemtjänsten",
        "Avvikelser rapporteras på papper och skrivs av i efterhand. En digital "
        "blankett i mobilen sparar tid och gör att inget försvinner.",
        "I dag fyller vi i en pappersblankett när något avviker från planen hos "
        "en brukare, och blanketten lämnas på kontoret i slutet av passet. Den "
        "skrivs sedan av i verksamhetssystemet. Flera blanketter har kommit bort.",
        "Vård och omsorg",
    ),
    DemoIdea(
        "7b6f2d1e-0c1a-4c8e-9d59-1a2b3c4d5e02",
        "Gemensam bokning av förvaltningens bilar",
        "Varje enhet bokar sina bilar i egna pärmar. En gemensam bokning skulle "
        "visa lediga bilar för alla och minska antalet bilar som står still.",
        "Bilarna står ofta oanvända en hel dag samtidigt som en annan enhet hyr "
        "bil. Bokningen kan göras i den kalender vi redan har.",
        "Trafik och kommunikationer",
    ),
    DemoIdea(
        "7b6f2d1e-0c1a-4c8e-9d59-1a2b3c4d5e03",
        "Checklista när nya medarbetare börjar",
        "Nya medarbetare får olika introduktion beroende på vem som tar emot dem. "
        "En gemensam checklista ser till att behörigheter och nycklar är klara "
        "första dagen.",
        "Flera nyanställda har fått vänta en vecka på behörighet till "
        "verksamhetssystemet, vilket kom fram som avvikelse vid två tillfällen.",
        "Övrigt/Annat",
        ("start",),
    ),
    DemoIdea(
        "7b6f2d1e-0c1a-4c8e-9d59-1a2b3c4d5e04",
        "Återbruk av kontorsmöbler mellan enheterna",
        "När en enhet flyttar slängs ofta fungerande möbler. En intern lista över "
        "möbler som blir över kan ge dem till enheter som behöver.",
        "Vid den senaste flytten kördes två lass skrivbord och stolar till "
        "återvinningen, samtidigt som en annan enhet köpte nya.",
        "Miljö och hälsa",
        ("start", "develop"),
    ),
    DemoIdea(
        "7b6f2d1e-0c1a-4c8e-9d59-1a2b3c4d5e05",
        "Sms-påminnelse inför hembesök",
        "Brukare glömmer ibland bokade hembesök. Ett sms dagen före skulle minska "
        "antalet besök där ingen öppnar.",
        "Förra månaden var ingen hemma vid elva planerade besök. Varje sådant "
        "besök kostar en halv arbetstimme.",
        "Vård och omsorg",
        ("start", "develop", "start-compiling"),
    ),
    DemoIdea(
        "7b6f2d1e-0c1a-4c8e-9d59-1a2b3c4d5e06",
        "Ljudabsorbenter i personalrummet",
        "Personalrummet ekar så att det är svårt att prata vid lunch. Några "
        "ljudabsorbenter i taket skulle göra rummet användbart för möten.",
        "Skyddsombudet har tagit upp ljudmiljön vid två skyddsronder.",
        "Övrigt/Annat",
        ("start", "direct"),
    ),
    DemoIdea(
        "7b6f2d1e-0c1a-4c8e-9d59-1a2b3c4d5e07",
        "Samlad lista över vikarier",
        "Varje enhet har en egen lista över vikarier. En gemensam lista med "
        "behörigheter och tillgänglighet gör det snabbare att hitta vikarie.",
        "Vid sjukdom ringer chefen ofta runt i en timme innan en vikarie är klar.",
        "Övrigt/Annat",
        ("start", "develop", "send-to-management"),
    ),
    DemoIdea(
        "7b6f2d1e-0c1a-4c8e-9d59-1a2b3c4d5e08",
        "Cykelpool för tjänsteresor",
        "Korta tjänsteresor görs ofta med bil. Några förvaltningscyklar att låna "
        "skulle minska utsläppen och ge motion.",
        "Hälften av bilbokningarna gäller resor under tre kilometer.",
        "Miljö och hälsa",
        ("start", "develop", "send-to-management", "approve-implementation"),
    ),
    DemoIdea(
        "7b6f2d1e-0c1a-4c8e-9d59-1a2b3c4d5e09",
        "Gemensam kalender för friskvård",
        "Friskvårdsaktiviteter annonseras på olika anslagstavlor. En gemensam "
        "kalender på intranätet skulle nå fler.",
        "Flera aktiviteter har ställts in för att för få anmälde sig.",
        "Kultur och fritid",
        ("start", "pause"),
    ),
    DemoIdea(
        "7b6f2d1e-0c1a-4c8e-9d59-1a2b3c4d5e10",
        "Egen kaffemaskin på varje våning",
        "Kön till kaffemaskinen är lång på förmiddagen. En maskin per våning "
        "skulle korta väntan.",
        "",
        "Övrigt/Annat",
        ("start", "close"),
    ),
]


def assessment_demo_data(outcome_text: str, **extra) -> dict:
    from .models import CRITERIA, Judgement

    data = {}
    for prefix, _label in CRITERIA:
        data[f"{prefix}_judgement"] = Judgement.MET
        data[f"{prefix}_comment"] = ""
    data["balance_judgement"] = Judgement.PARTLY_MET
    data["balance_comment"] = "Kostnaden behöver uppskattas närmare."
    data["motivation"] = outcome_text
    data.update(extra)
    return data


def demo_step_data(step: str, users: dict) -> tuple:
    """Return who takes a demo step and with what data."""
    steps = {
        "start": (users["ambassador"], {}),
        "develop": (
            users["ambassador"],
            assessment_demo_data(
                "Idén berör många medarbetare och kan spara tid. Vi utvecklar den "
                "vidare tillsammans med dig innan ledningsgruppen beslutar."
            ),
        ),
        "direct": (
            users["ambassador"],
            assessment_demo_data(
                "Idén är enkel att genomföra inom enheten, så enhetschefen får "
                "besluta direkt.",
                unit_head=users["enhetschef"].pk,
            ),
        ),
        "pause": (
            users["ambassador"],
            assessment_demo_data(
                "Idén är bra men intranätet byts ut nästa år. Vi tar upp den när "
                "det nya intranätet finns."
            ),
        ),
        "close": (
            users["ambassador"],
            assessment_demo_data(
                "Idén gäller bara en våning och kostar mer än den ger; kön kan "
                "kortas genom att sprida ut fikapauserna.",
                balance_judgement="not_met",
            ),
        ),
        "start-compiling": (users["innovation"], {}),
        "send-to-management": (
            users["innovation"],
            {
                "summary": "En gemensam lista i det befintliga schemasystemet.",
                "resources": "Två dagars arbete för systemförvaltaren.",
                "effects_short_term": "Chefer hittar vikarie på minuter.",
                "effects_long_term": "Färre pass utan bemanning.",
            },
        ),
        "approve-implementation": (
            users["ledning"],
            {
                "resources": "15 000 kronor för cyklar och lås.",
                "implementer": users["utforare"].pk,
                "motivation": "Liten kostnad, och idén stödjer miljömålen.",
            },
        ),
    }
    return steps[step]


def create_demo_ideas(report: DemoReport) -> None:
    names = ["medarbetare", "ambassador", "innovation", "ledning", "enhetschef"]
    users = {name: demo_user(name) for name in [*names, "utforare"]}
    index_page = IdeaIndexPage.objects.live().first()
    if index_page is None or any(user is None for user in users.values()):
        report.skipped.append("new demo ideas: demo users or idea list missing")
        return
    # Ideas from staff concern the administration as a whole.
    unit = Unit.objects.filter(name="Kommunstyrelsen").first()
    for demo in DEMO_IDEAS:
        category, _created = Category.objects.get_or_create(name=demo.category)
        idea, created = create_idea(
            index_page,
            users["medarbetare"],
            {
                "title": demo.title,
                "summary": demo.summary,
                "description": demo.description,
                "category": category,
                "unit": unit,
                "from_deviation": "avvikelse" in demo.description,
                "deviation_reference": "",
                "submission_key": uuid.UUID(demo.key),
            },
        )
        if not created:
            continue
        # Submission starts the process once its transaction commits. Start
        # it here too, because a caller may have a transaction open.
        start_process(idea, users["medarbetare"])
        for step in demo.steps:
            user, data = demo_step_data(step, users)
            with transaction.atomic():
                take(idea, user, step, **data)
        report.new_ideas += 1


def load_process_demo() -> DemoReport:
    report = DemoReport()
    ideas = derive_histories(report)
    open_missing_processes(report)
    carry_on(ideas, report)
    create_demo_ideas(report)
    logger.info(
        "idea process demo loaded derived=%s opened=%s carried_on=%s new=%s",
        report.derived,
        report.opened,
        report.carried_on,
        report.new_ideas,
    )
    return report
