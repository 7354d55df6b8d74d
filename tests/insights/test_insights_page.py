"""The staff insights page and its CSV: the right aggregates for a known population, staff only, and never a
group of fewer than five people, in the charts, the tables or the download."""

from __future__ import annotations

import csv
import datetime
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from careers.models import AssessmentResult, Course, Track
from insights.figures import FEWER, WITHHELD
from insights.queries import weekly_active_users
from plans.models import CourseProgress, NetworkingStep, Plan, PortfolioCase

pytestmark = pytest.mark.django_db

PAGE, CSV = reverse("insights:page"), reverse("insights:csv")
IBM = "ibm-product-manager-professional-certificate"
TODAY = datetime.date(2026, 11, 30)


def people(n: int, track: str, start: int = 0) -> list:
    """n people with an active plan on the track (and the rows Plan.start makes)."""
    users = get_user_model().objects.bulk_create(
        get_user_model()(username=f"{track}{start + i}", email=f"{track}{start + i}@example.com") for i in range(n)
    )
    return [Plan.start(user, Track.objects.get(slug=track)).user for user in users]


@pytest.fixture
def population():
    """7 on Technical PM, 6 on Strategic PM, 3 on UX PM (a small group)."""
    return {"technical": people(7, "technical"), "strategic": people(6, "strategic"), "ux": people(3, "ux")}


def table(html: str, key: str) -> dict[str, list[str]]:
    """The numbers table of one section: row label -> its cells as shown."""
    section = html[html.index(f'id="{key}"') :]
    body = section[section.index("<tbody>") : section.index("</tbody>")]
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</th>(.*?)</tr>", body)
    return {label: re.findall(r"<td[^>]*>(.*?)</td>", cells) for label, cells in rows}


ALLOWED = [
    (re.compile(r"(\d[\d,]*)"), lambda m: int(m[1].replace(",", "")) >= 5),
    (re.compile(r"(\d+)% \(([\d,]+) of ([\d,]+)\)"), lambda m: int(m[2]) >= 5 and int(m[3]) - int(m[2]) >= 5),
    (re.compile(r"[\d.]+ days? \(([\d,]+) people\)"), lambda m: int(m[1].replace(",", "")) >= 5),
    (re.compile(f"{FEWER}|{WITHHELD}|all but {FEWER}|{FEWER} people"), lambda m: True),
]


def safe(value: str) -> bool:
    """Whether a figure as shown is a group of five or more, or says it is withheld."""
    return any((m := pattern.fullmatch(value)) and ok(m) for pattern, ok in ALLOWED)


def shown_figures(html: str) -> list[str]:
    """Every figure the page shows: the tables' cells, the charts' values and the charts' text equivalents."""
    cells = re.findall(r'<td class="text-end[^"]*">(.*?)</td>', html)
    bars = re.findall(r'<text class="chart-value[^"]*"[^>]*>(.*?)</text>', html)
    described = [
        part.rsplit(" ", 1)[-1] if part.rsplit(" ", 1)[-1].isdigit() else None
        for desc in re.findall(r"<desc [^>]*>(.*?)</desc>", html)
        for part in re.split(r"[;,.] ?", desc)
    ]
    return [*cells, *bars, *(d for d in described if d)]


class TestWhoSeesIt:
    def test_staff_see_it_linked_from_the_admin_index(self, staff_client):
        index = staff_client.get(reverse("admin:index")).content.decode()
        assert f'href="{PAGE}"' in index
        response = staff_client.get(PAGE)
        assert response.status_code == 200
        assert response["Cache-Control"].startswith("max-age=0")

    def test_a_content_editor_sees_it_too(self, client):
        editor = get_user_model().objects.create_user("ed", "ed@example.com", is_staff=True)
        editor.groups.add(Group.objects.get(name="Content editor"))
        client.force_login(editor)
        assert client.get(PAGE).status_code == 200 and client.get(CSV).status_code == 200

    @pytest.mark.parametrize("url", [PAGE, CSV])
    def test_anyone_else_is_sent_to_the_admin_login(self, client, owner_client, url):
        for someone in (client, owner_client):
            response = someone.get(url)
            assert response.status_code == 302 and response.url.startswith(reverse("admin:login"))

    @pytest.mark.parametrize("url", [PAGE, CSV])
    def test_it_only_reads(self, staff_client, url):
        assert staff_client.post(url).status_code == 405


