"""Keep an anonymous visitor's assessment result when they sign up or log in;
change the content version whenever career content changes."""

from __future__ import annotations

from allauth.account.signals import user_logged_in, user_signed_up
from django.dispatch import receiver

from . import content_version, models
from .models import AssessmentResult

content_version.track(
    *models.SluggedContent.__subclasses__(),
    models.AnswerOption,
    models.OptionWeight,
    models.AssessmentSettings,
)


@receiver(user_signed_up, dispatch_uid="careers_adopt_result_on_signup")
@receiver(user_logged_in, dispatch_uid="careers_adopt_result_on_login")
def adopt_anonymous_result(sender, request, user, **kwargs) -> None:
    AssessmentResult.adopt_from_session(request.session, user)
