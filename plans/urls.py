from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("", views.plan, name="plan"),
    path("start/<slug:slug>/", views.start, name="start"),
]
