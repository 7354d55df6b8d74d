from django.contrib import admin
from django.urls import include, path

from careers import views as career_views

from . import views

urlpatterns = [
    path("", career_views.home, name="home"),
    path("", include("careers.urls")),
    path("plan/", include("plans.urls")),
    path("accounts/", include("allauth.urls")),
    path("account/", include("accounts.urls")),
    # The sharing page (/share/), public portfolio pages (/p/…) and plan links for mentors (/shared-plan/…).
    path("", include("sharing.urls")),
    path("admin/insights/", include("insights.urls")),
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    path("design/", views.style_guide, name="style_guide"),
]

admin.site.site_header = "PM Planner content"
admin.site.site_title = "PM Planner admin"
admin.site.index_title = "Career content and users"
# The app list beside every page took a quarter of a 1,280 px window; the breadcrumbs and the index lead the way.
admin.site.enable_nav_sidebar = False
