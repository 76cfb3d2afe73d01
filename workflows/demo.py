"""Demo content for the idea process: histories for imported ideas, and new ideas.

Imported proposals keep the status the original system gave them. Their
history in Idébanken is reconstructed from that status, the outcome and
the decision text, as records marked `is_derived`. Proposals still open
(awaiting a decision, paused, approved) get a running process so that the
demo users can take the next step, and a few approved ones are carried on
through plan, implementation and evaluation by the demo users. New ideas
by the demo employee show the earlier steps and the giver's notifications.

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

from ideapages.models import Category, IdeaIndexPage, IdeaPage, Unit
from ideapages.status import IdeaStatus
from ideapages.submission import create_idea

from .models import (
    Assessment,
    AssessmentOutcome,
    AssessmentTask,
    Decision,
    DecisionBasis,
    DecisionLevel,
    DecisionOutcome,
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


class HistoryBuilder:
    """Collect the derived events and records of imported ideas for bulk saving."""

    def __init__(self, implementer=None):
        self.implementer = implementer
        self.events = []
        self.assessments = []
        self.bases = []
        self.decisions = []

    def event(self, idea, action, status, moment, motivation=""):
        self.events.append(
            ProcessEvent(
                idea=idea,
                action=action,
                status=status,
                created_at=capped(moment),
                motivation=motivation,
                is_derived=True,
            )
        )

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

    def developed_to_decision(self, idea):
        """Reconstruct assessment, development and decision basis of a sent proposal."""
        start = idea.submitted_at
        recipient = idea.source_recipient.split(";")[0].strip() or "nämnden"
        motivation = (
            "Förslaget fick tillräckligt många underskrifter och lämnades till "
            f"{recipient} för beslut."
        )
        self.assessment(
            idea, AssessmentOutcome.DEVELOP, start + SIGNATURE_PERIOD, motivation
        )
        self.event(
            idea,
            ProcessAction.ASSESSMENT_DEVELOP,
            IdeaStatus.DEVELOPING,
            start + SIGNATURE_PERIOD,
            motivation,
        )
        self.bases.append(
            DecisionBasis(
                idea=idea,
                summary=idea.summary,
                resources=NO_DETAILS,
                effects_short_term=NO_DETAILS,
                effects_long_term=NO_DETAILS,
                created_at=capped(start + BASIS_AFTER),
                is_derived=True,
            )
        )
        self.event(
            idea,
            ProcessAction.DECISION_BASIS_SEND,
            IdeaStatus.AWAITING_DECISION,
            start + BASIS_AFTER,
        )

    def decision(self, idea, outcome, action, status, motivation):
        moment = idea.submitted_at + DECISION_AFTER
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

    def add(self, idea):
        """Reconstruct the history of one imported idea from its real data."""
        self.event(idea, ProcessAction.SUBMIT, IdeaStatus.SUBMITTED, idea.submitted_at)
        outcome = idea.source_outcome
        text = idea.decision_text.strip()
        if not text.strip(" ."):
            # Some records hold only a full stop where the text would be.
            text = ""
        later = idea.submitted_at + SIGNATURE_PERIOD
        if outcome in CLOSING_MOTIVATIONS:
            motivation = text or CLOSING_MOTIVATIONS[outcome]
            self.assessment(idea, AssessmentOutcome.CLOSE, later, motivation)
            self.event(
                idea,
                ProcessAction.ASSESSMENT_CLOSE,
                IdeaStatus.CLOSED,
                later,
                motivation,
            )
        elif outcome == "Tas med i framtida planering":
            motivation = text or PAUSING_MOTIVATION
            self.assessment(idea, AssessmentOutcome.PAUSE, later, motivation)
            self.event(
                idea,
                ProcessAction.ASSESSMENT_PAUSE,
                IdeaStatus.PAUSED,
                later,
                motivation,
            )
        elif outcome == "Genomförs ej":
            self.developed_to_decision(idea)
            self.decision(
                idea,
                DecisionOutcome.DECLINE,
                ProcessAction.MANAGEMENT_DECLINE,
                IdeaStatus.CLOSED,
                text or DECLINING_MOTIVATION,
            )
        elif outcome in ("Genomförs delvis", "Genomförs fullt ut"):
            self.developed_to_decision(idea)
            self.decision(
                idea,
                DecisionOutcome.APPROVE,
                ProcessAction.MANAGEMENT_APPROVE,
                IdeaStatus.APPROVED,
                text or APPROVING_MOTIVATION,
            )
        elif idea.status == IdeaStatus.AWAITING_DECISION:
            self.developed_to_decision(idea)

    def save(self):
        ProcessEvent.objects.bulk_create(self.events, batch_size=500)
        Assessment.objects.bulk_create(self.assessments, batch_size=500)
        DecisionBasis.objects.bulk_create(self.bases, batch_size=500)
        Decision.objects.bulk_create(self.decisions, batch_size=500)


# The task at which an open imported idea waits, by its status.
OPEN_TASKS = {
    IdeaStatus.PAUSED: AssessmentTask,
    IdeaStatus.AWAITING_DECISION: ManagementDecisionTask,
    IdeaStatus.APPROVED: PlanTask,
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
            task_class = OPEN_TASKS.get(idea.status)
            if task_class is not None and idea.get_workflow() is not None:
                since = capped(idea.submitted_at + DECISION_AFTER)
                open_process_at(idea, task_class, since)
                report.opened += 1
    report.derived = len(ideas)
    return ideas


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


# How far some of the imported ideas with "Genomförs fullt ut" are carried on,
# the oldest first: two each end in planning, implementation, implemented and
# evaluated, and the rest wait for their plan.
CARRY_ON_TO = [
    "evaluate",
    "evaluate",
    "mark-implemented",
    "mark-implemented",
    "anchor-plan",
    "anchor-plan",
    "save-plan",
    "save-plan",
]
CARRY_ON_STEPS = ["save-plan", "anchor-plan", "mark-implemented", "evaluate"]


def carry_on(ideas, report: DemoReport) -> None:
    implementer = demo_user("utforare")
    innovation = demo_user("innovation")
    if implementer is None or innovation is None:
        report.skipped.append("carrying approved ideas on: demo users missing")
        return
    fully_approved = [
        idea
        for idea in ideas
        if idea.source_outcome == "Genomförs fullt ut"
        and idea.status == IdeaStatus.APPROVED
    ]
    for idea, last_step in zip(fully_approved, CARRY_ON_TO, strict=False):
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
