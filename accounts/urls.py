from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("profile/", views.update_profile, name="profile"),
    path("theme/", views.set_theme, name="theme"),
    path("export/", views.export, name="export"),
    path("delete/", views.delete, name="delete"),
]
