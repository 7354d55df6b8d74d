from django.contrib import admin
from django.urls import path

from . import views

app_name = "insights"

# Wrapped like the admin's own views: staff only, anyone else goes to the admin's login.
urlpatterns = [
    path("", admin.site.admin_view(views.insights_page), name="page"),
    path("insights.csv", admin.site.admin_view(views.insights_csv), name="csv"),
]