class TestFigures:
    def test_people_per_track_with_the_small_group_withheld(self, staff_client, population):
        html = staff_client.get(PAGE).content.decode()
        assert table(html, "people-per-track") == {"Technical PM": ["7"], "UX PM": [FEWER], "Strategic PM": [WITHHELD]}
        assert ">3<" not in html.split('id="people-per-track"')[1].split("</section>")[0]

    def test_archived_plans_do_not_count_as_people_on_a_track(self, staff_client, population):
        for user in population["technical"][:3]:
            Plan.start(user, Track.objects.get(slug="strategic"))
        html = staff_client.get(PAGE).content.decode()
        assert table(html, "people-per-track")["Strategic PM"] == ["9"]

    def test_assessment_outcomes_count_each_persons_latest_result(self, staff_client, population):
        def result(user, verdict, slug, days_ago):
            created = timezone.now() - datetime.timedelta(days=days_ago)
            AssessmentResult.objects.create(
                user=user, method="v2", verdict=verdict, recommended_slug=slug, created=created
            )

        for user in population["technical"]:
            result(user, "no_preference", "", 30)  # earlier attempts: not counted
            result(user, "best_fit", "technical", 1)
        for user in population["strategic"]:
            result(user, "close_call", "strategic", 2)
        for _ in range(5):
            result(None, "no_preference", "", 3)  # visitors who never signed up: one each
        AssessmentResult.objects.create(user=population["ux"][0], method="v1", verdict="best_fit")  # earlier method
        rows = table(staff_client.get(PAGE).content.decode(), "assessment-outcomes")
        assert rows["Best fit: Technical PM"] == ["7"]
        assert rows["Close call: Strategic PM"] == ["6"]
        assert rows["No clear preference yet"] == ["5"]
        assert rows["Best fit: UX PM"] == [FEWER]

    def test_the_funnel_per_course(self, staff_client, population):
        rows = CourseProgress.objects.filter(course__slug=IBM).order_by("pk")  # every plan lists it: 16 people
        pks = list(rows.values_list("pk", flat=True))
        CourseProgress.objects.filter(pk__in=pks[:5]).update(status="completed")
        CourseProgress.objects.filter(pk__in=pks[5:11]).update(status="in_progress")
        funnel = table(staff_client.get(PAGE).content.decode(), "course-funnel")
        assert funnel["IBM Product Manager Professional Certificate"] == ["5", "6", "5"]
        # UX's courses: three people only, all not started.
        assert funnel["UX Design Professional Certificate"] == [FEWER, FEWER, FEWER]

    def test_median_days_from_start_to_completion(self, staff_client, population):
        rows = list(CourseProgress.objects.filter(course__slug=IBM).order_by("pk"))
        start = datetime.date(2026, 9, 1)
        for row, days in zip(rows, [1, 2, 3, 10, 20], strict=False):
            row.status, row.started_on, row.completed_on = "completed", start, start + datetime.timedelta(days=days)
            row.save()
        # Not counted: a completion back-dated before the start, and one never marked in progress first.
        CourseProgress.objects.filter(pk=rows[5].pk).update(
            status="completed", started_on=start, completed_on=start - datetime.timedelta(days=4)
        )
        CourseProgress.objects.filter(pk=rows[6].pk).update(status="completed", completed_on=start)
        technical = Course.objects.get(slug="technical-google-project-management-professional-certificate")
        for row in CourseProgress.objects.filter(course=technical)[:4]:
            row.status, row.started_on, row.completed_on = "completed", start, start + datetime.timedelta(days=9)
            row.save()
        medians = table(staff_client.get(PAGE).content.decode(), "days-to-complete")
        assert medians["IBM Product Manager Professional Certificate"] == ["3 days (5 people)"]
        assert medians[technical.title] == [f"{FEWER} people"]

    def test_share_of_active_plans_with_a_portfolio_and_a_network(self, staff_client, population):
        # Each share needs five people on both sides: 12 of 16 would tell that 4 have none.
        everyone = [u for group in population.values() for u in group]  # 16
        for user in everyone[:8]:
            PortfolioCase.objects.create(user=user, title="Case")
        for user in everyone[2:11]:
            NetworkingStep.objects.create(user=user, who="Someone")
        shares = table(staff_client.get(PAGE).content.decode(), "portfolio-and-network")
        assert shares == {
            "At least one portfolio case": ["50% (8 of 16)"],
            "At least one networking step": ["56% (9 of 16)"],
            "Both": ["38% (6 of 16)"],
        }

    def test_a_retired_course_people_have_is_still_counted_and_labelled(self, staff_client, population):
        Course.objects.filter(slug=IBM).update(retired=True)
        funnel = table(staff_client.get(PAGE).content.decode(), "course-funnel")
        assert "IBM Product Manager Professional Certificate (retired)" in funnel

    def test_charts_have_text_equivalents_and_the_numbers_a_table(self, staff_client, population):
        html = staff_client.get(PAGE).content.decode()
        assert (
            '<desc id="people-per-track-desc">Technical PM: 7; UX PM: fewer than 5; Strategic PM: withheld.</desc>'
            in html
        )
        assert 'aria-labelledby="people-per-track-title people-per-track-desc"' in html
        assert "<caption>People per track, in numbers</caption>" in html


