from django.urls import path

from . import assessment_views, views

app_name = "careers"

urlpatterns = [
    path("tracks/", views.compare, name="compare"),
    path("tracks/<slug:slug>/", views.track_detail, name="track"),
    path("courses/", views.course_list, name="courses"),
    path("guide/", views.guide, name="guide"),
    path("assessment/", assessment_views.assessment, name="assessment"),
    path("assessment/start/", assessment_views.assessment_start, name="assessment_start"),
    path("assessment/step/<int:number>/", assessment_views.assessment_step, name="assessment_step"),
    path("assessment/results/", assessment_views.assessment_history, name="assessment_history"),
    path("assessment/results/<int:pk>/", assessment_views.assessment_result, name="assessment_result"),
]
