from django.contrib import admin
from django.contrib.sites.models import Site

# The one site is configured by SITE_DOMAIN and written on every migrate
# (accounts/site.py): an edit in the admin would be undone by the next release.
admin.site.unregister(Site)
