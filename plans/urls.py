from django.urls import path

from . import views
from .views import CASE, CHECKLIST, COURSE, MILESTONE, NETWORKING, SKILL

app_name = "plans"


def item_urls(prefix: str, kind: views.ItemKind, *, state: str, state_view, deletable: bool = False) -> list:
    """Show (for Cancel), edit and one explicit state-setting URL per item kind."""
    urls = [
        path(f"{prefix}/<int:pk>/", views.item, {"kind": kind}, name=kind.name),
        path(f"{prefix}/<int:pk>/{state}/", state_view, name=f"{kind.name}_{state}"),
    ]
    if kind.edit_form:
        urls.append(path(f"{prefix}/<int:pk>/edit/", views.edit, {"kind": kind}, name=f"{kind.name}_edit"))
    if deletable:
        urls += [
            path(f"{prefix}/add/", views.add, {"kind": kind}, name=f"{kind.name}_add"),
            path(f"{prefix}/<int:pk>/delete/", views.delete, {"kind": kind}, name=f"{kind.name}_delete"),
        ]
    return urls


urlpatterns = [
    path("", views.plan, name="plan"),
    path("start/<slug:slug>/", views.start, name="start"),
    path("archived/", views.archived_plans, name="archived"),
    path("archived/<int:pk>/", views.archived_plan, name="archived_detail"),
    path("<int:pk>/activate/", views.activate, name="activate"),
    path("next-steps/", views.next_steps, name="next_steps"),
    *item_urls("checklist", CHECKLIST, state="done", state_view=views.checklist_done),
    *item_urls("courses", COURSE, state="status", state_view=views.course_status),
    *item_urls("cases", CASE, state="status", state_view=views.case_status, deletable=True),
    *item_urls("networking", NETWORKING, state="done", state_view=views.networking_done, deletable=True),
    path("networking/suggested/<slug:slug>/", views.networking_add_suggested, name="networking_add_suggested"),
    *item_urls("skills", SKILL, state="rating", state_view=views.skill_rating),
    *item_urls("milestones", MILESTONE, state="reached", state_view=views.milestone_reached),
]
