"""Filters the assessment's templates need to show points the way results read."""

from django import template
from django.utils.translation import gettext, pgettext

from careers.assessment import names_and
from careers.assessment import signed as signed_points

register = template.Library()


@register.filter
def signed(points: int) -> str:
    """+12, 0 or -7 (with a true minus sign)."""
    return signed_points(int(points))


@register.filter
def track_names(scores: list[dict], joiner: str = "and") -> str:
    """The tracks of `scores` as one phrase in the page's language: "UX PM and Strategic PM",
    "UX PM or Strategic PM" (joiner "or"), "UX PM (+21) and Strategic PM (+12)" (joiner "scores")."""
    if joiner == "scores":
        # Translators: a track and its score in a list, "UX PM (+21)".
        names = [gettext("%(track)s (%(score)s)") % {"track": s["name"], "score": signed(s["score"])} for s in scores]
    else:
        names = [s["name"] for s in scores]
    if joiner != "or" or len(names) < 2:
        return names_and(names)
    first = pgettext("list separator", ", ").join(names[:-1])
    # Translators: between two track names, "UX PM or Strategic PM".
    return pgettext("either track", " or ").join([first, names[-1]])
