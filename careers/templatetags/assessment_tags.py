"""Filters the assessment's templates need to show points the way results read."""

from django import template

from careers.assessment import signed as signed_points

register = template.Library()


@register.filter
def signed(points: int) -> str:
    """+12, 0 or -7 (with a true minus sign)."""
    return signed_points(int(points))
