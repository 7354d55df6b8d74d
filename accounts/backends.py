"""Authentication backends that load the user's profile with the user.

Every page shows the person's name and renders their theme, so the profile is
read on every signed-in request: joined to the query that loads the user, it
costs no query of its own."""

from __future__ import annotations

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import backends, get_user_model


class ProfileJoined:
    def get_user(self, user_id):
        user_model = get_user_model()
        try:
            user = user_model._default_manager.select_related("profile").get(pk=user_id)
        except user_model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


class ModelBackend(ProfileJoined, backends.ModelBackend):
    """Django's username and password backend (the admin's login)."""


class AuthenticationBackend(ProfileJoined, AllauthBackend):
    """allauth's email and password backend (the site's login)."""
