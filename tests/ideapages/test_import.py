"""Importing Göteborg's e-proposals with `manage.py import_ideas`.

The records below are real e-proposals, copied unchanged from the export
that `make demo` imports. Malformed records are made from them by changing
one field.
"""

import json
from datetime import datetime
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from ideapages.models import Category, IdeaPage, Unit
from ideapages.status import IdeaStatus

DATA_FILE = (
    Path(settings.BASE_DIR).parent
    / "shared"
    / "data"
    / "goteborg-e-forslag-2017-2020.json"
)
STOCKHOLM = ZoneInfo("Europe/Stockholm")

INDUSTRY_CENTRE = {
    "MatterId": 5306,
    "CreatedAt": "2020-12-29T14:01:32",
    "Gäller": "Kultur och fritid",
    "Rubrik": "Skapa ett Västsvenskt Industrihistoriskt Center i Göteborg",
    "Sammanfattning": (
        "Västsverige, basen för det Svenska industriella och ekonomiska "
        "välståndet, behöver en visualisering av industrihistorien genom "
        "skapandet av ett Västsvenskt Industrihistoriskt Center"
    ),
    "Status": "Godkänd arkiverad",
    "Lämnas_till": "Kulturnämnden",
    "Resultat": "Genomförs ej",
    "Beslut": (
        "Kulturnämnden beslutade vid sitt sammanträde 2021-06-21 att avslå ditt "
        "Göteborgsförslag om ett Västsvenskt Industrihistoriskt Center."
    ),
    "Röster": "213",
}
TOO_FEW_SIGNATURES = {
    "MatterId": 5300,
    "CreatedAt": "2020-12-19T11:52:44",
    "Gäller": "Kultur och fritid",
    "Rubrik": "Skatås/Delsjöområdet - alla friluftsområden.",
    "Sammanfattning": "Förtydliga gång och cykelregler.",
    "Status": "Godkänd arkiverad",
    "Lämnas_till": "Park- och naturnämnden",
    "Resultat": "För få underskrifter",
    "Beslut": "",
    "Röster": "32",
}
AWAITING_DECISION = {
    "MatterId": 4194,
    "CreatedAt": "2020-07-01T13:55:26",
    "Gäller": "Kultur och fritid",
    "Rubrik": "Skateboardpark i Majorna!",
    "Sammanfattning": "Ge ungdomarna i Majorna en egen Skateboardpark!",
    "Status": "Inväntar beslut från nämnd",
    "Lämnas_till": "Park- och naturnämnden",
    "Resultat": "",
    "Beslut": "",
    "Röster": "729",
}
FULLY_IMPLEMENTED = {
    "MatterId": 563,
    "CreatedAt": "2017-09-18T13:07:33",
    "Gäller": "Trafik och kommunikationer",
    "Rubrik": "Servicestationer för cyklar",
    "Sammanfattning": (
        "Bygg publika servicestationer för cyklar\n- för att göra det enklare "
        "och roligare för dem som vill cykla i Göteborg"
    ),
    "Status": "Godkänd arkiverad",
    "Lämnas_till": "Trafiknämnden",
    "Resultat": "Genomförs fullt ut",
    "Beslut": (
        "Trafiknämnden beslutade 2019-12-12 att \xa0förklara uppdraget TN "
        "2019-02-07 § 43 angående koncept för servicestationer för cykel fullgjort."
    ),
    "Röster": "221",
}
FUTURE_PLANNING = {
    "MatterId": 3140,
    "CreatedAt": "2020-05-04T12:16:49",
    "Gäller": "Miljö och hälsa",
    "Rubrik": "Rädda Fritidsbanken i Göteborg",
    "Sammanfattning": (
        "Med detta Göteborgsförslag vill undertecknade att Göteborgs stad ska ta "
        "ansvar för att bevara Fritidsbanken i Frölunda."
    ),
    "Status": "Godkänd arkiverad",
    "Lämnas_till": "Stadsdelsnämnd Askim-Frölunda-Högsbo",
    "Resultat": "Tas med i framtida planering",
    "Beslut": (
        "Stadsdelsnämnden Askim-Frölunda-Högsbo hade upp göteborgsförslag 3140 på "
        "sitt sammanträde 24 september 2020. Stadsdelsnämnden\nbeslutade att "
        "ställa sig bakom förvaltningens bedömning om vidare hantering och\n"
        "förutsättningar för fortsatt drift av Fritidsbanken i Frölunda."
    ),
    "Röster": "280",
}
TWO_RECIPIENTS = {
    "MatterId": 5275,
    "CreatedAt": "2020-11-18T13:53:12",
    "Gäller": "Gata, park och lekplatser",
    "Rubrik": "Boulebana i Påvelund",
    "Sammanfattning": "En boulebana på lekplatsen i Påvelund.",
    "Status": "Godkänd arkiverad",
    "Lämnas_till": "Ingen mottagare - för få underskrifter; Park- och naturnämnden",
    "Resultat": "För få underskrifter",
    "Beslut": "",
    "Röster": "22",
}
NO_RECIPIENT = {
    "MatterId": 5293,
    "CreatedAt": "2020-12-11T19:56:40",
    "Gäller": "Övrigt/Annat",
    "Rubrik": "Gårdsten",
    "Sammanfattning": "Att byta namn på Gårdsten",
    "Status": "Godkänd arkiverad",
    "Lämnas_till": "Ingen mottagare - för få underskrifter",
    "Resultat": "Uppfyller ej regelverket",
    "Beslut": "Informerat om att skicka som synpunkt 2020-12-16",
    "Röster": "0",
}
RULED_OUT_WHILE_AWAITING = {
    "MatterId": 5297,
    "CreatedAt": "2020-12-15T11:00:02",
    "Gäller": "Trafik och kommunikationer",
    "Rubrik": "Bygg ut Färjtrafiken mellan Hisingen och Majorna.",
    "Sammanfattning": (
        "Bygg ut Färjetrafiken över Göta Älv i Göteborg istället för att anlägga "
        "en Bro eller Tunnel mellan Lindholmen och Stigberget. En stor del av "
        "Resandet till och från Hisingen skulle då underlättas."
    ),
    "Status": "Inväntar beslut från nämnd",
    "Lämnas_till": "Trafiknämnden",
    "Resultat": "Uppfyller ej regelverket",
    "Beslut": ".",
    "Röster": "231",
}
REAL_RECORDS = [
    INDUSTRY_CENTRE,
    TOO_FEW_SIGNATURES,
    AWAITING_DECISION,
    FULLY_IMPLEMENTED,
    FUTURE_PLANNING,
    TWO_RECIPIENTS,
    NO_RECIPIENT,
    RULED_OUT_WHILE_AWAITING,
]


