from django.urls import path

from . import views

app_name = "careers"

urlpatterns = [
    path("tracks/<slug:slug>/", views.track_detail, name="track"),
    path("courses/", views.course_list, name="courses"),
    path("guide/", views.guide, name="guide"),
]
