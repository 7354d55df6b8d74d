"""Course status and details: htmx fragments, plain-form fallbacks and bad input."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from plans.models import CourseProgress

from .conftest import HX


@pytest.fixture
def row(plan) -> CourseProgress:
    return plan.course_rows()[0]


def status_url(row) -> str:
    return reverse("plans:course_status", args=[row.pk])


def edit_url(row) -> str:
    return reverse("plans:course_edit", args=[row.pk])


def fresh(row) -> CourseProgress:
    return CourseProgress.objects.get(pk=row.pk)


class TestStatus:
    def test_htmx_gets_the_row_and_the_progress_out_of_band_in_one_response(self, owner_client, row):
        response = owner_client.post(status_url(row), {"status": "completed"}, **HX)
        assert response.status_code == 200
        html = response.content.decode()
        assert "<html" not in html
        assert html.lstrip().startswith(f'<li id="course-{row.pk}"')
        assert 'aria-pressed="true">Completed</button>' in html
        assert '<div id="progress-courses" class="progress-compact section-progress" hx-swap-oob="true">' in html
        assert "1 of 3 completed" in html
        assert '<div id="overall-progress" class="progress-compact overall-compact" hx-swap-oob="true">' in html
        assert '<div id="plan-announcer" hx-swap-oob="innerHTML">' in html
        assert f"“{row.course.title}” marked completed. Courses: 1 of 3 completed." in html
        assert "HX-Trigger" not in response  # nothing asks the page for a second request
        assert fresh(row).status == "completed"

    def test_answer_is_small(self, owner_client, row):
        response = owner_client.post(status_url(row), {"status": "in_progress"}, **HX)
        assert len(response.content) < 3000

    def test_without_htmx_redirects_back_to_the_row(self, owner_client, row):
        response = owner_client.post(status_url(row), {"status": "in_progress"})
        assert response.status_code == 302
        assert response.url == reverse("plans:courses") + f"#course-{row.pk}"
        assert fresh(row).status == "in_progress"
        page = owner_client.get(response.url).content.decode()
        assert "marked in progress" in page

    def test_without_htmx_returns_to_the_page_it_came_from(self, owner_client, row):
        came_from = "http://testserver" + reverse("plans:courses") + "?page=1"
        response = owner_client.post(status_url(row), {"status": "in_progress"}, HTTP_REFERER=came_from)
        assert response.url == reverse("plans:courses") + f"?page=1#course-{row.pk}"

    def test_a_referer_elsewhere_is_ignored(self, owner_client, row):
        response = owner_client.post(status_url(row), {"status": "in_progress"}, HTTP_REFERER="https://evil.test/x")
        assert response.url == reverse("plans:courses") + f"#course-{row.pk}"

    def test_completing_stamps_today_and_leaving_completed_clears_it(self, owner_client, row):
        owner_client.post(status_url(row), {"status": "completed"}, **HX)
        assert fresh(row).completed_on == timezone.localdate()
        owner_client.post(status_url(row), {"status": "in_progress"}, **HX)
        assert fresh(row).completed_on is None

    def test_setting_the_same_state_twice_keeps_it(self, owner_client, row):
        """A double click or a retry never flips it back: the request carries the state."""
        for _ in range(2):
            owner_client.post(status_url(row), {"status": "completed"}, **HX)
        assert fresh(row).status == "completed"

    @pytest.mark.parametrize("value", ["done", "", "COMPLETED", "toggle", "x" * 500, "completed\x00"])
    def test_unknown_status_is_rejected_next_to_the_row(self, owner_client, row, value):
        response = owner_client.post(status_url(row), {"status": value}, **HX)
        assert response.status_code == 422
        html = response.content.decode()
        assert html.lstrip().startswith(f'<li id="course-{row.pk}"')
        assert 'role="alert"' in html and "Nothing was changed" in html
        assert "hx-swap-oob" not in html
        assert fresh(row).status == "not_started"

    def test_unknown_status_without_htmx_says_so_on_the_page(self, owner_client, row):
        response = owner_client.post(status_url(row), {"status": "finished"}, follow=True)
        page = response.content.decode()
        assert "Nothing was changed" in page
        assert fresh(row).status == "not_started"

    def test_missing_status_is_rejected(self, owner_client, row):
        assert owner_client.post(status_url(row), {}, **HX).status_code == 422


class TestDetails:
    @pytest.fixture
    def completed(self, row):
        row.set_status(CourseProgress.Status.COMPLETED)
        return row

    def test_htmx_get_fetches_the_form_in_place_of_the_row(self, owner_client, completed):
        response = owner_client.get(edit_url(completed), **HX)
        html = response.content.decode()
        assert response.status_code == 200
        assert "<html" not in html
        assert html.lstrip().startswith(f'<li id="course-{completed.pk}"')
        assert f'hx-post="{edit_url(completed)}"' in html
        assert 'name="completed_on"' in html and 'name="note"' in html and 'name="certificate_url"' in html
        assert "autofocus" in html
        assert response["Vary"].count("HX-Request") == 1

    def test_plain_get_shows_a_page_with_the_form(self, owner_client, completed):
        page = owner_client.get(edit_url(completed)).content.decode()
        assert "<html" in page
        assert f'action="{edit_url(completed)}"' in page and 'name="certificate_url"' in page

    def test_no_completion_date_field_until_completed(self, owner_client, row):
        html = owner_client.get(edit_url(row), **HX).content.decode()
        assert 'name="completed_on"' not in html

    def test_text_fields_carry_their_maximum(self, owner_client, completed):
        html = owner_client.get(edit_url(completed), **HX).content.decode()
        assert 'maxlength="500"' in html and "Up to 500 characters." in html

    def test_save_updates_and_returns_the_row(self, owner_client, completed):
        data = {"completed_on": "2026-01-15", "note": "Loved <b>it</b>", "certificate_url": "https://cert.test/1"}
        response = owner_client.post(edit_url(completed), data, **HX)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Completed 15 Jan 2026" in html
        assert "Loved &lt;b&gt;it&lt;/b&gt;" in html
        assert 'href="https://cert.test/1"' in html
        saved = fresh(completed)
        assert (saved.completed_on, saved.note, saved.certificate_url) == (
            datetime.date(2026, 1, 15),
            "Loved <b>it</b>",
            "https://cert.test/1",
        )

    def test_save_without_htmx_redirects_to_the_row(self, owner_client, completed):
        data = {"completed_on": "2026-01-15", "note": "ok", "certificate_url": ""}
        response = owner_client.post(edit_url(completed), data)
        assert response.url == reverse("plans:courses") + f"#course-{completed.pk}"
        assert fresh(completed).note == "ok"

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ({"completed_on": "2026-02-30"}, "Enter a valid date."),
            ({"completed_on": "yesterday"}, "Enter a valid date."),
            ({"completed_on": ""}, "This field is required."),
            ({"completed_on": "2999-01-01"}, "Enter a completion date between 1 January 1970 and today"),
            ({"completed_on": "1969-12-31"}, "Enter a completion date between 1 January 1970 and today"),
            ({"note": "x" * 501}, "Ensure this value has at most 500 characters"),
            ({"note": "bell\x07"}, "Remove the control characters"),
            ({"note": "nul\x00"}, "Null characters are not allowed"),
            ({"certificate_url": "javascript:alert(1)"}, "Enter a web address"),
            ({"certificate_url": "ftp://files.test/cert"}, "Enter a web address"),
            ({"certificate_url": "data:text/html,hi"}, "Enter a web address"),
        ],
    )
    def test_bad_input_shows_inline_errors_and_changes_nothing(self, owner_client, completed, data, message):
        before = fresh(completed)
        good = {"completed_on": "2026-01-01", "note": "", "certificate_url": ""}
        response = owner_client.post(edit_url(completed), {**good, **data}, **HX)
        assert response.status_code == 422
        html = response.content.decode()
        assert message in html
        assert "is-invalid" in html and 'aria-invalid="true"' in html
        after = fresh(completed)
        assert (after.completed_on, after.note, after.certificate_url) == (
            before.completed_on,
            before.note,
            before.certificate_url,
        )

    def test_a_post_missing_fields_changes_nothing(self, owner_client, completed):
        completed.note = "Keep me"
        completed.save()
        response = owner_client.post(edit_url(completed), {"completed_on": "2026-01-01"}, **HX)
        assert response.status_code == 422
        assert "This field was missing from the form" in response.content.decode()
        assert fresh(completed).note == "Keep me"

    def test_bad_input_without_htmx_shows_the_form_page_with_errors(self, owner_client, completed):
        data = {"completed_on": "2026-02-30", "note": "", "certificate_url": ""}
        response = owner_client.post(edit_url(completed), data)
        assert response.status_code == 422
        page = response.content.decode()
        assert "<html" in page and "Enter a valid date." in page

    def test_bare_domain_is_taken_as_https(self, owner_client, completed):
        data = {"completed_on": "2026-01-01", "note": "", "certificate_url": "cert.test/9"}
        owner_client.post(edit_url(completed), data, **HX)
        assert fresh(completed).certificate_url == "https://cert.test/9"

    def test_cancel_returns_the_row(self, owner_client, row):
        response = owner_client.get(reverse("plans:course", args=[row.pk]), **HX)
        assert response.content.decode().lstrip().startswith(f'<li id="course-{row.pk}"')
        assert "item-form" not in response.content.decode()

    def test_cancel_without_htmx_goes_back_to_the_section(self, owner_client, row):
        response = owner_client.get(reverse("plans:course", args=[row.pk]))
        assert response.url == reverse("plans:courses") + f"#course-{row.pk}"