@pytest.fixture
def import_file(tmp_path):
    """Return a function that writes records to a JSON file and imports it.

    The function returns the command's standard output and error output.
    """

    def run(records, name="forslag.json") -> tuple[str, str]:
        path = tmp_path / name
        path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
        stdout, stderr = StringIO(), StringIO()
        call_command("import_ideas", str(path), stdout=stdout, stderr=stderr)
        return stdout.getvalue(), stderr.getvalue()

    return run


REMOVE = object()


def changed(record: dict, **fields) -> dict:
    """Return a copy of a real record with some fields replaced or REMOVE'd."""
    copy = dict(record)
    for key, value in fields.items():
        if value is REMOVE:
            copy.pop(key, None)
        else:
            copy[key] = value
    return copy


def imported(matter_id: int) -> IdeaPage:
    return IdeaPage.objects.get(external_id=f"goteborg-e-forslag:{matter_id}")


@pytest.mark.django_db
class TestImportedIdea:
    @pytest.fixture(autouse=True)
    def run_import(self, import_file):
        import_file([INDUSTRY_CENTRE])

    def test_record_becomes_live_idea(self, index_page):
        idea = imported(5306)

        assert idea.live
        assert idea.get_parent().pk == index_page.pk

    def test_title_and_summary_are_kept(self):
        idea = imported(5306)

        assert idea.title == INDUSTRY_CENTRE["Rubrik"]
        assert idea.summary == INDUSTRY_CENTRE["Sammanfattning"]

    def test_category_is_created(self):
        assert imported(5306).category == Category.objects.get(name="Kultur och fritid")

    def test_committee_becomes_unit(self):
        assert imported(5306).unit == Unit.objects.get(name="Kulturnämnden")

    def test_submission_time_is_swedish_local(self):
        expected = datetime(2020, 12, 29, 14, 1, 32, tzinfo=STOCKHOLM)

        assert imported(5306).submitted_at == expected

    def test_first_published_is_submission_time(self):
        idea = imported(5306)

        assert idea.first_published_at == idea.submitted_at

    def test_original_status_and_outcome_are_kept(self):
        idea = imported(5306)

        assert idea.source_status == "Godkänd arkiverad"
        assert idea.source_outcome == "Genomförs ej"
        assert idea.source_recipient == "Kulturnämnden"

    def test_decision_text_is_kept(self):
        assert imported(5306).decision_text == INDUSTRY_CENTRE["Beslut"]

    def test_signatures_become_supports(self):
        assert imported(5306).external_support_count == 213

    def test_imported_idea_has_no_giver(self):
        assert imported(5306).owner is None

    def test_imported_idea_has_no_submission_key(self):
        assert imported(5306).submission_key is None

    def test_imported_idea_is_listed(self, employee_client):
        response = employee_client.get("/ideer/")

        assert INDUSTRY_CENTRE["Rubrik"] in response.text

    def test_imported_idea_page_opens(self, employee_client):
        response = employee_client.get(imported(5306).url)

        assert response.status_code == 200
        assert "Kulturnämnden beslutade vid sitt sammanträde" in response.text


