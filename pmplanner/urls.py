from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy

from accounts import language
from careers import views as career_views

from . import views

# Addresses that are the same in every language: machines poll them (/healthz),
# staff work in English (/admin/), and the switcher posts to one address.
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("i18n/setlang/", language.set_language, name="set_language"),
    path("admin/insights/", include("insights.urls")),
    path("admin/", admin.site.urls),
]

# The site's pages, in English at their usual addresses and in Chinese under
# /zh-hans/. The calendar feed and the reminder emails' unsubscribe links are
# here too: their English (unprefixed) addresses never change, and a feed is
# written in its owner's language whichever address it is read at.
urlpatterns += i18n_patterns(
    path("", career_views.home, name="home"),
    path("", include("careers.urls")),
    path("plan/", include("plans.urls")),
    path("accounts/", include("allauth.urls")),
    path("account/", include("accounts.urls")),
    # The sharing page (/share/), public portfolio pages (/p/…) and plan links for mentors (/shared-plan/…).
    path("", include("sharing.urls")),
    path("design/", views.style_guide, name="style_guide"),
    prefix_default_language=False,
)

admin.site.site_header = gettext_lazy("PM Planner content")
admin.site.site_title = gettext_lazy("PM Planner admin")
admin.site.index_title = gettext_lazy("Career content and users")
# The app list beside every page took a quarter of a 1,280 px window; the breadcrumbs and the index lead the way.
admin.site.enable_nav_sidebar = False
