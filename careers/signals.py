"""Keep an anonymous visitor's assessment result when they sign up or log in;
change the content version whenever career content changes."""

from __future__ import annotations

from allauth.account.signals import user_logged_in, user_signed_up
from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from . import content_version, models
from .models import AssessmentResult


def _concrete(cls) -> list[type]:
    return [sub for sub in cls.__subclasses__() if not sub._meta.abstract] + [
        model for sub in cls.__subclasses__() for model in _concrete(sub)
    ]


content_version.track(
    *_concrete(models.SluggedContent),
    models.AnswerOption,
    models.OptionWeight,
    models.AssessmentSettings,
)

# A course added to or taken off a track (admin, load_content) changes content too.
m2m_changed.connect(
    content_version.bump, sender=models.Course.tracks.through, dispatch_uid="content_version_course_tracks", weak=False
)


@receiver(user_signed_up, dispatch_uid="careers_adopt_result_on_signup")
@receiver(user_logged_in, dispatch_uid="careers_adopt_result_on_login")
def adopt_anonymous_result(sender, request, user, **kwargs) -> None:
    AssessmentResult.adopt_from_session(request.session, user)