@pytest.mark.django_db
class TestStatusMapping:
    @pytest.mark.parametrize(
        ("record", "status"),
        [
            (INDUSTRY_CENTRE, IdeaStatus.CLOSED),
            (TOO_FEW_SIGNATURES, IdeaStatus.CLOSED),
            (NO_RECIPIENT, IdeaStatus.CLOSED),
            (RULED_OUT_WHILE_AWAITING, IdeaStatus.CLOSED),
            (AWAITING_DECISION, IdeaStatus.AWAITING_DECISION),
            (FULLY_IMPLEMENTED, IdeaStatus.APPROVED),
            (FUTURE_PLANNING, IdeaStatus.PAUSED),
        ],
    )
    def test_status_follows_outcome(self, import_file, record, status):
        import_file([record])

        assert imported(record["MatterId"]).status == status

    @pytest.mark.parametrize(
        ("outcome", "status"),
        [
            ("Genomförs delvis", IdeaStatus.APPROVED),
            ("Redan omhändertaget", IdeaStatus.CLOSED),
        ],
    )
    def test_other_known_outcomes(self, import_file, outcome, status):
        import_file([changed(INDUSTRY_CENTRE, Resultat=outcome)])

        assert imported(5306).status == status

    def test_open_proposal_without_outcome(self, import_file):
        record = changed(AWAITING_DECISION, Status="Samlar underskrifter")

        import_file([record])

        assert imported(4194).status == IdeaStatus.SUBMITTED


@pytest.mark.django_db
class TestRecipients:
    def test_first_real_committee_becomes_unit(self, import_file):
        import_file([TWO_RECIPIENTS])

        idea = imported(5275)
        assert idea.unit.name == "Park- och naturnämnden"
        assert idea.source_recipient == TWO_RECIPIENTS["Lämnas_till"]

    def test_no_committee_leaves_unit_empty(self, import_file):
        import_file([NO_RECIPIENT])

        assert imported(5293).unit is None

    def test_shared_committee_is_one_unit(self, import_file):
        import_file([TOO_FEW_SIGNATURES, AWAITING_DECISION])

        assert Unit.objects.filter(name="Park- och naturnämnden").count() == 1

    def test_existing_category_is_reused(self, import_file, category):
        import_file([FULLY_IMPLEMENTED])

        assert imported(563).category == category
        assert Category.objects.filter(name=category.name).count() == 1