class TestNoSmallGroup:
    def test_no_figure_on_the_page_or_in_the_csv_is_a_group_under_five(self, staff_client, population):
        for user in population["ux"]:
            PortfolioCase.objects.create(user=user, title="Case")
            AssessmentResult.objects.create(user=user, method="v2", verdict="best_fit", recommended_slug="ux")
        CourseProgress.objects.filter(user__in=population["ux"]).update(status="completed")
        html = staff_client.get(PAGE).content.decode()
        figures = shown_figures(html)
        assert len(figures) > 60
        assert [f for f in figures if not safe(f)] == []
        values = [
            row["value"] for row in csv.DictReader(io.StringIO(staff_client.get(CSV).content.decode("utf-8-sig")))
        ]
        assert values and [v for v in values if not safe(v)] == []

    def test_an_empty_site_shows_only_fewer_than_five(self, staff_client):
        html = staff_client.get(PAGE).content.decode()
        assert set(re.findall(r'<td class="text-end[^"]*">(.*?)</td>', html)) <= {FEWER, f"{FEWER} people"}


class TestCsv:
    def test_the_download_holds_every_table(self, staff_client, population):
        response = staff_client.get(CSV)
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert re.fullmatch(
            r'attachment; filename="pm-planner-insights-\d{4}-\d{2}-\d{2}\.csv"', response["Content-Disposition"]
        )
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert rows[0] == ["section", "group", "measure", "value"]
        assert ["People per track", "Technical PM", "People", "7"] in rows
        assert ["People per track", "UX PM", "People", FEWER] in rows
        assert {r[0] for r in rows[1:]} == {
            "People per track",
            "Assessment outcomes",
            "Progress per course",
            "Days from start to completion",
            "Active plans with a portfolio and a network",
            "Weekly active users",
        }

    def test_a_title_that_looks_like_a_formula_is_not_one(self, staff_client, population):
        Course.objects.filter(slug=IBM).update(title='=HYPERLINK("https://evil.test","IBM")')
        rows = list(csv.reader(io.StringIO(staff_client.get(CSV).content.decode("utf-8-sig"))))
        groups = {r[1] for r in rows}
        assert '\'=HYPERLINK("https://evil.test","IBM")' in groups
        assert not any(g.startswith(("=", "+", "-", "@")) for g in groups)


class TestWeeklyActiveUsers:
    """Weekly active users from any rows with a user and a time: the page wires it to the activity events
    once the planner records them; here portfolio cases stand in for them."""

    def test_distinct_people_per_week_for_twelve_weeks(self, population):
        everyone = [u for group in population.values() for u in group]
        monday = TODAY - datetime.timedelta(days=TODAY.weekday())

        def at(day: datetime.date) -> datetime.datetime:
            return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))

        for user in everyone[:6]:  # six people this week, one of them twice
            PortfolioCase.objects.create(user=user, title="a", created=at(TODAY))
        PortfolioCase.objects.create(user=everyone[0], title="again", created=at(monday))
        for user in everyone[:3]:  # three people eleven weeks ago
            PortfolioCase.objects.create(user=user, title="b", created=at(monday - datetime.timedelta(weeks=11)))
        for user in everyone:  # everyone twelve weeks ago: outside the window
            PortfolioCase.objects.create(user=user, title="c", created=at(monday - datetime.timedelta(weeks=12)))
        weeks = weekly_active_users(PortfolioCase.objects.all(), TODAY)
        assert len(weeks.rows) == 12
        assert weeks.rows[-1].label == f"{monday.day} {monday:%b %Y}"
        assert [row.cells[0].shown for row in weeks.rows] == [FEWER] * 11 + ["6"]


def test_weekly_active_users_come_from_the_activity_events(staff_client, population):
    """Every change a person makes is an event (plans.history); the page counts the people per week."""
    from plans.models import Event

    active = list(get_user_model().objects.order_by("pk")[:6])
    for user in active:  # two changes each this week: still six people
        Event.objects.bulk_create(
            Event(user=user, section="courses", item_title="A course", action="status") for _ in "ab"
        )
    rows = list(csv.reader(io.StringIO(staff_client.get(CSV).content.decode("utf-8-sig"))))
    weekly = [row for row in rows if row[0] == "Weekly active users"]
    assert len(weekly) == 12
    assert weekly[-1][-1] == "6"
