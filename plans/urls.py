from django.urls import path

from . import calendar, history_views, views

app_name = "plans"

urlpatterns = [
    # The overview and a page per section.
    path("", views.plan, name="plan"),
    path("checklist/", views.checklist, name="checklist"),
    path("courses/", views.courses, name="courses"),
    path("portfolio/", views.portfolio, name="portfolio"),
    path("networking/", views.networking, name="networking"),
    path("skills/", views.skills, name="skills"),
    path("milestones/", views.milestones, name="milestones"),
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
    path("checklist/<int:pk>/done/", views.checklist_done, name="checklist_done"),
    # Courses.
    path("courses/<int:pk>/", views.course, name="course"),
    path("courses/<int:pk>/status/", views.course_status, name="course_status"),
    path("courses/<int:pk>/edit/", views.course_edit, name="course_edit"),
    # Portfolio cases.
    path("portfolio/add/", views.case_add, name="case_add"),
    path("portfolio/<int:pk>/", views.case, name="case"),
    path("portfolio/<int:pk>/status/", views.case_status, name="case_status"),
    path("portfolio/<int:pk>/edit/", views.case_edit, name="case_edit"),
    path("portfolio/<int:pk>/delete/", views.case_delete, name="case_delete"),
    # Networking log.
    path("networking/add/", views.networking_add, name="networking_add"),
    path("networking/suggested/<slug:slug>/", views.networking_add_suggested, name="networking_add_suggested"),
    path("networking/<int:pk>/", views.step, name="step"),
    path("networking/<int:pk>/done/", views.step_done, name="step_done"),
    path("networking/<int:pk>/edit/", views.step_edit, name="step_edit"),
    path("networking/<int:pk>/delete/", views.step_delete, name="step_delete"),
    # Skills.
    path("skills/<int:pk>/", views.skill, name="skill"),
    path("skills/<int:pk>/rating/", views.skill_rating, name="skill_rating"),
    path("skills/<int:pk>/edit/", views.skill_edit, name="skill_edit"),
    # Milestones.
    path("milestones/<int:pk>/", views.milestone, name="milestone"),
    path("milestones/<int:pk>/reached/", views.milestone_reached, name="milestone_reached"),
    path("milestones/<int:pk>/edit/", views.milestone_edit, name="milestone_edit"),
]