@pytest.mark.django_db
class TestImportAgain:
    def test_second_import_reports_unchanged(self, import_file):
        import_file(REAL_RECORDS)

        stdout, stderr = import_file(REAL_RECORDS)

        assert "imported 0, unchanged 8, rejected 0" in stdout
        assert stderr == ""

    def test_second_import_adds_no_ideas(self, import_file):
        import_file(REAL_RECORDS)

        import_file(REAL_RECORDS)

        assert IdeaPage.objects.count() == len(REAL_RECORDS)

    def test_second_import_changes_no_idea(self, import_file):
        import_file(REAL_RECORDS)
        before = list(
            IdeaPage.objects.order_by("pk").values(
                "pk", "title", "status", "latest_revision_id", "last_published_at"
            )
        )

        import_file(REAL_RECORDS)

        after = list(
            IdeaPage.objects.order_by("pk").values(
                "pk", "title", "status", "latest_revision_id", "last_published_at"
            )
        )
        assert after == before

    def test_changed_status_survives_import(self, import_file):
        from ideapages.lifecycle import change_status

        import_file([AWAITING_DECISION])
        change_status(imported(4194), IdeaStatus.ASSESSING)

        import_file([AWAITING_DECISION])

        assert imported(4194).status == IdeaStatus.ASSESSING

    def test_new_records_are_added(self, import_file):
        import_file(REAL_RECORDS[:3])

        stdout, _stderr = import_file(REAL_RECORDS)

        assert "imported 5, unchanged 3, rejected 0" in stdout

    def test_repeated_record_imported_once(self, import_file):
        stdout, _stderr = import_file([INDUSTRY_CENTRE, INDUSTRY_CENTRE])

        assert "imported 1, unchanged 1, rejected 0" in stdout
        assert IdeaPage.objects.count() == 1

    def test_same_title_gets_own_slug(self, import_file):
        twin = changed(INDUSTRY_CENTRE, MatterId=5307)

        import_file([INDUSTRY_CENTRE, twin])

        assert imported(5306).slug != imported(5307).slug


@pytest.mark.django_db
class TestMalformedRecord:
    @pytest.mark.parametrize(
        ("fields", "reason"),
        [
            ({"Rubrik": REMOVE}, "Rubrik is missing"),
            ({"Rubrik": "   "}, "Rubrik is missing"),
            ({"Rubrik": 42}, "Rubrik is not text"),
            ({"Rubrik": "x" * 256}, "Rubrik is longer than 255 characters"),
            ({"Sammanfattning": "x" * 301}, "Sammanfattning is longer than 300"),
            ({"Gäller": ""}, "Gäller is missing"),
            ({"CreatedAt": "2020-13-45T25:61:00"}, "CreatedAt"),
            ({"CreatedAt": "igår"}, "CreatedAt"),
            ({"CreatedAt": ""}, "CreatedAt"),
            ({"CreatedAt": REMOVE}, "CreatedAt is missing"),
            ({"CreatedAt": 1609246892}, "CreatedAt"),
            ({"Röster": "många"}, "Röster"),
            ({"Röster": "12.5"}, "Röster"),
            ({"Röster": "-3"}, "Röster"),
            ({"Röster": "²"}, "Röster"),
            ({"Röster": [213]}, "Röster"),
            ({"Status": "Arkiverad utan beslut"}, "unknown status"),
            ({"Status": REMOVE}, "Status is missing"),
            ({"Resultat": "Genomförs kanske"}, "unknown outcome"),
            ({"Resultat": ""}, "has no outcome"),
            ({"Rubrik": "Skatepark\x00"}, "Rubrik"),
        ],
    )
    def test_bad_field_is_reported(self, import_file, fields, reason):
        _stdout, stderr = import_file([changed(INDUSTRY_CENTRE, **fields)])

        assert stderr.startswith("rejected MatterId 5306: ")
        assert reason in stderr
        assert not IdeaPage.objects.exists()

    def test_rest_of_file_is_imported(self, import_file):
        records = [
            FULLY_IMPLEMENTED,
            changed(INDUSTRY_CENTRE, Rubrik=""),
            AWAITING_DECISION,
        ]

        stdout, _stderr = import_file(records)

        assert "imported 2, unchanged 0, rejected 1" in stdout
        assert {idea.external_id for idea in IdeaPage.objects.all()} == {
            "goteborg-e-forslag:563",
            "goteborg-e-forslag:4194",
        }

    def test_rejected_record_creates_no_category(self, import_file):
        import_file([changed(FUTURE_PLANNING, Resultat="Genomförs kanske")])

        assert not Category.objects.filter(name="Miljö och hälsa").exists()

    @pytest.mark.parametrize(
        ("record", "reason"),
        [
            ("Skateboardpark i Majorna!", "is not a JSON object"),
            (4194, "is not a JSON object"),
            (None, "is not a JSON object"),
            ([AWAITING_DECISION], "is not a JSON object"),
            (changed(AWAITING_DECISION, MatterId=REMOVE), "MatterId is missing"),
            (changed(AWAITING_DECISION, MatterId=None), "MatterId is missing"),
            (changed(AWAITING_DECISION, MatterId=True), "MatterId is missing"),
            (changed(AWAITING_DECISION, MatterId="abc"), "is not a number"),
            (changed(AWAITING_DECISION, MatterId=-4194), "is not a number"),
            (changed(AWAITING_DECISION, MatterId="４１９４"), "is not a number"),
            (changed(AWAITING_DECISION, MatterId="9" * 60), "is too long"),
        ],
    )
    def test_record_without_id_reported_by_position(self, import_file, record, reason):
        stdout, stderr = import_file([FULLY_IMPLEMENTED, record])

        assert stderr.startswith("rejected record 2: ")
        assert reason in stderr
        assert "imported 1, unchanged 0, rejected 1" in stdout

    def test_numeric_text_id_is_accepted(self, import_file):
        import_file([changed(AWAITING_DECISION, MatterId="4194")])

        assert imported(4194).title == "Skateboardpark i Majorna!"

    def test_votes_may_be_missing(self, import_file):
        import_file([changed(AWAITING_DECISION, Röster=REMOVE)])

        assert imported(4194).external_support_count == 0


