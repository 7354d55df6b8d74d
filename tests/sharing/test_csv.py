"""CSV downloads of a plan's sections: the rows are the data, the file opens in a
spreadsheet (UTF-8 with BOM), and no cell can run as a formula."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.test import Client
from django.urls import reverse

from careers.models import Track
from plans.models import NetworkingStep, Plan, PortfolioCase
from plans.views import SECTIONS
from sharing.spreadsheet import BOM, FORMULA_STARTS, SHEETS, neutralise, to_csv

from .helpers import add_items

SECTION_KEYS = ["checklist", "courses", "portfolio", "networking", "skills", "milestones"]


# --- Cells --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ('=HYPERLINK("https://evil.example","Click")', '\'=HYPERLINK("https://evil.example","Click")'),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("\uff1d1+1", "'\uff1d1+1"),  # a full-width equals sign
        ("Plain text", "Plain text"),
        ("a=b", "a=b"),
        (" =1+1", " =1+1"),
        ("产品经理", "产品经理"),
        ("", ""),
        (None, ""),
        (True, "yes"),
        (False, "no"),
        (3, 3),
        (0, 0),
        (datetime.date(2026, 3, 4), "2026-03-04"),
    ],
)
def test_a_cell_never_starts_a_formula(value, cell):
    assert neutralise(value) == cell


def test_every_dangerous_start_is_neutralised():
    for start in FORMULA_STARTS:
        assert neutralise(start + "cmd|' /C calc'!A0").startswith("'")


def test_the_file_starts_with_a_bom_and_quotes_text_only():
    text = to_csv([["Title", "Rating (0-4)"], ["产品", 3], ['Say "hi", then', 0]])
    assert text.startswith(BOM)
    assert text[1:] == '"Title","Rating (0-4)"\r\n"产品",3\r\n"Say ""hi"", then",0\r\n'


# --- Downloads -----------------------------------------------------------------------


def download(client: Client, key: str):
    response = client.get(reverse("sharing:csv", args=[key]))
    assert response.status_code == 200, response.status_code
    return response


def parse(response) -> list[list[str]]:
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf"), "UTF-8 with a BOM"
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))


@pytest.fixture
def filled(owner, plan) -> Plan:
    course = plan.course_rows()[0]
    course.note, course.certificate_url = "=cmd|' /C calc'!A0", "https://example.com/certificate"
    course.save()
    course.set_status("completed")
    skill = plan.skill_rows()[0]
    skill.rating, skill.note = 3, "@SUM(1+1)"
    skill.save()
    plan.milestone_rows()[0].set_reached(True)
    PortfolioCase.objects.create(
        user=owner,
        track=plan.track,
        title='=HYPERLINK("https://evil.example","Click")',
        problem="产品经理作品集: 结账流程",
        action="-2+3",
        outcome="+1",
        link="https://example.com/case",
        status="published",
    )
    NetworkingStep.objects.create(
        user=owner, who="Priya at Acme", kind="mentor", date=datetime.date(2026, 3, 4), notes="\tTabbed", done=True
    )
    return plan


@pytest.mark.django_db
@pytest.mark.parametrize("key", SECTION_KEYS)
def test_each_section_downloads_as_a_spreadsheet_with_a_header_row(owner_client, filled, key):
    response = download(owner_client, key)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith(f'attachment; filename="pm-planner-{key}-')
    assert response["Content-Disposition"].endswith('.csv"')
    assert "no-store" in response["Cache-Control"]
    rows = parse(response)
    assert rows[0] == SHEETS[key].header
    expected = list(getattr(filled, SECTIONS[key].rows)())
    assert len(rows) == len(expected) + 1
    assert [row[0] for row in rows[1:]] == [neutralise(item.title) for item in expected]


@pytest.mark.django_db
def test_rows_match_the_data(owner_client, filled):
    cases = parse(download(owner_client, "portfolio"))
    assert cases[1] == [
        '\'=HYPERLINK("https://evil.example","Click")',
        "Technical PM",
        "Published",
        "产品经理作品集: 结账流程",
        "'-2+3",
        "'+1",
        "https://example.com/case",
        PortfolioCase.objects.get().created.date().isoformat(),
    ]
    courses = parse(download(owner_client, "courses"))
    course = filled.course_rows()[0]
    assert courses[1] == [
        course.title,
        course.course.provider,
        course.course.duration,
        "Completed",
        course.completed_on.isoformat(),
        "'=cmd|' /C calc'!A0",
        "https://example.com/certificate",
        course.course.url,
        "no",
    ]
    assert parse(download(owner_client, "networking"))[1] == [
        "Priya at Acme",
        "Mentor",
        "2026-03-04",
        "",
        "yes",
        "'\tTabbed",
    ]
    skill = filled.skill_rows()[0]
    assert parse(download(owner_client, "skills"))[1] == [skill.title, "3", "Confident", "'@SUM(1+1)", "no"]
    milestone = filled.milestone_rows()[0]
    assert parse(download(owner_client, "milestones"))[1] == [
        milestone.title,
        "yes",
        milestone.reached_on.isoformat(),
        "",
        "no",
    ]
    first = filled.checklist_rows()[0]
    assert parse(download(owner_client, "checklist"))[1] == [first.title, "First step", "no", "no"]


@pytest.mark.django_db
def test_no_cell_of_any_section_can_run_as_a_formula(owner_client, filled):
    for key in SECTION_KEYS:
        for row in parse(download(owner_client, key)):
            for cell in row:
                assert not cell.startswith(FORMULA_STARTS), (key, cell)


@pytest.mark.django_db
def test_holds_only_the_persons_own_rows(owner_client, filled, stranger_plan):
    for key in ("portfolio", "networking"):
        text = download(owner_client, key).content.decode("utf-8-sig")
        assert "Stranger" not in text


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_log_in(client):
    url = reverse("sharing:csv", args=["courses"])
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={url}"


@pytest.mark.django_db
def test_without_an_active_plan_goes_to_the_plan_page(owner_client):
    response = owner_client.get(reverse("sharing:csv", args=["courses"]))
    assert response.status_code == 302
    assert response.url == reverse("plans:plan")


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/share/download/plans.csv", "/share/download/courses.json", "/share/download/.csv"])
def test_unknown_sections_are_404(owner_client, plan, path):
    assert owner_client.get(path).status_code == 404


@pytest.mark.django_db
def test_read_only(owner_client, plan):
    assert owner_client.post(reverse("sharing:csv", args=["courses"])).status_code == 405


@pytest.mark.django_db
def test_each_section_page_links_to_its_download(owner_client, plan):
    for key in SECTION_KEYS:
        html = owner_client.get(reverse(f"plans:{key}")).content.decode()
        assert f'<a href="{reverse("sharing:csv", args=[key])}" download>' in html


# session, user, the active plan, the section's rows
CSV_QUERIES = 4


@pytest.mark.django_db
@pytest.mark.parametrize("extra", [0, 170], ids=["small plan", "500-item plan"])
@pytest.mark.parametrize("key", SECTION_KEYS)
def test_one_query_per_section_at_any_size(owner, owner_client, key, extra, django_assert_num_queries):
    plan = Plan.start(owner, Track.objects.get(slug="technical"))
    add_items(plan, extra)
    with django_assert_num_queries(CSV_QUERIES):
        response = download(owner_client, key)
    assert len(parse(response)) == getattr(plan, SECTIONS[key].rows)().count() + 1
