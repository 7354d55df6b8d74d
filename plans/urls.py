from django.urls import path

from . import calendar, history_views, views
from .models import ChecklistItem, CourseProgress, MilestoneProgress, NetworkingStep, PortfolioCase, SkillRating

app_name = "plans"

# Each row URL names the kind of row it acts on ({"model": …}); the views are
# shared (views.row, views.set_state, views.edit, views.delete).
CHECKLIST = {"model": ChecklistItem}
COURSE = {"model": CourseProgress}
CASE = {"model": PortfolioCase}
STEP = {"model": NetworkingStep}
SKILL = {"model": SkillRating}
MILESTONE = {"model": MilestoneProgress}

urlpatterns = [
    # The overview and a page per section.
    path("", views.plan, name="plan"),
    path("checklist/", views.section, {"key": "checklist"}, name="checklist"),
    path("courses/", views.section, {"key": "courses"}, name="courses"),
    path("portfolio/", views.section, {"key": "portfolio"}, name="portfolio"),
    path("networking/", views.section, {"key": "networking"}, name="networking"),
    path("skills/", views.section, {"key": "skills"}, name="skills"),
    path("milestones/", views.section, {"key": "milestones"}, name="milestones"),
    # Every change the person made, and the plan's target date.
    path("history/", history_views.history_page, name="history"),
    path("target/", history_views.plan_target, name="plan_target"),
    # The private calendar feed: the token is the key (works signed out).
    path("calendar/<slug:token>.ics", calendar.feed, name="calendar_feed"),
    # Plans: start a track (or switch to it), archived plans.
    path("start/<slug:slug>/", views.start, name="start"),
    path("archived/", views.archived_plans, name="archived"),
    path("archived/<int:pk>/", views.archived_plan, name="archived_detail"),
    path("<int:pk>/activate/", views.activate, name="activate"),
    # First steps and habits.
    path("checklist/<int:pk>/done/", views.set_state, CHECKLIST, name="checklist_done"),
    # Courses.
    path("courses/<int:pk>/", views.row, COURSE, name="course"),
    path("courses/<int:pk>/status/", views.set_state, COURSE, name="course_status"),
    path("courses/<int:pk>/edit/", views.edit, COURSE, name="course_edit"),
    # Portfolio cases.
    path("portfolio/add/", views.case_add, name="case_add"),
    path("portfolio/<int:pk>/", views.row, CASE, name="case"),
    path("portfolio/<int:pk>/status/", views.set_state, CASE, name="case_status"),
    path("portfolio/<int:pk>/edit/", views.edit, CASE, name="case_edit"),
    path("portfolio/<int:pk>/delete/", views.delete, CASE, name="case_delete"),
    # Networking log.
    path("networking/add/", views.networking_add, name="networking_add"),
    path("networking/suggested/<slug:slug>/", views.networking_add_suggested, name="networking_add_suggested"),
    path("networking/<int:pk>/", views.row, STEP, name="step"),
    path("networking/<int:pk>/done/", views.set_state, STEP, name="step_done"),
    path("networking/<int:pk>/edit/", views.edit, STEP, name="step_edit"),
    path("networking/<int:pk>/delete/", views.delete, STEP, name="step_delete"),
    # Skills.
    path("skills/<int:pk>/", views.row, SKILL, name="skill"),
    path("skills/<int:pk>/rating/", views.set_state, SKILL, name="skill_rating"),
    path("skills/<int:pk>/edit/", views.edit, SKILL, name="skill_edit"),
    # Milestones.
    path("milestones/<int:pk>/", views.row, MILESTONE, name="milestone"),
    path("milestones/<int:pk>/reached/", views.set_state, MILESTONE, name="milestone_reached"),
    path("milestones/<int:pk>/edit/", views.edit, MILESTONE, name="milestone_edit"),
]