@pytest.mark.django_db
class TestImportCommand:
    def test_missing_file_is_an_error(self, tmp_path):
        with pytest.raises(CommandError, match="Cannot read"):
            call_command("import_ideas", str(tmp_path / "finns-inte.json"))

    def test_invalid_json_is_an_error(self, tmp_path):
        path = tmp_path / "trasig.json"
        path.write_text('[{"MatterId": 5306,', encoding="utf-8")

        with pytest.raises(CommandError, match="not valid UTF-8 JSON"):
            call_command("import_ideas", str(path))

    def test_other_encoding_is_an_error(self, tmp_path):
        path = tmp_path / "latin1.json"
        path.write_bytes(
            json.dumps([NO_RECIPIENT], ensure_ascii=False).encode("latin-1")
        )

        with pytest.raises(CommandError, match="not valid UTF-8 JSON"):
            call_command("import_ideas", str(path))

    def test_object_instead_of_list_is_an_error(self, tmp_path):
        path = tmp_path / "objekt.json"
        path.write_text(json.dumps(INDUSTRY_CENTRE), encoding="utf-8")

        with pytest.raises(CommandError, match="JSON list"):
            call_command("import_ideas", str(path))

    def test_empty_list_imports_nothing(self, import_file):
        stdout, _stderr = import_file([])

        assert "imported 0, unchanged 0, rejected 0" in stdout


@pytest.mark.skipif(not DATA_FILE.is_file(), reason=f"{DATA_FILE} is not present")
@pytest.mark.django_db
class TestFullFile:
    def test_full_file_imports_every_record(self):
        stdout = StringIO()

        call_command("import_ideas", str(DATA_FILE), stdout=stdout, stderr=StringIO())

        assert "imported 910, unchanged 0, rejected 0" in stdout.getvalue()
        assert IdeaPage.objects.live().count() == 910
        self.check_real_values()

        stdout = StringIO()
        call_command("import_ideas", str(DATA_FILE), stdout=stdout, stderr=StringIO())

        assert "imported 0, unchanged 910, rejected 0" in stdout.getvalue()
        assert IdeaPage.objects.count() == 910

    def check_real_values(self):
        industry_centre = imported(5306)
        assert industry_centre.title == INDUSTRY_CENTRE["Rubrik"]
        assert industry_centre.external_support_count == 213
        assert industry_centre.status == IdeaStatus.CLOSED
        assert imported(4194).status == IdeaStatus.AWAITING_DECISION
        assert imported(563).unit.name == "Trafiknämnden"
        assert Category.objects.count() == 10
        assert IdeaPage.objects.filter(status=IdeaStatus.CLOSED).count() == 851
        assert IdeaPage.objects.filter(status=IdeaStatus.APPROVED).count() == 42
        assert IdeaPage.objects.filter(status=IdeaStatus.PAUSED).count() == 2
        assert (
            IdeaPage.objects.filter(status=IdeaStatus.AWAITING_DECISION).count() == 15
        )
