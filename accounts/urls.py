from django.urls import path, re_path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("profile/", views.update_profile, name="profile"),
    path("theme/", views.set_theme, name="theme"),
    path("export/", views.export, name="export"),
    path("delete/", views.delete, name="delete"),
    path("reminders/", views.reminder_settings, name="reminders"),
    # A signed token (django.core.signing): base64url, colons, and a dot when compressed.
    re_path(r"^reminders/unsubscribe/(?P<token>[-a-zA-Z0-9_:.]+)/$", views.unsubscribe, name="unsubscribe"),
    path("calendar/new/", views.calendar_new, name="calendar_new"),
    path("calendar/off/", views.calendar_off, name="calendar_off"),
]
