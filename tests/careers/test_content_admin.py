"""An admin that fits the content: short fields in compact rows and the rest on each item's own page,
slugs filled in from titles, rows put in order by dragging (or, without JavaScript, by a number on the
item's page), "View on site", and lists that search, filter and show what staff scan by."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from careers.admin import ContentAdmin, OrderedWithinTrackAdmin
from careers.models import ContentBlock, Course, Habit, Responsibility, Role, Skill, Track
from plans.models import SuggestedStep
from tests.helpers import admin_change_data, drag_rows

pytestmark = pytest.mark.django_db

IBM = "ibm-product-manager-professional-certificate"
CONTENT_ADMINS = [(m, a) for m, a in admin.site._registry.items() if isinstance(a, ContentAdmin)]


def change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def changelist(model) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def titles(response) -> list[str]:
    return [str(obj) for obj in response.context["cl"].result_list]


def test_every_content_list_is_put_in_order_by_dragging():
    ordered = {m for m, _a in CONTENT_ADMINS}
    assert {Track, Course, Skill, Role, Responsibility, SuggestedStep} <= ordered
    # Site copy is looked up by its slug, so its order means nothing.
    assert ContentBlock not in ordered


@pytest.mark.parametrize(("model", "model_admin"), CONTENT_ADMINS, ids=lambda x: getattr(x, "__name__", ""))
def test_slugs_are_filled_in_from_the_title(model, model_admin):
    assert list(model_admin.prepopulated_fields) == ["slug"], model.__name__


@pytest.mark.parametrize(("model", "model_admin"), CONTENT_ADMINS, ids=lambda x: getattr(x, "__name__", ""))
def test_every_add_page_opens_without_a_position_to_type(staff_client, model, model_admin):
    # A new row goes to the end of its list; it is dragged from there.
    opts = model._meta
    response = staff_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    assert response.status_code == 200
    assertNotContains(response, 'name="order"')


class TestViewOnSite:
    @pytest.mark.parametrize(
        ("model", "slug", "shown"),
        [
            (Track, "technical", "The Technical Product Manager"),
            (Course, IBM, "IBM Product Manager Professional Certificate"),
            (Skill, "technical-system-architecture", "System architecture"),
            (Responsibility, "technical-guide-technical-product-development", "Guide technical product development"),
        ],
    )
    def test_the_change_page_links_to_where_it_shows_and_it_is_there(self, staff_client, client, model, slug, shown):
        obj = model.objects.get(slug=slug)
        assertContains(staff_client.get(change_url(obj)), f'href="{obj.get_absolute_url()}"')
        assertContains(client.get(obj.get_absolute_url()), shown)

    def test_every_content_page_with_a_public_page_has_the_link(self, staff_client):
        for model, _model_admin in CONTENT_ADMINS:
            obj = model.objects.first()
            if obj is None or not hasattr(obj, "get_absolute_url"):
                continue
            assertContains(staff_client.get(change_url(obj)), "View on site", msg_prefix=model.__name__)

    def test_retired_content_has_no_link_since_the_site_no_longer_shows_it(self, staff_client):
        course = Course.objects.get(slug=IBM)
        course.retired = True
        course.save()
        assertNotContains(staff_client.get(change_url(course)), "View on site")

    def test_a_course_opens_the_catalogue_at_its_track(self):
        assert Course.objects.get(slug=IBM).get_absolute_url() == reverse("careers:courses") + "?track=general"
        ux = Course.objects.get(slug="ux-ux-design-professional-certificate")
        assert ux.get_absolute_url() == reverse("careers:courses") + "?track=ux"


class TestLists:
    def test_courses_filter_by_track_and_retired(self, staff_client):
        ux = Track.objects.get(slug="ux")
        shown = titles(staff_client.get(changelist(Course), {"tracks__id__exact": ux.pk}))
        assert len(shown) == 3 and all("UX" in t or "User Experience" in t for t in shown)
        Course.objects.filter(slug=IBM).update(retired=True)
        assert titles(staff_client.get(changelist(Course), {"retired__exact": "1"})) == [
            "IBM Product Manager Professional Certificate by IBM"
        ]

    def test_courses_are_searched_by_title_provider_and_description(self, staff_client):
        assert len(titles(staff_client.get(changelist(Course), {"q": "Michigan"}))) == 2
        assert titles(staff_client.get(changelist(Course), {"q": "stakeholders"})) == [
            "IBM Product Manager Professional Certificate by IBM"
        ]

    def test_the_course_list_shows_the_facts_unknown_where_unchecked(self, staff_client):
        response = staff_client.get(changelist(Course))
        for column in ("Provider", "Tracks", "Level", "Duration", "Weekly effort", "Cost", "Retired"):
            assertContains(response, column)
        assertContains(response, "Less than 3 months")
        assertContains(response, "unknown")  # an empty duration or effort says so

    def test_skills_filter_by_track_and_retired(self, staff_client):
        ux = Track.objects.get(slug="ux")
        shown = staff_client.get(changelist(Skill), {"track__id__exact": ux.pk}).context["cl"].result_list
        assert {s.track_id for s in shown} == {ux.pk}
        assert staff_client.get(changelist(Skill), {"retired__exact": "1"}).context["cl"].result_count == 0

    def test_the_general_ladder_is_the_roles_without_a_track(self, staff_client):
        shown = staff_client.get(changelist(Role), {"track__isnull": "True"}).context["cl"].result_list
        assert shown and all(r.track_id is None for r in shown)


class TestDragAndDrop:
    def test_dragging_courses_saves_their_order_and_the_catalogue_follows(self, staff_client, client):
        client.get(reverse("careers:courses"))  # cached
        courses = list(Course.objects.order_by("order", "pk"))
        ibm = courses[-1]
        moved = [ibm, *courses[:-1]]
        response = drag_rows(staff_client, Course, [[c.pk, i + 1] for i, c in enumerate(moved)])
        assert response.status_code == 200
        assert list(Course.objects.order_by("order", "pk")) == moved
        html = client.get(reverse("careers:courses")).content.decode()
        assert html.index(ibm.title) < html.index(courses[0].title)

    def test_a_list_that_mixes_tracks_cannot_be_dragged(self, staff_client):
        everything = staff_client.get(changelist(Skill))
        assertNotContains(everything, 'class="drag handle"')
        assertContains(everything, "Choose a track on the right to drag rows into order")
        # Grouped by track, each track's skills in their order.
        tracks = [s.track.order for s in everything.context["cl"].result_list]
        assert tracks == sorted(tracks)
        ux = Track.objects.get(slug="ux")
        one_track = staff_client.get(changelist(Skill), {"track__id__exact": ux.pk})
        assertContains(one_track, 'class="drag handle"', count=ux.skills.count())

    def test_a_drag_needs_a_post_with_rows_and_change_permission(self, staff_client, client, owner):
        url = reverse("admin:careers_course_sortable_update")
        assert staff_client.get(url).status_code == 405
        assert staff_client.post(url, "not json", content_type="application/json").status_code == 400
        assert staff_client.post(url, '{"updatedItems": [["x", 1]]}', content_type="application/json").status_code == (
            400
        )
        client.force_login(owner)
        assert client.post(url, "{}", content_type="application/json").status_code == 302  # to the admin's login

    def test_without_javascript_a_rows_own_page_sets_its_position(self, staff_client, client):
        course = Course.objects.get(slug=IBM)
        page = staff_client.get(change_url(course))
        assertContains(page, 'name="order"')
        data = admin_change_data(page)
        response = staff_client.post(change_url(course), {**data, "order": "0"})
        assert response.status_code == 302
        assert Course.objects.order_by("order", "pk").first() == course
        html = client.get(reverse("careers:courses")).content.decode()
        assert html.index(course.title) < html.index("Product Development for Technical Managers")

    def test_a_new_row_goes_to_the_end_of_its_list(self, staff_client):
        add = staff_client.get(reverse("admin:careers_habit_add"))
        assertNotContains(add, 'name="order"')
        response = staff_client.post(
            reverse("admin:careers_habit_add"), {"slug": "ship-small", "text_en": "Ship small"}
        )
        assert response.status_code == 302
        assert Habit.objects.order_by("order", "pk").last().slug == "ship-small"

    def test_dragged_rows_on_the_track_page_are_saved_with_it(self, staff_client):
        # What the drag does in the browser: it renumbers the rows' hidden order fields before "Save".
        track = Track.objects.get(slug="technical")
        url = change_url(track)
        page = staff_client.get(url)
        data = admin_change_data(page)
        inline = next(f for f in page.context["inline_admin_formsets"] if f.formset.model is Responsibility)
        forms = inline.formset.forms
        for position, form in enumerate([forms[-1], *forms[:-1]], start=1):
            data[form.add_prefix("order")] = str(position)
        assert staff_client.post(url, data).status_code == 302
        expected = [forms[-1].instance.text, *(f.instance.text for f in forms[:-1])]
        assert list(track.responsibilities.order_by("order").values_list("text", flat=True)) == expected

    def test_saving_the_track_page_without_javascript_keeps_the_order(self, staff_client):
        track = Track.objects.get(slug="technical")
        before = list(track.responsibilities.order_by("order", "pk").values_list("text", flat=True))
        url = change_url(track)
        assert staff_client.post(url, admin_change_data(staff_client.get(url))).status_code == 302
        assert list(track.responsibilities.order_by("order", "pk").values_list("text", flat=True)) == before


class TestTrackPage:
    def test_short_fields_in_rows_long_text_on_each_items_own_page(self, staff_client):
        page = staff_client.get(change_url(Track.objects.get(slug="technical")))
        for inline in page.context["inline_admin_formsets"]:
            # Each text is there in English and Chinese: count it once.
            fields = [
                f
                for f in inline.formset.form.base_fields
                if f not in {"id", "track", "DELETE", "order"} and not f.endswith("_zh_hans")
            ]
            assert len(fields) <= 3, (inline.formset.model.__name__, fields)
            assert inline.opts.show_change_link
        html = page.content.decode()
        # Skills and roles keep their descriptions on their own pages, one click away.
        skill = Skill.objects.get(slug="technical-system-architecture")
        assert f'href="{change_url(skill)}"' in html
        assert 'name="skills-0-description"' not in html

    def test_one_perfect_for_text(self, staff_client):
        page = staff_client.get(change_url(Track.objects.get(slug="technical")))
        assertContains(page, 'name="perfect_for_en"')
        assertContains(page, 'name="perfect_for_zh_hans"')
        assertNotContains(page, "most_suitable_for")
        assertContains(page, "Tech-savvy individuals who love working with engineering teams")

    def test_it_lists_its_courses_with_links_to_their_pages(self, staff_client):
        track = Track.objects.get(slug="ux")
        page = staff_client.get(change_url(track))
        for course in track.courses.all():
            assertContains(page, f"<a href='{change_url(course)}'>{course.title}</a>", html=False)
        assertContains(page, reverse("admin:careers_course_add") + f"?tracks={track.pk}")

    def test_per_track_lists_are_the_track_pages_inlines(self):
        for model in (Responsibility, Skill, Role):
            assert isinstance(admin.site._registry[model], OrderedWithinTrackAdmin)


class TestCourseFacts:
    def test_a_course_page_groups_its_facts(self, staff_client):
        page = staff_client.get(change_url(Course.objects.get(slug=IBM)))
        assert [name for name, _opts in page.context["adminform"].fieldsets][:2] == [
            None,
            "Facts from the provider\u2019s page",
        ]
        for name in ("level", "duration_en", "weekly_effort_en", "cost_model", "language_en", "facts_source"):
            assertContains(page, f'name="{name}"')

    @pytest.mark.parametrize(
        ("field", "value", "error"),
        [
            ("level", "expert", "Select a valid choice"),
            ("cost_model", "cheap", "Select a valid choice"),
            ("weekly_effort_en", "x" * 61, "Ensure this value has at most 60 characters"),
            ("weekly_effort_zh_hans", "x" * 61, "Ensure this value has at most 60 characters"),
            ("url", "javascript:alert(1)", "Enter a valid URL"),
        ],
    )
    def test_bad_facts_get_a_form_error_and_change_nothing(self, staff_client, field, value, error):
        course = Course.objects.get(slug=IBM)
        data = admin_change_data(staff_client.get(change_url(course)))
        response = staff_client.post(change_url(course), {**data, field: value})
        assert response.status_code == 200
        assertContains(response, error)
        assert Course.objects.get(slug=IBM).level == "beginner"
